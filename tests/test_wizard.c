/* test_wizard.c: the interview's pages, fields, refusals and site edits. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ucplan/i18n.h"
#include "ucplan/model.h"
#include "ucplan/wizard.h"

enum { MSG = 512, VALUE = 256 };

struct fixture {
	struct plan *plan;
	struct wizard *w;
};

static int setup(void **state)
{
	struct fixture *f = calloc(1, sizeof *f);

	setlocale(LC_ALL, "C.UTF-8");
	if (!f)
		return -1;
	f->plan = plan_new_default();
	f->w = wizard_new(f->plan);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;

	wizard_free(f->w);
	plan_free(f->plan);
	free(f);
	return 0;
}

/* Moves to the page of kind for site (-1 for plan-wide pages). */
static void go(struct wizard *w, enum wizard_page_kind kind, int site)
{
	for (size_t i = 0; i < wizard_page_count(w); i++) {
		assert_true(wizard_goto(w, i));
		if (wizard_page(w)->kind == kind && wizard_page(w)->site == site)
			return;
	}
	fail_msg("no page of kind %d for site %d", (int)kind, site);
}

static size_t field(const struct wizard *w, const char *key)
{
	const struct wizard_page *p = wizard_page(w);

	for (size_t i = 0; i < p->n_fields; i++)
		if (strcmp(p->fields[i].key, key) == 0)
			return i;
	fail_msg("no field %s on this page", key);
	return 0;
}

static enum uc_status set(struct wizard *w, const char *key, const char *value, char *msg)
{
	return wizard_field_set(w, field(w, key), value, msg, MSG);
}

static void assert_value(struct wizard *w, const char *key, const char *expected)
{
	char buf[VALUE];

	wizard_field_get(w, field(w, key), buf, sizeof buf);
	assert_string_equal(buf, expected);
}

static bool visible(struct wizard *w, const char *key)
{
	return wizard_field_visible(w, field(w, key));
}

/* The value is refused with an explanation and the plan stays as it was. */
static void assert_refused(struct wizard *w, const char *key, const char *value)
{
	struct plan *before = plan_clone(wizard_plan(w));
	char msg[MSG] = "unset";

	assert_int_equal(set(w, key, value, msg), UC_ERR_INVALID);
	assert_true(strlen(msg) > 10);
	assert_true(plan_equal(before, wizard_plan(w)));
	plan_free(before);
}

static const enum wizard_page_kind site_kinds[] = {
    WIZARD_PAGE_FRONTEND,      WIZARD_PAGE_DIRECTOR,	WIZARD_PAGE_MEDIATION,	WIZARD_PAGE_EDGE,
    WIZARD_PAGE_REVERSE_PROXY, WIZARD_PAGE_EXCHANGE_UM, WIZARD_PAGE_SITE_OTHER,
};

static void check_page_texts(const struct wizard_page *p)
{
	assert_non_null(p->title);
	assert_true(strlen(p->title) > 2);
	assert_non_null(p->intro);
	assert_true(strlen(p->intro) > 40);
	for (size_t i = 0; i < p->n_fields; i++) {
		const struct wizard_field *f = &p->fields[i];

		assert_true(strlen(f->key) > 3);
		assert_true(strlen(f->label) > 2);
		assert_true(strlen(f->help) > 20);
		if (f->kind == WIZARD_FIELD_CHOICE) {
			size_t n = 0;

			assert_non_null(f->choices);
			assert_non_null(f->choice_labels);
			for (; f->choices[n]; n++)
				assert_non_null(f->choice_labels[n]);
			assert_null(f->choice_labels[n]);
			assert_true(n >= 2);
		}
		if (f->kind == WIZARD_FIELD_NUMBER)
			assert_true(f->min <= f->max);
	}
}

static void test_flow_default(void **state)
{
	struct fixture *f = *state;
	struct wizard *w = f->w;
	enum wizard_page_kind expected[12] = {WIZARD_PAGE_PLAN, WIZARD_PAGE_SITES};
	size_t cur, total;

	(void)state;
	for (size_t i = 0; i < 7; i++)
		expected[2 + i] = site_kinds[i];
	expected[9] = WIZARD_PAGE_FEDERATION;
	expected[10] = WIZARD_PAGE_OPTIONS;
	expected[11] = WIZARD_PAGE_REVIEW;

	assert_int_equal(wizard_page_count(w), 12);
	assert_int_equal(wizard_page_index(w), 0);
	assert_false(wizard_back(w));
	assert_ptr_equal(wizard_plan(w), f->plan);
	for (size_t i = 0; i < 12; i++) {
		const struct wizard_page *p = wizard_page(w);

		assert_int_equal(wizard_page_index(w), i);
		assert_int_equal(p->kind, expected[i]);
		assert_int_equal(p->site, i >= 2 && i < 9 ? 0 : -1);
		check_page_texts(p);
		wizard_progress(w, &cur, &total);
		assert_int_equal(cur, i + 1);
		assert_int_equal(total, 12);
		assert_int_equal(wizard_next(w), i < 11);
	}
	assert_int_equal(wizard_page_index(w), 11);
	assert_false(wizard_next(w));
	assert_true(wizard_back(w));
	assert_int_equal(wizard_page(w)->kind, WIZARD_PAGE_OPTIONS);
	assert_false(wizard_goto(w, 12));
	assert_int_equal(wizard_page_index(w), 10);
	assert_true(wizard_goto(w, 0));
	assert_false(wizard_back(w));
	/* The review and sites pages have no fields; the others do. */
	go(w, WIZARD_PAGE_REVIEW, -1);
	assert_int_equal(wizard_page(w)->n_fields, 0);
	assert_false(wizard_field_visible(w, 0));
	go(w, WIZARD_PAGE_EDGE, 0);
	assert_int_equal(wizard_page(w)->n_fields, 3);
}

static void test_flow_two_sites(void **state)
{
	struct fixture *f = *state;
	struct wizard *w = f->w;
	char msg[MSG];

	go(w, WIZARD_PAGE_SITES, -1);
	assert_int_equal(wizard_site_add(w, "Dublin", msg, sizeof msg), UC_OK);
	assert_string_equal(msg, "");
	assert_int_equal(f->plan->n_sites, 2);
	assert_int_equal(wizard_page_count(w), 19);
	/* Still on the sites page after the list was rebuilt. */
	assert_int_equal(wizard_page(w)->kind, WIZARD_PAGE_SITES);
	assert_int_equal(wizard_page_index(w), 1);

	assert_true(wizard_goto(w, 0));
	for (size_t i = 0; i < 19; i++) {
		const struct wizard_page *p = wizard_page(w);

		if (i >= 2 && i < 16) {
			size_t k = (i - 2) % 7;

			assert_int_equal(p->kind, site_kinds[k]);
			assert_int_equal(p->site, (int)((i - 2) / 7));
		} else {
			assert_int_equal(p->site, -1);
		}
		wizard_next(w);
	}
	assert_int_equal(wizard_page(w)->kind, WIZARD_PAGE_REVIEW);

	/* Per-site pages act on their own site. */
	go(w, WIZARD_PAGE_EDGE, 1);
	assert_int_equal(set(w, "edge.topology", "scaled-dns", msg), UC_OK);
	assert_int_equal(f->plan->sites[1].edge, EDGE_SCALED_DNS);
	assert_int_equal(f->plan->sites[0].edge, EDGE_NONE);
	go(w, WIZARD_PAGE_EDGE, 0);
	assert_value(w, "edge.topology", "none");

	/* Adding a site keeps the position on the same page. */
	go(w, WIZARD_PAGE_MEDIATION, 1);
	assert_int_equal(wizard_site_add(w, "Madrid", msg, sizeof msg), UC_OK);
	assert_int_equal(wizard_page_count(w), 26);
	assert_int_equal(wizard_page(w)->kind, WIZARD_PAGE_MEDIATION);
	assert_int_equal(wizard_page(w)->site, 1);
}

static void test_field_round_trips(void **state)
{
	struct fixture *f = *state;
	struct wizard *w = f->w;
	char msg[MSG];

	go(w, WIZARD_PAGE_PLAN, -1);
	/* TEXT, trimmed */
	assert_int_equal(set(w, "plan.name", "  Contoso rollout ", msg), UC_OK);
	assert_value(w, "plan.name", "Contoso rollout");
	assert_string_equal(f->plan->name, "Contoso rollout");
	assert_int_equal(set(w, "plan.name", "Plan de implantación 中文", msg), UC_OK);
	assert_value(w, "plan.name", "Plan de implantación 中文");
	/* FQDN */
	assert_int_equal(set(w, "plan.sip_domain", "contoso.com", msg), UC_OK);
	assert_string_equal(msg, "");
	assert_value(w, "plan.sip_domain", "contoso.com");
	/* A documentation domain is accepted with a reminder. */
	assert_int_equal(set(w, "plan.sip_domain", "example.org", msg), UC_OK);
	assert_true(strlen(msg) > 0);
	/* CHOICE, case-insensitive, stored canonically */
	assert_int_equal(set(w, "plan.version", "LYNC2013", msg), UC_OK);
	assert_value(w, "plan.version", "lync2013");
	assert_int_equal(f->plan->version, PRODUCT_LYNC2013);
	assert_int_equal(set(w, "plan.version", "sfb2015", msg), UC_OK);
	assert_int_equal(f->plan->version, PRODUCT_SFB2015);

	/* NUMBER */
	go(w, WIZARD_PAGE_FRONTEND, 0);
	assert_value(w, "frontend.edition", "enterprise");
	assert_value(w, "frontend.servers", "2");
	assert_int_equal(set(w, "frontend.servers", "4", msg), UC_OK);
	assert_value(w, "frontend.servers", "4");
	assert_int_equal(f->plan->sites[0].frontend.n_servers, 4);
	assert_non_null(f->plan->sites[0].frontend.servers[3].fqdn);
	assert_int_equal(set(w, "frontend.lb", "hardware", msg), UC_OK);
	assert_value(w, "frontend.lb", "hardware");
	assert_int_equal(f->plan->sites[0].pool_lb, POOL_LB_HARDWARE);
	/* Standard Edition forces one server and says so. */
	assert_int_equal(set(w, "frontend.edition", "standard", msg), UC_OK);
	assert_true(strlen(msg) > 0);
	assert_value(w, "frontend.servers", "1");
	assert_int_equal(set(w, "frontend.servers", "1", msg), UC_OK);
	assert_int_equal(set(w, "frontend.edition", "enterprise", msg), UC_OK);
	assert_true(f->plan->sites[0].frontend.n_servers >= 2);

	/* TOGGLE */
	go(w, WIZARD_PAGE_DIRECTOR, 0);
	assert_value(w, "director.enabled", "no");
	assert_int_equal(set(w, "director.enabled", " Yes ", msg), UC_OK);
	assert_value(w, "director.enabled", "yes");
	assert_true(f->plan->sites[0].director);
	assert_value(w, "director.servers", "2");
	assert_int_equal(set(w, "director.servers", "3", msg), UC_OK);
	assert_int_equal(f->plan->sites[0].director_pool.n_servers, 3);
	assert_int_equal(set(w, "director.enabled", "no", msg), UC_OK);
	assert_false(f->plan->sites[0].director);
	assert_int_equal(f->plan->sites[0].director_pool.n_servers, 0);

	go(w, WIZARD_PAGE_MEDIATION, 0);
	assert_int_equal(set(w, "mediation.mode", "standalone", msg), UC_OK);
	assert_int_equal(f->plan->sites[0].mediation, MEDIATION_STANDALONE);
	assert_value(w, "mediation.servers", "2");
	assert_value(w, "mediation.gateways", "1");
	assert_int_equal(set(w, "mediation.servers", "3", msg), UC_OK);
	assert_int_equal(set(w, "mediation.gateways", "4", msg), UC_OK);
	assert_int_equal(f->plan->sites[0].mediation_pool.n_servers, 3);
	assert_int_equal(f->plan->sites[0].n_gateways, 4);
	assert_int_equal(set(w, "mediation.mode", "collocated", msg), UC_OK);
	assert_true(strstr(msg, "stand-alone") != NULL);
	assert_int_equal(f->plan->sites[0].mediation_pool.n_servers, 0);
	assert_int_equal(f->plan->sites[0].n_gateways, 4);

	go(w, WIZARD_PAGE_EDGE, 0);
	assert_int_equal(set(w, "edge.topology", "scaled-dns", msg), UC_OK);
	assert_int_equal(set(w, "edge.addressing", "nat", msg), UC_OK);
	assert_true(strlen(msg) > 0);
	assert_int_equal(set(w, "edge.servers", "4", msg), UC_OK);
	assert_value(w, "edge.servers", "4");
	assert_int_equal(f->plan->sites[0].n_edges, 4);
	assert_non_null(f->plan->sites[0].edges[3].av_nat);
	assert_int_equal(set(w, "edge.servers", "12", msg), UC_OK);
	assert_int_equal(f->plan->sites[0].n_edges, 12);

	go(w, WIZARD_PAGE_REVERSE_PROXY, 0);
	assert_int_equal(set(w, "rp.enabled", "yes", msg), UC_OK);
	assert_true(f->plan->sites[0].reverse_proxy);
	assert_non_null(f->plan->sites[0].rp_external);

	/* PORTS */
	go(w, WIZARD_PAGE_EXCHANGE_UM, 0);
	assert_int_equal(set(w, "um.mode", "tls", msg), UC_OK);
	assert_string_equal(msg, "");
	assert_value(w, "um.servers", "2");
	assert_int_equal(set(w, "um.servers", "3", msg), UC_OK);
	assert_int_equal(f->plan->sites[0].n_um_servers, 3);
	assert_int_equal(set(w, "um.rtp", "1024-65535", msg), UC_OK);
	assert_value(w, "um.rtp", "1024-65535");
	assert_int_equal(set(w, "um.rtp", "20000-29999", msg), UC_OK);
	assert_value(w, "um.rtp", "20000-29999");
	assert_int_equal(f->plan->sites[0].um_rtp.first, 20000);
	assert_int_equal(set(w, "um.mode", "tcp", msg), UC_OK);
	assert_true(strstr(msg, "TLS") != NULL);

	go(w, WIZARD_PAGE_SITE_OTHER, 0);
	assert_int_equal(set(w, "pchat.enabled", "yes", msg), UC_OK);
	assert_int_equal(set(w, "owas.enabled", "yes", msg), UC_OK);
	assert_value(w, "pchat.enabled", "yes");
	assert_value(w, "owas.enabled", "yes");
	assert_int_equal(f->plan->sites[0].owas_pool.n_servers, 1);
	assert_int_equal(set(w, "pchat.enabled", "no", msg), UC_OK);
	assert_false(f->plan->sites[0].persistent_chat);

	go(w, WIZARD_PAGE_FEDERATION, -1);
	assert_int_equal(set(w, "federation.sip", "yes", msg), UC_OK);
	assert_int_equal(set(w, "federation.public_im", "yes", msg), UC_OK);
	assert_true(strlen(msg) > 0);
	assert_int_equal(set(w, "federation.xmpp", "yes", msg), UC_OK);
	assert_int_equal(f->plan->federation,
			 FEDERATION_SIP | FEDERATION_PUBLIC_IM | FEDERATION_XMPP);
	assert_int_equal(set(w, "federation.public_im", "no", msg), UC_OK);
	assert_value(w, "federation.public_im", "no");
	assert_value(w, "federation.xmpp", "yes");

	go(w, WIZARD_PAGE_OPTIONS, -1);
	assert_int_equal(set(w, "options.ipsec", "yes", msg), UC_OK);
	assert_true(f->plan->ipsec);
	assert_true(strlen(msg) > 0);
	assert_int_equal(set(w, "options.client_media", "50000-50059", msg), UC_OK);
	assert_value(w, "options.client_media", "50000-50059");
	assert_int_equal(set(w, "options.client_media", "5000", msg), UC_OK);
	assert_value(w, "options.client_media", "5000");
	assert_int_equal(set(w, "options.ocs2007", "yes", msg), UC_OK);
	assert_true(f->plan->ocs2007_federation);

	/* The result is a plan the validator accepts apart from warnings
	 * about placeholders and the like. */
	go(w, WIZARD_PAGE_REVIEW, -1);
	{
		struct findings fs;

		wizard_page_findings(w, &fs);
		for (size_t i = 0; i < fs.count; i++)
			if (fs.items[i].severity == FINDING_ERROR)
				fail_msg("unexpected error %s: %s", fs.items[i].code,
					 fs.items[i].message);
		findings_free(&fs);
	}
}

static void test_refusals(void **state)
{
	struct fixture *f = *state;
	struct wizard *w = f->w;
	struct site *s = &f->plan->sites[0];
	char msg[MSG];

	/* Field kinds refuse malformed text. */
	go(w, WIZARD_PAGE_PLAN, -1);
	assert_refused(w, "plan.name", "");
	assert_refused(w, "plan.name", "   ");
	assert_refused(w, "plan.name", "tab\tinside");
	assert_refused(w, "plan.sip_domain", "");
	assert_refused(w, "plan.sip_domain", "contoso");
	assert_refused(w, "plan.sip_domain", "not a domain.com");
	assert_refused(w, "plan.sip_domain", "-bad.example.com");
	assert_refused(w, "plan.version", "lync2010");
	assert_string_equal(f->plan->name, "New plan");

	go(w, WIZARD_PAGE_FRONTEND, 0);
	assert_refused(w, "frontend.servers", "");
	assert_refused(w, "frontend.servers", "two");
	assert_refused(w, "frontend.servers", "-1");
	assert_refused(w, "frontend.servers", "0");
	assert_refused(w, "frontend.servers", "65");
	assert_refused(w, "frontend.servers", "99999999999999999999");
	/* Standard Edition is one server. */
	assert_int_equal(set(w, "frontend.edition", "standard", msg), UC_OK);
	assert_refused(w, "frontend.servers", "2");
	assert_int_equal(s->frontend.n_servers, 1);

	go(w, WIZARD_PAGE_DIRECTOR, 0);
	assert_refused(w, "director.enabled", "maybe");
	assert_refused(w, "director.servers", "2"); /* no Director yet */

	go(w, WIZARD_PAGE_MEDIATION, 0);
	assert_refused(w, "mediation.mode", "both");
	assert_refused(w, "mediation.servers", "2");
	assert_refused(w, "mediation.gateways", "2");
	assert_int_equal(set(w, "mediation.mode", "collocated", msg), UC_OK);
	assert_refused(w, "mediation.servers", "2");
	assert_refused(w, "mediation.gateways", "65");

	/* Edge: NAT and a hardware load balancer do not mix, either way. */
	go(w, WIZARD_PAGE_EDGE, 0);
	assert_refused(w, "edge.addressing", "nat"); /* no Edge yet */
	assert_refused(w, "edge.servers", "2");
	assert_int_equal(set(w, "edge.topology", "scaled-hlb", msg), UC_OK);
	assert_refused(w, "edge.addressing", "nat");
	assert_int_equal(s->edge_addressing, EDGE_ADDR_PUBLIC);
	assert_int_equal(set(w, "edge.topology", "scaled-dns", msg), UC_OK);
	assert_int_equal(set(w, "edge.addressing", "nat", msg), UC_OK);
	assert_refused(w, "edge.topology", "scaled-hlb");
	assert_int_equal(s->edge, EDGE_SCALED_DNS);
	assert_int_equal(s->edge_addressing, EDGE_ADDR_NAT);
	/* at most twelve, at least two in a scaled pool */
	assert_refused(w, "edge.servers", "13");
	assert_refused(w, "edge.servers", "64");
	assert_refused(w, "edge.servers", "1");
	assert_int_equal(s->n_edges, 2);
	/* a single Edge has one server */
	assert_int_equal(set(w, "edge.topology", "single", msg), UC_OK);
	assert_int_equal(s->n_edges, 1);
	assert_refused(w, "edge.servers", "2");
	assert_int_equal(set(w, "edge.servers", "1", msg), UC_OK);
	assert_refused(w, "edge.topology", "triple");
	/* Back to no Edge: the NAT choice is forgotten with the servers, so
	 * the hardware load balanced Edge is allowed again. */
	assert_int_equal(set(w, "edge.topology", "none", msg), UC_OK);
	assert_int_equal(set(w, "edge.topology", "scaled-hlb", msg), UC_OK);
	assert_int_equal(s->edge_addressing, EDGE_ADDR_PUBLIC);
	assert_int_equal(set(w, "edge.topology", "none", msg), UC_OK);

	go(w, WIZARD_PAGE_EXCHANGE_UM, 0);
	assert_refused(w, "um.servers", "2"); /* no UM yet */
	assert_refused(w, "um.rtp", "1024-65535");
	assert_int_equal(set(w, "um.mode", "dual", msg), UC_OK);
	assert_refused(w, "um.rtp", "");
	assert_refused(w, "um.rtp", "0-100");
	assert_refused(w, "um.rtp", "70000");
	assert_refused(w, "um.rtp", "3000-2000");
	assert_refused(w, "um.rtp", "1024 - 2048");
	assert_refused(w, "um.servers", "0");

	/* Federation needs an Edge somewhere. */
	go(w, WIZARD_PAGE_FEDERATION, -1);
	assert_refused(w, "federation.sip", "yes");
	assert_refused(w, "federation.public_im", "yes");
	assert_refused(w, "federation.xmpp", "yes");
	assert_int_equal(f->plan->federation, 0);
	assert_int_equal(set(w, "federation.sip", "no", msg), UC_OK);

	go(w, WIZARD_PAGE_OPTIONS, -1);
	assert_refused(w, "options.client_media", "abc");
	assert_refused(w, "options.client_media", "65536");
	assert_refused(w, "options.client_media", "50059-50000");
	assert_refused(w, "options.ipsec", "perhaps");

	/* A field index past the page's fields. */
	assert_int_equal(wizard_field_set(w, 99, "yes", msg, sizeof msg), UC_ERR_INVALID);
	assert_true(strlen(msg) > 0);
	/* No message buffer is fine too. */
	assert_int_equal(wizard_field_set(w, field(w, "options.ipsec"), "x", NULL, 0),
			 UC_ERR_INVALID);
}

static void test_advice(void **state)
{
	struct fixture *f = *state;
	struct wizard *w = f->w;
	char msg[MSG];

	/* Turning the Edge on without a Director recommends one. */
	go(w, WIZARD_PAGE_EDGE, 0);
	assert_int_equal(set(w, "edge.topology", "scaled-dns", msg), UC_OK);
	assert_true(strstr(msg, "Director") != NULL);
	assert_int_equal(set(w, "edge.topology", "none", msg), UC_OK);

	/* With a Director, no such advice. */
	go(w, WIZARD_PAGE_DIRECTOR, 0);
	assert_int_equal(set(w, "director.enabled", "yes", msg), UC_OK);
	go(w, WIZARD_PAGE_EDGE, 0);
	assert_int_equal(set(w, "edge.topology", "scaled-dns", msg), UC_OK);
	assert_string_equal(msg, "");
	/* A single Edge is allowed, with a word on failover. */
	assert_int_equal(set(w, "edge.topology", "single", msg), UC_OK);
	assert_true(strlen(msg) > 0);

	/* Turning the Director off next to an Edge brings the advice back. */
	go(w, WIZARD_PAGE_DIRECTOR, 0);
	assert_int_equal(set(w, "director.enabled", "no", msg), UC_OK);
	assert_true(strstr(msg, "Director") != NULL);

	/* Removing the last Edge while federation is on is allowed, with a
	 * warning here and an error on the federation page. */
	go(w, WIZARD_PAGE_FEDERATION, -1);
	assert_int_equal(set(w, "federation.sip", "yes", msg), UC_OK);
	go(w, WIZARD_PAGE_EDGE, 0);
	assert_int_equal(set(w, "edge.topology", "none", msg), UC_OK);
	assert_true(strstr(msg, "ederation") != NULL);
	go(w, WIZARD_PAGE_FEDERATION, -1);
	{
		struct findings fs;
		bool found = false;

		wizard_page_findings(w, &fs);
		for (size_t i = 0; i < fs.count; i++)
			found |= strcmp(fs.items[i].code, "federation-no-edge") == 0;
		assert_true(found);
		findings_free(&fs);
	}

	/* Five Front End Servers are fine, thirteen earn a remark. */
	go(w, WIZARD_PAGE_FRONTEND, 0);
	assert_int_equal(set(w, "frontend.servers", "5", msg), UC_OK);
	assert_string_equal(msg, "");
	assert_int_equal(set(w, "frontend.servers", "13", msg), UC_OK);
	assert_true(strlen(msg) > 0);
}

static void test_hidden_fields(void **state)
{
	struct fixture *f = *state;
	struct wizard *w = f->w;
	char msg[MSG];
	char buf[VALUE];

	go(w, WIZARD_PAGE_PLAN, -1);
	for (size_t i = 0; i < wizard_page(w)->n_fields; i++)
		assert_true(wizard_field_visible(w, i));
	assert_false(wizard_field_visible(w, wizard_page(w)->n_fields));
	wizard_field_get(w, wizard_page(w)->n_fields, buf, sizeof buf);
	assert_string_equal(buf, "");

	go(w, WIZARD_PAGE_FRONTEND, 0);
	assert_true(visible(w, "frontend.lb"));
	assert_int_equal(set(w, "frontend.edition", "standard", msg), UC_OK);
	assert_false(visible(w, "frontend.lb"));
	assert_true(visible(w, "frontend.servers"));

	go(w, WIZARD_PAGE_DIRECTOR, 0);
	assert_false(visible(w, "director.servers"));
	assert_int_equal(set(w, "director.enabled", "yes", msg), UC_OK);
	assert_true(visible(w, "director.servers"));

	go(w, WIZARD_PAGE_MEDIATION, 0);
	assert_false(visible(w, "mediation.servers"));
	assert_false(visible(w, "mediation.gateways"));
	assert_int_equal(set(w, "mediation.mode", "collocated", msg), UC_OK);
	assert_false(visible(w, "mediation.servers"));
	assert_true(visible(w, "mediation.gateways"));
	assert_int_equal(set(w, "mediation.mode", "standalone", msg), UC_OK);
	assert_true(visible(w, "mediation.servers"));

	go(w, WIZARD_PAGE_EDGE, 0);
	assert_true(visible(w, "edge.topology"));
	assert_false(visible(w, "edge.addressing"));
	assert_false(visible(w, "edge.servers"));
	assert_int_equal(set(w, "edge.topology", "single", msg), UC_OK);
	assert_true(visible(w, "edge.addressing"));
	assert_false(visible(w, "edge.servers"));
	assert_int_equal(set(w, "edge.topology", "scaled-hlb", msg), UC_OK);
	assert_true(visible(w, "edge.servers"));

	go(w, WIZARD_PAGE_EXCHANGE_UM, 0);
	assert_false(visible(w, "um.servers"));
	assert_false(visible(w, "um.rtp"));
	assert_int_equal(set(w, "um.mode", "tls", msg), UC_OK);
	assert_true(visible(w, "um.servers"));
	assert_true(visible(w, "um.rtp"));
	assert_int_equal(set(w, "um.mode", "none", msg), UC_OK);
	assert_false(visible(w, "um.rtp"));
}

static void test_sites(void **state)
{
	struct fixture *f = *state;
	struct wizard *w = f->w;
	struct plan *before;
	char msg[MSG];

	go(w, WIZARD_PAGE_SITES, -1);
	assert_int_equal(wizard_site_add(w, "Dublin", msg, sizeof msg), UC_OK);
	assert_int_equal(wizard_site_add(w, "  Madrid  ", msg, sizeof msg), UC_OK);
	assert_string_equal(f->plan->sites[2].name, "Madrid");
	assert_int_equal(f->plan->n_sites, 3);
	assert_false(f->plan->sites[1].cms);

	before = plan_clone(f->plan);
	assert_int_equal(wizard_site_add(w, "dublin", msg, sizeof msg), UC_ERR_INVALID);
	assert_true(strstr(msg, "dublin") != NULL);
	assert_int_equal(wizard_site_add(w, "", msg, sizeof msg), UC_ERR_INVALID);
	assert_true(strlen(msg) > 0);
	assert_int_equal(wizard_site_add(w, " \t ", msg, sizeof msg), UC_ERR_INVALID);
	assert_int_equal(wizard_site_add(w, NULL, msg, sizeof msg), UC_ERR_INVALID);
	assert_int_equal(wizard_site_add(w, "bell\a", msg, sizeof msg), UC_ERR_INVALID);
	assert_int_equal(wizard_site_rename(w, 1, "Site 1", msg, sizeof msg), UC_ERR_INVALID);
	assert_int_equal(wizard_site_rename(w, 1, "", msg, sizeof msg), UC_ERR_INVALID);
	assert_int_equal(wizard_site_rename(w, 7, "Oslo", msg, sizeof msg), UC_ERR_INVALID);
	assert_int_equal(wizard_site_remove(w, 3, msg, sizeof msg), UC_ERR_INVALID);
	assert_true(plan_equal(before, f->plan));
	plan_free(before);
	assert_int_equal(wizard_page_count(w), 5 + 3 * 7);

	/* Renaming to itself in another case is not a duplicate. */
	assert_int_equal(wizard_site_rename(w, 1, "DUBLIN", msg, sizeof msg), UC_OK);
	assert_string_equal(f->plan->sites[1].name, "DUBLIN");
	assert_int_equal(wizard_site_rename(w, 1, "Lisbon", msg, sizeof msg), UC_OK);
	assert_string_equal(f->plan->sites[1].name, "Lisbon");

	/* Removing a site before the current page keeps the page. */
	go(w, WIZARD_PAGE_EDGE, 2);
	assert_int_equal(wizard_site_remove(w, 1, msg, sizeof msg), UC_OK);
	assert_string_equal(msg, "");
	assert_int_equal(wizard_page_count(w), 5 + 2 * 7);
	assert_int_equal(wizard_page(w)->kind, WIZARD_PAGE_EDGE);
	assert_int_equal(wizard_page(w)->site, 1);
	assert_string_equal(f->plan->sites[1].name, "Madrid");

	/* Removing the current page's site falls back to the sites page; the
	 * Central Management store moves with a message. */
	go(w, WIZARD_PAGE_DIRECTOR, 0);
	assert_true(f->plan->sites[0].cms);
	assert_int_equal(wizard_site_remove(w, 0, msg, sizeof msg), UC_OK);
	assert_true(strstr(msg, "Madrid") != NULL);
	assert_true(f->plan->sites[0].cms);
	assert_int_equal(wizard_page(w)->kind, WIZARD_PAGE_SITES);
	assert_int_equal(wizard_page_count(w), 12);

	/* The last site stays. */
	before = plan_clone(f->plan);
	assert_int_equal(wizard_site_remove(w, 0, msg, sizeof msg), UC_ERR_INVALID);
	assert_true(strlen(msg) > 0);
	assert_true(plan_equal(before, f->plan));
	plan_free(before);

	/* A page on the review keeps its place across a removal. */
	assert_int_equal(wizard_site_add(w, "Oslo", msg, sizeof msg), UC_OK);
	go(w, WIZARD_PAGE_REVIEW, -1);
	assert_int_equal(wizard_site_remove(w, 1, msg, sizeof msg), UC_OK);
	assert_int_equal(wizard_page(w)->kind, WIZARD_PAGE_REVIEW);
	assert_int_equal(wizard_page_index(w), 11);
}

static void test_refresh(void **state)
{
	struct fixture *f = *state;
	struct wizard *w = f->w;

	go(w, WIZARD_PAGE_OPTIONS, -1);
	/* A change made to the plan behind the wizard's back. */
	plan_add_site(f->plan, "Paris");
	wizard_refresh(w);
	assert_int_equal(wizard_page_count(w), 19);
	assert_int_equal(wizard_page(w)->kind, WIZARD_PAGE_OPTIONS);
	go(w, WIZARD_PAGE_FRONTEND, 1);
	plan_remove_site(f->plan, 1);
	/* Before the refresh the lost site's page shows nothing and refuses. */
	assert_false(wizard_field_visible(w, 0));
	assert_int_equal(wizard_field_set(w, 0, "standard", NULL, 0), UC_ERR_INVALID);
	wizard_refresh(w);
	assert_int_equal(wizard_page_count(w), 12);
	assert_int_equal(wizard_page(w)->kind, WIZARD_PAGE_SITES);
}

static void test_branches(void **state)
{
	struct fixture *f = *state;
	struct wizard *w = f->w;
	struct site *s = &f->plan->sites[0];
	struct plan *before;
	char msg[MSG];

	assert_int_equal(wizard_branch_add(w, 0, "Cork", BRANCH_SBA, msg, sizeof msg), UC_OK);
	assert_int_equal(s->n_branches, 1);
	assert_string_equal(s->branches[0].name, "Cork");
	assert_int_equal(s->branches[0].kind, BRANCH_SBA);
	assert_non_null(s->branches[0].fqdn);
	assert_non_null(s->branches[0].address);
	assert_int_equal(wizard_branch_add(w, 0, NULL, BRANCH_NONE, msg, sizeof msg), UC_OK);
	assert_int_equal(s->n_branches, 2);
	assert_non_null(s->branches[1].name);
	assert_null(s->branches[1].fqdn);
	/* Branches add no pages. */
	assert_int_equal(wizard_page_count(w), 12);

	before = plan_clone(f->plan);
	assert_int_equal(wizard_branch_add(w, 0, "CORK", BRANCH_SBS, msg, sizeof msg),
			 UC_ERR_INVALID);
	assert_true(strlen(msg) > 0);
	assert_int_equal(wizard_branch_add(w, 0, "Site 1", BRANCH_SBS, msg, sizeof msg),
			 UC_ERR_INVALID);
	assert_int_equal(wizard_branch_add(w, 0, "", BRANCH_SBS, msg, sizeof msg), UC_ERR_INVALID);
	assert_int_equal(wizard_branch_add(w, 5, "Galway", BRANCH_SBS, msg, sizeof msg),
			 UC_ERR_INVALID);
	assert_int_equal(wizard_branch_add(w, 0, "Galway", (enum branch_kind)9, msg, sizeof msg),
			 UC_ERR_INVALID);
	assert_int_equal(wizard_branch_remove(w, 0, 2, msg, sizeof msg), UC_ERR_INVALID);
	assert_int_equal(wizard_branch_remove(w, 1, 0, msg, sizeof msg), UC_ERR_INVALID);
	/* A branch name is a site name: a new central site cannot take it. */
	assert_int_equal(wizard_site_add(w, "Cork", msg, sizeof msg), UC_ERR_INVALID);
	assert_true(plan_equal(before, f->plan));
	plan_free(before);

	assert_int_equal(wizard_branch_remove(w, 0, 0, msg, sizeof msg), UC_OK);
	assert_int_equal(s->n_branches, 1);
	assert_int_equal(wizard_branch_add(w, 0, "Cork", BRANCH_SBS, msg, sizeof msg), UC_OK);
	assert_int_equal(s->branches[1].kind, BRANCH_SBS);
}

static void test_page_findings(void **state)
{
	struct fixture *f = *state;
	struct wizard *w = f->w;
	struct findings all, fs;
	char msg[MSG];
	size_t total = 0;

	assert_int_equal(wizard_site_add(w, "Dublin", msg, sizeof msg), UC_OK);
	go(w, WIZARD_PAGE_EDGE, 1);
	assert_int_equal(set(w, "edge.topology", "scaled-dns", msg), UC_OK);
	go(w, WIZARD_PAGE_PLAN, -1);
	/* A placeholder SIP domain gives a plan-wide warning. */
	plan_validate(f->plan, &all);
	assert_true(all.count > 0);

	for (size_t i = 0; i < wizard_page_count(w); i++) {
		const struct wizard_page *p;

		assert_true(wizard_goto(w, i));
		p = wizard_page(w);
		wizard_page_findings(w, &fs);
		assert_int_equal(fs.errors + fs.warnings, fs.count);
		if (p->kind == WIZARD_PAGE_REVIEW) {
			assert_int_equal(fs.count, all.count);
			assert_int_equal(fs.errors, all.errors);
		} else {
			for (size_t k = 0; k < fs.count; k++)
				assert_int_equal(fs.items[k].site, p->site);
		}
		/* Each site's findings and the plan-wide ones, counted once per
		 * group of pages, add up to all of them. */
		if (p->kind == WIZARD_PAGE_PLAN || p->kind == WIZARD_PAGE_FRONTEND)
			total += fs.count;
		findings_free(&fs);
	}
	assert_int_equal(total, all.count);

	/* The Edge page of site 1 reports the missing Director. */
	go(w, WIZARD_PAGE_EDGE, 1);
	wizard_page_findings(w, &fs);
	{
		bool found = false;

		for (size_t k = 0; k < fs.count; k++)
			found |= strcmp(fs.items[k].code, "edge-no-director") == 0;
		assert_true(found);
	}
	findings_free(&fs);
	findings_free(&all);
}

/* The entry of wizard_plan_names() that edits slot; fails when none. */
static struct address_entry *plan_name_entry(struct address_entry *list, size_t n, char **slot)
{
	for (size_t i = 0; i < n; i++)
		if (list[i].value == slot)
			return &list[i];
	fail_msg("no entry for that name");
	return NULL;
}

/* The names screen's SIP domains tab: the plan-wide names listed, a SIP
 * domain added, renamed (its Meet host following), refused when malformed
 * or given twice, removed; the same checks as the interview's list. */
static void test_plan_names(void **state)
{
	struct fixture *f = *state;
	struct plan *p = f->plan;
	struct address_entry *list;
	char msg[400];
	size_t n;

	free(p->sip_domain);
	p->sip_domain = xstrdup("contoso.com");
	free(p->meet_url);
	p->meet_url = xstrdup("meet.contoso.com");
	assert_int_equal(wizard_domain_add(p, " fabrikam.com ", msg, sizeof msg), UC_OK);
	assert_int_equal(p->n_domains, 1);
	assert_string_equal(p->domains[0].name, "fabrikam.com");
	assert_string_equal(p->domains[0].meet, "meet.fabrikam.com");
	/* refused: given twice (any case), the first domain, malformed, two at once */
	assert_int_equal(wizard_domain_add(p, "FABRIKAM.com", msg, sizeof msg), UC_ERR_INVALID);
	assert_non_null(strstr(msg, "twice"));
	assert_int_equal(wizard_domain_add(p, "contoso.com", msg, sizeof msg), UC_ERR_INVALID);
	assert_int_equal(wizard_domain_add(p, "bad_name", msg, sizeof msg), UC_ERR_INVALID);
	assert_non_null(strstr(msg, "bad_name"));
	assert_int_equal(wizard_domain_add(p, "a.org, b.org", msg, sizeof msg), UC_ERR_INVALID);
	assert_int_equal(wizard_domain_add(p, "", msg, sizeof msg), UC_ERR_INVALID);
	assert_int_equal(p->n_domains, 1);

	n = wizard_plan_names(p, &list);
	/* the domain, its Meet host, the other domain, its Meet host, Dial-in, Admin */
	assert_int_equal(n, 6);
	assert_string_equal(list[0].label, "SIP domain");
	assert_ptr_equal(list[2].value, &p->domains[0].name);
	assert_string_equal(list[3].detail, "fabrikam.com");
	/* a rename: the Meet host named after it follows */
	assert_int_equal(wizard_plan_name_set(p, &list[2], "fabrikam.org", msg, sizeof msg), UC_OK);
	free(list);
	n = wizard_plan_names(p, &list);
	assert_string_equal(p->domains[0].name, "fabrikam.org");
	assert_string_equal(p->domains[0].meet, "meet.fabrikam.org");
	/* the first domain may not take another's name; renamed, its hosts follow */
	assert_int_equal(wizard_plan_name_set(p, plan_name_entry(list, n, &p->sip_domain),
					      "Fabrikam.org", msg, sizeof msg),
			 UC_ERR_INVALID);
	assert_int_equal(wizard_plan_name_set(p, plan_name_entry(list, n, &p->sip_domain),
					      "contoso.net", msg, sizeof msg),
			 UC_OK);
	assert_string_equal(p->meet_url, "meet.contoso.net");
	/* a Meet host of its own; malformed refused, the old one kept */
	assert_int_equal(wizard_plan_name_set(p, plan_name_entry(list, n, &p->domains[0].meet),
					      "join.fabrikam.org", msg, sizeof msg),
			 UC_OK);
	assert_string_equal(p->domains[0].meet, "join.fabrikam.org");
	assert_int_equal(wizard_plan_name_set(p, plan_name_entry(list, n, &p->domains[0].meet),
					      "join fabrikam", msg, sizeof msg),
			 UC_ERR_INVALID);
	assert_string_equal(p->domains[0].meet, "join.fabrikam.org");
	free(list);
	/* removed; an index past the end is refused */
	assert_int_equal(wizard_domain_remove(p, 1, msg, sizeof msg), UC_ERR_INVALID);
	assert_int_equal(wizard_domain_remove(p, 0, msg, sizeof msg), UC_OK);
	assert_int_equal(p->n_domains, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(test_flow_default, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_flow_two_sites, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_field_round_trips, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_refusals, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_advice, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_hidden_fields, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_sites, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_refresh, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_branches, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_page_findings, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_plan_names, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
