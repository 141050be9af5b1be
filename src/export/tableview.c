/* tableview.c: filtering, sorting, searching and column fitting of a
 * report table, without drawing.
 *
 * Views of 300,000 rows happen (a report of 5,000 sites), so every
 * operation is linear or n log n: filtering is one pass, sorting ranks the
 * distinct texts and places the rows by rank (stable by construction),
 * fitting finds the shrink level by bisection. */
#include "ucplan/tableview.h"

#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "ucplan/i18n.h"
#include "ucplan/textwidth.h"
#include "ucplan/util.h"

/* ---- order ------------------------------------------------------------------ */

static bool is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* Appends to key the sort key of s: bytes whose order (memcmp, shorter
 * first) is the display order, in which numbers read as numbers (port 443
 * before 5061, 192.0.2.9 before 192.0.2.10) and other runs follow the
 * locale's collation.  A run of digits is 0x01, its length in four bytes
 * and its digits without leading zeros: digits before other text, shorter
 * numbers first.  Another run is 0x02, its strxfrm() and 0x00, which ends
 * it below any byte strxfrm writes.  Transforming each distinct text once
 * replaces strcoll() in every comparison.  run is scratch space. */
static void sort_key_add(struct strbuf *key, struct strbuf *run, const char *s)
{
	while (*s) {
		size_t n = 0;
		char *w;

		if (is_digit(*s)) {
			while (*s == '0' && is_digit(s[1]))
				s++;
			while (is_digit(s[n]))
				n++;
			strbuf_reserve(key, 5 + n);
			w = key->data + key->len;
			w[0] = 0x01;
			for (int i = 0; i < 4; i++)
				w[1 + i] = (char)(unsigned char)(n >> (8 * (3 - i)));
			memcpy(w + 5, s, n);
			key->len += 5 + n;
		} else {
			size_t room, need;
			while (s[n] && !is_digit(s[n]))
				n++;
			strbuf_reserve(run, n);
			memcpy(run->data, s, n);
			run->data[n] = '\0';
			/* Room for the usual transform (C locales copy); a longer
			 * one is written again once its length is known. */
			room = 2 * n + 16;
			strbuf_reserve(key, room + 2);
			key->data[key->len++] = 0x02;
			need = strxfrm(key->data + key->len, run->data, room + 1);
			if (need > room) {
				strbuf_reserve(key, need + 1);
				strxfrm(key->data + key->len, run->data, need + 1);
			}
			key->len += need;
			key->data[key->len++] = '\0';
		}
		s += n;
	}
}

/* Sorting compared texts with the locale's collation in every comparison:
 * a merge sort of 240,000 rows made millions of them (a quarter of a
 * second).  A column holds far fewer distinct texts than rows, and the
 * report interns them (equal text, same pointer), so each distinct text
 * gets a sort key once, the keys are sorted, each text gets a rank, and
 * the rows are placed by rank with a counting sort, which is stable.
 * Equal texts at different addresses get the same rank, so the order does
 * not depend on interning, only the speed does. */
struct text_ranks {
	const char **texts; /* distinct cell pointers, in first-seen order */
	size_t n, cap;
	size_t *slots; /* open addressing: index + 1 into texts, 0 = empty */
	size_t n_slots;
};

static size_t slot_of(const char *p, size_t n_slots)
{
	/* Fibonacci hashing of the address; the low bits are alignment. */
	return (size_t)(((uint64_t)(uintptr_t)p * UINT64_C(0x9E3779B97F4A7C15)) >> 20) &
	       (n_slots - 1);
}

static void ranks_grow(struct text_ranks *tr)
{
	size_t n_slots = tr->n_slots ? tr->n_slots * 2 : 1024;

	free(tr->slots);
	tr->slots = xcalloc(n_slots, sizeof *tr->slots);
	tr->n_slots = n_slots;
	for (size_t i = 0; i < tr->n; i++) {
		size_t k = slot_of(tr->texts[i], n_slots);
		while (tr->slots[k])
			k = (k + 1) & (n_slots - 1);
		tr->slots[k] = i + 1;
	}
}

/* The index of text p among the distinct texts, added when new. */
static size_t ranks_index(struct text_ranks *tr, const char *p)
{
	size_t k;

	if (2 * (tr->n + 1) > tr->n_slots)
		ranks_grow(tr);
	for (k = slot_of(p, tr->n_slots); tr->slots[k]; k = (k + 1) & (tr->n_slots - 1))
		if (tr->texts[tr->slots[k] - 1] == p)
			return tr->slots[k] - 1;
	if (tr->n == tr->cap) {
		tr->cap = tr->cap ? tr->cap * 2 : 256;
		tr->texts = xreallocarray(tr->texts, tr->cap, sizeof *tr->texts);
	}
	tr->texts[tr->n] = p;
	tr->slots[k] = ++tr->n;
	return tr->n - 1;
}

struct ranked_text {
	const char *key; /* sort_key_add() of the text */
	size_t off, len; /* where in the buffer of keys */
	size_t index;	 /* in text_ranks.texts */
};

static int compare_ranked(const void *a, const void *b)
{
	const struct ranked_text *x = a, *y = b;
	int r = memcmp(x->key, y->key, x->len < y->len ? x->len : y->len);

	return r ? r : (x->len > y->len) - (x->len < y->len);
}

/* Orders n row indexes by the text of column; equal rows keep their order
 * in either direction. */
static void rows_sort(struct tableview *v, size_t column, bool descending, size_t *rows, size_t n)
{
	const struct report_table *t = v->table;
	struct text_ranks tr = {0};
	struct strbuf keys = {0}, run = {0};
	struct ranked_text *sorted;
	size_t *key, *rank, *start, *out, n_ranks = 0;

	if (n < 2)
		return;
	key = xreallocarray(NULL, n, sizeof *key);
	for (size_t i = 0; i < n; i++) {
		key[i] = ranks_index(&tr, tableview_cell(v, &t->rows[rows[i]], column));
	}
	/* Keys go into one buffer; their offsets become pointers once it
	 * stops growing. */
	sorted = xreallocarray(NULL, tr.n, sizeof *sorted);
	for (size_t i = 0; i < tr.n; i++) {
		size_t at = keys.len;
		sort_key_add(&keys, &run, tr.texts[i]);
		sorted[i] = (struct ranked_text){NULL, at, keys.len - at, i};
	}
	for (size_t i = 0; i < tr.n; i++)
		sorted[i].key = keys.data + sorted[i].off;
	qsort(sorted, tr.n, sizeof *sorted, compare_ranked);
	rank = xreallocarray(NULL, tr.n, sizeof *rank);
	for (size_t i = 0; i < tr.n; i++) {
		if (i > 0 && compare_ranked(&sorted[i - 1], &sorted[i]) != 0)
			n_ranks++;
		rank[sorted[i].index] = n_ranks;
	}
	n_ranks++;
	/* Counting sort: where each rank's rows start, then rows in order. */
	start = xcalloc(n_ranks + 1, sizeof *start);
	for (size_t i = 0; i < n; i++) {
		key[i] = descending ? n_ranks - 1 - rank[key[i]] : rank[key[i]];
		start[key[i] + 1]++;
	}
	for (size_t r = 1; r <= n_ranks; r++)
		start[r] += start[r - 1];
	out = xreallocarray(NULL, n, sizeof *out);
	for (size_t i = 0; i < n; i++)
		out[start[key[i]]++] = rows[i];
	memcpy(rows, out, n * sizeof *rows);
	free(out);
	free(start);
	free(rank);
	free(sorted);
	free(key);
	strbuf_free(&keys);
	strbuf_free(&run);
	free(tr.texts);
	free(tr.slots);
}

/* ---- filters -------------------------------------------------------------------- */

static int compare_ids(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static bool row_shown(const struct tableview *v, const struct report_row *row)
{
	if (v->scope && !str_eq(row->scope, v->scope))
		return false;
	if (v->rules && (!row->rule_id || !bsearch(&row->rule_id, v->rules, v->n_rules,
						   sizeof *v->rules, compare_ids)))
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
	if (t && v->sort_column >= 0 && (size_t)v->sort_column < t->n_columns)
		rows_sort(v, (size_t)v->sort_column, v->descending, v->rows, v->n_rows);
}

void tableview_init(struct tableview *v, const struct report_table *table)
{
	size_t n = table ? table->n_rows : 0;

	*v = (struct tableview){.table = table, .sort_column = -1, .site = -1};
	v->rows = xreallocarray(NULL, n ? n : 1, sizeof *v->rows);
	view_update(v);
}

static void rules_free(struct tableview *v)
{
	for (size_t i = 0; i < v->n_rules; i++)
		free(v->rules[i]);
	free(v->rules);
	v->rules = NULL;
	v->n_rules = 0;
}

void tableview_fini(struct tableview *v)
{
	free(v->rows);
	free(v->scope);
	rules_free(v);
	if (v->brief_pool)
		strpool_free(v->brief_pool);
	ptrmap_free(&v->brief);
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

void tableview_set_rules(struct tableview *v, const char *const *ids, size_t n)
{
	rules_free(v);
	if (n) {
		/* sorted once, so that each row is a binary search */
		v->rules = xreallocarray(NULL, n, sizeof *v->rules);
		for (size_t i = 0; i < n; i++)
			v->rules[i] = xstrdup(ids[i]);
		qsort(v->rules, n, sizeof *v->rules, compare_ids);
		v->n_rules = n;
	}
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

/* ---- cells as tables show them --------------------------------------------------- */

enum { BRIEF_SOURCE = 1, BRIEF_DESTINATION, BRIEF_SCOPE };

const char *tableview_cell(struct tableview *v, const struct report_row *row, size_t column)
{
	const struct report_column *col = &v->table->columns[column];
	const char *cell = row->cells[column] ? row->cells[column] : "", *brief;
	const struct report_endpoint *e = NULL;
	const void *key;
	unsigned tag;
	struct strbuf sb = {0};

	if (col->flags & COLUMN_SCOPE) {
		if (!row->rule || !row->rule->scope || str_empty(row->rule->scope->short_label))
			return cell;
		key = row->rule->scope;
		tag = BRIEF_SCOPE;
	} else if (col->flags & (COLUMN_SOURCE | COLUMN_DESTINATION)) {
		if (row->flow)
			e = col->flags & COLUMN_SOURCE ? row->flow->source : row->flow->destination;
		if (!e)
			return cell;
		key = e;
		tag = col->flags & COLUMN_SOURCE ? BRIEF_SOURCE : BRIEF_DESTINATION;
	} else {
		return cell;
	}
	/* Rows share endpoints and scopes: each is written once. */
	brief = ptrmap_get(&v->brief, tag, key);
	if (brief)
		return brief;
	if (tag == BRIEF_SCOPE)
		strbuf_puts(&sb, _(row->rule->scope->short_label));
	else
		view_put_endpoint_brief(&sb, e);
	if (!v->brief_pool)
		v->brief_pool = strpool_new();
	brief = strpool_intern(v->brief_pool, sb.data ? sb.data : "");
	strbuf_free(&sb);
	ptrmap_put(&v->brief, tag, key, brief);
	return brief;
}

/* ---- search ---------------------------------------------------------------------- */

static unsigned char ascii_fold(unsigned char c)
{
	return c >= 'A' && c <= 'Z' ? (unsigned char)(c - 'A' + 'a') : c;
}

/* What a search looks for: the text, its length, and the byte or two
 * (both cases of an ASCII letter) it can start with. */
struct needle {
	const char *text;
	size_t n;
	char first[3];
};

static void needle_init(struct needle *nd, const char *text)
{
	unsigned char f = ascii_fold((unsigned char)text[0]);

	nd->text = text;
	nd->n = strlen(text);
	nd->first[0] = text[0];
	nd->first[1] = nd->first[2] = '\0';
	if (f >= 'a' && f <= 'z') {
		nd->first[0] = (char)f;
		nd->first[1] = (char)(f - 'a' + 'A');
	}
}

/* Substring search ignoring ASCII case; other bytes must match exactly,
 * so UTF-8 sequences are compared as they are.  strpbrk finds the
 * candidate starts (it scans many bytes at a time). */
static bool contains_folded(const char *hay, const struct needle *nd)
{
	for (const char *h = strpbrk(hay, nd->first); h; h = strpbrk(h + 1, nd->first)) {
		size_t k = 1;

		while (k < nd->n && h[k] &&
		       ascii_fold((unsigned char)h[k]) == ascii_fold((unsigned char)nd->text[k]))
			k++;
		if (k == nd->n)
			return true;
		if (!h[k])
			return false;
	}
	return false;
}

/* A search or a fitting may read every cell of 240,000 rows, but most
 * cells are the same few interned texts (transports, ports, services,
 * notes, a site's servers): what was found for a text is kept in a small
 * cache by address, so each text is read about once. */
enum { MEMO_SLOTS = 4096 };
struct memo_slot {
	const char *text;
	size_t value;
};

static bool cell_matches(struct memo_slot *cache, const char *cell, const struct needle *nd)
{
	struct memo_slot *slot = &cache[slot_of(cell, MEMO_SLOTS)];

	if (slot->text != cell) {
		slot->text = cell;
		slot->value = contains_folded(cell, nd);
	}
	return slot->value;
}

/* prev: the cells of the row looked at before, which did not match; a
 * cell the same as the one above it (the usual case) is skipped. */
static bool row_matches(const struct report_table *t, const char *const *cells,
			const char *const *prev, const struct needle *nd, struct memo_slot *cache)
{
	for (size_t c = 0; c < t->n_columns; c++) {
		if (!cells[c] || (prev && cells[c] == prev[c]))
			continue;
		if (cell_matches(cache, cells[c], nd))
			return true;
	}
	return false;
}

long tableview_find(const struct tableview *v, const char *text, size_t from, bool backward)
{
	size_t n = v->n_rows;
	const char *const *prev = NULL;
	struct memo_slot *cache;
	struct needle nd;
	long found = -1;

	if (!text || !*text || n == 0 || !v->table)
		return -1;
	needle_init(&nd, text);
	/* Past the end: forward starts at the top, backward at the bottom. */
	if (from >= n)
		from = backward ? 0 : n - 1;
	cache = xcalloc(MEMO_SLOTS, sizeof *cache);
	for (size_t k = 1; k <= n && found < 0; k++) {
		size_t pos = backward ? (from + n - k) % n : (from + k) % n;
		const char *const *cells = v->table->rows[v->rows[pos]].cells;

		if (row_matches(v->table, cells, prev, &nd, cache))
			found = (long)pos;
		prev = cells;
	}
	free(cache);
	return found;
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
	const char *const *prev = NULL;
	size_t n = t ? t->n_columns : 0;
	size_t *floor, budget, seps, lo, hi, total;
	struct memo_slot *cache;

	if (n == 0)
		return 0;
	for (size_t c = 0; c < n; c++)
		widths[c] = tw_width(_(t->columns[c].label));
	/* Measuring every cell of 240,000 rows took 40 ms.  A cell the same
	 * as the one above it cannot be wider; the others are measured once
	 * per text (see struct memo_slot). */
	cache = xcalloc(MEMO_SLOTS, sizeof *cache);
	for (size_t i = 0; i < v->n_rows; i++) {
		const char *const *cells = t->rows[v->rows[i]].cells;

		for (size_t c = 0; c < n; c++) {
			struct memo_slot *slot;

			if (!cells[c] || (prev && cells[c] == prev[c]))
				continue;
			slot = &cache[slot_of(cells[c], MEMO_SLOTS)];
			if (slot->text != cells[c]) {
				slot->text = cells[c];
				slot->value = tw_width(cells[c]);
			}
			if (slot->value > widths[c])
				widths[c] = slot->value;
		}
		prev = cells;
	}
	free(cache);
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

/* Narrowest a cut column gets (when its header allows): an endpoint keeps
 * a recognisable start of its name, other text a word or two. */
enum { FLOOR_ENDPOINT = 16, FLOOR_PINNED = 12, FLOOR_TEXT = 10 };

/* What each cell of the visible rows needs, in display columns; each text
 * measured once (see struct memo_slot). */
static void measure_cells(struct tableview *v, size_t *content)
{
	const struct report_table *t = v->table;
	size_t n = t->n_columns;
	const char **prev = xcalloc(n, sizeof *prev);
	struct memo_slot *cache = xcalloc(MEMO_SLOTS, sizeof *cache);

	for (size_t i = 0; i < v->n_rows; i++) {
		const struct report_row *row = &t->rows[v->rows[i]];

		for (size_t c = 0; c < n; c++) {
			const char *cell = tableview_cell(v, row, c);
			struct memo_slot *slot;

			if (cell == prev[c])
				continue;
			prev[c] = cell;
			slot = &cache[slot_of(cell, MEMO_SLOTS)];
			if (slot->text != cell) {
				slot->text = cell;
				slot->value = tw_width(cell);
			}
			if (slot->value > content[c])
				content[c] = slot->value;
		}
	}
	free(cache);
	free(prev);
}

/* Orders column indexes by priority, highest first, then by position. */
static const struct report_column *prio_columns;
static int compare_priority(const void *a, const void *b)
{
	size_t x = *(const size_t *)a, y = *(const size_t *)b;
	int px = prio_columns[x].priority, py = prio_columns[y].priority;

	if (px != py)
		return px > py ? -1 : 1;
	return (x > y) - (x < y);
}

void tableview_layout(struct tableview *v, const bool *hidden, size_t first, size_t width,
		      size_t sep, bool full, struct tableview_layout *out)
{
	const struct report_table *t = v->table;
	size_t n = t ? t->n_columns : 0;
	size_t *content, *need, *minw, *hfull, *order, n_order = 0;
	size_t used = 0, shown = 0, budget, lo, hi;
	bool *on;

	out->pinned = -1;
	out->first = first;
	out->more_left = out->more_right = 0;
	out->total = 0;
	if (n == 0)
		return;
	content = xcalloc(n, sizeof *content);
	need = xcalloc(n, sizeof *need);
	minw = xcalloc(n, sizeof *minw);
	hfull = xcalloc(n, sizeof *hfull);
	order = xcalloc(n, sizeof *order);
	on = xcalloc(n, sizeof *on);
	measure_cells(v, content);
	for (size_t c = 0; c < n; c++) {
		const struct report_column *col = &t->columns[c];
		size_t hshort = tw_width(view_column_label(col, true)), floor;

		hfull[c] = tw_width(view_column_label(col, false));
		if (hshort > hfull[c])
			hshort = hfull[c];
		need[c] = content[c] > hfull[c] ? content[c] : hfull[c];
		floor = col->flags & COLUMN_PINNED				? FLOOR_PINNED
			: col->flags & (COLUMN_SOURCE | COLUMN_DESTINATION) ? FLOOR_ENDPOINT
									    : FLOOR_TEXT;
		if (full)
			minw[c] = need[c];
		else if (col->flags & COLUMN_WHOLE)
			minw[c] = content[c] > hshort ? content[c] : hshort;
		else
			minw[c] = hshort > (content[c] < floor ? content[c] : floor)
				      ? hshort
				      : (content[c] < floor ? content[c] : floor);
		if (minw[c] > width)
			minw[c] = width;
		if (need[c] > width)
			need[c] = width;
		out->width[c] = 0;
		if (hidden && hidden[c])
			continue;
		if (out->pinned < 0 && (col->flags & COLUMN_PINNED))
			out->pinned = (long)c;
	}
	budget = width;
	if (out->pinned >= 0) {
		size_t p = (size_t)out->pinned;
		on[p] = true;
		used = minw[p];
		shown = 1;
	}
	for (size_t c = 0; c < n; c++) {
		if ((hidden && hidden[c]) || (long)c == out->pinned)
			continue;
		if (c < first)
			out->more_left++;
		else
			order[n_order++] = c;
	}
	if (!full) {
		prio_columns = t->columns;
		qsort(order, n_order, sizeof *order, compare_priority);
	}
	for (size_t k = 0; k < n_order; k++) {
		size_t c = order[k], cost = minw[c] + (shown ? sep : 0), wish = 0;

		/* Notes and references (priority 1 and below) come on screen
		 * only when the columns already there have had their first
		 * round of room: a note cut to ten columns says nothing, and
		 * cost the rule and the endpoints their names. */
		if (!full && t->columns[c].priority <= 1)
			for (size_t o = 0; o < n; o++) {
				size_t cap = width / 5 > minw[o] ? width / 5 : minw[o];
				size_t to = need[o] < cap ? need[o] : cap;
				if (on[o] && to > minw[o])
					wish += to - minw[o];
			}
		if (used + cost + wish <= budget) {
			on[c] = true;
			used += cost;
			shown++;
		} else if (full) {
			/* The first column of a full-width view shows what fits. */
			if (shown == (out->pinned >= 0) && used + (shown ? sep : 0) < budget) {
				minw[c] = need[c] = budget - used - (shown ? sep : 0);
				on[c] = true;
				used = budget;
				shown++;
			}
			break;
		}
	}
	for (size_t k = 0; k < n_order; k++)
		if (!on[order[k]])
			out->more_right++;
	/* The room left goes to the most important columns first: each
	 * priority in turn shares it evenly (the highest level at which its
	 * columns still fit), so a destination is whole before a note grows. */
	budget = width - (shown > 1 ? sep * (shown - 1) : 0);
	used = 0;
	for (size_t c = 0; c < n; c++)
		if (on[c]) {
			out->width[c] = minw[c];
			used += minw[c];
		}
	/* Two rounds: up to a fifth of the window each, so that one long
	 * cell (a role named in a sentence) does not take the room of the
	 * next columns; then up to what each needs. */
	for (int round = 0; round < 2; round++)
	for (int prio = INT_MAX, next; used < budget; prio = next) {
		size_t room, level_lo = 0, level_hi = 0, cap = round ? SIZE_MAX : width / 5;

		next = INT_MIN;
		for (size_t c = 0; c < n; c++)
			if (on[c] && t->columns[c].priority < prio && t->columns[c].priority > next)
				next = t->columns[c].priority;
		if (next == INT_MIN)
			break;
		/* the columns of priority next: widths from min to need */
		for (size_t c = 0; c < n; c++)
			if (on[c] && t->columns[c].priority == next && need[c] > level_hi)
				level_hi = need[c] < cap ? need[c] : cap;
		room = budget - used;
		lo = level_lo;
		hi = level_hi;
		while (lo < hi) {
			size_t mid = lo + (hi - lo + 1) / 2, sum = 0;

			for (size_t c = 0; c < n; c++)
				if (on[c] && t->columns[c].priority == next && mid > minw[c])
					sum += (mid > need[c] ? need[c] : mid) - minw[c];
			if (sum <= room)
				lo = mid;
			else
				hi = mid - 1;
		}
		for (size_t c = 0; c < n; c++)
			if (on[c] && t->columns[c].priority == next && lo > out->width[c]) {
				size_t w = lo > need[c] ? need[c] : lo;
				used += w - out->width[c];
				out->width[c] = w;
			}
		for (size_t c = 0; c < n && used < budget; c++)
			if (on[c] && t->columns[c].priority == next && out->width[c] < need[c] &&
			    out->width[c] < level_hi) {
				out->width[c]++;
				used++;
			}
	}
	for (size_t c = 0; c < n; c++)
		out->brief_header[c] = on[c] && out->width[c] < hfull[c];
	out->total = used + (shown > 1 ? sep * (shown - 1) : 0);
	free(on);
	free(order);
	free(hfull);
	free(minw);
	free(need);
	free(content);
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
