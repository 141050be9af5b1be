/* test_diagram.c: the diagram model and its text and DOT renderings.
 *
 * What an administrator checks on a picture: every row of the firewall
 * table is in exactly one flow, flows are aggregated per pair of boxes
 * whatever the number of servers, each server stands in its network with
 * its addresses, the ports read compactly, the text fits the width asked,
 * and names from a plan cannot break the text or the DOT. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ucplan/diagram.h"
#include "ucplan/fileio.h"
#include "ucplan/i18n.h"
#include "ucplan/planfile.h"
#include "ucplan/textwidth.h"

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

static struct plan *example(const char *name)
{
	struct uc_error err = {0};
	char *rel = xasprintf("examples/%s", name);
	char *path = uc_data_path(rel);
	struct plan *plan = NULL;

	assert_int_equal(planfile_load(path, &plan, &err), UC_OK);
	free(path);
	free(rel);
	return plan;
}

static const char *const examples[] = {"one-site.xml", "two-sites.xml", "lync2013-nat.xml"};
#define N_EXAMPLES (sizeof examples / sizeof examples[0])

static size_t box_find(const struct diagram *d, const char *key, int site)
{
	for (size_t i = 0; i < d->n_boxes; i++)
		if (strcmp(d->boxes[i].key, key) == 0 && d->boxes[i].site == site)
			return i;
	fail_msg("no box %s in site %d", key, site);
	return 0;
}

/* Every firewall row of the picture's sites is in exactly one flow, and a
 * flow holds each of its rule ids once. */
static void check_rows_once(const struct report *r, const struct diagram *d)
{
	const struct report_flows *fw = &r->tables[CATALOG_FIREWALL];
	size_t expected = 0, seen = 0;

	for (size_t i = 0; i < fw->n_flows; i++)
		if (d->site < 0 || fw->flows[i].site < 0 || fw->flows[i].site == d->site)
			expected++;
	for (size_t f = 0; f < d->n_flows; f++) {
		const struct diagram_flow *fl = &d->flows[f];
		seen += fl->n_rows;
		for (size_t k = 0; k < fl->n_rows; k++) {
			bool listed = false;
			assert_int_equal(fl->rows[k]->site, fl->site);
			assert_string_equal(fl->rows[k]->scope, fl->scope);
			for (size_t j = 0; j < fl->n_rule_ids; j++)
				listed |= strcmp(fl->rule_ids[j], fl->rows[k]->rule_id) == 0;
			assert_true(listed);
		}
		for (size_t a = 0; a < fl->n_rule_ids; a++)
			for (size_t b = a + 1; b < fl->n_rule_ids; b++)
				assert_string_not_equal(fl->rule_ids[a], fl->rule_ids[b]);
		/* one flow per pair of boxes, scope and site */
		for (size_t g = f + 1; g < d->n_flows; g++)
			assert_false(d->flows[g].from == fl->from && d->flows[g].to == fl->to &&
				     d->flows[g].site == fl->site &&
				     strcmp(d->flows[g].scope, fl->scope) == 0);
	}
	assert_int_equal(seen, expected);
}

static void test_rows_in_one_flow_each(void **state)
{
	(void)state;
	for (size_t e = 0; e < N_EXAMPLES; e++) {
		struct plan *plan = example(examples[e]);
		struct report *r = report_build(plan, catalog);
		for (int site = -1; site < (int)r->n_sites; site++) {
			struct diagram *d = diagram_build(r, site);
			assert_non_null(d);
			check_rows_once(r, d);
			assert_true(d->n_flows < r->tables[CATALOG_FIREWALL].n_flows);
			diagram_free(d);
		}
		report_free(r);
		plan_free(plan);
	}
}

/* A 20-server pool is one box and adds no flow: the picture of a big site
 * has as many arrows as a small one, and lists every server. */
static void test_big_pool_same_flows(void **state)
{
	struct plan *small = plan_new_default(), *big;
	struct report *rs, *rb;
	struct diagram *ds, *db;
	struct diagram_text *t;
	size_t fe;

	(void)state;
	plan_set_edge(small, 0, EDGE_SCALED_DNS, EDGE_ADDR_PUBLIC, 2);
	plan_set_reverse_proxy(small, 0, true);
	plan_fill_defaults(small);
	big = plan_clone(small);
	plan_set_frontend_count(big, 0, 20);
	plan_set_edge(big, 0, EDGE_SCALED_DNS, EDGE_ADDR_PUBLIC, 12);
	plan_fill_defaults(big);
	rs = report_build(small, catalog);
	rb = report_build(big, catalog);
	ds = diagram_build(rs, 0);
	db = diagram_build(rb, 0);
	assert_true(rb->tables[CATALOG_FIREWALL].n_flows >= rs->tables[CATALOG_FIREWALL].n_flows);
	assert_int_equal(ds->n_flows, db->n_flows);
	assert_int_equal(ds->n_boxes, db->n_boxes);
	fe = box_find(db, "frontend", 0);
	t = diagram_render_text(db, false, 80);
	for (size_t s = 0; s < big->sites[0].frontend.n_servers; s++) {
		const struct server *srv = &big->sites[0].frontend.servers[s];
		bool found = false, in_box = false;
		for (size_t i = 0; i < t->n_lines && !found; i++)
			found = strstr(t->lines[i], srv->fqdn) && strstr(t->lines[i], srv->address);
		for (size_t k = 0; k < db->boxes[fe].n_entries; k++)
			in_box |= str_eq(db->boxes[fe].entries[k].fqdn, srv->fqdn);
		assert_true(found);
		assert_true(in_box);
	}
	diagram_text_free(t);
	diagram_free(ds);
	diagram_free(db);
	report_free(rs);
	report_free(rb);
	plan_free(small);
	plan_free(big);
}

/* Each server and VIP of the summary table stands in a box of its
 * network: the perimeter's in the perimeter, with the NAT address. */
static void test_servers_in_their_networks(void **state)
{
	(void)state;
	for (size_t e = 0; e < N_EXAMPLES; e++) {
		struct plan *plan = example(examples[e]);
		struct report *r = report_build(plan, catalog);
		struct diagram *d = diagram_build(r, -1);
		const struct report_flows *sum = &r->tables[CATALOG_SUMMARY];

		for (size_t i = 0; i < sum->n_records; i++) {
			const struct report_record *rec = &sum->records[i];
			bool found = false;
			for (size_t b = 0; b < d->n_boxes && !found; b++) {
				const struct diagram_box *box = &d->boxes[b];
				if (box->site != rec->site)
					continue;
				for (size_t k = 0; k < box->n_entries && !found; k++)
					found = str_eq(box->entries[k].address, rec->value) &&
						str_eq(box->entries[k].fqdn, rec->name) &&
						str_eq(box->entries[k].nat, rec->nat);
				if (found && str_eq(rec->network, "perimeter"))
					assert_int_equal(box->zone, DIAGRAM_PERIMETER);
				if (found && strcmp(rec->rule->shape->endpoint->id, "branch-appliances") == 0)
					assert_int_equal(box->zone, DIAGRAM_BRANCH);
				else if (found && str_eq(rec->network, "internal"))
					assert_int_equal(box->zone, DIAGRAM_INTERNAL);
			}
			assert_true(found);
		}
		assert_int_equal(d->boxes[box_find(d, "internet", -1)].zone, DIAGRAM_INTERNET);
		assert_true(d->external_firewall);
		assert_true(d->internal_firewall);
		diagram_free(d);
		report_free(r);
		plan_free(plan);
	}
}

/* Without an Edge or a reverse proxy there is no perimeter and no
 * firewall to cross. */
static void test_no_edge_no_firewalls(void **state)
{
	struct plan *plan = plan_new_default();
	struct report *r;
	struct diagram *d;

	(void)state;
	plan_fill_defaults(plan);
	r = report_build(plan, catalog);
	d = diagram_build(r, 0);
	assert_false(d->external_firewall);
	assert_false(d->internal_firewall);
	for (size_t i = 0; i < d->n_boxes; i++)
		assert_true(d->boxes[i].zone == DIAGRAM_INTERNAL);
	diagram_free(d);
	report_free(r);
	plan_free(plan);
}

static void test_sites(void **state)
{
	struct plan *plan = example("two-sites.xml");
	struct report *r = report_build(plan, catalog);
	struct diagram *d;

	(void)state;
	assert_null(diagram_build(r, 2));
	assert_null(diagram_build(r, -2));
	assert_int_equal(diagram_site_find(r, "Madrid"), 1);
	assert_int_equal(diagram_site_find(r, "madrid"), -1);
	assert_int_equal(diagram_site_find(r, "Lisbon"), -1);
	d = diagram_build(r, 1);
	for (size_t i = 0; i < d->n_boxes; i++)
		assert_true(d->boxes[i].site == 1 || d->boxes[i].site == -1 ||
			    /* Madrid's servers reach the Central Management store
			     * in Dublin: its pool is drawn, outside Madrid */
			    strcmp(d->boxes[i].key, "cms") == 0);
	for (size_t i = 0; i < d->n_flows; i++)
		assert_true(d->flows[i].site == 1 || d->flows[i].site == -1);
	diagram_free(d);
	/* in the picture of both sites, the store is Dublin's Front End pool */
	d = diagram_build(r, -1);
	for (size_t i = 0; i < d->n_boxes; i++)
		assert_string_not_equal(d->boxes[i].key, "cms");
	diagram_free(d);
	report_free(r);
	plan_free(plan);
}

static struct report_flow fake_row(const char *transport, enum report_port_kind kind,
				   unsigned first, unsigned last)
{
	struct report_flow f;

	memset(&f, 0, sizeof f);
	f.transport = transport;
	f.destination_port.kind = kind;
	f.destination_port.first = first;
	f.destination_port.last = last;
	return f;
}

static char *ports_of(const struct report_flow *rows, size_t n)
{
	const struct report_flow *ptrs[16];
	struct diagram_flow flow = {0};
	struct strbuf sb = {0};

	for (size_t i = 0; i < n; i++)
		ptrs[i] = &rows[i];
	flow.rows = ptrs;
	flow.n_rows = n;
	diagram_flow_ports(&flow, &sb);
	return strbuf_detach(&sb);
}

/* Ports sorted per transport, each once; a range or "any" swallows what
 * it holds; a UDP/TCP row counts for both. */
static void test_ports(void **state)
{
	struct report_flow rows[] = {
		fake_row("UDP", REPORT_PORT_SINGLE, 3478, 3478),
		fake_row("TCP", REPORT_PORT_SINGLE, 5061, 5061),
		fake_row("TCP", REPORT_PORT_SINGLE, 443, 443),
		fake_row("TCP", REPORT_PORT_SINGLE, 443, 443),
		fake_row("TCP", REPORT_PORT_RANGE, 50000, 59999),
		fake_row("TCP", REPORT_PORT_SINGLE, 50001, 50001),
		fake_row("UDP/TCP", REPORT_PORT_SINGLE, 88, 88),
	};
	struct report_flow any_rows[] = {
		fake_row("UDP", REPORT_PORT_SINGLE, 53, 53),
		fake_row("UDP", REPORT_PORT_ANY, 0, 0),
		fake_row("UDP", REPORT_PORT_ANY, 0, 0),
		fake_row("TCP", REPORT_PORT_SINGLE, 53, 53),
	};
	char *s;

	(void)state;
	s = ports_of(rows, sizeof rows / sizeof rows[0]);
	assert_string_equal(s, "TCP 88, 443, 5061, 50000-59999; UDP 88, 3478");
	free(s);
	s = ports_of(any_rows, sizeof any_rows / sizeof any_rows[0]);
	assert_string_equal(s, "TCP 53; UDP Any");
	free(s);
	assert_true(i18n_set_language("es"));
	s = ports_of(any_rows, sizeof any_rows / sizeof any_rows[0]);
	assert_string_equal(s, "TCP 53; UDP Cualquiera");
	free(s);
	i18n_set_language("en");
}

/* True when every byte of s is ASCII. */
static bool is_ascii(const char *s)
{
	for (; *s; s++)
		if ((unsigned char)*s >= 0x80)
			return false;
	return true;
}

/* True when s has no line-drawing character nor arrow (U+2190-U+21FF,
 * U+2500-U+257F): what --ascii leaves out in every language. */
static bool no_drawing(const char *s)
{
	return !strstr(s, "\xe2\x86") && !strstr(s, "\xe2\x87") && !strstr(s, "\xe2\x94") &&
	       !strstr(s, "\xe2\x95");
}

/* The text fits the width asked in every language, each flow is a link
 * on the line that names it, and --ascii draws with ASCII only. */
static void test_text_fits_and_links(void **state)
{
	static const char *const langs[] = {"en", "es", "it", "zh_CN"};
	static const size_t widths[] = {80, 100, 132};

	(void)state;
	for (size_t e = 0; e < N_EXAMPLES; e++) {
		struct plan *plan = example(examples[e]);
		struct report *r = report_build(plan, catalog);
		for (size_t l = 0; l < sizeof langs / sizeof langs[0]; l++) {
			assert_true(i18n_set_language(langs[l]));
			for (int site = -1; site < (int)r->n_sites; site++) {
				struct diagram *d = diagram_build(r, site);
				for (size_t w = 0; w < sizeof widths / sizeof widths[0]; w++) {
					struct diagram_text *t = diagram_render_text(d, false, widths[w]);
					assert_true(t->width <= widths[w]);
					assert_int_equal(t->n_links, d->n_flows);
					for (size_t i = 0; i < t->n_lines; i++)
						assert_true(tw_width(t->lines[i]) <= widths[w]);
					for (size_t k = 0; k < t->n_links; k++) {
						const struct diagram_link *lk = &t->links[k];
						const struct diagram_flow *f = &d->flows[k];
						assert_true(lk->line < t->n_lines);
						assert_true(lk->column + lk->width <=
							    tw_width(t->lines[lk->line]));
						assert_non_null(strstr(t->lines[lk->line],
								       _(d->boxes[f->from].label)));
						assert_int_equal(lk->n_rule_ids, f->n_rule_ids);
						assert_int_equal(lk->site, f->site);
						assert_int_equal(lk->table, CATALOG_FIREWALL);
					}
					diagram_text_free(t);
				}
				{
					struct diagram_text *t = diagram_render_text(d, true, 80);
					for (size_t i = 0; i < t->n_lines; i++) {
						assert_true(no_drawing(t->lines[i]));
						if (strcmp(langs[l], "en") == 0)
							assert_true(is_ascii(t->lines[i]));
					}
					diagram_text_free(t);
				}
				diagram_free(d);
			}
		}
		i18n_set_language("en");
		report_free(r);
		plan_free(plan);
	}
}

static char *dot_of(const struct diagram *d)
{
	char *buf = NULL;
	size_t size = 0;
	FILE *f = open_memstream(&buf, &size);
	struct uc_error err = {0};

	assert_non_null(f);
	assert_int_equal(diagram_write_dot(d, f, &err), UC_OK);
	fclose(f);
	return buf;
}

/* Names with quotes, backslashes, a newline, markup and an escape
 * sequence cannot end a DOT string or an HTML label early, nor reach the
 * terminal raw. */
static void test_hostile_names(void **state)
{
	static const char evil_fqdn[] = "fe\"01\\x\n<b>&amp;\033[31m.example.com";
	static const char evil_site[] = "Site \"A\"\\\n<i>";
	struct plan *plan = plan_new_default();
	struct report *r;
	struct diagram *d;
	struct diagram_text *t;
	char *dot;

	(void)state;
	plan_fill_defaults(plan);
	plan_add_site(plan, "Other");
	plan_fill_defaults(plan);
	free(plan->sites[0].frontend.servers[0].fqdn);
	plan->sites[0].frontend.servers[0].fqdn = xstrdup(evil_fqdn);
	free(plan->sites[0].name);
	plan->sites[0].name = xstrdup(evil_site);
	r = report_build(plan, catalog);
	d = diagram_build(r, -1);
	dot = dot_of(d);
	/* the HTML label holds the name escaped, never its markup */
	assert_non_null(strstr(dot, "fe&quot;01\\x\\u000A&lt;b&gt;&amp;amp;\\u001B[31m.example.com"));
	assert_null(strstr(dot, "<b>&amp;"));
	assert_null(strstr(dot, "\033"));
	/* the site's cluster label is one quoted string */
	assert_non_null(strstr(dot, "label=\"Site \\\"A\\\"\\\\\\\\u000A<i>\""));
	/* every line of the DOT is a whole statement: no name split it */
	for (char *line = strtok(dot, "\n"); line; line = strtok(NULL, "\n")) {
		size_t quotes = 0;
		for (char *c = line; *c; c++)
			if (*c == '"' && (c == line || c[-1] != '\\' || (c > line + 1 && c[-2] == '\\')))
				quotes++;
		assert_int_equal(quotes % 2, 0);
	}
	free(dot);
	t = diagram_render_text(d, false, 80);
	for (size_t i = 0; i < t->n_lines; i++) {
		assert_null(strchr(t->lines[i], '\033'));
		assert_null(strchr(t->lines[i], '\n'));
	}
	diagram_text_free(t);
	diagram_free(d);
	report_free(r);
	plan_free(plan);
}

/* Without Graphviz, SVG says how to get it, with its own status. */
static void test_missing_dot(void **state)
{
	struct plan *plan = plan_new_default();
	struct uc_error err = {0};
	struct report *r;
	struct diagram *d;
	FILE *out = tmpfile();

	(void)state;
	plan_fill_defaults(plan);
	r = report_build(plan, catalog);
	d = diagram_build(r, 0);
	setenv("UCPLAN_DOT", "/nonexistent/dot", 1);
	assert_string_equal(diagram_dot_program(), "/nonexistent/dot");
	assert_int_equal(diagram_write_graphviz(d, "svg", out, &err), UC_ERR_TOOL);
	assert_int_equal(uc_status_exit_code(err.status), 4);
	assert_non_null(strstr(err.message, "/nonexistent/dot"));
	assert_non_null(strstr(err.message, "install Graphviz"));
	assert_non_null(strstr(err.message, "-f dot"));
	setenv("UCPLAN_DOT", "false", 1);
	assert_int_equal(diagram_write_graphviz(d, "svg", out, &err), UC_ERR_TOOL);
	assert_non_null(strstr(err.message, "failed"));
	unsetenv("UCPLAN_DOT");
	assert_string_equal(diagram_dot_program(), "dot");
	fclose(out);
	diagram_free(d);
	report_free(r);
	plan_free(plan);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_rows_in_one_flow_each),
		cmocka_unit_test(test_big_pool_same_flows),
		cmocka_unit_test(test_servers_in_their_networks),
		cmocka_unit_test(test_no_edge_no_firewalls),
		cmocka_unit_test(test_sites),
		cmocka_unit_test(test_ports),
		cmocka_unit_test(test_text_fits_and_links),
		cmocka_unit_test(test_hostile_names),
		cmocka_unit_test(test_missing_dot),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
