/* keys.c: the key table.
 *
 * One table maps keys to commands per context, with a short label for the
 * status line and a description for the help screen: dispatch, the status
 * line and the help are all generated from it, so they cannot disagree. */
#include "app.h"

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "ucplan/i18n.h"
#include "ucplan/textwidth.h"
#include "ucplan/util.h"

/* How much a labelled key matters on the status line: when the line is too
 * narrow the lowest go first.  F1, F2 and F10 rank low because F1 and ? list
 * them; the keys of the screen itself rank high and lose their labels rather
 * than go. */
enum status_prio {
	SP_NONE, /* not on the status line */
	SP_HINT,
	SP_LOW,
	SP_MID,
	SP_HIGH,
};

struct key_binding {
	unsigned ctx;
	int key;
	enum tui_command cmd;
	const char *label; /* msgid for the status line, or NULL */
	enum status_prio prio;
	const char *help; /* msgid for the help screen */
};

/* A call cannot stand in a constant initializer, so in the table C_() only
 * joins context and text the way the catalog stores them ("ctx\004text");
 * key_text() looks the pair up.  xgettext still sees C_() and records the
 * context. */
#pragma push_macro("C_")
#undef C_
#define C_(context, s) context "\004" s

/* Table order matters: specific contexts come first so that they win over
 * the general ones, and the help screen lists sections in this order. */
static const struct key_binding bindings[] = {
    /* text fields */
    {CTX_EDIT, '\r', CMD_ACCEPT, N_("Accept"), SP_HIGH, N_("Accept the text")},
    {CTX_EDIT, TK_ESC, CMD_CANCEL, N_("Cancel"), SP_HIGH,
     N_("Cancel the edit, keep the old value")},
    {CTX_EDIT, '\t', CMD_NEXT_FIELD, NULL, SP_NONE, N_("Accept and go to the next field")},
    {CTX_EDIT, TK(KEY_BTAB), CMD_PREV_FIELD, NULL, SP_NONE,
     N_("Accept and go to the previous field")},
    {CTX_EDIT, TK(KEY_LEFT), CMD_ED_LEFT, NULL, SP_NONE, N_("Move the cursor left")},
    {CTX_EDIT, TK(KEY_RIGHT), CMD_ED_RIGHT, NULL, SP_NONE, N_("Move the cursor right")},
    {CTX_EDIT, TK(KEY_HOME), CMD_ED_HOME, NULL, SP_NONE, N_("Go to the start of the text")},
    {CTX_EDIT, TK_CTRL('a'), CMD_ED_HOME, NULL, SP_NONE, N_("Go to the start of the text")},
    {CTX_EDIT, TK(KEY_END), CMD_ED_END, NULL, SP_NONE, N_("Go to the end of the text")},
    {CTX_EDIT, TK_CTRL('e'), CMD_ED_END, NULL, SP_NONE, N_("Go to the end of the text")},
    {CTX_EDIT, TK(KEY_BACKSPACE), CMD_ED_BACKSPACE, NULL, SP_NONE,
     N_("Delete the character before the cursor")},
    {CTX_EDIT, 127, CMD_ED_BACKSPACE, NULL, SP_NONE, N_("Delete the character before the cursor")},
    {CTX_EDIT, TK_CTRL('h'), CMD_ED_BACKSPACE, NULL, SP_NONE,
     N_("Delete the character before the cursor")},
    {CTX_EDIT, TK(KEY_DC), CMD_ED_DELETE, NULL, SP_NONE,
     N_("Delete the character under the cursor")},
    {CTX_EDIT, TK_CTRL('d'), CMD_ED_DELETE, NULL, SP_NONE,
     N_("Delete the character under the cursor")},
    {CTX_EDIT, TK_CTRL('u'), CMD_ED_KILL_START, N_("Clear"), SP_MID,
     N_("Delete everything before the cursor")},
    {CTX_EDIT, TK_CTRL('k'), CMD_ED_KILL_END, NULL, SP_NONE,
     N_("Delete everything after the cursor")},

    /* dialogs */
    {CTX_DIALOG, '\t', CMD_NEXT_FIELD, N_("Next"), SP_MID, N_("Next button")},
    {CTX_DIALOG, TK(KEY_RIGHT), CMD_NEXT_FIELD, NULL, SP_NONE, N_("Next button")},
    {CTX_DIALOG, TK(KEY_BTAB), CMD_PREV_FIELD, NULL, SP_NONE, N_("Previous button")},
    {CTX_DIALOG, TK(KEY_LEFT), CMD_PREV_FIELD, NULL, SP_NONE, N_("Previous button")},
    {CTX_DIALOG, '\r', CMD_ENTER, N_("Choose"), SP_HIGH, N_("Press the highlighted button")},
    {CTX_DIALOG, TK_ESC, CMD_CANCEL, N_("Cancel"), SP_HIGH,
     N_("Close the dialog without choosing")},

    /* menus */
    {CTX_MENU, '\r', CMD_ENTER, N_("Choose"), SP_HIGH, N_("Choose the highlighted entry")},
    {CTX_MENU, TK_ESC, CMD_CANCEL, N_("Cancel"), SP_HIGH, N_("Close the menu without choosing")},

    /* help and detail windows */
    {CTX_TEXT, TK_ESC, CMD_CANCEL, N_("Close"), SP_HIGH, N_("Close the window")},
    {CTX_TEXT, 'q', CMD_CANCEL, NULL, SP_NONE, N_("Close the window")},
    {CTX_TEXT, '\r', CMD_CANCEL, NULL, SP_NONE, N_("Close the window")},

    /* welcome */
    {CTX_WELCOME, '\r', CMD_ENTER, N_("Start"), SP_HIGH, N_("Start with the highlighted choice")},
    {CTX_WELCOME, 'n', CMD_NEW_PLAN, NULL, SP_NONE, N_("New plan: answer the interview")},
    {CTX_WELCOME, 'd', CMD_DESIGN_SITES, NULL, SP_NONE,
     N_("Design sites: start from defaults, go to names and addresses")},
    {CTX_WELCOME, 'o', CMD_OPEN, NULL, SP_NONE, N_("Open a plan file")},

    /* the sites page */
    {CTX_SITES, 'a', CMD_SITE_ADD, N_("Add site"), SP_HIGH, N_("Add a central site")},
    {CTX_SITES, 'b', CMD_BRANCH_ADD, N_("Add branch"), SP_HIGH,
     N_("Add a branch site to the highlighted site")},
    {CTX_SITES, 'r', CMD_RENAME, N_("Rename"), SP_HIGH, N_("Rename the highlighted site")},
    {CTX_SITES, 'd', CMD_DELETE, N_("Delete"), SP_HIGH,
     N_("Delete the highlighted site or branch")},
    {CTX_SITES, TK(KEY_DC), CMD_DELETE, NULL, SP_NONE, N_("Delete the highlighted site or branch")},

    /* interview */
    {CTX_INTERVIEW, TK(KEY_NPAGE), CMD_NEXT_PAGE,
     /* TRANSLATORS: status line label of PgDn in the interview (go to the
	next page); keep it short */
     C_("status", "Next"), SP_HIGH, N_("Next page")},
    {CTX_INTERVIEW, TK(KEY_PPAGE), CMD_PREV_PAGE, N_("Previous"), SP_HIGH, N_("Previous page")},
    {CTX_INTERVIEW, '\t', CMD_NEXT_FIELD, NULL, SP_NONE, N_("Next field or button")},
    {CTX_INTERVIEW, TK(KEY_DOWN), CMD_NEXT_FIELD, NULL, SP_NONE, N_("Next field or button")},
    {CTX_INTERVIEW, TK(KEY_BTAB), CMD_PREV_FIELD, NULL, SP_NONE, N_("Previous field or button")},
    {CTX_INTERVIEW, TK(KEY_UP), CMD_PREV_FIELD, NULL, SP_NONE, N_("Previous field or button")},
    {CTX_INTERVIEW, TK(KEY_LEFT), CMD_LEFT, NULL, SP_NONE, N_("Previous choice, or one less")},
    {CTX_INTERVIEW, TK(KEY_RIGHT), CMD_RIGHT, N_("Change"), SP_MID, N_("Next choice, or one more")},
    {CTX_INTERVIEW, ' ', CMD_TOGGLE, NULL, SP_NONE,
     N_("Switch a yes/no field, or the next choice")},
    {CTX_INTERVIEW, '\r', CMD_ENTER, N_("Edit"), SP_HIGH,
     N_("Edit the field, list the choices, or press the button")},
    {CTX_INTERVIEW, TK_ESC, CMD_BACK, NULL, SP_NONE, N_("Previous page")},
    {CTX_INTERVIEW, TK(KEY_HOME), CMD_HOME, NULL, SP_NONE, N_("First field")},
    {CTX_INTERVIEW, TK(KEY_END), CMD_END, NULL, SP_NONE, N_("The Next button")},

    /* names and addresses */
    {CTX_NAMES, '\r', CMD_ENTER, N_("Edit"), SP_HIGH, N_("Edit the highlighted name or address")},
    {CTX_NAMES, '\t', CMD_NEXT_TAB,
     /* TRANSLATORS: status line label of Tab on the names screen; keep it
	short */
     C_("status", "Next site"), SP_HIGH, N_("Next site")},
    {CTX_NAMES, TK(KEY_RIGHT), CMD_NEXT_TAB, NULL, SP_NONE, N_("Next site")},
    {CTX_NAMES, TK(KEY_BTAB), CMD_PREV_TAB, NULL, SP_NONE, N_("Previous site")},
    {CTX_NAMES, TK(KEY_LEFT), CMD_PREV_TAB, NULL, SP_NONE, N_("Previous site")},
    {CTX_NAMES, TK_ESC, CMD_BACK, NULL, SP_NONE, N_("Back to the previous screen")},
    {CTX_NAMES, 'a', CMD_DOMAIN_ADD, NULL, SP_NONE,
     N_("Add a SIP domain (on the SIP domains tab)")},
    {CTX_NAMES, TK(KEY_DC), CMD_DELETE, NULL, SP_NONE,
     N_("Remove the highlighted SIP domain (on the SIP domains tab)")},

    /* reports */
    {CTX_REPORT, '\r', CMD_ENTER, N_("Detail"), SP_HIGH,
     N_("Show the row in full: note, condition and provenance")},
    {CTX_REPORT, '\t', CMD_NEXT_TAB, N_("Table"), SP_HIGH, N_("Next table")},
    {CTX_REPORT, TK(KEY_BTAB), CMD_PREV_TAB, NULL, SP_NONE, N_("Previous table")},
    {CTX_REPORT, '/', CMD_SEARCH, N_("Search"), SP_HIGH, N_("Search the rows for text")},
    {CTX_REPORT, 'n', CMD_SEARCH_NEXT, NULL, SP_NONE, N_("Next match")},
    {CTX_REPORT, 'N', CMD_SEARCH_PREV, NULL, SP_NONE, N_("Previous match")},
    {CTX_REPORT, 's', CMD_FILTER_SCOPE, N_("Scope"), SP_HIGH,
     N_("Show one scope, the next one, or all")},
    {CTX_REPORT, 'f', CMD_FILTER_SITE, N_("Site"), SP_HIGH,
     N_("Show one site, the next one, or all")},
    {CTX_REPORT, '<', CMD_SORT_PREV_COLUMN, NULL, SP_NONE,
     N_("Choose the column to the left for sorting")},
    {CTX_REPORT, '>', CMD_SORT_NEXT_COLUMN, NULL, SP_NONE,
     N_("Choose the column to the right for sorting")},
    {CTX_REPORT, 'o', CMD_SORT, N_("Sort"), SP_HIGH,
     N_("Sort by the chosen column; again to reverse; a third time for the report order")},
    {CTX_REPORT, 'w', CMD_WIDE, NULL, SP_NONE,
     N_("Full-width columns (scroll with Left and Right)")},
    {CTX_REPORT, 'c', CMD_COLUMNS, N_("Columns"), SP_HINT, N_("Choose the columns to show")},
    {CTX_REPORT, TK(KEY_LEFT), CMD_LEFT, NULL, SP_NONE,
     N_("Scroll left by a column (the first column stays)")},
    {CTX_REPORT, TK(KEY_RIGHT), CMD_RIGHT, NULL, SP_NONE,
     N_("Scroll right by a column (the first column stays)")},
    {CTX_REPORT, 't', CMD_SCREEN_TOPOLOGY, N_("Topology"), SP_HINT,
     N_("The topology: the site drawn as boxes and the flows between them")},
    {CTX_REPORT, TK_ESC, CMD_BACK, NULL, SP_NONE, N_("Back to the previous screen")},

    /* reports showing the rows of one flow of the topology */
    {CTX_RULES, 'x', CMD_CLEAR_RULES, N_("All rows"), SP_HIGH,
     N_("Show every row again, not only those of the flow")},

    /* the topology */
    {CTX_TOPOLOGY, '\r', CMD_ENTER, N_("Rules"), SP_HIGH,
     N_("Show the rows of the highlighted flow in its table")},
    {CTX_TOPOLOGY, '\t', CMD_NEXT_FIELD,
     /* TRANSLATORS: status line label of Tab in the Topology view (go to
	the next flow of the picture); keep it short */
     C_("status", "Next flow"), SP_HIGH, N_("Next flow")},
    {CTX_TOPOLOGY, TK(KEY_BTAB), CMD_PREV_FIELD, NULL, SP_NONE, N_("Previous flow")},
    {CTX_TOPOLOGY, 'f', CMD_FILTER_SITE, N_("Site"), SP_HIGH,
     N_("Draw the next site, or every site")},
    {CTX_TOPOLOGY, TK(KEY_LEFT), CMD_LEFT, NULL, SP_NONE,
     N_("Scroll left, when the picture is wider than the window")},
    {CTX_TOPOLOGY, TK(KEY_RIGHT), CMD_RIGHT, NULL, SP_NONE,
     N_("Scroll right, when the picture is wider than the window")},
    {CTX_TOPOLOGY, TK_ESC, CMD_BACK, NULL, SP_NONE, N_("Back to the previous screen")},

    /* the export dialog */
    {CTX_EXPORT, '\t', CMD_NEXT_FIELD, N_("Next"), SP_MID, N_("Next field or button")},
    {CTX_EXPORT, TK(KEY_DOWN), CMD_NEXT_FIELD, NULL, SP_NONE, N_("Next field or button")},
    {CTX_EXPORT, TK(KEY_BTAB), CMD_PREV_FIELD, NULL, SP_NONE, N_("Previous field or button")},
    {CTX_EXPORT, TK(KEY_UP), CMD_PREV_FIELD, NULL, SP_NONE, N_("Previous field or button")},
    {CTX_EXPORT, ' ', CMD_TOGGLE, N_("Switch"), SP_HIGH,
     N_("Switch the format or a table on or off")},
    {CTX_EXPORT, TK(KEY_LEFT), CMD_TOGGLE, NULL, SP_NONE,
     N_("Switch the format or a table on or off")},
    {CTX_EXPORT, TK(KEY_RIGHT), CMD_TOGGLE, NULL, SP_NONE,
     N_("Switch the format or a table on or off")},
    {CTX_EXPORT, '\r', CMD_ENTER, N_("OK"), SP_HIGH,
     N_("Export (on the destination: edit it; on Cancel: close)")},
    {CTX_EXPORT, TK_ESC, CMD_CANCEL, N_("Cancel"), SP_HIGH, N_("Close without exporting")},

    /* scrolling */
    {CTX_LIST, TK(KEY_UP), CMD_UP, NULL, SP_NONE, N_("Up one line")},
    {CTX_LIST, 'k', CMD_UP, NULL, SP_NONE, N_("Up one line")},
    {CTX_LIST, TK(KEY_DOWN), CMD_DOWN, NULL, SP_NONE, N_("Down one line")},
    {CTX_LIST, 'j', CMD_DOWN, NULL, SP_NONE, N_("Down one line")},
    {CTX_LIST, TK(KEY_PPAGE), CMD_PAGE_UP, NULL, SP_NONE, N_("Up one page")},
    {CTX_LIST, TK(KEY_NPAGE), CMD_PAGE_DOWN, NULL, SP_NONE, N_("Down one page")},
    {CTX_LIST, TK(KEY_HOME), CMD_HOME, NULL, SP_NONE, N_("To the top")},
    {CTX_LIST, 'g', CMD_HOME, NULL, SP_NONE, N_("To the top")},
    {CTX_LIST, TK(KEY_END), CMD_END, NULL, SP_NONE, N_("To the bottom")},
    {CTX_LIST, 'G', CMD_END, NULL, SP_NONE, N_("To the bottom")},

    /* letters, when no text field has the focus */
    {CTX_COMMAND, '?', CMD_HELP_KEYS,
     /* TRANSLATORS: status line label of ?, which lists every key */
     N_("Keys"), SP_HINT, N_("This list of keys")},
    {CTX_COMMAND, 'L', CMD_LANGUAGE, NULL, SP_NONE, N_("Language of the screens and reports")},
    {CTX_COMMAND, ':', CMD_MENU, NULL, SP_NONE,
     N_("Every action of this screen in a menu (also Alt-M, also in text fields)")},
    {CTX_COMMAND, 'q', CMD_QUIT, NULL, SP_NONE, N_("Quit (asks when there are unsaved changes)")},

    /* function keys, everywhere */
    {CTX_GLOBAL, TK(KEY_F(1)), CMD_HELP_CONTEXT, N_("Help"), SP_LOW,
     N_("Help for this page: what it asks and what each field means")},
    {CTX_GLOBAL, TK(KEY_F(2)), CMD_SAVE, N_("Save"), SP_LOW, N_("Save the plan")},
    {CTX_GLOBAL, TK(KEY_F(3)), CMD_SAVE_AS, NULL, SP_NONE, N_("Save the plan under another name")},
    {CTX_GLOBAL, TK(KEY_F(4)), CMD_SCREEN_INTERVIEW, NULL, SP_NONE, N_("The interview")},
    {CTX_GLOBAL, TK(KEY_F(5)), CMD_SCREEN_NAMES, NULL, SP_NONE, N_("Names and addresses")},
    {CTX_GLOBAL, TK(KEY_F(6)), CMD_SCREEN_REPORTS, NULL, SP_NONE,
     N_("Reports: firewall, load balancers, IPsec, DNS, certificates...")},
    {CTX_GLOBAL, TK(KEY_F(7)), CMD_EXPORT, NULL, SP_NONE, N_("Export the tables (CSV, XML, JSON, XLSX) or a script")},
    {CTX_GLOBAL, TK(KEY_F(8)), CMD_SCREEN_TOPOLOGY, NULL, SP_NONE,
     N_("The topology: the site drawn as boxes and the flows between them")},
    {CTX_GLOBAL, TK(KEY_F(9)), CMD_OPEN, NULL, SP_NONE, N_("Open another plan file")},
    {CTX_GLOBAL, TK(KEY_F(10)), CMD_QUIT, N_("Quit"), SP_LOW,
     N_("Quit (asks when there are unsaved changes)")},
    {CTX_GLOBAL, TK_CTRL('l'), CMD_REFRESH, NULL, SP_NONE, N_("Redraw the screen")},
    /* Alt-letters, for terminals that keep the function keys for themselves;
       the menu (Alt-M) lists every action with its keys */
    /* TRANSLATORS: status line label of Alt-M, the menu of every action */
    {CTX_GLOBAL, TK_ALT('m'), CMD_MENU, N_("Menu"), SP_LOW, N_("Every action of this screen in a menu")},
    {CTX_GLOBAL, TK_ALT('h'), CMD_HELP_CONTEXT, NULL, SP_NONE, N_("Help for this page: what it asks and what each field means")},
    {CTX_GLOBAL, TK_ALT('k'), CMD_HELP_KEYS, NULL, SP_NONE, N_("This list of keys")},
    {CTX_GLOBAL, TK_ALT('s'), CMD_SAVE, NULL, SP_NONE, N_("Save the plan")},
    {CTX_GLOBAL, TK_ALT('a'), CMD_SAVE_AS, NULL, SP_NONE, N_("Save the plan under another name")},
    {CTX_GLOBAL, TK_ALT('i'), CMD_SCREEN_INTERVIEW, NULL, SP_NONE, N_("The interview")},
    {CTX_GLOBAL, TK_ALT('n'), CMD_SCREEN_NAMES, NULL, SP_NONE, N_("Names and addresses")},
    {CTX_GLOBAL, TK_ALT('r'), CMD_SCREEN_REPORTS, NULL, SP_NONE, N_("Reports: firewall, load balancers, IPsec, DNS, certificates...")},
    {CTX_GLOBAL, TK_ALT('t'), CMD_SCREEN_TOPOLOGY, NULL, SP_NONE, N_("The topology: the site drawn as boxes and the flows between them")},
    {CTX_GLOBAL, TK_ALT('e'), CMD_EXPORT, NULL, SP_NONE, N_("Export the tables (CSV, XML, JSON, XLSX) or a script")},
    {CTX_GLOBAL, TK_ALT('o'), CMD_OPEN, NULL, SP_NONE, N_("Open another plan file")},
    {CTX_GLOBAL, TK_ALT('l'), CMD_LANGUAGE, NULL, SP_NONE, N_("Language of the screens and reports")},
    {CTX_GLOBAL, TK_ALT('q'), CMD_QUIT, NULL, SP_NONE, N_("Quit (asks when there are unsaved changes)")},
};

#pragma pop_macro("C_")

#define N_BINDINGS (sizeof bindings / sizeof bindings[0])

/* Help sections, in the order the help screen shows them. */
static const struct {
	unsigned ctx;
	const char *title;
} sections[] = {
    {CTX_GLOBAL, N_("Everywhere")},
    {CTX_COMMAND, N_("Outside text fields")},
    {CTX_WELCOME, N_("Welcome screen")},
    {CTX_INTERVIEW, N_("Interview")},
    {CTX_SITES, N_("Interview: the sites page")},
    {CTX_NAMES, N_("Names and addresses")},
    {CTX_REPORT, N_("Reports")},
    {CTX_RULES, N_("Reports: the rows of one flow")},
    {CTX_TOPOLOGY, N_("Topology")},
    {CTX_LIST, N_("Lists, tables and windows")},
    {CTX_EXPORT, N_("Export dialog")},
    {CTX_EDIT, N_("Text fields")},
    {CTX_DIALOG, N_("Dialogs")},
    {CTX_MENU, N_("Menus")},
    {CTX_TEXT, N_("Help and detail windows")},
};

/* The translation of a msgid of the table, which may carry a context. */
static const char *key_text(const char *msgid)
{
	const char *text = strchr(msgid, '\004');

	return text ? i18n_pgettext(msgid, text + 1) : _(msgid);
}

enum tui_command keys_lookup(unsigned contexts, int key)
{
	for (size_t i = 0; i < N_BINDINGS; i++)
		if ((bindings[i].ctx & contexts) && bindings[i].key == key)
			return bindings[i].cmd;
	return CMD_NONE;
}

/* The translated name of a named key, or NULL.  Key names that are also
 * ordinary words ("Delete", "End") have the context "key", so that a
 * language can name the key differently from the action or the word. */
static const char *key_label(int key)
{
	switch (key) {
	case TK(KEY_UP):
		return C_("key", "Up");
	case TK(KEY_DOWN):
		return C_("key", "Down");
	case TK(KEY_LEFT):
		return C_("key", "Left");
	case TK(KEY_RIGHT):
		return C_("key", "Right");
	case TK(KEY_PPAGE):
		return _("PgUp");
	case TK(KEY_NPAGE):
		return _("PgDn");
	case TK(KEY_HOME):
		return C_("key", "Home");
	case TK(KEY_END):
		return C_("key", "End");
	case TK(KEY_BTAB):
		return _("Shift-Tab");
	case TK(KEY_BACKSPACE):
	case 127:
		return _("Backspace");
	case TK(KEY_DC):
		return C_("key", "Delete");
	case TK(KEY_ENTER):
	case '\r':
	case '\n':
		return C_("key", "Enter");
	case '\t':
		return C_("key", "Tab");
	case TK_ESC:
		return _("Esc");
	case ' ':
		return C_("key", "Space");
	default:
		return NULL;
	}
}

void keys_name(int key, char *buf, size_t size)
{
	const char *label = key_label(key);

	if (label) {
		snprintf(buf, size, "%s", label);
	} else if (key & TK_ALT_BIT) {
		int c = key & ~TK_ALT_BIT;
		/* TRANSLATORS: the name of Alt and a letter, "Alt-S" */
		snprintf(buf, size, _("Alt-%c"), c >= 'a' && c <= 'z' ? c - 'a' + 'A' : c);
	} else if (key & TK_FKEY) {
		int k = key & ~TK_FKEY;
		if (k >= KEY_F(1) && k <= KEY_F(24))
			snprintf(buf, size, "F%d", k - KEY_F0);
		else
			snprintf(buf, size, "#%d", k);
	} else if (key > 0 && key < 32) {
		snprintf(buf, size, _("Ctrl-%c"), key + '@');
	} else {
		char mb[8] = {0};
		if (key < 128) {
			mb[0] = (char)key;
		}
		snprintf(buf, size, "%s", mb);
	}
}

/* True when binding i repeats the command and help of the one before it,
 * so that the help lists both keys on one line. */
static bool same_as_previous(size_t i)
{
	return i > 0 && bindings[i - 1].ctx == bindings[i].ctx &&
	       bindings[i - 1].cmd == bindings[i].cmd &&
	       strcmp(bindings[i - 1].help, bindings[i].help) == 0;
}

/* The keys of binding i and of those after it that share its line, as
 * "Tab, Down". */
static void binding_keys(size_t i, char *keys, size_t size)
{
	/* TRANSLATORS: between the names of keys in the list of keys:
	   "Tab, Down" */
	const char *sep = C_("key", ", ");
	char name[64];

	keys[0] = '\0';
	for (size_t j = i; j < N_BINDINGS && (j == i || same_as_previous(j)); j++) {
		bool named = false;
		keys_name(bindings[j].key, name, sizeof name);
		/* Enter and Backspace have several codes; name each once. */
		for (size_t k = i; k < j && !named; k++) {
			char other[64];
			keys_name(bindings[k].key, other, sizeof other);
			named = strcmp(other, name) == 0;
		}
		if (named)
			continue;
		if (keys[0])
			strncat(keys, sep, size - strlen(keys) - 1);
		strncat(keys, name, size - strlen(keys) - 1);
	}
}

void keys_help(struct textbuf *out)
{
	char keys[256];
	int key_w = 1;

	/* The key column is as wide as the widest list of keys (the window
	 * narrows it when it must). */
	for (size_t i = 0; i < N_BINDINGS; i++) {
		if (same_as_previous(i))
			continue;
		binding_keys(i, keys, sizeof keys);
		if ((int)tw_width(keys) > key_w)
			key_w = (int)tw_width(keys);
	}
	for (size_t s = 0; s < sizeof sections / sizeof sections[0]; s++) {
		textbuf_add(out, ST_HEADING, 0, _(sections[s].title));
		for (size_t i = 0; i < N_BINDINGS; i++) {
			if (bindings[i].ctx != sections[s].ctx || same_as_previous(i))
				continue;
			binding_keys(i, keys, sizeof keys);
			textbuf_add_pair(out, ST_NORMAL, 2, keys, key_w,
					 key_text(bindings[i].help));
		}
		textbuf_add(out, ST_NORMAL, 0, "");
	}
}

/* Moves, line editing and answers: keys, not actions to pick from a menu. */
static bool is_action(enum tui_command cmd)
{
	switch (cmd) {
	case CMD_NONE:
	case CMD_UP:
	case CMD_DOWN:
	case CMD_LEFT:
	case CMD_RIGHT:
	case CMD_PAGE_UP:
	case CMD_PAGE_DOWN:
	case CMD_HOME:
	case CMD_END:
	case CMD_NEXT_FIELD:
	case CMD_PREV_FIELD:
	case CMD_ENTER:
	case CMD_TOGGLE:
	case CMD_BACK:
	case CMD_CANCEL:
	case CMD_ACCEPT:
	case CMD_REFRESH:
	case CMD_MENU:
	case CMD_ED_LEFT:
	case CMD_ED_RIGHT:
	case CMD_ED_HOME:
	case CMD_ED_END:
	case CMD_ED_BACKSPACE:
	case CMD_ED_DELETE:
	case CMD_ED_KILL_START:
	case CMD_ED_KILL_END:
		return false;
	default:
		return true;
	}
}

size_t keys_actions(unsigned contexts, int *keys, char **items, size_t max)
{
	size_t n = 0;

	for (size_t i = 0; i < N_BINDINGS && n < max; i++) {
		const struct key_binding *b = &bindings[i];
		char names[128] = "", name[32];
		bool seen = false;

		if (!(b->ctx & contexts) || !is_action(b->cmd))
			continue;
		for (size_t k = 0; k < n && !seen; k++)
			seen = keys_lookup(contexts, keys[k]) == b->cmd;
		if (seen || keys_lookup(contexts, b->key) != b->cmd)
			continue;
		/* every key that does it here: "F2, Alt-S" */
		for (size_t j = i; j < N_BINDINGS; j++) {
			if (!(bindings[j].ctx & contexts) || bindings[j].cmd != b->cmd ||
			    keys_lookup(contexts, bindings[j].key) != b->cmd)
				continue;
			keys_name(bindings[j].key, name, sizeof name);
			if (strstr(names, name))
				continue;
			if (names[0])
				strncat(names, C_("key", ", "), sizeof names - strlen(names) - 1);
			strncat(names, name, sizeof names - strlen(names) - 1);
		}
		keys[n] = b->key;
		items[n] = xasprintf("%s  (%s)", key_text(b->help), names);
		n++;
	}
	return n;
}

/* One labelled key on the status line. */
struct status_entry {
	const struct key_binding *b;
	char name[32];
	const char *label; /* translated */
	int key_w, label_w;
	bool right; /* a global key, drawn at the right end */
	bool shown;
};

/* Columns entries take when the shown ones are drawn, each followed by a
 * space, with a column between the two parts; bare drops the labels. */
static int status_width(const struct status_entry *e, size_t n, bool bare)
{
	int left = 0, right = 0;

	for (size_t i = 0; i < n; i++) {
		int w;
		if (!e[i].shown)
			continue;
		w = e[i].key_w + 1 + (bare ? 0 : e[i].label_w + 1);
		if (e[i].right)
			right += w;
		else
			left += w;
	}
	return left + right + (left && right ? 1 : 0);
}

/* Hides shown entries, the lowest priority first and among equals the last
 * one, until the line fits in width.  With labels the SP_HIGH ones stay:
 * returns false when the line does not fit even so. */
static bool status_drop(struct status_entry *e, size_t n, int width, bool bare)
{
	while (status_width(e, n, bare) > width) {
		size_t victim = n;
		for (size_t i = 0; i < n; i++)
			if (e[i].shown && (bare || e[i].b->prio < SP_HIGH) &&
			    (victim == n || e[i].b->prio <= e[victim].b->prio))
				victim = i;
		if (victim == n)
			return false;
		e[victim].shown = false;
	}
	return true;
}

/* The status line: the labelled keys of the view's own contexts on the
 * left, the global ones on the right.  When they do not fit, the least
 * important go first; when even the important ones do not fit with their
 * labels, every key is named without its label: a key the screen needs is
 * never dropped for a label.  F1 and ? list them all in any case. */
void keys_draw_status(struct app *app, int y, int width, unsigned contexts)
{
	attr_t key_attr = term_attr(ST_STATUS_KEY), text_attr = term_attr(ST_STATUS);
	const unsigned right_ctx = CTX_GLOBAL | CTX_COMMAND;
	struct status_entry entries[32];
	size_t n = 0;
	bool bare = false;
	int x, right_x;

	draw_fill(y, 0, width, text_attr);
	for (size_t i = 0; i < N_BINDINGS && n < sizeof entries / sizeof entries[0]; i++) {
		const struct key_binding *b = &bindings[i];
		struct status_entry *e = &entries[n];
		if (!b->label || !(b->ctx & contexts))
			continue;
		e->b = b;
		keys_name(b->key, e->name, sizeof e->name);
		e->label = key_text(b->label);
		e->key_w = (int)tw_width(e->name);
		e->label_w = (int)tw_width(e->label);
		e->right = (b->ctx & right_ctx) != 0;
		e->shown = true;
		n++;
	}
	if (!status_drop(entries, n, width, false)) {
		bare = true;
		for (size_t i = 0; i < n; i++)
			entries[i].shown = true;
		status_drop(entries, n, width, true);
	}

	right_x = width;
	for (size_t i = 0; i < n; i++)
		if (entries[i].shown && entries[i].right)
			right_x -= entries[i].key_w + 1 + (bare ? 0 : entries[i].label_w + 1);
	x = 0;
	for (size_t i = 0; i < n; i++) {
		const struct status_entry *e = &entries[i];
		int *at = e->right ? &right_x : &x;
		if (!e->shown)
			continue;
		draw_text(y, *at, e->key_w, e->name, key_attr);
		/* a click on a key (and its label) presses it */
		app_hit(app, y, *at, e->key_w + (bare ? 0 : 1 + e->label_w), HIT_STATUS_KEY,
			e->b->key);
		*at += e->key_w + 1;
		if (!bare) {
			draw_text(y, *at, e->label_w, e->label, text_attr);
			*at += e->label_w + 1;
		}
	}
}
