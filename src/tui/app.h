/* app.h: the planner's private interfaces, shared by the files of src/tui.
 *
 * The shape follows htop and tig: one event loop (tui.c) owns a stack of
 * views; a view is an object with a small ops table; handlers return flags;
 * keys become commands through one table (keys.c) that also generates the
 * help screen and the status line; terminal setup lives in term.c only. */
#ifndef UCPLAN_TUI_APP_H
#define UCPLAN_TUI_APP_H

/* The wide-character curses API (cchar_t, wget_wch). */
#define NCURSES_WIDECHAR 1
#include <curses.h>
#include <stdbool.h>
#include <stddef.h>
#include <wchar.h>

#include "ucplan/catalog.h"
#include "ucplan/dirty.h"
#include "ucplan/fileio.h"
#include "ucplan/model.h"
#include "ucplan/report.h"
#include "ucplan/view.h"
#include "ucplan/wizard.h"

struct app;
struct view;

/* ---- terminal (term.c) ---------------------------------------------------- */

/* Every look the planner draws with; term.c maps each to colours or, without
 * colours, to monochrome attributes. */
enum style {
	ST_NORMAL,
	ST_TITLEBAR,
	ST_TAB,
	ST_TAB_ACTIVE,
	ST_STATUS,
	ST_STATUS_KEY,
	ST_HEADING,
	ST_SELECTED,
	ST_DIM,
	ST_ERROR,
	ST_WARNING,
	ST_OK,
	ST_BUTTON,
	ST_BUTTON_FOCUS,
	ST_FIELD,
	ST_FIELD_FOCUS,
	ST_EDIT,
	ST_BORDER,
	ST_DIALOG,
	ST_TABLE_HEADER,
	ST_SORT_COLUMN,
	ST_PLACEHOLDER,
	ST_COUNT
};

/* Line-drawing and marker glyphs: UTF-8, or ASCII when the locale's
 * character set is not UTF-8. */
struct glyphs {
	const char *hline, *vline, *ul, *ur, *ll, *lr;
	const char *left, *right; /* choice arrows */
	const char *up, *down;	  /* sort direction */
	const char *bar_full, *bar_empty;
	const char *bullet, *tree;
	const char *placeholder;     /* marks a value still to be replaced */
	const char *error, *warning; /* findings */
};

/* Starts curses on the controlling terminal.  Returns false (with a message
 * on stderr) when the terminal cannot be used. */
bool term_init(void);
/* Restores the terminal; safe to call twice and from the die hook. */
void term_done(void);
attr_t term_attr(enum style s);
const struct glyphs *term_glyphs(void);
/* True when glyphs and ellipses must be ASCII. */
bool term_ascii(void);
/* Forces a full repaint on the next refresh (Ctrl-L, language change). */
void term_repaint(void);
/* Rewrites every line on the next refresh, without clearing the screen
 * first: a dialog opened or closed over double-width text. */
void term_redraw(void);

/* ---- events and commands (keys.c) --------------------------------------- */

/* Key codes: characters as themselves, curses function keys with TK_FKEY
 * set (so that U+0102 and KEY_DOWN never meet). */
#define TK_FKEY 0x1000000
#define TK(k) ((k) | TK_FKEY)
#define TK_CTRL(c) ((c)&0x1f)
/* Alt-letter: the letter with this bit (a terminal sends Esc, letter). */
#define TK_ALT_BIT 0x2000000
#define TK_ALT(c) ((c) | TK_ALT_BIT)
#define TK_ESC 27

/* Contexts: which part of the key table applies.  A view says which
 * contexts are active; the first binding in table order wins. */
enum {
	CTX_EDIT = 1u << 0,   /* a line editor has the focus */
	CTX_DIALOG = 1u << 1, /* buttons of a dialog */
	CTX_MENU = 1u << 2,   /* a list to pick from */
	CTX_TEXT = 1u << 3,   /* help and detail windows */
	CTX_WELCOME = 1u << 4,
	CTX_INTERVIEW = 1u << 5,
	CTX_SITES = 1u << 6, /* the sites page of the interview */
	CTX_NAMES = 1u << 7,
	CTX_REPORT = 1u << 8,
	CTX_EXPORT = 1u << 9,
	CTX_LIST = 1u << 10,	/* scrolling */
	CTX_COMMAND = 1u << 11, /* letter commands (not while typing) */
	CTX_GLOBAL = 1u << 12,	/* function keys */
	CTX_TOPOLOGY = 1u << 13,
	CTX_RULES = 1u << 14, /* a report table shows the rows of one flow */
};

#define TUI_COMMANDS(X)                                                                            \
	X(NONE)                                                                                    \
	X(HELP_KEYS)                                                                               \
	X(HELP_CONTEXT)                                                                            \
	X(SAVE)                                                                                    \
	X(SAVE_AS)                                                                                 \
	X(OPEN)                                                                                    \
	X(SCREEN_INTERVIEW)                                                                        \
	X(SCREEN_NAMES)                                                                            \
	X(SCREEN_REPORTS)                                                                          \
	X(SCREEN_TOPOLOGY)                                                                         \
	X(EXPORT)                                                                                  \
	X(QUIT)                                                                                    \
	X(LANGUAGE)                                                                                \
	X(REFRESH)                                                                                 \
	X(UP)                                                                                      \
	X(DOWN)                                                                                    \
	X(LEFT)                                                                                    \
	X(RIGHT)                                                                                   \
	X(PAGE_UP)                                                                                 \
	X(PAGE_DOWN)                                                                               \
	X(HOME)                                                                                    \
	X(END)                                                                                     \
	X(NEXT_FIELD)                                                                              \
	X(PREV_FIELD)                                                                              \
	X(ENTER)                                                                                   \
	X(TOGGLE)                                                                                  \
	X(BACK)                                                                                    \
	X(CANCEL)                                                                                  \
	X(NEXT_PAGE)                                                                               \
	X(PREV_PAGE)                                                                               \
	X(NEW_PLAN)                                                                                \
	X(DESIGN_SITES)                                                                            \
	X(SITE_ADD)                                                                                \
	X(DOMAIN_ADD)                                                                              \
	X(BRANCH_ADD)                                                                              \
	X(RENAME)                                                                                  \
	X(DELETE)                                                                                  \
	X(NEXT_TAB)                                                                                \
	X(PREV_TAB)                                                                                \
	X(SEARCH)                                                                                  \
	X(SEARCH_NEXT)                                                                             \
	X(SEARCH_PREV)                                                                             \
	X(FILTER_SCOPE)                                                                            \
	X(FILTER_SITE)                                                                             \
	X(CLEAR_RULES)                                                                             \
	X(SORT_PREV_COLUMN)                                                                        \
	X(SORT_NEXT_COLUMN)                                                                        \
	X(SORT)                                                                                    \
	X(WIDE)                                                                                    \
	X(COLUMNS)                                                                                 \
	X(MENU)                                                                                    \
	X(ED_LEFT)                                                                                 \
	X(ED_RIGHT)                                                                                \
	X(ED_HOME)                                                                                 \
	X(ED_END)                                                                                  \
	X(ED_BACKSPACE)                                                                            \
	X(ED_DELETE)                                                                               \
	X(ED_KILL_START)                                                                           \
	X(ED_KILL_END)                                                                             \
	X(ACCEPT)

enum tui_command {
#define TUI_COMMAND_ENUM(name) CMD_##name,
	TUI_COMMANDS(TUI_COMMAND_ENUM)
#undef TUI_COMMAND_ENUM
};

/* One input event after the key table was consulted. */
struct tui_event {
	int key;	      /* TK code; 0 for mouse events */
	enum tui_command cmd; /* the binding for the view's contexts, or CMD_NONE */
	wint_t ch;	      /* a printable character typed, else 0 */
	bool click;	      /* button 1 pressed at (y, x) */
	int wheel;	      /* -1 wheel up, +1 wheel down, else 0 */
	int y, x;
	int hit, hit_arg; /* clickable region under a click (see app_hit), or -1 */
};

/* The binding of key in the given contexts (CMD_NONE when none). */
enum tui_command keys_lookup(unsigned contexts, int key);
/* Draws the status line at row y: the labelled keys of contexts, each
 * recorded as a clickable region (a click presses the key). */
void keys_draw_status(struct app *app, int y, int width, unsigned contexts);
/* The actions of contexts for the menu of every action (: or Alt-M): one
 * per command, as dispatch finds it, without moves and line editing.  For
 * each, its key in keys[i] and "what it does (its keys)" in items[i], which
 * the caller frees.  Returns how many, at most max. */
size_t keys_actions(unsigned contexts, int *keys, char **items, size_t max);
/* A key's name for help and status lines ("F2", "Enter", "Ctrl-U", "/"). */
void keys_name(int key, char *buf, size_t size);

/* ---- text helpers (draw.c) ------------------------------------------------ */

/* Lines of styled text for help and detail windows. */
struct text_line {
	char *text;  /* the line, or the label of a pair */
	char *value; /* the value of a label-value pair, or NULL */
	enum style style;
	int indent; /* columns; wrapped lines keep it */
	int label;  /* pairs: the columns the label column wants */
};
struct textbuf {
	struct text_line *lines;
	size_t n, cap;
};
void textbuf_add(struct textbuf *tb, enum style style, int indent, const char *text);
void textbuf_addf(struct textbuf *tb, enum style style, int indent, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
/* A label (drawn in bold) and a value in two columns: the label column is
 * label_w wide, or less in a narrow window; each wraps within its column. */
void textbuf_add_pair(struct textbuf *tb, enum style style, int indent, const char *label,
		      int label_w, const char *value);
void textbuf_free(struct textbuf *tb);

/* Help screen text generated from the key table. */
void keys_help(struct textbuf *out);

/* Draws s at (y, x) in at most w columns, never past the screen edge; when
 * s is wider it is cut at a character boundary and ends with an ellipsis.
 * Returns the columns drawn. */
int draw_text(int y, int x, int w, const char *s, attr_t attr);
/* Draws s fitted to exactly w columns: an ellipsis when cut, spaces after. */
void draw_text_pad(int y, int x, int w, const char *s, attr_t attr);
/* Draws s right-aligned in the w columns ending before x + w. */
void draw_text_right(int y, int x, int w, const char *s, attr_t attr);
void draw_fill(int y, int x, int w, attr_t attr);
void draw_hline(int y, int x, int w, attr_t attr);
/* A frame with an optional title in the top edge; the inside is cleared. */
void draw_box(int y, int x, int h, int w, const char *title, attr_t attr);
/* Splits s into lines of at most width columns: returns the start of the
 * next line and sets *len to the bytes of this one.  Breaks at spaces and
 * next to double-width (CJK) characters, but never before closing or after
 * opening punctuation; inside a word only when it must; and at newlines. */
const char *wrap_line(const char *s, size_t width, size_t *len);
/* The number of lines s takes when wrapped to width. */
int wrap_count(const char *s, size_t width);
/* Draws s wrapped into rows [y, y + max_rows); returns the rows used. */
int draw_wrapped(int y, int x, int w, int max_rows, const char *s, attr_t attr);
/* Bytes of s to skip to start at display column cols; *pad receives 1 when
 * a wide character straddles the cut (draw a space instead). */
size_t skip_columns(const char *s, size_t cols, int *pad);
/* "2 errors, 1 warning", with the plural forms of the language. */
void format_findings_count(char *buf, size_t size, size_t errors, size_t warnings);
/* "[ label ]" at (y, x), recorded as hit id for clicks; returns its width. */
int draw_button(struct app *app, int y, int x, const char *label, bool focused, int hit,
		int hit_arg);

/* ---- the line editor (lineedit.c) ------------------------------------------ */

/* A one-line editor over wide characters (the only other place besides
 * textwidth.c that works in wchar_t): cursor, Home/End, Backspace/Delete,
 * horizontal scrolling by display width. */
struct lineedit {
	wchar_t *buf;
	size_t len, cap, pos;
	size_t max;    /* characters */
	size_t scroll; /* first character shown */
};
void lineedit_init(struct lineedit *e, const char *text, size_t max);
void lineedit_fini(struct lineedit *e);
/* The text as UTF-8; caller frees. */
char *lineedit_text(const struct lineedit *e);
/* Applies an editing command or a typed character; false when the event is
 * not an editing one (Enter, Esc, Tab are left to the caller). */
bool lineedit_handle(struct lineedit *e, const struct tui_event *ev);
/* Draws in w columns at (y, x) and puts the terminal cursor there. */
void lineedit_draw(struct lineedit *e, struct app *app, int y, int x, int w, attr_t attr);

/* ---- views ---------------------------------------------------------------- */

/* Results of a handler, combined with |. */
enum {
	TUI_IGNORED = 0,
	TUI_HANDLED = 1 << 0,
	TUI_REDRAW = 1 << 1,
	TUI_QUIT = 1 << 2,
};

struct view_ops {
	const char *name;
	/* Draws the view (its area is app->area; dialogs centre themselves). */
	void (*draw)(struct view *v, struct app *app);
	/* Handles one event; returns TUI_* flags.  TUI_IGNORED lets the frame
	 * try its global commands. */
	int (*handle)(struct view *v, struct app *app, const struct tui_event *ev);
	/* The key contexts active now (CTX_* bits). */
	unsigned (*contexts)(const struct view *v);
	/* The terminal changed size (optional). */
	void (*resize)(struct view *v, struct app *app);
	/* F1: the help for what the view shows now (optional). */
	void (*help)(struct view *v, struct app *app, struct textbuf *out);
	void (*destroy)(struct view *v);
};

struct view {
	const struct view_ops *ops;
};

enum screen_id {
	SCREEN_WELCOME,
	SCREEN_INTERVIEW,
	SCREEN_NAMES,
	SCREEN_REPORTS,
	SCREEN_TOPOLOGY,
	SCREEN_COUNT
};

struct rect {
	int y, x, h, w;
};

enum { APP_MAX_HITS = 256, APP_MAX_OVERLAYS = 8 };

struct hit_region {
	int y, x0, x1;
	struct view *owner; /* NULL for the frame (title bar tabs) */
	int id, arg;
};

/* Frame hit ids (owner NULL). */
enum { HIT_TAB_INTERVIEW = 1, HIT_TAB_NAMES, HIT_TAB_REPORTS, HIT_STATUS_KEY };

struct app {
	struct plan *plan;     /* owned; NULL until a plan is started or opened */
	struct plan *saved;    /* owned copy as last saved or opened; NULL = never */
	char *path;	       /* owned; where F2 saves; NULL = ask */
	struct wizard *wizard; /* owned; works on plan */
	unsigned plan_gen;     /* bumped on every change of plan or language */
	struct dirty_state dirty; /* plan against saved, once per plan_gen */

	struct catalog *catalog; /* owned; loaded on first use */
	char catalog_error[1200];
	struct report *report; /* owned; built for report_gen */
	unsigned report_gen;
	/* owned; the report rendered in view->lang, for report view_gen */
	struct report_view *view;
	unsigned view_gen;
	unsigned view_serial; /* bumped on every new view */
	struct findings findings; /* plan_validate() for findings_gen */
	unsigned findings_gen;

	struct view *screens[SCREEN_COUNT];
	enum screen_id screen, prev_screen;
	struct view *overlays[APP_MAX_OVERLAYS];
	size_t n_overlays;

	struct rect area; /* between the title bar and the two status lines */
	char message[1024];
	enum style message_style;
	int cursor_y, cursor_x; /* where a line editor wants the cursor; -1 none */
	struct hit_region hits[APP_MAX_HITS];
	size_t n_hits;
	struct view *drawing; /* the view being drawn (owner of new hits) */

	char *state_dir;      /* owned; NULL when autosave is off */
	char *autosave_error; /* owned; why autosave is off, or NULL */
	char *autosave_key;   /* owned; names this plan's autosave files */
	char *autosave_path;  /* owned; the autosave of the plan; NULL when off */
	int autosave_lock;    /* flock'ed descriptor of the key's lock file, or -1 */
	char *restore_key;    /* owned; the autosave offered back, while asked */
	struct file_stamp disk; /* the plan file as opened or last saved */
	bool quit;	     /* leave the loop */
	bool quit_asking;    /* the unsaved-changes question is open */
};

/* tui.c: the frame */
void app_push(struct app *app, struct view *v);
/* Closes and frees the top overlay. */
void app_pop(struct app *app);
void app_show_screen(struct app *app, enum screen_id id);
/* Records a clickable region of the view being drawn. */
void app_hit(struct app *app, int y, int x, int w, int id, int arg);
/* A one-line message under the screen until the next key. */
void app_message(struct app *app, enum style style, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* The view that receives keys. */
struct view *app_top(struct app *app);
/* Shows a scrolling text window (takes ownership of tb's lines). */
void app_show_text(struct app *app, const char *title, struct textbuf *tb);

/* session.c: the plan, its file, autosave, language */
/* Makes plan (owned from now on) the current plan; path (copied) is where F2
 * saves; clean says whether it matches that file. */
void app_set_plan(struct app *app, struct plan *plan, const char *path, bool clean);
/* Call after every change to the plan: invalidates views and autosaves. */
void app_changed(struct app *app);
/* True when the plan differs from what was last saved or opened (compared
 * once per change, not per frame: see ucplan/dirty.h). */
bool app_dirty(struct app *app);
/* The report for the current plan, rebuilt when stale; NULL when the
 * catalog cannot be loaded (app->catalog_error says why). */
const struct report *app_report(struct app *app);
/* The report as tables of text in the current language: rendered again
 * when the report changes or the language does (no rebuild for a language
 * switch).  NULL when there is no report. */
const struct report_view *app_view(struct app *app);
/* plan_validate() of the current plan, cached. */
const struct findings *app_findings(struct app *app);
void app_save(struct app *app, bool ask_path);
void app_request_quit(struct app *app);
void app_request_open(struct app *app);
void app_choose_language(struct app *app);
/* Finds the state directory and claims the autosave of the current plan
 * (none yet: a new one); says on the status line when autosave is off. */
void app_autosave_init(struct app *app);
/* Offers the autosave of an earlier session, when there is one: of the plan
 * at app->path when one was opened, else the most recent. */
void app_offer_restore(struct app *app);
/* Writes the autosave now (signals, kill); quiet. */
void app_autosave(struct app *app);
/* Opens path and reports errors in a dialog. */
bool app_open_path(struct app *app, const char *path);
/* A file name made from the plan name ("contoso-plan"); caller frees. */
char *app_plan_slug(const struct app *app);
/* A part of a file name made from name ("Head office" gives "head-office";
 * "plan" when nothing is left); caller frees. */
char *app_slug(const char *name);
void app_session_free(struct app *app);

/* dialog.c: modal dialogs that call back when answered.  choice is the
 * button or item index, -1 when cancelled; text is the prompt's input. */
struct dlg_arg {
	void *ptr;
	long a, b;
};
typedef void (*dlg_done_fn)(struct app *app, struct dlg_arg arg, int choice, const char *text);
void dialog_message(struct app *app, const char *title, const char *text, enum style style);
/* buttons are already translated; keys holds one English hotkey letter per
 * button (may be NULL for none).  Each button's hotkey is a free letter of
 * its translated label, shown underlined; its English letter works too. */
void dialog_confirm(struct app *app, const char *title, const char *text,
		    const char *const *buttons, const char *keys, int n_buttons, int focus,
		    dlg_done_fn done, struct dlg_arg arg);
void dialog_menu(struct app *app, const char *title, const char *const *items, int n_items,
		 int selected, dlg_done_fn done, struct dlg_arg arg);
void dialog_prompt(struct app *app, const char *title, const char *text, const char *initial,
		   dlg_done_fn done, struct dlg_arg arg);

/* the screens */
struct view *welcome_new(void);
struct view *interview_new(void);
struct view *names_new(void);
struct view *reports_new(void);
struct view *topology_new(void);
struct view *textview_new(const char *title, struct textbuf *tb);
void export_dialog_open(struct app *app);

/* interview.c: shows the page of kind (of site, for a site's pages) with
 * the focus on the field of key field (may be NULL). */
void interview_goto(struct app *app, enum wizard_page_kind kind, int site, const char *field);
/* names.c: shows the names of site with the entry a finding (code and
 * message) is about highlighted. */
void names_goto(struct app *app, int site, const char *code, const char *message);

/* reports.c: the table the reports show (for the export dialog's default),
 * or -1 when they are not on screen or show the warnings. */
int reports_current_table(struct app *app);
/* reports.c: the site the reports show (the filter of the current table,
 * or of the firewall table on the Warnings tab); -1 for every site. */
int reports_current_site(struct app *app);
/* reports.c: shows table filtered to the rows of the n rule ids in ids
 * (borrowed, copied) and of site (-1: every site), the rows behind one flow
 * of the topology; the status line says so and how to see every row again. */
void reports_show_rules(struct app *app, enum catalog_table table, int site,
			const char *const *ids, size_t n);
/* topology.c: shows the Topology view, on the site the reports show when
 * they show one. */
void topology_open(struct app *app);
/* topology.c: the site the Topology view draws (-1: every site), or -2
 * when it is not on screen. */
int topology_current_site(struct app *app);
/* reports.c: the rule behind a row, for the detail window */
void reports_row_detail(struct app *app, const struct report_table *t, const struct report_row *r,
			struct textbuf *out);

#endif
