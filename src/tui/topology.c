/* topology.c: the Topology view, the site drawn as boxes in their networks
 * and the flows between them.
 *
 * The picture is the diagram engine's text rendering (diagram.h): this view
 * never computes a port or a rule, it scrolls the picture both ways and
 * highlights its flows (the links of the rendering); Enter on a flow opens
 * the Reports table filtered to that flow's rules.  The diagram is built
 * again when the report changes (an edit, a language switch: both rebuild
 * the report) or the site does, and laid out again when the width does. */
#include "app.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ucplan/diagram.h"
#include "ucplan/i18n.h"
#include "ucplan/textwidth.h"
#include "ucplan/util.h"

enum { HIT_LINK = 1 };
/* Columns a Left or Right moves the picture: a fraction of the window. */
enum { HSCROLL_PARTS = 4 };

struct topology {
	struct view base;
	int site; /* the site drawn; -1 for every site */
	/* owned; the diagram of built_site for the report of built_gen */
	struct diagram *diagram;
	unsigned built_gen;
	int built_site;
	/* owned; the diagram rendered in text_width columns */
	struct diagram_text *text;
	size_t text_width;
	size_t *order; /* owned; link indexes in reading order (line, column) */
	size_t sel;    /* the highlighted flow: a position in order */
	size_t top, left; /* the first line and column of the picture shown */
	int page_h, page_w; /* rows and columns of the picture, from the last draw */
};

static void topology_drop(struct topology *t)
{
	diagram_text_free(t->text);
	diagram_free(t->diagram);
	free(t->order);
	t->text = NULL;
	t->diagram = NULL;
	t->order = NULL;
}

static const struct diagram_link *link_at(const struct topology *t, size_t pos)
{
	return t->text && pos < t->text->n_links ? &t->text->links[t->order[pos]] : NULL;
}

/* Tab goes through the flows as one reads the picture, whatever order the
 * renderer lists them in. */
static const struct diagram_text *order_text;

static int compare_links(const void *a, const void *b)
{
	const struct diagram_link *x = &order_text->links[*(const size_t *)a];
	const struct diagram_link *y = &order_text->links[*(const size_t *)b];

	if (x->line != y->line)
		return x->line < y->line ? -1 : 1;
	if (x->column != y->column)
		return x->column < y->column ? -1 : 1;
	return 0;
}

static void order_links(struct topology *t)
{
	size_t n = t->text->n_links;

	free(t->order);
	t->order = xreallocarray(NULL, n ? n : 1, sizeof *t->order);
	for (size_t i = 0; i < n; i++)
		t->order[i] = i;
	order_text = t->text;
	qsort(t->order, n, sizeof *t->order, compare_links);
	order_text = NULL;
}

/* The picture for the current report, site and width; NULL when there is
 * no report (the catalog could not be loaded). */
static const struct diagram_text *topology_sync(struct topology *t, struct app *app, size_t width)
{
	const struct report *r = app_report(app);

	if (!r) {
		topology_drop(t);
		return NULL;
	}
	/* sites removed in the interview */
	if (t->site >= (int)r->n_sites)
		t->site = r->n_sites ? 0 : -1;
	if (!t->diagram || t->built_gen != app->report_gen || t->built_site != t->site) {
		if (t->built_site != t->site)
			t->top = t->left = t->sel = 0;
		topology_drop(t);
		t->diagram = diagram_build(r, t->site);
		t->built_gen = app->report_gen;
		t->built_site = t->site;
	}
	if (t->diagram && (!t->text || t->text_width != width)) {
		diagram_text_free(t->text);
		t->text = diagram_render_text(t->diagram, term_ascii(), width);
		t->text_width = width;
		if (t->text) {
			order_links(t);
			if (t->sel >= t->text->n_links)
				t->sel = 0;
		}
	}
	return t->text;
}

/* ---- scrolling ------------------------------------------------------------ */

static size_t max_top(const struct topology *t)
{
	size_t page = t->page_h > 0 ? (size_t)t->page_h : 1;

	return t->text && t->text->n_lines > page ? t->text->n_lines - page : 0;
}

static size_t max_left(const struct topology *t)
{
	size_t page = t->page_w > 0 ? (size_t)t->page_w : 1;

	return t->text && t->text->width > page ? t->text->width - page : 0;
}

static void clamp_scroll(struct topology *t)
{
	if (t->top > max_top(t))
		t->top = max_top(t);
	if (t->left > max_left(t))
		t->left = max_left(t);
}

static bool link_visible(const struct topology *t, const struct diagram_link *l)
{
	return l && l->line >= t->top && l->line < t->top + (size_t)t->page_h &&
	       l->column + l->width > t->left && l->column < t->left + (size_t)t->page_w;
}

/* Scrolls so that the highlighted flow is on screen, whole when it fits. */
static void show_selected(struct topology *t)
{
	const struct diagram_link *l = link_at(t, t->sel);
	size_t page_h = (size_t)t->page_h, page_w = (size_t)t->page_w;

	if (!l)
		return;
	if (l->line < t->top)
		t->top = l->line;
	else if (l->line >= t->top + page_h)
		t->top = l->line - page_h + 1;
	if (l->column < t->left)
		t->left = l->column;
	else if (l->column + l->width > t->left + page_w)
		t->left = l->width > page_w ? l->column : l->column + l->width - page_w;
	clamp_scroll(t);
}

/* After a scroll the highlight stays on screen: the first flow in view
 * takes it when the one highlighted left the window. */
static void follow_scroll(struct topology *t)
{
	if (!t->text || link_visible(t, link_at(t, t->sel)))
		return;
	for (size_t pos = 0; pos < t->text->n_links; pos++)
		if (link_visible(t, link_at(t, pos))) {
			t->sel = pos;
			return;
		}
}

/* ---- drawing ---------------------------------------------------------------- */

static const char *site_label(struct app *app, int site)
{
	return site >= 0 && (size_t)site < app->plan->n_sites ? app->plan->sites[site].name
							       : _("every site");
}

/* The line above the picture: the site and the flows on the left, where
 * the window is in the picture on the right. */
static void draw_info(struct topology *t, struct app *app, int y, int x, int w)
{
	enum { GAP = 2, LEFT_MIN = 12 };
	const struct diagram_text *text = t->text;
	char left[600], right[300], part[300];
	int rw;

	/* TRANSLATORS: the Topology view's first line: the site drawn */
	snprintf(left, sizeof left, _("Site: %s"), site_label(app, t->site));
	snprintf(part, sizeof part, "  %s  ", term_glyphs()->bullet);
	strncat(left, part, sizeof left - strlen(left) - 1);
	snprintf(part, sizeof part, P_("%zu flow", "%zu flows", text->n_links), text->n_links);
	strncat(left, part, sizeof left - strlen(left) - 1);
	right[0] = '\0';
	if (text->n_lines > (size_t)t->page_h) {
		size_t last = t->top + (size_t)t->page_h;
		/* TRANSLATORS: the lines of the picture on screen, of how many */
		snprintf(right, sizeof right, _("lines %zu-%zu of %zu"), t->top + 1,
			 last < text->n_lines ? last : text->n_lines, text->n_lines);
	}
	if (text->width > (size_t)t->page_w) {
		size_t last = t->left + (size_t)t->page_w;
		/* TRANSLATORS: the columns of a picture wider than the window */
		snprintf(part, sizeof part, _("columns %zu-%zu of %zu"), t->left + 1,
			 last < text->width ? last : text->width, text->width);
		if (right[0])
			strncat(right, ", ", sizeof right - strlen(right) - 1);
		strncat(right, part, sizeof right - strlen(right) - 1);
	}
	rw = (int)tw_width(right);
	if (rw > 0 && (int)tw_width(left) + GAP + rw > w && w - GAP - rw < LEFT_MIN)
		rw = 0;
	if (rw > 0)
		draw_text(y, x + w - rw, rw, right, term_attr(ST_DIM));
	draw_text_pad(y, x, rw > 0 ? w - rw - GAP : w, left, term_attr(ST_DIM));
}

/* Draws the part of s from display column from on, in w columns at (y, x). */
static void draw_from(int y, int x, int w, const char *s, size_t from, attr_t attr)
{
	int pad;
	size_t skip = skip_columns(s, from, &pad);

	if (w - pad > 0)
		draw_text(y, x + pad, w - pad, s + skip, attr);
}

/* A flow of the picture, redrawn over the line in its own style, and made
 * clickable. */
static void draw_link(struct topology *t, struct app *app, size_t pos, int y0, int x0)
{
	const struct diagram_link *l = link_at(t, pos);
	size_t from = l->column > t->left ? l->column : t->left;
	size_t end = l->column + l->width, right = t->left + (size_t)t->page_w;
	attr_t a = term_attr(pos == t->sel ? ST_SELECTED : ST_FIELD);
	int y = y0 + (int)(l->line - t->top), x = x0 + (int)(from - t->left);
	int w = (int)((end < right ? end : right) - from);

	draw_from(y, x, w, t->text->lines[l->line], from, a);
	app_hit(app, y, x, w, HIT_LINK, (int)pos);
}

/* The line under the picture: what Enter on the highlighted flow opens
 * (the flow itself is highlighted in the picture). */
static void draw_selected(struct topology *t, int y, int x, int w)
{
	const struct diagram_link *l = link_at(t, t->sel);
	struct strbuf ids = {0};
	char *line;

	if (!l) {
		draw_text_pad(y, x, w, t->text->n_lines ? _("No flow to show in this picture.") : "",
			      term_attr(ST_DIM));
		return;
	}
	for (size_t i = 0; i < l->n_rule_ids; i++)
		strbuf_printf(&ids, "%s%s", i ? ", " : "", l->rule_ids[i]);
	/* TRANSLATORS: under the Topology view's picture: the highlighted flow
	   (its position among the flows) and the ids of its rules, whose rows
	   Enter shows */
	line = xasprintf(P_("Flow %zu of %zu, %zu rule: %s", "Flow %zu of %zu, %zu rules: %s",
			    l->n_rule_ids),
			 t->sel + 1, t->text->n_links, l->n_rule_ids, ids.data ? ids.data : "");
	draw_text_pad(y, x, w, line, term_attr(ST_DIM));
	free(line);
	strbuf_free(&ids);
}

static void topology_draw(struct view *v, struct app *app)
{
	struct topology *t = (struct topology *)v;
	const struct rect *a = &app->area;
	int x0 = a->x + 1, w = a->w - 2, y0 = a->y + 1;
	const struct diagram_text *text = topology_sync(t, app, (size_t)(w > 1 ? w : 1));

	t->page_w = w > 1 ? w : 1;
	t->page_h = a->h - 2 > 1 ? a->h - 2 : 1;
	if (!text) {
		/* no report (the catalog's error says why), or no such site */
		draw_wrapped(a->y + 1, x0 + 1, w - 2, a->h - 2,
			     app->catalog_error[0] ? app->catalog_error
						   : _("Nothing to draw for this site."),
			     term_attr(app->catalog_error[0] ? ST_ERROR : ST_DIM));
		return;
	}
	clamp_scroll(t);
	draw_info(t, app, a->y, x0, w);
	if (text->n_lines == 0)
		draw_text(y0, x0 + 1, w - 1, _("Nothing to draw for this site."), term_attr(ST_DIM));
	for (size_t i = t->top; i < text->n_lines && (int)(i - t->top) < t->page_h; i++)
		draw_from(y0 + (int)(i - t->top), x0, w, text->lines[i], t->left, A_NORMAL);
	/* the flows over it, the highlighted one last */
	for (size_t pos = 0; pos < text->n_links; pos++)
		if (pos != t->sel && link_visible(t, link_at(t, pos)))
			draw_link(t, app, pos, y0, x0);
	if (link_visible(t, link_at(t, t->sel)))
		draw_link(t, app, t->sel, y0, x0);
	if (t->left > 0)
		draw_text(y0, a->x, 1, term_glyphs()->left, term_attr(ST_SORT_COLUMN));
	if (t->left < max_left(t))
		draw_text(y0, a->x + a->w - 1, 1, term_glyphs()->right, term_attr(ST_SORT_COLUMN));
	draw_selected(t, a->y + a->h - 1, x0, w);
}

/* ---- keys ----------------------------------------------------------------------- */

static void open_selected(struct topology *t, struct app *app)
{
	const struct diagram_link *l = link_at(t, t->sel);

	if (!l) {
		app_message(app, ST_DIM, "%s", _("This picture has no flow to open."));
		return;
	}
	reports_show_rules(app, l->table, l->site, l->rule_ids, l->n_rule_ids);
}

/* f: the next site, then every site, then the first again (as on the
 * Reports screen). */
static void next_site(struct topology *t, struct app *app)
{
	int next = t->site + 1;

	if (next >= (int)app->plan->n_sites)
		next = app->plan->n_sites > 1 && t->site >= 0 ? -1 : 0;
	t->site = next;
	app_message(app, ST_OK, _("Site: %s"), site_label(app, next));
}

static int topology_handle(struct view *v, struct app *app, const struct tui_event *ev)
{
	struct topology *t = (struct topology *)v;
	size_t n_links, page = t->page_h > 1 ? (size_t)t->page_h - 1 : 1;
	size_t step = (size_t)(t->page_w / HSCROLL_PARTS > 0 ? t->page_w / HSCROLL_PARTS : 1);

	if (ev->cmd == CMD_BACK) {
		app_show_screen(app, app->prev_screen == SCREEN_WELCOME ||
					     app->prev_screen == SCREEN_TOPOLOGY
					 ? SCREEN_REPORTS
					 : app->prev_screen);
		return TUI_HANDLED;
	}
	if (!topology_sync(t, app, (size_t)t->page_w))
		return TUI_IGNORED;
	n_links = t->text->n_links;
	if (ev->click) {
		if (ev->hit == HIT_LINK) {
			if (t->sel == (size_t)ev->hit_arg)
				open_selected(t, app);
			else
				t->sel = (size_t)ev->hit_arg;
		}
		return TUI_HANDLED;
	}
	switch (ev->cmd) {
	case CMD_ENTER:
		open_selected(t, app);
		return TUI_HANDLED;
	case CMD_NEXT_FIELD:
	case CMD_PREV_FIELD:
		/* the highlighted flow out of view: the first Tab shows it */
		if (n_links && link_visible(t, link_at(t, t->sel)))
			t->sel = ev->cmd == CMD_NEXT_FIELD ? (t->sel + 1) % n_links
							   : (t->sel + n_links - 1) % n_links;
		show_selected(t);
		return TUI_HANDLED;
	case CMD_FILTER_SITE:
		next_site(t, app);
		return TUI_HANDLED;
	case CMD_UP:
		t->top = t->top ? t->top - 1 : 0;
		break;
	case CMD_DOWN:
		t->top++;
		break;
	case CMD_PAGE_UP:
		t->top = t->top > page ? t->top - page : 0;
		break;
	case CMD_PAGE_DOWN:
		t->top += page;
		break;
	case CMD_HOME:
		t->top = t->left = 0;
		break;
	case CMD_END:
		t->top = max_top(t);
		break;
	case CMD_LEFT:
		t->left = t->left > step ? t->left - step : 0;
		break;
	case CMD_RIGHT:
		t->left += step;
		break;
	default:
		return TUI_IGNORED;
	}
	clamp_scroll(t);
	follow_scroll(t);
	return TUI_HANDLED;
}

static unsigned topology_contexts(const struct view *v)
{
	(void)v;
	return CTX_TOPOLOGY | CTX_LIST | CTX_COMMAND | CTX_GLOBAL;
}

static void topology_help(struct view *v, struct app *app, struct textbuf *out)
{
	(void)v;
	(void)app;
	textbuf_add(out, ST_HEADING, 0, _("Topology"));
	textbuf_add(out, ST_NORMAL, 0,
		    _("The site as a picture: its networks (the Internet, the perimeter network "
		      "between the external and the internal firewall, the internal network), the "
		      "servers and pools in each, and the flows between them with their ports. "
		      "The picture is drawn from the firewall table: it shows what the tables say, "
		      "in the language of the screens."));
	textbuf_add(out, ST_NORMAL, 0, "");
	textbuf_add(out, ST_NORMAL, 0,
		    _("Tab and Shift-Tab go from flow to flow; the line under the picture names "
		      "the highlighted one and its rules. Enter opens the table with the rows of "
		      "that flow only (x there shows every row again, Esc comes back here). f "
		      "draws the next site, or every site. The arrows, PgUp, PgDn, Home, End and "
		      "the mouse wheel scroll; Left and Right scroll sideways when the picture is "
		      "wider than the window. A click on a flow highlights it, a second one opens "
		      "it."));
}

static void topology_destroy(struct view *v)
{
	struct topology *t = (struct topology *)v;

	topology_drop(t);
	free(t);
}

static const struct view_ops topology_ops = {
    .name = "topology",
    .draw = topology_draw,
    .handle = topology_handle,
    .contexts = topology_contexts,
    .help = topology_help,
    .destroy = topology_destroy,
};

struct view *topology_new(void)
{
	struct topology *t = xcalloc(1, sizeof *t);

	t->base.ops = &topology_ops;
	t->built_site = -2; /* nothing built yet */
	t->page_h = t->page_w = 1;
	return &t->base;
}

void topology_open(struct app *app)
{
	struct topology *t = (struct topology *)app->screens[SCREEN_TOPOLOGY];
	int site;

	if (!t || !app->plan)
		return;
	/* the site the reports show, when they show one; else the one drawn
	 * last (the first site at first) */
	site = reports_current_site(app);
	if (site >= 0 && (size_t)site < app->plan->n_sites)
		t->site = site;
	app_show_screen(app, SCREEN_TOPOLOGY);
}

int topology_current_site(struct app *app)
{
	const struct topology *t = (const struct topology *)app->screens[SCREEN_TOPOLOGY];

	return t && app->screen == SCREEN_TOPOLOGY ? t->site : -2;
}
