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
/* Display columns between table columns, and the narrowest a column gets
 * when the table is fitted to the screen. */
enum { COLUMN_SEP = 1, COLUMN_MIN = 5, WIDE_COLUMN_MAX = 60 };

struct table_state {
	struct tableview tv;
	bool ready;
	size_t top, sel;
	size_t hoff;	 /* display columns scrolled off to the left */
	int sort_cursor; /* the column < and > choose */
	size_t *widths;
	size_t total;	/* sum of widths and separators */
	size_t shown;	/* columns drawn (the first ones) */
	int fitted_for; /* screen width of the widths; -1 when stale */
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
	free(ts->widths);
	ts->widths = NULL;
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
		if (ts->ready)
			tableview_fini(&ts->tv);
		tableview_init(&ts->tv, &r->tables[k]);
		ts->ready = true;
		state_collect_scopes(ts, &r->tables[k]);
		free(ts->widths);
		ts->widths = xcalloc(r->tables[k].n_columns + 1, sizeof *ts->widths);
		ts->fitted_for = -1;
		if (scope)
			tableview_set_scope(&ts->tv, scope);
		if (site >= 0 && (size_t)site < app->plan->n_sites)
			tableview_set_site(&ts->tv, site);
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

/* Fits the columns to width.  When the whole table does not fit, the long
 * trailing Note and Reference columns give their room to the others: the
 * detail window (Enter) and the full-width mode (w) show them. */
static void state_fit(struct table_state *ts, int width)
{
	const struct report_table *t = ts->tv.table;
	size_t n = t->n_columns;

	if (ts->fitted_for == width)
		return;
	ts->shown = n;
	ts->total =
	    tableview_fit_columns(&ts->tv, (size_t)-1 / 4, COLUMN_SEP, COLUMN_MIN, ts->widths);
	if (ts->wide) {
		ts->total = 0;
		for (size_t c = 0; c < n; c++) {
			if (ts->widths[c] > WIDE_COLUMN_MAX)
				ts->widths[c] = WIDE_COLUMN_MAX;
			ts->total += ts->widths[c] + (c ? COLUMN_SEP : 0);
		}
	} else if (ts->total > (size_t)width) {
		struct report_table part = *t;
		struct tableview sub = ts->tv;
		while (ts->shown > 1 && (str_eq(t->columns[ts->shown - 1].key, "note") ||
					 str_eq(t->columns[ts->shown - 1].key, "reference")))
			ts->shown--;
		/* The same rows, seen through fewer columns. */
		part.n_columns = ts->shown;
		sub.table = &part;
		ts->total =
		    tableview_fit_columns(&sub, (size_t)width, COLUMN_SEP, COLUMN_MIN, ts->widths);
	}
	ts->fitted_for = width;
	if (ts->total <= (size_t)width)
		ts->hoff = 0;
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

/* Draws one line of cells (a row or the header) from display column hoff. */
static void draw_cells(int y, int x0, int avail, const struct table_state *ts,
		       const char *const *cells, attr_t attr, int highlight, attr_t hl_attr)
{
	size_t n = ts->shown;
	long col_x = 0, hoff = (long)ts->hoff, end = hoff + avail;
	char stack[1024];

	for (size_t c = 0; c < n && col_x < end; c++) {
		long w = (long)ts->widths[c];
		long from = col_x > hoff ? col_x : hoff, to = col_x + w < end ? col_x + w : end;
		attr_t a = (int)c == highlight ? hl_attr : attr;
		if (to > from) {
			size_t size = (size_t)w * 4 + 8, skip;
			char *buf = size <= sizeof stack ? stack : xmalloc(size);
			int pad;
			tw_fit_pad(buf, size, cells[c] ? cells[c] : "", (size_t)w, 1, term_ascii());
			skip = skip_columns(buf, (size_t)(from - col_x), &pad);
			if (pad)
				draw_text(y, x0 + (int)(from - hoff), 1, " ", a);
			draw_text(y, x0 + (int)(from - hoff) + pad, (int)(to - from) - pad,
				  buf + skip, a);
			if (buf != stack)
				free(buf);
		}
		col_x += w;
		if (c + 1 < n && col_x >= hoff && col_x < end)
			draw_text(y, x0 + (int)(col_x - hoff), 1, term_glyphs()->vline,
				  attr == term_attr(ST_TABLE_HEADER) ? attr : attr | A_DIM);
		col_x += COLUMN_SEP;
	}
}

/* One tab: its label and its row count. */
static void tab_text(struct reports *rv, struct app *app, const struct report_view *r, int k,
		     char *buf, size_t size)
{
	const struct findings *fs = app_findings(app);
	size_t count = k < CATALOG_TABLE_COUNT ? (r ? rv->t[k].tv.n_rows : 0) : fs->count;
	char part[190];

	/* TRANSLATORS: a report's tab: its name, then its number of rows */
	snprintf(part, sizeof part, _("%s (%zu)"), _(tab_labels[k]), count);
	snprintf(buf, size, " %s ", part);
}

/* The table tabs that fit from the one that keeps the current tab in view,
 * then the Warnings tab, which is always shown: with seven tables the
 * strip is wider than a narrow terminal. */
static void draw_tabs(struct reports *rv, struct app *app, const struct report_view *r, int y)
{
	const struct rect *a = &app->area;
	const struct findings *fs = app_findings(app);
	int x = a->x + 1, end = a->x + a->w, widths[TAB_COUNT], first = 0, room;
	char buf[200];

	for (int k = 0; k < TAB_COUNT; k++) {
		tab_text(rv, app, r, k, buf, sizeof buf);
		widths[k] = (int)tw_width(buf);
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
	for (int k = first; k < TAB_COUNT; k++) {
		int w = widths[k];
		if (k < CATALOG_TABLE_COUNT && x + w > end - (widths[TAB_WARNINGS] + 1)) {
			k = CATALOG_TABLE_COUNT - 1; /* the rest of the tables do not fit */
			continue;
		}
		if (x + w > end)
			break;
		tab_text(rv, app, r, k, buf, sizeof buf);
		draw_text(y, x, w, buf,
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
	const char *labels[32];
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
	snprintf(info, sizeof info, _("Scope: %s"),
		 ts->tv.scope ? scope_label(app, ts->tv.scope) : _("all"));
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
	draw_info_line(a->y + 1, x0, avail, info, fs->errors, ts);

	for (size_t c = 0; c < t->n_columns && c < 32; c++)
		labels[c] = _(t->columns[c].label);
	draw_fill(a->y + 2, a->x, a->w, term_attr(ST_TABLE_HEADER));
	draw_cells(a->y + 2, x0, avail, ts, labels, term_attr(ST_TABLE_HEADER), ts->sort_cursor,
		   term_attr(ST_SORT_COLUMN));
	app_hit(app, a->y + 2, a->x, a->w, HIT_HEADER, 0);
	if (ts->hoff > 0)
		draw_text(a->y + 2, a->x, 1, term_glyphs()->left, term_attr(ST_SORT_COLUMN));
	if (ts->total > ts->hoff + (size_t)avail)
		draw_text(a->y + 2, a->x + a->w - 1, 1, term_glyphs()->right,
			  term_attr(ST_SORT_COLUMN));

	if (ts->tv.n_rows == 0)
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
		draw_cells(y, x0, avail, ts, row->cells, at, -1, at);
		app_hit(app, y, a->x, a->w, HIT_ROW, (int)i);
	}
}

static void draw_warnings(struct reports *rv, struct app *app)
{
	const struct rect *a = &app->area;
	const struct findings *fs = app_findings(app);
	const struct glyphs *g = term_glyphs();
	char head[200];

	rv->page = a->h - 3;
	if (rv->page < 1)
		rv->page = 1;
	tableview_clamp(fs->count, (size_t)rv->page, &rv->w_top, &rv->w_sel);
	format_findings_count(head, sizeof head, fs->errors, fs->warnings);
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
	if (rule)
		textbuf_addf(out, ST_DIM, 0, _("Rule %s, data/catalog.xml line %d"), rule->id,
			     rule->line);
}

/* ---- keys -------------------------------------------------------------------- */

static void show_detail(struct reports *rv, struct app *app)
{
	struct textbuf tb = {0};

	if (rv->tab == TAB_WARNINGS) {
		const struct findings *fs = app_findings(app);
		const struct finding *f;
		if (rv->w_sel >= fs->count)
			return;
		f = &fs->items[rv->w_sel];
		textbuf_add(&tb, f->severity == FINDING_ERROR ? ST_ERROR : ST_WARNING, 0,
			    f->severity == FINDING_ERROR ? _("Error") : _("Warning"));
		textbuf_add(&tb, ST_NORMAL, 0, f->message);
		textbuf_addf(&tb, ST_DIM, 0, "(%s)", f->code);
		app_show_text(app, _("Finding"), &tb);
		return;
	}
	{
		struct table_state *ts = &rv->t[rv->tab];
		const struct report_table *t = ts->tv.table;
		const struct report_row *row;
		char *title;
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
		app_message(app, ST_OK, _("Sorted by %s, %s"), _(t->columns[ts->sort_cursor].label),
			    ts->tv.descending ? _("descending") : _("ascending"));
}

static void hscroll(struct table_state *ts, int width, int delta)
{
	long h = (long)ts->hoff + delta, max = (long)ts->total - width;

	if (h > max)
		h = max;
	if (h < 0)
		h = 0;
	ts->hoff = (size_t)h;
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
		if (ts->sort_cursor > 0)
			ts->sort_cursor--;
		return TUI_HANDLED;
	case CMD_SORT_NEXT_COLUMN:
		if (ts->sort_cursor + 1 < (int)ts->shown)
			ts->sort_cursor++;
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
		hscroll(ts, app->area.w - 2, ev->cmd == CMD_LEFT ? -8 : 8);
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
		      "balancers: the VIP ports of each hardware load balancer. IPsec: the "
		      "traffic to exempt from IPsec. Warnings: what the plan still lacks or does "
		      "wrong."));
	textbuf_add(out, ST_NORMAL, 0, "");
	textbuf_add(out, ST_NORMAL, 0,
		    _("/ searches every cell (n and N go to the next and previous match). s shows "
		      "one scope at a time, f one site at a time. < and > choose a column, o "
		      "sorts by it. w switches between columns fitted to the screen and full "
		      "columns; Left and Right scroll sideways. Enter shows the whole row: the "
		      "note, the condition under which the rule applies and where the fact comes "
		      "from."));
	textbuf_add(out, ST_NORMAL, 0, _("F7 exports the tables to CSV or XML."));
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
