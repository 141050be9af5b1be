/* test_dnscert.c: the DNS, certificates and summary tables checked against
 * the reference (../shared/reference/dns-certificates-reference.md), not
 * against the catalog: each expectation below is a sentence of the
 * reference (section in the comment) applied to the plan's own names and
 * addresses, for the example plans and for each Edge topology. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "ucplan/catalog.h"
#include "ucplan/fileio.h"
#include "ucplan/i18n.h"
#include "ucplan/model.h"
#include "ucplan/planfile.h"
#include "ucplan/report.h"

static struct catalog *catalog;

static int setup(void **state)
{
	struct uc_error err = {0};

	(void)state;
	setlocale(LC_ALL, "C.UTF-8");
	i18n_init("en");
	return catalog_load_default(&catalog, &err) == UC_OK ? 0 : -1;
}

static int teardown(void **state)
{
	(void)state;
	catalog_free(catalog);
	return 0;
}

static void set(char **slot, const char *value)
{
	free(*slot);
	*slot = value ? strdup(value) : NULL;
}

static bool same(const char *a, const char *b)
{
	return a && b && strcasecmp(a, b) == 0;
}

static const struct report_flows *table(const struct report *r, enum catalog_table k)
{
	return &r->tables[k];
}

/* How many DNS records of site say zone/type name -> value (NULL: any). */
static size_t dns_count(const struct report *r, int site, const char *zone, const char *type,
			const char *name, const char *value)
{
	const struct report_flows *t = table(r, CATALOG_DNS);
	size_t n = 0;

	for (size_t i = 0; i < t->n_records; i++) {
		const struct report_record *x = &t->records[i];
		if ((site < 0 || x->site == site) && same(x->zone, zone) &&
		    (!type || same(x->type, type)) && same(x->name, name) &&
		    (!value || same(x->value, value)))
			n++;
	}
	return n;
}

static void expect_dns(const struct report *r, int site, const char *zone, const char *type,
		       const char *name, const char *value)
{
	if (dns_count(r, site, zone, type, name, value) == 0)
		fail_msg("no %s %s record %s -> %s", zone, type, name, value ? value : "(any)");
}

/* An SRV record with its port, to target. */
static void expect_srv(const struct report *r, const char *zone, const char *name,
		       const char *target, unsigned port)
{
	const struct report_flows *t = table(r, CATALOG_DNS);

	for (size_t i = 0; i < t->n_records; i++) {
		const struct report_record *x = &t->records[i];
		if (same(x->zone, zone) && same(x->type, "SRV") && same(x->name, name) &&
		    same(x->value, target) && x->port == port)
			return;
	}
	fail_msg("no %s SRV %s -> %s port %u", zone, name, target, port);
}

/* A value never published in the zone (a private address in public DNS). */
static void expect_not_in_zone(const struct report *r, const char *zone, const char *value)
{
	const struct report_flows *t = table(r, CATALOG_DNS);

	for (size_t i = 0; i < t->n_records; i++)
		if (same(t->records[i].zone, zone) && same(t->records[i].value, value))
			fail_msg("%s appears in the %s zone (%s)", value, zone, t->records[i].name);
}

/* The certificate of site with that subject whose SAN list holds san, or
 * any with that subject when san is NULL. */
static const struct report_record *cert(const struct report *r, int site, const char *subject,
					const char *san)
{
	const struct report_flows *t = table(r, CATALOG_CERTIFICATES);

	for (size_t i = 0; i < t->n_records; i++) {
		const struct report_record *x = &t->records[i];
		if (x->site != site || !same(x->name, subject))
			continue;
		if (!san)
			return x;
		for (size_t k = 0; k < x->n_sans; k++)
			if (same(x->sans[k], san))
				return x;
	}
	return NULL;
}

static bool has_san(const struct report_record *c, const char *name)
{
	for (size_t k = 0; c && k < c->n_sans; k++)
		if (same(c->sans[k], name))
			return true;
	return false;
}

static const struct report_record *summary(const struct report *r, int site, const char *fqdn,
					   const char *address)
{
	const struct report_flows *t = table(r, CATALOG_SUMMARY);

	for (size_t i = 0; i < t->n_records; i++) {
		const struct report_record *x = &t->records[i];
		if (x->site == site && same(x->name, fqdn) && same(x->value, address))
			return x;
	}
	return NULL;
}

/* ---- each Edge topology ------------------------------------------------------ */

/* A one-site plan with an Edge, a Director, a reverse proxy, two SIP
 * domains and the reference's own names for the Edge's external
 * interfaces (1.3.1: sip / webcon / av). */
static struct plan *edge_plan(enum edge_topology topology, enum edge_addressing addressing,
			      bool xmpp)
{
	struct plan *p = plan_new_default();

	set(&p->sip_domain, "contoso.test");
	set(&p->meet_url, NULL);
	set(&p->dialin_url, NULL);
	set(&p->admin_url, NULL);
	assert_true(plan_add_domain(p, "fabrikam.test"));
	p->federation = FEDERATION_SIP | (xmpp ? FEDERATION_XMPP : 0);
	plan_set_director(p, 0, true, 2);
	plan_set_reverse_proxy(p, 0, true);
	plan_set_edge(p, 0, topology, addressing, topology == EDGE_SINGLE ? 1 : 2);
	set(&p->sites[0].edge_access_fqdn, "sip.contoso.test");
	set(&p->sites[0].edge_webconf_fqdn, "webcon.contoso.test");
	set(&p->sites[0].edge_av_fqdn, "av.contoso.test");
	plan_fill_defaults(p);
	return p;
}

/* The address a public zone names for an Edge interface: its NAT
 * translation when there is one (1.3.2: "External DNS" holds the public
 * addresses), the interface's own otherwise. */
static const char *public_of(const char *address, const char *nat)
{
	return nat && *nat ? nat : address;
}

static void check_edge(enum edge_topology topology, enum edge_addressing addressing, bool xmpp)
{
	struct plan *p = edge_plan(topology, addressing, xmpp);
	const struct site *s = &p->sites[0];
	struct report *r = report_build(p, catalog);
	const char *domains[] = {"contoso.test", "fabrikam.test"};
	const char *names[3] = {"sip.contoso.test", "webcon.contoso.test", "av.contoso.test"};
	const struct report_record *ext, *in;

	for (size_t k = 0; k < 3; k++) {
		if (topology == EDGE_SCALED_HLB) {
			/* 1.3.1 / 1.9: with hardware load balancers one A record per
			 * VIP, not per server */
			const char *vip[3] = {s->edge_vip_access, s->edge_vip_webconf,
					      s->edge_vip_av};
			assert_int_equal(dns_count(r, 0, "external", NULL, names[k], NULL), 1);
			expect_dns(r, 0, "external", "A", names[k], vip[k]);
			continue;
		}
		/* 1.9: DNS load balancing, one A record per server for each
		 * service; 1.3.2: the public addresses in External DNS */
		assert_int_equal(dns_count(r, 0, "external", NULL, names[k], NULL), s->n_edges);
		for (size_t i = 0; i < s->n_edges; i++) {
			const struct edge_server *e = &s->edges[i];
			const char *addr[3] = {e->access, e->webconf, e->av};
			const char *nat[3] = {e->access_nat, e->webconf_nat, e->av_nat};
			expect_dns(r, 0, "external", "A", names[k], public_of(addr[k], nat[k]));
			if (addressing == EDGE_ADDR_NAT)
				expect_not_in_zone(r, "external", addr[k]);
		}
	}
	for (size_t d = 0; d < 2; d++) {
		char srv[80];
		/* 1.3.1 / 1.11: _sip._tls 443 and _sipfederationtls._tcp 5061 to
		 * the Access Edge, one per SIP domain */
		snprintf(srv, sizeof srv, "_sip._tls.%s", domains[d]);
		expect_srv(r, "external", srv, "sip.contoso.test", 443);
		snprintf(srv, sizeof srv, "_sipfederationtls._tcp.%s", domains[d]);
		expect_srv(r, "external", srv, "sip.contoso.test", 5061);
		if (xmpp) {
			/* 1.3.1: _xmpp-server._tcp 5269 to the XMPP host */
			snprintf(srv, sizeof srv, "_xmpp-server._tcp.%s", domains[d]);
			expect_srv(r, "external", srv, p->xmpp_fqdn, 5269);
		}
	}
	if (xmpp) /* 1.3.1: the XMPP host is an A record of the Access Edge */
		expect_dns(r, 0, "external", "A", p->xmpp_fqdn,
			   topology == EDGE_SCALED_HLB
			       ? s->edge_vip_access
			       : public_of(s->edges[0].access, s->edges[0].access_nat));
	/* 1.2 / 1.9: the internal pool name resolves to each server's internal
	 * address (the internal VIP behind hardware load balancers), and each
	 * Edge Server has an A record of its own */
	if (topology == EDGE_SCALED_HLB)
		expect_dns(r, 0, "internal", "A", s->edge_fqdn, s->edge_vip_internal);
	for (size_t i = 0; i < s->n_edges; i++) {
		if (topology != EDGE_SCALED_HLB)
			expect_dns(r, 0, "internal", "A", s->edge_fqdn, s->edges[i].internal);
		expect_dns(r, 0, "internal", "A", s->edges[i].fqdn, s->edges[i].internal);
		expect_not_in_zone(r, "external", s->edges[i].internal);
	}

	/* 2.6 / 2.13: the external certificate's subject is the Access Edge
	 * name, repeated in the SAN with the Web Conferencing name and sip.
	 * of each SIP domain; from a public CA; the A/V Edge name is not
	 * needed (L7, the rule ucplan chose) */
	ext = cert(r, 0, "sip.contoso.test", NULL);
	assert_non_null(ext);
	assert_string_equal(ext->ca, "public");
	assert_true(has_san(ext, "sip.contoso.test"));
	assert_true(has_san(ext, "webcon.contoso.test"));
	assert_true(has_san(ext, "sip.fabrikam.test"));
	assert_false(has_san(ext, "av.contoso.test"));
	assert_true(strstr(ext->note, "exportable") != NULL);
	/* L6: XMPP adds the XMPP host and the domain's wildcard */
	assert_int_equal(has_san(ext, p->xmpp_fqdn), xmpp);
	assert_int_equal(has_san(ext, "*.contoso.test"), xmpp);
	/* 2.6: the internal certificate names the internal pool (the VIP's
	 * name behind load balancers) and needs no SAN */
	in = cert(r, 0, s->edge_fqdn, NULL);
	assert_non_null(in);
	assert_int_equal(in->n_sans, 0);

	/* 5.3: the summary lists each server's internal interface and, per
	 * server, the external ones, in the perimeter network */
	for (size_t i = 0; i < s->n_edges; i++) {
		const struct report_record *x = summary(r, 0, s->edges[i].fqdn, s->edges[i].internal);
		const struct report_record *a = summary(r, 0, "sip.contoso.test", s->edges[i].access);
		assert_non_null(x);
		assert_string_equal(x->network, "perimeter");
		assert_non_null(a);
		if (addressing == EDGE_ADDR_NAT)
			assert_string_equal(a->nat, s->edges[i].access_nat);
	}
	if (topology == EDGE_SCALED_HLB)
		assert_non_null(summary(r, 0, "sip.contoso.test", s->edge_vip_access));

	report_free(r);
	plan_free(p);
}

static void test_edge_single_public(void **state)
{
	(void)state;
	check_edge(EDGE_SINGLE, EDGE_ADDR_PUBLIC, false);
}

static void test_edge_single_nat(void **state)
{
	(void)state;
	check_edge(EDGE_SINGLE, EDGE_ADDR_NAT, true);
}

static void test_edge_scaled_dns_public(void **state)
{
	(void)state;
	check_edge(EDGE_SCALED_DNS, EDGE_ADDR_PUBLIC, true);
}

static void test_edge_scaled_dns_nat(void **state)
{
	(void)state;
	check_edge(EDGE_SCALED_DNS, EDGE_ADDR_NAT, false);
}

static void test_edge_scaled_hlb(void **state)
{
	(void)state;
	check_edge(EDGE_SCALED_HLB, EDGE_ADDR_PUBLIC, true);
}

/* ---- the example plans -------------------------------------------------------- */

static struct plan *example(const char *name)
{
	char *path = uc_data_path("examples");
	char *file = malloc(strlen(path) + strlen(name) + 2);
	struct uc_error err = {0};
	struct plan *p = NULL;

	sprintf(file, "%s/%s", path, name);
	if (planfile_load(file, &p, &err) != UC_OK)
		fail_msg("%s: %s", file, err.message);
	free(path);
	free(file);
	return p;
}

/* one-site.xml: a Standard Edition server (1.6, L3; certificates 2.2). */
static void test_example_one_site(void **state)
{
	struct plan *p = example("one-site.xml");
	const struct site *s = &p->sites[0];
	const char *se = s->frontend.servers[0].fqdn;
	struct report *r = report_build(p, catalog);
	const struct report_record *c;
	char srv[80];

	(void)state;
	/* L3: internal A for the server; _sipinternaltls._tcp 5061 to it */
	expect_dns(r, 0, "internal", "A", se, s->frontend.servers[0].address);
	snprintf(srv, sizeof srv, "_sipinternaltls._tcp.%s", p->sip_domain);
	expect_srv(r, "internal", srv, se, 5061);
	/* L3 / 1.4: the external web farm name at the reverse proxy */
	expect_dns(r, 0, "external", "A", s->frontend.web_external, s->rp_external);
	/* 3: internal simple URLs at the web services (here the server) and
	 * Meet and Dial-in, not Admin, published outside */
	expect_dns(r, 0, "internal", "A", p->meet_url, s->frontend.servers[0].address);
	expect_dns(r, 0, "internal", "A", p->admin_url, s->frontend.servers[0].address);
	expect_dns(r, 0, "external", "A", p->meet_url, s->rp_external);
	expect_dns(r, 0, "external", "A", p->dialin_url, s->rp_external);
	assert_int_equal(dns_count(r, 0, "external", NULL, p->admin_url, NULL), 0);
	/* 2.2: Web internal, subject the server, SAN the simple URLs with
	 * Admin; Web external, the external web FQDN, Meet and Dial-in */
	c = cert(r, 0, se, s->frontend.web_external);
	assert_non_null(c);
	assert_true(has_san(c, p->meet_url) && has_san(c, p->dialin_url));
	assert_false(has_san(c, p->admin_url));
	c = cert(r, 0, se, p->admin_url);
	assert_non_null(c);
	assert_true(has_san(c, p->meet_url) && has_san(c, p->dialin_url));
	/* 2.2: Default, subject and SAN the pool (= server) FQDN */
	assert_non_null(cert(r, 0, se, se));
	report_free(r);
	plan_free(p);
}

/* two-sites.xml: a hardware load balanced pool in Dublin, DNS load
 * balancing in Madrid, two SIP domains, Directors, reverse proxies. */
static void test_example_two_sites(void **state)
{
	struct plan *p = example("two-sites.xml");
	const struct site *dub = &p->sites[0], *mad = &p->sites[1];
	struct report *r = report_build(p, catalog);
	const struct report_record *rp;
	char name[80];

	(void)state;
	assert_int_equal(p->n_domains, 1);
	/* 1.8: "If HLB is used, there'd only be a single Front End pool
	 * entry" */
	assert_int_equal(dns_count(r, 0, "internal", NULL, dub->frontend.fqdn, NULL), 1);
	expect_dns(r, 0, "internal", "A", dub->frontend.fqdn, dub->frontend.vip);
	/* 1.9: DNS load balancing, the pool name to every server, the web
	 * services name (a different one) to the VIP */
	assert_int_equal(dns_count(r, 1, "internal", NULL, mad->frontend.fqdn, NULL),
			 mad->frontend.n_servers);
	for (size_t i = 0; i < mad->frontend.n_servers; i++)
		expect_dns(r, 1, "internal", "A", mad->frontend.fqdn,
			   mad->frontend.servers[i].address);
	assert_false(same(mad->frontend.web_internal, mad->frontend.fqdn));
	expect_dns(r, 1, "internal", "A", mad->frontend.web_internal, mad->frontend.vip);
	/* 1.7: lyncdiscoverinternal to the Director's internal web services
	 * when there is one; lyncdiscover at the reverse proxy; in each SIP
	 * domain */
	snprintf(name, sizeof name, "lyncdiscoverinternal.%s", p->domains[0].name);
	expect_dns(r, 0, "internal", "A", name, dub->director_pool.vip);
	snprintf(name, sizeof name, "lyncdiscover.%s", p->domains[0].name);
	expect_dns(r, 0, "external", "A", name, dub->rp_external);
	/* 3: a Meet simple URL per SIP domain */
	expect_dns(r, 0, "external", "A", p->domains[0].meet, dub->rp_external);
	expect_dns(r, 0, "internal", "A", p->domains[0].meet, dub->frontend.vip);
	/* 1.4 / 1.5: both the Director's and the Front End pool's external web
	 * services are published */
	expect_dns(r, 0, "external", "A", dub->director_pool.web_external, dub->rp_external);
	expect_dns(r, 0, "external", "A", dub->frontend.web_external, dub->rp_external);
	/* 2.7: the reverse proxy certificate names the external web services
	 * of the pool and the Director, Meet, Dial-in, Office Web Apps and
	 * lyncdiscover, from a public CA */
	rp = cert(r, 0, dub->frontend.web_external, dub->director_pool.web_external);
	assert_non_null(rp);
	assert_string_equal(rp->ca, "public");
	assert_true(has_san(rp, p->meet_url) && has_san(rp, p->domains[0].meet));
	assert_true(has_san(rp, p->dialin_url) && has_san(rp, dub->owas_pool.web_external));
	assert_true(has_san(rp, name));
	/* 1.3.1: Madrid's Edge behind NAT: public addresses outside */
	for (size_t i = 0; i < mad->n_edges; i++) {
		expect_dns(r, 1, "external", "A", mad->edge_access_fqdn,
			   mad->edges[i].access_nat);
		expect_not_in_zone(r, "external", mad->edges[i].access);
	}
	/* 2.8: the OAuth certificate, once for the deployment */
	{
		const struct report_flows *t = table(r, CATALOG_CERTIFICATES);
		size_t oauth = 0;
		for (size_t i = 0; i < t->n_records; i++)
			oauth += same(t->records[i].name, p->sip_domain) && t->records[i].n_sans == 0;
		assert_int_equal(oauth, 1);
	}
	report_free(r);
	plan_free(p);
}

/* lync2013-nat.xml was written before ucplan knew these names: its tables
 * still hold every record, with placeholders for the names it lacks. */
static void test_example_old_plan(void **state)
{
	struct plan *p = example("lync2013-nat.xml");
	const struct site *s = &p->sites[0];
	struct report *r = report_build(p, catalog);
	const struct report_flows *t = table(r, CATALOG_DNS);
	size_t external = 0;

	(void)state;
	assert_null(s->edge_access_fqdn);
	for (size_t i = 0; i < t->n_records; i++) {
		const struct report_record *x = &t->records[i];
		if (!same(x->zone, "external") || !same(x->type, "A"))
			continue;
		external++;
		/* 1.3.2: NAT, so the public address of the single Edge */
		expect_not_in_zone(r, "external", s->edges[0].access);
		assert_true(model_is_fqdn(x->name));
	}
	assert_true(external >= 3);
	/* 1.1: each Front End Server by its own name */
	for (size_t i = 0; i < s->frontend.n_servers; i++)
		expect_dns(r, 0, "internal", "A", s->frontend.servers[i].fqdn,
			   s->frontend.servers[i].address);
	report_free(r);
	plan_free(p);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_edge_single_public),
	    cmocka_unit_test(test_edge_single_nat),
	    cmocka_unit_test(test_edge_scaled_dns_public),
	    cmocka_unit_test(test_edge_scaled_dns_nat),
	    cmocka_unit_test(test_edge_scaled_hlb),
	    cmocka_unit_test(test_example_one_site),
	    cmocka_unit_test(test_example_two_sites),
	    cmocka_unit_test(test_example_old_plan),
	};

	return cmocka_run_group_tests_name("dnscert", tests, setup, teardown);
}
