/* term.c: the one file that starts and restores the terminal.
 *
 * Curses start and end, colours or their monochrome stand-ins (NO_COLOR is
 * honoured), UTF-8 or ASCII line drawing, the mouse, and the hook that puts
 * the terminal back before an out-of-memory abort.  Nothing else in the
 * planner calls newterm, endwin or the colour functions. */
#include "app.h"

#include <langinfo.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <term.h>

#include "ucplan/i18n.h"
#include "ucplan/textwidth.h"
#include "ucplan/util.h"

struct style_def {
	short fg, bg;
	attr_t colour; /* extra attributes with colours */
	attr_t mono;   /* attributes without colours */
};

/* -1 is the terminal's own colour (use_default_colors). */
static const struct style_def style_defs[ST_COUNT] = {
    [ST_NORMAL] = {-1, -1, 0, 0},
    [ST_TITLEBAR] = {COLOR_WHITE, COLOR_BLUE, A_BOLD, A_REVERSE},
    [ST_TAB] = {COLOR_WHITE, COLOR_BLUE, 0, A_REVERSE},
    [ST_TAB_ACTIVE] = {COLOR_BLACK, COLOR_CYAN, A_BOLD, A_BOLD},
    [ST_STATUS] = {COLOR_BLACK, COLOR_CYAN, 0, A_REVERSE},
    [ST_STATUS_KEY] = {COLOR_WHITE, COLOR_BLACK, A_BOLD, A_BOLD},
    [ST_HEADING] = {COLOR_CYAN, -1, A_BOLD, A_BOLD | A_UNDERLINE},
    [ST_SELECTED] = {COLOR_BLACK, COLOR_CYAN, 0, A_REVERSE},
    [ST_DIM] = {-1, -1, A_DIM, A_DIM},
    [ST_ERROR] = {COLOR_RED, -1, A_BOLD, A_BOLD},
    [ST_WARNING] = {COLOR_YELLOW, -1, A_BOLD, A_BOLD},
    [ST_OK] = {COLOR_GREEN, -1, 0, 0},
    [ST_BUTTON] = {-1, -1, A_BOLD, A_BOLD},
    [ST_BUTTON_FOCUS] = {COLOR_WHITE, COLOR_BLUE, A_BOLD, A_REVERSE | A_BOLD},
    [ST_FIELD] = {-1, -1, A_UNDERLINE, A_UNDERLINE},
    [ST_FIELD_FOCUS] = {COLOR_BLACK, COLOR_CYAN, 0, A_REVERSE},
    [ST_EDIT] = {COLOR_WHITE, COLOR_BLUE, 0, A_UNDERLINE},
    [ST_BORDER] = {COLOR_BLUE, -1, A_BOLD, 0},
    [ST_DIALOG] = {-1, -1, 0, 0},
    [ST_TABLE_HEADER] = {COLOR_WHITE, COLOR_BLUE, A_BOLD, A_REVERSE | A_BOLD},
    [ST_SORT_COLUMN] = {COLOR_YELLOW, COLOR_BLUE, A_BOLD, A_BOLD | A_UNDERLINE},
    [ST_PLACEHOLDER] = {COLOR_YELLOW, -1, A_DIM, A_DIM},
};

static const struct glyphs utf8_glyphs = {
    .hline = "\u2500",
    .vline = "\u2502",
    .ul = "\u250c",
    .ur = "\u2510",
    .ll = "\u2514",
    .lr = "\u2518",
    .left = "\u2039",
    .right = "\u203a",
    .up = "\u25b2",
    .down = "\u25bc",
    .bar_full = "\u2588",
    .bar_empty = "\u2591",
    .bullet = "\u2022",
    .tree = "\u2514",
    .placeholder = "\u25cc",
    .error = "\u2716",
    .warning = "\u26a0",
};

static const struct glyphs ascii_glyphs = {
    .hline = "-",
    .vline = "|",
    .ul = "+",
    .ur = "+",
    .ll = "+",
    .lr = "+",
    .left = "<",
    .right = ">",
    .up = "^",
    .down = "v",
    .bar_full = "#",
    .bar_empty = ".",
    .bullet = "*",
    .tree = "`",
    .placeholder = "?",
    .error = "!",
    .warning = "!",
};

static SCREEN *screen;
static bool active;
static bool ascii;
static attr_t attrs[ST_COUNT];

static void term_die_hook(void)
{
	term_done();
}

static bool colours_wanted(void)
{
	const char *no_color = getenv("NO_COLOR");

	/* https://no-color.org: any non-empty value turns colours off. */
	return has_colors() && (no_color == NULL || no_color[0] == '\0');
}

static void term_setup_styles(void)
{
	bool colour = colours_wanted();

	if (colour) {
		start_color();
		use_default_colors();
	}
	for (int i = 0; i < ST_COUNT; i++) {
		const struct style_def *d = &style_defs[i];
		if (!colour) {
			attrs[i] = d->mono;
		} else if (i == ST_NORMAL || i >= COLOR_PAIRS) {
			attrs[i] = d->colour;
		} else {
			init_pair((short)i, d->fg, d->bg);
			attrs[i] = COLOR_PAIR(i) | d->colour;
		}
	}
}

/* True when the locale the user asked for is plain C or POSIX (or none):
 * the program runs in C.UTF-8 then (i18n.c), but the terminal's character
 * set is ASCII, so the lines are drawn in ASCII too. */
static bool user_locale_plain(void)
{
	const char *names[] = {getenv("LC_ALL"), getenv("LC_CTYPE"), getenv("LANG")};

	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
		if (names[i] && names[i][0])
			return strcmp(names[i], "C") == 0 || strcmp(names[i], "POSIX") == 0;
	return true;
}

bool term_init(void)
{
	const char *codeset = nl_langinfo(CODESET);

	/* Text is UTF-8 inside (C.UTF-8) whatever the locale: the terminal's
	 * own character set is the one i18n_init found. */
	ascii = codeset == NULL || strcmp(codeset, "UTF-8") != 0 || i18n_output_codeset() != NULL ||
		user_locale_plain();
	screen = newterm(NULL, stdout, stdin);
	if (screen) {
		/* A terminal that cannot place its cursor (TERM=dumb) would
		 * show a blank planner: refused like an unknown one. */
		const char *cup = tigetstr("cup");
		if (!cup || cup == (const char *)-1) {
			/* Nothing was drawn yet; endwin() would move the cursor
			 * to the last line and scroll the message away. */
			delscreen(screen);
			screen = NULL;
		}
	}
	if (!screen) {
		char *term = tw_neutralize(getenv("TERM") ? getenv("TERM") : "");
		fprintf(stderr,
			_("ucplan: cannot use this terminal (TERM=%s); set TERM to your "
			  "terminal's type, or use 'ucplan report'\n"),
			term);
		free(term);
		return false;
	}
	active = true;
	uc_set_die_hook(term_die_hook);
	set_escdelay(25);
	cbreak();
	noecho();
	nonl();
	intrflush(stdscr, FALSE);
	keypad(stdscr, TRUE);
	curs_set(0);
	/* The loop wakes up now and then to notice signals. */
	wtimeout(stdscr, 250);
	mousemask(BUTTON1_PRESSED | BUTTON4_PRESSED | BUTTON5_PRESSED, NULL);
	mouseinterval(0);
	term_setup_styles();
	return true;
}

void term_done(void)
{
	if (!active)
		return;
	active = false;
	endwin();
	uc_set_die_hook(NULL);
	if (screen) {
		delscreen(screen);
		screen = NULL;
	}
}

attr_t term_attr(enum style s)
{
	return s < ST_COUNT ? attrs[s] : 0;
}

const struct glyphs *term_glyphs(void)
{
	return ascii ? &ascii_glyphs : &utf8_glyphs;
}

bool term_ascii(void)
{
	return ascii;
}

void term_repaint(void)
{
	clearok(curscr, TRUE);
}

void term_redraw(void)
{
	/* After term_done stdscr is gone (the loop's views are freed later). */
	if (active)
		redrawwin(stdscr);
}
