/* dialog.c: modal dialogs (message, question with buttons, menu, prompt).
 *
 * A dialog is a view pushed over the screen; it never runs a loop of its
 * own.  When answered it closes itself first and then calls its callback,
 * which may open the next dialog: chains like "Save as" -> "overwrite?" stay
 * inside the one event loop, and a resize in the middle is just a redraw. */
#include "app.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ucplan/i18n.h"
#include "ucplan/textwidth.h"
#include "ucplan/util.h"

enum dialog_kind { DLG_BUTTONS, DLG_MENU, DLG_PROMPT };

enum { HIT_BUTTON = 1, HIT_ITEM, HIT_EDIT };

struct dialog {
	struct view base;
	enum dialog_kind kind;
	char *title;
	char *text;
	enum style text_style;
	char **buttons;
	char *keys; /* the English hotkeys, one per button, or NULL */
	char *hot;  /* the hotkeys from the translated labels (lower case, 0 none) */
	int n_buttons;
	int focus; /* button; with a prompt, -1 is the text field */
	char **items;
	int n_items, selected, top, page;
	struct lineedit edit;
	dlg_done_fn done;
	struct dlg_arg arg;
};

static struct dialog *dialog_alloc(enum dialog_kind kind, const char *title, const char *text);

static void dialog_free(struct dialog *d)
{
	for (int i = 0; i < d->n_buttons; i++)
		free(d->buttons[i]);
	free(d->buttons);
	for (int i = 0; i < d->n_items; i++)
		free(d->items[i]);
	free(d->items);
	free(d->keys);
	free(d->hot);
	free(d->title);
	free(d->text);
	if (d->kind == DLG_PROMPT)
		lineedit_fini(&d->edit);
	free(d);
}

static void dialog_destroy(struct view *v)
{
	dialog_free((struct dialog *)v);
}

/* Closes the dialog, then reports the answer. */
static void dialog_finish(struct app *app, struct dialog *d, int choice)
{
	dlg_done_fn done = d->done;
	struct dlg_arg arg = d->arg;
	char *text = d->kind == DLG_PROMPT && choice >= 0 ? lineedit_text(&d->edit) : NULL;

	app_pop(app); /* frees d */
	if (done)
		done(app, arg, choice, text);
	free(text);
}

/* The English hotkey of button i in lower case, or 0. */
static int english_key(const struct dialog *d, int i)
{
	if (!d->keys || (int)strlen(d->keys) <= i)
		return 0;
	return tolower((unsigned char)d->keys[i]);
}

/* Letters a keyboard of any of our languages types without a dead key. */
static bool is_ascii_letter(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* True when letter (lower case) does not press another button than i: it
 * is neither another button's hotkey nor another button's English key, so
 * the English keys stay safe to type from habit ("c" never discards). */
static bool letter_free(const struct dialog *d, int i, int letter)
{
	for (int j = 0; j < d->n_buttons; j++)
		if (j != i && (d->hot[j] == letter || english_key(d, j) == letter))
			return false;
	return true;
}

/* Gives each button the first letter of its translated label that is free,
 * so that the hotkey is one the user can see in the word.  Initials are
 * handed out first: "Salva", "Scarta", "Annulla" keep S and A and only
 * Scarta looks further.  A label without a usable letter (Chinese) keeps
 * its English key, named after the label. */
static void dialog_assign_hotkeys(struct dialog *d)
{
	d->hot = xcalloc((size_t)d->n_buttons + 1, 1);
	if (!d->keys)
		return;
	for (int pass = 0; pass < 2; pass++) {
		for (int i = 0; i < d->n_buttons; i++) {
			if (d->hot[i])
				continue;
			for (const char *p = d->buttons[i]; *p; p++) {
				int letter = tolower((unsigned char)*p);
				if (!is_ascii_letter(*p))
					continue;
				if (letter_free(d, i, letter)) {
					d->hot[i] = (char)letter;
					break;
				}
				if (pass == 0)
					break;
			}
		}
	}
}

/* Where button i's hotkey is in its label, or NULL when the label lacks
 * it: then extra receives the English key to name after the label. */
static const char *hotkey_in(const struct dialog *d, int i, char *extra, size_t size)
{
	const char *label = d->buttons[i];
	int key = english_key(d, i);

	extra[0] = '\0';
	/* The first occurrence is the one chosen: an earlier one of the same
	 * letter would have been just as free. */
	if (d->hot[i])
		for (const char *p = label; *p; p++)
			if (tolower((unsigned char)*p) == d->hot[i])
				return p;
	if (!key)
		return NULL;
	/* TRANSLATORS: after a button's label that lacks the letter of its
	   hotkey: "Overwrite (o)" */
	snprintf(extra, size, _(" (%c)"), key);
	return NULL;
}

static int button_width(const struct dialog *d, int i)
{
	char extra[32];

	hotkey_in(d, i, extra, sizeof extra);
	return (int)tw_width(d->buttons[i]) + (int)tw_width(extra) + 4;
}

/* All buttons with two columns between them. */
static int buttons_width(const struct dialog *d)
{
	int total = 0;

	for (int i = 0; i < d->n_buttons; i++)
		total += button_width(d, i) + (i ? 2 : 0);
	return total;
}

/* Width and height the dialog needs, within the screen. */
static void dialog_size(const struct dialog *d, const struct app *app, int *h, int *w)
{
	int max_w = app->area.w - 4, text_w, buttons_w = 0;

	*w = (int)tw_width(d->title) + 8;
	text_w = d->text ? (int)tw_width(d->text) + 4 : 0;
	/* Long texts wrap in a window of comfortable reading width. */
	if (text_w > 64)
		text_w = 64;
	if (text_w > *w)
		*w = text_w;
	buttons_w = buttons_width(d);
	if (buttons_w + 4 > *w)
		*w = buttons_w + 4;
	for (int i = 0; i < d->n_items; i++)
		if ((int)tw_width(d->items[i]) + 8 > *w)
			*w = (int)tw_width(d->items[i]) + 8;
	if (d->kind == DLG_PROMPT && *w < 60)
		*w = 60;
	if (*w < 30)
		*w = 30;
	if (*w > max_w)
		*w = max_w;
	*h = 2 + (d->text ? wrap_count(d->text, (size_t)(*w - 4)) + 1 : 0);
	if (d->kind == DLG_MENU) {
		int rows = d->n_items;
		if (rows > app->area.h - *h - 2)
			rows = app->area.h - *h - 2;
		*h += rows;
	}
	if (d->kind == DLG_PROMPT)
		*h += 2;
	if (d->n_buttons)
		*h += 1;
	if (*h > app->area.h)
		*h = app->area.h;
}

/* A button with its hotkey underlined and bold, or named after it when the
 * translated label has no letter for one.  Returns its width. */
static int draw_hotkey_button(struct app *app, const struct dialog *d, int i, int y, int x)
{
	attr_t a = term_attr(i == d->focus ? ST_BUTTON_FOCUS : ST_BUTTON);
	const char *label = d->buttons[i];
	char extra[32];
	const char *at = hotkey_in(d, i, extra, sizeof extra);
	int w = 0;

	w += draw_text(y, x, 2, "[ ", a);
	if (at) {
		char *before = xstrndup(label, (size_t)(at - label));
		char one[2] = {*at, 0};
		w += draw_text(y, x + w, (int)tw_width(before), before, a);
		w += draw_text(y, x + w, 1, one, a | A_UNDERLINE | A_BOLD);
		w += draw_text(y, x + w, (int)tw_width(at + 1), at + 1, a);
		free(before);
	} else {
		w += draw_text(y, x + w, (int)tw_width(label), label, a);
		w += draw_text(y, x + w, (int)tw_width(extra), extra, a);
	}
	w += draw_text(y, x + w, 2, " ]", a);
	app_hit(app, y, x, w, HIT_BUTTON, i);
	return w;
}

static void dialog_draw(struct view *v, struct app *app)
{
	struct dialog *d = (struct dialog *)v;
	int h, w, y, x, row;

	dialog_size(d, app, &h, &w);
	y = app->area.y + (app->area.h - h) / 2;
	x = (app->area.w - w) / 2;
	draw_box(y, x, h, w, d->title, term_attr(ST_BORDER));
	row = y + 1;
	if (d->text) {
		row += draw_wrapped(row, x + 2, w - 4, y + h - 1 - row, d->text,
				    term_attr(d->text_style));
		row++;
	}
	if (d->kind == DLG_MENU) {
		d->page = y + h - 1 - row;
		if (d->page < 1)
			d->page = 1;
		if (d->selected < d->top)
			d->top = d->selected;
		if (d->selected >= d->top + d->page)
			d->top = d->selected - d->page + 1;
		for (int i = d->top; i < d->n_items && row < y + h - 1; i++, row++) {
			attr_t a = term_attr(i == d->selected ? ST_SELECTED : ST_DIALOG);
			draw_fill(row, x + 2, w - 4, a);
			draw_text(row, x + 3, w - 6, d->items[i], a);
			app_hit(app, row, x + 2, w - 4, HIT_ITEM, i);
		}
	}
	if (d->kind == DLG_PROMPT) {
		lineedit_draw(&d->edit, app, row, x + 2, w - 4,
			      term_attr(d->focus < 0 ? ST_EDIT : ST_FIELD));
		app_hit(app, row, x + 2, w - 4, HIT_EDIT, 0);
		if (d->focus >= 0)
			app->cursor_y = -1;
		row += 2;
	}
	if (d->n_buttons) {
		int bx = x + (w - buttons_width(d)) / 2;
		if (bx < x + 1)
			bx = x + 1;
		for (int i = 0; i < d->n_buttons; i++) {
			bx += draw_hotkey_button(app, d, i, y + h - 2, bx);
			bx += 2;
		}
	}
}

/* The button that ch presses: its hotkey from the translated label, or its
 * English key (kept for habit and for scripts).  -1 for none. */
static int hotkey_button(const struct dialog *d, wint_t ch)
{
	int letter;

	if (!d->keys || ch == 0 || ch > 127)
		return -1;
	letter = tolower((int)ch);
	for (int i = 0; i < d->n_buttons; i++)
		if (d->hot[i] == letter)
			return i;
	for (int i = 0; i < d->n_buttons; i++)
		if (english_key(d, i) == letter)
			return i;
	return -1;
}

static int dialog_handle(struct view *v, struct app *app, const struct tui_event *ev)
{
	struct dialog *d = (struct dialog *)v;
	int k;

	if (ev->click) {
		if (ev->hit == HIT_BUTTON) {
			dialog_finish(app, d,
				      d->kind == DLG_PROMPT && ev->hit_arg == 1 ? -1 : ev->hit_arg);
		} else if (ev->hit == HIT_ITEM) {
			dialog_finish(app, d, ev->hit_arg);
		} else if (ev->hit == HIT_EDIT) {
			d->focus = -1;
		}
		return TUI_HANDLED;
	}
	if (d->kind == DLG_PROMPT && d->focus < 0) {
		if (lineedit_handle(&d->edit, ev))
			return TUI_HANDLED;
		switch (ev->cmd) {
		case CMD_ACCEPT:
			dialog_finish(app, d, 0);
			return TUI_HANDLED;
		case CMD_CANCEL:
			dialog_finish(app, d, -1);
			return TUI_HANDLED;
		case CMD_NEXT_FIELD:
			d->focus = 0;
			return TUI_HANDLED;
		case CMD_PREV_FIELD:
			d->focus = d->n_buttons - 1;
			return TUI_HANDLED;
		default:
			return ev->cmd == CMD_NONE ? TUI_HANDLED : TUI_IGNORED;
		}
	}
	if (d->kind == DLG_MENU) {
		switch (ev->cmd) {
		case CMD_UP:
			if (d->selected > 0)
				d->selected--;
			return TUI_HANDLED;
		case CMD_DOWN:
			if (d->selected + 1 < d->n_items)
				d->selected++;
			return TUI_HANDLED;
		case CMD_PAGE_UP:
			d->selected -= d->page;
			if (d->selected < 0)
				d->selected = 0;
			return TUI_HANDLED;
		case CMD_PAGE_DOWN:
			d->selected += d->page;
			if (d->selected >= d->n_items)
				d->selected = d->n_items - 1;
			return TUI_HANDLED;
		case CMD_HOME:
			d->selected = 0;
			return TUI_HANDLED;
		case CMD_END:
			d->selected = d->n_items - 1;
			return TUI_HANDLED;
		case CMD_ENTER:
			dialog_finish(app, d, d->selected);
			return TUI_HANDLED;
		case CMD_CANCEL:
			dialog_finish(app, d, -1);
			return TUI_HANDLED;
		default:
			return ev->cmd == CMD_NONE ? TUI_HANDLED : TUI_IGNORED;
		}
	}
	k = hotkey_button(d, ev->ch);
	if (k >= 0) {
		dialog_finish(app, d, d->kind == DLG_PROMPT && k == 1 ? -1 : k);
		return TUI_HANDLED;
	}
	switch (ev->cmd) {
	case CMD_NEXT_FIELD:
		if (d->focus + 1 < d->n_buttons)
			d->focus++;
		else
			d->focus = d->kind == DLG_PROMPT ? -1 : 0;
		return TUI_HANDLED;
	case CMD_PREV_FIELD:
		if (d->focus > 0)
			d->focus--;
		else
			d->focus = d->kind == DLG_PROMPT ? -1 : d->n_buttons - 1;
		return TUI_HANDLED;
	case CMD_ENTER:
		/* A prompt's second button is Cancel. */
		dialog_finish(app, d, d->kind == DLG_PROMPT && d->focus == 1 ? -1 : d->focus);
		return TUI_HANDLED;
	case CMD_CANCEL:
		dialog_finish(app, d, -1);
		return TUI_HANDLED;
	default:
		return ev->cmd == CMD_NONE ? TUI_HANDLED : TUI_IGNORED;
	}
}

static unsigned dialog_contexts(const struct view *v)
{
	const struct dialog *d = (const struct dialog *)v;

	if (d->kind == DLG_PROMPT && d->focus < 0)
		return CTX_EDIT;
	if (d->kind == DLG_MENU)
		return CTX_MENU | CTX_LIST;
	return CTX_DIALOG;
}

static const struct view_ops dialog_ops = {
    .name = "dialog",
    .draw = dialog_draw,
    .handle = dialog_handle,
    .contexts = dialog_contexts,
    .destroy = dialog_destroy,
};

static struct dialog *dialog_alloc(enum dialog_kind kind, const char *title, const char *text)
{
	struct dialog *d = xcalloc(1, sizeof *d);

	d->base.ops = &dialog_ops;
	d->kind = kind;
	d->title = xstrdup(title ? title : "");
	d->text = text ? xstrdup(text) : NULL;
	d->text_style = ST_DIALOG;
	return d;
}

static void dialog_set_buttons(struct dialog *d, const char *const *buttons, const char *keys,
			       int n)
{
	d->buttons = xcalloc((size_t)n, sizeof *d->buttons);
	for (int i = 0; i < n; i++)
		d->buttons[i] = xstrdup(buttons[i]);
	d->n_buttons = n;
	d->keys = keys ? xstrdup(keys) : NULL;
	dialog_assign_hotkeys(d);
}

void dialog_message(struct app *app, const char *title, const char *text, enum style style)
{
	struct dialog *d = dialog_alloc(DLG_BUTTONS, title, text);
	const char *ok[] = {_("OK")};

	d->text_style = style;
	dialog_set_buttons(d, ok, NULL, 1);
	app_push(app, &d->base);
}

void dialog_confirm(struct app *app, const char *title, const char *text,
		    const char *const *buttons, const char *keys, int n_buttons, int focus,
		    dlg_done_fn done, struct dlg_arg arg)
{
	struct dialog *d = dialog_alloc(DLG_BUTTONS, title, text);

	dialog_set_buttons(d, buttons, keys, n_buttons);
	d->focus = focus >= 0 && focus < n_buttons ? focus : 0;
	d->done = done;
	d->arg = arg;
	app_push(app, &d->base);
}

void dialog_menu(struct app *app, const char *title, const char *const *items, int n_items,
		 int selected, dlg_done_fn done, struct dlg_arg arg)
{
	struct dialog *d = dialog_alloc(DLG_MENU, title, NULL);

	d->items = xcalloc((size_t)(n_items > 0 ? n_items : 1), sizeof *d->items);
	for (int i = 0; i < n_items; i++)
		d->items[i] = xstrdup(items[i]);
	d->n_items = n_items;
	d->selected = selected >= 0 && selected < n_items ? selected : 0;
	d->done = done;
	d->arg = arg;
	app_push(app, &d->base);
}

void dialog_prompt(struct app *app, const char *title, const char *text, const char *initial,
		   dlg_done_fn done, struct dlg_arg arg)
{
	struct dialog *d = dialog_alloc(DLG_PROMPT, title, text);
	const char *buttons[] = {_("OK"), _("Cancel")};

	dialog_set_buttons(d, buttons, NULL, 2);
	lineedit_init(&d->edit, initial, 4096);
	d->focus = -1;
	d->done = done;
	d->arg = arg;
	app_push(app, &d->base);
}
