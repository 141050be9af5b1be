/* names.c: the names and addresses of each site, edited in place.
 *
 * The list is the wizard's (wizard_addresses); each edit goes through
 * address_set, which refuses malformed values and keeps the old one.  A
 * last tab lists the plan-wide names (wizard_plan_names): the SIP domains
 * and their simple URLs, added, removed and edited with the interview's
 * checks (wizard_plan_name_set, wizard_domain_add and _remove).
 * Example values from the documentation ranges stay marked until the user
 * replaces them. */
#include "app.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ucplan/i18n.h"
#include "ucplan/tableview.h"
#include "ucplan/textwidth.h"
#include "ucplan/util.h"

enum { HIT_ROW = 1, HIT_SITE };

struct names {
	struct view base;
	size_t site;
	bool plan_wide; /* the SIP domains tab, after the sites */
	struct address_entry *entries; /* from wizard_addresses, owned */
	size_t n;
	unsigned *group_size; /* members per group, indexed by group */
	unsigned gen;	      /* app->plan_gen the list was made for */
	size_t top, sel;
	int page;
	bool editing;
	struct lineedit edit;
	char msg[600];
	enum style msg_style;
	int label_need, value_need; /* widest label and value, from the listing */
	bool any_placeholder;
};

/* The label of entry i with base as its text: the member number when the
 * group has several, and the branch it belongs to. */
static void label_compose(const struct names *nv, size_t i, const char *base, char *buf,
			  size_t size)
{
	const struct address_entry *e = &nv->entries[i];
	char member[16] = "";

	if (nv->group_size[e->group] > 1)
		snprintf(member, sizeof member, " %u", e->member + 1);
	snprintf(buf, size, "%s%s", base, member);
	if (e->detail) {
		char named[700];
		snprintf(named, sizeof named, "%s", buf);
		/* TRANSLATORS: a name or address to enter, then the branch
		   site it belongs to: "Branch appliance (Cork)" */
		snprintf(buf, size, _("%s (%s)"), named, e->detail);
	}
}

/* The label of entry i in at most width columns (no limit when width is 0).
 * The member number and the branch are what tell the rows of a group apart,
 * so a label too wide is cut in its text, before them: "Web Conferencing
 * Edge exte… 1", "IP del Survivable Br… (Cork)". */
static void names_label(const struct names *nv, size_t i, int width, char *buf, size_t size)
{
	const char *base = _(nv->entries[i].label);
	const char *ellipsis = term_ascii() ? "~" : "\xe2\x80\xa6";
	/* Below this the text says nothing; the end is cut instead. */
	const int min_base = 6;
	char cut[700];
	size_t bytes;
	int base_w, room;

	label_compose(nv, i, base, buf, size);
	if (width <= 0 || (int)tw_width(buf) <= width)
		return;
	base_w = (int)tw_width(base);
	room = base_w - ((int)tw_width(buf) - width);
	if (room < min_base)
		room = base_w < min_base ? base_w : min_base;
	if (room >= base_w)
		return;
	bytes = tw_fit(base, (size_t)(room - 1), NULL);
	while (bytes > 0 && base[bytes - 1] == ' ')
		bytes--;
	snprintf(cut, sizeof cut, "%.*s%s", (int)bytes, base, ellipsis);
	label_compose(nv, i, cut, buf, size);
}

static void names_refresh(struct names *nv, struct app *app)
{
	unsigned groups = 0;

	if (nv->entries && nv->gen == app->plan_gen)
		return;
	free(nv->entries);
	free(nv->group_size);
	if (nv->site >= app->plan->n_sites)
		nv->site = 0;
	nv->n = nv->plan_wide ? wizard_plan_names(app->plan, &nv->entries)
			      : wizard_addresses(app->plan, nv->site, &nv->entries);
	for (size_t i = 0; i < nv->n; i++)
		if (nv->entries[i].group + 1 > groups)
			groups = nv->entries[i].group + 1;
	nv->group_size = xcalloc(groups ? groups : 1, sizeof *nv->group_size);
	for (size_t i = 0; i < nv->n; i++)
		nv->group_size[nv->entries[i].group]++;
	nv->gen = app->plan_gen;
	/* Measured once per listing, not per frame. */
	nv->label_need = 0;
	nv->value_need = 20;
	nv->any_placeholder = false;
	for (size_t i = 0; i < nv->n; i++) {
		const char *value = *nv->entries[i].value;
		char label[700];
		names_label(nv, i, 0, label, sizeof label);
		if ((int)tw_width(label) > nv->label_need)
			nv->label_need = (int)tw_width(label);
		if (value && (int)tw_width(value) + 3 > nv->value_need)
			nv->value_need = (int)tw_width(value) + 3;
		if (value && model_is_placeholder(value))
			nv->any_placeholder = true;
	}
	if (nv->sel >= nv->n)
		nv->sel = nv->n ? nv->n - 1 : 0;
}

static void draw_site_tabs(struct names *nv, struct app *app, int y)
{
	const struct rect *a = &app->area;
	int total = 0, x = a->x + 1;
	char buf[600];

	/* TRANSLATORS: the names screen's tab of the plan-wide names, after
	   the sites' tabs */
	const char *domains = _("SIP domains");

	for (size_t s = 0; s < app->plan->n_sites; s++)
		total += (int)tw_width(app->plan->sites[s].name) + 3;
	total += (int)tw_width(domains) + 3;
	if (total <= a->w - 2) {
		/* the sites, then the SIP domains (index n_sites) */
		for (size_t s = 0; s <= app->plan->n_sites; s++) {
			bool here = s == app->plan->n_sites ? nv->plan_wide
							    : !nv->plan_wide && s == nv->site;
			int w;
			char *shown;

			snprintf(buf, sizeof buf, " %s ",
				 s == app->plan->n_sites ? domains : app->plan->sites[s].name);
			/* a name with control characters is drawn with escapes:
			 * the tab is as wide as what is drawn */
			shown = tw_is_clean(buf) ? NULL : tw_neutralize(buf);
			w = (int)tw_width(shown ? shown : buf);
			free(shown);
			draw_text(y, x, w, buf, term_attr(here ? ST_TAB_ACTIVE : ST_TAB));
			app_hit(app, y, x, w, HIT_SITE, (int)s);
			x += w + 1;
		}
		return;
	}
	/* Too many sites for tabs: name the current one and count. */
	if (nv->plan_wide)
		snprintf(buf, sizeof buf, "%s", _("SIP domains and simple URLs   (Tab: next site)"));
	else
		snprintf(buf, sizeof buf, _("Site %zu of %zu: %s   (Tab: next site)"),
			 nv->site + 1, app->plan->n_sites, app->plan->sites[nv->site].name);
	draw_text(y, x, a->w - 2, buf, term_attr(ST_TAB_ACTIVE));
}

static void names_draw(struct view *v, struct app *app)
{
	struct names *nv = (struct names *)v;
	const struct rect *a = &app->area;
	const struct glyphs *g = term_glyphs();
	int label_w = 0, value_x, value_w, tag_w, y0 = a->y + 3, value_need, avail;
	char label[700], live[600] = "", who[400];
	enum style live_style = ST_ERROR;

	names_refresh(nv, app);
	draw_site_tabs(nv, app, a->y);
	draw_hline(a->y + 1, a->x, a->w, term_attr(ST_BORDER));
	nv->page = a->h - 6;
	if (nv->page < 1)
		nv->page = 1;
	tableview_clamp(nv->n, (size_t)nv->page, &nv->top, &nv->sel);

	/* Values (at most an FQDN) get what they need; labels the rest. */
	label_w = nv->label_need;
	value_need = nv->value_need;
	tag_w = (int)tw_width(_("example"));
	if ((int)tw_width(_("incomplete")) > tag_w)
		tag_w = (int)tw_width(_("incomplete"));
	if ((int)tw_width(_("invalid")) > tag_w)
		tag_w = (int)tw_width(_("invalid"));
	tag_w += 1;
	avail = a->w - 6 - tag_w;
	if (label_w > avail - value_need)
		label_w = avail - value_need;
	if (label_w < avail / 3)
		label_w = avail / 3;
	value_x = a->x + 2 + label_w + 2;
	value_w = avail - label_w;

	draw_fill(a->y + 2, a->x, a->w, term_attr(ST_TABLE_HEADER));
	draw_text(a->y + 2, a->x + 2, label_w, _("Name or address"), term_attr(ST_TABLE_HEADER));
	draw_text(a->y + 2, value_x, value_w, _("Value"), term_attr(ST_TABLE_HEADER));

	if (nv->n == 0)
		draw_text(y0, a->x + 2, a->w - 4, _("This site has nothing to name."),
			  term_attr(ST_DIM));
	for (size_t i = nv->top; i < nv->n && (int)(i - nv->top) < nv->page; i++) {
		const struct address_entry *e = &nv->entries[i];
		const char *value = *e->value;
		int y = y0 + (int)(i - nv->top);
		bool sel = i == nv->sel;
		bool placeholder = value && model_is_placeholder(value);
		attr_t row = sel ? term_attr(ST_SELECTED) : A_NORMAL;

		if (sel)
			draw_fill(y, a->x, a->w, row);
		names_label(nv, i, label_w, label, sizeof label);
		draw_text_pad(y, a->x + 2, label_w, label, row);
		app_hit(app, y, a->x, a->w, HIT_ROW, (int)i);
		if (sel && nv->editing) {
			char *text = lineedit_text(&nv->edit);
			enum address_verdict verdict =
			    address_check(e->kind, text, live, sizeof live);
			lineedit_draw(&nv->edit, app, y, value_x, value_w, term_attr(ST_EDIT));
			/* The verdict as typed; address_set has the last word.  A
			 * value used elsewhere is named as it is typed. */
			if (verdict == ADDRESS_VALID &&
			    address_duplicate(app->plan, e->kind, text, e->value, who, sizeof who)) {
				snprintf(live, sizeof live, _("Already used by %s."), who);
				live_style = ST_WARNING;
			} else {
				live_style = ST_ERROR;
			}
			draw_text(y, value_x + value_w + 1, tag_w,
				  verdict == ADDRESS_VALID	  ? _("valid")
				  : verdict == ADDRESS_INCOMPLETE ? _("incomplete")
								  : _("invalid"),
				  verdict == ADDRESS_INVALID ? term_attr(ST_ERROR)
							     : row | (verdict == ADDRESS_VALID ? A_BOLD : 0));
			free(text);
			continue;
		}
		if (!value || !*value) {
			draw_text(y, value_x, value_w, _("(missing)"),
				  sel ? row : term_attr(ST_ERROR));
		} else if (placeholder) {
			char shown[700];
			snprintf(shown, sizeof shown, "%s %s", g->placeholder, value);
			draw_text(y, value_x, value_w, shown,
				  sel ? row : term_attr(ST_PLACEHOLDER));
			draw_text(y, value_x + value_w + 1, tag_w, _("example"),
				  sel ? row : term_attr(ST_PLACEHOLDER));
		} else {
			draw_text(y, value_x + 2, value_w - 2, value, row | A_BOLD);
		}
	}
	if (nv->n > (size_t)nv->page) {
		char pos[64];
		snprintf(pos, sizeof pos, "%zu/%zu", nv->sel + 1, nv->n);
		draw_text_right(a->y + 2, a->x, a->w - 1, pos, term_attr(ST_TABLE_HEADER));
	}
	draw_hline(a->y + a->h - 3, a->x, a->w, term_attr(ST_BORDER));
	if (live[0])
		draw_wrapped(a->y + a->h - 2, a->x + 2, a->w - 4, 2, live, term_attr(live_style));
	else if (nv->msg[0])
		draw_wrapped(a->y + a->h - 2, a->x + 2, a->w - 4, 2, nv->msg,
			     term_attr(nv->msg_style));
	else if (nv->plan_wide)
		draw_wrapped(a->y + a->h - 2, a->x + 2, a->w - 4, 2,
			     _("a adds a SIP domain; Delete removes the highlighted one. Enter edits "
			       "the highlighted line."),
			     term_attr(ST_DIM));
	else if (nv->any_placeholder) {
		char legend[400];
		snprintf(legend, sizeof legend,
			 _("%s example value from the documentation ranges: replace it with your "
			   "own. Enter edits the highlighted line."),
			 g->placeholder);
		draw_wrapped(a->y + a->h - 2, a->x + 2, a->w - 4, 2, legend, term_attr(ST_DIM));
	}
}

static struct names *names_of(struct app *app)
{
	return (struct names *)app->screens[SCREEN_NAMES];
}

void names_goto(struct app *app, int site, const char *code, const char *message)
{
	struct names *nv = names_of(app);
	size_t pick = 0;
	bool found = false;

	if (!nv || !app->plan)
		return;
	if (site >= 0 && (size_t)site < app->plan->n_sites &&
	    ((size_t)site != nv->site || nv->plan_wide)) {
		nv->site = (size_t)site;
		nv->plan_wide = false;
		nv->gen = app->plan_gen - 1; /* list the site's entries again */
	}
	if (nv->editing) {
		lineedit_fini(&nv->edit);
		nv->editing = false;
	}
	names_refresh(nv, app);
	/* The entry the finding is about: the one whose value it quotes, the
	 * first one missing, or the first placeholder. */
	for (size_t i = 0; i < nv->n && !found; i++) {
		const char *v = *nv->entries[i].value;
		char quoted[400];
		if (str_empty(v)) {
			found = strstr(code, "missing") || strstr(code, "empty");
		} else {
			snprintf(quoted, sizeof quoted, "\u201c%s\u201d", v);
			found = (message && strstr(message, quoted)) ||
				(str_eq(code, "placeholders") && model_is_placeholder(v));
		}
		if (found)
			pick = i;
	}
	nv->sel = pick;
	nv->top = pick > 3 ? pick - 3 : 0;
	nv->msg[0] = '\0';
	app_show_screen(app, SCREEN_NAMES);
}

static void number_done(struct app *app, struct dlg_arg arg, int choice, const char *text)
{
	struct names *nv = names_of(app);
	size_t changed;

	(void)text;
	if (choice != 0)
		return;
	names_refresh(nv, app);
	changed = address_number_rest(nv->entries, nv->n, (size_t)arg.a);
	if (changed)
		app_changed(app);
	snprintf(nv->msg, sizeof nv->msg,
		 P_("Numbered %zu more entry.", "Numbered %zu more entries.", changed), changed);
	nv->msg_style = ST_OK;
}

static void edit_commit(struct names *nv, struct app *app)
{
	struct address_entry *e = &nv->entries[nv->sel];
	char *text = lineedit_text(&nv->edit);
	char msg[600] = "";
	size_t idx = nv->sel;
	unsigned group = e->group;
	bool first = e->member == 0;

	if ((nv->plan_wide ? wizard_plan_name_set(app->plan, e, text, msg, sizeof msg)
			   : address_set(e, text, msg, sizeof msg)) != UC_OK) {
		/* Keep the editor open with the typed text, so it can be fixed. */
		snprintf(nv->msg, sizeof nv->msg, "%s", msg);
		nv->msg_style = ST_ERROR;
		free(text);
		return;
	}
	free(text);
	lineedit_fini(&nv->edit);
	nv->editing = false;
	nv->msg[0] = '\0';
	app_changed(app);
	if (first && nv->group_size[group] > 1) {
		const char *buttons[] = {_("Yes"), _("No")};
		dialog_confirm(app, _("Number the rest?"),
			       _("Number the rest? The other members of this group get the next "
				 "names or addresses, counting up from this one."),
			       buttons, "yn", 2, 0, number_done,
			       (struct dlg_arg){NULL, (long)idx, 0});
	}
}

/* site n_sites is the SIP domains tab */
static void site_select(struct names *nv, struct app *app, size_t site)
{
	nv->plan_wide = site == app->plan->n_sites;
	nv->site = site < app->plan->n_sites ? site : nv->site < app->plan->n_sites ? nv->site : 0;
	free(nv->entries);
	nv->entries = NULL; /* list again */
	nv->sel = nv->top = 0;
	nv->msg[0] = '\0';
}

static void site_step(struct names *nv, struct app *app, int delta)
{
	size_t n = app->plan->n_sites + 1, at = nv->plan_wide ? n - 1 : nv->site;

	site_select(nv, app, (at + (delta < 0 ? n - 1 : 1)) % n);
}

static void domain_added(struct app *app, struct dlg_arg arg, int choice, const char *text)
{
	struct names *nv = names_of(app);

	(void)arg;
	if (choice != 0 || !text)
		return;
	if (wizard_domain_add(app->plan, text, nv->msg, sizeof nv->msg) != UC_OK) {
		nv->msg_style = ST_ERROR;
		return;
	}
	app_changed(app);
	snprintf(nv->msg, sizeof nv->msg, _("Added the SIP domain %s and its Meet simple URL."),
		 app->plan->domains[app->plan->n_domains - 1].name);
	nv->msg_style = ST_OK;
	/* the new domain's row */
	names_refresh(nv, app);
	nv->sel = nv->n > 4 ? nv->n - 4 : 0;
	for (size_t i = 0; i < nv->n; i++)
		if (nv->entries[i].value == &app->plan->domains[app->plan->n_domains - 1].name)
			nv->sel = i;
}

static void domain_removed(struct app *app, struct dlg_arg arg, int choice, const char *text)
{
	struct names *nv = names_of(app);
	char name[400];

	(void)text;
	if (choice != 0 || (size_t)arg.a >= app->plan->n_domains)
		return;
	snprintf(name, sizeof name, "%s", app->plan->domains[arg.a].name);
	if (wizard_domain_remove(app->plan, (size_t)arg.a, nv->msg, sizeof nv->msg) != UC_OK) {
		nv->msg_style = ST_ERROR;
		return;
	}
	app_changed(app);
	snprintf(nv->msg, sizeof nv->msg, _("Removed the SIP domain %s."), name);
	nv->msg_style = ST_OK;
}

/* a: a SIP domain more, named in a prompt (on the SIP domains tab, which
 * the key opens from a site's). */
static void domain_add(struct names *nv, struct app *app)
{
	if (!nv->plan_wide)
		site_select(nv, app, app->plan->n_sites);
	dialog_prompt(app, _("Add a SIP domain"),
		      _("Another domain your users sign in with; it gets its DNS records, "
			"certificate entries and Meet simple URL (meet.<domain>)."),
		      "", domain_added, (struct dlg_arg){0});
}

/* Delete: the highlighted SIP domain beyond the first (its row or its
 * Meet simple URL's), after a question. */
static void domain_delete(struct names *nv, struct app *app)
{
	const struct plan *p = app->plan;
	char text[600];

	if (!nv->plan_wide || nv->sel >= nv->n)
		return;
	for (size_t i = 0; i < p->n_domains; i++) {
		const char *buttons[] = {_("Remove"), _("Cancel")};

		if (nv->entries[nv->sel].value != &p->domains[i].name &&
		    nv->entries[nv->sel].value != &p->domains[i].meet)
			continue;
		snprintf(text, sizeof text,
			 _("Remove the SIP domain %s and its Meet simple URL from the plan?"),
			 p->domains[i].name ? p->domains[i].name : "?");
		dialog_confirm(app, _("Remove a SIP domain"), text, buttons, "rc", 2, 1,
			       domain_removed, (struct dlg_arg){NULL, (long)i, 0});
		return;
	}
	snprintf(nv->msg, sizeof nv->msg, "%s",
		 _("Only a SIP domain after the first can be removed; the plan needs its first "
		   "one (edit it with Enter)."));
	nv->msg_style = ST_WARNING;
}

static int names_handle(struct view *v, struct app *app, const struct tui_event *ev)
{
	struct names *nv = (struct names *)v;
	size_t page = nv->page > 1 ? (size_t)nv->page - 1 : 1;

	names_refresh(nv, app);
	if (ev->click) {
		if (nv->editing)
			edit_commit(nv, app);
		if (nv->editing)
			return TUI_HANDLED;
		if (ev->hit == HIT_SITE && (size_t)ev->hit_arg <= app->plan->n_sites) {
			site_select(nv, app, (size_t)ev->hit_arg);
		} else if (ev->hit == HIT_ROW) {
			if ((size_t)ev->hit_arg == nv->sel && nv->n) {
				lineedit_init(&nv->edit, *nv->entries[nv->sel].value, 320);
				nv->editing = true;
			}
			nv->sel = (size_t)ev->hit_arg;
		}
		return TUI_HANDLED;
	}
	if (nv->editing) {
		if (lineedit_handle(&nv->edit, ev))
			return TUI_HANDLED;
		switch (ev->cmd) {
		case CMD_ACCEPT:
			edit_commit(nv, app);
			return TUI_HANDLED;
		case CMD_NEXT_FIELD:
		case CMD_PREV_FIELD:
			edit_commit(nv, app);
			if (!nv->editing && app->n_overlays == 0) {
				if (ev->cmd == CMD_NEXT_FIELD && nv->sel + 1 < nv->n)
					nv->sel++;
				else if (ev->cmd == CMD_PREV_FIELD && nv->sel > 0)
					nv->sel--;
			}
			return TUI_HANDLED;
		case CMD_CANCEL:
			lineedit_fini(&nv->edit);
			nv->editing = false;
			nv->msg[0] = '\0';
			return TUI_HANDLED;
		default:
			return ev->cmd == CMD_NONE ? TUI_HANDLED : TUI_IGNORED;
		}
	}
	nv->msg[0] = '\0';
	switch (ev->cmd) {
	case CMD_UP:
		if (nv->sel > 0)
			nv->sel--;
		break;
	case CMD_DOWN:
		if (nv->sel + 1 < nv->n)
			nv->sel++;
		break;
	case CMD_PAGE_UP:
		nv->sel = nv->sel > page ? nv->sel - page : 0;
		break;
	case CMD_PAGE_DOWN:
		nv->sel += page;
		break;
	case CMD_HOME:
		nv->sel = 0;
		break;
	case CMD_END:
		nv->sel = nv->n ? nv->n - 1 : 0;
		break;
	case CMD_NEXT_TAB:
		site_step(nv, app, 1);
		break;
	case CMD_PREV_TAB:
		site_step(nv, app, -1);
		break;
	case CMD_ENTER:
		if (nv->n) {
			lineedit_init(&nv->edit, *nv->entries[nv->sel].value, 320);
			nv->editing = true;
		}
		break;
	case CMD_DOMAIN_ADD:
		domain_add(nv, app);
		break;
	case CMD_DELETE:
		domain_delete(nv, app);
		break;
	case CMD_BACK:
		app_show_screen(app, app->prev_screen == SCREEN_WELCOME ||
					     app->prev_screen == SCREEN_NAMES
					 ? SCREEN_INTERVIEW
					 : app->prev_screen);
		break;
	default:
		return TUI_IGNORED;
	}
	if (nv->n)
		tableview_clamp(nv->n, (size_t)(nv->page > 0 ? nv->page : 1), &nv->top, &nv->sel);
	return TUI_HANDLED;
}

static unsigned names_contexts(const struct view *v)
{
	const struct names *nv = (const struct names *)v;

	if (nv->editing)
		return CTX_EDIT | CTX_GLOBAL;
	return CTX_NAMES | CTX_LIST | CTX_COMMAND | CTX_GLOBAL;
}

static void names_help(struct view *v, struct app *app, struct textbuf *out)
{
	(void)v;
	(void)app;
	textbuf_add(out, ST_HEADING, 0, _("Names and addresses"));
	textbuf_add(out, ST_NORMAL, 0,
		    _("Every pool, server, Edge interface, virtual IP, gateway and branch "
		      "appliance of the site, with its FQDN or IP address. The reports use these "
		      "values in every rule."));
	textbuf_add(out, ST_NORMAL, 0, "");
	textbuf_add(
	    out, ST_NORMAL, 0,
	    _("Enter edits the highlighted value; IPv4 (192.0.2.10) and IPv6 (2001:db8::10) "
	      "addresses and fully qualified names are checked when you press Enter, and "
	      "a refused value leaves the old one in place."));
	textbuf_add(out, ST_NORMAL, 0,
		    _("After editing the first member of a group (the first Front End Server, "
		      "say), ucplan offers to number the rest: fe01, fe02, ... or .11, .12, ..."));
	textbuf_add(out, ST_NORMAL, 0,
		    _("Values marked as examples come from the documentation ranges (example.com, "
		      "192.0.2.0/24, 2001:db8::/32); replace them before you apply the tables."));
	textbuf_add(out, ST_NORMAL, 0, _("Tab and Shift-Tab switch between sites."));
	textbuf_add(out, ST_NORMAL, 0, "");
	textbuf_add(out, ST_NORMAL, 0,
		    _("The last tab, SIP domains, holds the names of the whole plan: each SIP "
		      "domain with its Meet simple URL, the Dial-in and Admin simple URLs and the "
		      "XMPP host. a adds a SIP domain, Delete removes the highlighted one (not the "
		      "first), Enter edits a name with the interview's checks: a domain is "
		      "refused when malformed or given twice, and the hosts named after a domain "
		      "follow it when it is renamed."));
}

static void names_destroy(struct view *v)
{
	struct names *nv = (struct names *)v;

	if (nv->editing)
		lineedit_fini(&nv->edit);
	free(nv->entries);
	free(nv->group_size);
	free(nv);
}

static const struct view_ops names_ops = {
    .name = "names",
    .draw = names_draw,
    .handle = names_handle,
    .contexts = names_contexts,
    .help = names_help,
    .destroy = names_destroy,
};

struct view *names_new(void)
{
	struct names *nv = xcalloc(1, sizeof *nv);

	nv->base.ops = &names_ops;
	return &nv->base;
}
