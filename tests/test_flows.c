/* test_flows.c: the addresses every row resolves to, checked against what
 * the source documents say, and the flows that must never appear.
 *
 * test_seeds.c compares catalog endpoint ids; a row can name the right ids
 * and still resolve to the wrong addresses (a pool without its VIP, the Edge
 * among "all servers").  Here every expectation is stated in the documents'
 * terms and checked on the addresses a plan resolves to, the way an
 * administrator reads a row: which servers, which VIP, which port.  Rows are
 * found by what they say (transport, ports, addresses), never by rule id, and
 * the expected addresses come from the plan, never from the catalog.
 *
 * The last test checks provenance: each port a rule cites a section for is
 * really in that section of ../shared (the seeds and ports-reference.md). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <ctype.h>
#include <locale.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ucplan/catalog.h"
#include "ucplan/i18n.h"
#include "ucplan/model.h"
#include "ucplan/report.h"
#include "ucplan/util.h"

#include "support.h"


/* ---- reading rows as an administrator does ------------------------------- */

/* True when address appears in text as a whole address (192.0.2.1 is not
 * found in 192.0.2.10). */
static bool names_address(const char *text, const char *address)
{
	size_t n;

	if (str_empty(address))
		return false;
	n = strlen(address);
	for (const char *p = strstr(text, address); p; p = strstr(p + 1, address)) {
		bool left = p == text || !(isxdigit((unsigned char)p[-1]) || p[-1] == '.' ||
					   p[-1] == ':');
		bool right = !(isxdigit((unsigned char)p[n]) || p[n] == '.' || p[n] == ':');
		if (left && right)
			return true;
	}
	return false;
}

static bool names_pool_members(const char *text, const struct pool *p)
{
	for (size_t i = 0; i < p->n_servers; i++)
		if (!names_address(text, p->servers[i].address))
			return false;
	return p->n_servers > 0;
}

static bool names_edge_internals(const char *text, const struct site *s)
{
	for (size_t i = 0; i < s->n_edges; i++)
		if (!names_address(text, s->edges[i].internal))
			return false;
	return s->n_edges > 0;
}

/* Any address of the Edge Servers: internal, external, NAT and VIPs. */
static bool names_any_edge_address(const char *text, const struct site *s)
{
	for (size_t i = 0; i < s->n_edges; i++) {
		const struct edge_server *e = &s->edges[i];
		if (names_address(text, e->internal) || names_address(text, e->access) ||
		    names_address(text, e->webconf) || names_address(text, e->av) ||
		    names_address(text, e->access_nat) || names_address(text, e->webconf_nat) ||
		    names_address(text, e->av_nat))
			return true;
	}
	return names_address(text, s->edge_vip_internal) || names_address(text, s->edge_vip_access) ||
	       names_address(text, s->edge_vip_webconf) || names_address(text, s->edge_vip_av);
}

/* The firewall rows of transport and destination port whose source and
 * destination satisfy the two predicates; returns how many, and the first
 * in *first. */
typedef bool (*cell_test)(const char *text, const struct site *s);

static size_t find_flows(const struct report_view *r, const struct site *s, const char *transport,
			 const char *dport, cell_test source, cell_test destination, long *first)
{
	const struct report_table *fw = &r->tables[CATALOG_FIREWALL];
	size_t n = 0;

	*first = -1;
	for (size_t i = 0; i < fw->n_rows; i++) {
		if (strcmp(cell(fw, i, "transport"), transport) != 0 ||
		    strcmp(cell(fw, i, "destination_port"), dport) != 0)
			continue;
		if ((source && !source(cell(fw, i, "source"), s)) ||
		    (destination && !destination(cell(fw, i, "destination"), s)))
			continue;
		if (*first < 0)
			*first = (long)i;
		n++;
	}
	return n;
}

static bool is_fe_members(const char *t, const struct site *s)
{
	return names_pool_members(t, &s->frontend);
}
static bool is_director_members(const char *t, const struct site *s)
{
	return names_pool_members(t, &s->director_pool);
}
static bool is_mediation_members(const char *t, const struct site *s)
{
	return names_pool_members(t, &s->mediation_pool);
}
static bool is_edge_internal(const char *t, const struct site *s)
{
	return names_edge_internals(t, s);
}
/* "Any": a row that names no address at all. */
static bool is_any(const char *t, const struct site *s)
{
	(void)s;
	for (; *t; t++)
		if (isdigit((unsigned char)t[0]) && strchr(t, '.'))
			return strspn(t, "0123456789.") < 7;
	return true;
}

static struct plan *plan_for(enum pool_lb lb, enum edge_topology edge)
{
	struct plan *plan = plan_new_default();

	plan_set_pool_lb(plan, 0, lb);
	plan_set_director(plan, 0, true, 2);
	plan_set_mediation(plan, 0, MEDIATION_STANDALONE, 2, 1);
	plan_set_edge(plan, 0, edge, EDGE_ADDR_PUBLIC, edge == EDGE_SINGLE ? 1 : 2);
	plan_fill_defaults(plan);
	return plan;
}

/* ---- 1. pools entered through their load balancer ------------------------- */

/* Hardware load balancing only (seed 002 and §2.1.2): SIP 5061, 444 and the
 * web ports of the Front End pool, the Director pool's 5061/444/443 and the
 * Mediation pool's 5070 pass the load balancer, so the VIP is where those
 * flows go.  §2.2.2 and §2.5: the Edge internal interface sends SIP to the
 * Front End and Director pools; §2.5: the Directors reach the Front End pool
 * on 444; §2.1.1: Front End Servers and Directors reach the web farm FQDNs
 * on 80/443, and the Front End Servers reach Mediation on 5070. */
static void test_hardware_pools_are_entered_at_their_vip(void **state)
{
	struct plan *plan = plan_for(POOL_LB_HARDWARE, EDGE_SINGLE);
	const struct site *s = &plan->sites[0];
	struct report_view *r = view_of(plan);
	const struct report_table *fw = &r->tables[CATALOG_FIREWALL];
	long row;

	(void)state;
	assert_non_null(s->frontend.vip);
	assert_non_null(s->director_pool.vip);
	assert_non_null(s->mediation_pool.vip);

	assert_true(find_flows(r, s, "TCP", "5061", is_edge_internal, is_fe_members, &row) >= 1);
	assert_true(names_address(cell(fw, (size_t)row, "destination"), s->frontend.vip));
	assert_true(find_flows(r, s, "TCP", "5061", is_edge_internal, is_director_members, &row) >=
		    1);
	assert_true(names_address(cell(fw, (size_t)row, "destination"), s->director_pool.vip));
	assert_true(find_flows(r, s, "TCP", "444", is_director_members, is_fe_members, &row) >= 1);
	assert_true(names_address(cell(fw, (size_t)row, "destination"), s->frontend.vip));
	assert_true(find_flows(r, s, "TCP", "443", is_fe_members, is_fe_members, &row) >= 1);
	assert_true(names_address(cell(fw, (size_t)row, "destination"), s->frontend.vip));
	assert_true(find_flows(r, s, "TCP", "80", is_director_members, is_fe_members, &row) >= 1);
	assert_true(names_address(cell(fw, (size_t)row, "destination"), s->frontend.vip));
	assert_true(find_flows(r, s, "TCP", "5070", is_fe_members, is_mediation_members, &row) >=
		    1);
	assert_true(names_address(cell(fw, (size_t)row, "destination"), s->mediation_pool.vip));

	/* a server's own host firewall sees its own addresses: "Any -> Front
	 * End Servers 5061" names the members and not the VIP */
	assert_true(find_flows(r, s, "TCP", "5061", is_any, is_fe_members, &row) >= 1);
	assert_false(names_address(cell(fw, (size_t)row, "destination"), s->frontend.vip));
	view_free(r);
	plan_free(plan);
}

/* DNS load balancing (§2.1.3): only HTTP/HTTPS passes a load balancer; SIP
 * goes to the servers' own addresses. */
static void test_dns_pools_take_sip_at_the_servers(void **state)
{
	struct plan *plan = plan_for(POOL_LB_DNS, EDGE_SINGLE);
	const struct site *s = &plan->sites[0];
	struct report_view *r = view_of(plan);
	const struct report_table *fw = &r->tables[CATALOG_FIREWALL];
	long row;

	(void)state;
	assert_true(find_flows(r, s, "TCP", "5061", is_edge_internal, is_fe_members, &row) >= 1);
	assert_false(names_address(cell(fw, (size_t)row, "destination"), s->frontend.vip));
	assert_true(find_flows(r, s, "TCP", "444", is_director_members, is_fe_members, &row) >= 1);
	assert_false(names_address(cell(fw, (size_t)row, "destination"), s->frontend.vip));
	/* the web farm is still behind the load balancer */
	assert_true(find_flows(r, s, "TCP", "443", is_fe_members, is_fe_members, &row) >= 1);
	assert_true(names_address(cell(fw, (size_t)row, "destination"), s->frontend.vip));
	view_free(r);
	plan_free(plan);
}

/* ---- 2. flows that must never appear ------------------------------------ */

/* Every combination of the answers that change which rows exist. */
static void check_never(const struct plan *plan, const struct report_view *r)
{
	const struct site *s = &plan->sites[0];

	for (unsigned k = 0; k < CATALOG_TABLE_COUNT; k++) {
		const struct report_table *t = &r->tables[k];
		int src = report_column_index(t, "source"), dst = report_column_index(t, "destination");
		int dport = report_column_index(t, "destination_port");
		int tr = report_column_index(t, "transport");
		if (dst < 0)
			dst = report_column_index(t, "server");
		for (size_t i = 0; i < t->n_rows; i++) {
			const char *const *c = t->rows[i].cells;
			const char *port = dport >= 0 ? c[dport] : "";
			char ends[4096];
			snprintf(ends, sizeof ends, "%s | %s", src >= 0 ? c[src] : "",
				 dst >= 0 ? c[dst] : "");
			/* seed 002 lists 445 and 1434 for internal server roles;
			 * the Edge takes its replica over 4443 */
			if (dst >= 0 && (strcmp(port, "445") == 0 || strcmp(port, "1434") == 0) &&
			    names_any_edge_address(c[dst], s))
				fail_msg("%s opens %s toward the perimeter: %s", t->rows[i].rule_id,
					 port, c[dst]);
			/* seeds 000/001/003: the Call Router listens on TCP only */
			if (tr >= 0 && strcmp(c[tr], "UDP") == 0 && strcmp(port, "5060") == 0)
				for (size_t u = 0; u < s->n_um_servers; u++)
					if (names_address(c[dst], s->um_servers[u].address))
						fail_msg("%s: UDP 5060 toward Exchange UM",
							 t->rows[i].rule_id);
			/* nothing toward a role the plan does not have */
			if (s->edge == EDGE_NONE && strstr(ends, "Edge"))
				fail_msg("%s names an Edge the plan does not have: %s",
					 t->rows[i].rule_id, ends);
			if (!s->director && strstr(ends, "Director"))
				fail_msg("%s names a Director the plan does not have",
					 t->rows[i].rule_id);
			if (s->um == UM_NONE && strstr(ends, "Exchange"))
				fail_msg("%s names Exchange, which the plan does not have",
					 t->rows[i].rule_id);
			if (s->mediation == MEDIATION_NONE && strstr(ends, "Mediation"))
				fail_msg("%s names Mediation, which the plan does not have",
					 t->rows[i].rule_id);
			if (!s->reverse_proxy && strstr(ends, "everse proxy"))
				fail_msg("%s names a reverse proxy the plan does not have",
					 t->rows[i].rule_id);
			if (!s->persistent_chat && strstr(ends, "Persistent Chat"))
				fail_msg("%s names Persistent Chat", t->rows[i].rule_id);
			if (!s->office_web_apps && strstr(ends, "Office Web Apps"))
				fail_msg("%s names Office Web Apps", t->rows[i].rule_id);
			/* §2.6: OCS 2007 rows only with partners on OCS 2007 */
			if (!plan->ocs2007_federation && strstr(t->rows[i].rule_id, "ocs2007"))
				fail_msg("%s without OCS 2007 partners", t->rows[i].rule_id);
			/* the program rules never appear as "any TCP port" */
			if (k == CATALOG_FIREWALL && strcmp(port, "Any") == 0 &&
			    strcmp(c[report_column_index(t, "source_port")], "Any") == 0 &&
			    strcmp(c[tr], "TCP") == 0)
				fail_msg("%s opens every TCP port: %s", t->rows[i].rule_id, ends);
		}
	}
}

static void test_flows_that_never_appear(void **state)
{
	static const enum edge_topology edges[] = {EDGE_NONE, EDGE_SINGLE, EDGE_SCALED_DNS,
						   EDGE_SCALED_HLB};
	static const enum um_mode ums[] = {UM_NONE, UM_TCP, UM_TLS, UM_DUAL};
	static const enum mediation_mode meds[] = {MEDIATION_NONE, MEDIATION_COLLOCATED,
						   MEDIATION_STANDALONE};
	size_t plans = 0;

	(void)state;
	for (size_t e = 0; e < 4; e++)
		for (size_t u = 0; u < 4; u++)
			for (size_t m = 0; m < 3; m++)
				for (unsigned bits = 0; bits < 16; bits++) {
					struct plan *plan = plan_new_default();
					struct report_view *r;
					bool on = bits & 1u;
					plan->version = (bits & 2u) ? PRODUCT_LYNC2013 : PRODUCT_SFB2015;
					plan_set_pool_lb(plan, 0,
							 (bits & 4u) ? POOL_LB_HARDWARE : POOL_LB_DNS);
					plan_set_director(plan, 0, on, 2);
					plan_set_mediation(plan, 0, meds[m], 2, 1);
					plan_set_edge(plan, 0, edges[e],
						      (bits & 8u) && edges[e] != EDGE_SCALED_HLB
							  ? EDGE_ADDR_NAT
							  : EDGE_ADDR_PUBLIC,
						      edges[e] == EDGE_SINGLE ? 1 : 2);
					plan_set_um(plan, 0, ums[u], 1);
					plan_set_reverse_proxy(plan, 0, on && edges[e] != EDGE_NONE);
					plan_set_persistent_chat(plan, 0, !on);
					plan_set_office_web_apps(plan, 0, on);
					plan->federation = edges[e] != EDGE_NONE && on
							       ? FEDERATION_SIP | FEDERATION_PUBLIC_IM |
								     FEDERATION_XMPP
							       : 0;
					plan->ocs2007_federation = (bits & 8u) && edges[e] != EDGE_NONE;
					plan->ipsec = !on;
					plan_fill_defaults(plan);
					r = view_of(plan);
					check_never(plan, r);
					view_free(r);
					plan_free(plan);
					plans++;
				}
	print_message("%zu topologies checked\n", plans);
}

/* ---- 3. clients receive media ---------------------------------------- */

/* Seed 002, client ports: the audio, video, P2P file transfer and sharing
 * range is the client's own; media arrives on it too, so the range is a
 * destination port on the clients as well as a source port. */
static void test_clients_receive_media(void **state)
{
	struct plan *plan = plan_new_default();
	struct report_view *r;
	const struct report_table *fw;
	size_t udp_in = 0, tcp_in = 0, udp_out = 0;
	char range[32];

	(void)state;
	plan->client_media = (struct port_range){50020, 50039};
	plan_fill_defaults(plan);
	model_port_range_format(&plan->client_media, range, sizeof range);
	r = view_of(plan);
	fw = &r->tables[CATALOG_FIREWALL];
	for (size_t i = 0; i < fw->n_rows; i++) {
		bool udp = strcmp(cell(fw, i, "transport"), "UDP") == 0;
		if (strcmp(cell(fw, i, "destination"), "Clients") == 0 &&
		    strcmp(cell(fw, i, "destination_port"), range) == 0)
			*(udp ? &udp_in : &tcp_in) += 1;
		if (strcmp(cell(fw, i, "source"), "Clients") == 0 && udp &&
		    strcmp(cell(fw, i, "source_port"), range) == 0)
			udp_out++;
	}
	/* audio and video over UDP; audio, video, P2P file transfer and
	 * application sharing over TCP */
	assert_int_equal(udp_in, 2);
	assert_int_equal(tcp_in, 4);
	assert_int_equal(udp_out, 2);
	/* the IPsec "Clients" exception stays a source-port row */
	plan->ipsec = true;
	view_free(r);
	r = view_of(plan);
	{
		const struct report_table *ip = &r->tables[CATALOG_IPSEC];
		size_t found = 0;
		for (size_t i = 0; i < ip->n_rows; i++)
			if (strcmp(cell(ip, i, "source_port"), range) == 0) {
				assert_string_equal(cell(ip, i, "destination_port"), "Any");
				found++;
			}
		assert_int_equal(found, 1);
	}
	view_free(r);
	plan_free(plan);
}

/* ---- 4. Exchange UM ---------------------------------------------------- */

static bool is_gateways(const char *t, const struct site *s)
{
	for (size_t i = 0; i < s->n_gateways; i++)
		if (!names_address(t, s->gateways[i].address))
			return false;
	return s->n_gateways > 0;
}

static bool is_mailbox(const char *t, const struct site *s)
{
	for (size_t i = 0; i < s->n_um_servers; i++)
		if (s->um_servers[i].mailbox && !names_address(t, s->um_servers[i].address))
			return false;
	return s->n_um_servers > 0;
}

/* Seed 000/§2.7: RTP reaches the UM worker process from the VoIP gateways
 * and IP PBXs (the SIP peers) and, for remote users, through the A/V Edge;
 * seeds 000/001/003: SIP to the Call Router is TCP only. */
static void test_um_media_and_sip(void **state)
{
	struct plan *plan = plan_for(POOL_LB_DNS, EDGE_SINGLE);
	const struct site *s;
	struct report_view *r;
	const struct report_table *fw;
	char rtp[32];
	long row;

	(void)state;
	plan_set_um(plan, 0, UM_DUAL, 1);
	plan->version = PRODUCT_LYNC2013;
	plan_fill_defaults(plan);
	s = &plan->sites[0];
	model_port_range_format(&s->um_rtp, rtp, sizeof rtp);
	r = view_of(plan);
	fw = &r->tables[CATALOG_FIREWALL];

	assert_int_equal(find_flows(r, s, "UDP", rtp, NULL, is_mailbox, &row), 1);
	{
		const char *from = cell(fw, (size_t)row, "source");
		assert_true(names_pool_members(from, &s->frontend));
		assert_true(names_pool_members(from, &s->mediation_pool));
		assert_true(is_gateways(from, s));
		assert_true(names_edge_internals(from, s));
		/* a Lync Server 2013 plan is not told about Skype for Business */
		assert_null(strstr(from, "Skype for Business"));
	}
	assert_int_equal(find_flows(r, s, "TCP", "5060", is_gateways, NULL, &row), 1);
	assert_int_equal(find_flows(r, s, "UDP", "5060", NULL, NULL, &row), 0);

	/* the eight program rules are their own table, by name */
	{
		static const char *const names[] = {
		    "SESWorker (GFW) (TCP-In)",       "UMCallRouter (GFW) (TCP-In)",
		    "UMCallRouter (TCP-In)",          "UMService (GFW) (TCP-In)",
		    "UMService (TCP-In)",             "UMWorkerProcess - RPC (TCP-In)",
		    "UMWorkerProcess (GFW) (TCP-In)", "UMWorkerProcess (TCP-In)"};
		const struct report_table *pr = &r->tables[CATALOG_PROGRAMS];
		assert_int_equal(pr->n_rows, 8);
		for (size_t i = 0; i < 8; i++)
			assert_string_equal(cell(pr, i, "program_rule"), names[i]);
		assert_int_equal(report_column_index(pr, "destination_port"), -1);
	}
	view_free(r);
	plan_free(plan);
}

/* ---- 5. the Director's web ports pass its load balancer ----------------- */

/* §2.5 sends HTTP 80 from internal clients and §2.4/§2.5 HTTP 8080 from the
 * reverse proxy to the Director's load balancer VIP: the load balancer
 * table must carry every port the firewall rows send to a VIP. */
static void test_every_vip_port_is_balanced(void **state)
{
	static const enum pool_lb lbs[] = {POOL_LB_DNS, POOL_LB_HARDWARE};

	(void)state;
	for (size_t l = 0; l < 2; l++) {
		struct plan *plan = plan_for(lbs[l], EDGE_SINGLE);
		const struct site *s = &plan->sites[0];
		struct report_view *r;
		const struct report_table *fw, *lb;
		const char *vips[2];
		plan_set_reverse_proxy(plan, 0, true);
		plan_fill_defaults(plan);
		r = view_of(plan);
		fw = &r->tables[CATALOG_FIREWALL];
		lb = &r->tables[CATALOG_LB];
		vips[0] = s->frontend.vip;
		vips[1] = s->director_pool.vip;
		for (size_t i = 0; i < fw->n_rows; i++)
			for (size_t v = 0; v < 2; v++) {
				bool carried = false;
				if (!names_address(cell(fw, i, "destination"), vips[v]))
					continue;
				for (size_t j = 0; j < lb->n_rows && !carried; j++)
					carried = strcmp(cell(lb, j, "vip"), vips[v]) == 0 &&
						  strcmp(cell(lb, j, "transport"),
							 cell(fw, i, "transport")) == 0 &&
						  strcmp(cell(lb, j, "port"),
							 cell(fw, i, "destination_port")) == 0;
				if (!carried)
					fail_msg("%s sends %s %s to VIP %s, which no load balancer "
						 "row carries",
						 fw->rows[i].rule_id, cell(fw, i, "transport"),
						 cell(fw, i, "destination_port"), vips[v]);
			}
		view_free(r);
		plan_free(plan);
	}
}

/* ---- 6. provenance: the cited section holds the port --------------------- */

/* The text of one section: from the heading that names it to the next
 * heading of the same or a higher level.  For ports-reference.md the key is
 * "2.1.1"; for a seed, the section title the catalog quotes. */
static char *section_text(const char *doc, const char *key, bool numbered)
{
	const char *start = NULL, *end;
	int level = 0;

	for (const char *line = doc; line && *line;) {
		const char *eol = strchr(line, '\n');
		size_t n = eol ? (size_t)(eol - line) : strlen(line);
		if (*line == '#') {
			int l = (int)strspn(line, "#");
			if (start && l <= level) {
				end = line;
				return xstrndup(start, (size_t)(end - start));
			}
			if (!start) {
				char *heading = xstrndup(line, n);
				char *hit = strstr(heading, key);
				bool ok = hit && (!numbered || (hit[strlen(key)] == ' ' &&
								 hit[-1] == ' '));
				free(heading);
				if (ok) {
					start = line;
					level = l;
				}
			}
		}
		line = eol ? eol + 1 : NULL;
	}
	return start ? xstrdup(start) : NULL;
}

/* A section of ports-reference.md with the sections it abridges to ("same
 * 11 rows as 2.3.1") appended, so that a row it states by reference is
 * found where the section points. */
static char *reference_section(const char *reference, const char *key, int depth)
{
	char *text = section_text(reference, key, true);
	struct strbuf all = {0};

	if (!text || depth > 2)
		return text;
	strbuf_puts(&all, text);
	for (const char *p = strstr(text, " 2.3."); p; p = strstr(p + 1, " 2.3.")) {
		char other[16];
		size_t n = 1 + strspn(p + 1, "0123456789.");
		while (n > 1 && p[n - 1] == '.')
			n--;
		snprintf(other, sizeof other, "%.*s", (int)(n - 1) & 15, p + 1);
		if (strcmp(other, key) != 0) {
			char *more = reference_section(reference, other, depth + 1);
			if (more) {
				strbuf_puts(&all, "\n");
				strbuf_puts(&all, more);
				free(more);
			}
		}
	}
	free(text);
	return all.data;
}

/* Digits only, thousands separators removed: "50,000-59,999" and
 * "50.000" read as 50000 and 59999. */
static void normalize_numbers(char *s)
{
	char *w = s;

	for (char *r = s; *r; r++) {
		if ((*r == ',' || *r == '.') && r > s && isdigit((unsigned char)r[-1]) &&
		    isdigit((unsigned char)r[1]) && isdigit((unsigned char)r[2]) &&
		    isdigit((unsigned char)r[3]) && !isdigit((unsigned char)r[4]))
			continue;
		*w++ = *r;
	}
	*w = '\0';
}

static bool has_number(const char *text, const char *number)
{
	size_t n = strlen(number);

	for (const char *p = strstr(text, number); p; p = strstr(p + 1, number))
		if ((p == text || !isdigit((unsigned char)p[-1])) && !isdigit((unsigned char)p[n]))
			return true;
	return false;
}

/* The numbers of a port value ("any" has none; client-media and um-rtp are
 * the documented default 1024-65535). */
static size_t port_numbers(const char *port, char out[2][8])
{
	const char *dash;

	if (strcmp(port, "any") == 0)
		return 0;
	if (strcmp(port, "client-media") == 0 || strcmp(port, "um-rtp") == 0)
		port = "1024-65535";
	dash = strchr(port, '-');
	if (!dash) {
		snprintf(out[0], 8, "%.7s", port);
		return 1;
	}
	snprintf(out[0], 8, "%.*s", (int)(dash - port) & 7, port);
	snprintf(out[1], 8, "%.7s", dash + 1);
	return 2;
}

static void test_cited_sections_hold_the_ports(void **state)
{
	char *reference = shared_file("reference/ports-reference.md");
	size_t checked = 0, failed = 0;

	(void)state;
	if (!reference) {
		print_message("provenance: ../shared not found (set UCPLAN_SHARED); skipped\n");
		skip();
	}
	for (size_t i = 0; i < catalog->n_rules; i++) {
		const struct catalog_rule *rule = &catalog->rules[i];
		char numbers[4][8];
		size_t n = port_numbers(rule->destination_port, numbers);
		if (rule->table == CATALOG_PROGRAMS)
			continue; /* program rules name programs, checked by name above */
		/* §2.1.5 names "the specified media port range", the plan's own */
		if (rule->table == CATALOG_IPSEC && strcmp(rule->source_port, "client-media") == 0)
			continue;
		if (n == 0 || rule->source_port[0] != 'a') {
			/* a rule with a source port states it: check that one too */
			char more[2][8];
			size_t m = port_numbers(rule->source_port, more);
			for (size_t k = 0; k < m; k++)
				memcpy(numbers[n++], more[k], 8);
		}
		for (size_t r = 0; r < rule->n_refs; r++) {
			const struct catalog_source *src = rule->refs[r].source;
			char *doc = NULL, *text;
			if (src->section) {
				text = reference_section(reference, src->section, 0);
			} else {
				char path[256];
				snprintf(path, sizeof path, "seeds/%s", src->file);
				doc = shared_file(path);
				assert_non_null(doc);
				text = section_text(doc, src->title, false);
				if (!text) /* a table without a heading: the whole document */
					text = xstrdup(doc);
			}
			if (!text)
				fail_msg("rule %s cites %s, which has no section", rule->id, src->id);
			normalize_numbers(text);
			for (size_t k = 0; k < n; k++)
				if (!has_number(text, numbers[k])) {
					print_message("rule %s (catalog.xml:%d): %s does not hold port %s\n",
						      rule->id, rule->line, src->id, numbers[k]);
					failed++;
				}
			if (strstr(rule->transport, "UDP") && !strstr(text, "UDP")) {
				print_message("rule %s: %s never says UDP\n", rule->id, src->id);
				failed++;
			}
			checked++;
			free(text);
			free(doc);
		}
	}
	print_message("provenance: %zu citations checked, %zu wrong\n", checked, failed);
	free(reference);
	assert_int_equal(failed, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_hardware_pools_are_entered_at_their_vip),
	    cmocka_unit_test(test_dns_pools_take_sip_at_the_servers),
	    cmocka_unit_test(test_flows_that_never_appear),
	    cmocka_unit_test(test_clients_receive_media),
	    cmocka_unit_test(test_um_media_and_sip),
	    cmocka_unit_test(test_every_vip_port_is_balanced),
	    cmocka_unit_test(test_cited_sections_hold_the_ports),
	};

	return cmocka_run_group_tests_name("flows", tests, setup, teardown);
}
