/* tui.c: the planner's frame and its one event loop.
 *
 * The loop reads a key, turns it into a command through the key table for
 * the contexts of the view on top, offers it to that view and then to the
 * frame's global commands, and repaints.  Terminal resizes (KEY_RESIZE,
 * delivered by ncurses' own SIGWINCH handling) and signals are handled here
 * and nowhere else. */
#include "ucplan/tui.h"

#include "app.h"

#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ucplan/fileio.h"
#include "ucplan/i18n.h"
#include "ucplan/textwidth.h"
#include "ucplan/util.h"

/* Below this the layout cannot hold a page; a notice asks for more room. */
enum { MIN_COLS = 60, MIN_LINES = 16 };

/* Set by the handlers, acted upon by the loop (async-signal-safe). */
static volatile sig_atomic_t pending_signal;

static void on_signal(int sig)
{
	pending_signal = sig;
}

/* Installed before curses starts, so that ncurses keeps its hands off
 * SIGINT and SIGTERM; SIGTSTP and SIGWINCH stay with ncurses, which
 * restores the screen after fg and reports resizes as KEY_RESIZE. */
static void install_signals(void)
{
	struct sigaction sa;
	sigset_t none;
	const int defaults[] = {SIGTSTP, SIGCONT, SIGWINCH};

	/* What the parent blocked or ignored is not ours to keep: with SIGHUP
	 * blocked, a closed terminal left the planner running for ever. */
	sigemptyset(&none);
	sigprocmask(SIG_SETMASK, &none, NULL);
	for (size_t i = 0; i < sizeof defaults / sizeof defaults[0]; i++)
		signal(defaults[i], SIG_DFL);

	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	/* No SA_RESTART: a signal should end the wait for a key at once. */
	sa.sa_flags = 0;
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
}

/* True when the terminal was closed: the keyboard reports a hang-up.
 * SIGHUP says so too, unless something kept it from arriving. */
static bool terminal_gone(void)
{
	struct pollfd p = {.fd = STDIN_FILENO, .events = POLLIN};

	return poll(&p, 1, 0) == 1 && (p.revents & (POLLHUP | POLLERR | POLLNVAL));
}

static bool too_small(void)
{
	return COLS < MIN_COLS || LINES < MIN_LINES;
}

static void app_layout(struct app *app)
{
	app->area.y = 1;
	app->area.x = 0;
	app->area.h = LINES - 3;
	app->area.w = COLS;
}

struct view *app_top(struct app *app)
{
	if (app->n_overlays)
		return app->overlays[app->n_overlays - 1];
	return app->screens[app->screen];
}

void app_push(struct app *app, struct view *v)
{
	if (app->n_overlays == APP_MAX_OVERLAYS) {
		/* Cannot happen with the dialogs we chain; refuse quietly. */
		v->ops->destroy(v);
		return;
	}
	app->overlays[app->n_overlays++] = v;
	/* Curses' idea of the cells under a dialog's edges is not to be trusted
	 * when they held half of a wide character: repaint them all. */
	term_redraw();
}

void app_pop(struct app *app)
{
	struct view *v;

	if (!app->n_overlays)
		return;
	v = app->overlays[--app->n_overlays];
	v->ops->destroy(v);
	term_redraw();
}

void app_show_screen(struct app *app, enum screen_id id)
{
	if (id != SCREEN_WELCOME && !app->plan)
		return;
	if (!app->screens[id])
		return;
	if (id != app->screen)
		app->prev_screen = app->screen;
	app->screen = id;
}

void app_hit(struct app *app, int y, int x, int w, int id, int arg)
{
	struct hit_region *h;

	if (app->n_hits == APP_MAX_HITS || w <= 0)
		return;
	h = &app->hits[app->n_hits++];
	h->y = y;
	h->x0 = x;
	h->x1 = x + w;
	h->owner = app->drawing;
	h->id = id;
	h->arg = arg;
}

void app_message(struct app *app, enum style style, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(app->message, sizeof app->message, fmt, ap);
	va_end(ap);
	app->message_style = style;
}

void app_show_text(struct app *app, const char *title, struct textbuf *tb)
{
	app_push(app, textview_new(title, tb));
}

/* ---- drawing ------------------------------------------------------------- */

static void draw_titlebar(struct app *app)
{
	static const struct {
		enum screen_id id;
		const char *label;
		int hit;
	} tabs[] = {
	    {SCREEN_INTERVIEW, N_("Interview"), HIT_TAB_INTERVIEW},
	    {SCREEN_NAMES, N_("Names and addresses"), HIT_TAB_NAMES},
	    {SCREEN_REPORTS, N_("Reports"), HIT_TAB_REPORTS},
	};
	attr_t a = term_attr(ST_TITLEBAR);
	int right = COLS, x;
	char buf[600];

	app->drawing = NULL;
	draw_fill(0, 0, COLS, a);
	snprintf(buf, sizeof buf, " %s ", i18n_language());
	right -= (int)tw_width(buf);
	draw_text(0, right, (int)tw_width(buf), buf, a);
	if (app->plan) {
		for (int i = (int)(sizeof tabs / sizeof tabs[0]) - 1; i >= 0; i--) {
			int w;
			bool active;
			snprintf(buf, sizeof buf, " %s ", _(tabs[i].label));
			w = (int)tw_width(buf);
			if (right - w < 30)
				break;
			right -= w + 1;
			/* the Topology view belongs to the reports: it draws them */
			active = app->screen == tabs[i].id ||
				 (tabs[i].id == SCREEN_REPORTS && app->screen == SCREEN_TOPOLOGY);
			draw_text(0, right, w, buf,
				  term_attr(active && !app->n_overlays ? ST_TAB_ACTIVE : ST_TAB));
			app_hit(app, 0, right, w, tabs[i].hit, 0);
		}
	}
	x = 1 + draw_text(0, 1, right - 2, "ucplan", a | A_BOLD);
	if (app->plan) {
		const char *name =
		    str_empty(app->plan->name) ? _("(unnamed plan)") : app->plan->name;
		const char *marker = app_dirty(app) ? _(" [modified]") : "";
		int room = right - x - 1, mark_w = (int)tw_width(marker);
		char fitted[600];

		/* The plan's name gives way to the unsaved-changes marker, which
		 * a long name or a long translation used to push off. */
		snprintf(buf, sizeof buf, " %s %s", term_glyphs()->vline, name);
		if ((int)tw_width(buf) + mark_w > room && room - mark_w > 4) {
			tw_fit_pad(fitted, sizeof fitted, buf, (size_t)(room - mark_w), 0,
				   term_ascii());
			snprintf(buf, sizeof buf, "%s", fitted);
		}
		x += draw_text(0, x, room, buf, a);
		draw_text(0, x, right - x - 1, marker, a);
	}
}

static void draw_too_small(void)
{
	char need[128];
	int y;

	erase();
	snprintf(need, sizeof need, _("Need %dx%d, have %dx%d."), MIN_COLS, MIN_LINES, COLS, LINES);
	y = LINES / 2 - 2;
	if (y < 0)
		y = 0;
	y += draw_wrapped(y, 0, COLS, LINES - y, _("Terminal too small"), term_attr(ST_ERROR));
	y += draw_wrapped(y, 0, COLS, LINES - y, need, A_NORMAL);
	draw_wrapped(y, 0, COLS, LINES - y, _("Enlarge the window."), A_NORMAL);
}

static void app_draw(struct app *app)
{
	struct view *top;

	app->n_hits = 0;
	app->cursor_y = app->cursor_x = -1;
	if (too_small()) {
		curs_set(0);
		draw_too_small();
		refresh();
		return;
	}
	erase();
	draw_titlebar(app);
	app->drawing = app->screens[app->screen];
	app->screens[app->screen]->ops->draw(app->screens[app->screen], app);
	for (size_t i = 0; i < app->n_overlays; i++) {
		/* Only the top overlay's cursor and hits count. */
		app->cursor_y = app->cursor_x = -1;
		app->drawing = app->overlays[i];
		app->overlays[i]->ops->draw(app->overlays[i], app);
	}
	app->drawing = NULL;
	draw_fill(LINES - 2, 0, COLS, A_NORMAL);
	if (app->message[0])
		draw_text(LINES - 2, 1, COLS - 2, app->message, term_attr(app->message_style));
	top = app_top(app);
	keys_draw_status(app, LINES - 1, COLS, top->ops->contexts(top));
	if (app->cursor_y >= 0) {
		curs_set(1);
		move(app->cursor_y, app->cursor_x);
	} else {
		curs_set(0);
	}
	refresh();
}

/* ---- commands ------------------------------------------------------------ */

static int need_plan(struct app *app)
{
	if (app->plan)
		return 0;
	app_message(app, ST_WARNING, "%s", _("Start a new plan or open one first."));
	return 1;
}

static void show_context_help(struct app *app)
{
	struct view *v = app->screens[app->screen];
	struct textbuf tb = {0};

	if (v->ops->help)
		v->ops->help(v, app, &tb);
	if (tb.n)
		textbuf_add(&tb, ST_NORMAL, 0, "");
	textbuf_add(&tb, ST_DIM, 0, _("Press ? for the list of all keys."));
	app_show_text(app, _("Help"), &tb);
}

static void app_dispatch(struct app *app, struct tui_event *ev);

/* The keys of the actions the menu listed (the menu is modal: one at a
 * time). */
static int menu_keys[96];
static size_t n_menu_keys;

static void menu_done(struct app *app, struct dlg_arg arg, int choice, const char *text)
{
	struct tui_event ev;

	(void)arg;
	(void)text;
	if (choice < 0 || (size_t)choice >= n_menu_keys)
		return;
	memset(&ev, 0, sizeof ev);
	ev.hit = ev.hit_arg = -1;
	ev.key = menu_keys[choice];
	app_dispatch(app, &ev);
}

/* The menu of every action of the screen, with its keys: reaches what the
 * function keys do on a terminal that keeps them for itself. */
static void show_menu(struct app *app)
{
	struct view *top = app_top(app);
	char *items[96];
	size_t n = keys_actions(top->ops->contexts(top), menu_keys, items, 96);

	n_menu_keys = n;
	/* TRANSLATORS: title of the menu of every action (: or Alt-M) */
	dialog_menu(app, _("Actions"), (const char *const *)items, (int)n, 0, menu_done,
		    (struct dlg_arg){0});
	for (size_t i = 0; i < n; i++)
		free(items[i]);
}

static int app_global(struct app *app, const struct tui_event *ev)
{
	if (ev->click && ev->hit >= 0 && !app->n_overlays) {
		switch (ev->hit) {
		case HIT_TAB_INTERVIEW:
			app_show_screen(app, SCREEN_INTERVIEW);
			return TUI_HANDLED;
		case HIT_TAB_NAMES:
			app_show_screen(app, SCREEN_NAMES);
			return TUI_HANDLED;
		case HIT_TAB_REPORTS:
			app_show_screen(app, SCREEN_REPORTS);
			return TUI_HANDLED;
		default:
			break;
		}
	}
	switch (ev->cmd) {
	case CMD_HELP_KEYS: {
		struct textbuf tb = {0};
		keys_help(&tb);
		app_show_text(app, _("Keys"), &tb);
		return TUI_HANDLED;
	}
	case CMD_HELP_CONTEXT:
		show_context_help(app);
		return TUI_HANDLED;
	case CMD_SAVE:
	case CMD_SAVE_AS:
		if (!need_plan(app))
			app_save(app, ev->cmd == CMD_SAVE_AS);
		return TUI_HANDLED;
	case CMD_OPEN:
		app_request_open(app);
		return TUI_HANDLED;
	case CMD_SCREEN_INTERVIEW:
		if (!need_plan(app))
			app_show_screen(app, SCREEN_INTERVIEW);
		return TUI_HANDLED;
	case CMD_SCREEN_NAMES:
		if (!need_plan(app))
			app_show_screen(app, SCREEN_NAMES);
		return TUI_HANDLED;
	case CMD_SCREEN_REPORTS:
		if (!need_plan(app))
			app_show_screen(app, SCREEN_REPORTS);
		return TUI_HANDLED;
	case CMD_SCREEN_TOPOLOGY:
		if (!need_plan(app))
			topology_open(app);
		return TUI_HANDLED;
	case CMD_EXPORT:
		if (!need_plan(app))
			export_dialog_open(app);
		return TUI_HANDLED;
	case CMD_QUIT:
		app_request_quit(app);
		return TUI_HANDLED;
	case CMD_LANGUAGE:
		app_choose_language(app);
		return TUI_HANDLED;
	case CMD_REFRESH:
		term_repaint();
		return TUI_HANDLED;
	case CMD_MENU:
		show_menu(app);
		return TUI_HANDLED;
	default:
		return TUI_IGNORED;
	}
}

static void app_dispatch(struct app *app, struct tui_event *ev)
{
	struct view *top = app_top(app);
	int flags;

	if (ev->click) {
		/* a key of the status line: pressed, for whatever is on top */
		for (size_t i = app->n_hits; i-- > 0;) {
			const struct hit_region *h = &app->hits[i];
			if (h->y == ev->y && ev->x >= h->x0 && ev->x < h->x1 && !h->owner &&
			    h->id == HIT_STATUS_KEY) {
				ev->click = false;
				ev->key = h->arg;
				break;
			}
		}
	}
	if (ev->key)
		ev->cmd = keys_lookup(top->ops->contexts(top), ev->key);
	if (ev->click) {
		/* The last region drawn is on top; only the top view and, with no
		 * dialog open, the frame take clicks. */
		for (size_t i = app->n_hits; i-- > 0;) {
			const struct hit_region *h = &app->hits[i];
			if (h->y != ev->y || ev->x < h->x0 || ev->x >= h->x1)
				continue;
			if (h->owner == top || (h->owner == NULL && !app->n_overlays)) {
				ev->hit = h->id;
				ev->hit_arg = h->arg;
				if (h->owner == NULL) {
					app_global(app, ev);
					return;
				}
			}
			break;
		}
	}
	flags = top->ops->handle(top, app, ev);
	if (!(flags & (TUI_HANDLED | TUI_QUIT)))
		app_global(app, ev);
}

/* Reads one event; false on timeout or an event already dealt with. */
static bool read_event(struct app *app, struct tui_event *ev)
{
	wint_t wc;
	int r = wget_wch(stdscr, &wc);

	memset(ev, 0, sizeof *ev);
	ev->hit = ev->hit_arg = -1;
	if (r == ERR)
		return false;
	if (r == KEY_CODE_YES) {
		if (wc == KEY_RESIZE) {
			ev->key = TK(KEY_RESIZE); /* tells the loop to redraw */
			app_layout(app);
			for (int i = 0; i < SCREEN_COUNT; i++)
				if (app->screens[i] && app->screens[i]->ops->resize)
					app->screens[i]->ops->resize(app->screens[i], app);
			for (size_t i = 0; i < app->n_overlays; i++)
				if (app->overlays[i]->ops->resize)
					app->overlays[i]->ops->resize(app->overlays[i], app);
			return false;
		}
		if (wc == KEY_MOUSE) {
			MEVENT me;
			if (getmouse(&me) != OK)
				return false;
			ev->y = me.y;
			ev->x = me.x;
			if (me.bstate & BUTTON1_PRESSED)
				ev->click = true;
			else if (me.bstate & BUTTON4_PRESSED)
				ev->wheel = -1;
			else if (me.bstate & BUTTON5_PRESSED)
				ev->wheel = 1;
			else
				return false;
			return true;
		}
		ev->key = wc == KEY_ENTER ? '\r' : TK((int)wc);
		return true;
	}
	/* Alt-letter arrives as Esc and the letter at once; a lone Esc has
	 * nothing behind it. */
	if (wc == TK_ESC) {
		wint_t next;
		int r2;
		wtimeout(stdscr, 0);
		r2 = wget_wch(stdscr, &next);
		wtimeout(stdscr, 250);
		if (r2 == OK && next > ' ' && next < 127) {
			ev->key = TK_ALT((int)(next >= 'A' && next <= 'Z' ? next - 'A' + 'a' : next));
			return true;
		}
		if (r2 == KEY_CODE_YES)
			ungetch((int)next);
		else if (r2 == OK)
			unget_wch(next);
	}
	/* Enter arrives as CR (nonl), LF or KEY_ENTER: one key for the table. */
	ev->key = wc == '\n' ? '\r' : (int)wc;
	if (wc >= 32 && wc != 127)
		ev->ch = wc;
	return true;
}

static int app_run(struct app *app)
{
	struct tui_event ev;
	bool redraw = true;

	app_layout(app);
	for (;;) {
		if (pending_signal) {
			int sig = pending_signal;
			pending_signal = 0;
			if (sig == SIGINT && !app->quit_asking) {
				/* Ctrl-C asks like F10 does; a second one while asking
				 * leaves at once, with the work in the autosave. */
				app_request_quit(app);
				redraw = true;
			} else {
				app_autosave(app);
				return 128 + sig;
			}
		}
		if (app->quit)
			return 0;
		if (redraw)
			app_draw(app);
		redraw = false;
		if (!read_event(app, &ev)) {
			/* A timeout changes nothing; a resize changes everything. */
			redraw = ev.key == TK(KEY_RESIZE);
			if (!redraw && terminal_gone())
				pending_signal = SIGHUP;
			continue;
		}
		redraw = true;
		if (too_small())
			continue; /* nothing to act upon can be seen */
		app->message[0] = '\0';
		if (ev.wheel) {
			ev.key = TK(ev.wheel < 0 ? KEY_UP : KEY_DOWN);
			ev.wheel = 0;
			for (int i = 0; i < 3 && !app->quit; i++)
				app_dispatch(app, &ev);
			continue;
		}
		app_dispatch(app, &ev);
	}
}

int tui_main(const char *plan_path)
{
	struct app app;
	int rc;

	memset(&app, 0, sizeof app);
	app.cursor_y = app.cursor_x = -1;
	install_signals();
	if (!term_init())
		return 3;
	app_autosave_init(&app);
	app.screens[SCREEN_WELCOME] = welcome_new();
	app.screen = app.prev_screen = SCREEN_WELCOME;
	app_layout(&app);
	if (plan_path)
		app_open_path(&app, plan_path);
	if (i18n_output_is_ascii())
		app_message(&app, ST_WARNING,
			    _("This terminal's character set (%s) is not UTF-8: the planner shows "
			      "English in ASCII. A UTF-8 locale shows every language."),
			    i18n_output_codeset());
	app_offer_restore(&app);
	rc = app_run(&app);
	term_done();
	while (app.n_overlays)
		app_pop(&app);
	for (int i = 0; i < SCREEN_COUNT; i++)
		if (app.screens[i])
			app.screens[i]->ops->destroy(app.screens[i]);
	app_session_free(&app);
	return rc;
}
