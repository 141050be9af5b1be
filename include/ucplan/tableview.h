/* tableview.h: what a table view shows, without drawing it.
 *
 * Filtering by scope and site, sorting by a column, searching and fitting
 * column widths to the screen are pure functions over a report table, so
 * they are tested without a terminal and the TUI only draws the result. */
#ifndef UCPLAN_TABLEVIEW_H
#define UCPLAN_TABLEVIEW_H

#include <stdbool.h>
#include <stddef.h>

#include "ucplan/strpool.h"
#include "ucplan/view.h"

struct tableview {
	const struct report_table *table; /* borrowed */
	size_t *rows;   /* indexes into table->rows of the visible rows, in order */
	size_t n_rows;
	int sort_column;  /* -1 = the report's own order */
	bool descending;
	char *scope;      /* scope key to keep, NULL = all */
	int site;         /* site index to keep, -1 = all (rows with site -1 always show) */
	char **rules;     /* rule ids to keep, sorted (strcmp), owned; NULL = all */
	size_t n_rules;
	/* private: the short cells of endpoint and scope columns, made once
	 * per value (see tableview_cell) */
	struct strpool *brief_pool;
	struct ptrmap brief;
};

/* What a window of a given width shows of a table (tableview_layout). */
struct tableview_layout {
	size_t *width;	    /* per column: display columns, 0 when not on screen */
	bool *brief_header; /* per column: headed by its short label */
	long pinned;	    /* the pinned column, drawn first; -1 when none */
	size_t first;	    /* the first column after the pinned one that is shown */
	size_t more_left;   /* columns scrolled off to the left */
	size_t more_right;  /* columns not shown from first on (scroll right) */
	size_t total;	    /* display columns used, separators included */
};

/* Shows every row of table in report order. */
void tableview_init(struct tableview *v, const struct report_table *table);
void tableview_fini(struct tableview *v);

/* Filters and order; each recomputes v->rows.  scope may be NULL. */
void tableview_set_scope(struct tableview *v, const char *scope);
void tableview_set_site(struct tableview *v, int site);
/* Keeps only the rows of the n rule ids in ids (copied; duplicates are
 * fine), on top of the scope and site filters: the rows behind one flow of
 * the topology.  n 0 shows the rows of every rule again. */
void tableview_set_rules(struct tableview *v, const char *const *ids, size_t n);
/* Sorts by column (stable, by display text; -1 restores report order);
 * sorting again by the same column reverses the direction. */
void tableview_sort(struct tableview *v, int column);

/* Finds the next visible row (after position from, wrapping; before it
 * when backward) with a cell containing text, case-insensitively for
 * ASCII.  Returns the position in v->rows or -1. */
long tableview_find(const struct tableview *v, const char *text, size_t from, bool backward);

/* Column widths in display columns for a screen of width columns: each
 * column gets what its widest cell (or header label, translated) needs,
 * the widest columns shrink first when the total does not fit, and none
 * goes below min_width.  widths has table->n_columns entries.  Returns
 * the total width used, separators (sep columns between columns) included. */
size_t tableview_fit_columns(const struct tableview *v, size_t width, size_t sep, size_t min_width,
			     size_t *widths);

/* The text a table shows in a cell: the view's cell, except for columns
 * flagged COLUMN_SOURCE, COLUMN_DESTINATION or COLUMN_SCOPE, which show the
 * endpoint compactly (view_put_endpoint_brief) and the scope by its short
 * name.  Sorting uses the same text; search looks at the whole cells.  The
 * string lives as long as the view. */
const char *tableview_cell(struct tableview *v, const struct report_row *row, size_t column);

/* Lays the table out in width display columns, sep columns between
 * columns, for a window scrolled sideways to column first (the first one
 * after the pinned column; 0 or 1 is the start).  Columns marked in hidden
 * (may be NULL) are never shown.
 *
 * Fitted (full false): each column gets what its cells and its header
 * need, less when the window is narrow, but never less than its header
 * (the short one when the full one does not fit) and, for COLUMN_WHOLE
 * columns, never less than its widest cell: cuts fall on the other
 * columns, which end in "…".  When even that is too wide, the columns of
 * lowest priority stay off screen (more_right counts them).  Full: columns
 * in order at their full width (at most the window), as many as fit.
 * out->width and out->brief_header must hold n_columns entries. */
void tableview_layout(struct tableview *v, const bool *hidden, size_t first, size_t width,
		      size_t sep, bool full, struct tableview_layout *out);

/* Keeps selected and top valid for n rows and a window of height rows:
 * the selection is within [0, n) and visible.  Pure arithmetic for the
 * scrolling code. */
void tableview_clamp(size_t n, size_t height, size_t *top, size_t *selected);

#endif
