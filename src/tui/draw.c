/* draw.c: drawing helpers measured in display columns.
 *
 * Every string is UTF-8; widths come from textwidth.h (wcwidth), and curses
 * receives byte counts from tw_fit, so a Chinese label or an accented site
 * name never spills over a column or splits a character. */
#include "app.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "ucplan/i18n.h"
#include "ucplan/textwidth.h"
#include "ucplan/util.h"

void textbuf_add(struct textbuf *tb, enum style style, int indent, const char *text)
{
	if (tb->n == tb->cap) {
		tb->cap = tb->cap ? tb->cap * 2 : 32;
		tb->lines = xreallocarray(tb->lines, tb->cap, sizeof *tb->lines);
	}
	/* Lines are wrapped at newlines: a name or a cell from a file must not
	 * break one (nothing the planner writes here holds a newline). */
	tb->lines[tb->n].text = tw_neutralize(text);
	tb->lines[tb->n].value = NULL;
	tb->lines[tb->n].style = style;
	tb->lines[tb->n].indent = indent;
	tb->lines[tb->n].label = 0;
	tb->n++;
}

void textbuf_add_pair(struct textbuf *tb, enum style style, int indent, const char *label,
		      int label_w, const char *value)
{
	textbuf_add(tb, style, indent, label);
	tb->lines[tb->n - 1].value = tw_neutralize(value);
	tb->lines[tb->n - 1].label = label_w > 1 ? label_w : 1;
}

void textbuf_addf(struct textbuf *tb, enum style style, int indent, const char *fmt, ...)
{
	va_list ap;
	char *s;

	va_start(ap, fmt);
	s = xvasprintf(fmt, ap);
	va_end(ap);
	textbuf_add(tb, style, indent, s);
	free(s);
}

void textbuf_free(struct textbuf *tb)
{
	for (size_t i = 0; i < tb->n; i++) {
		free(tb->lines[i].text);
		free(tb->lines[i].value);
	}
	free(tb->lines);
	tb->lines = NULL;
	tb->n = tb->cap = 0;
}

/* On a terminal that is not UTF-8 the planner writes ASCII only
 * (i18n_output_ascii): other text is transliterated first. */
static bool is_ascii(const char *s)
{
	for (; *s; s++)
		if ((unsigned char)*s >= 0x80)
			return false;
	return true;
}

/* Columns left on the screen from x, within w. */
static int clip_width(int y, int x, int w)
{
	if (y < 0 || y >= LINES || x < 0 || x >= COLS || w <= 0)
		return 0;
	return x + w > COLS ? COLS - x : w;
}

/* The one home of text on screen: s at (y, x) in at most w columns, cut
 * with an ellipsis ("…", "~" in ASCII) when wider, padded with spaces to
 * w when pad is set.  Every string reaches curses here: names and paths
 * from files must not move the cursor (CR, LF, TAB) or send escape
 * sequences.  Returns the columns written. */
static int put_fitted(int y, int x, int w, const char *s, attr_t attr, int pad)
{
	char stack[512], *buf = stack, *clean = NULL;
	size_t size;
	int used;

	w = clip_width(y, x, w);
	if (w == 0 || (!s && !pad))
		return 0;
	if (s && !tw_is_clean(s))
		s = clean = tw_neutralize(s);
	if (s && i18n_output_is_ascii() && !is_ascii(s)) {
		char *a = i18n_ascii(s);
		free(clean);
		s = clean = a;
	}
	/* At most four bytes per column, plus an ellipsis. */
	size = (size_t)w * 4 + 8;
	if (size > sizeof stack)
		buf = xmalloc(size);
	tw_fit_pad(buf, size, s ? s : "", (size_t)w, pad, term_ascii());
	used = (int)tw_width(buf);
	if (*buf) {
		attrset(attr);
		mvaddstr(y, x, buf);
		attrset(A_NORMAL);
	}
	if (buf != stack)
		free(buf);
	free(clean);
	return used;
}

int draw_text(int y, int x, int w, const char *s, attr_t attr)
{
	return put_fitted(y, x, w, s, attr, 0);
}

void draw_text_pad(int y, int x, int w, const char *s, attr_t attr)
{
	put_fitted(y, x, w, s, attr, 1);
}

void draw_text_right(int y, int x, int w, const char *s, attr_t attr)
{
	int tw = (int)tw_width(s);

	if (tw > w)
		draw_text_pad(y, x, w, s, attr);
	else
		draw_text(y, x + w - tw, tw, s, attr);
}

void draw_fill(int y, int x, int w, attr_t attr)
{
	w = clip_width(y, x, w);
	if (w == 0)
		return;
	attrset(attr);
	mvhline(y, x, ' ', w);
	attrset(A_NORMAL);
}

void draw_hline(int y, int x, int w, attr_t attr)
{
	const char *g = term_glyphs()->hline;

	w = clip_width(y, x, w);
	attrset(attr);
	move(y, x);
	for (int i = 0; i < w; i++)
		addstr(g);
	attrset(A_NORMAL);
}

/* Blanks the double-width character that straddles columns x - 1 and x of
 * row y, if there is one.  Curses keeps the other half of a wide character
 * that something narrow overwrites, and then mispaints the line: a stray
 * half stays on the terminal, or the rest of the line shifts by one. */
static void split_wide(int y, int x)
{
	int c = 0;

	if (y < 0 || y >= LINES || x <= 0 || x >= COLS)
		return;
	/* Only a walk from the line's start tells a wide character's first
	 * half from its second. */
	while (c < x) {
		cchar_t cell, blank;
		wchar_t wc[CCHARW_MAX + 1];
		attr_t a;
		short pair;
		if (mvin_wch(y, c, &cell) == ERR || getcchar(&cell, wc, &a, &pair, NULL) == ERR)
			return;
		if (wcwidth(wc[0]) != 2) {
			c++;
			continue;
		}
		if (c == x - 1 && setcchar(&blank, L" ", a, pair, NULL) == OK) {
			mvadd_wch(y, c, &blank);
			mvadd_wch(y, c + 1, &blank);
		}
		c += 2;
	}
}

void draw_box(int y, int x, int h, int w, const char *title, attr_t attr)
{
	const struct glyphs *g = term_glyphs();

	if (h < 2 || w < 2)
		return;
	/* The box covers whole characters of what lies under it. */
	for (int r = y; r < y + h; r++) {
		split_wide(r, x);
		split_wide(r, x + w);
	}
	for (int r = y + 1; r < y + h - 1; r++) {
		draw_fill(r, x + 1, w - 2, term_attr(ST_DIALOG));
		draw_text(r, x, 1, g->vline, attr);
		draw_text(r, x + w - 1, 1, g->vline, attr);
	}
	draw_text(y, x, 1, g->ul, attr);
	draw_hline(y, x + 1, w - 2, attr);
	draw_text(y, x + w - 1, 1, g->ur, attr);
	draw_text(y + h - 1, x, 1, g->ll, attr);
	draw_hline(y + h - 1, x + 1, w - 2, attr);
	draw_text(y + h - 1, x + w - 1, 1, g->lr, attr);
	if (title && *title) {
		char t[512];
		snprintf(t, sizeof t, " %s ", title);
		draw_text(y, x + 2, w - 4, t, attr | A_BOLD);
	}
}

/* Line breaking is shared with the text export: textwidth.c. */
const char *wrap_line(const char *s, size_t width, size_t *len)
{
	return tw_wrap(s, width, len);
}

int wrap_count(const char *s, size_t width)
{
	int n = 0;
	size_t len;

	if (!s || !*s)
		return 1;
	while (*s) {
		s = wrap_line(s, width, &len);
		n++;
	}
	return n;
}

int draw_wrapped(int y, int x, int w, int max_rows, const char *s, attr_t attr)
{
	int rows = 0;
	size_t len;

	if (!s || w <= 0)
		return 0;
	while (*s && rows < max_rows) {
		const char *next = wrap_line(s, (size_t)w, &len);
		char *part = xstrndup(s, len);
		draw_text(y + rows, x, w, part, attr);
		free(part);
		s = next;
		rows++;
	}
	return rows;
}

size_t skip_columns(const char *s, size_t cols, int *pad)
{
	size_t used, bytes = tw_fit(s, cols, &used);

	*pad = 0;
	if (used < cols && s[bytes]) {
		/* The next character is wide and straddles the cut. */
		*pad = 1;
		bytes += tw_char_len(s + bytes);
	}
	return bytes;
}

int draw_button(struct app *app, int y, int x, const char *label, bool focused, int hit,
		int hit_arg)
{
	char text[256];
	int w;

	snprintf(text, sizeof text, "[ %s ]", label);
	w = (int)tw_width(text);
	draw_text(y, x, w, text, term_attr(focused ? ST_BUTTON_FOCUS : ST_BUTTON));
	if (hit >= 0)
		app_hit(app, y, x, w, hit, hit_arg);
	return w;
}

void format_findings_count(char *buf, size_t size, size_t errors, size_t warnings)
{
	char e[64], w[64];

	snprintf(e, sizeof e, P_("%zu error", "%zu errors", errors), errors);
	snprintf(w, sizeof w, P_("%zu warning", "%zu warnings", warnings), warnings);
	/* TRANSLATORS: "2 errors, 3 warnings" */
	snprintf(buf, size, _("%s, %s"), e, w);
}
