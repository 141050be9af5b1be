/* lineedit.c: a one-line text editor.
 *
 * The text is kept as wide characters so that the cursor moves by whole
 * characters; what is shown is measured with wcwidth, so a CJK name
 * scrolls correctly and the cursor lands on the right column. */
#include "app.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <wctype.h>

#include "ucplan/util.h"

static void ensure(struct lineedit *e, size_t need)
{
	if (need + 1 <= e->cap)
		return;
	e->cap = (need + 1) * 2;
	e->buf = xreallocarray(e->buf, e->cap, sizeof *e->buf);
}

static int char_width(wchar_t c)
{
	int w = wcwidth(c);

	return w < 0 ? 1 : w;
}

void lineedit_init(struct lineedit *e, const char *text, size_t max)
{
	mbstate_t st;
	size_t n;

	memset(e, 0, sizeof *e);
	e->max = max ? max : 1024;
	ensure(e, 16);
	if (!text)
		text = "";
	n = strlen(text);
	memset(&st, 0, sizeof st);
	while (n > 0 && e->len < e->max) {
		wchar_t wc;
		size_t k = mbrtowc(&wc, text, n, &st);
		if (k == (size_t)-1 || k == (size_t)-2 || k == 0) {
			/* Not UTF-8: show a replacement character, go on. */
			wc = 0xfffd;
			k = 1;
			memset(&st, 0, sizeof st);
		}
		ensure(e, e->len + 1);
		e->buf[e->len++] = wc;
		text += k;
		n -= k;
	}
	e->buf[e->len] = 0;
	e->pos = e->len;
}

void lineedit_fini(struct lineedit *e)
{
	free(e->buf);
	memset(e, 0, sizeof *e);
}

char *lineedit_text(const struct lineedit *e)
{
	char *out = xmalloc(e->len * MB_LEN_MAX + 1), *p = out;
	mbstate_t st;

	memset(&st, 0, sizeof st);
	for (size_t i = 0; i < e->len; i++) {
		size_t k = wcrtomb(p, e->buf[i], &st);
		if (k == (size_t)-1) {
			*p = '?';
			k = 1;
			memset(&st, 0, sizeof st);
		}
		p += k;
	}
	*p = '\0';
	return out;
}

static void delete_range(struct lineedit *e, size_t from, size_t to)
{
	if (from >= to)
		return;
	memmove(e->buf + from, e->buf + to, (e->len - to + 1) * sizeof *e->buf);
	e->len -= to - from;
}

bool lineedit_handle(struct lineedit *e, const struct tui_event *ev)
{
	switch (ev->cmd) {
	case CMD_ED_LEFT:
		if (e->pos > 0)
			e->pos--;
		return true;
	case CMD_ED_RIGHT:
		if (e->pos < e->len)
			e->pos++;
		return true;
	case CMD_ED_HOME:
		e->pos = 0;
		return true;
	case CMD_ED_END:
		e->pos = e->len;
		return true;
	case CMD_ED_BACKSPACE:
		if (e->pos > 0) {
			delete_range(e, e->pos - 1, e->pos);
			e->pos--;
		}
		return true;
	case CMD_ED_DELETE:
		if (e->pos < e->len)
			delete_range(e, e->pos, e->pos + 1);
		return true;
	case CMD_ED_KILL_START:
		delete_range(e, 0, e->pos);
		e->pos = 0;
		return true;
	case CMD_ED_KILL_END:
		delete_range(e, e->pos, e->len);
		return true;
	default:
		break;
	}
	if (ev->cmd != CMD_NONE || ev->ch == 0 || !iswprint((wint_t)ev->ch))
		return false;
	if (e->len >= e->max)
		return true; /* full: swallow the key rather than act on it */
	ensure(e, e->len + 1);
	memmove(e->buf + e->pos + 1, e->buf + e->pos, (e->len - e->pos + 1) * sizeof *e->buf);
	e->buf[e->pos++] = (wchar_t)ev->ch;
	e->len++;
	return true;
}

void lineedit_draw(struct lineedit *e, struct app *app, int y, int x, int w, attr_t attr)
{
	size_t width = 0, end;
	char *text, *p;
	mbstate_t st;

	if (w <= 1)
		return;
	/* Scroll so that the cursor shows, with one column to spare for it. */
	if (e->pos < e->scroll)
		e->scroll = e->pos;
	for (;;) {
		width = 0;
		for (size_t i = e->scroll; i < e->pos; i++)
			width += (size_t)char_width(e->buf[i]);
		if (width < (size_t)w || e->scroll >= e->pos)
			break;
		e->scroll++;
	}
	/* Characters from scroll that fit. */
	width = 0;
	for (end = e->scroll; end < e->len; end++) {
		size_t cw = (size_t)char_width(e->buf[end]);
		if (width + cw > (size_t)w)
			break;
		width += cw;
	}
	text = xmalloc((end - e->scroll) * MB_LEN_MAX + 1);
	p = text;
	memset(&st, 0, sizeof st);
	for (size_t i = e->scroll; i < end; i++) {
		wchar_t c = iswprint((wint_t)e->buf[i]) ? e->buf[i] : 0xfffd;
		size_t k = wcrtomb(p, c, &st);
		if (k == (size_t)-1) {
			*p = '?';
			k = 1;
		}
		p += k;
	}
	*p = '\0';
	draw_fill(y, x, w, attr);
	draw_text(y, x, w, text, attr);
	free(text);
	width = 0;
	for (size_t i = e->scroll; i < e->pos; i++)
		width += (size_t)char_width(e->buf[i]);
	app->cursor_y = y;
	app->cursor_x = x + (int)width;
}
