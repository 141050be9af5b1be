/* view.c: a report rendered as tables of translated text (view.h). */
#include "ucplan/view.h"

#include <stdlib.h>
#include <string.h>

#include "ucplan/fields.h"
#include "ucplan/i18n.h"
#include "ucplan/strpool.h"

/* ---- columns --------------------------------------------------------------- */

/* In these tables C_() only joins context and text the way the catalog
 * stores them ("column\004Dst port"): a call cannot stand in a constant
 * initializer.  view_column_label() looks the pair up; xgettext still sees
 * C_() and records the context. */
#pragma push_macro("C_")
#undef C_
#define C_(context, s) context "\004" s

/* Priorities: what a narrow window keeps first is what a firewall
 * administrator types into a rule (destination, transport, port), then who
 * talks (source), where it goes (scope) and what it is (service); notes and
 * references have the row's detail window. */
static const struct report_column firewall_columns[] = {
	{"rule", N_("Rule"), NULL, COLUMN_PINNED, 9},
	{"scope", N_("Scope"), NULL, COLUMN_SCOPE, 5},
	{"source", N_("Source"), NULL, COLUMN_SOURCE, 6},
	{"destination", N_("Destination"), NULL, COLUMN_DESTINATION, 7},
	/* TRANSLATORS: short header of the Transport column, for narrow
	   windows (TCP, UDP); at most 7 columns */
	{"transport", N_("Transport"), C_("column", "Proto"), COLUMN_WHOLE, 8},
	/* TRANSLATORS: short header of the Source port column, for narrow
	   windows; at most 9 columns */
	{"source_port", N_("Source port"), C_("column", "Src port"), COLUMN_WHOLE, 4},
	/* TRANSLATORS: short header of the Destination port column, for
	   narrow windows; at most 10 columns */
	{"destination_port", N_("Destination port"), C_("column", "Dst port"), COLUMN_WHOLE, 8},
	{"service", N_("Service"), NULL, 0, 5},
	{"note", N_("Note"), NULL, 0, 1},
	/* TRANSLATORS: short header of the Reference column */
	{"reference", N_("Reference"), C_("column", "Ref."), 0, 0},
};

static const struct report_column lb_columns[] = {
	/* TRANSLATORS: short header of the Load balancer column (the pool's
	   name), for narrow windows */
	{"load_balancer", N_("Load balancer"), C_("column", "Pool"), COLUMN_PINNED, 9},
	/* TRANSLATORS: short header of the Virtual IP column */
	{"vip", N_("Virtual IP"), C_("column", "VIP"), COLUMN_WHOLE, 8},
	{"transport", N_("Transport"), C_("column", "Proto"), COLUMN_WHOLE, 8},
	{"port", N_("Port"), NULL, COLUMN_WHOLE, 8},
	{"service", N_("Service"), NULL, 0, 5},
	/* what to set on the VIP (catalog lb profiles) */
	/* TRANSLATORS: short header of the Persistence column (load balancer
	   affinity), for narrow windows */
	{"persistence", N_("Persistence"), C_("column", "Persist."), 0, 4},
	/* TRANSLATORS: short header of the TCP idle timeout column, in seconds */
	{"idle_timeout", N_("TCP idle timeout (s)"), C_("column", "Idle (s)"), 0, 3},
	/* TRANSLATORS: short header of the Health monitor column */
	{"health_monitor", N_("Health monitor"), C_("column", "Monitor"), 0, 3},
	/* TRANSLATORS: short header of the Source NAT column */
	{"source_nat", N_("Source NAT"), C_("column", "SNAT"), 0, 4},
	{"note", N_("Note"), NULL, 0, 1},
	{"reference", N_("Reference"), C_("column", "Ref."), 0, 0},
};

static const struct report_column ipsec_columns[] = {
	{"rule", N_("Rule"), NULL, COLUMN_PINNED, 9},
	{"source", N_("Source"), NULL, COLUMN_SOURCE, 6},
	{"destination", N_("Destination"), NULL, COLUMN_DESTINATION, 7},
	{"transport", N_("Transport"), C_("column", "Proto"), COLUMN_WHOLE, 8},
	{"source_port", N_("Source port"), C_("column", "Src port"), COLUMN_WHOLE, 4},
	{"destination_port", N_("Destination port"), C_("column", "Dst port"), COLUMN_WHOLE, 8},
	/* TRANSLATORS: short header of the Authentication column */
	{"authentication", N_("Authentication"), C_("column", "Auth."), 0, 3},
	{"reference", N_("Reference"), C_("column", "Ref."), 0, 0},
};

/* A program rule names a program, not ports: no port columns, so that no one
 * reads it as "open every port". */
static const struct report_column program_columns[] = {
	{"rule", N_("Rule"), NULL, COLUMN_PINNED, 9},
	{"server", N_("Servers"), NULL, COLUMN_DESTINATION, 6},
	/* TRANSLATORS: short header of the Windows Firewall rule column (the
	   program rule's name) */
	{"program_rule", N_("Windows Firewall rule"), C_("column", "Program rule"), 0, 7},
	{"transport", N_("Transport"), C_("column", "Proto"), COLUMN_WHOLE, 8},
	{"note", N_("Note"), NULL, 0, 1},
	{"reference", N_("Reference"), C_("column", "Ref."), 0, 0},
};

/* The Planning Tool's DNS report (Location, Type, FQDN, IP Address, Maps
 * To/Comments) with the SRV fields it lacked. */
static const struct report_column dns_columns[] = {
	{"zone", N_("Zone"), NULL, COLUMN_SCOPE, 6},
	{"type", N_("Type"), NULL, COLUMN_WHOLE, 8},
	{"name", N_("Name"), NULL, COLUMN_PINNED | COLUMN_WHOLE, 9},
	{"value", N_("Address or target"), NULL, 0, 8},
	{"port", N_("Port"), NULL, COLUMN_WHOLE, 5},
	{"priority", N_("Priority"), NULL, COLUMN_WHOLE, 2},
	{"weight", N_("Weight"), NULL, COLUMN_WHOLE, 2},
	{"ttl", N_("TTL"), NULL, COLUMN_WHOLE, 2},
	{"note", N_("Purpose"), NULL, 0, 1},
	{"reference", N_("Reference"), C_("column", "Ref."), 0, 0},
};

static const struct report_column certificate_columns[] = {
	{"assigned_to", N_("Assigned to"), NULL, COLUMN_PINNED, 9},
	{"use", N_("Use"), NULL, 0, 6},
	{"subject", N_("Subject name"), NULL, 0, 8},
	{"san", N_("Subject alternative names, in order"), NULL, 0, 7},
	{"ca", N_("CA"), NULL, COLUMN_SCOPE, 5},
	{"eku", N_("EKU"), NULL, 0, 3},
	{"note", N_("Note"), NULL, 0, 1},
	{"reference", N_("Reference"), C_("column", "Ref."), 0, 0},
};

static const struct report_column summary_columns[] = {
	{"role", N_("Role"), NULL, 0, 7},
	{"fqdn", N_("FQDN"), NULL, COLUMN_PINNED, 9},
	{"address", N_("Address"), NULL, COLUMN_WHOLE, 8},
	{"public_address", N_("Public address (NAT)"), NULL, COLUMN_WHOLE, 6},
	{"network", N_("Network"), NULL, COLUMN_SCOPE, 5},
	{"note", N_("Note"), NULL, 0, 1},
	{"reference", N_("Reference"), C_("column", "Ref."), 0, 0},
};
#pragma pop_macro("C_")

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

const struct report_column *report_columns(enum catalog_table kind, size_t *n_columns)
{
	switch (kind) {
	case CATALOG_DNS:
		*n_columns = COUNT(dns_columns);
		return dns_columns;
	case CATALOG_CERTIFICATES:
		*n_columns = COUNT(certificate_columns);
		return certificate_columns;
	case CATALOG_SUMMARY:
		*n_columns = COUNT(summary_columns);
		return summary_columns;
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

const char *view_column_label(const struct report_column *column, bool brief)
{
	const char *text;

	if (brief && column->short_label && (text = strchr(column->short_label, '\004')))
		return i18n_pgettext(column->short_label, text + 1);
	return column->label ? _(column->label) : column->key;
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

/* Tables are read across: one identifying name per endpoint, the rest in
 * the detail window. */
void view_put_endpoint_brief(struct strbuf *sb, const struct report_endpoint *e)
{
	if (e->special || (str_empty(e->pool) && str_empty(e->vip) && e->n_members == 0)) {
		strbuf_puts(sb, _(e->label));
		return;
	}
	if (e->vip_only) {
		if (str_empty(e->vip))
			strbuf_puts(sb, _(e->label));
		else
			strbuf_printf(sb, _("VIP %s"), e->vip);
		if (!str_empty(e->pool))
			strbuf_printf(sb, " (%s)", e->pool);
		return;
	}
	if (!str_empty(e->pool)) {
		strbuf_puts(sb, e->pool);
		if (str_empty(e->vip) && e->n_members == 0)
			return;
		strbuf_puts(sb, " (");
		if (!str_empty(e->vip))
			strbuf_printf(sb, _("VIP %s"), e->vip);
		if (!str_empty(e->vip) && e->n_members)
			strbuf_puts(sb, ", ");
		if (e->n_members)
			strbuf_printf(sb, P_("%zu server", "%zu servers", e->n_members),
				      e->n_members);
		strbuf_puts(sb, ")");
		return;
	}
	if (e->n_members == 1) {
		const struct report_member *m = &e->members[0];
		strbuf_puts(sb, str_empty(m->fqdn) ? m->address : m->fqdn);
		return;
	}
	/* TRANSLATORS: an endpoint in a table cell: its role, then how many
	   servers it has ("Front End Servers (3 servers)") */
	strbuf_printf(sb, P_("%s (%zu server)", "%s (%zu servers)", e->n_members), _(e->label),
		      e->n_members);
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
void view_put_source_list(struct strbuf *sb, const struct catalog_source *const *sources,
			  size_t n_sources)
{
	for (size_t i = 0; i < n_sources; i++) {
		const struct catalog_source *s = sources[i];
		bool seen = false;
		for (size_t j = 0; j < i && !seen; j++)
			seen = str_eq(sources[j]->article, s->article) &&
			       str_eq(sources[j]->table, s->table);
		if (seen)
			continue;
		if (i)
			strbuf_puts(sb, "; ");
		view_put_source(sb, s);
	}
}

void view_put_sources(struct strbuf *sb, const struct report_flow *flow)
{
	view_put_source_list(sb, flow->sources, flow->n_sources);
}

/* The words of the machine keys of records. */
const char *view_record_key_msgid(const char *key)
{
	static const struct {
		const char *key, *msgid;
	} words[] = {
	    {"internal", N_("Internal")},
	    {"external", N_("External")},
	    {"perimeter", N_("Perimeter")},
	    {"public", N_("Public")},
	    {"server", N_("Server authentication")},
	    {"server-client", N_("Server and client authentication")},
	};

	for (size_t i = 0; key && i < COUNT(words); i++)
		if (strcmp(words[i].key, key) == 0)
			return words[i].msgid;
	return key;
}

void view_put_lb_setting(struct strbuf *sb, const struct catalog_lb_profile *lb,
			 enum view_lb_setting which)
{
	static const char *const persistence[] = {
	    [LB_PERSISTENCE_UNDOCUMENTED] = N_("Not documented"),
	    [LB_PERSISTENCE_SOURCE] = N_("Source address"),
	    /* TRANSLATORS: persistence (affinity) of a load balancer VIP: none */
	    [LB_PERSISTENCE_NONE] = N_("None")};
	static const char *const snat[] = {[LB_SNAT_UNDOCUMENTED] = N_("Not documented"),
					   [LB_SNAT_ALLOWED] = N_("Allowed"),
					   [LB_SNAT_NOT_ALLOWED] = N_("Not allowed")};

	switch (which) {
	case VIEW_LB_PERSISTENCE:
		strbuf_puts(sb, _(persistence[lb ? lb->persistence : LB_PERSISTENCE_UNDOCUMENTED]));
		break;
	case VIEW_LB_IDLE_TIMEOUT:
		if (lb && lb->idle_timeout)
			strbuf_printf(sb, "%u", lb->idle_timeout);
		else
			strbuf_puts(sb, _("Not documented"));
		break;
	case VIEW_LB_MONITOR:
		if (lb && lb->monitor_transport)
			strbuf_printf(sb, "%s %u", lb->monitor_transport, lb->monitor_port);
		else
			strbuf_puts(sb, _("Not documented"));
		break;
	default:
		strbuf_puts(sb, _(snat[lb ? lb->source_nat : LB_SNAT_UNDOCUMENTED]));
		break;
	}
}

void view_put_lb_sources(struct strbuf *sb, const struct report_flow *flow)
{
	const struct catalog_lb_profile *lb = flow->rule ? flow->rule->lb : NULL;
	size_t n = flow->n_sources + (lb ? lb->n_sources : 0), shown = 0;

	for (size_t i = 0; i < n; i++) {
		const struct catalog_source *s =
			i < flow->n_sources ? flow->sources[i] : lb->sources[i - flow->n_sources];
		bool seen = false;
		for (size_t j = 0; j < i && !seen; j++) {
			const struct catalog_source *t = j < flow->n_sources
								 ? flow->sources[j]
								 : lb->sources[j - flow->n_sources];
			seen = str_eq(t->article, s->article) && str_eq(t->table, s->table);
		}
		if (seen)
			continue;
		if (shown++)
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

/* An lb row's settings, its note followed by the settings' note, and its
 * sources with the settings' (the table is small: rendered per row). */
static void lb_cells(struct view_store *st, const struct report_flow *f, const char **c)
{
	const struct catalog_lb_profile *lb = f->rule ? f->rule->lb : NULL;

	for (int k = VIEW_LB_PERSISTENCE; k <= VIEW_LB_SOURCE_NAT; k++) {
		view_put_lb_setting(&st->scratch, lb, (enum view_lb_setting)k);
		c[k] = take(st);
	}
	if (lb && !str_empty(lb->note)) {
		strbuf_puts(&st->scratch, str_empty(f->note) ? "" : _(f->note));
		strbuf_printf(&st->scratch, "%s%s", str_empty(f->note) ? "" : " ", _(lb->note));
		c[4] = take(st);
	} else {
		c[4] = msg(st, f->note);
	}
	view_put_lb_sources(&st->scratch, f);
	c[5] = take(st);
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
		lb_cells(st, f, c + 5);
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

static const char *number_cell(struct view_store *st, unsigned n, bool shown)
{
	if (!shown)
		return strpool_intern(st->pool, "");
	strbuf_printf(&st->scratch, "%u", n);
	return take(st);
}

/* A record's cells; zone, network, CA and EKU in words. */
static void render_record(struct view_store *st, const struct report_record *r,
			  enum catalog_table kind, const char **c)
{
	const char *refs = ptrmap_get(&st->rendered, RENDERED_SOURCES, r->sources);
	bool srv = str_eq(r->type, "SRV");

	if (!refs) {
		view_put_source_list(&st->scratch, r->sources, r->n_sources);
		refs = take(st);
		if (r->sources)
			ptrmap_put(&st->rendered, RENDERED_SOURCES, r->sources, refs);
	}
	switch (kind) {
	case CATALOG_DNS:
		c[0] = msg(st, view_record_key_msgid(r->zone));
		c[1] = text(st, r->type);
		c[2] = text(st, r->name);
		c[3] = text(st, r->value);
		c[4] = number_cell(st, r->port, srv);
		c[5] = number_cell(st, r->priority, srv);
		c[6] = number_cell(st, r->weight, srv);
		c[7] = number_cell(st, r->ttl, srv);
		c[8] = msg(st, r->note);
		c[9] = refs;
		break;
	case CATALOG_CERTIFICATES:
		c[0] = text(st, r->holder);
		c[1] = msg(st, r->label);
		c[2] = text(st, r->name);
		for (size_t i = 0; i < r->n_sans; i++)
			strbuf_printf(&st->scratch, "%s%s", i ? ", " : "", r->sans[i]);
		c[3] = r->n_sans ? take(st) : msg(st, N_("(none)"));
		c[4] = msg(st, view_record_key_msgid(r->ca));
		c[5] = msg(st, view_record_key_msgid(r->eku));
		c[6] = msg(st, r->note);
		c[7] = refs;
		break;
	default:
		c[0] = msg(st, r->label);
		c[1] = text(st, r->name);
		c[2] = text(st, r->value);
		c[3] = text(st, r->nat);
		c[4] = msg(st, view_record_key_msgid(r->network));
		c[5] = msg(st, r->note);
		c[6] = refs;
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

const char *const *view_render_record(struct view_renderer *vr, enum catalog_table kind,
				      const struct report_record *record)
{
	size_t n;

	report_columns(kind, &n);
	if (n > vr->cap) {
		vr->cells = xreallocarray(vr->cells, n, sizeof *vr->cells);
		vr->cap = n;
	}
	render_record(&vr->store, record, kind, vr->cells);
	return vr->cells;
}

void view_renderer_clear(struct view_renderer *vr)
{
	strpool_clear(vr->store.pool);
	ptrmap_clear(&vr->store.rendered);
	vr->store.scratch.len = 0;
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
		if (CATALOG_IS_RECORDS(in->kind)) {
			t->n_rows = in->n_records;
			t->rows = in->n_records ? xcalloc(in->n_records, sizeof *t->rows) : NULL;
			for (size_t r = 0; r < in->n_records; r++) {
				const struct report_record *rec = &in->records[r];
				struct report_row *row = &t->rows[r];
				const char **cells =
				    strpool_alloc(st->pool, t->n_columns * sizeof *cells);
				render_record(st, rec, in->kind, cells);
				row->rule_id = rec->rule_id;
				/* what the planner filters a record table on */
				row->scope = in->kind == CATALOG_DNS	     ? rec->zone
					     : in->kind == CATALOG_SUMMARY ? rec->network
									   : rec->ca;
				row->site = rec->site;
				row->rule = rec->rule;
				row->record = rec;
				row->cells = cells;
			}
			continue;
		}
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
