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

/* Columns for the k-th wrapped part of line l. */
static int line_width(const struct text_line *l, int inner, int k)
{
	int w = inner - l->indent - (k > 0 ? l->hang : 0);

	return w > 1 ? w : 1;
}

static int count_rows(const struct textview *t, int inner)
{
	int rows = 0;

	for (size_t i = 0; i < t->tb.n; i++) {
		const struct text_line *l = &t->tb.lines[i];
		const char *s = l->text;
		size_t len;
		if (!*s) {
			rows++;
			continue;
		}
		for (int k = 0; *s; k++, rows++)
			s = wrap_line(s, (size_t)line_width(l, inner, k), &len);
	}
	return rows;
}

static void textview_draw(struct view *v, struct app *app)
{
	struct textview *t = (struct textview *)v;
	int y, x, h, w, inner, row = 0, screen_row;
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
		const char *s = l->text;
		size_t len;
		if (!*s) {
			row++;
			continue;
		}
		for (int k = 0; *s && row < t->top + t->page; k++) {
			int width = line_width(l, inner, k);
			const char *next = wrap_line(s, (size_t)width, &len);
			if (row >= t->top) {
				char *part = xstrndup(s, len);
				screen_row = y + 1 + row - t->top;
				int lx = x + 2 + l->indent + (k > 0 ? l->hang : 0);
				draw_text(screen_row, lx, width, part, term_attr(l->style));
				/* The label of a "label  value" line stands out. */
				if (k == 0 && l->label > 0)
					draw_text(screen_row, lx, l->label, part,
						  term_attr(l->style) | A_BOLD);
				free(part);
			}
			s = next;
			row++;
		}
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
