/* textview.c: a scrolling window of styled, wrapped text (help, F1, the
 * detail of a report row, long findings). */
#include "app.h"

#include <stdlib.h>
#include <string.h>

#include "ucplan/i18n.h"
#include "ucplan/util.h"

struct textview {
	struct view base;
	char *title;
	struct textbuf tb;
	int top;	/* first wrapped row shown */
	int page;	/* rows shown, from the last draw */
	int rows_total; /* wrapped rows, from the last draw */
};

/* The window: most of the screen, leaving the frame visible. */
static void textview_rect(const struct app *app, int *y, int *x, int *h, int *w)
{
	*w = app->area.w - 4;
	if (*w > 100)
		*w = 100;
	*h = app->area.h - 2;
	*x = (app->area.w - *w) / 2;
	*y = app->area.y + 1;
}

/* Columns of a pair's label and value: the label column as wide as the
 * label wants, but no more than two fifths of the room, so that a long
 * label does not squeeze its description into a sliver. */
static void pair_columns(const struct text_line *l, int inner, int *lw, int *vw)
{
	int room = inner - l->indent;

	*lw = l->label;
	if (*lw > room * 2 / 5)
		*lw = room * 2 / 5;
	if (*lw < 1)
		*lw = 1;
	*vw = room - *lw - 2;
	if (*vw < 1)
		*vw = 1;
}

/* Columns for the text of a plain line. */
static int line_width(const struct text_line *l, int inner)
{
	int w = inner - l->indent;

	return w > 1 ? w : 1;
}

static int count_rows(const struct textview *t, int inner)
{
	int rows = 0;

	for (size_t i = 0; i < t->tb.n; i++) {
		const struct text_line *l = &t->tb.lines[i];
		if (l->value) {
			int lw, vw, a, b;
			pair_columns(l, inner, &lw, &vw);
			a = wrap_count(l->text, (size_t)lw);
			b = wrap_count(l->value, (size_t)vw);
			rows += a > b ? a : b;
		} else {
			rows += wrap_count(l->text, (size_t)line_width(l, inner));
		}
	}
	return rows;
}

/* Draws the next wrapped part of *s in w columns at (y, x), when y is not
 * -1, and advances *s past it. */
static void draw_part(const char **s, int y, int x, int w, attr_t attr)
{
	size_t len;
	const char *next;

	if (!**s)
		return;
	next = wrap_line(*s, (size_t)w, &len);
	if (y >= 0) {
		char *part = xstrndup(*s, len);
		draw_text(y, x, w, part, attr);
		free(part);
	}
	*s = next;
}

static void textview_draw(struct view *v, struct app *app)
{
	struct textview *t = (struct textview *)v;
	int y, x, h, w, inner, row = 0;
	char more[64];

	textview_rect(app, &y, &x, &h, &w);
	draw_box(y, x, h, w, t->title, term_attr(ST_BORDER));
	inner = w - 4;
	t->page = h - 2;
	t->rows_total = count_rows(t, inner);
	if (t->top > t->rows_total - t->page)
		t->top = t->rows_total - t->page;
	if (t->top < 0)
		t->top = 0;
	for (size_t i = 0; i < t->tb.n && row < t->top + t->page; i++) {
		const struct text_line *l = &t->tb.lines[i];
		const char *s = l->text, *val = l->value ? l->value : "";
		attr_t a = term_attr(l->style);
		int lx = x + 2 + l->indent, lw = line_width(l, inner), vw = 0;
		if (l->value)
			pair_columns(l, inner, &lw, &vw);
		/* An empty line still takes its row. */
		do {
			int sy = row >= t->top ? y + 1 + row - t->top : -1;
			draw_part(&s, sy, lx, lw, l->value ? a | A_BOLD : a);
			draw_part(&val, sy, lx + lw + 2, vw, a);
			row++;
		} while ((*s || *val) && row < t->top + t->page);
	}
	if (t->rows_total > t->page) {
		snprintf(more, sizeof more, " %d%% ",
			 (t->top + t->page) * 100 / (t->rows_total ? t->rows_total : 1));
		draw_text(y + h - 1, x + w - 8, 6, more, term_attr(ST_BORDER));
	}
}

static int textview_handle(struct view *v, struct app *app, const struct tui_event *ev)
{
	struct textview *t = (struct textview *)v;

	switch (ev->cmd) {
	case CMD_CANCEL:
		app_pop(app);
		return TUI_HANDLED;
	case CMD_UP:
		t->top--;
		break;
	case CMD_DOWN:
		t->top++;
		break;
	case CMD_PAGE_UP:
		t->top -= t->page > 1 ? t->page - 1 : 1;
		break;
	case CMD_PAGE_DOWN:
		t->top += t->page > 1 ? t->page - 1 : 1;
		break;
	case CMD_HOME:
		t->top = 0;
		break;
	case CMD_END:
		t->top = t->rows_total;
		break;
	default:
		/* Everything else is swallowed: the window is modal. */
		return ev->cmd == CMD_NONE ? TUI_HANDLED : TUI_IGNORED;
	}
	if (t->top < 0)
		t->top = 0;
	return TUI_HANDLED;
}

static unsigned textview_contexts(const struct view *v)
{
	(void)v;
	return CTX_TEXT | CTX_LIST | CTX_GLOBAL;
}

static void textview_destroy(struct view *v)
{
	struct textview *t = (struct textview *)v;

	textbuf_free(&t->tb);
	free(t->title);
	free(t);
}

static const struct view_ops textview_ops = {
    .name = "text",
    .draw = textview_draw,
    .handle = textview_handle,
    .contexts = textview_contexts,
    .destroy = textview_destroy,
};

struct view *textview_new(const char *title, struct textbuf *tb)
{
	struct textview *t = xcalloc(1, sizeof *t);

	t->base.ops = &textview_ops;
	t->title = xstrdup(title ? title : "");
	t->tb = *tb;
	memset(tb, 0, sizeof *tb);
	return &t->base;
}
