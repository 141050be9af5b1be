/* view.c: a report rendered as tables of translated text (view.h). */
#include "ucplan/view.h"

#include <stdlib.h>
#include <string.h>

#include "ucplan/fields.h"
#include "ucplan/i18n.h"
#include "ucplan/strpool.h"

/* ---- columns --------------------------------------------------------------- */

static const struct report_column firewall_columns[] = {
	{"rule", N_("Rule")},
	{"scope", N_("Scope")},
	{"source", N_("Source")},
	{"destination", N_("Destination")},
	{"transport", N_("Transport")},
	{"source_port", N_("Source port")},
	{"destination_port", N_("Destination port")},
	{"service", N_("Service")},
	{"note", N_("Note")},
	{"reference", N_("Reference")},
};

static const struct report_column lb_columns[] = {
	{"load_balancer", N_("Load balancer")},
	{"vip", N_("Virtual IP")},
	{"transport", N_("Transport")},
	{"port", N_("Port")},
	{"service", N_("Service")},
	{"note", N_("Note")},
	{"reference", N_("Reference")},
};

static const struct report_column ipsec_columns[] = {
	{"rule", N_("Rule")},
	{"source", N_("Source")},
	{"destination", N_("Destination")},
	{"transport", N_("Transport")},
	{"source_port", N_("Source port")},
	{"destination_port", N_("Destination port")},
	{"authentication", N_("Authentication")},
	{"reference", N_("Reference")},
};

/* A program rule names a program, not ports: no port columns, so that no one
 * reads it as "open every port". */
static const struct report_column program_columns[] = {
	{"rule", N_("Rule")},
	{"server", N_("Servers")},
	{"program_rule", N_("Windows Firewall rule")},
	{"transport", N_("Transport")},
	{"note", N_("Note")},
	{"reference", N_("Reference")},
};

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

const struct report_column *report_columns(enum catalog_table kind, size_t *n_columns)
{
	switch (kind) {
	case CATALOG_LB:
		*n_columns = COUNT(lb_columns);
		return lb_columns;
	case CATALOG_IPSEC:
		*n_columns = COUNT(ipsec_columns);
		return ipsec_columns;
	case CATALOG_PROGRAMS:
		*n_columns = COUNT(program_columns);
		return program_columns;
	default:
		*n_columns = COUNT(firewall_columns);
		return firewall_columns;
	}
}

int report_column_index(const struct report_table *table, const char *key)
{
	for (size_t i = 0; i < table->n_columns; i++)
		if (strcmp(table->columns[i].key, key) == 0)
			return (int)i;
	return -1;
}

/* ---- cells ----------------------------------------------------------------- */

/* "Label pool (addr, addr)", "Label pool (VIP v; addr, addr)", "Label name
 * (addr), name (addr, NAT pub)" or "Label 203.0.113.10 (pool)"; just
 * "Label" when the plan gives nothing. */
void view_put_endpoint(struct strbuf *sb, const struct report_endpoint *e)
{
	strbuf_puts(sb, _(e->label));
	if (e->vip_only) {
		if (!str_empty(e->vip)) {
			strbuf_puts(sb, " ");
			strbuf_puts(sb, e->vip);
		}
		if (!str_empty(e->pool))
			strbuf_printf(sb, " (%s)", e->pool);
		return;
	}
	if (!str_empty(e->pool)) {
		strbuf_puts(sb, " ");
		strbuf_puts(sb, e->pool);
		if (e->n_members || !str_empty(e->vip)) {
			strbuf_puts(sb, " (");
			/* the load balancer's VIP first: the flow's destination */
			if (!str_empty(e->vip)) {
				strbuf_printf(sb, _("VIP %s"), e->vip);
				if (e->n_members)
					strbuf_puts(sb, "; ");
			}
			for (size_t i = 0; i < e->n_members; i++) {
				const struct report_member *m = &e->members[i];
				if (i)
					strbuf_puts(sb, ", ");
				strbuf_puts(sb, str_empty(m->address) ? m->fqdn : m->address);
			}
			strbuf_puts(sb, ")");
		}
		return;
	}
	for (size_t i = 0; i < e->n_members; i++) {
		const struct report_member *m = &e->members[i];
		strbuf_puts(sb, i ? ", " : " ");
		if (str_empty(m->fqdn)) {
			strbuf_puts(sb, m->address);
			if (!str_empty(m->nat))
				strbuf_printf(sb, " (NAT %s)", m->nat);
			continue;
		}
		strbuf_puts(sb, m->fqdn);
		if (str_empty(m->address))
			continue;
		strbuf_printf(sb, " (%s", m->address);
		if (!str_empty(m->nat))
			strbuf_printf(sb, ", NAT %s", m->nat);
		strbuf_puts(sb, ")");
	}
}

void view_put_port(struct strbuf *sb, struct report_port port)
{
	if (port.kind == REPORT_PORT_ANY)
		strbuf_puts(sb, _("Any"));
	else
		fields_put_port(sb, port); /* numbers read the same in every language */
}

/* The public source as an administrator looks it up: the article's English
 * title, the table in it and the address.  The seed file or reference
 * section we read it in stays in the catalog and in the row's detail. */
void view_put_source(struct strbuf *sb, const struct catalog_source *src)
{
	strbuf_puts(sb, src->article);
	strbuf_puts(sb, " \u2014 ");
	strbuf_puts(sb, src->table);
	strbuf_puts(sb, " <");
	strbuf_puts(sb, src->url);
	strbuf_add(sb, ">", 1);
}

/* Each public article and table once: a seed and the reference section
 * that transcribes the same table name the same source. */
void view_put_sources(struct strbuf *sb, const struct report_flow *flow)
{
	for (size_t i = 0; i < flow->n_sources; i++) {
		const struct catalog_source *s = flow->sources[i];
		bool seen = false;
		for (size_t j = 0; j < i && !seen; j++)
			seen = str_eq(flow->sources[j]->article, s->article) &&
			       str_eq(flow->sources[j]->table, s->table);
		if (seen)
			continue;
		if (i)
			strbuf_puts(sb, "; ");
		view_put_source(sb, s);
	}
}

/* ---- the view ------------------------------------------------------------- */

struct view_store {
	struct strpool *pool;
	struct strbuf scratch;
	/* an endpoint or a source list is shared by many rows: rendered once */
	struct ptrmap rendered;
};

enum { RENDERED_ENDPOINT, RENDERED_SOURCES, RENDERED_TEXT, RENDERED_MSG };

/* Interns the scratch text and empties it: equal cells share one copy. */
static const char *take(struct view_store *st)
{
	const char *s =
		strpool_intern_n(st->pool, st->scratch.data ? st->scratch.data : "", st->scratch.len);

	st->scratch.len = 0;
	if (st->scratch.data)
		st->scratch.data[0] = '\0';
	return s;
}

/* A string of the catalog or the report as a cell: the same pointer comes
 * back for every row, so it is interned once. */
static const char *text(struct view_store *st, const char *s)
{
	const char *cell;

	if (!s)
		return strpool_intern(st->pool, "");
	cell = ptrmap_get(&st->rendered, RENDERED_TEXT, s);
	if (!cell) {
		cell = strpool_intern(st->pool, s);
		ptrmap_put(&st->rendered, RENDERED_TEXT, s, cell);
	}
	return cell;
}

/* A msgid translated, once per msgid. */
static const char *msg(struct view_store *st, const char *msgid)
{
	const char *cell;

	if (str_empty(msgid))
		return strpool_intern(st->pool, "");
	cell = ptrmap_get(&st->rendered, RENDERED_MSG, msgid);
	if (!cell) {
		cell = strpool_intern(st->pool, _(msgid));
		ptrmap_put(&st->rendered, RENDERED_MSG, msgid, cell);
	}
	return cell;
}

static const char *endpoint_cell(struct view_store *st, const struct report_endpoint *e)
{
	const char *s = ptrmap_get(&st->rendered, RENDERED_ENDPOINT, e);

	if (!s) {
		view_put_endpoint(&st->scratch, e);
		s = take(st);
		ptrmap_put(&st->rendered, RENDERED_ENDPOINT, e, s);
	}
	return s;
}

static const char *port_cell(struct view_store *st, struct report_port p)
{
	view_put_port(&st->scratch, p);
	return take(st);
}

/* The lb table's two columns: the pool's name (or the endpoint as a person
 * reads it when there is no pool name) and the VIP. */
static const char *pool_cell(struct view_store *st, const struct report_endpoint *e)
{
	return str_empty(e->pool) ? endpoint_cell(st, e) : text(st, e->pool);
}

static void render_cells(struct view_store *st, const struct report_flow *f,
			 enum catalog_table kind, const char **c)
{
	const char *refs = ptrmap_get(&st->rendered, RENDERED_SOURCES, f->sources);

	if (!refs) {
		view_put_sources(&st->scratch, f);
		refs = take(st);
		if (f->sources)
			ptrmap_put(&st->rendered, RENDERED_SOURCES, f->sources, refs);
	}
	switch (kind) {
	case CATALOG_FIREWALL:
		c[0] = text(st, f->rule_id);
		c[1] = msg(st, f->rule->scope->label);
		c[2] = endpoint_cell(st, f->source);
		c[3] = endpoint_cell(st, f->destination);
		c[4] = text(st, f->transport);
		c[5] = port_cell(st, f->source_port);
		c[6] = port_cell(st, f->destination_port);
		c[7] = msg(st, f->service);
		c[8] = msg(st, f->note);
		c[9] = refs;
		break;
	case CATALOG_LB:
		c[0] = pool_cell(st, f->source);
		c[1] = str_empty(f->destination->vip) ? msg(st, N_("(not set)"))
						      : text(st, f->destination->vip);
		c[2] = text(st, f->transport);
		c[3] = port_cell(st, f->destination_port);
		c[4] = msg(st, f->service);
		c[5] = msg(st, f->note);
		c[6] = refs;
		break;
	case CATALOG_IPSEC:
		c[0] = msg(st, f->note);
		c[1] = endpoint_cell(st, f->source);
		c[2] = endpoint_cell(st, f->destination);
		c[3] = text(st, f->transport);
		c[4] = port_cell(st, f->source_port);
		c[5] = port_cell(st, f->destination_port);
		c[6] = msg(st, f->authentication);
		c[7] = refs;
		break;
	default:
		c[0] = text(st, f->rule_id);
		c[1] = endpoint_cell(st, f->destination);
		c[2] = msg(st, f->service);
		c[3] = text(st, f->transport);
		c[4] = msg(st, f->note);
		c[5] = refs;
		break;
	}
}

struct view_renderer {
	struct view_store store;
	const char **cells; /* the row being rendered */
	size_t cap;
};

struct view_renderer *view_renderer_new(void)
{
	struct view_renderer *vr = xcalloc(1, sizeof *vr);

	vr->store.pool = strpool_new();
	return vr;
}

const char *const *view_render_row(struct view_renderer *vr, enum catalog_table kind,
				   const struct report_flow *flow)
{
	size_t n;

	report_columns(kind, &n);
	if (n > vr->cap) {
		vr->cells = xreallocarray(vr->cells, n, sizeof *vr->cells);
		vr->cap = n;
	}
	render_cells(&vr->store, flow, kind, vr->cells);
	return vr->cells;
}

void view_renderer_free(struct view_renderer *vr)
{
	if (!vr)
		return;
	strpool_free(vr->store.pool);
	strbuf_free(&vr->store.scratch);
	ptrmap_free(&vr->store.rendered);
	free(vr->cells);
	free(vr);
}

struct report_view *report_view_build(const struct report *report)
{
	struct report_view *v = xcalloc(1, sizeof *v);
	struct view_store *st = xcalloc(1, sizeof *st);

	st->pool = strpool_new();
	v->store = st;
	v->lang = xstrdup(i18n_language());
	v->plan_name = xstrdup(report->plan_name ? report->plan_name : "");
	for (unsigned k = 0; k < CATALOG_TABLE_COUNT; k++) {
		const struct report_flows *in = &report->tables[k];
		struct report_table *t = &v->tables[k];
		t->kind = in->kind;
		t->key = in->key;
		t->title = in->title;
		t->columns = report_columns(in->kind, &t->n_columns);
		t->n_rows = in->n_flows;
		t->rows = in->n_flows ? xcalloc(in->n_flows, sizeof *t->rows) : NULL;
		for (size_t r = 0; r < in->n_flows; r++) {
			const struct report_flow *f = &in->flows[r];
			struct report_row *row = &t->rows[r];
			const char **cells = strpool_alloc(st->pool, t->n_columns * sizeof *cells);
			render_cells(st, f, in->kind, cells);
			row->rule_id = f->rule_id;
			row->scope = f->scope;
			row->site = f->site;
			row->rule = f->rule;
			row->flow = f;
			row->cells = cells;
		}
	}
	strbuf_free(&st->scratch);
	ptrmap_free(&st->rendered);
	return v;
}

void report_view_free(struct report_view *v)
{
	if (!v)
		return;
	for (unsigned k = 0; k < CATALOG_TABLE_COUNT; k++)
		free(v->tables[k].rows);
	strpool_free(v->store->pool);
	free(v->store);
	free(v->lang);
	free(v->plan_name);
	free(v);
}
