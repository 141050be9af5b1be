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

struct key_binding {
	unsigned ctx;
	int key;
	enum tui_command cmd;
	const char *label; /* msgid for the status line, or NULL */
	const char *help;  /* msgid for the help screen */
};

/* Table order matters: specific contexts come first so that they win over
 * the general ones, and the help screen lists sections in this order. */
static const struct key_binding bindings[] = {
    /* text fields */
    {CTX_EDIT, '\r', CMD_ACCEPT, N_("Accept"), N_("Accept the text")},
    {CTX_EDIT, TK_ESC, CMD_CANCEL, N_("Cancel"), N_("Cancel the edit, keep the old value")},
    {CTX_EDIT, '\t', CMD_NEXT_FIELD, NULL, N_("Accept and go to the next field")},
    {CTX_EDIT, TK(KEY_BTAB), CMD_PREV_FIELD, NULL, N_("Accept and go to the previous field")},
    {CTX_EDIT, TK(KEY_LEFT), CMD_ED_LEFT, NULL, N_("Move the cursor left")},
    {CTX_EDIT, TK(KEY_RIGHT), CMD_ED_RIGHT, NULL, N_("Move the cursor right")},
    {CTX_EDIT, TK(KEY_HOME), CMD_ED_HOME, NULL, N_("Go to the start of the text")},
    {CTX_EDIT, TK_CTRL('a'), CMD_ED_HOME, NULL, N_("Go to the start of the text")},
    {CTX_EDIT, TK(KEY_END), CMD_ED_END, NULL, N_("Go to the end of the text")},
    {CTX_EDIT, TK_CTRL('e'), CMD_ED_END, NULL, N_("Go to the end of the text")},
    {CTX_EDIT, TK(KEY_BACKSPACE), CMD_ED_BACKSPACE, NULL,
     N_("Delete the character before the cursor")},
    {CTX_EDIT, 127, CMD_ED_BACKSPACE, NULL, N_("Delete the character before the cursor")},
    {CTX_EDIT, TK_CTRL('h'), CMD_ED_BACKSPACE, NULL, N_("Delete the character before the cursor")},
    {CTX_EDIT, TK(KEY_DC), CMD_ED_DELETE, NULL, N_("Delete the character under the cursor")},
    {CTX_EDIT, TK_CTRL('d'), CMD_ED_DELETE, NULL, N_("Delete the character under the cursor")},
    {CTX_EDIT, TK_CTRL('u'), CMD_ED_KILL_START, N_("Clear"),
     N_("Delete everything before the cursor")},
    {CTX_EDIT, TK_CTRL('k'), CMD_ED_KILL_END, NULL, N_("Delete everything after the cursor")},

    /* dialogs */
    {CTX_DIALOG, '\t', CMD_NEXT_FIELD, N_("Next"), N_("Next button")},
    {CTX_DIALOG, TK(KEY_RIGHT), CMD_NEXT_FIELD, NULL, N_("Next button")},
    {CTX_DIALOG, TK(KEY_BTAB), CMD_PREV_FIELD, NULL, N_("Previous button")},
    {CTX_DIALOG, TK(KEY_LEFT), CMD_PREV_FIELD, NULL, N_("Previous button")},
    {CTX_DIALOG, '\r', CMD_ENTER, N_("Choose"), N_("Press the highlighted button")},
    {CTX_DIALOG, TK_ESC, CMD_CANCEL, N_("Cancel"), N_("Close the dialog without choosing")},

    /* menus */
    {CTX_MENU, '\r', CMD_ENTER, N_("Choose"), N_("Choose the highlighted entry")},
    {CTX_MENU, TK_ESC, CMD_CANCEL, N_("Cancel"), N_("Close the menu without choosing")},

    /* help and detail windows */
    {CTX_TEXT, TK_ESC, CMD_CANCEL, N_("Close"), N_("Close the window")},
    {CTX_TEXT, 'q', CMD_CANCEL, NULL, N_("Close the window")},
    {CTX_TEXT, '\r', CMD_CANCEL, NULL, N_("Close the window")},

    /* welcome */
    {CTX_WELCOME, '\r', CMD_ENTER, N_("Start"), N_("Start with the highlighted choice")},
    {CTX_WELCOME, 'n', CMD_NEW_PLAN, NULL, N_("New plan: answer the interview")},
    {CTX_WELCOME, 'd', CMD_DESIGN_SITES, NULL,
     N_("Design sites: start from defaults, go to names and addresses")},
    {CTX_WELCOME, 'o', CMD_OPEN, NULL, N_("Open a plan file")},

    /* the sites page */
    {CTX_SITES, 'a', CMD_SITE_ADD, N_("Add site"), N_("Add a central site")},
    {CTX_SITES, 'b', CMD_BRANCH_ADD, N_("Add branch"),
     N_("Add a branch site to the highlighted site")},
    {CTX_SITES, 'r', CMD_RENAME, N_("Rename"), N_("Rename the highlighted site")},
    {CTX_SITES, 'd', CMD_DELETE, N_("Delete"), N_("Delete the highlighted site or branch")},
    {CTX_SITES, TK(KEY_DC), CMD_DELETE, NULL, N_("Delete the highlighted site or branch")},

    /* interview */
    {CTX_INTERVIEW, TK(KEY_NPAGE), CMD_NEXT_PAGE, N_("Next page"), N_("Next page")},
    {CTX_INTERVIEW, TK(KEY_PPAGE), CMD_PREV_PAGE, N_("Previous"), N_("Previous page")},
    {CTX_INTERVIEW, '\t', CMD_NEXT_FIELD, NULL, N_("Next field or button")},
    {CTX_INTERVIEW, TK(KEY_DOWN), CMD_NEXT_FIELD, NULL, N_("Next field or button")},
    {CTX_INTERVIEW, TK(KEY_BTAB), CMD_PREV_FIELD, NULL, N_("Previous field or button")},
    {CTX_INTERVIEW, TK(KEY_UP), CMD_PREV_FIELD, NULL, N_("Previous field or button")},
    {CTX_INTERVIEW, TK(KEY_LEFT), CMD_LEFT, NULL, N_("Previous choice, or one less")},
    {CTX_INTERVIEW, TK(KEY_RIGHT), CMD_RIGHT, N_("Change"), N_("Next choice, or one more")},
    {CTX_INTERVIEW, ' ', CMD_TOGGLE, NULL, N_("Switch a yes/no field, or the next choice")},
    {CTX_INTERVIEW, '\r', CMD_ENTER, N_("Edit"),
     N_("Edit the field, list the choices, or press the button")},
    {CTX_INTERVIEW, TK_ESC, CMD_BACK, NULL, N_("Previous page")},
    {CTX_INTERVIEW, TK(KEY_HOME), CMD_HOME, NULL, N_("First field")},
    {CTX_INTERVIEW, TK(KEY_END), CMD_END, NULL, N_("The Next button")},

    /* names and addresses */
    {CTX_NAMES, '\r', CMD_ENTER, N_("Edit"), N_("Edit the highlighted name or address")},
    {CTX_NAMES, '\t', CMD_NEXT_TAB, N_("Next site"), N_("Next site")},
    {CTX_NAMES, TK(KEY_RIGHT), CMD_NEXT_TAB, NULL, N_("Next site")},
    {CTX_NAMES, TK(KEY_BTAB), CMD_PREV_TAB, NULL, N_("Previous site")},
    {CTX_NAMES, TK(KEY_LEFT), CMD_PREV_TAB, NULL, N_("Previous site")},
    {CTX_NAMES, TK_ESC, CMD_BACK, NULL, N_("Back to the previous screen")},

    /* reports */
    {CTX_REPORT, '\r', CMD_ENTER, N_("Detail"),
     N_("Show the row in full: note, condition and provenance")},
    {CTX_REPORT, '\t', CMD_NEXT_TAB, N_("Table"), N_("Next table")},
    {CTX_REPORT, TK(KEY_BTAB), CMD_PREV_TAB, NULL, N_("Previous table")},
    {CTX_REPORT, '/', CMD_SEARCH, N_("Search"), N_("Search the rows for text")},
    {CTX_REPORT, 'n', CMD_SEARCH_NEXT, NULL, N_("Next match")},
    {CTX_REPORT, 'N', CMD_SEARCH_PREV, NULL, N_("Previous match")},
    {CTX_REPORT, 's', CMD_FILTER_SCOPE, N_("Scope"), N_("Show one scope, the next one, or all")},
    {CTX_REPORT, 'f', CMD_FILTER_SITE, N_("Site"), N_("Show one site, the next one, or all")},
    {CTX_REPORT, '<', CMD_SORT_PREV_COLUMN, NULL, N_("Choose the column to the left for sorting")},
    {CTX_REPORT, '>', CMD_SORT_NEXT_COLUMN, NULL, N_("Choose the column to the right for sorting")},
    {CTX_REPORT, 'o', CMD_SORT, N_("Sort"),
     N_("Sort by the chosen column; again to reverse; a third time for the report order")},
    {CTX_REPORT, 'w', CMD_WIDE, NULL, N_("Full-width columns (scroll with Left and Right)")},
    {CTX_REPORT, TK(KEY_LEFT), CMD_LEFT, NULL, N_("Scroll left")},
    {CTX_REPORT, TK(KEY_RIGHT), CMD_RIGHT, NULL, N_("Scroll right")},
    {CTX_REPORT, TK_ESC, CMD_BACK, NULL, N_("Back to the previous screen")},

    /* the export dialog */
    {CTX_EXPORT, '\t', CMD_NEXT_FIELD, N_("Next"), N_("Next field or button")},
    {CTX_EXPORT, TK(KEY_DOWN), CMD_NEXT_FIELD, NULL, N_("Next field or button")},
    {CTX_EXPORT, TK(KEY_BTAB), CMD_PREV_FIELD, NULL, N_("Previous field or button")},
    {CTX_EXPORT, TK(KEY_UP), CMD_PREV_FIELD, NULL, N_("Previous field or button")},
    {CTX_EXPORT, ' ', CMD_TOGGLE, N_("Switch"), N_("Switch the format or a table on or off")},
    {CTX_EXPORT, TK(KEY_LEFT), CMD_TOGGLE, NULL, N_("Switch the format or a table on or off")},
    {CTX_EXPORT, TK(KEY_RIGHT), CMD_TOGGLE, NULL, N_("Switch the format or a table on or off")},
    {CTX_EXPORT, '\r', CMD_ENTER, N_("OK"), N_("Edit the path, or press the button")},
    {CTX_EXPORT, TK_ESC, CMD_CANCEL, N_("Cancel"), N_("Close without exporting")},

    /* scrolling */
    {CTX_LIST, TK(KEY_UP), CMD_UP, NULL, N_("Up one line")},
    {CTX_LIST, 'k', CMD_UP, NULL, N_("Up one line")},
    {CTX_LIST, TK(KEY_DOWN), CMD_DOWN, NULL, N_("Down one line")},
    {CTX_LIST, 'j', CMD_DOWN, NULL, N_("Down one line")},
    {CTX_LIST, TK(KEY_PPAGE), CMD_PAGE_UP, NULL, N_("Up one page")},
    {CTX_LIST, TK(KEY_NPAGE), CMD_PAGE_DOWN, NULL, N_("Down one page")},
    {CTX_LIST, TK(KEY_HOME), CMD_HOME, NULL, N_("To the top")},
    {CTX_LIST, 'g', CMD_HOME, NULL, N_("To the top")},
    {CTX_LIST, TK(KEY_END), CMD_END, NULL, N_("To the bottom")},
    {CTX_LIST, 'G', CMD_END, NULL, N_("To the bottom")},

    /* letters, when no text field has the focus */
    {CTX_COMMAND, '?', CMD_HELP_KEYS, NULL, N_("This list of keys")},
    {CTX_COMMAND, 'L', CMD_LANGUAGE, NULL, N_("Language of the screens and reports")},
    {CTX_COMMAND, 'q', CMD_QUIT, NULL, N_("Quit (asks when there are unsaved changes)")},

    /* function keys, everywhere */
    {CTX_GLOBAL, TK(KEY_F(1)), CMD_HELP_CONTEXT, N_("Help"),
     N_("Help for this page: what it asks and what each field means")},
    {CTX_GLOBAL, TK(KEY_F(2)), CMD_SAVE, N_("Save"), N_("Save the plan")},
    {CTX_GLOBAL, TK(KEY_F(3)), CMD_SAVE_AS, NULL, N_("Save the plan under another name")},
    {CTX_GLOBAL, TK(KEY_F(4)), CMD_SCREEN_INTERVIEW, NULL, N_("The interview")},
    {CTX_GLOBAL, TK(KEY_F(5)), CMD_SCREEN_NAMES, NULL, N_("Names and addresses")},
    {CTX_GLOBAL, TK(KEY_F(6)), CMD_SCREEN_REPORTS, NULL,
     N_("Reports: firewall, load balancers, IPsec, warnings")},
    {CTX_GLOBAL, TK(KEY_F(7)), CMD_EXPORT, NULL, N_("Export tables to CSV or XML")},
    {CTX_GLOBAL, TK(KEY_F(9)), CMD_OPEN, NULL, N_("Open another plan file")},
    {CTX_GLOBAL, TK(KEY_F(10)), CMD_QUIT, N_("Quit"),
     N_("Quit (asks when there are unsaved changes)")},
    {CTX_GLOBAL, TK_CTRL('l'), CMD_REFRESH, NULL, N_("Redraw the screen")},
};

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
    {CTX_LIST, N_("Lists, tables and windows")},
    {CTX_EXPORT, N_("Export dialog")},
    {CTX_EDIT, N_("Text fields")},
    {CTX_DIALOG, N_("Dialogs")},
    {CTX_MENU, N_("Menus")},
    {CTX_TEXT, N_("Help and detail windows")},
};

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
			textbuf_add_pair(out, ST_NORMAL, 2, keys, key_w, _(bindings[i].help));
		}
		textbuf_add(out, ST_NORMAL, 0, "");
	}
}

/* The status line: the labelled keys of the view's own contexts on the
 * left, the global ones on the right. */
void keys_draw_status(int y, int width, unsigned contexts)
{
	attr_t key_attr = term_attr(ST_STATUS_KEY), text_attr = term_attr(ST_STATUS);
	const unsigned right_ctx = CTX_GLOBAL | CTX_COMMAND;
	char name[32], label[128];
	int right_w = 0, x;

	draw_fill(y, 0, width, text_attr);
	/* Measure the right part first so that the left part knows its room. */
	for (int pass = 0; pass < 2; pass++) {
		x = pass == 0 ? 0 : width - right_w;
		for (size_t i = 0; i < N_BINDINGS; i++) {
			const struct key_binding *b = &bindings[i];
			int kw, lw;
			if (!b->label || !(b->ctx & contexts) || !(b->ctx & right_ctx))
				continue;
			keys_name(b->key, name, sizeof name);
			snprintf(label, sizeof label, " %s ", _(b->label));
			kw = (int)tw_width(name);
			lw = (int)tw_width(label);
			if (pass == 0) {
				right_w += kw + lw;
			} else if (x >= 0) {
				draw_text(y, x, kw, name, key_attr);
				draw_text(y, x + kw, lw, label, text_attr);
				x += kw + lw;
			}
		}
	}
	if (right_w > width)
		right_w = 0;
	x = 0;
	for (size_t i = 0; i < N_BINDINGS; i++) {
		const struct key_binding *b = &bindings[i];
		int kw, lw;
		if (!b->label || !(b->ctx & contexts) || (b->ctx & right_ctx))
			continue;
		keys_name(b->key, name, sizeof name);
		snprintf(label, sizeof label, " %s ", _(b->label));
		kw = (int)tw_width(name);
		lw = (int)tw_width(label);
		if (x + kw + lw > width - right_w - 1)
			break;
		draw_text(y, x, kw, name, key_attr);
		draw_text(y, x + kw, lw, label, text_attr);
		x += kw + lw;
	}
}
