/* test_tableview.c: filters, sorting, search, column fitting and scrolling
 * arithmetic, on a real report and on small tables built by hand. */
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
#include "ucplan/i18n.h"
#include "ucplan/model.h"
#include "ucplan/report.h"
#include "ucplan/tableview.h"
#include "ucplan/textwidth.h"

struct fixture {
	struct catalog *catalog;
	struct plan *plan;
	struct report *report;
	struct report_view *view;
	const struct report_table *fw;
};

/* Two sites, both with an Edge, one with a Director and hardware load
 * balancing, Exchange UM and federation: a report with every scope and
 * rows tied to each site and to none. */
static int setup(void **state)
{
	struct fixture *f = calloc(1, sizeof *f);
	struct uc_error err = {0};

	setlocale(LC_ALL, "C.UTF-8");
	if (!f || catalog_load_default(&f->catalog, &err) != UC_OK)
		return -1;
	f->plan = plan_new_default();
	plan_add_site(f->plan, "Dublin");
	plan_set_edge(f->plan, 0, EDGE_SCALED_DNS, EDGE_ADDR_PUBLIC, 2);
	plan_set_edge(f->plan, 1, EDGE_SINGLE, EDGE_ADDR_NAT, 1);
	plan_set_director(f->plan, 0, true, 2);
	plan_set_pool_lb(f->plan, 0, POOL_LB_HARDWARE);
	plan_set_um(f->plan, 1, UM_TLS, 2);
	f->plan->federation = FEDERATION_SIP;
	f->plan->ipsec = true;
	f->report = report_build(f->plan, f->catalog);
	if (!f->report)
		return -1;
	f->view = report_view_build(f->report);
	f->fw = &f->view->tables[CATALOG_FIREWALL];
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;

	report_view_free(f->view);
	report_free(f->report);
	plan_free(f->plan);
	catalog_free(f->catalog);
	free(f);
	return 0;
}

static void assert_report_order(const struct tableview *v)
{
	for (size_t i = 1; i < v->n_rows; i++)
		assert_true(v->rows[i - 1] < v->rows[i]);
}

static void test_init(void **state)
{
	struct fixture *f = *state;
	struct tableview v;

	assert_true(f->fw->n_rows > 50);
	tableview_init(&v, f->fw);
	assert_int_equal(v.n_rows, f->fw->n_rows);
	for (size_t i = 0; i < v.n_rows; i++)
		assert_int_equal(v.rows[i], i);
	assert_int_equal(v.sort_column, -1);
	assert_null(v.scope);
	assert_int_equal(v.site, -1);
	tableview_fini(&v);
}

static void test_filters(void **state)
{
	struct fixture *f = *state;
	const struct report_table *t = f->fw;
	struct tableview v;
	const char *scopes[] = {"external-firewall", "internal-firewall", "server"};
	size_t expected, unbound = 0;

	tableview_init(&v, t);
	for (size_t s = 0; s < 3; s++) {
		expected = 0;
		for (size_t i = 0; i < t->n_rows; i++)
			expected += strcmp(t->rows[i].scope, scopes[s]) == 0;
		assert_true(expected > 0);
		tableview_set_scope(&v, scopes[s]);
		assert_string_equal(v.scope, scopes[s]);
		assert_int_equal(v.n_rows, expected);
		for (size_t i = 0; i < v.n_rows; i++)
			assert_string_equal(t->rows[v.rows[i]].scope, scopes[s]);
		assert_report_order(&v);
	}
	tableview_set_scope(&v, "no-such-scope");
	assert_int_equal(v.n_rows, 0);
	tableview_set_scope(&v, NULL);
	assert_int_equal(v.n_rows, t->n_rows);

	/* Site filter: the site's rows and the rows of no site. */
	for (size_t i = 0; i < t->n_rows; i++)
		unbound += t->rows[i].site < 0;
	for (int site = 0; site < 2; site++) {
		size_t own = 0;

		for (size_t i = 0; i < t->n_rows; i++)
			own += t->rows[i].site == site;
		assert_true(own > 0);
		tableview_set_site(&v, site);
		assert_int_equal(v.n_rows, own + unbound);
		for (size_t i = 0; i < v.n_rows; i++) {
			int s = t->rows[v.rows[i]].site;
			assert_true(s == site || s == -1);
		}
	}
	/* Both filters at once */
	tableview_set_scope(&v, "external-firewall");
	expected = 0;
	for (size_t i = 0; i < t->n_rows; i++)
		expected += strcmp(t->rows[i].scope, "external-firewall") == 0 &&
			    (t->rows[i].site == 1 || t->rows[i].site < 0);
	assert_int_equal(v.n_rows, expected);
	tableview_set_site(&v, -7);
	assert_int_equal(v.site, -1);
	tableview_set_scope(&v, NULL);
	assert_int_equal(v.n_rows, t->n_rows);
	tableview_fini(&v);
}

/* Rows of a count of rule ids in site (-1: any site). */
static size_t rows_of_rules(const struct report_table *t, const char *const *ids, size_t n,
			    int site)
{
	size_t count = 0;

	for (size_t i = 0; i < t->n_rows; i++) {
		bool wanted = false;
		for (size_t k = 0; k < n && !wanted; k++)
			wanted = strcmp(t->rows[i].rule_id, ids[k]) == 0;
		count += wanted && (site < 0 || t->rows[i].site < 0 || t->rows[i].site == site);
	}
	return count;
}

/* The rows behind one flow of the topology: a set of rule ids, in any
 * order, repeated or not, on top of the site and scope filters. */
static void test_rules(void **state)
{
	struct fixture *f = *state;
	const struct report_table *t = f->fw;
	struct tableview v;
	/* the last row's rule first: the filter must not depend on order */
	const char *ids[] = {t->rows[t->n_rows - 1].rule_id, "fe-sip-5061", "fe-sip-5061",
			     "no-such-rule"};
	size_t both = rows_of_rules(t, ids, 4, -1);

	tableview_init(&v, t);
	assert_true(both >= 3);
	tableview_set_rules(&v, ids, 4);
	assert_int_equal(v.n_rows, both);
	assert_report_order(&v);
	for (size_t i = 0; i < v.n_rows; i++) {
		const char *id = t->rows[v.rows[i]].rule_id;
		assert_true(strcmp(id, ids[0]) == 0 || strcmp(id, "fe-sip-5061") == 0);
	}
	/* with the site filter: the rows of that site only */
	tableview_set_site(&v, 1);
	assert_int_equal(v.n_rows, rows_of_rules(t, ids, 4, 1));
	assert_true(v.n_rows < both);
	/* sorting keeps the filter */
	tableview_sort(&v, 0);
	assert_int_equal(v.n_rows, rows_of_rules(t, ids, 4, 1));
	tableview_set_rules(&v, ids + 3, 1);
	assert_int_equal(v.n_rows, 0);
	/* none: every rule again */
	tableview_set_rules(&v, NULL, 0);
	tableview_set_site(&v, -1);
	assert_null(v.rules);
	assert_int_equal(v.n_rows, t->n_rows);
	/* the ids are copies: the caller's array may go */
	{
		char *own[] = {strdup("fe-sip-5061")};
		tableview_set_rules(&v, (const char *const *)own, 1);
		free(own[0]);
		assert_int_equal(v.n_rows, rows_of_rules(t, ids + 1, 1, -1));
	}
	tableview_fini(&v);
}

static void test_sort_real(void **state)
{
	struct fixture *f = *state;
	const struct report_table *t = f->fw;
	int col = report_column_index(t, "transport");
	struct tableview v;
	size_t *asc;

	assert_true(col >= 0);
	tableview_init(&v, t);
	tableview_sort(&v, col);
	assert_int_equal(v.sort_column, col);
	assert_false(v.descending);
	assert_int_equal(v.n_rows, t->n_rows);
	/* TCP before UDP, report order kept within each. */
	for (size_t i = 1; i < v.n_rows; i++) {
		const char *a = t->rows[v.rows[i - 1]].cells[col];
		const char *b = t->rows[v.rows[i]].cells[col];
		int c = strcmp(a, b);

		assert_true(c <= 0);
		if (c == 0)
			assert_true(v.rows[i - 1] < v.rows[i]);
	}
	asc = malloc(v.n_rows * sizeof *asc);
	assert_non_null(asc);
	memcpy(asc, v.rows, v.n_rows * sizeof *asc);

	/* Again: descending, ties still in report order. */
	tableview_sort(&v, col);
	assert_true(v.descending);
	for (size_t i = 1; i < v.n_rows; i++) {
		const char *a = t->rows[v.rows[i - 1]].cells[col];
		const char *b = t->rows[v.rows[i]].cells[col];
		int c = strcmp(a, b);

		assert_true(c >= 0);
		if (c == 0)
			assert_true(v.rows[i - 1] < v.rows[i]);
	}
	/* A third time: ascending again, the same order as the first. */
	tableview_sort(&v, col);
	assert_false(v.descending);
	assert_memory_equal(v.rows, asc, v.n_rows * sizeof *asc);
	free(asc);

	/* Sorting survives a filter change. */
	tableview_set_scope(&v, "server");
	for (size_t i = 1; i < v.n_rows; i++)
		assert_true(
		    strcmp(t->rows[v.rows[i - 1]].cells[col], t->rows[v.rows[i]].cells[col]) <= 0);

	/* Another column starts ascending; -1 is the report's order. */
	tableview_sort(&v, report_column_index(t, "destination_port"));
	assert_false(v.descending);
	tableview_sort(&v, -1);
	assert_int_equal(v.sort_column, -1);
	assert_report_order(&v);
	/* A column that does not exist changes nothing. */
	tableview_sort(&v, (int)t->n_columns);
	assert_int_equal(v.sort_column, -1);
	tableview_fini(&v);
}

/* ---- tables built by hand ------------------------------------------------ */

static const struct report_column hand_columns[] = {
    {"rule", "Rule", NULL, COLUMN_PINNED, 9},
    {"destination_port", "Destination port", NULL, COLUMN_WHOLE, 8},
    {"destination", "目的地", NULL, 0, 5},
};

struct hand_table {
	struct report_table table;
	struct report_row *rows;
	const char **cells;
};

static void hand_build(struct hand_table *h, const char *const (*cells)[3], size_t n)
{
	h->rows = calloc(n ? n : 1, sizeof *h->rows);
	h->cells = calloc(n ? 3 * n : 1, sizeof *h->cells);
	assert_non_null(h->rows);
	assert_non_null(h->cells);
	for (size_t i = 0; i < n; i++) {
		for (size_t c = 0; c < 3; c++)
			h->cells[3 * i + c] = cells[i][c];
		h->rows[i] = (struct report_row){cells[i][0], "server", (int)(i % 3) - 1, NULL,
						 &h->cells[3 * i], NULL, NULL};
	}
	h->table = (struct report_table){CATALOG_FIREWALL, "firewall", "Firewall", hand_columns, 3,
					 h->rows,	   n};
}

static void hand_free(struct hand_table *h)
{
	free(h->rows);
	free(h->cells);
}

static const char *const port_cells[][3] = {
    {"r0", "5061", "fe01.contoso.com"},
    {"r1", "443", "Edge"},
    {"r2", "Any", "edge02"},
    {"r3", "50000-59999", "fe10.contoso.com"},
    {"r4", "80", "fe9.contoso.com"},
    {"r5", "443", "ÉDGE"},
    {"r6", "5061", "中文服务器"},
    {"r7", "3478", "192.0.2.10"},
    {"r8", "443", "192.0.2.9"},
};

static void assert_rules(const struct tableview *v, const char *const *expected, size_t n)
{
	assert_int_equal(v->n_rows, n);
	for (size_t i = 0; i < n; i++)
		assert_string_equal(v->table->rows[v->rows[i]].cells[0], expected[i]);
}

static void test_sort_natural(void **state)
{
	struct hand_table h;
	struct tableview v;
	static const char *const by_port[] = {"r4", "r1", "r5", "r8", "r7", "r0", "r6", "r3", "r2"};
	static const char *const by_port_desc[] = {"r2", "r3", "r0", "r6", "r7",
						   "r1", "r5", "r8", "r4"};
	static const char *const by_dest[] = {"r8", "r7", "r1", "r2", "r0", "r4", "r3", "r5", "r6"};

	(void)state;
	hand_build(&h, port_cells, sizeof port_cells / sizeof *port_cells);
	tableview_init(&v, &h.table);
	/* Numbers as numbers: 80 < 443 < 3478 < 5061 < 50000-59999 < Any. */
	tableview_sort(&v, 1);
	assert_rules(&v, by_port, 9);
	tableview_sort(&v, 1);
	assert_rules(&v, by_port_desc, 9);
	/* Addresses and numbered names: .9 before .10, fe9 before fe10. */
	tableview_sort(&v, 2);
	assert_rules(&v, by_dest, 9);
	tableview_fini(&v);
	hand_free(&h);
}

static void test_find(void **state)
{
	struct hand_table h;
	struct tableview v;

	(void)state;
	hand_build(&h, port_cells, sizeof port_cells / sizeof *port_cells);
	tableview_init(&v, &h.table);
	/* Case-insensitive for ASCII; "edge" is in r1, r2 (and r5 only in
	 * another case of a non-ASCII letter, which does not fold). */
	assert_int_equal(tableview_find(&v, "EDGE", 0, false), 1);
	assert_int_equal(tableview_find(&v, "edge", 1, false), 2);
	assert_int_equal(tableview_find(&v, "edge", 2, false), 1); /* wraps */
	assert_int_equal(tableview_find(&v, "edge", 2, true), 1);
	assert_int_equal(tableview_find(&v, "edge", 1, true), 2); /* wraps back */
	assert_int_equal(tableview_find(&v, "ÉDGE", 0, false), 5);
	assert_int_equal(tableview_find(&v, "服务", 0, false), 6);
	/* The starting row itself is found last. */
	assert_int_equal(tableview_find(&v, "any", 2, false), 2);
	assert_int_equal(tableview_find(&v, "any", 2, true), 2);
	/* Past the end: forward from the top, backward from the bottom. */
	assert_int_equal(tableview_find(&v, "443", 100, false), 1);
	assert_int_equal(tableview_find(&v, "443", 100, true), 8);
	assert_int_equal(tableview_find(&v, "nothing", 0, false), -1);
	assert_int_equal(tableview_find(&v, "", 0, false), -1);
	assert_int_equal(tableview_find(&v, NULL, 0, false), -1);
	/* Positions are in the view, after sorting and filtering. */
	tableview_sort(&v, 1);
	assert_int_equal(tableview_find(&v, "r4", 8, false), 0);
	tableview_set_site(&v, 0); /* rows 0,1,3,4,6,7 in the hand table */
	assert_int_equal(tableview_find(&v, "r2", 0, false), -1);
	tableview_set_scope(&v, "client");
	assert_int_equal(v.n_rows, 0);
	assert_int_equal(tableview_find(&v, "r1", 0, false), -1);
	tableview_fini(&v);
	hand_free(&h);
}

static size_t sum_widths(const size_t *w, size_t n, size_t sep)
{
	size_t total = 0;

	for (size_t i = 0; i < n; i++)
		total += w[i];
	return total + sep * (n - 1);
}

static void test_fit_real(void **state)
{
	struct fixture *f = *state;
	const struct report_table *t = f->fw;
	size_t n = t->n_columns;
	size_t *need = calloc(n, sizeof *need), *w = calloc(n, sizeof *w);
	struct tableview v;
	const size_t screens[] = {80, 100, 132, 200};

	assert_non_null(need);
	assert_non_null(w);
	tableview_init(&v, t);
	for (size_t c = 0; c < n; c++) {
		need[c] = tw_width(_(t->columns[c].label));
		for (size_t r = 0; r < t->n_rows; r++) {
			size_t cw = tw_width(t->rows[r].cells[c]);
			if (cw > need[c])
				need[c] = cw;
		}
	}
	/* A very wide screen: everyone gets what it needs. */
	assert_int_equal(tableview_fit_columns(&v, 100000, 2, 6, w), sum_widths(need, n, 2));
	assert_memory_equal(w, need, n * sizeof *w);

	for (size_t s = 0; s < sizeof screens / sizeof *screens; s++) {
		size_t total = tableview_fit_columns(&v, screens[s], 1, 6, w);
		size_t widest_cut = 0;

		assert_int_equal(total, sum_widths(w, n, 1));
		assert_true(total <= screens[s]);
		for (size_t c = 0; c < n; c++) {
			assert_true(w[c] <= need[c]);
			assert_true(w[c] >= (need[c] < 6 ? need[c] : 6));
			if (w[c] < need[c] && w[c] > widest_cut)
				widest_cut = w[c];
		}
		/* The widest shrink first: a column left whole is no wider
		 * than the cut ones (give or take the one column handed out
		 * from the remainder). */
		for (size_t c = 0; c < n; c++)
			if (w[c] == need[c] && widest_cut)
				assert_true(w[c] <= widest_cut + 1);
		/* The screen is used up when something had to be cut. */
		if (widest_cut && widest_cut > 6)
			assert_int_equal(total, screens[s]);
	}

	/* Too narrow for even the minimum: nobody goes below it. */
	{
		size_t total = tableview_fit_columns(&v, 20, 1, 6, w);

		for (size_t c = 0; c < n; c++)
			assert_int_equal(w[c], need[c] < 6 ? need[c] : 6);
		assert_int_equal(total, sum_widths(w, n, 1));
	}
	/* Filtering changes what the columns need. */
	tableview_set_scope(&v, "no-such-scope");
	tableview_fit_columns(&v, 100000, 1, 1, w);
	for (size_t c = 0; c < n; c++)
		assert_int_equal(w[c], tw_width(_(t->columns[c].label)));
	tableview_fini(&v);
	free(need);
	free(w);
}

static void test_fit_display_width(void **state)
{
	static const char *const cells[][3] = {
	    {"a", "1", "中文中文"},
	    {"b", "2", "x"},
	};
	struct hand_table h;
	struct tableview v;
	size_t w[3];

	(void)state;
	hand_build(&h, cells, 2);
	tableview_init(&v, &h.table);
	/* "目的地" is 9 bytes but 6 columns; the cell "中文中文" 12 bytes, 8
	 * columns; "Destination port" 16. */
	assert_int_equal(tableview_fit_columns(&v, 200, 1, 4, w), 4 + 16 + 8 + 2);
	assert_int_equal(w[0], 4);
	assert_int_equal(w[1], 16);
	assert_int_equal(w[2], 8);
	tableview_fini(&v);
	hand_free(&h);

	/* Without the Chinese cell the header label decides, in columns. */
	hand_build(&h, cells + 1, 1);
	tableview_init(&v, &h.table);
	tableview_fit_columns(&v, 200, 1, 4, w);
	assert_int_equal(w[2], 6);
	/* Squeezed: the widest (16) gives first. */
	tableview_fit_columns(&v, 4 + 10 + 6 + 2, 1, 4, w);
	assert_int_equal(w[0], 4);
	assert_int_equal(w[1], 10);
	assert_int_equal(w[2], 6);
	tableview_fit_columns(&v, 4 + 5 + 5 + 2, 1, 4, w);
	assert_int_equal(w[1], 5);
	assert_int_equal(w[2], 5);
	tableview_fini(&v);
	hand_free(&h);
}

/* The planner's layout of the real firewall table: at the widths people
 * use, ports and transport are whole, no header is cut (the short one is
 * used instead), the pinned rule comes first and the columns left off are
 * the least important; scrolling keeps the rule. */
static void test_layout_real(void **state)
{
	struct fixture *f = *state;
	const struct report_table *t = f->fw;
	size_t n = t->n_columns;
	size_t *content = calloc(n, sizeof *content);
	struct tableview_layout lay = {.width = calloc(n, sizeof(size_t)), .brief_header = calloc(n, sizeof(bool))};
	struct tableview v;
	const size_t screens[] = {78, 98, 198};

	assert_non_null(content);
	tableview_init(&v, t);
	for (size_t r = 0; r < t->n_rows; r++)
		for (size_t c = 0; c < n; c++) {
			size_t cw = tw_width(tableview_cell(&v, &t->rows[r], c));
			if (cw > content[c])
				content[c] = cw;
		}
	for (size_t s = 0; s < sizeof screens / sizeof *screens; s++) {
		size_t used = 0, shown = 0;
		int lowest_shown = 100, highest_off = -1;

		tableview_layout(&v, NULL, 0, screens[s], 1, false, &lay);
		assert_int_equal(lay.pinned, report_column_index(t, "rule"));
		assert_true(lay.width[lay.pinned] > 0);
		for (size_t c = 0; c < n; c++) {
			const struct report_column *col = &t->columns[c];
			if (!lay.width[c]) {
				if (col->priority > highest_off)
					highest_off = col->priority;
				continue;
			}
			used += lay.width[c];
			shown++;
			if (col->priority < lowest_shown)
				lowest_shown = col->priority;
			assert_true(lay.width[c] >=
				    tw_width(view_column_label(col, lay.brief_header[c])));
			if (col->flags & COLUMN_WHOLE)
				assert_true(lay.width[c] >= content[c]);
		}
		assert_int_equal(lay.total, used + shown - 1);
		assert_true(lay.total <= screens[s]);
		/* the transport and the destination port are always there */
		assert_true(lay.width[report_column_index(t, "transport")] > 0);
		assert_true(lay.width[report_column_index(t, "destination_port")] > 0);
		assert_true(lay.width[report_column_index(t, "destination")] > 0);
		if (highest_off >= 0)
			assert_true(lay.more_right > 0);
		/* at 200 columns only notes and references may wait off screen
		 * and the destination is whole: short endpoints leave room */
		if (screens[s] > 150) {
			for (size_t c = 0; c < n; c++)
				if (t->columns[c].priority > 1)
					assert_true(lay.width[c] > 0);
			assert_int_equal(lay.width[report_column_index(t, "destination")],
					 content[report_column_index(t, "destination")] < 39
					     ? content[report_column_index(t, "destination")]
					     : lay.width[report_column_index(t, "destination")]);
		}
	}
	/* Scrolled to the last column: the rule is still first, the columns
	 * before are off to the left. */
	tableview_layout(&v, NULL, n - 1, 78, 1, false, &lay);
	assert_true(lay.width[report_column_index(t, "rule")] > 0);
	assert_true(lay.width[n - 1] > 0);
	assert_true(lay.more_left > 0);
	/* A hidden column is never shown, even with room. */
	{
		bool hidden[32] = {0};
		hidden[report_column_index(t, "scope")] = true;
		tableview_layout(&v, hidden, 0, 1000, 1, false, &lay);
		assert_int_equal(lay.width[report_column_index(t, "scope")], 0);
		assert_int_equal(lay.more_right, 0);
	}
	/* Full width: columns in order at what they need. */
	tableview_layout(&v, NULL, 0, 100000, 1, true, &lay);
	for (size_t c = 0; c < n; c++)
		assert_int_equal(lay.width[c], content[c] > tw_width(view_column_label(&t->columns[c], false))
						   ? content[c]
						   : tw_width(view_column_label(&t->columns[c], false)));
	tableview_fini(&v);
	free(lay.width);
	free(lay.brief_header);
	free(content);
}

static void test_clamp(void **state)
{
	size_t top, sel;

	(void)state;
	top = 5, sel = 9;
	tableview_clamp(0, 10, &top, &sel);
	assert_int_equal(top, 0);
	assert_int_equal(sel, 0);

	top = 0, sel = 50;
	tableview_clamp(20, 10, &top, &sel);
	assert_int_equal(sel, 19);
	assert_int_equal(top, 10);

	top = 0, sel = 12;
	tableview_clamp(100, 10, &top, &sel);
	assert_int_equal(top, 3);
	assert_int_equal(sel, 12);

	top = 40, sel = 12;
	tableview_clamp(100, 10, &top, &sel);
	assert_int_equal(top, 12);

	top = 4, sel = 7;
	tableview_clamp(100, 10, &top, &sel);
	assert_int_equal(top, 4);
	assert_int_equal(sel, 7);

	/* No window: the selection is the top line. */
	top = 0, sel = 7;
	tableview_clamp(100, 0, &top, &sel);
	assert_int_equal(top, 7);
	assert_int_equal(sel, 7);

	/* Fewer rows than lines: the top is the first row. */
	top = 3, sel = 4;
	tableview_clamp(5, 10, &top, &sel);
	assert_int_equal(top, 0);
	assert_int_equal(sel, 4);

	/* After the list shrank, no empty lines below the last row. */
	top = 90, sel = 95;
	tableview_clamp(50, 10, &top, &sel);
	assert_int_equal(sel, 49);
	assert_int_equal(top, 40);
}

/* 20,000 rows: filters, sorts, searches and fitting stay correct at the
 * size of a large plan's report (speed is measured by make bench). */
static void test_large(void **state)
{
	enum { ROWS = 20000 };
	static char text[ROWS][3][24];
	const char *(*cells)[3] = calloc(ROWS, sizeof *cells);
	struct hand_table h;
	struct tableview v;
	size_t w[3];

	(void)state;
	assert_non_null(cells);
	for (size_t i = 0; i < ROWS; i++) {
		snprintf(text[i][0], sizeof text[i][0], "rule-%zu", i);
		snprintf(text[i][1], sizeof text[i][1], "%zu", (i * 7919) % 1000);
		snprintf(text[i][2], sizeof text[i][2], "host%zu.example.com", i % 97);
		for (size_t c = 0; c < 3; c++)
			cells[i][c] = text[i][c];
	}
	hand_build(&h, (const char *const(*)[3])cells, ROWS);
	tableview_init(&v, &h.table);
	tableview_sort(&v, 1);
	for (size_t i = 1; i < v.n_rows; i++) {
		unsigned long a = strtoul(h.rows[v.rows[i - 1]].cells[1], NULL, 10);
		unsigned long b = strtoul(h.rows[v.rows[i]].cells[1], NULL, 10);

		assert_true(a <= b);
		if (a == b)
			assert_true(v.rows[i - 1] < v.rows[i]);
	}
	tableview_sort(&v, 1);
	assert_string_equal(h.rows[v.rows[0]].cells[1], "999");
	tableview_set_site(&v, 1);
	{
		size_t expected = 0;

		for (size_t i = 0; i < ROWS; i++)
			expected += h.rows[i].site == 1 || h.rows[i].site == -1;
		assert_int_equal(v.n_rows, expected);
	}
	assert_true(tableview_find(&v, "RULE-19998", 0, false) >= 0);
	assert_int_equal(tableview_find(&v, "rule-19999", 0, false), -1);
	assert_int_equal(tableview_find(&v, "rule-20000", 0, true), -1);
	assert_true(tableview_fit_columns(&v, 40, 1, 4, w) <= 40);
	tableview_fini(&v);
	hand_free(&h);
	free(cells);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(test_init, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_filters, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_rules, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_sort_real, setup, teardown),
	    cmocka_unit_test(test_sort_natural),
	    cmocka_unit_test(test_find),
	    cmocka_unit_test_setup_teardown(test_fit_real, setup, teardown),
	    cmocka_unit_test(test_fit_display_width),
	    cmocka_unit_test_setup_teardown(test_layout_real, setup, teardown),
	    cmocka_unit_test(test_clamp),
	    cmocka_unit_test(test_large),
	};

	setlocale(LC_ALL, "C.UTF-8");
	return cmocka_run_group_tests(tests, NULL, NULL);
}
