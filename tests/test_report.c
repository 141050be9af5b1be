/* test_report.c: the rules engine on real plans and the real catalog. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ucplan/catalog.h"
#include "ucplan/export.h"
#include "ucplan/i18n.h"
#include "ucplan/model.h"
#include "ucplan/report.h"

#include "support.h"

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))


/* Index of the first row made from rule id (or -1). */
static long find_rule(const struct report_table *t, const char *id)
{
	for (size_t i = 0; i < t->n_rows; i++)
		if (strcmp(t->rows[i].rule_id, id) == 0)
			return (long)i;
	return -1;
}

static size_t count_rule(const struct report_table *t, const char *id)
{
	size_t n = 0;

	for (size_t i = 0; i < t->n_rows; i++)
		if (strcmp(t->rows[i].rule_id, id) == 0)
			n++;
	return n;
}

static void test_columns_are_the_contract(void **state)
{
	static const char *const firewall[] = {"rule", "scope", "source", "destination",
					       "transport", "source_port", "destination_port",
					       "service", "note", "reference"};
	static const char *const lb[] = {"load_balancer", "vip", "transport", "port",
					 "service", "persistence", "idle_timeout",
					 "health_monitor", "source_nat", "note", "reference"};
	static const char *const ipsec[] = {"rule", "source", "destination", "transport",
					    "source_port", "destination_port", "authentication",
					    "reference"};
	const struct report_column *c;
	size_t n;

	(void)state;
	c = report_columns(CATALOG_FIREWALL, &n);
	assert_int_equal(n, 10);
	for (size_t i = 0; i < n; i++)
		assert_string_equal(c[i].key, firewall[i]);
	c = report_columns(CATALOG_LB, &n);
	assert_int_equal(n, 11);
	for (size_t i = 0; i < n; i++)
		assert_string_equal(c[i].key, lb[i]);
	c = report_columns(CATALOG_IPSEC, &n);
	assert_int_equal(n, 8);
	for (size_t i = 0; i < n; i++)
		assert_string_equal(c[i].key, ipsec[i]);
}

static void test_default_plan(void **state)
{
	struct plan *plan = plan_new_default();
	struct report_view *r;
	const struct report_table *fw, *lb;
	long row;

	(void)state;
	r = view_of(plan);
	fw = &r->tables[CATALOG_FIREWALL];
	lb = &r->tables[CATALOG_LB];
	assert_string_equal(fw->key, "firewall");
	assert_true(fw->n_rows > 40);
	/* no Edge, no IPsec, no UM: none of their rows */
	assert_int_equal(find_rule(fw, "edge-ext-sip-443-in"), -1);
	assert_int_equal(find_rule(fw, "um-callrouter-5061"), -1);
	assert_int_equal(r->tables[CATALOG_IPSEC].n_rows, 0);
	/* DNS load balancing: the hardware load balancer carries only web ports */
	assert_true(find_rule(lb, "lb-fe-dns-443") >= 0);
	assert_int_equal(find_rule(lb, "lb-fe-hw-5061"), -1);
	/* the Front End rule names the plan's servers and addresses */
	row = find_rule(fw, "fe-sip-5061");
	assert_true(row >= 0);
	assert_non_null(strstr(cell(fw, (size_t)row, "destination"),
			       plan->sites[0].frontend.servers[0].fqdn));
	assert_non_null(strstr(cell(fw, (size_t)row, "destination"),
			       plan->sites[0].frontend.servers[1].address));
	assert_string_equal(cell(fw, (size_t)row, "destination_port"), "5061");
	assert_string_equal(cell(fw, (size_t)row, "source_port"), "Any");
	assert_string_equal(cell(fw, (size_t)row, "transport"), "TCP");
	assert_string_equal(cell(fw, (size_t)row, "scope"), "Server host firewall");
	/* the reference names the public article, its table and its address,
	 * once, although a seed and a reference section both transcribe it */
	assert_string_equal(cell(fw, (size_t)row, "reference"),
			    "Skype for Business Server 2015: Port and protocol requirements for "
			    "servers \u2014 Required server ports (by server role) "
			    "<https://docs.microsoft.com/skypeforbusiness/plan-your-deployment/"
			    "network-requirements/ports-and-protocols>");
	assert_int_equal(fw->rows[row].site, 0);
	view_free(r);
	plan_free(plan);
}

static void test_hardware_load_balancing(void **state)
{
	struct plan *plan = plan_new_default();
	struct report_view *r;
	const struct report_table *lb;
	long row;

	(void)state;
	plan_set_pool_lb(plan, 0, POOL_LB_HARDWARE);
	plan_fill_defaults(plan);
	r = view_of(plan);
	lb = &r->tables[CATALOG_LB];
	row = find_rule(lb, "lb-fe-hw-5061");
	assert_true(row >= 0);
	assert_string_equal(cell(lb, (size_t)row, "load_balancer"), plan->sites[0].frontend.fqdn);
	assert_string_equal(cell(lb, (size_t)row, "vip"), plan->sites[0].frontend.vip);
	assert_string_equal(cell(lb, (size_t)row, "port"), "5061");
	assert_int_equal(find_rule(lb, "lb-fe-dns-443"), -1);
	view_free(r);

	/* a Standard Edition server has no load balancer at all */
	plan_set_edition(plan, 0, EDITION_STANDARD);
	plan_fill_defaults(plan);
	r = view_of(plan);
	assert_int_equal(r->tables[CATALOG_LB].n_rows, 0);
	view_free(r);
	plan_free(plan);
}

static void test_site_independent_rows_once(void **state)
{
	struct plan *plan = plan_new_default();
	struct report_view *r;
	const struct report_table *fw;
	long row;

	(void)state;
	plan_add_site(plan, "Second");
	plan_add_site(plan, "Third");
	plan_fill_defaults(plan);
	r = view_of(plan);
	fw = &r->tables[CATALOG_FIREWALL];
	/* client rules do not depend on a site: once for the plan */
	assert_int_equal(count_rule(fw, "client-sip-443"), 1);
	row = find_rule(fw, "client-sip-443");
	assert_int_equal(fw->rows[row].site, -1);
	/* server rules: once per site, in site order */
	assert_int_equal(count_rule(fw, "fe-sip-5061"), 3);
	{
		int last = -1;
		for (size_t i = 0; i < fw->n_rows; i++)
			if (strcmp(fw->rows[i].rule_id, "fe-sip-5061") == 0) {
				assert_true(fw->rows[i].site > last);
				last = fw->rows[i].site;
			}
	}
	view_free(r);
	plan_free(plan);
}

static void test_same_flow_merges_references(void **state)
{
	struct plan *plan = plan_new_default();
	struct report_view *r;
	const struct report_table *fw;
	long row;

	(void)state;
	plan_set_edge(plan, 0, EDGE_SINGLE, EDGE_ADDR_PUBLIC, 1);
	plan->federation = FEDERATION_SIP;
	plan_fill_defaults(plan);
	r = view_of(plan);
	fw = &r->tables[CATALOG_FIREWALL];
	/* the Edge table and the SIP federation summary state the same rule:
	 * one row, both sources named */
	row = find_rule(fw, "edge-ext-sip-5061-out");
	assert_true(row >= 0);
	assert_non_null(strstr(cell(fw, (size_t)row, "reference"),
			       "Edge Server environmental requirements \u2014 External port "
			       "firewall summary table"));
	assert_non_null(strstr(cell(fw, (size_t)row, "reference"),
			       "Port summary - SIP, XMPP federation, and public instant messaging "
			       "\u2014 Firewall summary - SIP federation"));
	/* no other row states that flow */
	for (size_t i = 0; i < fw->n_rows; i++) {
		if ((long)i == row)
			continue;
		assert_false(strcmp(cell(fw, i, "source"), cell(fw, (size_t)row, "source")) == 0 &&
			     strcmp(cell(fw, i, "destination"),
				    cell(fw, (size_t)row, "destination")) == 0 &&
			     strcmp(cell(fw, i, "destination_port"), "5061") == 0 &&
			     strcmp(cell(fw, i, "service"), cell(fw, (size_t)row, "service")) == 0);
	}
	view_free(r);
	plan_free(plan);
}

static void test_version_selects_tables(void **state)
{
	struct plan *plan = plan_new_default();
	struct report_view *r;
	const struct report_table *fw;
	long row;

	(void)state;
	plan_set_edge(plan, 0, EDGE_SINGLE, EDGE_ADDR_NAT, 1);
	plan_fill_defaults(plan);
	plan->version = PRODUCT_LYNC2013;
	r = view_of(plan);
	fw = &r->tables[CATALOG_FIREWALL];
	row = find_rule(fw, "edge-ext-sip-443-in");
	assert_true(row >= 0);
	assert_non_null(strstr(cell(fw, (size_t)row, "reference"),
			       "Lync Server 2013: Port summary - Single consolidated Edge with "
			       "private IP addresses using NAT"));
	assert_null(strchr(cell(fw, (size_t)row, "reference"), ';'));
	/* Lync 2013 lists UDP 50000-59999 outbound only for OCS 2007 partners */
	assert_int_equal(find_rule(fw, "edge-ext-av-rtp-udp-out"), -1);
	assert_int_equal(find_rule(fw, "edge-ext-av-rtp-udp-out-ocs2007"), -1);
	view_free(r);

	plan->version = PRODUCT_SFB2015;
	r = view_of(plan);
	fw = &r->tables[CATALOG_FIREWALL];
	row = find_rule(fw, "edge-ext-sip-443-in");
	assert_non_null(strstr(cell(fw, (size_t)row, "reference"),
			       "Skype for Business Server 2015: Edge Server environmental "
			       "requirements"));
	assert_null(strchr(cell(fw, (size_t)row, "reference"), ';'));
	assert_true(find_rule(fw, "edge-ext-av-rtp-udp-out") >= 0);
	view_free(r);

	plan->ocs2007_federation = true;
	r = view_of(plan);
	assert_true(find_rule(&r->tables[CATALOG_FIREWALL], "edge-ext-av-rtp-udp-in-ocs2007") >=
		    0);
	view_free(r);
	plan_free(plan);
}

static void test_a_v_ports_kept_apart(void **state)
{
	struct plan *plan = plan_new_default();
	struct report_view *r;
	const struct report_table *fw;
	long row;

	(void)state;
	plan_set_edge(plan, 0, EDGE_SCALED_DNS, EDGE_ADDR_PUBLIC, 2);
	plan_fill_defaults(plan);
	r = view_of(plan);
	fw = &r->tables[CATALOG_FIREWALL];
	row = find_rule(fw, "edge-ext-av-rtp-tcp-out");
	assert_true(row >= 0);
	assert_string_equal(cell(fw, (size_t)row, "source_port"), "50000-59999");
	assert_string_equal(cell(fw, (size_t)row, "destination_port"), "443");
	/* both Edge Servers' A/V addresses are named */
	assert_non_null(strstr(cell(fw, (size_t)row, "source"), plan->sites[0].edges[0].av));
	assert_non_null(strstr(cell(fw, (size_t)row, "source"), plan->sites[0].edges[1].av));
	view_free(r);
	plan_free(plan);
}

static void test_nat_and_vip_formatting(void **state)
{
	struct plan *plan = plan_new_default();
	struct report_view *r;
	const struct report_table *fw;
	const char *text;
	char expect[256];
	long row;

	(void)state;
	plan_set_edge(plan, 0, EDGE_SINGLE, EDGE_ADDR_NAT, 1);
	plan_fill_defaults(plan);
	r = view_of(plan);
	fw = &r->tables[CATALOG_FIREWALL];
	row = find_rule(fw, "edge-ext-stun-udp-in");
	text = cell(fw, (size_t)row, "destination");
	snprintf(expect, sizeof expect, "A/V Edge service %s (%s, NAT %s)",
		 plan->sites[0].edges[0].fqdn, plan->sites[0].edges[0].av,
		 plan->sites[0].edges[0].av_nat);
	assert_string_equal(text, expect);
	view_free(r);

	plan_set_edge(plan, 0, EDGE_SCALED_HLB, EDGE_ADDR_PUBLIC, 2);
	plan_fill_defaults(plan);
	r = view_of(plan);
	fw = &r->tables[CATALOG_FIREWALL];
	row = find_rule(fw, "edge-vip-sip-443-in");
	assert_true(row >= 0);
	snprintf(expect, sizeof expect, "Access Edge service virtual IP %s",
		 plan->sites[0].edge_vip_access);
	assert_string_equal(cell(fw, (size_t)row, "destination"), expect);
	/* an HLB Edge has no inbound SIP row on the real servers */
	assert_int_equal(find_rule(fw, "edge-ext-sip-443-in"), -1);
	view_free(r);
	plan_free(plan);
}

static void test_plan_ranges_fill_symbolic_ports(void **state)
{
	struct plan *plan = plan_new_default();
	struct report_view *r;
	long row;

	(void)state;
	plan->ipsec = true;
	plan->client_media.first = 50000;
	plan->client_media.last = 50019;
	plan_set_um(plan, 0, UM_TLS, 1);
	plan->sites[0].um_rtp.first = 10000;
	plan->sites[0].um_rtp.last = 20000;
	plan_fill_defaults(plan);
	r = view_of(plan);
	row = find_rule(&r->tables[CATALOG_FIREWALL], "client-audio-udp");
	assert_string_equal(cell(&r->tables[CATALOG_FIREWALL], (size_t)row, "source_port"),
			    "50000-50019");
	row = find_rule(&r->tables[CATALOG_IPSEC], "ipsec-clients");
	assert_true(row >= 0);
	assert_string_equal(cell(&r->tables[CATALOG_IPSEC], (size_t)row, "source_port"),
			    "50000-50019");
	assert_string_equal(cell(&r->tables[CATALOG_IPSEC], (size_t)row, "authentication"),
			    "Do not authenticate");
	row = find_rule(&r->tables[CATALOG_FIREWALL], "um-rtp-in");
	assert_string_equal(cell(&r->tables[CATALOG_FIREWALL], (size_t)row, "destination_port"),
			    "10000-20000");
	/* TLS mode: secured ports only */
	assert_true(find_rule(&r->tables[CATALOG_FIREWALL], "um-callrouter-5061") >= 0);
	assert_int_equal(find_rule(&r->tables[CATALOG_FIREWALL], "um-callrouter-5060-tcp"), -1);
	assert_int_equal(find_rule(&r->tables[CATALOG_FIREWALL], "um-worker-5066-dual"), -1);
	view_free(r);
	plan_free(plan);
}

static void test_every_rule_reachable(void **state)
{
	/* Some plan turns every catalog rule on: a rule no plan can reach is a
	 * data error. */
	static const struct {
		enum product_version version;
		enum edge_topology edge;
		enum edge_addressing addr;
		enum pool_lb lb;
		enum mediation_mode med;
		enum um_mode um;
	} variants[] = {
		{PRODUCT_SFB2015, EDGE_SCALED_DNS, EDGE_ADDR_NAT, POOL_LB_DNS, MEDIATION_COLLOCATED,
		 UM_TCP},
		{PRODUCT_SFB2015, EDGE_SCALED_HLB, EDGE_ADDR_PUBLIC, POOL_LB_HARDWARE,
		 MEDIATION_STANDALONE, UM_TLS},
		{PRODUCT_LYNC2013, EDGE_SCALED_HLB, EDGE_ADDR_PUBLIC, POOL_LB_HARDWARE,
		 MEDIATION_COLLOCATED, UM_DUAL},
		{PRODUCT_LYNC2013, EDGE_SINGLE, EDGE_ADDR_NAT, POOL_LB_DNS, MEDIATION_STANDALONE,
		 UM_DUAL},
	};
	bool *seen = calloc(catalog->n_rules, sizeof *seen);
	bool *shaped = calloc(catalog->n_shapes, sizeof *shaped);

	(void)state;
	for (size_t v = 0; v < sizeof variants / sizeof variants[0]; v++) {
		struct plan *plan = plan_new_default();
		struct report_view *r;
		plan->version = variants[v].version;
		plan->federation = FEDERATION_SIP | FEDERATION_PUBLIC_IM | FEDERATION_XMPP;
		plan->ocs2007_federation = true;
		plan->ipsec = true;
		plan_set_pool_lb(plan, 0, variants[v].lb);
		/* the first without a Director: some records name the Front End
		 * pool only then */
		plan_set_director(plan, 0, v > 0, 2);
		plan_set_mediation(plan, 0, variants[v].med, 2, 1);
		plan_set_edge(plan, 0, variants[v].edge, variants[v].addr,
			      variants[v].edge == EDGE_SINGLE ? 1 : 2);
		plan_set_reverse_proxy(plan, 0, true);
		plan_set_persistent_chat(plan, 0, true);
		plan_set_office_web_apps(plan, 0, true);
		if (v == 1) { /* a farm behind a load balancer */
			struct pool *o = &plan->sites[0].owas_pool;
			o->servers = realloc(o->servers, 2 * sizeof *o->servers);
			o->servers[1] = (struct server){NULL, NULL};
			o->n_servers = 2;
		}
		plan_set_um(plan, 0, variants[v].um, 1);
		plan->sites[0].branches = calloc(1, sizeof *plan->sites[0].branches);
		plan->sites[0].n_branches = 1;
		plan->sites[0].branches[0].name = strdup("Branch");
		plan->sites[0].branches[0].kind = BRANCH_SBA;
		plan_fill_defaults(plan);
		r = view_of(plan);
		for (unsigned k = 0; k < CATALOG_TABLE_COUNT; k++)
			for (size_t i = 0; i < r->tables[k].n_rows; i++) {
				const struct catalog_rule *rule = r->tables[k].rows[i].rule;
				if (CATALOG_IS_RECORDS(k))
					shaped[rule - catalog->shapes] = true;
				else
					seen[rule - catalog->rules] = true;
			}
		view_free(r);
		plan_free(plan);
	}
	for (size_t i = 0; i < catalog->n_rules; i++)
		if (!seen[i])
			fail_msg("rule %s is produced by no plan", catalog->rules[i].id);
	/* and every DNS record, certificate and summary entry */
	for (size_t i = 0; i < catalog->n_shapes; i++)
		if (!shaped[i])
			fail_msg("shape %s is produced by no plan", catalog->shapes[i].id);
	free(seen);
	free(shaped);
}

static void test_stable_output(void **state)
{
	struct plan *plan = plan_new_default();
	struct report_view *a, *b;

	(void)state;
	plan_set_edge(plan, 0, EDGE_SCALED_DNS, EDGE_ADDR_PUBLIC, 2);
	plan_fill_defaults(plan);
	a = view_of(plan);
	b = view_of(plan);
	for (unsigned k = 0; k < CATALOG_TABLE_COUNT; k++) {
		assert_int_equal(a->tables[k].n_rows, b->tables[k].n_rows);
		for (size_t i = 0; i < a->tables[k].n_rows; i++)
			for (size_t c = 0; c < a->tables[k].n_columns; c++)
				assert_string_equal(a->tables[k].rows[i].cells[c],
						    b->tables[k].rows[i].cells[c]);
	}
	view_free(a);
	view_free(b);
	plan_free(plan);
}

/* Everything ex writes of report, as a string (caller frees). */
static char *export_text_of(const struct exporter *ex, const struct report *report)
{
	struct export_options eo;
	struct uc_error err = {0};
	char *buf = NULL;
	size_t size = 0;
	FILE *f = open_memstream(&buf, &size);

	assert_non_null(f);
	export_default_options(&eo);
	eo.width = 120; /* text: wrapped to a width, as into a pipe */
	eo.wrap = true;
	assert_int_equal(ex->write(report, &eo, f, &err), UC_OK);
	assert_int_equal(fclose(f), 0);
	return buf;
}

/* A streamed report, read part after part, writes the same bytes as the
 * report built at once, whatever the size of its parts: the same rows in the
 * same order, plan-wide rows where they were first made, with the sources of
 * every site that states them. */
static void test_stream_same_as_build(void **state)
{
	static const char *const formats[] = {"csv", "json", "xml", "text"};
	static const size_t part_sites[] = {1, 2, 4, 0};
	struct plan *plan = plan_new_default();
	struct report *built;
	size_t wide = 0;

	(void)state;
	/* a data centre (Edge, Directors, UM...) every fourth site from the
	 * third on, regional sites between them */
	for (int i = 1; i < 9; i++) {
		char name[32];
		snprintf(name, sizeof name, "Site %d", i + 1);
		plan_add_site(plan, name);
	}
	plan->federation = FEDERATION_SIP | FEDERATION_XMPP;
	plan->ipsec = true;
	for (size_t i = 0; i < plan->n_sites; i++) {
		if (i % 4 != 2) {
			plan_set_edition(plan, i, EDITION_STANDARD);
			plan_set_mediation(plan, i, MEDIATION_COLLOCATED, 0, 1);
			continue;
		}
		plan_set_frontend_count(plan, i, 3);
		plan_set_pool_lb(plan, i, i % 8 == 2 ? POOL_LB_HARDWARE : POOL_LB_DNS);
		plan_set_director(plan, i, true, 2);
		plan_set_edge(plan, i, i % 8 == 2 ? EDGE_SCALED_HLB : EDGE_SINGLE,
			      i % 8 == 2 ? EDGE_ADDR_NAT : EDGE_ADDR_PUBLIC, i % 8 == 2 ? 2 : 1);
		plan_set_reverse_proxy(plan, i, true);
		plan_set_mediation(plan, i, MEDIATION_STANDALONE, 2, 2);
		plan_set_um(plan, i, UM_DUAL, 2);
		plan_set_persistent_chat(plan, i, true);
		plan_set_office_web_apps(plan, i, true);
	}
	plan_fill_defaults(plan);
	built = report_build(plan, catalog);
	/* plan-wide rows (clients to any...) among the first site's, made
	 * once for every site: what the parts must place and not repeat */
	for (unsigned k = 0; k < CATALOG_TABLE_COUNT; k++)
		for (size_t r = 0; r < built->tables[k].n_flows; r++)
			wide += built->tables[k].flows[r].site < 0;
	assert_true(wide > 0);
	assert_true(built->tables[CATALOG_FIREWALL].flows[built->tables[CATALOG_FIREWALL].n_flows - 1]
			.site == (int)plan->n_sites - 1);
	for (size_t f = 0; f < COUNT(formats); f++) {
		const struct exporter *ex = export_find(formats[f]);
		char *expected;

		assert_non_null(ex);
		assert_true(ex->streams);
		expected = export_text_of(ex, built);
		for (size_t p = 0; p < COUNT(part_sites); p++) {
			struct report *streamed = report_stream_open(plan, catalog, part_sites[p]);
			char *got = export_text_of(ex, streamed);
			size_t parts = 0;
			struct report_part part;

			assert_string_equal(got, expected);
			/* a part never holds more sites than asked */
			for (const struct report_flows *t =
				 report_part_first(streamed, CATALOG_FIREWALL, &part);
			     t; t = report_part_next(&part))
				parts++;
			if (part_sites[p])
				assert_int_equal(parts, (plan->n_sites + part_sites[p] - 1) /
							    part_sites[p]);
			free(got);
			report_free(streamed);
		}
		free(expected);
	}
	report_free(built);
	plan_free(plan);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_columns_are_the_contract),
		cmocka_unit_test(test_default_plan),
		cmocka_unit_test(test_hardware_load_balancing),
		cmocka_unit_test(test_site_independent_rows_once),
		cmocka_unit_test(test_same_flow_merges_references),
		cmocka_unit_test(test_version_selects_tables),
		cmocka_unit_test(test_a_v_ports_kept_apart),
		cmocka_unit_test(test_nat_and_vip_formatting),
		cmocka_unit_test(test_plan_ranges_fill_symbolic_ports),
		cmocka_unit_test(test_every_rule_reachable),
		cmocka_unit_test(test_stable_output),
		cmocka_unit_test(test_stream_same_as_build),
	};

	return cmocka_run_group_tests_name("report", tests, setup, teardown);
}
