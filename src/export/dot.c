/* dot.c: a diagram as a Graphviz DOT graph (diagram.h).
 *
 * The networks are clusters stacked from the internet inwards, a site of
 * a picture of several sites is a cluster inside each network, the
 * firewalls are nodes between the networks, and every aggregated flow is an
 * edge labelled with its ports.  Node labels are HTML-like labels: every
 * plan value is neutralized, then escaped for HTML; every other string is
 * escaped for a quoted DOT string. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "ucplan/diagram.h"
#include "ucplan/i18n.h"
#include "ucplan/textwidth.h"

/* One colour per scope, so that the firewall a flow crosses shows. */
static const struct {
	const char *scope, *colour;
} scope_colours[] = {
	{"external-firewall", "#b03a2e"},
	{"internal-firewall", "#b9770e"},
	{"server", "#1f618d"},
	{"client", "#7d3c98"},
};

static const char *zone_keys[DIAGRAM_ZONE_COUNT] = {"internet", "perimeter", "internal", "branch"};
static const char *zone_titles[DIAGRAM_ZONE_COUNT] = {
	N_("Internet"), N_("Perimeter network"), N_("Internal network"), N_("Branch sites"),
};
static const char *zone_fill[DIAGRAM_ZONE_COUNT] = {"#eaf2f8", "#fdf2e9", "#eafaf1", "#f4ecf7"};

/* s (a plan value or a translated text) in a double-quoted DOT string:
 * quotes and backslashes escaped, "&" written as an entity, controls made
 * visible first. */
static void put_quoted(FILE *out, const char *s)
{
	char *clean = tw_is_clean(s) ? NULL : tw_neutralize(s);

	fputc('"', out);
	for (const char *c = clean ? clean : s ? s : ""; *c; c++) {
		/* dot reads entities in every label: "&amp;" would show as "&" */
		if (*c == '&') {
			fputs("&amp;", out);
			continue;
		}
		if (*c == '"' || *c == '\\')
			fputc('\\', out);
		fputc(*c, out);
	}
	fputc('"', out);
	free(clean);
}

/* s inside an HTML-like label: & < > " escaped, controls made visible. */
static void put_html(FILE *out, const char *s)
{
	char *clean = tw_is_clean(s) ? NULL : tw_neutralize(s);

	for (const char *c = clean ? clean : s ? s : ""; *c; c++) {
		switch (*c) {
		case '&':
			fputs("&amp;", out);
			break;
		case '<':
			fputs("&lt;", out);
			break;
		case '>':
			fputs("&gt;", out);
			break;
		case '"':
			fputs("&quot;", out);
			break;
		default:
			fputc(*c, out);
		}
	}
	free(clean);
}

static void put_row(FILE *out, const char *text, bool bold)
{
	fputs("<TR><TD ALIGN=\"LEFT\">", out);
	if (bold)
		fputs("<B>", out);
	put_html(out, text);
	if (bold)
		fputs("</B>", out);
	fputs("</TD></TR>", out);
}

static void write_box(FILE *out, const struct diagram *d, size_t i, const char *indent)
{
	const struct diagram_box *b = &d->boxes[i];

	fprintf(out, "%sn%zu [label=<<TABLE BORDER=\"0\" CELLBORDER=\"0\" CELLSPACING=\"0\">",
		indent, i);
	put_row(out, _(b->label), true);
	if (b->name)
		put_row(out, b->name, false);
	for (size_t k = 0; k < b->n_entries; k++) {
		const struct diagram_entry *e = &b->entries[k];
		struct strbuf sb = {0};
		if (e->label)
			strbuf_puts(&sb, _(e->label));
		if (e->fqdn)
			strbuf_printf(&sb, "%s%s", sb.len ? " " : "", e->fqdn);
		if (e->address) {
			if (sb.len)
				strbuf_add(&sb, " ", 1);
			if (e->nat)
				strbuf_printf(&sb, _("%s (NAT %s)"), e->address, e->nat);
			else
				strbuf_puts(&sb, e->address);
		}
		put_row(out, sb.data ? sb.data : "", false);
		strbuf_free(&sb);
	}
	fputs("</TABLE>>", out);
	if (b->special)
		fputs(", style=\"rounded,dashed\"", out);
	fputs("];\n", out);
}

static bool many_sites(const struct diagram *d)
{
	return d->site < 0 && d->report->n_sites > 1;
}

static void write_zone(FILE *out, const struct diagram *d, enum diagram_zone zone)
{
	size_t i = 0;

	while (i < d->n_boxes && d->boxes[i].zone != zone)
		i++;
	if (i == d->n_boxes)
		return;
	fprintf(out, "  subgraph cluster_%s {\n    label=", zone_keys[zone]);
	put_quoted(out, _(zone_titles[zone]));
	fprintf(out, ";\n    style=filled; fillcolor=\"%s\"; color=\"#7f8c8d\";\n", zone_fill[zone]);
	while (i < d->n_boxes && d->boxes[i].zone == zone) {
		int site = d->boxes[i].site;
		bool cluster = many_sites(d) && site >= 0;
		if (cluster) {
			fprintf(out, "    subgraph cluster_%s_%d {\n      label=", zone_keys[zone], site);
			put_quoted(out, report_site_name(d->report, site));
			fputs(";\n      style=\"filled,dashed\"; fillcolor=\"#ffffff\";\n", out);
		}
		for (; i < d->n_boxes && d->boxes[i].zone == zone && d->boxes[i].site == site; i++)
			write_box(out, d, i, cluster ? "      " : "    ");
		if (cluster)
			fputs("    }\n", out);
	}
	fputs("  }\n", out);
}

static void write_firewall(FILE *out, const char *id, const char *title)
{
	fprintf(out, "  %s [label=", id);
	put_quoted(out, title);
	/* a wide bar: the wall the flows pass through */
	fputs(", shape=box, style=filled, fillcolor=\"#922b21\", fontcolor=\"#ffffff\", "
	      "fontsize=12, width=9, height=0.35, fixedsize=true];\n",
	      out);
}

/* The layers of the picture, top to bottom: the zones and, between them,
 * the firewalls (which have no zone: FIREWALL_* instead). */
enum { FIREWALL_EXTERNAL = -1, FIREWALL_INTERNAL = -2, NO_LAYER = -3 };

static bool layer_present(const struct diagram *d, int layer)
{
	if (layer == FIREWALL_EXTERNAL)
		return d->external_firewall;
	if (layer == FIREWALL_INTERNAL)
		return d->internal_firewall;
	for (size_t i = 0; i < d->n_boxes; i++)
		if ((int)d->boxes[i].zone == layer)
			return true;
	return false;
}

/* The node ids of a layer: a firewall's, or its boxes' ("n3"). */
static void layer_nodes(const struct diagram *d, int layer, struct strbuf *ids, size_t *n)
{
	*n = 0;
	if (layer < 0) {
		strbuf_puts(ids, layer == FIREWALL_EXTERNAL ? "fw_external" : "fw_internal");
		strbuf_add(ids, "", 1);
		*n = 1;
		return;
	}
	for (size_t i = 0; i < d->n_boxes; i++)
		if ((int)d->boxes[i].zone == layer) {
			strbuf_printf(ids, "n%zu", i);
			strbuf_add(ids, "", 1);
			(*n)++;
		}
}

/* Invisible edges that keep the layers in order: every node of a layer
 * above the first node of the next, and the last node of a layer above
 * every node of the next (linear, not one edge per pair). */
static void write_layer_order(FILE *out, const struct diagram *d)
{
	const int layers[] = {DIAGRAM_INTERNET, FIREWALL_EXTERNAL, DIAGRAM_PERIMETER,
			      FIREWALL_INTERNAL, DIAGRAM_INTERNAL, DIAGRAM_BRANCH};
	int prev = NO_LAYER;

	for (size_t l = 0; l < sizeof layers / sizeof layers[0]; l++) {
		struct strbuf a = {0}, b = {0};
		size_t na, nb;
		const char *last_a, *p;

		if (!layer_present(d, layers[l]))
			continue;
		if (prev == NO_LAYER) {
			prev = layers[l];
			continue;
		}
		layer_nodes(d, prev, &a, &na);
		layer_nodes(d, layers[l], &b, &nb);
		last_a = a.data;
		for (p = a.data; na--; p += strlen(p) + 1) {
			fprintf(out, "  %s -> %s [style=invis];\n", p, b.data);
			last_a = p;
		}
		for (p = b.data + strlen(b.data) + 1; --nb; p += strlen(p) + 1)
			fprintf(out, "  %s -> %s [style=invis];\n", last_a, p);
		strbuf_free(&a);
		strbuf_free(&b);
		prev = layers[l];
	}
}

static const char *flow_colour(const char *scope)
{
	for (size_t i = 0; i < sizeof scope_colours / sizeof scope_colours[0]; i++)
		if (str_eq(scope, scope_colours[i].scope))
			return scope_colours[i].colour;
	return "#566573";
}

/* What the colours of the arrows mean: the scopes of the flows drawn, in
 * their order. */
static void write_legend(FILE *out, const struct diagram *d)
{
	const char *seen[8];
	size_t n = 0;

	for (size_t i = 0; i < d->n_flows && n < sizeof seen / sizeof seen[0]; i++) {
		const struct catalog_scope *scope = d->flows[i].rows[0]->rule->scope;
		bool known = false;
		for (size_t k = 0; k < n; k++)
			known |= str_eq(seen[k], d->flows[i].scope);
		if (known)
			continue;
		if (n == 0)
			fputs("  legend [shape=plaintext, label=<<TABLE BORDER=\"0\" CELLBORDER=\"0\" "
			      "CELLSPACING=\"0\">",
			      out);
		seen[n++] = d->flows[i].scope;
		fprintf(out, "<TR><TD ALIGN=\"LEFT\"><FONT COLOR=\"%s\">&#8594; ",
			flow_colour(d->flows[i].scope));
		put_html(out, scope && scope->label ? _(scope->label) : d->flows[i].scope);
		fputs("</FONT></TD></TR>", out);
	}
	if (n)
		fputs("</TABLE>>];\n", out);
}

static void write_flow(FILE *out, const struct diagram *d, const struct diagram_flow *f)
{
	struct strbuf ports = {0};
	size_t from = f->from, to = f->to;
	bool back = d->boxes[from].zone > d->boxes[to].zone;

	diagram_flow_ports(f, &ports);
	/* A flow towards the internet is drawn from the lower box with its
	 * arrow reversed, so that it does not pull the layers out of order. */
	if (back)
		fprintf(out, "  n%zu -> n%zu [dir=back, ", to, from);
	else
		fprintf(out, "  n%zu -> n%zu [", from, to);
	fputs("label=", out);
	put_quoted(out, ports.data ? ports.data : "");
	fprintf(out, ", color=\"%s\", fontcolor=\"%s\"];\n", flow_colour(f->scope),
		flow_colour(f->scope));
	strbuf_free(&ports);
}

enum uc_status diagram_write_dot(const struct diagram *d, FILE *out, struct uc_error *err)
{
	struct strbuf title = {0};

	if (d->site >= 0) {
		/* TRANSLATORS: the title of a diagram of one site: plan, site */
		strbuf_printf(&title, _("%s, site %s"), d->report->plan_name ? d->report->plan_name : "",
			      report_site_name(d->report, d->site));
	} else {
		strbuf_puts(&title, d->report->plan_name ? d->report->plan_name : "");
	}
	fputs("digraph ucplan {\n", out);
	fputs("  graph [rankdir=TB, newrank=true, nodesep=0.25, ranksep=0.5, fontname=\"sans-serif\", "
	      "labelloc=t, fontsize=16, label=",
	      out);
	put_quoted(out, title.data ? title.data : "");
	fputs("];\n  node [shape=box, style=rounded, fontname=\"sans-serif\", fontsize=10, "
	      "margin=\"0.1,0.05\"];\n"
	      "  edge [fontname=\"sans-serif\", fontsize=9];\n",
	      out);
	strbuf_free(&title);
	write_zone(out, d, DIAGRAM_INTERNET);
	if (d->external_firewall)
		write_firewall(out, "fw_external", _("External firewall"));
	write_zone(out, d, DIAGRAM_PERIMETER);
	if (d->internal_firewall)
		write_firewall(out, "fw_internal", _("Internal firewall"));
	write_zone(out, d, DIAGRAM_INTERNAL);
	write_zone(out, d, DIAGRAM_BRANCH);
	write_layer_order(out, d);
	write_legend(out, d);
	for (size_t i = 0; i < d->n_flows; i++)
		write_flow(out, d, &d->flows[i]);
	fputs("}\n", out);
	if (fflush(out) != 0 || ferror(out))
		return uc_error_set(err, UC_ERR_IO, NULL, 0, _("writing failed: %s"),
				    strerror(errno ? errno : EIO));
	return UC_OK;
}
