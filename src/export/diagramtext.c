/* diagramtext.c: a diagram drawn with box-drawing characters (diagram.h).
 *
 * The networks are stacked top to bottom, each in a frame with the
 * firewalls between them; the boxes of a network wrap in rows that fit the
 * width; the flows follow as a list, one entry per aggregated flow, each of
 * them a link to its rules.  Widths are display columns (textwidth.h). */
#include <stdlib.h>
#include <string.h>

#include "ucplan/diagram.h"
#include "ucplan/i18n.h"
#include "ucplan/textwidth.h"

/* The characters of one drawing style. */
struct pen {
	const char *tl, *tr, *bl, *br, *h, *v;     /* a box */
	const char *ztl, *ztr, *zbl, *zbr, *zh, *zv; /* a network's frame */
	const char *wall;                          /* a firewall's line */
	const char *arrow;
};

static const struct pen pen_utf8 = {
	"\u250c", "\u2510", "\u2514", "\u2518", "\u2500", "\u2502",
	"\u2554", "\u2557", "\u255a", "\u255d", "\u2550", "\u2551",
	"\u2501", " \u2192 ",
};
static const struct pen pen_ascii = {
	"+", "+", "+", "+", "-", "|", "+", "+", "+", "+", "-", "|", "=", " -> ",
};

/* Words that must stay on one line ("UDP 3478", "(NAT 203.0.113.10)") are
 * joined by GLUE, a character tw_wrap does not break at (one column wide,
 * like the space it stands for), and unglued once the lines are made.
 * Plan values never hold it: they are neutralized first. */
#define GLUE "\037"

static void put_unglued(struct strbuf *sb, const char *line)
{
	for (const char *c = line; *c; c++)
		strbuf_add(sb, *c == GLUE[0] ? " " : c, 1);
}

/* Narrowest content of a box and of a frame, whatever the width asked. */
#define MIN_BOX_INNER 12
#define FRAME_EXTRA 4 /* "║ " and " ║" */
#define BOX_EXTRA 4   /* "│ " and " │" */
#define BOX_GAP 1

static const char *const zone_titles[DIAGRAM_ZONE_COUNT] = {
	N_("Internet"), N_("Perimeter network"), N_("Internal network"), N_("Branch sites"),
};

struct picture {
	const struct pen *pen;
	char **lines;
	size_t n_lines, cap;
	struct diagram_link *links;
	size_t n_links, link_cap;
};

static void put_line(struct picture *p, char *line)
{
	if (p->n_lines == p->cap) {
		p->cap = p->cap ? p->cap * 2 : 64;
		p->lines = xreallocarray(p->lines, p->cap, sizeof *p->lines);
	}
	p->lines[p->n_lines++] = line;
}

static void repeat(struct strbuf *sb, const char *s, size_t n)
{
	while (n--)
		strbuf_puts(sb, s);
}

/* s padded with spaces to cols columns (s is no wider). */
static void put_padded(struct strbuf *sb, const char *s, size_t cols)
{
	size_t w = tw_width(s);

	strbuf_puts(sb, s);
	repeat(sb, " ", cols > w ? cols - w : 0);
}

/* A plan value as it may be shown: controls and bad bytes made visible. */
static char *clean_copy(const char *s)
{
	return tw_is_clean(s) ? xstrdup(s ? s : "") : tw_neutralize(s);
}

/* Lines of text (owned strings) no wider than width, from s wrapped. */
struct text_lines {
	char **v;
	size_t n, cap;
};

static void lines_push(struct text_lines *tl, char *s)
{
	if (tl->n == tl->cap) {
		tl->cap = tl->cap ? tl->cap * 2 : 8;
		tl->v = xreallocarray(tl->v, tl->cap, sizeof *tl->v);
	}
	tl->v[tl->n++] = s;
}

static void lines_wrap(struct text_lines *tl, const char *s, size_t width, size_t indent)
{
	const char *rest = s;
	bool first = true;

	do {
		size_t w = first ? width : width > indent + 1 ? width - indent : 1, len;
		const char *next = tw_wrap(rest, w, &len);
		struct strbuf sb = {0};
		if (!first)
			repeat(&sb, " ", indent);
		strbuf_add(&sb, rest, len);
		lines_push(tl, strbuf_detach(&sb));
		if (next == rest) /* nothing fitted: never loop */
			break;
		rest = next;
		first = false;
	} while (*rest);
}

static void lines_free(struct text_lines *tl)
{
	for (size_t i = 0; i < tl->n; i++)
		free(tl->v[i]);
	free(tl->v);
	memset(tl, 0, sizeof *tl);
}

/* Appends a plan value made safe to show (clean_copy). */
static void put_clean(struct strbuf *sb, const char *value)
{
	char *clean = clean_copy(value);

	strbuf_puts(sb, clean);
	free(clean);
}

/* One line of a box's content: "[label ]fqdn address[ (NAT public)]", the
 * NAT part glued so that it is never cut in two. */
static char *entry_text(const struct diagram_entry *e)
{
	struct strbuf sb = {0};

	if (e->label)
		strbuf_puts(&sb, _(e->label));
	if (e->fqdn) {
		if (sb.len)
			strbuf_add(&sb, " ", 1);
		put_clean(&sb, e->fqdn);
	}
	if (e->address) {
		if (sb.len)
			strbuf_add(&sb, " ", 1);
		if (e->nat) {
			/* TRANSLATORS: an address and the public address a NAT
			   translates it to ("198.51.100.10 (NAT 203.0.113.110)") */
			char *both = xasprintf(_("%s (NAT %s)"), e->address, e->nat);
			char *clean = clean_copy(both);
			for (char *c = clean; *c; c++)
				if (*c == ' ')
					*c = GLUE[0];
			strbuf_puts(&sb, clean);
			free(clean);
			free(both);
		} else {
			put_clean(&sb, e->address);
		}
	}
	return strbuf_detach(&sb);
}

/* A box drawn: its lines, each exactly width columns. */
struct drawn_box {
	struct text_lines lines;
	size_t width;
};

static void draw_box(const struct pen *pen, const struct diagram_box *box, size_t max_outer,
		     struct drawn_box *out)
{
	struct text_lines content = {0};
	const char *title = _(box->label);
	size_t inner = tw_width(title), max_inner;
	bool title_in_border;
	struct strbuf sb = {0};

	memset(out, 0, sizeof *out);
	if (box->name)
		lines_push(&content, clean_copy(box->name));
	for (size_t i = 0; i < box->n_entries; i++)
		lines_push(&content, entry_text(&box->entries[i]));
	for (size_t i = 0; i < content.n; i++)
		if (tw_width(content.v[i]) > inner)
			inner = tw_width(content.v[i]);
	max_inner = max_outer > BOX_EXTRA + MIN_BOX_INNER ? max_outer - BOX_EXTRA : MIN_BOX_INNER;
	if (inner > max_inner)
		inner = max_inner;
	title_in_border = tw_width(title) + 2 <= inner;

	/* top border, with the title when it fits */
	strbuf_puts(&sb, pen->tl);
	if (title_in_border) {
		strbuf_puts(&sb, pen->h);
		strbuf_add(&sb, " ", 1);
		strbuf_puts(&sb, title);
		strbuf_add(&sb, " ", 1);
		repeat(&sb, pen->h, inner + 2 - tw_width(title) - 3);
	} else {
		repeat(&sb, pen->h, inner + 2);
	}
	strbuf_puts(&sb, pen->tr);
	lines_push(&out->lines, strbuf_detach(&sb));

	{
		struct text_lines body = {0};
		if (!title_in_border)
			lines_wrap(&body, title, inner, 0);
		for (size_t i = 0; i < content.n; i++)
			lines_wrap(&body, content.v[i], inner, 2);
		for (size_t i = 0; i < body.n; i++) {
			struct strbuf line = {0};
			put_unglued(&line, body.v[i]);
			strbuf_puts(&sb, pen->v);
			strbuf_add(&sb, " ", 1);
			put_padded(&sb, line.data ? line.data : "", inner);
			strbuf_free(&line);
			strbuf_add(&sb, " ", 1);
			strbuf_puts(&sb, pen->v);
			lines_push(&out->lines, strbuf_detach(&sb));
		}
		lines_free(&body);
	}
	strbuf_puts(&sb, pen->bl);
	repeat(&sb, pen->h, inner + 2);
	strbuf_puts(&sb, pen->br);
	lines_push(&out->lines, strbuf_detach(&sb));
	out->width = inner + BOX_EXTRA;
	lines_free(&content);
}

/* "║ " + text padded to inner + " ║" */
static void frame_line(struct picture *p, const char *text, size_t inner)
{
	struct strbuf sb = {0};

	strbuf_puts(&sb, p->pen->zv);
	strbuf_add(&sb, " ", 1);
	put_padded(&sb, text, inner);
	strbuf_add(&sb, " ", 1);
	strbuf_puts(&sb, p->pen->zv);
	put_line(p, strbuf_detach(&sb));
}

/* A border line: left corner, "═ title " when given, fill, right corner. */
static void border_line(struct picture *p, const char *left, const char *fill, const char *right,
			const char *title, size_t width)
{
	struct strbuf sb = {0};
	size_t used = tw_width(left) + tw_width(right);

	strbuf_puts(&sb, left);
	if (title && used + tw_width(title) + 3 <= width) {
		strbuf_puts(&sb, fill);
		strbuf_add(&sb, " ", 1);
		strbuf_puts(&sb, title);
		strbuf_add(&sb, " ", 1);
		used += tw_width(title) + 3;
	}
	repeat(&sb, fill, width > used ? width - used : 0);
	strbuf_puts(&sb, right);
	put_line(p, strbuf_detach(&sb));
}

/* Rows of boxes [first, last) of d within inner columns. */
static void draw_rows(struct picture *p, const struct diagram *d, size_t first, size_t last,
		      size_t inner)
{
	struct drawn_box *drawn = xcalloc(last - first, sizeof *drawn);
	size_t i = first;

	for (size_t k = first; k < last; k++)
		draw_box(p->pen, &d->boxes[k], inner, &drawn[k - first]);
	while (i < last) {
		size_t used = drawn[i - first].width, end = i + 1, height = 0;
		while (end < last && used + BOX_GAP + drawn[end - first].width <= inner)
			used += BOX_GAP + drawn[end++ - first].width;
		for (size_t k = i; k < end; k++)
			if (drawn[k - first].lines.n > height)
				height = drawn[k - first].lines.n;
		for (size_t row = 0; row < height; row++) {
			struct strbuf sb = {0};
			char *text;
			for (size_t k = i; k < end; k++) {
				const struct drawn_box *db = &drawn[k - first];
				if (k > i)
					repeat(&sb, " ", BOX_GAP);
				if (row < db->lines.n)
					strbuf_puts(&sb, db->lines.v[row]);
				else
					repeat(&sb, " ", db->width);
			}
			text = strbuf_detach(&sb);
			frame_line(p, text, inner);
			free(text);
		}
		i = end;
	}
	for (size_t k = first; k < last; k++)
		lines_free(&drawn[k - first].lines);
	free(drawn);
}

static bool many_sites(const struct diagram *d)
{
	return d->site < 0 && d->report->n_sites > 1;
}

static void draw_zone(struct picture *p, const struct diagram *d, enum diagram_zone zone,
		      size_t width)
{
	size_t inner = width - FRAME_EXTRA, i = 0;

	while (i < d->n_boxes && d->boxes[i].zone != zone)
		i++;
	if (i == d->n_boxes)
		return;
	border_line(p, p->pen->ztl, p->pen->zh, p->pen->ztr, _(zone_titles[zone]), width);
	while (i < d->n_boxes && d->boxes[i].zone == zone) {
		size_t end = i;
		int site = d->boxes[i].site;
		while (end < d->n_boxes && d->boxes[end].zone == zone && d->boxes[end].site == site)
			end++;
		if (many_sites(d) && site >= 0) {
			char *name = clean_copy(report_site_name(d->report, site));
			size_t len = tw_fit(name, inner, NULL);
			name[len] = '\0';
			frame_line(p, name, inner);
			free(name);
		}
		draw_rows(p, d, i, end, inner);
		i = end;
	}
	border_line(p, p->pen->zbl, p->pen->zh, p->pen->zbr, NULL, width);
}

static void draw_firewall(struct picture *p, const char *title, size_t width)
{
	border_line(p, "", p->pen->wall, "", title, width);
}

/* The title of a box in the list of flows: the site's name first when the
 * picture has several sites. */
static void put_box_name(struct strbuf *sb, const struct diagram *d, const struct diagram_box *b)
{
	if (many_sites(d) && b->site >= 0) {
		char *site = clean_copy(report_site_name(d->report, b->site));
		/* TRANSLATORS: a box of one site in the list of flows of every
		   site, then the site: "Front End pool (Dublin)" */
		strbuf_printf(sb, _("%s (%s)"), _(b->label), site);
		free(site);
	} else {
		strbuf_puts(sb, _(b->label));
	}
}

static void add_link(struct picture *p, const struct diagram_flow *f, size_t line, size_t column,
		     size_t width)
{
	struct diagram_link *l;

	if (p->n_links == p->link_cap) {
		p->link_cap = p->link_cap ? p->link_cap * 2 : 32;
		p->links = xreallocarray(p->links, p->link_cap, sizeof *p->links);
	}
	l = &p->links[p->n_links++];
	l->line = line;
	l->column = column;
	l->width = width;
	l->table = f->table;
	l->site = f->site;
	l->rule_ids = f->rule_ids;
	l->n_rule_ids = f->n_rule_ids;
}

#define FLOW_INDENT 2


static void put_ports_unbroken(struct strbuf *sb, const struct diagram_flow *f)
{
	struct strbuf ports = {0};

	diagram_flow_ports(f, &ports);
	for (const char *c = ports.data ? ports.data : ""; *c; c++) {
		if (*c == ' ' && c > ports.data && c[-1] != ',' && c[-1] != ';')
			strbuf_puts(sb, GLUE);
		else
			strbuf_add(sb, c, 1);
	}
	strbuf_free(&ports);
}

static void draw_flows(struct picture *p, const struct diagram *d, size_t width)
{
	const char *scope = NULL;

	if (!d->n_flows)
		return;
	put_line(p, xstrdup(""));
	put_line(p, xstrdup(_("Flows from the firewall table, with their destination ports:")));
	for (size_t i = 0; i < d->n_flows; i++) {
		const struct diagram_flow *f = &d->flows[i];
		struct text_lines tl = {0};
		struct strbuf sb = {0};
		size_t first_line;

		if (!scope || strcmp(scope, f->scope) != 0) {
			const struct catalog_scope *cs = f->rows[0]->rule->scope;
			scope = f->scope;
			put_line(p, xstrdup(cs && cs->label ? _(cs->label) : f->scope));
		}
		put_box_name(&sb, d, &d->boxes[f->from]);
		strbuf_puts(&sb, p->pen->arrow);
		put_box_name(&sb, d, &d->boxes[f->to]);
		strbuf_puts(&sb, ": ");
		put_ports_unbroken(&sb, f);
		lines_wrap(&tl, sb.data, width > FLOW_INDENT + 8 ? width - FLOW_INDENT : 8, 2);
		strbuf_free(&sb);
		first_line = p->n_lines;
		for (size_t k = 0; k < tl.n; k++) {
			struct strbuf line = {0};
			repeat(&line, " ", FLOW_INDENT);
			put_unglued(&line, tl.v[k]);
			put_line(p, strbuf_detach(&line));
		}
		add_link(p, f, first_line, FLOW_INDENT, tw_width(tl.v[0]));
		lines_free(&tl);
	}
}

/* The width the picture needs: every zone's boxes side by side, the
 * titles whole; at most max_width when given. */
static size_t picture_width(const struct pen *pen, const struct diagram *d, size_t max_width)
{
	size_t want = 0, zone_sum[DIAGRAM_ZONE_COUNT] = {0};

	for (size_t i = 0; i < d->n_boxes; i++) {
		struct drawn_box db;
		size_t *sum = &zone_sum[d->boxes[i].zone];
		draw_box(pen, &d->boxes[i], max_width ? max_width - FRAME_EXTRA : (size_t)-1, &db);
		*sum += (*sum ? BOX_GAP : 0) + db.width;
		lines_free(&db.lines);
	}
	for (size_t z = 0; z < DIAGRAM_ZONE_COUNT; z++) {
		if (zone_sum[z] + FRAME_EXTRA > want)
			want = zone_sum[z] + FRAME_EXTRA;
		if (tw_width(_(zone_titles[z])) + 6 > want)
			want = tw_width(_(zone_titles[z])) + 6;
	}
	if (max_width && want > max_width)
		want = max_width;
	if (want < MIN_BOX_INNER + BOX_EXTRA + FRAME_EXTRA)
		want = MIN_BOX_INNER + BOX_EXTRA + FRAME_EXTRA;
	return want;
}

struct diagram_text *diagram_render_text(const struct diagram *d, bool ascii, size_t max_width)
{
	struct picture p = {.pen = ascii ? &pen_ascii : &pen_utf8};
	struct diagram_text *t = xcalloc(1, sizeof *t);
	size_t width = picture_width(p.pen, d, max_width);
	/* the flows wrap at the width asked, not the boxes' */
	size_t list_width = max_width ? max_width : width;

	draw_zone(&p, d, DIAGRAM_INTERNET, width);
	if (d->external_firewall)
		draw_firewall(&p, _("External firewall"), width);
	draw_zone(&p, d, DIAGRAM_PERIMETER, width);
	if (d->internal_firewall)
		draw_firewall(&p, _("Internal firewall"), width);
	draw_zone(&p, d, DIAGRAM_INTERNAL, width);
	draw_zone(&p, d, DIAGRAM_BRANCH, width);
	draw_flows(&p, d, list_width > width ? list_width : width);

	t->lines = p.lines;
	t->n_lines = p.n_lines;
	t->links = p.links;
	t->n_links = p.n_links;
	for (size_t i = 0; i < t->n_lines; i++)
		if (tw_width(t->lines[i]) > t->width)
			t->width = tw_width(t->lines[i]);
	return t;
}

void diagram_text_free(struct diagram_text *t)
{
	if (!t)
		return;
	for (size_t i = 0; i < t->n_lines; i++)
		free(t->lines[i]);
	free(t->lines);
	free(t->links);
	free(t);
}
