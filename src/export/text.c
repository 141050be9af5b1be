/* text.c: aligned plain-text tables for a terminal or a pager.
 *
 * Columns are measured in display columns (a Chinese character takes two),
 * never in bytes.  When a width is given, the long free-text columns give up
 * room first, and cells are cut with an ellipsis on a character boundary. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "ucplan/export.h"
#include "ucplan/i18n.h"
#include "ucplan/textwidth.h"

#define TEXT_GAP "  "
#define TEXT_GAP_COLS 2

/* One table prepared for layout: labels and cells neutralized
 * (tw_neutralize: a newline in a cell would break the grid, an escape
 * sequence from the catalog would reach the terminal). */
struct text_grid {
	size_t n_columns;
	size_t n_rows;
	char **labels;	/* n_columns, owned */
	char **cells;	/* n_rows * n_columns, owned */
	size_t *widths; /* n_columns, display columns */
	size_t *label_word; /* n_columns: widest word of the label */
};

static void text_grid_init(struct text_grid *g, const struct report_table *table)
{
	size_t n = table->n_columns;

	g->n_columns = n;
	g->n_rows = n ? table->n_rows : 0;
	g->labels = xcalloc(n, sizeof *g->labels);
	g->cells = xcalloc(g->n_rows * n, sizeof *g->cells);
	g->widths = xcalloc(n, sizeof *g->widths);
	g->label_word = xcalloc(n, sizeof *g->label_word);
	for (size_t c = 0; c < n; c++) {
		const struct report_column *col = &table->columns[c];

		g->labels[c] = tw_neutralize(col->label ? _(col->label) : col->key);
		g->widths[c] = tw_width(g->labels[c]);
		for (const char *w = g->labels[c]; *w;) {
			size_t len = strcspn(w, " "), cols;
			char *word = xstrndup(w, len);
			cols = tw_width(word);
			free(word);
			if (cols > g->label_word[c])
				g->label_word[c] = cols;
			w += len + (w[len] == ' ');
		}
	}
	for (size_t r = 0; r < g->n_rows; r++) {
		for (size_t c = 0; c < n; c++) {
			char *cell = tw_neutralize(table->rows[r].cells[c]);
			size_t w = tw_width(cell);

			g->cells[r * n + c] = cell;
			if (w > g->widths[c])
				g->widths[c] = w;
		}
	}
}

static void text_grid_free(struct text_grid *g)
{
	for (size_t c = 0; c < g->n_columns; c++)
		free(g->labels[c]);
	for (size_t i = 0; i < g->n_rows * g->n_columns; i++)
		free(g->cells[i]);
	free(g->labels);
	free(g->cells);
	free(g->widths);
	free(g->label_word);
}

static size_t text_grid_total(const struct text_grid *g)
{
	size_t total = 0;

	for (size_t c = 0; c < g->n_columns; c++)
		total += g->widths[c];
	if (g->n_columns > 1)
		total += TEXT_GAP_COLS * (g->n_columns - 1);
	return total;
}

static int text_column_index(const struct report_table *table, const char *key)
{
	for (size_t c = 0; c < table->n_columns; c++)
		if (str_eq(table->columns[c].key, key))
			return (int)c;
	return -1;
}

/* The free-text columns, in the order they give up room: the longest and
 * the least needed at a glance. */
static const char *const text_shrink_first[] = {"note", "reference", "source", "destination",
						 "service"};

/* Below this many columns a free-text column stops giving way alone. */
#define TEXT_SOFT_MIN 12
/* What a free-text column may claim when wrapped columns share the room. */
#define TEXT_SHARE_CAP 60

static size_t text_shrink_rank(const char *key)
{
	size_t k;

	for (k = 0; k < sizeof text_shrink_first / sizeof text_shrink_first[0]; k++)
		if (str_eq(key, text_shrink_first[k]))
			break;
	return k;
}

/* Narrows columns until a line fits limit.  First the free-text columns
 * give up what they have beyond TEXT_SOFT_MIN, in text_shrink_first order;
 * then the widest column loses one column at a time (a free-text column
 * first on a tie), so the cut is spread evenly; no column goes below one. */
static void text_grid_fit(struct text_grid *g, const struct report_table *table, size_t limit)
{
	size_t total = text_grid_total(g);

	for (size_t k = 0; k < sizeof text_shrink_first / sizeof text_shrink_first[0]; k++) {
		int c = text_column_index(table, text_shrink_first[k]);
		size_t cut;

		if (total <= limit)
			return;
		if (c < 0 || g->widths[c] <= TEXT_SOFT_MIN)
			continue;
		cut = g->widths[c] - TEXT_SOFT_MIN;
		if (cut > total - limit)
			cut = total - limit;
		g->widths[c] -= cut;
		total -= cut;
	}
	while (total > limit) {
		size_t widest = g->n_columns;

		for (size_t c = 0; c < g->n_columns; c++) {
			if (g->widths[c] <= 1)
				continue;
			if (widest == g->n_columns || g->widths[c] > g->widths[widest] ||
			    (g->widths[c] == g->widths[widest] &&
			     text_shrink_rank(table->columns[c].key) <
				 text_shrink_rank(table->columns[widest].key)))
				widest = c;
		}
		if (widest == g->n_columns)
			return;
		g->widths[widest]--;
		total--;
	}
}

/* Output state: the stream, a line being built and a scratch buffer. */
struct text_out {
	FILE *out;
	bool ascii;
	bool wrap; /* wrap long cells onto more lines instead of cutting them */
	struct strbuf line;
	char *buf;
	size_t size;
	int error; /* errno of the first failed write, or 0 */
};

/* Appends s fitted to cols display columns, padded unless last. */
static void text_add_cell(struct text_out *to, const char *s, size_t cols, bool pad)
{
	/* Room for every byte of s, the ellipsis and the padding. */
	size_t need = strlen(s) + cols + 8;

	if (need > to->size) {
		to->buf = xrealloc(to->buf, need);
		to->size = need;
	}
	tw_fit_pad(to->buf, to->size, s, cols, pad, to->ascii);
	strbuf_puts(&to->line, to->buf);
}

/* Writes the line built so far without trailing spaces, and empties it. */
static void text_flush_line(struct text_out *to)
{
	while (to->line.len > 0 && to->line.data[to->line.len - 1] == ' ')
		to->line.len--;
	if (!to->error) {
		errno = 0;
		if ((to->line.len > 0 &&
		     fwrite(to->line.data, 1, to->line.len, to->out) != to->line.len) ||
		    fputc('\n', to->out) == EOF)
			to->error = errno ? errno : EIO;
	}
	to->line.len = 0;
	if (to->line.data)
		to->line.data[0] = '\0';
}

/* A line of its own (title, "no rows"), cut to width when one is set. */
static void text_put_single(struct text_out *to, const char *s, size_t width)
{
	char *clean = tw_neutralize(s);

	text_add_cell(to, clean, width ? width : tw_width(clean), false);
	free(clean);
	text_flush_line(to);
}

/* A row on one line, each cell cut to its column; or, when wrapping, on as
 * many lines as its tallest cell needs, each cell wrapped in its column. */
static void text_put_row(struct text_out *to, const struct text_grid *g, char *const *cells)
{
	const char **rest;
	bool more = true;

	if (!to->wrap) {
		for (size_t c = 0; c < g->n_columns; c++) {
			if (c > 0)
				strbuf_puts(&to->line, TEXT_GAP);
			text_add_cell(to, cells[c], g->widths[c], c + 1 < g->n_columns);
		}
		text_flush_line(to);
		return;
	}
	rest = xcalloc(g->n_columns, sizeof *rest);
	for (size_t c = 0; c < g->n_columns; c++)
		rest[c] = cells[c];
	while (more && !to->error) {
		more = false;
		for (size_t c = 0; c < g->n_columns; c++) {
			size_t len = 0;
			const char *next = *rest[c] ? tw_wrap(rest[c], g->widths[c], &len) : rest[c];
			char *part = xstrndup(rest[c], len);
			if (c > 0)
				strbuf_puts(&to->line, TEXT_GAP);
			text_add_cell(to, part, g->widths[c], c + 1 < g->n_columns);
			free(part);
			rest[c] = next;
			more |= *next != '\0';
		}
		text_flush_line(to);
	}
	free(rest);
}

/* Wrapping: the free-text columns share what the others leave, in
 * proportion to what they would take, so that wrapped text has room. */
static void text_grid_share(struct text_grid *g, const struct report_table *table, size_t limit)
{
	size_t total = text_grid_total(g), want = 0, fixed, room;
	const size_t n_free = sizeof text_shrink_first / sizeof text_shrink_first[0];

	if (total <= limit)
		return;
	/* a wrapped header may take two lines: a column needs its widest
	 * cell and its label's widest word */
	for (size_t c = 0; c < g->n_columns; c++) {
		size_t cells = g->label_word[c];
		if (text_shrink_rank(table->columns[c].key) < n_free)
			continue;
		for (size_t r = 0; r < g->n_rows; r++) {
			size_t w = tw_width(g->cells[r * g->n_columns + c]);
			if (w > cells)
				cells = w;
		}
		if (cells < g->widths[c]) {
			total -= g->widths[c] - cells;
			g->widths[c] = cells;
		}
	}
	for (size_t k = 0; k < n_free; k++) {
		int c = text_column_index(table, text_shrink_first[k]);
		if (c >= 0)
			want += g->widths[c];
	}
	fixed = total - want;
	/* past TEXT_SHARE_CAP a column asks for no more: a long note must not
	 * squeeze the endpoints, which matter most in a rule */
	want = 0;
	for (size_t k = 0; k < n_free; k++) {
		int c = text_column_index(table, text_shrink_first[k]);
		if (c >= 0)
			want += g->widths[c] < TEXT_SHARE_CAP ? g->widths[c] : TEXT_SHARE_CAP;
	}
	if (fixed + n_free * TEXT_SOFT_MIN >= limit || want == 0) {
		text_grid_fit(g, table, limit);
		return;
	}
	room = limit - fixed;
	for (size_t k = 0; k < n_free; k++) {
		int c = text_column_index(table, text_shrink_first[k]);
		size_t share;
		if (c < 0)
			continue;
		share = (g->widths[c] < TEXT_SHARE_CAP ? g->widths[c] : TEXT_SHARE_CAP) * room / want;
		if (share < TEXT_SOFT_MIN)
			share = TEXT_SOFT_MIN;
		if (share < g->widths[c])
			g->widths[c] = share;
	}
	text_grid_fit(g, table, limit); /* rounding and minimums */
}

static void text_put_table(struct text_out *to, const struct report_table *table, size_t width)
{
	struct text_grid g;

	text_grid_init(&g, table);
	if (width > 0 && to->wrap)
		text_grid_share(&g, table, width);
	else if (width > 0)
		text_grid_fit(&g, table, width);

	text_put_single(to, table->title ? _(table->title) : table->key, width);
	text_put_row(to, &g, g.labels);
	for (size_t c = 0; c < g.n_columns; c++) {
		if (c > 0)
			strbuf_puts(&to->line, TEXT_GAP);
		for (size_t i = 0; i < g.widths[c]; i++)
			strbuf_add(&to->line, "-", 1);
	}
	text_flush_line(to);
	if (g.n_rows == 0)
		text_put_single(to, _("(no rows)"), width);
	for (size_t r = 0; r < g.n_rows && !to->error; r++)
		text_put_row(to, &g, &g.cells[r * g.n_columns]);
	text_grid_free(&g);
}

static enum uc_status export_text_write(const struct report *report,
					const struct export_options *opts, FILE *out,
					struct uc_error *err)
{
	struct export_options defaults;
	struct text_out to = {.out = out};
	struct report_view *view = report_view_build(report);
	unsigned tables;
	bool first = true;

	if (!opts) {
		export_default_options(&defaults);
		opts = &defaults;
	}
	tables = opts->tables ? opts->tables : EXPORT_ALL_TABLES;
	to.ascii = opts->ascii;
	to.wrap = opts->wrap && opts->width > 0;
	for (int k = 0; !to.error && k < CATALOG_TABLE_COUNT; k++) {
		if (!(tables & EXPORT_TABLE_BIT(k)))
			continue;
		if (!first)
			text_flush_line(&to);
		first = false;
		text_put_table(&to, &view->tables[k], opts->width);
	}
	report_view_free(view);
	strbuf_free(&to.line);
	free(to.buf);
	errno = 0;
	if (fflush(out) == EOF && !to.error)
		to.error = errno ? errno : EIO;
	if (ferror(out) && !to.error)
		to.error = EIO;
	if (to.error)
		return uc_error_set(err, UC_ERR_IO, NULL, 0,
				    _("could not write the report (%s); check that the disk has "
				      "free space and that the output can be written"),
				    strerror(to.error));
	return UC_OK;
}

const struct exporter export_text = {
    .name = "text",
    .extension = "txt",
    .write = export_text_write,
};
