/* interview.c: the interview, one wizard page at a time.
 *
 * The page, its fields, their values and every verdict come from the
 * wizard; this file lays them out, moves the focus and passes the user's
 * choices back.  A refusal stays in red under the field that caused it,
 * advice in yellow, until the page changes. */
#include "app.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ucplan/i18n.h"
#include "ucplan/textwidth.h"
#include "ucplan/util.h"

enum { MAX_FIELDS = 16, MSG_SIZE = 600 };

enum item_kind {
	ITEM_FIELD,
	ITEM_SITE,
	ITEM_BRANCH,
	ITEM_BACK,
	ITEM_NEXT,
	ITEM_NAMES,
	ITEM_REPORTS
};

/* Something that can have the focus. */
struct item {
	enum item_kind kind;
	size_t a, b; /* field; site; site and branch */
};

enum { HIT_ITEM = 1 };

struct interview {
	struct view base;
	size_t page; /* wizard page the state below belongs to */
	bool fresh;  /* page not yet shown */
	bool sites;  /* the page is the sites page (its letter keys apply) */
	struct item focus;
	size_t focus_pos;
	int scroll;
	char msg[MAX_FIELDS][MSG_SIZE];
	enum style msg_style[MAX_FIELDS];
	char page_msg[MSG_SIZE];
	enum style page_msg_style;
	bool editing;
	size_t edit_field;
	struct lineedit edit;
	struct findings findings; /* of the page, see page_findings() */
	bool findings_valid;
	unsigned findings_gen;
	size_t findings_page;
	char focus_key[40]; /* a field to focus when the page is entered, or "" */
};

/* A virtual canvas: rows are laid out from 0 and shown from scroll on, in
 * the screen rows [top, top + height). */
struct canvas {
	int top, height, scroll;
	bool draw;
};

static bool cv_visible(const struct canvas *cv, int row)
{
	return cv->draw && row >= cv->scroll && row < cv->scroll + cv->height;
}

static int cv_y(const struct canvas *cv, int row)
{
	return cv->top + row - cv->scroll;
}

static int cv_wrapped(const struct canvas *cv, int row, int x, int w, const char *s, attr_t attr)
{
	int rows = 0;
	size_t len;

	if (!s || !*s)
		return 0;
	while (*s) {
		const char *next = wrap_line(s, (size_t)(w > 1 ? w : 1), &len);
		if (cv_visible(cv, row + rows)) {
			char *part = xstrndup(s, len);
			draw_text(cv_y(cv, row + rows), x, w, part, attr);
			free(part);
		}
		s = next;
		rows++;
	}
	return rows;
}

/* ---- items ------------------------------------------------------------------ */

static size_t items_build(struct app *app, struct item **out)
{
	const struct wizard_page *page = wizard_page(app->wizard);
	struct plan *plan = app->plan;
	size_t n = 0, cap = 8 + page->n_fields;
	struct item *items;

	if (page->kind == WIZARD_PAGE_SITES) {
		cap += plan->n_sites;
		for (size_t s = 0; s < plan->n_sites; s++)
			cap += plan->sites[s].n_branches;
	}
	items = xcalloc(cap, sizeof *items);
	for (size_t f = 0; f < page->n_fields; f++)
		if (wizard_field_visible(app->wizard, f))
			items[n++] = (struct item){ITEM_FIELD, f, 0};
	if (page->kind == WIZARD_PAGE_SITES) {
		for (size_t s = 0; s < plan->n_sites; s++) {
			items[n++] = (struct item){ITEM_SITE, s, 0};
			for (size_t b = 0; b < plan->sites[s].n_branches; b++)
				items[n++] = (struct item){ITEM_BRANCH, s, b};
		}
	}
	if (wizard_page_index(app->wizard) > 0)
		items[n++] = (struct item){ITEM_BACK, 0, 0};
	if (page->kind == WIZARD_PAGE_REVIEW) {
		items[n++] = (struct item){ITEM_NAMES, 0, 0};
		items[n++] = (struct item){ITEM_REPORTS, 0, 0};
	} else {
		items[n++] = (struct item){ITEM_NEXT, 0, 0};
	}
	*out = items;
	return n;
}

static bool item_eq(const struct item *x, const struct item *y)
{
	return x->kind == y->kind && x->a == y->a && x->b == y->b;
}

/* Where the focus is in items, keeping it near its old place when the
 * focused item went away (a field hidden by a choice). */
static size_t focus_index(struct interview *iv, const struct item *items, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (item_eq(&items[i], &iv->focus)) {
			iv->focus_pos = i;
			return i;
		}
	if (iv->focus_pos >= n)
		iv->focus_pos = n ? n - 1 : 0;
	if (n)
		iv->focus = items[iv->focus_pos];
	return iv->focus_pos;
}

static void focus_set(struct interview *iv, const struct item *items, size_t n, size_t i)
{
	if (n == 0)
		return;
	if (i >= n)
		i = n - 1;
	iv->focus = items[i];
	iv->focus_pos = i;
}

/* Resets the per-page state when the wizard moved to another page. */
static void page_sync(struct interview *iv, struct app *app)
{
	size_t index = wizard_page_index(app->wizard);

	iv->sites = wizard_page(app->wizard)->kind == WIZARD_PAGE_SITES;
	if (!iv->fresh && index == iv->page)
		return;
	iv->fresh = false;
	iv->page = index;
	iv->scroll = 0;
	iv->focus_pos = 0;
	iv->focus = (struct item){ITEM_FIELD, 0, 0};
	memset(iv->msg, 0, sizeof iv->msg);
	iv->page_msg[0] = '\0';
	if (iv->focus_key[0]) {
		/* a jump from a finding: the field it is about */
		const struct wizard_page *page = wizard_page(app->wizard);
		for (size_t i = 0; i < page->n_fields; i++)
			if (str_eq(page->fields[i].key, iv->focus_key)) {
				iv->focus = (struct item){ITEM_FIELD, i, 0};
				iv->focus_pos = i;
			}
		iv->focus_key[0] = '\0';
		iv->fresh = false;
		if (iv->editing) {
			lineedit_fini(&iv->edit);
			iv->editing = false;
		}
		return;
	}
	if (iv->editing) {
		lineedit_fini(&iv->edit);
		iv->editing = false;
	}
	/* Start on the first field, or on Next when the page has none. */
	{
		struct item *items;
		size_t n = items_build(app, &items);
		focus_set(iv, items, n, 0);
		free(items);
	}
}

/* ---- short forms ------------------------------------------------------------- */

/* In this table C_() only joins context and text the way the catalog stores
 * them; i18n_pgettext() looks the pair up (see keys.c). */
#pragma push_macro("C_")
#undef C_
#define C_(context, s) context "\004" s

/* Field labels and choices that some languages name too long for an
 * 80-column window: each language gives a short form, used only when the
 * full one does not fit. */
static const char *const short_forms[] = {
    /* TRANSLATORS: short forms of field labels and choices of the
       interview, used only when the full one does not fit in 80 columns:
       labels at most 25 columns, choices at most 40 */
    C_("short", "Client media ports"),
    C_("short", "Exchange UM servers"),
    C_("short", "Public IM connectivity"),
    C_("short", "Stand-alone Mediation pool"),
    C_("short", "Collocated on the Front End Servers"),
    C_("short", "Scaled Edge, DNS load balancing"),
    C_("short", "Scaled Edge, hardware load balancer"),
    C_("short", "Hardware load balancer only"),
    C_("short", "Private addresses behind NAT"),
};

#pragma pop_macro("C_")

/* The translation of msgid in width columns: the full one when it fits,
 * else its short form when it has one (what does not fit even so is cut
 * with "…" where it is drawn). */
static const char *fit_label(const char *msgid, int width)
{
	const char *full = _(msgid);

	if ((int)tw_width(full) <= width)
		return full;
	for (size_t i = 0; i < sizeof short_forms / sizeof short_forms[0]; i++)
		if (str_eq(strchr(short_forms[i], '\004') + 1, msgid))
			return i18n_pgettext(short_forms[i], msgid);
	return full;
}

/* ---- values ------------------------------------------------------------------ */

static int choice_index(const struct wizard_field *f, const char *key)
{
	for (int i = 0; f->choices && f->choices[i]; i++)
		if (str_eq(f->choices[i], key))
			return i;
	return -1;
}

static int choice_count(const struct wizard_field *f)
{
	int n = 0;

	while (f->choices && f->choices[n])
		n++;
	return n;
}

/* The value as shown in width columns: a choice's translated label (its
 * short form when the full one is too wide), Yes/No, the text. */
static void field_display(struct app *app, size_t field, char *buf, size_t size, int width)
{
	const struct wizard_field *f = &wizard_page(app->wizard)->fields[field];
	char raw[512];
	int k;

	wizard_field_get(app->wizard, field, raw, sizeof raw);
	switch (f->kind) {
	case WIZARD_FIELD_CHOICE:
		k = choice_index(f, raw);
		snprintf(buf, size, "%s", k >= 0 ? fit_label(f->choice_labels[k], width) : raw);
		break;
	case WIZARD_FIELD_TOGGLE:
		snprintf(buf, size, "%s", str_eq(raw, "yes") ? _("Yes") : _("No"));
		break;
	default:
		snprintf(buf, size, "%s", raw);
		break;
	}
}

/* Passes a value to the wizard and keeps its verdict under the field. */
static bool field_set(struct interview *iv, struct app *app, size_t field, const char *value)
{
	char msg[MSG_SIZE] = "";
	enum uc_status st = wizard_field_set(app->wizard, field, value, msg, sizeof msg);

	if (field < MAX_FIELDS) {
		snprintf(iv->msg[field], MSG_SIZE, "%s", msg);
		iv->msg_style[field] = st == UC_OK ? ST_WARNING : ST_ERROR;
	}
	if (st == UC_OK)
		app_changed(app);
	return st == UC_OK;
}

static void field_step(struct interview *iv, struct app *app, size_t field, int delta)
{
	const struct wizard_field *f = &wizard_page(app->wizard)->fields[field];
	char raw[512], buf[64];

	wizard_field_get(app->wizard, field, raw, sizeof raw);
	switch (f->kind) {
	case WIZARD_FIELD_CHOICE: {
		int n = choice_count(f), k = choice_index(f, raw);
		if (n == 0)
			return;
		k = ((k < 0 ? 0 : k) + delta + n) % n;
		field_set(iv, app, field, f->choices[k]);
		break;
	}
	case WIZARD_FIELD_TOGGLE:
		field_set(iv, app, field, str_eq(raw, "yes") ? "no" : "yes");
		break;
	case WIZARD_FIELD_NUMBER: {
		long v = strtol(raw, NULL, 10) + delta;
		/* Past the limits the wizard refuses with its reason, which is
		 * shown under the field: a silent stop explained nothing. */
		if ((v < f->min && delta > 0) || (v > f->max && delta < 0))
			return;
		snprintf(buf, sizeof buf, "%ld", v);
		field_set(iv, app, field, buf);
		break;
	}
	default:
		break;
	}
}

static void edit_start(struct interview *iv, struct app *app, size_t field)
{
	char raw[1024];

	wizard_field_get(app->wizard, field, raw, sizeof raw);
	lineedit_init(&iv->edit, raw, PLAN_MAX_NAME);
	iv->editing = true;
	iv->edit_field = field;
}

/* Commits the edit; false (and still editing) when the wizard refused. */
static bool edit_commit(struct interview *iv, struct app *app)
{
	char *text = lineedit_text(&iv->edit);
	bool ok = field_set(iv, app, iv->edit_field, text);

	free(text);
	if (ok) {
		lineedit_fini(&iv->edit);
		iv->editing = false;
	}
	return ok;
}

static void choice_done(struct app *app, struct dlg_arg arg, int choice, const char *text)
{
	struct interview *iv = (struct interview *)app->screens[SCREEN_INTERVIEW];
	const struct wizard_page *page = wizard_page(app->wizard);

	(void)text;
	if (choice < 0 || (size_t)arg.b != wizard_page_index(app->wizard) ||
	    (size_t)arg.a >= page->n_fields)
		return;
	field_set(iv, app, (size_t)arg.a, page->fields[arg.a].choices[choice]);
}

static void choice_menu(struct app *app, size_t field)
{
	const struct wizard_field *f = &wizard_page(app->wizard)->fields[field];
	int n = choice_count(f);
	const char **labels = xcalloc((size_t)n + 1, sizeof *labels);
	char raw[256];

	wizard_field_get(app->wizard, field, raw, sizeof raw);
	for (int i = 0; i < n; i++)
		labels[i] = _(f->choice_labels[i]);
	dialog_menu(app, _(f->label), labels, n, choice_index(f, raw), choice_done,
		    (struct dlg_arg){NULL, (long)field, (long)wizard_page_index(app->wizard)});
	free(labels);
}

void interview_goto(struct app *app, enum wizard_page_kind kind, int site, const char *field)
{
	struct interview *iv = (struct interview *)app->screens[SCREEN_INTERVIEW];

	if (!iv || !app->wizard)
		return;
	wizard_goto(app->wizard, wizard_page_find(app->wizard, kind, site));
	snprintf(iv->focus_key, sizeof iv->focus_key, "%s", field ? field : "");
	iv->fresh = true;
	app_show_screen(app, SCREEN_INTERVIEW);
}

/* ---- sites ---------------------------------------------------------------------- */

static struct interview *interview_of(struct app *app)
{
	return (struct interview *)app->screens[SCREEN_INTERVIEW];
}

static void page_say(struct app *app, enum uc_status st, const char *msg, const char *ok_msg)
{
	struct interview *iv = interview_of(app);

	if (st == UC_OK) {
		snprintf(iv->page_msg, MSG_SIZE, "%s", msg[0] ? msg : ok_msg);
		iv->page_msg_style = msg[0] ? ST_WARNING : ST_OK;
		app_changed(app);
	} else {
		snprintf(iv->page_msg, MSG_SIZE, "%s", msg);
		iv->page_msg_style = ST_ERROR;
	}
}

static void site_add_done(struct app *app, struct dlg_arg arg, int choice, const char *text)
{
	char msg[MSG_SIZE] = "";
	enum uc_status st;

	(void)arg;
	if (choice < 0)
		return;
	st = wizard_site_add(app->wizard, text, msg, sizeof msg);
	page_say(app, st, msg, _("Site added; its pages follow this one."));
}

static void site_rename_done(struct app *app, struct dlg_arg arg, int choice, const char *text)
{
	char msg[MSG_SIZE] = "";
	enum uc_status st;

	if (choice < 0)
		return;
	st = wizard_site_rename(app->wizard, (size_t)arg.a, text, msg, sizeof msg);
	page_say(app, st, msg, _("Site renamed."));
}

static void delete_done(struct app *app, struct dlg_arg arg, int choice, const char *text)
{
	char msg[MSG_SIZE] = "";
	enum uc_status st;

	(void)text;
	if (choice != 0)
		return;
	if (arg.b < 0)
		st = wizard_site_remove(app->wizard, (size_t)arg.a, msg, sizeof msg);
	else
		st = wizard_branch_remove(app->wizard, (size_t)arg.a, (size_t)arg.b, msg,
					  sizeof msg);
	page_say(app, st, msg, arg.b < 0 ? _("Site deleted.") : _("Branch site deleted."));
}

static void branch_name_done(struct app *app, struct dlg_arg arg, int choice, const char *text)
{
	char msg[MSG_SIZE] = "";
	enum uc_status st;

	if (choice < 0)
		return;
	st = wizard_branch_add(app->wizard, (size_t)arg.a, str_empty(text) ? NULL : text,
			       (enum branch_kind)arg.b, msg, sizeof msg);
	page_say(app, st, msg, _("Branch site added."));
}

static const enum branch_kind branch_kinds[] = {BRANCH_SBA, BRANCH_SBS, BRANCH_NONE};
static const char *const branch_kind_labels[] = {
    N_("Survivable Branch Appliance (SBA)"),
    N_("Survivable Branch Server (SBS)"),
    N_("No survivable appliance"),
};

static const char *branch_kind_label(enum branch_kind k)
{
	for (size_t i = 0; i < 3; i++)
		if (branch_kinds[i] == k)
			return _(branch_kind_labels[i]);
	return "";
}

static void branch_kind_done(struct app *app, struct dlg_arg arg, int choice, const char *text)
{
	(void)text;
	if (choice < 0)
		return;
	dialog_prompt(app, _("Add branch site"),
		      _("Name of the branch site (leave empty for a numbered name):"), "",
		      branch_name_done, (struct dlg_arg){NULL, arg.a, (long)branch_kinds[choice]});
}

static void sites_command(struct interview *iv, struct app *app, enum tui_command cmd)
{
	struct plan *plan = app->plan;
	size_t site =
	    iv->focus.kind == ITEM_SITE || iv->focus.kind == ITEM_BRANCH ? iv->focus.a : 0;
	char *msg, *initial;

	if (site >= plan->n_sites)
		site = 0;
	switch (cmd) {
	case CMD_SITE_ADD:
		initial = xasprintf(_("Site %zu"), plan->n_sites + 1);
		dialog_prompt(app, _("Add site"), _("Name of the new central site:"), initial,
			      site_add_done, (struct dlg_arg){0});
		free(initial);
		break;
	case CMD_BRANCH_ADD: {
		const char *labels[3];
		for (size_t i = 0; i < 3; i++)
			labels[i] = _(branch_kind_labels[i]);
		msg = xasprintf(_("Branch site of %s"), plan->sites[site].name);
		dialog_menu(app, msg, labels, 3, 0, branch_kind_done,
			    (struct dlg_arg){NULL, (long)site, 0});
		free(msg);
		break;
	}
	case CMD_RENAME:
		if (iv->focus.kind != ITEM_SITE) {
			snprintf(iv->page_msg, MSG_SIZE, "%s",
				 _("Highlight a central site to rename it."));
			iv->page_msg_style = ST_WARNING;
			break;
		}
		dialog_prompt(app, _("Rename site"), _("New name of the site:"),
			      plan->sites[site].name, site_rename_done,
			      (struct dlg_arg){NULL, (long)site, 0});
		break;
	case CMD_DELETE: {
		const char *buttons[] = {_("Delete"), _("Cancel")};
		if (iv->focus.kind == ITEM_SITE)
			msg = xasprintf(_("Delete the site \"%s\" with its pools, servers and "
					  "branch sites?"),
					plan->sites[site].name);
		else if (iv->focus.kind == ITEM_BRANCH)
			msg = xasprintf(_("Delete the branch site \"%s\"?"),
					plan->sites[site].branches[iv->focus.b].name);
		else {
			snprintf(iv->page_msg, MSG_SIZE, "%s",
				 _("Highlight a site or a branch site to delete it."));
			iv->page_msg_style = ST_WARNING;
			break;
		}
		dialog_confirm(
		    app, _("Delete"), msg, buttons, "dc", 2, 1, delete_done,
		    (struct dlg_arg){NULL, (long)site,
				     iv->focus.kind == ITEM_BRANCH ? (long)iv->focus.b : -1});
		free(msg);
		break;
	}
	default:
		break;
	}
}

/* ---- drawing ------------------------------------------------------------------- */

static void page_title(struct app *app, char *buf, size_t size)
{
	const struct wizard_page *page = wizard_page(app->wizard);

	if (page->site >= 0 && (size_t)page->site < app->plan->n_sites) {
		/* TRANSLATORS: an interview page's title, then the site it asks
		   about, after a dash */
		snprintf(buf, size, term_ascii() ? "%s - %s" : _("%s \u2014 %s"), _(page->title),
			 app->plan->sites[page->site].name);
	} else {
		snprintf(buf, size, "%s", _(page->title));
	}
}

static void draw_progress(struct app *app, int y, int right)
{
	const struct glyphs *g = term_glyphs();
	size_t cur, total;
	char text[64];
	int bar = 16, filled, x;

	wizard_progress(app->wizard, &cur, &total);
	snprintf(text, sizeof text, _("Page %zu of %zu"), cur, total);
	x = right - bar - 1 - (int)tw_width(text);
	draw_text(y, x, (int)tw_width(text), text, term_attr(ST_DIM));
	filled = total ? (int)(((size_t)bar * cur + total - 1) / total) : 0;
	for (int i = 0; i < bar; i++)
		draw_text(y, right - bar + i, 1, i < filled ? g->bar_full : g->bar_empty,
			  term_attr(i < filled ? ST_OK : ST_DIM));
}

/* wizard_page_findings() for the page on screen, kept until the plan or
 * the page changes: validating on every frame would slow big plans. */
static const struct findings *page_findings(struct interview *iv, struct app *app)
{
	size_t page = wizard_page_index(app->wizard);

	if (!iv->findings_valid || iv->findings_gen != app->plan_gen || iv->findings_page != page) {
		if (iv->findings_valid)
			findings_free(&iv->findings);
		wizard_page_findings(app->wizard, &iv->findings);
		iv->findings_valid = true;
		iv->findings_gen = app->plan_gen;
		iv->findings_page = page;
	}
	return &iv->findings;
}

/* Lays out (and with cv->draw, draws) the scrolling part of the page.
 * Returns the rows used; focus_top and focus_rows receive the focused item's
 * place so that scrolling can keep it in view. */
static int page_layout(struct interview *iv, struct app *app, const struct canvas *cv,
		       const struct item *items, size_t n_items, int *focus_top, int *focus_rows)
{
	const struct wizard_page *page = wizard_page(app->wizard);
	const struct glyphs *g = term_glyphs();
	const struct rect *a = &app->area;
	int x = a->x + 2, w = a->w - 4, row = 0, label_w = 0, value_x, value_w;
	char value[600];

	*focus_top = 0;
	*focus_rows = 1;
	row += cv_wrapped(cv, row, x, w, _(page->intro), A_NORMAL);
	row++;
	for (size_t i = 0; i < n_items; i++) {
		int lw;
		if (items[i].kind != ITEM_FIELD)
			continue;
		lw = (int)tw_width(fit_label(page->fields[items[i].a].label, w / 3));
		if (lw > label_w)
			label_w = lw;
	}
	if (label_w > w / 3)
		label_w = w / 3;
	value_x = x + label_w + 3;
	value_w = x + w - value_x;
	for (size_t i = 0; i < n_items; i++) {
		const struct item *it = &items[i];
		const struct wizard_field *f;
		bool focused = item_eq(it, &iv->focus);
		int start = row;
		if (it->kind != ITEM_FIELD)
			continue;
		f = &page->fields[it->a];
		if (cv_visible(cv, row)) {
			int y = cv_y(cv, row);
			draw_text_pad(y, x, label_w, fit_label(f->label, label_w),
				      focused ? term_attr(ST_HEADING) : A_BOLD);
			app_hit(app, y, x, value_x - x + value_w, HIT_ITEM, (int)i);
			if (iv->editing && iv->edit_field == it->a) {
				int fw = value_w < 50 ? value_w : 50;
				lineedit_draw(&iv->edit, app, y, value_x, fw, term_attr(ST_EDIT));
			} else {
				char shown[700];
				attr_t at = term_attr(focused ? ST_FIELD_FOCUS : ST_FIELD);
				field_display(app, it->a, value, sizeof value, value_w - 4);
				switch (f->kind) {
				case WIZARD_FIELD_CHOICE:
				case WIZARD_FIELD_NUMBER: {
					/* cut with "…" inside the arrows, which stay */
					char fitted[600];
					int vw = (int)tw_width(value) < value_w - 4 ? (int)tw_width(value)
										     : value_w - 4;
					tw_fit_pad(fitted, sizeof fitted, value,
						   (size_t)(vw > 1 ? vw : 1), 0, term_ascii());
					snprintf(shown, sizeof shown, "%s %s %s", g->left, fitted,
						 g->right);
					draw_text(y, value_x, value_w, shown,
						  focused ? at : A_NORMAL);
					break;
				}
				case WIZARD_FIELD_TOGGLE:
					snprintf(shown, sizeof shown, "[%s] %s",
						 str_eq(value, _("Yes")) ? "x" : " ", value);
					draw_text(y, value_x, value_w, shown,
						  focused ? at : A_NORMAL);
					break;
				default:
					/* Example values stay marked until replaced. */
					if (f->kind == WIZARD_FIELD_FQDN && !focused &&
					    model_is_placeholder(value)) {
						snprintf(shown, sizeof shown, "%s %s",
							 g->placeholder, value);
						draw_text_pad(y, value_x,
							      value_w < 50 ? value_w : 50, shown,
							      term_attr(ST_PLACEHOLDER));
						break;
					}
					draw_text_pad(y, value_x, value_w < 50 ? value_w : 50,
						      value, at);
					break;
				}
			}
		}
		row++;
		if (it->a < MAX_FIELDS && iv->msg[it->a][0])
			row += cv_wrapped(cv, row, value_x, value_w, iv->msg[it->a],
					  term_attr(iv->msg_style[it->a]));
		if (focused) {
			*focus_top = start;
			*focus_rows = row - start;
		}
		row++;
	}
	if (page->kind == WIZARD_PAGE_SITES) {
		if (cv_visible(cv, row))
			draw_text(cv_y(cv, row), x, w, _("Central sites and their branch sites"),
				  term_attr(ST_HEADING));
		row++;
		for (size_t i = 0; i < n_items; i++) {
			const struct item *it = &items[i];
			bool focused = item_eq(it, &iv->focus);
			char line[800];
			if (it->kind != ITEM_SITE && it->kind != ITEM_BRANCH)
				continue;
			if (it->kind == ITEM_SITE) {
				const struct site *s = &app->plan->sites[it->a];
				snprintf(line, sizeof line, "%s %s%s", g->bullet, s->name,
					 s->cms ? _("  (Central Management store)") : "");
			} else {
				const struct branch *b = &app->plan->sites[it->a].branches[it->b];
				char named[700];
				/* TRANSLATORS: a branch site's name, then its kind:
				   "Cork (Survivable Branch Appliance)" */
				snprintf(named, sizeof named, _("%s (%s)"), b->name,
					 branch_kind_label(b->kind));
				snprintf(line, sizeof line, "   %s %s", g->tree, named);
			}
			if (cv_visible(cv, row)) {
				attr_t at = term_attr(focused ? ST_SELECTED : ST_NORMAL);
				draw_fill(cv_y(cv, row), x, w, focused ? at : A_NORMAL);
				draw_text(cv_y(cv, row), x + 1, w - 2, line, at);
				app_hit(app, cv_y(cv, row), x, w, HIT_ITEM, (int)i);
			}
			if (focused) {
				*focus_top = row;
				*focus_rows = 1;
			}
			row++;
		}
		row++;
		row += cv_wrapped(cv, row, x, w,
				  _("a: add a central site   b: add a branch site   r: rename   d: "
				    "delete"),
				  term_attr(ST_DIM));
	}
	if (iv->page_msg[0]) {
		row++;
		row += cv_wrapped(cv, row, x, w, iv->page_msg, term_attr(iv->page_msg_style));
	}
	if (page->kind == WIZARD_PAGE_REVIEW) {
		const struct findings *fs = page_findings(iv, app);
		char head[200];
		format_findings_count(head, sizeof head, fs->errors, fs->warnings);
		if (cv_visible(cv, row))
			draw_text(cv_y(cv, row), x, w, head,
				  term_attr(fs->errors	   ? ST_ERROR
					    : fs->warnings ? ST_WARNING
							   : ST_OK));
		row += 2;
		if (fs->count == 0)
			row += cv_wrapped(cv, row, x, w,
					  _("No findings: the plan is ready. Open the reports."),
					  term_attr(ST_OK));
		for (size_t i = 0; i < fs->count; i++) {
			const struct finding *f = &fs->items[i];
			bool err = f->severity == FINDING_ERROR;
			/* The engine's sentences name the site themselves. */
			char *line = xasprintf("%s %s", err ? g->error : g->warning, f->message);
			row +=
			    cv_wrapped(cv, row, x, w, line, term_attr(err ? ST_ERROR : ST_WARNING));
			free(line);
		}
	} else if (page->site >= 0) {
		const struct findings *fs = page_findings(iv, app);
		size_t errors = fs->errors, warnings = fs->warnings;
		if (errors || warnings) {
			char counts[200], *line;
			format_findings_count(counts, sizeof counts, errors, warnings);
			line = xasprintf(_("%s This site: %s; the review page lists them."),
					 errors ? g->error : g->warning, counts);
			row++;
			row +=
			    cv_wrapped(cv, row, x, w, line, term_attr(errors ? ST_ERROR : ST_DIM));
			free(line);
		}
		/* An error of the whole plan that a change on this page made
		 * (the last Edge gone with federation on) is said here too,
		 * not only on the review page. */
		{
			const struct findings *all = app_findings(app);
			bool first = !(errors || warnings);
			for (size_t i = 0; i < all->count; i++) {
				const struct finding *f = &all->items[i];
				char *line;
				if (f->site >= 0 || f->severity != FINDING_ERROR)
					continue;
				if (first)
					row++;
				first = false;
				line = xasprintf(_("%s The plan: %s"), g->error, f->message);
				row += cv_wrapped(cv, row, x, w, line, term_attr(ST_ERROR));
				free(line);
			}
		}
	}
	return row;
}

static const char *item_button_label(enum item_kind k)
{
	switch (k) {
	case ITEM_BACK:
		return _("< Back");
	case ITEM_NEXT:
		return _("Next >");
	case ITEM_NAMES:
		return _("Names and addresses");
	case ITEM_REPORTS:
		return _("Reports");
	default:
		return "";
	}
}

static void interview_draw(struct view *v, struct app *app)
{
	struct interview *iv = (struct interview *)v;
	const struct wizard_page *page;
	const struct rect *a = &app->area;
	struct canvas cv;
	struct item *items;
	size_t n;
	int focus_top, focus_rows, bx, help_rows = 2;
	char title[600];

	page_sync(iv, app);
	page = wizard_page(app->wizard);
	n = items_build(app, &items);
	focus_index(iv, items, n);
	/* The focused field's help gets the lines it needs (Spanish needs
	 * more than English), leaving the page at least eight. */
	if (iv->focus.kind == ITEM_FIELD && iv->focus.a < page->n_fields) {
		int need = wrap_count(_(page->fields[iv->focus.a].help), (size_t)(a->w - 4));
		int most = a->h - 3 - 1 - 8;
		help_rows = need < most ? need : most;
		if (help_rows < 2)
			help_rows = 2;
	}

	page_title(app, title, sizeof title);
	draw_text(a->y, a->x + 2, a->w - 40, title, term_attr(ST_HEADING));
	draw_progress(app, a->y, a->x + a->w - 2);
	draw_hline(a->y + 1, a->x, a->w, term_attr(ST_BORDER));

	cv.top = a->y + 2;
	cv.height = a->h - 3 - help_rows - 1;
	cv.draw = false;
	cv.scroll = 0;
	{
		int total = page_layout(iv, app, &cv, items, n, &focus_top, &focus_rows);
		bool on_button = iv->focus.kind >= ITEM_BACK;
		/* Keep the focused item in view; a button focus shows the end. */
		if (on_button)
			iv->scroll = total - cv.height;
		if (focus_top + focus_rows > iv->scroll + cv.height)
			iv->scroll = focus_top + focus_rows - cv.height;
		if (!on_button && focus_top < iv->scroll)
			iv->scroll = focus_top;
		/* The intro comes back into view once the first field has it. */
		if (!on_button && iv->focus_pos == 0)
			iv->scroll = 0;
		if (iv->scroll > total - cv.height)
			iv->scroll = total - cv.height;
		if (iv->scroll < 0)
			iv->scroll = 0;
		cv.scroll = iv->scroll;
		cv.draw = true;
		page_layout(iv, app, &cv, items, n, &focus_top, &focus_rows);
		if (iv->scroll > 0)
			draw_text(cv.top, a->x + a->w - 2, 1, term_glyphs()->up, term_attr(ST_DIM));
		if (total - iv->scroll > cv.height)
			draw_text(cv.top + cv.height - 1, a->x + a->w - 2, 1, term_glyphs()->down,
				  term_attr(ST_DIM));
	}

	/* The help of the focused field, above the buttons. */
	draw_hline(a->y + a->h - 2 - help_rows, a->x, a->w, term_attr(ST_BORDER));
	if (iv->focus.kind == ITEM_FIELD && iv->focus.a < page->n_fields)
		draw_wrapped(a->y + a->h - 1 - help_rows, a->x + 2, a->w - 4, help_rows,
			     _(page->fields[iv->focus.a].help), term_attr(ST_DIM));

	bx = a->x + a->w - 2;
	for (size_t i = n; i-- > 0;) {
		const char *label;
		int w;
		if (items[i].kind < ITEM_BACK)
			continue;
		label = item_button_label(items[i].kind);
		w = (int)tw_width(label) + 4;
		bx -= w;
		draw_button(app, a->y + a->h - 1, bx, label, item_eq(&items[i], &iv->focus),
			    HIT_ITEM, (int)i);
		bx -= 2;
	}
	free(items);
}

/* ---- keys --------------------------------------------------------------------- */

static void page_move(struct interview *iv, struct app *app, bool forward)
{
	if (iv->editing && !edit_commit(iv, app))
		return;
	if (forward) {
		if (!wizard_next(app->wizard)) {
			app_show_screen(app, SCREEN_NAMES);
			return;
		}
	} else if (!wizard_back(app->wizard)) {
		app_message(app, ST_DIM, "%s", _("This is the first page."));
	}
}

static void activate(struct interview *iv, struct app *app, const struct item *it)
{
	const struct wizard_page *page = wizard_page(app->wizard);

	switch (it->kind) {
	case ITEM_FIELD:
		switch (page->fields[it->a].kind) {
		case WIZARD_FIELD_CHOICE:
			choice_menu(app, it->a);
			break;
		case WIZARD_FIELD_TOGGLE:
			field_step(iv, app, it->a, 1);
			break;
		default:
			edit_start(iv, app, it->a);
			break;
		}
		break;
	case ITEM_SITE:
		sites_command(iv, app, CMD_RENAME);
		break;
	case ITEM_BRANCH:
		break;
	case ITEM_BACK:
		page_move(iv, app, false);
		break;
	case ITEM_NEXT:
		page_move(iv, app, true);
		break;
	case ITEM_NAMES:
		app_show_screen(app, SCREEN_NAMES);
		break;
	case ITEM_REPORTS:
		app_show_screen(app, SCREEN_REPORTS);
		break;
	}
}

static int interview_handle(struct view *v, struct app *app, const struct tui_event *ev)
{
	struct interview *iv = (struct interview *)v;
	struct item *items;
	size_t n, pos;
	int result = TUI_HANDLED;

	page_sync(iv, app);
	n = items_build(app, &items);
	pos = focus_index(iv, items, n);

	if (ev->click) {
		if (ev->hit == HIT_ITEM && ev->hit_arg >= 0 && (size_t)ev->hit_arg < n) {
			const struct item *it = &items[ev->hit_arg];
			bool again = item_eq(it, &iv->focus);
			if (iv->editing && !(it->kind == ITEM_FIELD && it->a == iv->edit_field) &&
			    !edit_commit(iv, app)) {
				free(items);
				return TUI_HANDLED;
			}
			focus_set(iv, items, n, (size_t)ev->hit_arg);
			if (it->kind >= ITEM_BACK || again)
				activate(iv, app, it);
		}
		free(items);
		return TUI_HANDLED;
	}

	if (iv->editing) {
		if (lineedit_handle(&iv->edit, ev)) {
			free(items);
			return TUI_HANDLED;
		}
		switch (ev->cmd) {
		case CMD_ACCEPT:
			edit_commit(iv, app);
			break;
		case CMD_CANCEL:
			lineedit_fini(&iv->edit);
			iv->editing = false;
			if (iv->edit_field < MAX_FIELDS)
				iv->msg[iv->edit_field][0] = '\0';
			break;
		case CMD_NEXT_FIELD:
			if (edit_commit(iv, app))
				focus_set(iv, items, n, pos + 1);
			break;
		case CMD_PREV_FIELD:
			if (edit_commit(iv, app) && pos > 0)
				focus_set(iv, items, n, pos - 1);
			break;
		default:
			/* Function keys (F1, F2, ...) still work while typing. */
			result = ev->cmd == CMD_NONE ? TUI_HANDLED : TUI_IGNORED;
			break;
		}
		free(items);
		return result;
	}

	switch (ev->cmd) {
	case CMD_NEXT_FIELD:
		focus_set(iv, items, n, ev->key == '\t' && pos + 1 >= n ? 0 : pos + 1);
		break;
	case CMD_PREV_FIELD:
		focus_set(iv, items, n, pos == 0 ? (ev->key == TK(KEY_BTAB) ? n - 1 : 0) : pos - 1);
		break;
	case CMD_HOME:
		focus_set(iv, items, n, 0);
		break;
	case CMD_END:
		focus_set(iv, items, n, n - 1);
		break;
	case CMD_LEFT:
	case CMD_RIGHT:
		if (iv->focus.kind == ITEM_FIELD)
			field_step(iv, app, iv->focus.a, ev->cmd == CMD_LEFT ? -1 : 1);
		else if (iv->focus.kind >= ITEM_BACK)
			focus_set(iv, items, n,
				  ev->cmd == CMD_LEFT ? (pos > 0 ? pos - 1 : 0) : pos + 1);
		break;
	case CMD_TOGGLE:
		if (iv->focus.kind == ITEM_FIELD &&
		    wizard_page(app->wizard)->fields[iv->focus.a].kind != WIZARD_FIELD_NUMBER)
			field_step(iv, app, iv->focus.a, 1);
		else if (iv->focus.kind != ITEM_FIELD)
			activate(iv, app, &iv->focus);
		break;
	case CMD_ENTER:
		activate(iv, app, &iv->focus);
		break;
	case CMD_NEXT_PAGE:
		page_move(iv, app, true);
		break;
	case CMD_PREV_PAGE:
	case CMD_BACK:
		page_move(iv, app, false);
		break;
	case CMD_SITE_ADD:
	case CMD_BRANCH_ADD:
	case CMD_RENAME:
	case CMD_DELETE:
		sites_command(iv, app, ev->cmd);
		break;
	default:
		/* Typing a digit on a number field starts editing with it. */
		if (ev->ch >= '0' && ev->ch <= '9' && iv->focus.kind == ITEM_FIELD &&
		    wizard_page(app->wizard)->fields[iv->focus.a].kind == WIZARD_FIELD_NUMBER) {
			char digit[2] = {(char)ev->ch, 0};
			edit_start(iv, app, iv->focus.a);
			lineedit_fini(&iv->edit);
			lineedit_init(&iv->edit, digit, 16);
			break;
		}
		result = TUI_IGNORED;
		break;
	}
	free(items);
	return result;
}

static unsigned interview_contexts(const struct view *v)
{
	const struct interview *iv = (const struct interview *)v;

	if (iv->editing)
		return CTX_EDIT | CTX_GLOBAL;
	return CTX_INTERVIEW | (iv->sites ? CTX_SITES : 0) | CTX_COMMAND | CTX_GLOBAL;
}

static void interview_help(struct view *v, struct app *app, struct textbuf *out)
{
	const struct wizard_page *page = wizard_page(app->wizard);
	char title[600];

	(void)v;
	page_title(app, title, sizeof title);
	textbuf_add(out, ST_HEADING, 0, title);
	textbuf_add(out, ST_NORMAL, 0, _(page->intro));
	textbuf_add(out, ST_NORMAL, 0, "");
	for (size_t f = 0; f < page->n_fields; f++) {
		const struct wizard_field *fd = &page->fields[f];
		if (!wizard_field_visible(app->wizard, f))
			continue;
		textbuf_add(out, ST_WARNING, 0, _(fd->label));
		textbuf_add(out, ST_NORMAL, 2, _(fd->help));
		for (int c = 0; fd->choices && fd->choices[c]; c++)
			textbuf_addf(out, ST_DIM, 4, "%s %s", term_glyphs()->bullet,
				     _(fd->choice_labels[c]));
		textbuf_add(out, ST_NORMAL, 0, "");
	}
	if (page->kind == WIZARD_PAGE_SITES)
		textbuf_add(
		    out, ST_NORMAL, 0,
		    _("a adds a central site, b adds a branch site to the highlighted "
		      "site, r renames the highlighted site, d deletes the highlighted site "
		      "or branch site."));
	textbuf_add(out, ST_DIM, 0,
		    _("Left and Right change a choice or a number, Space switches yes/no, Enter "
		      "edits a text or lists the choices; PgDn and PgUp turn the pages."));
}

static void interview_destroy(struct view *v)
{
	struct interview *iv = (struct interview *)v;

	if (iv->editing)
		lineedit_fini(&iv->edit);
	if (iv->findings_valid)
		findings_free(&iv->findings);
	free(iv);
}

static const struct view_ops interview_ops = {
    .name = "interview",
    .draw = interview_draw,
    .handle = interview_handle,
    .contexts = interview_contexts,
    .help = interview_help,
    .destroy = interview_destroy,
};

struct view *interview_new(void)
{
	struct interview *iv = xcalloc(1, sizeof *iv);

	iv->base.ops = &interview_ops;
	iv->fresh = true;
	return &iv->base;
}
