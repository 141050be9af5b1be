/* welcome.c: the first screen and its three ways in. */
#include "app.h"

#include <stdio.h>
#include <stdlib.h>

#include "ucplan/i18n.h"
#include "ucplan/textwidth.h"
#include "ucplan/util.h"

#include "paths.h"

enum choice { CHOICE_NEW, CHOICE_DESIGN, CHOICE_OPEN, CHOICE_QUIT, CHOICE_COUNT };

static const struct {
	const char *label;
	const char *help;
} choices[CHOICE_COUNT] = {
    {N_("New plan"), N_("The interview: sites, pools, Edge, Mediation, Exchange UM, federation.")},
    {N_("Design sites"),
     N_("Start from sensible defaults and go straight to names and addresses.")},
    {N_("Open plan"), N_("Open a plan file saved earlier.")},
    {N_("Quit"), N_("Leave ucplan.")},
};

struct welcome {
	struct view base;
	int selected;
};

static void welcome_draw(struct view *v, struct app *app)
{
	struct welcome *w = (struct welcome *)v;
	const struct rect *a = &app->area;
	int label_w = 0, box_w, box_x, y, help_w;
	char title[128];

	for (int i = 0; i < CHOICE_COUNT; i++) {
		int lw = (int)tw_width(_(choices[i].label));
		if (lw > label_w)
			label_w = lw;
	}
	box_w = a->w - 8;
	if (box_w > 96)
		box_w = 96;
	box_x = (a->w - box_w) / 2;
	y = a->y + (a->h > 22 ? 2 : 1);
	snprintf(title, sizeof title, "ucplan %s", UCPLAN_VERSION);
	draw_text_right(y, 0, (a->w + (int)tw_width(title)) / 2, title, term_attr(ST_HEADING));
	y += 2;
	y += draw_wrapped(y, box_x + 2, box_w - 4, 3,
			  _("Plans the network side of a Lync Server 2013 or Skype for Business "
			    "Server 2015 deployment with Exchange 2013 Unified Messaging: firewall "
			    "rules, hardware load balancer ports and IPsec exceptions for your own "
			    "servers, names and addresses."),
			  A_NORMAL);
	y++;
	draw_box(y, box_x, CHOICE_COUNT + 4, box_w, _("Start"), term_attr(ST_BORDER));
	help_w = box_w - label_w - 10;
	for (int i = 0; i < CHOICE_COUNT; i++) {
		int row = y + 2 + i;
		bool sel = i == w->selected;
		attr_t at = term_attr(sel ? ST_SELECTED : ST_DIALOG);
		draw_fill(row, box_x + 2, box_w - 4, at);
		draw_text(row, box_x + 3, 2, sel ? term_glyphs()->right : " ", at);
		draw_text(row, box_x + 5, label_w, _(choices[i].label), at | A_BOLD);
		if (help_w > 10)
			draw_text_pad(row, box_x + 7 + label_w, help_w, _(choices[i].help),
				      sel ? at : term_attr(ST_DIM));
		app_hit(app, row, box_x + 2, box_w - 4, 1, i);
	}
	y += CHOICE_COUNT + 5;
	if (y < a->y + a->h)
		draw_wrapped(y, box_x + 2, box_w - 4, a->y + a->h - y,
			     _("Keys: Up and Down choose, Enter starts; n, d and o are shortcuts. "
			       "F1 shows help for each page, ? lists every key, L changes the "
			       "language."),
			     term_attr(ST_DIM));
}

/* What the interview recommends for a Front End pool: a pool of two is
 * fragile when one server is down (the wizard warns about it). */
enum { RECOMMENDED_FRONTENDS = 3 };

/* A new plan as the planner starts it: the default one, with the Front End
 * pool the interview recommends. */
static struct plan *new_plan(void)
{
	struct plan *plan = plan_new_default();

	plan_set_frontend_count(plan, 0, RECOMMENDED_FRONTENDS);
	return plan;
}

static void start(struct app *app, enum choice c)
{
	switch (c) {
	case CHOICE_NEW:
		app_set_plan(app, new_plan(), NULL, true);
		app_show_screen(app, SCREEN_INTERVIEW);
		break;
	case CHOICE_DESIGN:
		app_set_plan(app, new_plan(), NULL, true);
		app_show_screen(app, SCREEN_NAMES);
		app_message(app, ST_OK, "%s",
			    _("A one-site plan with default choices: replace the example names "
			      "and addresses, then see the reports (F6)."));
		break;
	case CHOICE_OPEN:
		app_request_open(app);
		break;
	default:
		app_request_quit(app);
		break;
	}
}

static int welcome_handle(struct view *v, struct app *app, const struct tui_event *ev)
{
	struct welcome *w = (struct welcome *)v;

	if (ev->click && ev->hit == 1) {
		w->selected = ev->hit_arg;
		start(app, (enum choice)ev->hit_arg);
		return TUI_HANDLED;
	}
	switch (ev->cmd) {
	case CMD_UP:
	case CMD_PREV_FIELD:
		w->selected = (w->selected + CHOICE_COUNT - 1) % CHOICE_COUNT;
		return TUI_HANDLED;
	case CMD_DOWN:
	case CMD_NEXT_FIELD:
		w->selected = (w->selected + 1) % CHOICE_COUNT;
		return TUI_HANDLED;
	case CMD_HOME:
		w->selected = 0;
		return TUI_HANDLED;
	case CMD_END:
		w->selected = CHOICE_COUNT - 1;
		return TUI_HANDLED;
	case CMD_ENTER:
		start(app, (enum choice)w->selected);
		return TUI_HANDLED;
	case CMD_NEW_PLAN:
		start(app, CHOICE_NEW);
		return TUI_HANDLED;
	case CMD_DESIGN_SITES:
		start(app, CHOICE_DESIGN);
		return TUI_HANDLED;
	case CMD_OPEN:
		start(app, CHOICE_OPEN);
		return TUI_HANDLED;
	default:
		return TUI_IGNORED;
	}
}

static unsigned welcome_contexts(const struct view *v)
{
	(void)v;
	return CTX_WELCOME | CTX_LIST | CTX_COMMAND | CTX_GLOBAL;
}

static void welcome_help(struct view *v, struct app *app, struct textbuf *out)
{
	(void)v;
	(void)app;
	textbuf_add(out, ST_HEADING, 0, _("Welcome"));
	for (int i = 0; i < CHOICE_COUNT; i++)
		/* TRANSLATORS: a choice of the welcome screen, then what it does */
		textbuf_addf(out, ST_NORMAL, 2, _("%s: %s"), _(choices[i].label),
			     _(choices[i].help));
	textbuf_add(out, ST_NORMAL, 0, "");
	textbuf_add(out, ST_NORMAL, 0,
		    _("ucplan autosaves the plan after every change. If it stops unexpectedly, "
		      "the next start offers to restore the plan."));
}

static void welcome_destroy(struct view *v)
{
	free(v);
}

static const struct view_ops welcome_ops = {
    .name = "welcome",
    .draw = welcome_draw,
    .handle = welcome_handle,
    .contexts = welcome_contexts,
    .help = welcome_help,
    .destroy = welcome_destroy,
};

struct view *welcome_new(void)
{
	struct welcome *w = xcalloc(1, sizeof *w);

	w->base.ops = &welcome_ops;
	return &w->base;
}
