/* tableview.c: filtering, sorting, searching and column fitting of a
 * report table, without drawing.
 *
 * Views of 20,000 rows are common (a report of many sites), so every
 * operation is linear or n log n: filtering is one pass, sorting is a
 * merge sort (stable by construction), fitting finds the shrink level by
 * bisection. */
#include "ucplan/tableview.h"

#include <stdlib.h>
#include <string.h>

#include "ucplan/i18n.h"
#include "ucplan/textwidth.h"
#include "ucplan/util.h"

/* Non-digit runs shorter than this are compared from the stack. */
enum { COLLATE_STACK = 128 };

/* ---- order ------------------------------------------------------------------ */

static bool is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* strcoll on two byte runs that are not NUL-terminated. */
static int collate_runs(const char *a, size_t la, const char *b, size_t lb)
{
	char sa[COLLATE_STACK], sb[COLLATE_STACK];
	char *ha = la < sizeof sa ? sa : xmalloc(la + 1);
	char *hb = lb < sizeof sb ? sb : xmalloc(lb + 1);
	int r;

	memcpy(ha, a, la);
	ha[la] = '\0';
	memcpy(hb, b, lb);
	hb[lb] = '\0';
	r = strcoll(ha, hb);
	if (ha != sa)
		free(ha);
	if (hb != sb)
		free(hb);
	return r;
}

/* Compares display texts so that numbers read as numbers: port 443 sorts
 * before 5061 and 192.0.2.9 before 192.0.2.10.  Other runs use the
 * locale's collation. */
static int text_compare(const char *a, const char *b)
{
	while (*a && *b) {
		size_t la = 0, lb = 0;
		int r;

		if (is_digit(*a) && is_digit(*b)) {
			while (*a == '0' && is_digit(a[1]))
				a++;
			while (*b == '0' && is_digit(b[1]))
				b++;
			while (is_digit(a[la]))
				la++;
			while (is_digit(b[lb]))
				lb++;
			if (la != lb)
				return la < lb ? -1 : 1;
			r = memcmp(a, b, la);
			if (r)
				return r;
		} else {
			while (a[la] && !is_digit(a[la]))
				la++;
			while (b[lb] && !is_digit(b[lb]))
				lb++;
			/* A run against a number: digits first, as in plain byte
			 * order. */
			if (la == 0 || lb == 0)
				return la == 0 ? -1 : 1;
			r = collate_runs(a, la, b, lb);
			if (r)
				return r;
		}
		a += la;
		b += lb;
	}
	return (*a != '\0') - (*b != '\0');
}

struct sort_ctx {
	const struct report_table *table;
	size_t column;
	bool descending;
};

static int row_compare(const struct sort_ctx *c, size_t x, size_t y)
{
	const char *a = c->table->rows[x].cells[c->column];
	const char *b = c->table->rows[y].cells[c->column];
	int r = text_compare(a ? a : "", b ? b : "");

	return c->descending ? -r : r;
}

/* Bottom-up merge sort of n indexes; equal rows keep their order in
 * either direction. */
static void rows_sort(const struct sort_ctx *c, size_t *rows, size_t n)
{
	size_t *tmp, *src = rows, *dst;

	if (n < 2)
		return;
	tmp = xreallocarray(NULL, n, sizeof *tmp);
	dst = tmp;
	for (size_t width = 1; width < n; width *= 2) {
		for (size_t lo = 0; lo < n; lo += 2 * width) {
			size_t mid = lo + width < n ? lo + width : n;
			size_t hi = lo + 2 * width < n ? lo + 2 * width : n;
			size_t i = lo, j = mid, k = lo;

			while (i < mid && j < hi)
				dst[k++] = row_compare(c, src[j], src[i]) < 0 ? src[j++] : src[i++];
			while (i < mid)
				dst[k++] = src[i++];
			while (j < hi)
				dst[k++] = src[j++];
		}
		size_t *swap = src;
		src = dst;
		dst = swap;
	}
	if (src != rows)
		memcpy(rows, src, n * sizeof *rows);
	free(tmp);
}

/* ---- filters -------------------------------------------------------------------- */

static bool row_shown(const struct tableview *v, const struct report_row *row)
{
	if (v->scope && !str_eq(row->scope, v->scope))
		return false;
	return v->site < 0 || row->site < 0 || row->site == v->site;
}

static void view_update(struct tableview *v)
{
	const struct report_table *t = v->table;

	v->n_rows = 0;
	for (size_t i = 0; t && i < t->n_rows; i++)
		if (row_shown(v, &t->rows[i]))
			v->rows[v->n_rows++] = i;
	if (t && v->sort_column >= 0 && (size_t)v->sort_column < t->n_columns) {
		struct sort_ctx c = {t, (size_t)v->sort_column, v->descending};

		rows_sort(&c, v->rows, v->n_rows);
	}
}

void tableview_init(struct tableview *v, const struct report_table *table)
{
	size_t n = table ? table->n_rows : 0;

	*v = (struct tableview){.table = table, .sort_column = -1, .site = -1};
	v->rows = xreallocarray(NULL, n ? n : 1, sizeof *v->rows);
	view_update(v);
}

void tableview_fini(struct tableview *v)
{
	free(v->rows);
	free(v->scope);
	*v = (struct tableview){.sort_column = -1, .site = -1};
}

void tableview_set_scope(struct tableview *v, const char *scope)
{
	free(v->scope);
	v->scope = scope ? xstrdup(scope) : NULL;
	view_update(v);
}

void tableview_set_site(struct tableview *v, int site)
{
	v->site = site < 0 ? -1 : site;
	view_update(v);
}

void tableview_sort(struct tableview *v, int column)
{
	if (column < 0) {
		v->sort_column = -1;
		v->descending = false;
	} else if (!v->table || (size_t)column >= v->table->n_columns) {
		return;
	} else if (column == v->sort_column) {
		v->descending = !v->descending;
	} else {
		v->sort_column = column;
		v->descending = false;
	}
	view_update(v);
}

/* ---- search ---------------------------------------------------------------------- */

static unsigned char ascii_fold(unsigned char c)
{
	return c >= 'A' && c <= 'Z' ? (unsigned char)(c - 'A' + 'a') : c;
}

/* Substring search ignoring ASCII case; other bytes must match exactly,
 * so UTF-8 sequences are compared as they are. */
static bool contains_folded(const char *hay, const char *needle, size_t n)
{
	for (const char *h = hay; *h; h++) {
		size_t k = 0;

		while (k < n && h[k] &&
		       ascii_fold((unsigned char)h[k]) == ascii_fold((unsigned char)needle[k]))
			k++;
		if (k == n)
			return true;
		if (!h[k])
			return false;
	}
	return false;
}

static bool row_matches(const struct report_table *t, size_t row, const char *text, size_t n)
{
	const struct report_row *r = &t->rows[row];

	for (size_t c = 0; c < t->n_columns; c++)
		if (r->cells[c] && contains_folded(r->cells[c], text, n))
			return true;
	return false;
}

long tableview_find(const struct tableview *v, const char *text, size_t from, bool backward)
{
	size_t n = v->n_rows, len;

	if (!text || !*text || n == 0 || !v->table)
		return -1;
	len = strlen(text);
	/* Past the end: forward starts at the top, backward at the bottom. */
	if (from >= n)
		from = backward ? 0 : n - 1;
	for (size_t k = 1; k <= n; k++) {
		size_t pos = backward ? (from + n - k) % n : (from + k) % n;

		if (row_matches(v->table, v->rows[pos], text, len))
			return (long)pos;
	}
	return -1;
}

/* ---- layout ----------------------------------------------------------------------- */

/* Sum of the widths at shrink level: every column is cut to level, but
 * none below its floor. */
static size_t widths_at(const size_t *need, const size_t *floor, size_t n, size_t level)
{
	size_t sum = 0;

	for (size_t i = 0; i < n; i++) {
		size_t w = need[i] < level ? need[i] : level;

		sum += w > floor[i] ? w : floor[i];
	}
	return sum;
}

size_t tableview_fit_columns(const struct tableview *v, size_t width, size_t sep, size_t min_width,
			     size_t *widths)
{
	const struct report_table *t = v->table;
	size_t n = t ? t->n_columns : 0;
	size_t *floor, budget, seps, lo, hi, total;

	if (n == 0)
		return 0;
	for (size_t c = 0; c < n; c++)
		widths[c] = tw_width(_(t->columns[c].label));
	for (size_t i = 0; i < v->n_rows; i++) {
		const char *const *cells = t->rows[v->rows[i]].cells;

		for (size_t c = 0; c < n; c++) {
			size_t w = cells[c] ? tw_width(cells[c]) : 0;

			if (w > widths[c])
				widths[c] = w;
		}
	}
	seps = sep * (n - 1);
	budget = width > seps ? width - seps : 0;
	floor = xreallocarray(NULL, n, sizeof *floor);
	hi = 0;
	for (size_t c = 0; c < n; c++) {
		/* A narrow column is never widened, only spared from cuts. */
		floor[c] = widths[c] < min_width ? widths[c] : min_width;
		if (widths[c] > hi)
			hi = widths[c];
	}
	if (widths_at(widths, floor, n, hi) > budget) {
		/* The highest level at which everything fits: columns wider
		 * than it are cut to it, so the widest shrink first. */
		lo = 0;
		while (lo < hi) {
			size_t mid = lo + (hi - lo + 1) / 2;

			if (widths_at(widths, floor, n, mid) <= budget)
				lo = mid;
			else
				hi = mid - 1;
		}
		total = widths_at(widths, floor, n, lo);
		/* Columns cut at the level take the columns left over, one
		 * each from the left; fewer are left than such columns. */
		for (size_t c = 0; c < n; c++) {
			bool cut = widths[c] > lo && lo >= floor[c];

			if (widths[c] > lo)
				widths[c] = lo > floor[c] ? lo : floor[c];
			if (cut && total < budget) {
				widths[c]++;
				total++;
			}
		}
	}
	free(floor);
	total = 0;
	for (size_t c = 0; c < n; c++)
		total += widths[c];
	return total + seps;
}

void tableview_clamp(size_t n, size_t height, size_t *top, size_t *selected)
{
	if (n == 0) {
		*top = 0;
		*selected = 0;
		return;
	}
	if (height == 0)
		height = 1;
	if (*selected >= n)
		*selected = n - 1;
	if (*top > *selected)
		*top = *selected;
	if (*selected >= *top + height)
		*top = *selected - height + 1;
	/* No empty lines below the last row while rows above are hidden. */
	if (*top + height > n)
		*top = n > height ? n - height : 0;
}
