/* diagram.c: the diagram model (diagram.h), built from the report's
 * firewall table for the flows and its summary table for the addresses. */
#include "ucplan/diagram.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "ucplan/i18n.h"
#include "ucplan/view.h"

/* Where each catalog endpoint stands and which box it belongs to: the one
 * home of the role -> network mapping.  A role may be listed twice, once for
 * the rows of one scope (the internet side of the external firewall) and
 * once for every other scope; the first match wins. */
struct role_place {
	const char *role;  /* catalog endpoint id */
	const char *scope; /* only for rows of this scope; NULL: any scope */
	const char *box;   /* box key */
	const char *title; /* English msgid of the box's title */
	enum diagram_zone zone;
	const char *entry; /* English msgid labelling its addresses in the box, or NULL */
	/* A group of other boxes' servers (every internal server, the peers
	 * of Exchange UM): drawn as one box without listing them again. */
	bool group;
};

#define EXT "external-firewall"

static const struct role_place places[] = {
	{"any", EXT, "internet", N_("Any host on the internet"), DIAGRAM_INTERNET, NULL, false},
	{"clients", EXT, "remote-users", N_("Remote users"), DIAGRAM_INTERNET, NULL, false},
	{"public-im-partners", NULL, "public-im", N_("Public IM connectivity partners"),
	 DIAGRAM_INTERNET, NULL, false},
	{"live-messenger-clients", NULL, "live-messenger", N_("Windows Live Messenger clients"),
	 DIAGRAM_INTERNET, NULL, false},
	{"edge-internal-vip", NULL, "edge", N_("Edge Servers"), DIAGRAM_PERIMETER,
	 N_("internal VIP"), false},
	{"edge-internal", NULL, "edge", N_("Edge Servers"), DIAGRAM_PERIMETER,
	 N_("internal interface"), false},
	{"edge-access-vip", NULL, "edge", N_("Edge Servers"), DIAGRAM_PERIMETER, N_("Access VIP"),
	 false},
	{"edge-webconf-vip", NULL, "edge", N_("Edge Servers"), DIAGRAM_PERIMETER,
	 N_("Web Conferencing VIP"), false},
	{"edge-av-vip", NULL, "edge", N_("Edge Servers"), DIAGRAM_PERIMETER, N_("A/V VIP"), false},
	{"edge-access", NULL, "edge", N_("Edge Servers"), DIAGRAM_PERIMETER, N_("Access"), false},
	{"edge-webconf", NULL, "edge", N_("Edge Servers"), DIAGRAM_PERIMETER,
	 N_("Web Conferencing"), false},
	{"edge-av", NULL, "edge", N_("Edge Servers"), DIAGRAM_PERIMETER, N_("A/V"), false},
	{"reverse-proxy-external", NULL, "reverse-proxy", N_("Reverse proxy"), DIAGRAM_PERIMETER,
	 N_("listener"), false},
	{"reverse-proxy-internal", NULL, "reverse-proxy", N_("Reverse proxy"), DIAGRAM_PERIMETER,
	 N_("internal interface"), false},
	{"frontend-vip", NULL, "frontend", N_("Front End pool"), DIAGRAM_INTERNAL, N_("VIP"), false},
	{"frontend-pool", NULL, "frontend", N_("Front End pool"), DIAGRAM_INTERNAL, NULL, false},
	{"frontend-servers", NULL, "frontend", N_("Front End pool"), DIAGRAM_INTERNAL, NULL, false},
	/* in the pool's own site the Front End box; see place_cms() */
	{"frontend-cms", NULL, "cms", N_("Front End pool holding the Central Management store"),
	 DIAGRAM_INTERNAL, NULL, false},
	{"file-share", NULL, "file-share", N_("File Share server"), DIAGRAM_INTERNAL, NULL, false},
	{"director-vip", NULL, "director", N_("Director pool"), DIAGRAM_INTERNAL, N_("VIP"), false},
	{"director-pool", NULL, "director", N_("Director pool"), DIAGRAM_INTERNAL, NULL, false},
	{"director-servers", NULL, "director", N_("Director pool"), DIAGRAM_INTERNAL, NULL, false},
	{"mediation-vip", NULL, "mediation", N_("Mediation Servers"), DIAGRAM_INTERNAL, N_("VIP"),
	 false},
	{"mediation-servers", NULL, "mediation", N_("Mediation Servers"), DIAGRAM_INTERNAL, NULL,
	 false},
	{"pstn-gateways", NULL, "gateways", N_("PSTN gateways"), DIAGRAM_INTERNAL, NULL, false},
	{"e911-gateway", NULL, "e911", N_("E9-1-1 gateway"), DIAGRAM_INTERNAL, NULL, false},
	{"pchat-servers", NULL, "pchat", N_("Persistent Chat Front End Servers"), DIAGRAM_INTERNAL,
	 NULL, false},
	{"office-web-apps-vip", NULL, "owas", N_("Office Web Apps Servers"), DIAGRAM_INTERNAL,
	 N_("VIP"), false},
	{"office-web-apps", NULL, "owas", N_("Office Web Apps Servers"), DIAGRAM_INTERNAL, NULL,
	 false},
	{"exchange-um", NULL, "exchange-um", N_("Exchange Unified Messaging servers"),
	 DIAGRAM_INTERNAL, NULL, false},
	{"exchange-cas", NULL, "exchange-um", N_("Exchange Unified Messaging servers"),
	 DIAGRAM_INTERNAL, NULL, false},
	{"exchange-mailbox", NULL, "exchange-um", N_("Exchange Unified Messaging servers"),
	 DIAGRAM_INTERNAL, NULL, false},
	{"um-sip-peers", NULL, "um-peers", N_("Peers of Exchange UM"), DIAGRAM_INTERNAL, NULL, true},
	{"um-media-peers", NULL, "um-peers", N_("Peers of Exchange UM"), DIAGRAM_INTERNAL, NULL,
	 true},
	{"all-servers", NULL, "servers", N_("All internal servers"), DIAGRAM_INTERNAL, NULL, true},
	{"internal-servers", NULL, "servers", N_("All internal servers"), DIAGRAM_INTERNAL, NULL,
	 true},
	{"internal-clients", NULL, "internal-clients", N_("Internal clients"), DIAGRAM_INTERNAL, NULL,
	 false},
	{"clients", NULL, "clients", N_("Clients"), DIAGRAM_INTERNAL, NULL, false},
	{"ip-phones", NULL, "ip-phones", N_("IP phones"), DIAGRAM_INTERNAL, NULL, false},
	{"any", NULL, "any", N_("Any"), DIAGRAM_INTERNAL, NULL, false},
	{"branch-appliances", NULL, "branches", N_("Survivable Branch Appliances and Servers"),
	 DIAGRAM_BRANCH, NULL, false},
};

#define N_PLACES (sizeof places / sizeof places[0])

/* The order of the scopes in the picture: from the internet inwards. */
static const char *const scope_order[] = {EXT, "internal-firewall", "server", "client"};

static const struct role_place *place_find(const char *role, const char *scope)
{
	for (size_t i = 0; i < N_PLACES; i++)
		if (strcmp(places[i].role, role) == 0 &&
		    (!places[i].scope || (scope && strcmp(places[i].scope, scope) == 0)))
			return &places[i];
	return NULL;
}

/* ---- a small string-keyed index ---------------------------------------- */

struct index_slot {
	char *key;
	size_t value;
};

struct index {
	struct index_slot *slots;
	size_t cap, count;
};

static uint64_t index_hash(const char *s)
{
	uint64_t h = 1469598103934665603ull;

	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ull;
	return h;
}

static struct index_slot *index_slot(struct index *ix, const char *key)
{
	size_t i;

	if ((ix->count + 1) * 2 > ix->cap) {
		struct index_slot *old = ix->slots;
		size_t old_cap = ix->cap;

		ix->cap = ix->cap ? ix->cap * 2 : 64;
		ix->slots = xcalloc(ix->cap, sizeof *ix->slots);
		for (size_t j = 0; j < old_cap; j++) {
			if (!old[j].key)
				continue;
			for (i = index_hash(old[j].key) & (ix->cap - 1); ix->slots[i].key;
			     i = (i + 1) & (ix->cap - 1))
				;
			ix->slots[i] = old[j];
		}
		free(old);
	}
	for (i = index_hash(key) & (ix->cap - 1); ix->slots[i].key; i = (i + 1) & (ix->cap - 1))
		if (strcmp(ix->slots[i].key, key) == 0)
			return &ix->slots[i];
	return &ix->slots[i];
}

static void index_free(struct index *ix)
{
	for (size_t i = 0; i < ix->cap; i++)
		free(ix->slots[i].key);
	free(ix->slots);
}

/* ---- building ------------------------------------------------------------ */

struct box_build {
	struct diagram_box box;
	size_t order;     /* position of its role in places[], or after them */
	size_t built;     /* its index before the boxes are sorted */
	size_t entry_cap;
	const struct role_place *place; /* NULL for a role places[] does not know */
	/* the first endpoint seen for it, whose members fill a box that the
	 * summary table does not describe (the file share) */
	const struct report_endpoint *endpoint;
};

struct flow_build {
	struct diagram_flow flow;
	size_t rule_cap, row_cap;
	size_t order; /* creation order, for a stable sort */
};

struct builder {
	const struct report *report;
	int site;
	struct box_build *boxes;
	size_t n_boxes, box_cap;
	struct flow_build *flows;
	size_t n_flows, flow_cap;
	struct index box_index, flow_index;
	/* per site of the report: its Front End pool's FQDN, or NULL */
	const char **frontend_pool;
};

static bool site_selected(const struct builder *b, int site)
{
	return b->site < 0 || site < 0 || site == b->site;
}

static size_t box_get(struct builder *b, const char *key, int site, const char *title,
		      enum diagram_zone zone, bool special, const struct role_place *place)
{
	char *id = xasprintf("%d\037%s", site, key);
	struct index_slot *slot = index_slot(&b->box_index, id);
	struct box_build *bb;

	if (slot->key) {
		free(id);
		return slot->value;
	}
	slot->key = id;
	slot->value = b->n_boxes;
	b->box_index.count++;
	if (b->n_boxes == b->box_cap) {
		b->box_cap = b->box_cap ? b->box_cap * 2 : 16;
		b->boxes = xreallocarray(b->boxes, b->box_cap, sizeof *b->boxes);
	}
	bb = &b->boxes[b->n_boxes];
	memset(bb, 0, sizeof *bb);
	bb->box.key = key;
	bb->box.label = title;
	bb->box.zone = zone;
	bb->box.site = site;
	bb->box.special = special;
	bb->place = place;
	bb->order = place ? (size_t)(place - places) : N_PLACES + b->n_boxes;
	return b->n_boxes++;
}

static void box_add_entry(struct box_build *bb, const char *label, const char *fqdn,
			  const char *address, const char *nat)
{
	struct diagram_entry *e;

	if (bb->box.n_entries == bb->entry_cap) {
		bb->entry_cap = bb->entry_cap ? bb->entry_cap * 2 : 4;
		bb->box.entries = xreallocarray(bb->box.entries, bb->entry_cap, sizeof *e);
	}
	e = &bb->box.entries[bb->box.n_entries++];
	e->label = label;
	e->fqdn = str_empty(fqdn) ? NULL : fqdn;
	e->address = str_empty(address) ? NULL : address;
	e->nat = str_empty(nat) ? NULL : nat;
}

/* The site whose Front End pool is called pool, or -1. */
static int frontend_site(const struct builder *b, const char *pool)
{
	for (size_t s = 0; pool && s < b->report->n_sites; s++)
		if (b->frontend_pool[s] && strcmp(b->frontend_pool[s], pool) == 0)
			return (int)s;
	return -1;
}

/* The box of an endpoint of a row of scope in site. */
static size_t box_of(struct builder *b, const struct report_endpoint *ep, const char *scope,
		     int site)
{
	const struct role_place *p = place_find(ep->role, scope);
	struct box_build *bb;
	size_t i;

	if (p && strcmp(p->box, "cms") == 0) {
		/* The store's pool is a Front End pool: its own box when its
		 * site is in the picture, a box of its own otherwise. */
		int home = frontend_site(b, ep->pool);
		if (home >= 0 && site_selected(b, home)) {
			p = place_find("frontend-pool", scope);
			site = home;
		}
	}
	if (p) {
		i = box_get(b, p->box, ep->special ? -1 : site, p->title, p->zone, ep->special || p->group,
			    p);
	} else {
		/* A role this table does not know yet: where its scope puts it. */
		enum diagram_zone zone = scope && strcmp(scope, EXT) == 0 && ep->special
						 ? DIAGRAM_INTERNET
						 : DIAGRAM_INTERNAL;
		i = box_get(b, ep->role, ep->special ? -1 : site, ep->label, zone, ep->special, NULL);
	}
	bb = &b->boxes[i];
	if (!bb->box.name && !str_empty(ep->pool) && !(p && p->group))
		bb->box.name = ep->pool;
	if (!bb->endpoint && (ep->n_members || ep->vip))
		bb->endpoint = ep;
	return i;
}

static void flow_add(struct builder *b, const struct report_flow *row, enum catalog_table table)
{
	size_t from = box_of(b, row->source, row->scope, row->site);
	size_t to = box_of(b, row->destination, row->scope, row->site);
	char *id = xasprintf("%d\037%s\037%zu\037%zu", row->site, row->scope, from, to);
	struct index_slot *slot = index_slot(&b->flow_index, id);
	struct flow_build *fb;
	size_t k;

	if (slot->key) {
		free(id);
		fb = &b->flows[slot->value];
	} else {
		slot->key = id;
		slot->value = b->n_flows;
		b->flow_index.count++;
		if (b->n_flows == b->flow_cap) {
			b->flow_cap = b->flow_cap ? b->flow_cap * 2 : 32;
			b->flows = xreallocarray(b->flows, b->flow_cap, sizeof *b->flows);
		}
		fb = &b->flows[b->n_flows];
		memset(fb, 0, sizeof *fb);
		fb->flow.from = from;
		fb->flow.to = to;
		fb->flow.table = table;
		fb->flow.scope = row->scope;
		fb->flow.site = row->site;
		fb->order = b->n_flows++;
	}
	if (fb->flow.n_rows == fb->row_cap) {
		fb->row_cap = fb->row_cap ? fb->row_cap * 2 : 4;
		fb->flow.rows = xreallocarray((void *)fb->flow.rows, fb->row_cap, sizeof *fb->flow.rows);
	}
	((const struct report_flow **)fb->flow.rows)[fb->flow.n_rows++] = row;
	for (k = 0; k < fb->flow.n_rule_ids; k++)
		if (strcmp(fb->flow.rule_ids[k], row->rule_id) == 0)
			return;
	if (fb->flow.n_rule_ids == fb->rule_cap) {
		fb->rule_cap = fb->rule_cap ? fb->rule_cap * 2 : 4;
		fb->flow.rule_ids =
			xreallocarray((void *)fb->flow.rule_ids, fb->rule_cap, sizeof *fb->flow.rule_ids);
	}
	((const char **)fb->flow.rule_ids)[fb->flow.n_rule_ids++] = row->rule_id;
}

/* Each site's Front End pool, for the Central Management store's box. */
static void find_frontend_pools(struct builder *b, const struct report_flows *t)
{
	b->frontend_pool = xcalloc(b->report->n_sites ? b->report->n_sites : 1,
				   sizeof *b->frontend_pool);
	for (size_t i = 0; i < t->n_flows; i++) {
		const struct report_flow *f = &t->flows[i];
		const struct report_endpoint *ends[2] = {f->source, f->destination};
		if (f->site < 0 || (size_t)f->site >= b->report->n_sites || b->frontend_pool[f->site])
			continue;
		for (size_t e = 0; e < 2; e++)
			if (strcmp(ends[e]->role, "frontend-pool") == 0 && !str_empty(ends[e]->pool))
				b->frontend_pool[f->site] = ends[e]->pool;
	}
}

/* The summary table says where every server and VIP stands, with its
 * addresses and NAT. */
static void add_summary(struct builder *b)
{
	const struct report_flows *t = &b->report->tables[CATALOG_SUMMARY];

	for (size_t i = 0; i < t->n_records; i++) {
		const struct report_record *r = &t->records[i];
		const struct catalog_endpoint *ep = r->rule->shape ? r->rule->shape->endpoint : NULL;
		const struct role_place *p;
		size_t bi;

		if (!ep || !site_selected(b, r->site) || r->site < 0)
			continue;
		p = place_find(ep->id, NULL);
		if (p && p->group)
			continue;
		if (p)
			bi = box_get(b, p->box, r->site, p->title, p->zone, false, p);
		else
			bi = box_get(b, ep->id, r->site, ep->label,
				     str_eq(r->network, "perimeter") ? DIAGRAM_PERIMETER
								     : DIAGRAM_INTERNAL,
				     false, NULL);
		box_add_entry(&b->boxes[bi], p ? p->entry : NULL, r->name, r->value, r->nat);
	}
}

/* A box the summary table does not describe (the file share, another
 * site's Central Management store) shows the members of its endpoint. */
static void add_endpoint_entries(struct builder *b)
{
	for (size_t i = 0; i < b->n_boxes; i++) {
		struct box_build *bb = &b->boxes[i];
		const struct report_endpoint *ep = bb->endpoint;

		if (bb->box.n_entries || bb->box.special || !ep)
			continue;
		if (ep->vip)
			box_add_entry(bb, N_("VIP"), ep->vip_only ? ep->pool : NULL, ep->vip, NULL);
		for (size_t m = 0; m < ep->n_members; m++)
			box_add_entry(bb, bb->place ? bb->place->entry : NULL, ep->members[m].fqdn,
				      ep->members[m].address, ep->members[m].nat);
	}
}

static size_t scope_rank(const char *scope)
{
	size_t n = sizeof scope_order / sizeof scope_order[0];

	for (size_t i = 0; i < n; i++)
		if (str_eq(scope, scope_order[i]))
			return i;
	return n;
}

static int compare_boxes(const void *pa, const void *pb)
{
	const struct box_build *a = pa, *b = pb;

	if (a->box.zone != b->box.zone)
		return a->box.zone < b->box.zone ? -1 : 1;
	if (a->box.site != b->box.site)
		return a->box.site < b->box.site ? -1 : 1;
	if (a->order != b->order)
		return a->order < b->order ? -1 : 1;
	return 0;
}

static int compare_flows(const void *pa, const void *pb)
{
	const struct flow_build *a = pa, *b = pb;
	size_t ra = scope_rank(a->flow.scope), rb = scope_rank(b->flow.scope);

	if (ra != rb)
		return ra < rb ? -1 : 1;
	return a->order < b->order ? -1 : a->order > b->order;
}

struct diagram *diagram_build(const struct report *report, int site)
{
	const struct report_flows *fw = &report->tables[CATALOG_FIREWALL];
	struct builder b = {.report = report, .site = site};
	struct diagram *d;
	size_t *moved;

	if (site < -1 || (site >= 0 && (size_t)site >= report->n_sites))
		return NULL;
	find_frontend_pools(&b, fw);
	add_summary(&b);
	for (size_t i = 0; i < fw->n_flows; i++)
		if (site_selected(&b, fw->flows[i].site))
			flow_add(&b, &fw->flows[i], CATALOG_FIREWALL);
	add_endpoint_entries(&b);

	/* Boxes in drawing order; the flows follow their boxes. */
	for (size_t i = 0; i < b.n_boxes; i++)
		b.boxes[i].built = i;
	qsort(b.boxes, b.n_boxes, sizeof *b.boxes, compare_boxes);
	moved = xcalloc(b.n_boxes ? b.n_boxes : 1, sizeof *moved);
	for (size_t i = 0; i < b.n_boxes; i++)
		moved[b.boxes[i].built] = i;
	qsort(b.flows, b.n_flows, sizeof *b.flows, compare_flows);

	d = xcalloc(1, sizeof *d);
	d->report = report;
	d->site = site;
	d->n_boxes = b.n_boxes;
	d->boxes = xcalloc(b.n_boxes ? b.n_boxes : 1, sizeof *d->boxes);
	for (size_t i = 0; i < b.n_boxes; i++) {
		d->boxes[i] = b.boxes[i].box;
		if (d->boxes[i].zone == DIAGRAM_PERIMETER)
			d->external_firewall = d->internal_firewall = true;
	}
	d->n_flows = b.n_flows;
	d->flows = xcalloc(b.n_flows ? b.n_flows : 1, sizeof *d->flows);
	for (size_t i = 0; i < b.n_flows; i++) {
		d->flows[i] = b.flows[i].flow;
		d->flows[i].from = moved[d->flows[i].from];
		d->flows[i].to = moved[d->flows[i].to];
		if (str_eq(d->flows[i].scope, EXT))
			d->external_firewall = true;
		else if (str_eq(d->flows[i].scope, "internal-firewall"))
			d->internal_firewall = true;
	}
	free(moved);
	free(b.boxes);
	free(b.flows);
	free(b.frontend_pool);
	index_free(&b.box_index);
	index_free(&b.flow_index);
	return d;
}

void diagram_free(struct diagram *d)
{
	if (!d)
		return;
	for (size_t i = 0; i < d->n_boxes; i++)
		free(d->boxes[i].entries);
	for (size_t i = 0; i < d->n_flows; i++) {
		free((void *)d->flows[i].rule_ids);
		free((void *)d->flows[i].rows);
	}
	free(d->boxes);
	free(d->flows);
	free(d);
}

int diagram_site_find(const struct report *report, const char *name)
{
	for (size_t i = 0; name && i < report->n_sites; i++)
		if (str_eq(report->site_names[i], name))
			return (int)i;
	return -1;
}

/* ---- ports ------------------------------------------------------------- */

struct port_item {
	const char *transport;
	size_t transport_len;
	struct report_port port;
};

static int transport_rank(const char *t, size_t n)
{
	if (n == 3 && strncmp(t, "TCP", 3) == 0)
		return 0;
	if (n == 3 && strncmp(t, "UDP", 3) == 0)
		return 1;
	return 2;
}

static int compare_port_items(const void *pa, const void *pb)
{
	const struct port_item *a = pa, *b = pb;
	int ra = transport_rank(a->transport, a->transport_len);
	int rb = transport_rank(b->transport, b->transport_len);
	size_t n = a->transport_len < b->transport_len ? a->transport_len : b->transport_len;
	int c;

	if (ra != rb)
		return ra - rb;
	c = strncmp(a->transport, b->transport, n);
	if (c || a->transport_len != b->transport_len)
		return c ? c : a->transport_len < b->transport_len ? -1 : 1;
	if (a->port.kind != b->port.kind && (a->port.kind == REPORT_PORT_ANY ||
					     b->port.kind == REPORT_PORT_ANY))
		return a->port.kind == REPORT_PORT_ANY ? -1 : 1;
	if (a->port.first != b->port.first)
		return a->port.first < b->port.first ? -1 : 1;
	return a->port.last < b->port.last ? -1 : a->port.last > b->port.last;
}

static bool same_transport(const struct port_item *a, const struct port_item *b)
{
	return a->transport_len == b->transport_len &&
	       strncmp(a->transport, b->transport, a->transport_len) == 0;
}

/* True when port p of item i is already said by another item of the same
 * transport: "any", or a range holding it. */
static bool port_covered(const struct port_item *items, size_t n, size_t i)
{
	for (size_t j = 0; j < n; j++) {
		if (j == i || !same_transport(&items[i], &items[j]))
			continue;
		if (items[j].port.kind == REPORT_PORT_ANY)
			return items[i].port.kind != REPORT_PORT_ANY || j < i;
		if (items[i].port.kind == REPORT_PORT_ANY)
			continue;
		if (items[j].port.first <= items[i].port.first &&
		    items[i].port.last <= items[j].port.last &&
		    (items[j].port.first != items[i].port.first ||
		     items[j].port.last != items[i].port.last || j < i))
			return true;
	}
	return false;
}

void diagram_flow_ports(const struct diagram_flow *flow, struct strbuf *out)
{
	struct port_item *items = NULL;
	size_t n = 0, cap = 0;
	const struct port_item *prev = NULL;

	/* "UDP/TCP" is one row for both transports: each gets the port. */
	for (size_t r = 0; r < flow->n_rows; r++) {
		const char *t = flow->rows[r]->transport ? flow->rows[r]->transport : "";
		do {
			size_t len = strcspn(t, "/");
			if (n == cap) {
				cap = cap ? cap * 2 : 8;
				items = xreallocarray(items, cap, sizeof *items);
			}
			items[n].transport = t;
			items[n].transport_len = len;
			items[n++].port = flow->rows[r]->destination_port;
			t += len;
		} while (*t++ == '/');
	}
	qsort(items, n, sizeof *items, compare_port_items);
	for (size_t i = 0; i < n; i++) {
		if (port_covered(items, n, i))
			continue;
		if (prev && same_transport(prev, &items[i])) {
			strbuf_puts(out, ", ");
		} else {
			if (prev)
				strbuf_puts(out, "; ");
			strbuf_add(out, items[i].transport, items[i].transport_len);
			strbuf_add(out, " ", 1);
		}
		view_put_port(out, items[i].port);
		prev = &items[i];
	}
	free(items);
}
