/* test_lbsettings.c: what the load balancer table says to configure on each
 * VIP, checked against Microsoft's pages as the reference transcribes them
 * (../shared/reference/dns-certificates-reference.md §4), not against our
 * data.
 *
 * Rows are found the way an administrator reads them: by the VIP address
 * the plan gave the pool and by the port, never by rule id or profile.  The
 * expectations, from the reference:
 * - §4.2 (Front End pool and Director web services): source address
 *   persistence on the internal web services ports 80 and 443; no affinity
 *   on the external web services VIP (the load balancing page; the
 *   mobility page, §4.5, disagrees and we follow §4.2); TCP idle timeout
 *   1800 seconds on every web services port;
 * - §4.3: the monitor is TCP 5061 on each Front End node; none is
 *   documented for Director, Mediation or Edge VIPs, nor for the
 *   HLB-only ports;
 * - §4.4: source NAT may be set for the Access Edge and Web Conferencing
 *   Edge services and never for the A/V Edge service; no persistence or
 *   idle timeout is given for Edge VIPs;
 * - everything else: "Not documented", never a value. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ucplan/catalog.h"
#include "ucplan/model.h"
#include "ucplan/report.h"
#include "ucplan/util.h"

#include "support.h"

#define NOT_DOCUMENTED "Not documented"

/* A plan with every load balanced pool: Front End, Director and Mediation
 * pools behind hardware (or DNS) load balancing, a reverse proxy, and a
 * hardware load balanced Edge pool with XMPP. */
static struct plan *plan_for(enum pool_lb lb)
{
	struct plan *plan = plan_new_default();

	plan_set_pool_lb(plan, 0, lb);
	plan_set_director(plan, 0, true, 2);
	plan_set_mediation(plan, 0, MEDIATION_STANDALONE, 2, 1);
	plan_set_edge(plan, 0, EDGE_SCALED_HLB, EDGE_ADDR_PUBLIC, 2);
	plan->federation |= FEDERATION_XMPP;
	plan_set_reverse_proxy(plan, 0, true);
	plan_fill_defaults(plan);
	return plan;
}

/* The settings a row states, as read in the table. */
struct settings {
	const char *persistence, *timeout, *monitor, *snat;
};

static void expect_row(const struct report_table *lb, size_t row, const struct settings *want)
{
	const char *port = cell(lb, row, "port"), *vip = cell(lb, row, "vip");

	if (strcmp(cell(lb, row, "persistence"), want->persistence) != 0 ||
	    strcmp(cell(lb, row, "idle_timeout"), want->timeout) != 0 ||
	    strcmp(cell(lb, row, "health_monitor"), want->monitor) != 0 ||
	    strcmp(cell(lb, row, "source_nat"), want->snat) != 0)
		fail_msg("VIP %s port %s: persistence \"%s\", idle timeout \"%s\", monitor \"%s\", "
			 "source NAT \"%s\"; wanted \"%s\", \"%s\", \"%s\", \"%s\"",
			 vip, port, cell(lb, row, "persistence"), cell(lb, row, "idle_timeout"),
			 cell(lb, row, "health_monitor"), cell(lb, row, "source_nat"),
			 want->persistence, want->timeout, want->monitor, want->snat);
}

static bool is_port(const char *port, const char *const *ports)
{
	for (; *ports; ports++)
		if (strcmp(port, *ports) == 0)
			return true;
	return false;
}

static const char *const internal_web[] = {"80", "443", NULL};
static const char *const external_web[] = {"4443", "8080", NULL};

/* Front End and Director pools (§4.2, §4.3); Mediation: nothing. */
static size_t check_pools(const struct report_table *lb, const struct site *s)
{
	const struct settings fe_internal = {"Source address", "1800", "TCP 5061", NOT_DOCUMENTED};
	const struct settings fe_external = {"None", "1800", "TCP 5061", NOT_DOCUMENTED};
	const struct settings dir_internal = {"Source address", "1800", NOT_DOCUMENTED,
					      NOT_DOCUMENTED};
	const struct settings dir_external = {"None", "1800", NOT_DOCUMENTED, NOT_DOCUMENTED};
	const struct settings none = {NOT_DOCUMENTED, NOT_DOCUMENTED, NOT_DOCUMENTED,
				      NOT_DOCUMENTED};
	size_t checked = 0;

	for (size_t r = 0; r < lb->n_rows; r++) {
		const char *vip = cell(lb, r, "vip"), *port = cell(lb, r, "port");
		bool fe = str_eq(vip, s->frontend.vip), dir = str_eq(vip, s->director_pool.vip);
		if (!fe && !dir && !str_eq(vip, s->mediation_pool.vip))
			continue;
		if (is_port(port, internal_web))
			expect_row(lb, r, fe ? &fe_internal : dir ? &dir_internal : &none);
		else if (is_port(port, external_web))
			expect_row(lb, r, fe ? &fe_external : dir ? &dir_external : &none);
		else
			expect_row(lb, r, &none);
		checked++;
	}
	return checked;
}

/* The Edge pool (§4.4): source NAT by service, nothing else documented. */
static size_t check_edge(const struct report_table *lb, const struct site *s)
{
	const struct settings snat_allowed = {NOT_DOCUMENTED, NOT_DOCUMENTED, NOT_DOCUMENTED,
					      "Allowed"};
	const struct settings snat_refused = {NOT_DOCUMENTED, NOT_DOCUMENTED, NOT_DOCUMENTED,
					      "Not allowed"};
	/* the internal VIP carries the Access Edge service's SIP (5061) and
	 * the A/V Edge service's authentication (5062) and media (3478, 443) */
	static const char *const av_internal[] = {"5062", "3478", "443", NULL};
	size_t checked = 0;

	for (size_t r = 0; r < lb->n_rows; r++) {
		const char *vip = cell(lb, r, "vip"), *port = cell(lb, r, "port");
		if (str_eq(vip, s->edge_vip_access) || str_eq(vip, s->edge_vip_webconf))
			expect_row(lb, r, &snat_allowed);
		else if (str_eq(vip, s->edge_vip_av))
			expect_row(lb, r, &snat_refused);
		else if (str_eq(vip, s->edge_vip_internal))
			expect_row(lb, r, is_port(port, av_internal) ? &snat_refused : &snat_allowed);
		else
			continue;
		checked++;
	}
	return checked;
}

static void test_settings_by_vip(void **state)
{
	static const enum pool_lb lbs[] = {POOL_LB_HARDWARE, POOL_LB_DNS};

	(void)state;
	for (size_t i = 0; i < sizeof lbs / sizeof lbs[0]; i++) {
		struct plan *plan = plan_for(lbs[i]);
		const struct site *s = &plan->sites[0];
		struct report_view *v = view_of(plan);
		const struct report_table *lb = &v->tables[CATALOG_LB];
		size_t pools = check_pools(lb, s), edge = check_edge(lb, s);

		assert_non_null(s->edge_vip_av);
		/* every row is one of those, and there are rows of each */
		assert_int_equal(pools + edge, lb->n_rows);
		assert_true(pools >= (lbs[i] == POOL_LB_HARDWARE ? 14u : 4u));
		/* access 443, 5061, 5269; web conferencing 443; A/V 443, 3478;
		 * internal 5061, 5062, 3478, 443 */
		assert_int_equal(edge, 10);
		view_free(v);
		plan_free(plan);
	}
}

/* Every row of every table says where its settings come from, and an lb
 * row's reference names the load balancing page. */
static void test_settings_cite_the_load_balancing_page(void **state)
{
	struct plan *plan = plan_for(POOL_LB_HARDWARE);
	struct report_view *v = view_of(plan);
	const struct report_table *lb = &v->tables[CATALOG_LB];

	(void)state;
	for (size_t r = 0; r < lb->n_rows; r++) {
		const char *ref = cell(lb, r, "reference");
		if (!strstr(ref, "plan-your-deployment/network-requirements/load-balancing") &&
		    !strstr(ref, "port-summary-scaled-consolidated-edge-with-hardware-load-balancers"))
			fail_msg("lb row %zu (%s port %s) cites no load balancing page: %s", r,
				 cell(lb, r, "vip"), cell(lb, r, "port"), ref);
		if (!strstr(cell(lb, r, "note"), "."))
			fail_msg("lb row %zu has no note", r);
	}
	view_free(v);
	plan_free(plan);
}

/* ---- the reference holds what the settings cite ---------------------------- */

/* The text of "### 4.2 ..." up to the next heading of that level or above. */
static char *numbered_section(const char *doc, const char *number)
{
	char heading[32];
	const char *start, *end;

	snprintf(heading, sizeof heading, "\n### %s ", number);
	start = strstr(doc, heading);
	if (!start)
		return NULL;
	end = strstr(start + 1, "\n### ");
	{
		const char *chapter = strstr(start + 1, "\n## ");
		if (chapter && (!end || chapter < end))
			end = chapter;
	}
	return end ? xstrndup(start, (size_t)(end - start)) : xstrdup(start);
}

static void test_reference_sections_hold_the_values(void **state)
{
	char *doc = shared_file("reference/dns-certificates-reference.md");
	/* each value the table states, and the words of the section it is in */
	static const struct {
		const char *section, *words;
	} facts[] = {
	    {"4.2", "Source_addr persistence (internal port 80, 443)"},
	    {"4.2", "**1800 seconds**"},
	    {"4.2", "No affinity"},
	    {"4.3", "Front End / 5061"},
	    {"4.3", "No monitor is documented for"},
	    {"4.4", "SNAT cannot be configured on the A/V Edge service"},
	    {"4.4", "for Access Edge\n  service and Web Conferencing Edge service"},
	    {"4.4", "Persistence / idle timeout values for Edge VIPs are not given"},
	    {"4.5", "need to be\nconfigured for source"},
	};
	size_t cited = 0;

	(void)state;
	if (!doc) {
		print_message("dns-certificates-reference.md not found (set UCPLAN_SHARED); skipped\n");
		skip();
	}
	for (size_t i = 0; i < sizeof facts / sizeof facts[0]; i++) {
		char *text = numbered_section(doc, facts[i].section);
		if (!text)
			fail_msg("no section %s in dns-certificates-reference.md", facts[i].section);
		if (!strstr(text, facts[i].words))
			fail_msg("section %s does not say \"%s\"", facts[i].section, facts[i].words);
		free(text);
	}
	/* every section a setting cites exists */
	for (size_t i = 0; i < catalog->n_lb_profiles; i++)
		for (size_t j = 0; j < catalog->lb_profiles[i].n_sources; j++) {
			const struct catalog_source *src = catalog->lb_profiles[i].sources[j];
			char *text;
			assert_non_null(src->document);
			assert_string_equal(src->document, "dns-certificates-reference");
			text = numbered_section(doc, src->section);
			if (!text)
				fail_msg("profile %s cites section %s, which is not in the reference",
					 catalog->lb_profiles[i].id, src->section);
			free(text);
			cited++;
		}
	print_message("%zu citations of the reference checked\n", cited);
	free(doc);
}

/* Every lb rule of the catalog says how to configure its VIP. */
static void test_every_lb_rule_has_settings(void **state)
{
	(void)state;
	for (size_t i = 0; i < catalog->n_rules; i++) {
		const struct catalog_rule *r = &catalog->rules[i];
		if (r->table == CATALOG_LB && !r->lb)
			fail_msg("lb rule %s (catalog.xml:%d) has no lb-profile", r->id, r->line);
		if (r->table != CATALOG_LB)
			assert_null(r->lb);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_every_lb_rule_has_settings),
	    cmocka_unit_test(test_settings_by_vip),
	    cmocka_unit_test(test_settings_cite_the_load_balancing_page),
	    cmocka_unit_test(test_reference_sections_hold_the_values),
	};

	return cmocka_run_group_tests_name("lbsettings", tests, setup, teardown);
}
