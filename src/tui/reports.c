/* reports.c: the tables (firewall, load balancers, IPsec) and the warnings.
 *
 * A table view keeps a fixed header and scrolls both ways.  What is shown
 * (filters, order, search, column widths) comes from tableview.h; drawing
 * touches only the rows on screen, so a table of 20,000 rows scrolls as
 * fast as one of twenty.  Column widths are fitted once per change of
 * filter or terminal width, never per frame. */
#include "app.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ucplan/i18n.h"
#include "ucplan/tableview.h"
#include "ucplan/textwidth.h"
#include "ucplan/util.h"

enum { TAB_WARNINGS = CATALOG_TABLE_COUNT, TAB_COUNT };
enum { HIT_TAB = 1, HIT_ROW, HIT_HEADER };
/* Display columns between table columns. */
enum { COLUMN_SEP = 1, MAX_COLUMNS = 32 };

struct table_state {
	struct tableview tv;
	bool ready;
	size_t top, sel;
	size_t first;	 /* the first column after the pinned one (sideways scroll) */
	int sort_cursor; /* the column < and > choose */
	struct tableview_layout lay; /* its arrays owned, n_columns each */
	bool *hidden;	/* the columns the chooser (c) took away; owned */
	size_t n_columns;
	int fitted_for; /* screen width of the layout; -1 when stale */
	bool wide;
	char **scopes; /* distinct scope keys of the table, owned */
	size_t n_scopes;
};

struct reports {
	struct view base;
	int tab;
	struct table_state t[CATALOG_TABLE_COUNT];
	const struct report_view *report; /* what the states were made for */
	unsigned gen;
	char *search; /* last search text, owned */
	bool searching;
	struct lineedit edit;
	size_t w_top, w_sel; /* warnings list */
	int page;	     /* rows on screen */
};

static const char *const tab_labels[TAB_COUNT] = {
    N_("Firewall"), N_("Load balancers"), N_("IPsec"),	 N_("Programs"),
    N_("DNS"),	    N_("Certificates"),	  N_("Summary"), N_("Warnings")};
/* The same, shorter, for when the full ones do not fit in one line. */
static const char *tab_short(int k)
{
	switch (k) {
	case CATALOG_LB:
		/* TRANSLATORS: short name of the Load balancers tab, for narrow
		   windows */
		return C_("tab", "LB");
	case CATALOG_PROGRAMS:
		/* TRANSLATORS: short name of the Programs tab */
		return C_("tab", "Programs");
	case CATALOG_CERTIFICATES:
		/* TRANSLATORS: short name of the Certificates tab */
		return C_("tab", "Certs");
	case TAB_WARNINGS:
		/* TRANSLATORS: short name of the Warnings tab */
		return C_("tab", "Warnings");
	default:
		return _(tab_labels[k]);
	}
}

static void state_scopes_free(struct table_state *ts)
{
	for (size_t i = 0; i < ts->n_scopes; i++)
		free(ts->scopes[i]);
	free(ts->scopes);
	ts->scopes = NULL;
	ts->n_scopes = 0;
}

static void state_fini(struct table_state *ts)
{
	if (ts->ready)
		tableview_fini(&ts->tv);
	state_scopes_free(ts);
	free(ts->lay.width);
	free(ts->lay.brief_header);
	free(ts->hidden);
	ts->lay.width = NULL;
	ts->lay.brief_header = NULL;
	ts->hidden = NULL;
	ts->ready = false;
}

/* Distinct scopes in first-seen order: a handful per table. */
static void state_collect_scopes(struct table_state *ts, const struct report_table *t)
{
	state_scopes_free(ts);
	for (size_t i = 0; i < t->n_rows; i++) {
		const char *s = t->rows[i].scope;
		bool seen = false;
		if (!s)
			continue;
		for (size_t k = 0; k < ts->n_scopes && !seen; k++)
			seen = strcmp(ts->scopes[k], s) == 0;
		if (seen)
			continue;
		ts->scopes = xreallocarray(ts->scopes, ts->n_scopes + 1, sizeof *ts->scopes);
		ts->scopes[ts->n_scopes++] = xstrdup(s);
	}
}

/* Rebuilds the views on a new report, keeping filters, order and place. */
static const struct report_view *reports_sync(struct reports *rv, struct app *app)
{
	const struct report_view *r = app_view(app);

	if (!r || (r == rv->report && rv->gen == app->view_serial))
		return r;
	for (int k = 0; k < CATALOG_TABLE_COUNT; k++) {
		struct table_state *ts = &rv->t[k];
		char *scope = ts->ready && ts->tv.scope ? xstrdup(ts->tv.scope) : NULL;
		int site = ts->ready ? ts->tv.site : -1;
		int sort = ts->ready ? ts->tv.sort_column : -1;
		bool desc = ts->ready && ts->tv.descending;
		/* the rows of a flow stay those of its rules (ids are stable) */
		char **rules = NULL;
		size_t n_rules = 0;
		if (ts->ready) {
			rules = ts->tv.rules;
			n_rules = ts->tv.n_rules;
			ts->tv.rules = NULL;
			ts->tv.n_rules = 0;
			tableview_fini(&ts->tv);
		}
		tableview_init(&ts->tv, &r->tables[k]);
		ts->ready = true;
		state_collect_scopes(ts, &r->tables[k]);
		if (ts->n_columns != r->tables[k].n_columns) {
			/* the chooser's choice holds for the same columns only */
			free(ts->lay.width);
			free(ts->lay.brief_header);
			free(ts->hidden);
			ts->n_columns = r->tables[k].n_columns;
			ts->lay.width = xcalloc(ts->n_columns + 1, sizeof *ts->lay.width);
			ts->lay.brief_header = xcalloc(ts->n_columns + 1, sizeof *ts->lay.brief_header);
			ts->hidden = xcalloc(ts->n_columns + 1, sizeof *ts->hidden);
			ts->first = 0;
		}
		ts->fitted_for = -1;
		if (scope)
			tableview_set_scope(&ts->tv, scope);
		if (site >= 0 && (size_t)site < app->plan->n_sites)
			tableview_set_site(&ts->tv, site);
		if (n_rules)
			tableview_set_rules(&ts->tv, (const char *const *)rules, n_rules);
		for (size_t i = 0; i < n_rules; i++)
			free(rules[i]);
		free(rules);
		if (sort >= 0) {
			tableview_sort(&ts->tv, sort);
			if (desc)
				tableview_sort(&ts->tv, sort);
		}
		if (ts->sort_cursor >= (int)r->tables[k].n_columns)
			ts->sort_cursor = 0;
		free(scope);
	}
	rv->report = r;
	rv->gen = app->view_serial;
	return r;
}

/* Lays the columns out for width (tableview_layout).  A table showing one
 * scope does not spend room on a column that would repeat it. */
static void state_fit(struct table_state *ts, int width)
{
	const struct report_table *t = ts->tv.table;
	bool hidden[MAX_COLUMNS];
	size_t n = t->n_columns < MAX_COLUMNS ? t->n_columns : MAX_COLUMNS;

	if (ts->fitted_for == width)
		return;
	for (size_t c = 0; c < n; c++)
		hidden[c] = ts->hidden[c] || (ts->tv.scope && (t->columns[c].flags & COLUMN_SCOPE));
	tableview_layout(&ts->tv, hidden, ts->first, (size_t)(width > 0 ? width : 1), COLUMN_SEP,
			 ts->wide, &ts->lay);
	ts->fitted_for = width;
}

/* The translated label of a scope key, from the catalog. */
static const char *scope_label(struct app *app, const char *id)
{
	for (size_t i = 0; app->catalog && i < app->catalog->n_scopes; i++)
		if (str_eq(app->catalog->scopes[i].id, id))
			return _(app->catalog->scopes[i].label);
	/* records filter on their zone, CA or network */
	return _(view_record_key_msgid(id));
}

/* ---- drawing --------------------------------------------------------------- */

/* The columns in the order they are drawn: the pinned one, then the
 * others from the first one scrolled to.  Returns how many. */
static size_t drawn_columns(const struct table_state *ts, size_t *cols)
{
	size_t k = 0, n = ts->tv.table->n_columns < MAX_COLUMNS ? ts->tv.table->n_columns
							       : MAX_COLUMNS;

	if (ts->lay.pinned >= 0)
		cols[k++] = (size_t)ts->lay.pinned;
	for (size_t c = 0; c < n; c++)
		if (ts->lay.width[c] && (long)c != ts->lay.pinned)
			cols[k++] = c;
	return k;
}

/* Draws one line of cells (a row or the header): whole columns only, each
 * fitted to its width with "…" where cut.  hit records a region per column
 * (the header: a click sorts by it). */
static void draw_cells(struct app *app, int y, int x0, int avail, const struct table_state *ts,
		       const char *const *cells, attr_t attr, int highlight, attr_t hl_attr, int hit)
{
	size_t cols[MAX_COLUMNS], n = drawn_columns(ts, cols);
	int x = x0, end = x0 + avail;
	char stack[1024];

	for (size_t k = 0; k < n && x < end; k++) {
		size_t c = cols[k];
		int w = (int)ts->lay.width[c];
		attr_t a = (int)c == highlight ? hl_attr : attr;
		size_t size = (size_t)w * 4 + 8;
		char *buf = size <= sizeof stack ? stack : xmalloc(size);

		if (w > end - x)
			w = end - x;
		tw_fit_pad(buf, size, cells[c] ? cells[c] : "", (size_t)w, 1, term_ascii());
		draw_text(y, x, w, buf, a);
		if (hit)
			app_hit(app, y, x, w, hit, (int)c);
		if (buf != stack)
			free(buf);
		x += w;
		if (k + 1 < n && x < end)
			draw_text(y, x, 1, term_glyphs()->vline,
				  attr == term_attr(ST_TABLE_HEADER) ? attr : attr | A_DIM);
		x += COLUMN_SEP;
	}
}

/* Every table tab that fits, short names when the full ones do not, from
 * the one that keeps the current tab in view; then the Warnings tab, which
 * never falls off the end (seven tables are wider than a narrow window).
 * An arrow stands where tabs are left out: Tab reaches them. */
static void draw_tabs(struct reports *rv, struct app *app, const struct report_view *r, int y)
{
	const struct rect *a = &app->area;
	const struct findings *fs = app_findings(app);
	char buf[TAB_COUNT][200], part[190];
	int total[2] = {0, 0}, widths[TAB_COUNT], x = a->x + 1, end = a->x + a->w, first = 0;
	int room;
	bool brief;

	for (int pass = 0; pass < 2; pass++)
		for (int k = 0; k < TAB_COUNT; k++) {
			size_t count =
			    k < CATALOG_TABLE_COUNT ? (r ? rv->t[k].tv.n_rows : 0) : fs->count;
			/* TRANSLATORS: a report's tab: its name, then its number of rows */
			snprintf(part, sizeof part, _("%s (%zu)"),
				 pass ? tab_short(k) : _(tab_labels[k]), count);
			snprintf(buf[k], sizeof buf[k], " %s ", part);
			total[pass] += (int)tw_width(buf[k]) + 1;
		}
	brief = total[0] > a->w - 1;
	for (int k = 0; k < TAB_COUNT; k++) {
		size_t count = k < CATALOG_TABLE_COUNT ? (r ? rv->t[k].tv.n_rows : 0) : fs->count;
		snprintf(part, sizeof part, _("%s (%zu)"), brief ? tab_short(k) : _(tab_labels[k]),
			 count);
		snprintf(buf[k], sizeof buf[k], " %s ", part);
		widths[k] = (int)tw_width(buf[k]);
	}
	room = end - x - (widths[TAB_WARNINGS] + 1);
	if (rv->tab < CATALOG_TABLE_COUNT)
		for (;;) {
			int used = 0;
			for (int k = first; k <= rv->tab; k++)
				used += widths[k] + 1;
			if (used <= room || first == rv->tab)
				break;
			first++;
		}
	if (first > 0)
		draw_text(y, a->x, 1, term_glyphs()->left, term_attr(ST_TAB));
	for (int k = first; k < TAB_COUNT; k++) {
		int w = widths[k];
		if (k < CATALOG_TABLE_COUNT && x + w > end - (widths[TAB_WARNINGS] + 1)) {
			/* the other tables do not fit: the arrow takes the gap
			 * before Warnings */
			draw_text(y, x - 1, 1, term_glyphs()->right, term_attr(ST_TAB));
			k = CATALOG_TABLE_COUNT - 1;
			continue;
		}
		if (x + w > end)
			w = end - x;
		if (w <= 0)
			break;
		draw_text(y, x, w, buf[k],
			  term_attr(k == rv->tab		      ? ST_TAB_ACTIVE
				    : k == TAB_WARNINGS && fs->errors ? ST_ERROR
								      : ST_TAB));
		app_hit(app, y, x, w, HIT_TAB, k);
		x += w + 1;
	}
}

/* Draws left (dimmed) and the plan's errors or the position, right-aligned,
 * in w columns at (y, x).  The right part is placed first and the left one
 * cut to what remains, two columns apart; when that leaves the left part
 * too little, the right part gives way. */
static void draw_info_line(int y, int x, int w, const char *left, size_t errors,
			   const struct table_state *ts)
{
	enum { GAP = 2, LEFT_MIN = 12 };
	char right[300] = "";
	int rw, lw = (int)tw_width(left);

	if (errors)
		snprintf(right, sizeof right,
			 P_("The plan has %zu error; see Warnings.",
			    "The plan has %zu errors; see Warnings.", errors),
			 errors);
	else if (ts->tv.n_rows)
		snprintf(right, sizeof right, _("row %zu of %zu"), ts->sel + 1, ts->tv.n_rows);
	rw = (int)tw_width(right);
	if (rw > 0 && lw + GAP + rw > w && w - GAP - rw < LEFT_MIN)
		rw = 0;
	if (rw > 0)
		draw_text(y, x + w - rw, rw, right, term_attr(errors ? ST_ERROR : ST_DIM));
	draw_text_pad(y, x, rw > 0 ? w - rw - GAP : w, left, term_attr(ST_DIM));
}

static void draw_table(struct reports *rv, struct app *app)
{
	const struct rect *a = &app->area;
	struct table_state *ts = &rv->t[rv->tab];
	const struct report_table *t = ts->tv.table;
	const char *labels[MAX_COLUMNS], *cells[MAX_COLUMNS];
	size_t n_cols = t->n_columns < MAX_COLUMNS ? t->n_columns : MAX_COLUMNS;
	int y0 = a->y + 3, avail = a->w - 2, x0 = a->x + 1;
	char info[800], part[300];
	const struct findings *fs = app_findings(app);

	state_fit(ts, avail);
	rv->page = a->h - 4;
	if (rv->page < 1)
		rv->page = 1;
	tableview_clamp(ts->tv.n_rows, (size_t)rv->page, &ts->top, &ts->sel);

	/* The line above the header: filters and order on the left, the
	 * plan's errors or the position on the right. */
	info[0] = '\0';
	if (ts->tv.n_rules) {
		/* the rows of one flow of the topology: its rules come first */
		struct strbuf ids = {0};
		for (size_t i = 0; i < ts->tv.n_rules; i++)
			strbuf_printf(&ids, "%s%s", i ? ", " : "", ts->tv.rules[i]);
		/* TRANSLATORS: the report table shows the rows of one flow of the
		   topology: the rule ids of those rows follow, then x clears */
		snprintf(info, sizeof info, _("Flow (x: all rows): %s"), ids.data);
		strbuf_free(&ids);
		snprintf(part, sizeof part, "  %s  ", term_glyphs()->bullet);
		strncat(info, part, sizeof info - strlen(info) - 1);
	}
	snprintf(part, sizeof part, _("Scope: %s"),
		 ts->tv.scope ? scope_label(app, ts->tv.scope) : _("all"));
	strncat(info, part, sizeof info - strlen(info) - 1);
	snprintf(part, sizeof part, "  %s  ", term_glyphs()->bullet);
	strncat(info, part, sizeof info - strlen(info) - 1);
	snprintf(part, sizeof part, _("Site: %s"),
		 ts->tv.site >= 0 && (size_t)ts->tv.site < app->plan->n_sites
		     ? app->plan->sites[ts->tv.site].name
		     : _("all"));
	strncat(info, part, sizeof info - strlen(info) - 1);
	if (ts->tv.sort_column >= 0) {
		snprintf(part, sizeof part, "  %s  ", term_glyphs()->bullet);
		strncat(info, part, sizeof info - strlen(info) - 1);
		/* TRANSLATORS: the column the table is sorted by, then an arrow
		   up or down for the direction */
		snprintf(part, sizeof part, _("Sorted by %s %s"),
			 _(t->columns[ts->tv.sort_column].label),
			 ts->tv.descending ? term_glyphs()->down : term_glyphs()->up);
		strncat(info, part, sizeof info - strlen(info) - 1);
	}
	if (ts->lay.more_left + ts->lay.more_right) {
		size_t off = ts->lay.more_left + ts->lay.more_right;
		snprintf(part, sizeof part, "  %s  ", term_glyphs()->bullet);
		strncat(info, part, sizeof info - strlen(info) - 1);
		/* TRANSLATORS: columns of the table that are not on screen; Left
		   and Right scroll to them, c chooses the columns */
		snprintf(part, sizeof part,
			 P_("%zu column off screen", "%zu columns off screen", off), off);
		strncat(info, part, sizeof info - strlen(info) - 1);
	}
	draw_info_line(a->y + 1, x0, avail, info, fs->errors, ts);

	for (size_t c = 0; c < n_cols; c++)
		labels[c] = view_column_label(&t->columns[c], ts->lay.brief_header[c]);
	draw_fill(a->y + 2, a->x, a->w, term_attr(ST_TABLE_HEADER));
	draw_cells(app, a->y + 2, x0, avail, ts, labels, term_attr(ST_TABLE_HEADER),
		   ts->sort_cursor, term_attr(ST_SORT_COLUMN), HIT_HEADER);
	if (ts->lay.more_left)
		draw_text(a->y + 2, a->x, 1, term_glyphs()->left, term_attr(ST_SORT_COLUMN));
	if (ts->lay.more_right)
		draw_text(a->y + 2, a->x + a->w - 1, 1, term_glyphs()->right,
			  term_attr(ST_SORT_COLUMN));

	if (ts->tv.n_rows == 0 && t->n_rows == 0 && t->kind == CATALOG_IPSEC && !app->plan->ipsec)
		draw_wrapped(y0, x0 + 1, avail - 1, rv->page,
			     _("IPsec is off in this plan, so there is nothing to exempt from it. "
			       "If your network uses IPsec between servers, turn on “IPsec in "
			       "use” on the Network options page of the interview: press Enter to "
			       "go there."),
			     term_attr(ST_DIM));
	else if (ts->tv.n_rows == 0)
		draw_text(y0, x0 + 1, avail - 1,
			  t->n_rows ? _("No rows match the filters (s and f change them).")
				    : _("This table is empty for the plan."),
			  term_attr(ST_DIM));
	/* Only the rows on screen are drawn. */
	for (size_t i = ts->top; i < ts->tv.n_rows && (int)(i - ts->top) < rv->page; i++) {
		const struct report_row *row = &t->rows[ts->tv.rows[i]];
		int y = y0 + (int)(i - ts->top);
		attr_t at = i == ts->sel ? term_attr(ST_SELECTED) : A_NORMAL;
		if (i == ts->sel)
			draw_fill(y, a->x, a->w, at);
		for (size_t c = 0; c < n_cols; c++)
			cells[c] = ts->lay.width[c] ? tableview_cell(&ts->tv, row, c) : NULL;
		draw_cells(app, y, x0, avail, ts, cells, at, -1, at, 0);
		app_hit(app, y, a->x, a->w, HIT_ROW, (int)i);
	}
}

static void draw_warnings(struct reports *rv, struct app *app)
{
	const struct rect *a = &app->area;
	const struct findings *fs = app_findings(app);
	const struct glyphs *g = term_glyphs();
	char head[400];

	rv->page = a->h - 3;
	if (rv->page < 1)
		rv->page = 1;
	tableview_clamp(fs->count, (size_t)rv->page, &rv->w_top, &rv->w_sel);
	format_findings_count(head, sizeof head, fs->errors, fs->warnings);
	if (fs->count) {
		size_t len = strlen(head);
		/* TRANSLATORS: after the count of findings on the Warnings tab */
		snprintf(head + len, sizeof head - len, "  %s  %s", term_glyphs()->bullet,
			 _("Enter goes to where the highlighted one is fixed."));
	}
	draw_text(a->y + 1, a->x + 1, a->w - 2, head,
		  term_attr(fs->errors	   ? ST_ERROR
			    : fs->warnings ? ST_WARNING
					   : ST_OK));
	if (fs->count == 0)
		draw_text(a->y + 3, a->x + 2, a->w - 4,
			  _("No findings: the plan is complete and supported."), term_attr(ST_OK));
	for (size_t i = rv->w_top; i < fs->count && (int)(i - rv->w_top) < rv->page; i++) {
		const struct finding *f = &fs->items[i];
		int y = a->y + 2 + (int)(i - rv->w_top);
		bool sel = i == rv->w_sel, err = f->severity == FINDING_ERROR;
		attr_t at = sel ? term_attr(ST_SELECTED) : term_attr(err ? ST_ERROR : ST_WARNING);
		/* The engine's sentences name the site themselves. */
		char *line = xasprintf("%s %s", err ? g->error : g->warning, f->message);
		if (sel)
			draw_fill(y, a->x, a->w, at);
		draw_text_pad(y, a->x + 1, a->w - 2, line, at);
		app_hit(app, y, a->x, a->w, HIT_ROW, (int)i);
		free(line);
	}
}

static void reports_draw(struct view *v, struct app *app)
{
	struct reports *rv = (struct reports *)v;
	const struct rect *a = &app->area;
	const struct report_view *r = reports_sync(rv, app);

	draw_tabs(rv, app, r, a->y);
	if (rv->tab == TAB_WARNINGS)
		draw_warnings(rv, app);
	else if (!r)
		draw_wrapped(a->y + 2, a->x + 2, a->w - 4, a->h - 3, app->catalog_error,
			     term_attr(ST_ERROR));
	else
		draw_table(rv, app);
	if (rv->searching) {
		int y = a->y + a->h - 1;
		draw_fill(y, a->x, a->w, A_NORMAL);
		draw_text(y, a->x + 1, 9, _("Search:"), A_BOLD);
		lineedit_draw(&rv->edit, app, y, a->x + 10, a->w - 12, term_attr(ST_EDIT));
	}
}

/* ---- the detail of a row ---------------------------------------------------- */

static void add_condition(struct textbuf *out, const struct condition *c, int indent)
{
	for (size_t i = 0; i < c->n_atoms; i++) {
		struct strbuf sb = {0};
		condition_atom_describe(&c->atoms[i], &sb);
		textbuf_addf(out, ST_NORMAL, indent, "%s %s", term_glyphs()->bullet, sb.data);
		strbuf_free(&sb);
	}
}

void reports_row_detail(struct app *app, const struct report_table *t, const struct report_row *r,
			struct textbuf *out)
{
	const struct catalog_rule *rule = r->rule;
	int note = report_column_index(t, "note"), ref = report_column_index(t, "reference");
	size_t label_w = 0;

	for (size_t c = 0; c < t->n_columns; c++)
		if (tw_width(_(t->columns[c].label)) > label_w)
			label_w = tw_width(_(t->columns[c].label));
	if (label_w > 24)
		label_w = 24;
	textbuf_add(out, ST_HEADING, 0, _(t->title));
	if (r->site >= 0 && (size_t)r->site < app->plan->n_sites)
		textbuf_addf(out, ST_DIM, 0, _("Site: %s"), app->plan->sites[r->site].name);
	for (size_t c = 0; c < t->n_columns; c++) {
		if ((int)c == note || (int)c == ref)
			continue;
		textbuf_add_pair(out, ST_NORMAL, 2, _(t->columns[c].label), (int)label_w,
				 r->cells[c]);
	}
	if (note >= 0 && !str_empty(r->cells[note])) {
		textbuf_add(out, ST_NORMAL, 0, "");
		textbuf_add(out, ST_HEADING, 0, _("Note"));
		textbuf_add(out, ST_NORMAL, 2, r->cells[note]);
	}
	textbuf_add(out, ST_NORMAL, 0, "");
	textbuf_add(out, ST_HEADING, 0, _("Applies when"));
	if (!rule || rule->when.n_atoms == 0)
		textbuf_add(out, ST_NORMAL, 2, _("Always: the rule has no condition."));
	else
		add_condition(out, &rule->when, 2);
	textbuf_add(out, ST_NORMAL, 0, "");
	textbuf_add(out, ST_HEADING, 0, _("Provenance"));
	/* each public article and table once; where we read it (seed file or
	 * reference section) under it, for those who check */
	for (size_t i = 0; rule && i < rule->n_refs; i++) {
		const struct catalog_source *src = rule->refs[i].source;
		bool seen = false;
		for (size_t j = 0; j < i && !seen; j++)
			seen = str_eq(rule->refs[j].source->article, src->article) &&
			       str_eq(rule->refs[j].source->table, src->table);
		if (seen)
			continue;
		textbuf_addf(out, ST_NORMAL, 2, "%s %s", term_glyphs()->bullet, src->article);
		textbuf_addf(out, ST_NORMAL, 4, _("Table: %s"), src->table);
		textbuf_add(out, ST_NORMAL, 4, src->url);
		for (size_t j = i; j < rule->n_refs; j++) {
			const struct catalog_source *in = rule->refs[j].source;
			if (!str_eq(in->article, src->article) || !str_eq(in->table, src->table))
				continue;
			if (in->file)
				textbuf_addf(out, ST_DIM, 4, _("Read in: %s, “%s”"), in->file,
					     in->title ? in->title : "");
			else
				textbuf_addf(out, ST_DIM, 4, _("Read in: ports-reference §%s"),
					     in->section ? in->section : "");
			if (rule->refs[j].when.n_atoms) {
				textbuf_add(out, ST_DIM, 6, _("for the topology where"));
				add_condition(out, &rule->refs[j].when, 8);
			}
		}
	}
	/* the VIP's settings come from other pages than its ports */
	if (rule && rule->lb) {
		textbuf_add(out, ST_NORMAL, 0, "");
		textbuf_add(out, ST_HEADING, 0, _("Provenance of the load balancer settings"));
		for (size_t i = 0; i < rule->lb->n_sources; i++) {
			const struct catalog_source *src = rule->lb->sources[i];
			textbuf_addf(out, ST_NORMAL, 2, "%s %s", term_glyphs()->bullet, src->article);
			textbuf_addf(out, ST_NORMAL, 4, _("Table: %s"), src->table);
			textbuf_add(out, ST_NORMAL, 4, src->url);
			textbuf_addf(out, ST_DIM, 4, _("Read in: %s §%s"),
				     src->document ? src->document : "ports-reference",
				     src->section ? src->section : "");
		}
	}
	if (rule)
		textbuf_addf(out, ST_DIM, 0, _("Rule %s, data/catalog.xml line %d"), rule->id,
			     rule->line);
}

/* ---- keys -------------------------------------------------------------------- */

/* Where each finding is fixed: an interview page and field, or (page -1)
 * the names screen.  Codes of the whole plan (site -1) and of a site may
 * share a code; plan_only marks the entry for the plan's. */
static const struct {
	const char *code;
	bool plan_only;
	int page; /* enum wizard_page_kind, or -1 for names and addresses */
	const char *field;
} finding_places[] = {
    {"fqdn-missing", true, WIZARD_PAGE_PLAN, "plan.sip_domain"},
    {"fqdn-invalid", true, WIZARD_PAGE_PLAN, "plan.sip_domain"},
    {"placeholders", true, WIZARD_PAGE_PLAN, "plan.sip_domain"},
    {"name-invalid", true, WIZARD_PAGE_PLAN, "plan.name"},
    {"port-range-invalid", true, WIZARD_PAGE_OPTIONS, "options.client_media"},
    {"port-range-invalid", false, WIZARD_PAGE_EXCHANGE_UM, "um.rtp"},
    {"federation-no-edge", true, WIZARD_PAGE_FEDERATION, "federation.sip"},
    {"no-site", true, WIZARD_PAGE_SITES, NULL},
    {"too-many-sites", true, WIZARD_PAGE_SITES, NULL},
    {"site-name-duplicate", false, WIZARD_PAGE_SITES, NULL},
    {"cms-none", true, WIZARD_PAGE_SITES, NULL},
    {"cms-multiple", true, WIZARD_PAGE_SITES, NULL},
    {"too-many-branches", false, WIZARD_PAGE_SITES, NULL},
    {"pool-empty", false, WIZARD_PAGE_FRONTEND, "frontend.servers"},
    {"pool-too-large", false, WIZARD_PAGE_FRONTEND, "frontend.servers"},
    {"fe-standard-count", false, WIZARD_PAGE_FRONTEND, "frontend.servers"},
    {"edge-nat-hlb", false, WIZARD_PAGE_EDGE, "edge.addressing"},
    {"edge-single-count", false, WIZARD_PAGE_EDGE, "edge.servers"},
    {"edge-scaled-count", false, WIZARD_PAGE_EDGE, "edge.servers"},
    {"edge-pool-too-large", false, WIZARD_PAGE_EDGE, "edge.servers"},
    {"edge-no-director", false, WIZARD_PAGE_DIRECTOR, "director.enabled"},
    {"edge-no-reverse-proxy", false, WIZARD_PAGE_REVERSE_PROXY, "rp.enabled"},
    {"mediation-no-gateway", false, WIZARD_PAGE_MEDIATION, "mediation.gateways"},
    {"um-tcp", false, WIZARD_PAGE_EXCHANGE_UM, "um.mode"},
    {"um-no-role", false, WIZARD_PAGE_EXCHANGE_UM, "um.mode"},
};

/* Enter on a finding: to the page and field where it is fixed; names and
 * addresses (missing, malformed, duplicate, example values) on the names
 * screen with the entry highlighted. */
static void finding_jump(struct app *app, const struct finding *f)
{
	for (size_t i = 0; i < sizeof finding_places / sizeof finding_places[0]; i++) {
		if (!str_eq(finding_places[i].code, f->code) ||
		    finding_places[i].plan_only != (f->site < 0))
			continue;
		interview_goto(app, (enum wizard_page_kind)finding_places[i].page, f->site,
			       finding_places[i].field);
		return;
	}
	names_goto(app, f->site < 0 ? 0 : f->site, f->code, f->message);
}

static void show_detail(struct reports *rv, struct app *app)
{
	struct textbuf tb = {0};

	if (rv->tab == TAB_WARNINGS) {
		const struct findings *fs = app_findings(app);
		if (rv->w_sel < fs->count)
			finding_jump(app, &fs->items[rv->w_sel]);
		return;
	}
	{
		struct table_state *ts = &rv->t[rv->tab];
		const struct report_table *t = ts->tv.table;
		const struct report_row *row;
		char *title;
		if (ts->tv.n_rows == 0 && t->kind == CATALOG_IPSEC && !app->plan->ipsec) {
			interview_goto(app, WIZARD_PAGE_OPTIONS, -1, "options.ipsec");
			return;
		}
		if (ts->sel >= ts->tv.n_rows)
			return;
		row = &t->rows[ts->tv.rows[ts->sel]];
		reports_row_detail(app, t, row, &tb);
		title = xasprintf(_("Rule %s"), row->rule_id ? row->rule_id : "");
		app_show_text(app, title, &tb);
		free(title);
	}
}

static void search_run(struct reports *rv, struct app *app, bool backward, bool again)
{
	struct table_state *ts;
	long pos;

	if (rv->tab == TAB_WARNINGS || str_empty(rv->search))
		return;
	ts = &rv->t[rv->tab];
	/* A new search may match the highlighted row itself. */
	pos = tableview_find(&ts->tv, rv->search,
			     again ? ts->sel : (ts->sel == 0 ? ts->tv.n_rows : ts->sel - 1),
			     backward);
	if (pos < 0) {
		app_message(app, ST_ERROR, _("Not found: %s"), rv->search);
		return;
	}
	if (again && !backward && (size_t)pos <= ts->sel)
		app_message(app, ST_DIM, "%s", _("Search wrapped to the top."));
	else if (again && backward && (size_t)pos >= ts->sel)
		app_message(app, ST_DIM, "%s", _("Search wrapped to the bottom."));
	ts->sel = (size_t)pos;
	if (ts->sel < ts->top || ts->sel >= ts->top + (size_t)rv->page)
		ts->top = ts->sel > (size_t)rv->page / 2 ? ts->sel - (size_t)rv->page / 2 : 0;
}

static void filter_scope(struct reports *rv, struct app *app)
{
	struct table_state *ts = &rv->t[rv->tab];
	long next = -1;

	if (ts->n_scopes == 0) {
		app_message(app, ST_DIM, "%s", _("This table has one scope only."));
		return;
	}
	for (size_t i = 0; ts->tv.scope && i < ts->n_scopes; i++)
		if (str_eq(ts->scopes[i], ts->tv.scope))
			next = (long)i;
	next = next + 1 >= (long)ts->n_scopes ? -1 : next + 1;
	tableview_set_scope(&ts->tv, next < 0 ? NULL : ts->scopes[next]);
	ts->sel = ts->top = 0;
	ts->fitted_for = -1;
	app_message(app, ST_OK, _("Scope: %s (%zu rows)"),
		    next < 0 ? _("all") : scope_label(app, ts->scopes[next]), ts->tv.n_rows);
}

static void filter_site(struct reports *rv, struct app *app)
{
	struct table_state *ts = &rv->t[rv->tab];
	int next = ts->tv.site + 1;

	if (next >= (int)app->plan->n_sites)
		next = -1;
	tableview_set_site(&ts->tv, next);
	ts->sel = ts->top = 0;
	ts->fitted_for = -1;
	app_message(app, ST_OK, _("Site: %s (%zu rows)"),
		    next < 0 ? _("all") : app->plan->sites[next].name, ts->tv.n_rows);
}

static void sort_toggle(struct reports *rv, struct app *app)
{
	struct table_state *ts = &rv->t[rv->tab];
	const struct report_table *t = ts->tv.table;

	/* Ascending, descending, then the report's own order again. */
	if (ts->tv.sort_column == ts->sort_cursor && ts->tv.descending)
		tableview_sort(&ts->tv, -1);
	else
		tableview_sort(&ts->tv, ts->sort_cursor);
	ts->sel = ts->top = 0;
	if (ts->tv.sort_column < 0)
		app_message(app, ST_OK, "%s", _("Report order"));
	else
		app_message(app, ST_OK, _("Sorted by %s, %s"),
			    view_column_label(&t->columns[ts->sort_cursor], false),
			    ts->tv.descending ? _("descending") : _("ascending"));
}

/* Whether column c scrolls sideways: shown, not pinned, not the scope
 * column while one scope is filtered. */
static bool scrollable(const struct table_state *ts, long c)
{
	const struct report_table *t = ts->tv.table;

	return !ts->hidden[c] && c != ts->lay.pinned &&
	       !(ts->tv.scope && (t->columns[c].flags & COLUMN_SCOPE));
}

/* Scrolls sideways by a whole column; the pinned one stays. */
static void hscroll(struct table_state *ts, struct app *app, int delta)
{
	const struct report_table *t = ts->tv.table;
	size_t n = t->n_columns < MAX_COLUMNS ? t->n_columns : MAX_COLUMNS;
	long c = (long)ts->first;

	if (delta > 0 && !ts->lay.more_right)
		return;
	if (delta < 0 && !ts->lay.more_left)
		return;
	/* from the first column shown after the pinned one (first may be 0,
	 * the pinned column itself), so that one key always moves by one */
	while ((size_t)c < n && !scrollable(ts, c))
		c++;
	/* to the next (or previous) column that can be shown */
	do {
		c += delta;
	} while (c >= 0 && (size_t)c < n && !scrollable(ts, c));
	if (c < 0)
		c = 0;
	if ((size_t)c >= n)
		return;
	ts->first = (size_t)c;
	ts->fitted_for = -1;
	(void)app;
}

/* The column chooser: a menu of the columns, each ticked when shown;
 * Enter switches one and the menu stays until Esc. */
static void columns_menu_open(struct app *app, struct table_state *ts, int selected);

static void columns_chosen(struct app *app, struct dlg_arg arg, int choice, const char *text)
{
	struct table_state *ts = arg.ptr;
	size_t shown = 0;

	(void)text;
	if (choice < 0 || (size_t)choice >= ts->n_columns)
		return;
	for (size_t c = 0; c < ts->n_columns; c++)
		shown += !ts->hidden[c];
	if (!ts->hidden[choice] && shown == 1)
		app_message(app, ST_WARNING, "%s", _("A table shows at least one column."));
	else
		ts->hidden[choice] = !ts->hidden[choice];
	ts->first = 0;
	ts->fitted_for = -1;
	columns_menu_open(app, ts, choice);
}

static void columns_menu_open(struct app *app, struct table_state *ts, int selected)
{
	const struct report_table *t = ts->tv.table;
	size_t n = t->n_columns < MAX_COLUMNS ? t->n_columns : MAX_COLUMNS;
	char *items[MAX_COLUMNS];

	for (size_t c = 0; c < n; c++)
		items[c] = xasprintf("[%s] %s", ts->hidden[c] ? " " : "x",
				     view_column_label(&t->columns[c], false));
	/* TRANSLATORS: title of the column chooser of a report table */
	dialog_menu(app, _("Columns shown (Enter switches, Esc closes)"),
		    (const char *const *)items, (int)n, selected, columns_chosen,
		    (struct dlg_arg){.ptr = ts});
	for (size_t c = 0; c < n; c++)
		free(items[c]);
}

static int move_selection(size_t *sel, size_t n, size_t page, enum tui_command cmd)
{
	switch (cmd) {
	case CMD_UP:
		if (*sel > 0)
			(*sel)--;
		return 1;
	case CMD_DOWN:
		if (*sel + 1 < n)
			(*sel)++;
		return 1;
	case CMD_PAGE_UP:
		*sel = *sel > page ? *sel - page : 0;
		return 1;
	case CMD_PAGE_DOWN:
		*sel = n == 0 ? 0 : *sel + page < n ? *sel + page : n - 1;
		return 1;
	case CMD_HOME:
		*sel = 0;
		return 1;
	case CMD_END:
		*sel = n ? n - 1 : 0;
		return 1;
	default:
		return 0;
	}
}

static int reports_handle(struct view *v, struct app *app, const struct tui_event *ev)
{
	struct reports *rv = (struct reports *)v;
	const struct report_view *r = reports_sync(rv, app);
	size_t page = rv->page > 1 ? (size_t)rv->page - 1 : 1;
	struct table_state *ts = rv->tab < CATALOG_TABLE_COUNT && r ? &rv->t[rv->tab] : NULL;

	if (ev->click) {
		if (ev->hit == HIT_TAB) {
			rv->tab = ev->hit_arg;
		} else if (ev->hit == HIT_HEADER && ts) {
			ts->sort_cursor = ev->hit_arg;
			sort_toggle(rv, app);
		} else if (ev->hit == HIT_ROW) {
			size_t *sel = ts ? &ts->sel : &rv->w_sel;
			if (*sel == (size_t)ev->hit_arg)
				show_detail(rv, app);
			else
				*sel = (size_t)ev->hit_arg;
		}
		return TUI_HANDLED;
	}
	if (rv->searching) {
		if (lineedit_handle(&rv->edit, ev))
			return TUI_HANDLED;
		if (ev->cmd == CMD_ACCEPT) {
			free(rv->search);
			rv->search = lineedit_text(&rv->edit);
			rv->searching = false;
			lineedit_fini(&rv->edit);
			search_run(rv, app, false, false);
		} else if (ev->cmd == CMD_CANCEL) {
			rv->searching = false;
			lineedit_fini(&rv->edit);
		} else if (ev->cmd != CMD_NONE) {
			return TUI_IGNORED;
		}
		return TUI_HANDLED;
	}
	switch (ev->cmd) {
	case CMD_NEXT_TAB:
		rv->tab = (rv->tab + 1) % TAB_COUNT;
		return TUI_HANDLED;
	case CMD_PREV_TAB:
		rv->tab = (rv->tab + TAB_COUNT - 1) % TAB_COUNT;
		return TUI_HANDLED;
	case CMD_ENTER:
		show_detail(rv, app);
		return TUI_HANDLED;
	case CMD_BACK:
		app_show_screen(app, app->prev_screen == SCREEN_WELCOME ||
					     app->prev_screen == SCREEN_REPORTS
					 ? SCREEN_INTERVIEW
					 : app->prev_screen);
		return TUI_HANDLED;
	default:
		break;
	}
	if (!ts) {
		const struct findings *fs = app_findings(app);
		if (move_selection(&rv->w_sel, fs->count, page, ev->cmd))
			return TUI_HANDLED;
		return TUI_IGNORED;
	}
	if (move_selection(&ts->sel, ts->tv.n_rows, page, ev->cmd))
		return TUI_HANDLED;
	switch (ev->cmd) {
	case CMD_SEARCH:
		rv->searching = true;
		lineedit_init(&rv->edit, rv->search, 200);
		return TUI_HANDLED;
	case CMD_SEARCH_NEXT:
	case CMD_SEARCH_PREV:
		if (str_empty(rv->search))
			app_message(app, ST_DIM, "%s", _("Press / to search first."));
		search_run(rv, app, ev->cmd == CMD_SEARCH_PREV, true);
		return TUI_HANDLED;
	case CMD_FILTER_SCOPE:
		filter_scope(rv, app);
		return TUI_HANDLED;
	case CMD_FILTER_SITE:
		filter_site(rv, app);
		return TUI_HANDLED;
	case CMD_SORT_PREV_COLUMN:
	case CMD_SORT_NEXT_COLUMN:
		if (ev->cmd == CMD_SORT_PREV_COLUMN && ts->sort_cursor > 0)
			ts->sort_cursor--;
		else if (ev->cmd == CMD_SORT_NEXT_COLUMN &&
			 ts->sort_cursor + 1 < (int)ts->tv.table->n_columns)
			ts->sort_cursor++;
		/* the header shows it too, when the column is on screen */
		app_message(app, ST_DIM, _("Sort column: %s (o sorts)"),
			    view_column_label(&ts->tv.table->columns[ts->sort_cursor], false));
		return TUI_HANDLED;
	case CMD_COLUMNS:
		columns_menu_open(app, ts, 0);
		return TUI_HANDLED;
	case CMD_CLEAR_RULES:
		tableview_set_rules(&ts->tv, NULL, 0);
		ts->sel = ts->top = 0;
		ts->fitted_for = -1;
		app_message(app, ST_OK, P_("Every row again: %zu row.", "Every row again: %zu rows.",
					   ts->tv.n_rows),
			    ts->tv.n_rows);
		return TUI_HANDLED;
	case CMD_SORT:
		sort_toggle(rv, app);
		return TUI_HANDLED;
	case CMD_WIDE:
		ts->wide = !ts->wide;
		ts->fitted_for = -1;
		app_message(app, ST_OK, "%s",
			    ts->wide ? _("Full-width columns: Left and Right scroll.")
				     : _("Columns fitted to the screen."));
		return TUI_HANDLED;
	case CMD_LEFT:
	case CMD_RIGHT:
		hscroll(ts, app, ev->cmd == CMD_LEFT ? -1 : 1);
		return TUI_HANDLED;
	default:
		return TUI_IGNORED;
	}
}

static unsigned reports_contexts(const struct view *v)
{
	const struct reports *rv = (const struct reports *)v;

	if (rv->searching)
		return CTX_EDIT | CTX_GLOBAL;
	if (rv->tab < CATALOG_TABLE_COUNT && rv->t[rv->tab].ready && rv->t[rv->tab].tv.n_rules)
		return CTX_RULES | CTX_REPORT | CTX_LIST | CTX_COMMAND | CTX_GLOBAL;
	return CTX_REPORT | CTX_LIST | CTX_COMMAND | CTX_GLOBAL;
}

static void reports_resize(struct view *v, struct app *app)
{
	struct reports *rv = (struct reports *)v;

	(void)app;
	for (int k = 0; k < CATALOG_TABLE_COUNT; k++)
		rv->t[k].fitted_for = -1;
}

static void reports_help(struct view *v, struct app *app, struct textbuf *out)
{
	(void)v;
	(void)app;
	textbuf_add(out, ST_HEADING, 0, _("Reports"));
	textbuf_add(out, ST_NORMAL, 0,
		    _("Firewall: every flow between your servers, clients and the Internet, with "
		      "its scope (external or internal firewall, host firewall, client). Load "
		      "balancers: the ports of each VIP and how to set it up (persistence, idle "
		      "timeout, health monitor, source NAT). IPsec: the traffic to exempt from "
		      "IPsec. Programs: the Windows Firewall program rules that setup creates. "
		      "DNS: the records to create, internal and external. Certificates: each "
		      "certificate with its subject and SAN entries. Summary: every server and "
		      "interface with its FQDN, addresses and network, and the pools' VIPs. "
		      "Warnings: what the plan still lacks or does wrong."));
	textbuf_add(out, ST_NORMAL, 0, "");
	textbuf_add(out, ST_NORMAL, 0,
		    _("/ searches every cell (n and N go to the next and previous match). s shows "
		      "one scope at a time, f one site at a time. < and > choose a column, o "
		      "sorts by it. Enter shows the whole row: the note, the condition under which "
		      "the rule applies and where the fact comes from."));
	textbuf_add(out, ST_NORMAL, 0, "");
	textbuf_add(out, ST_NORMAL, 0,
		    _("Columns are fitted to the window; a cut cell ends with an ellipsis and Enter "
		      "shows it whole. c chooses the columns to show. When columns are off screen, "
		      "the line above the table says how many and arrows mark the header's ends: "
		      "Left and Right scroll sideways by a column, while the identifying column "
		      "(the rule, or the load balancer) stays in place. w switches to full-width "
		      "columns and back."));
	textbuf_add(out, ST_NORMAL, 0, "");
	textbuf_add(out, ST_NORMAL, 0,
		    _("F7 exports the tables: CSV, XML, JSON, an XLSX workbook, or a script "
		      "(PowerShell, nftables, probes)."));
	textbuf_add(out, ST_NORMAL, 0,
		    _("t (or F8) draws the site as a picture, the Topology view; Enter on one of its "
		      "flows comes back here with the rows of that flow only, and x shows every row "
		      "again."));
}

static void reports_destroy(struct view *v)
{
	struct reports *rv = (struct reports *)v;

	for (int k = 0; k < CATALOG_TABLE_COUNT; k++)
		state_fini(&rv->t[k]);
	if (rv->searching)
		lineedit_fini(&rv->edit);
	free(rv->search);
	free(rv);
}

int reports_current_table(struct app *app)
{
	const struct reports *rv = (const struct reports *)app->screens[SCREEN_REPORTS];

	if (app->screen != SCREEN_REPORTS || !rv || rv->tab >= CATALOG_TABLE_COUNT)
		return -1;
	return rv->tab;
}

int reports_current_site(struct app *app)
{
	struct reports *rv = (struct reports *)app->screens[SCREEN_REPORTS];
	int tab;

	if (!rv || !reports_sync(rv, app))
		return -1;
	tab = rv->tab < CATALOG_TABLE_COUNT ? rv->tab : CATALOG_FIREWALL;
	return rv->t[tab].tv.site;
}

void reports_show_rules(struct app *app, enum catalog_table table, int site,
			const char *const *ids, size_t n)
{
	struct reports *rv = (struct reports *)app->screens[SCREEN_REPORTS];
	struct table_state *ts;

	if (!rv || !reports_sync(rv, app) || (int)table >= CATALOG_TABLE_COUNT)
		return;
	rv->tab = (int)table;
	ts = &rv->t[table];
	/* every row of the flow, whatever scope it is filtered to */
	tableview_set_scope(&ts->tv, NULL);
	tableview_set_site(&ts->tv, site >= 0 && (size_t)site < app->plan->n_sites ? site : -1);
	tableview_set_rules(&ts->tv, ids, n);
	ts->sel = ts->top = 0;
	ts->fitted_for = -1;
	app_show_screen(app, SCREEN_REPORTS);
	/* TRANSLATORS: after Enter on a flow of the topology */
	app_message(app, ST_OK,
		    P_("%zu row of the flow: x shows every row, Esc goes back to the picture.",
		       "%zu rows of the flow: x shows every row, Esc goes back to the picture.",
		       ts->tv.n_rows),
		    ts->tv.n_rows);
}

static const struct view_ops reports_ops = {
    .name = "reports",
    .draw = reports_draw,
    .handle = reports_handle,
    .contexts = reports_contexts,
    .resize = reports_resize,
    .help = reports_help,
    .destroy = reports_destroy,
};

struct view *reports_new(void)
{
	struct reports *rv = xcalloc(1, sizeof *rv);

	rv->base.ops = &reports_ops;
	return &rv->base;
}
