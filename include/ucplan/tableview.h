/* tableview.h: what a table view shows, without drawing it.
 *
 * Filtering by scope and site, sorting by a column, searching and fitting
 * column widths to the screen are pure functions over a report table, so
 * they are tested without a terminal and the TUI only draws the result. */
#ifndef UCPLAN_TABLEVIEW_H
#define UCPLAN_TABLEVIEW_H

#include <stdbool.h>
#include <stddef.h>

#include "ucplan/view.h"

struct tableview {
	const struct report_table *table; /* borrowed */
	size_t *rows;   /* indexes into table->rows of the visible rows, in order */
	size_t n_rows;
	int sort_column;  /* -1 = the report's own order */
	bool descending;
	char *scope;      /* scope key to keep, NULL = all */
	int site;         /* site index to keep, -1 = all (rows with site -1 always show) */
};

/* Shows every row of table in report order. */
void tableview_init(struct tableview *v, const struct report_table *table);
void tableview_fini(struct tableview *v);

/* Filters and order; each recomputes v->rows.  scope may be NULL. */
void tableview_set_scope(struct tableview *v, const char *scope);
void tableview_set_site(struct tableview *v, int site);
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

/* Keeps selected and top valid for n rows and a window of height rows:
 * the selection is within [0, n) and visible.  Pure arithmetic for the
 * scrolling code. */
void tableview_clamp(size_t n, size_t height, size_t *top, size_t *selected);

#endif
