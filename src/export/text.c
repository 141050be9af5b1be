/* text.c: aligned plain-text tables for a terminal or a pager.
 *
 * Columns are measured in display columns (a Chinese character takes two),
 * never in bytes.  When a width is given, the long free-text columns give up
 * room first, and cells are cut with an ellipsis on a character boundary. */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "ucplan/export.h"
#include "ucplan/i18n.h"
#include "ucplan/strpool.h"
#include "ucplan/textwidth.h"

#define TEXT_GAP "  "
#define TEXT_GAP_COLS 2

/* What the layout needs of a cell: its text neutralized (tw_neutralize: a
 * newline in a cell would break the grid, an escape sequence from the
 * catalog would reach the terminal) and its width.  Rows share their cells
 * (view_render_row gives the same pointer for the same text), so each
 * distinct cell is measured once, by pointer. */
struct cell_info {
	const char *cell; /* the key: the renderer's pointer */
	const char *clean;
	size_t width;
};

struct cell_cache {
	struct cell_info *slots;
	size_t cap, count;
	struct strpool *pool; /* the neutralized copies */
};

static size_t cell_slot(const struct cell_cache *cc, const char *cell)
{
	uint64_t h = (uint64_t)(uintptr_t)cell * 0x9e3779b97f4a7c15ull;

	return (size_t)(h >> 20) & (cc->cap - 1);
}

static const struct cell_info *cell_info(struct cell_cache *cc, const char *cell)
{
	size_t i;

	if ((cc->count + 1) * 2 > cc->cap) {
		struct cell_info *old = cc->slots;
		size_t old_cap = cc->cap;

		cc->cap = cc->cap ? cc->cap * 2 : 1024;
		cc->slots = xcalloc(cc->cap, sizeof *cc->slots);
		for (size_t j = 0; j < old_cap; j++) {
			if (!old[j].cell)
				continue;
			for (i = cell_slot(cc, old[j].cell); cc->slots[i].cell; i = (i + 1) & (cc->cap - 1))
				;
			cc->slots[i] = old[j];
		}
		free(old);
	}
	for (i = cell_slot(cc, cell); cc->slots[i].cell; i = (i + 1) & (cc->cap - 1))
		if (cc->slots[i].cell == cell)
			return &cc->slots[i];
	cc->slots[i].cell = cell;
	if (tw_is_clean(cell)) {
		cc->slots[i].clean = cell;
	} else {
		char *clean = tw_neutralize(cell);
		cc->slots[i].clean = strpool_intern(cc->pool, clean);
		free(clean);
	}
	cc->slots[i].width = tw_width(cc->slots[i].clean);
	cc->count++;
	return &cc->slots[i];
}

/* Forgets the cells measured so far (their renderer forgot them). */
static void cell_cache_clear(struct cell_cache *cc)
{
	free(cc->slots);
	cc->slots = NULL;
	cc->cap = cc->count = 0;
	strpool_clear(cc->pool);
}

/* One table's layout: its labels, the width of each column, and what
 * wrapping needs (the widest word of a label, the widest cell). */
struct text_grid {
	size_t n_columns;
	size_t n_rows;
	char **labels;	    /* n_columns, owned */
	size_t *widths;	    /* n_columns, display columns */
	size_t *label_word; /* n_columns: widest word of the label */
	size_t *cell_max;   /* n_columns: widest cell, label aside */
};

/* The rows of a table, rendered one at a time: from the report's flows
 * through a renderer, part after part, so that no table of text is held in
 * memory. */
struct text_rows {
	const struct report *report;
	const struct report_flows *table;
	struct view_renderer *renderer;
	struct cell_cache *cache;
	struct report_part part;
	const struct report_flows *flows; /* the current part */
};

static size_t text_row_count(const struct report_flows *t)
{
	return CATALOG_IS_RECORDS(t->kind) ? t->n_records : t->n_flows;
}

static const char *const *text_row(const struct text_rows *tr, size_t r)
{
	if (CATALOG_IS_RECORDS(tr->flows->kind))
		return view_render_record(tr->renderer, tr->flows->kind, &tr->flows->records[r]);
	return view_render_row(tr->renderer, tr->flows->kind, &tr->flows->flows[r]);
}

/* Goes to the first part (first) or the next; false after the last.  The
 * cells of the last part are forgotten: their values are gone. */
static bool text_rows_part(struct text_rows *tr, bool first)
{
	tr->flows = first ? report_part_first(tr->report, tr->table->kind, &tr->part)
			  : report_part_next(&tr->part);
	view_renderer_clear(tr->renderer);
	cell_cache_clear(tr->cache);
	return tr->flows != NULL;
}

static void text_grid_init(struct text_grid *g, const struct report_column *columns, size_t n,
			   struct text_rows *tr)
{
	g->n_columns = n;
	g->n_rows = 0;
	g->labels = xcalloc(n, sizeof *g->labels);
	g->widths = xcalloc(n, sizeof *g->widths);
	g->label_word = xcalloc(n, sizeof *g->label_word);
	g->cell_max = xcalloc(n, sizeof *g->cell_max);
	for (size_t c = 0; c < n; c++) {
		const struct report_column *col = &columns[c];

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
	for (bool more = n && text_rows_part(tr, true); more; more = text_rows_part(tr, false)) {
		size_t rows = text_row_count(tr->flows);

		g->n_rows += rows;
		for (size_t r = 0; r < rows; r++) {
			const char *const *cells = text_row(tr, r);

			for (size_t c = 0; c < n; c++) {
				size_t w = cell_info(tr->cache, cells[c])->width;

				if (w > g->cell_max[c])
					g->cell_max[c] = w;
			}
		}
	}
	for (size_t c = 0; c < n; c++)
		if (g->cell_max[c] > g->widths[c])
			g->widths[c] = g->cell_max[c];
}

static void text_grid_free(struct text_grid *g)
{
	for (size_t c = 0; c < g->n_columns; c++)
		free(g->labels[c]);
	free(g->labels);
	free(g->widths);
	free(g->label_word);
	free(g->cell_max);
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

static int text_column_index(const struct report_column *columns, size_t n, const char *key)
{
	for (size_t c = 0; c < n; c++)
		if (str_eq(columns[c].key, key))
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
static void text_grid_fit(struct text_grid *g, const struct report_column *columns, size_t limit)
{
	size_t total = text_grid_total(g);

	for (size_t k = 0; k < sizeof text_shrink_first / sizeof text_shrink_first[0]; k++) {
		int c = text_column_index(columns, g->n_columns, text_shrink_first[k]);
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
			     text_shrink_rank(columns[c].key) <
				 text_shrink_rank(columns[widest].key)))
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
	struct fitted *fit; /* a row's cells laid out, n_fit of them */
	size_t n_fit;
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
	strbuf_add(&to->line, "\n", 1);
	if (!to->error) {
		errno = 0;
		if (fwrite(to->line.data, 1, to->line.len, to->out) != to->line.len)
			to->error = errno ? errno : EIO;
	}
	to->line.len = 0;
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

/* A cell laid out in its column: one line cut to the width, or when
 * wrapping as many lines as it needs, each padded to the width (the line's
 * trailing spaces go when it is written). */
struct fitted {
	const char *cell; /* the key, with the column */
	size_t column;
	size_t n_lines;
	const char **lines;
	size_t *lens; /* bytes of each line */
};

static void fit_lines(struct text_out *to, struct strpool *pool, const char *cell, size_t width,
		      struct fitted *out)
{
	const char *rest = cell;
	size_t cap = 0;

	out->n_lines = 0;
	out->lines = NULL;
	out->lens = NULL;
	do {
		size_t len = strlen(rest);
		const char *next = rest + len;
		char *part, *line;

		if (to->wrap && *rest)
			next = tw_wrap(rest, width, &len);
		part = xstrndup(rest, len);
		text_add_cell(to, part, width, true);
		free(part);
		line = strpool_alloc(pool, to->line.len + 1);
		memcpy(line, to->line.data, to->line.len + 1);
		if (out->n_lines == cap) {
			const char **more;
			size_t *more_lens;
			cap = cap ? cap * 2 : 4;
			more = strpool_alloc(pool, cap * sizeof *more);
			more_lens = strpool_alloc(pool, cap * sizeof *more_lens);
			if (out->n_lines) {
				memcpy(more, out->lines, out->n_lines * sizeof *more);
				memcpy(more_lens, out->lens, out->n_lines * sizeof *more_lens);
			}
			out->lines = more;
			out->lens = more_lens;
		}
		out->lens[out->n_lines] = to->line.len;
		out->lines[out->n_lines++] = line;
		to->line.len = 0;
		rest = next;
	} while (to->wrap && *rest);
}

/* The layouts of the cells met so far, by (cell, column): rows share
 * their cells, so each is cut or wrapped once. */
struct fit_cache {
	struct fitted *slots;
	size_t cap, count;
	struct strpool *pool;
};

static size_t fit_slot(const struct fit_cache *fc, const char *cell, size_t column)
{
	uint64_t h = ((uint64_t)(uintptr_t)cell ^ (uint64_t)column << 56) * 0x9e3779b97f4a7c15ull;

	return (size_t)(h >> 20) & (fc->cap - 1);
}

static const struct fitted *fit_cell(struct text_out *to, struct fit_cache *fc, const char *cell,
				     size_t column, size_t width)
{
	size_t i;

	if ((fc->count + 1) * 2 > fc->cap) {
		struct fitted *old = fc->slots;
		size_t old_cap = fc->cap;

		fc->cap = fc->cap ? fc->cap * 2 : 1024;
		fc->slots = xcalloc(fc->cap, sizeof *fc->slots);
		for (size_t j = 0; j < old_cap; j++) {
			if (!old[j].cell)
				continue;
			for (i = fit_slot(fc, old[j].cell, old[j].column); fc->slots[i].cell;
			     i = (i + 1) & (fc->cap - 1))
				;
			fc->slots[i] = old[j];
		}
		free(old);
	}
	for (i = fit_slot(fc, cell, column); fc->slots[i].cell; i = (i + 1) & (fc->cap - 1))
		if (fc->slots[i].cell == cell && fc->slots[i].column == column)
			return &fc->slots[i];
	fc->slots[i].cell = cell;
	fc->slots[i].column = column;
	fit_lines(to, fc->pool, cell, width, &fc->slots[i]);
	fc->count++;
	return &fc->slots[i];
}

static void fit_cache_clear(struct fit_cache *fc)
{
	free(fc->slots);
	fc->slots = NULL;
	fc->cap = fc->count = 0;
	strpool_clear(fc->pool);
}

/* A row on one line, each cell cut to its column; or, when wrapping, on as
 * many lines as its tallest cell needs, each cell wrapped in its column.
 * With no cache (the header), the cells are laid out for this row only. */
static void text_put_row(struct text_out *to, const struct text_grid *g, const char *const *cells,
			 struct fit_cache *fc)
{
	struct strpool *once = fc ? NULL : strpool_new();
	struct fitted *fit;
	size_t lines = 1;

	/* copies: a later cell may grow the cache and move its slots */
	if (to->n_fit < g->n_columns) {
		to->fit = xreallocarray(to->fit, g->n_columns, sizeof *to->fit);
		to->n_fit = g->n_columns;
	}
	fit = to->fit;
	for (size_t c = 0; c < g->n_columns; c++) {
		if (fc)
			fit[c] = *fit_cell(to, fc, cells[c], c, g->widths[c]);
		else
			fit_lines(to, once, cells[c], g->widths[c], &fit[c]);
		if (fit[c].n_lines > lines)
			lines = fit[c].n_lines;
	}
	for (size_t l = 0; l < lines && !to->error; l++) {
		size_t bytes = 0;
		char *d;

		/* a line of each cell, or spaces for a cell with fewer lines */
		for (size_t c = 0; c < g->n_columns; c++)
			bytes += TEXT_GAP_COLS + (l < fit[c].n_lines ? fit[c].lens[l] : g->widths[c]);
		strbuf_reserve(&to->line, bytes);
		d = to->line.data + to->line.len;
		for (size_t c = 0; c < g->n_columns; c++) {
			if (c > 0) {
				memcpy(d, TEXT_GAP, TEXT_GAP_COLS);
				d += TEXT_GAP_COLS;
			}
			if (l < fit[c].n_lines) {
				memcpy(d, fit[c].lines[l], fit[c].lens[l]);
				d += fit[c].lens[l];
			} else {
				memset(d, ' ', g->widths[c]);
				d += g->widths[c];
			}
		}
		*d = '\0';
		to->line.len = (size_t)(d - to->line.data);
		text_flush_line(to);
	}
	strpool_free(once);
}

/* Wrapping: the free-text columns share what the others leave, in
 * proportion to what they would take, so that wrapped text has room. */
static void text_grid_share(struct text_grid *g, const struct report_column *columns, size_t limit)
{
	size_t total = text_grid_total(g), want = 0, fixed, room;
	const size_t n_free = sizeof text_shrink_first / sizeof text_shrink_first[0];

	if (total <= limit)
		return;
	/* a wrapped header may take two lines: a column needs its widest
	 * cell and its label's widest word */
	for (size_t c = 0; c < g->n_columns; c++) {
		size_t cells = g->label_word[c];
		if (text_shrink_rank(columns[c].key) < n_free)
			continue;
		if (g->cell_max[c] > cells)
			cells = g->cell_max[c];
		if (cells < g->widths[c]) {
			total -= g->widths[c] - cells;
			g->widths[c] = cells;
		}
	}
	for (size_t k = 0; k < n_free; k++) {
		int c = text_column_index(columns, g->n_columns, text_shrink_first[k]);
		if (c >= 0)
			want += g->widths[c];
	}
	fixed = total - want;
	/* past TEXT_SHARE_CAP a column asks for no more: a long note must not
	 * squeeze the endpoints, which matter most in a rule */
	want = 0;
	for (size_t k = 0; k < n_free; k++) {
		int c = text_column_index(columns, g->n_columns, text_shrink_first[k]);
		if (c >= 0)
			want += g->widths[c] < TEXT_SHARE_CAP ? g->widths[c] : TEXT_SHARE_CAP;
	}
	if (fixed + n_free * TEXT_SOFT_MIN >= limit || want == 0) {
		text_grid_fit(g, columns, limit);
		return;
	}
	room = limit - fixed;
	for (size_t k = 0; k < n_free; k++) {
		int c = text_column_index(columns, g->n_columns, text_shrink_first[k]);
		size_t share;
		if (c < 0)
			continue;
		share = (g->widths[c] < TEXT_SHARE_CAP ? g->widths[c] : TEXT_SHARE_CAP) * room / want;
		if (share < TEXT_SOFT_MIN)
			share = TEXT_SOFT_MIN;
		if (share < g->widths[c])
			g->widths[c] = share;
	}
	text_grid_fit(g, columns, limit); /* rounding and minimums */
}

/* A table in two passes over its rows: one to measure the columns, one to
 * write them. */
static void text_put_table(struct text_out *to, const struct report *report,
			   const struct report_flows *flows, struct view_renderer *renderer,
			   struct cell_cache *cache, size_t width)
{
	struct text_grid g;
	struct text_rows tr = {.report = report, .table = flows, .renderer = renderer, .cache = cache};
	size_t n;
	const struct report_column *columns = report_columns(flows->kind, &n);

	text_grid_init(&g, columns, n, &tr);
	if (width > 0 && to->wrap)
		text_grid_share(&g, columns, width);
	else if (width > 0)
		text_grid_fit(&g, columns, width);

	text_put_single(to, flows->title ? _(flows->title) : flows->key, width);
	text_put_row(to, &g, (const char *const *)g.labels, NULL);
	for (size_t c = 0; c < g.n_columns; c++) {
		if (c > 0)
			strbuf_puts(&to->line, TEXT_GAP);
		for (size_t i = 0; i < g.widths[c]; i++)
			strbuf_add(&to->line, "-", 1);
	}
	text_flush_line(to);
	if (g.n_rows == 0)
		text_put_single(to, _("(no rows)"), width);
	{
		const char **clean = xcalloc(n ? n : 1, sizeof *clean);
		struct fit_cache fits = {.pool = strpool_new()};

		for (bool more = g.n_rows && text_rows_part(&tr, true); more && !to->error;
		     more = text_rows_part(&tr, false)) {
			size_t rows = text_row_count(tr.flows);

			/* the layouts of the last part's cells go with them */
			fit_cache_clear(&fits);
			for (size_t r = 0; r < rows && !to->error; r++) {
				const char *const *cells = text_row(&tr, r);

				for (size_t c = 0; c < n; c++)
					clean[c] = cell_info(cache, cells[c])->clean;
				text_put_row(to, &g, clean, &fits);
			}
		}
		report_part_end(&tr.part);
		free(clean);
		fit_cache_clear(&fits);
		strpool_free(fits.pool);
	}
	text_grid_free(&g);
}

static enum uc_status export_text_write(const struct report *report,
					const struct export_options *opts, FILE *out,
					struct uc_error *err)
{
	struct export_options defaults;
	struct text_out to = {.out = out};
	struct view_renderer *renderer = view_renderer_new();
	struct cell_cache cache = {.pool = strpool_new()};
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
		text_put_table(&to, report, &report->tables[k], renderer, &cache, opts->width);
	}
	view_renderer_free(renderer);
	free(cache.slots);
	strpool_free(cache.pool);
	strbuf_free(&to.line);
	free(to.buf);
	free(to.fit);
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
    .streams = true,
    .write = export_text_write,
};
