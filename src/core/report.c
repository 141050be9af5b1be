/* report.c: the rules engine.
 *
 * For every site and every catalog rule whose condition holds, the symbolic
 * endpoints become the plan's pools, VIPs, servers and addresses and the rule
 * becomes a flow.  Flows that state the same thing twice (the same fact
 * listed by two source tables, or a site-independent rule met again at the
 * next site) are merged, keeping the first and adding the other's sources.
 * Nothing here is translated or formatted: that is for the renderers. */
#include "ucplan/report.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "report_private.h"
#include "ucplan/i18n.h"
#include "ucplan/strpool.h"
#include "ucplan/model.h"

static uint64_t hash_bytes(uint64_t h, const void *p, size_t n)
{
	const unsigned char *s = p;

	for (size_t i = 0; i < n; i++) { /* FNV-1a */
		h ^= s[i];
		h *= 1099511628211ull;
	}
	return h;
}

#define HASH_SEED 14695981039346656037ull

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

static const char *const table_titles[CATALOG_TABLE_COUNT] = {
	N_("Firewall rules"),
	N_("Hardware load balancer ports"),
	N_("IPsec exceptions"),
	N_("Windows Firewall program rules"),
	N_("DNS records"),
	N_("Certificates"),
	N_("Summary"),
};

bool report_port_equal(struct report_port a, struct report_port b)
{
	return a.kind == b.kind && (a.kind == REPORT_PORT_ANY || (a.first == b.first && a.last == b.last));
}

const char *report_site_name(const struct report *report, int site)
{
	return site >= 0 && (size_t)site < report->n_sites ? report->site_names[site] : NULL;
}

/* ---- endpoint expansion ---------------------------------------------------- */

/* What an endpoint stands for in one site: an optional pool name and a list
 * of members, each a name with an address (and its NAT translation). */
struct member {
	const char *name;
	const char *address;
	const char *nat;
};

struct expansion {
	const char *pool;  /* pool FQDN, or NULL */
	const char *vip;   /* a single virtual IP, or NULL */
	const char *entry_vip; /* the VIP a flow enters the pool through, or NULL */
	struct member *members;
	size_t n, cap;
	bool vip_only; /* the endpoint is a VIP: show it first */
	const char *label; /* msgid replacing the endpoint's label, or NULL */
};

static void add_member(struct expansion *e, const char *name, const char *address,
		       const char *nat)
{
	if (str_empty(name) && str_empty(address))
		return;
	if (e->n == e->cap) {
		e->cap = e->cap ? e->cap * 2 : 8;
		e->members = xreallocarray(e->members, e->cap, sizeof *e->members);
	}
	e->members[e->n].name = name;
	e->members[e->n].address = address;
	e->members[e->n].nat = nat;
	e->n++;
}

static void add_pool_servers(struct expansion *e, const struct pool *p)
{
	for (size_t i = 0; i < p->n_servers; i++)
		add_member(e, p->servers[i].fqdn, p->servers[i].address, NULL);
}

static const struct site *cms_site(const struct plan *plan)
{
	for (size_t i = 0; i < plan->n_sites; i++)
		if (plan->sites[i].cms)
			return &plan->sites[i];
	return plan->n_sites ? &plan->sites[0] : NULL;
}

typedef void (*expand_fn)(const struct plan *plan, const struct site *s, struct expansion *e);

static void x_none(const struct plan *p, const struct site *s, struct expansion *e)
{
	(void)p;
	(void)s;
	(void)e;
}

static void x_frontend_pool(const struct plan *p, const struct site *s, struct expansion *e)
{
	(void)p;
	e->pool = s->frontend.fqdn;
	add_pool_servers(e, &s->frontend);
}

static void x_frontend_servers(const struct plan *p, const struct site *s, struct expansion *e)
{
	(void)p;
	add_pool_servers(e, &s->frontend);
}

/* A pool's load balancer VIP; a pool without one (a Standard Edition
 * server, a single Director) is reached at its servers. */
static void pool_vip(const struct pool *pool, const char *pool_label, struct expansion *e)
{
	e->pool = pool->fqdn;
	if (str_empty(pool->vip)) {
		e->label = pool_label;
		add_pool_servers(e, pool);
		return;
	}
	e->vip = pool->vip;
	e->vip_only = true;
}

static void x_frontend_vip(const struct plan *p, const struct site *s, struct expansion *e)
{
	(void)p;
	pool_vip(&s->frontend, N_("Front End pool"), e);
}

static void x_frontend_cms(const struct plan *p, const struct site *s, struct expansion *e)
{
	const struct site *cms = cms_site(p);

	(void)s;
	if (!cms)
		return;
	e->pool = cms->frontend.fqdn;
	add_pool_servers(e, &cms->frontend);
}

static void x_file_share(const struct plan *p, const struct site *s, struct expansion *e)
{
	(void)p;
	add_member(e, s->file_share, NULL, NULL);
}

static void x_director_pool(const struct plan *p, const struct site *s, struct expansion *e)
{
	(void)p;
	e->pool = s->director_pool.fqdn;
	add_pool_servers(e, &s->director_pool);
}

static void x_director_servers(const struct plan *p, const struct site *s, struct expansion *e)
{
	(void)p;
	add_pool_servers(e, &s->director_pool);
}

static void x_director_vip(const struct plan *p, const struct site *s, struct expansion *e)
{
	(void)p;
	pool_vip(&s->director_pool, N_("Director pool"), e);
}

static void x_mediation_servers(const struct plan *p, const struct site *s, struct expansion *e)
{
	(void)p;
	if (s->mediation == MEDIATION_STANDALONE) {
		e->pool = s->mediation_pool.fqdn;
		add_pool_servers(e, &s->mediation_pool);
	} else if (s->mediation == MEDIATION_COLLOCATED) {
		e->pool = s->frontend.fqdn;
		add_pool_servers(e, &s->frontend);
	}
}

static void x_mediation_vip(const struct plan *p, const struct site *s, struct expansion *e)
{
	(void)p;
	pool_vip(&s->mediation_pool, N_("Mediation Servers"), e);
}

static void x_pstn_gateways(const struct plan *p, const struct site *s, struct expansion *e)
{
	(void)p;
	for (size_t i = 0; i < s->n_gateways; i++)
		add_member(e, s->gateways[i].fqdn, s->gateways[i].address, NULL);
}

static void add_edge_internal(const struct site *s, struct expansion *e)
{
	for (size_t i = 0; i < s->n_edges; i++)
		add_member(e, s->edges[i].fqdn, s->edges[i].internal, NULL);
}

/* Internal servers that run Skype for Business Server services (and so SQL
 * Browser and the replicated configuration store).  The Edge Servers are
 * not among them: they sit in the perimeter and take their replica over
 * HTTPS 4443, so nothing here may open SMB or SQL Browser toward them. */
static void x_all_servers(const struct plan *p, const struct site *s, struct expansion *e)
{
	(void)p;
	add_pool_servers(e, &s->frontend);
	if (s->director)
		add_pool_servers(e, &s->director_pool);
	if (s->mediation == MEDIATION_STANDALONE)
		add_pool_servers(e, &s->mediation_pool);
	if (s->persistent_chat)
		add_pool_servers(e, &s->pchat_pool);
}

/* Internal servers that terminate audio: Front End and Mediation Servers. */
static void x_internal_servers(const struct plan *p, const struct site *s, struct expansion *e)
{
	(void)p;
	add_pool_servers(e, &s->frontend);
	if (s->mediation == MEDIATION_STANDALONE)
		add_pool_servers(e, &s->mediation_pool);
}

static void x_pchat(const struct plan *p, const struct site *s, struct expansion *e)
{
	(void)p;
	e->pool = s->pchat_pool.fqdn;
	add_pool_servers(e, &s->pchat_pool);
}

static void x_owas(const struct plan *p, const struct site *s, struct expansion *e)
{
	(void)p;
	e->pool = s->owas_pool.fqdn;
	add_pool_servers(e, &s->owas_pool);
}

static void x_owas_vip(const struct plan *p, const struct site *s, struct expansion *e)
{
	(void)p;
	pool_vip(&s->owas_pool, N_("Office Web Apps Servers"), e);
}

static void x_branches(const struct plan *p, const struct site *s, struct expansion *e)
{
	(void)p;
	for (size_t i = 0; i < s->n_branches; i++)
		if (s->branches[i].kind != BRANCH_NONE)
			add_member(e, s->branches[i].fqdn, s->branches[i].address, NULL);
}

static void x_edge_internal(const struct plan *p, const struct site *s, struct expansion *e)
{
	(void)p;
	e->pool = s->edge_fqdn;
	add_edge_internal(s, e);
}

static void x_edge_access(const struct plan *p, const struct site *s, struct expansion *e)
{
	(void)p;
	for (size_t i = 0; i < s->n_edges; i++)
		add_member(e, s->edges[i].fqdn, s->edges[i].access,
			   s->edge_addressing == EDGE_ADDR_NAT ? s->edges[i].access_nat : NULL);
}

static void x_edge_webconf(const struct plan *p, const struct site *s, struct expansion *e)
{
	(void)p;
	for (size_t i = 0; i < s->n_edges; i++)
		add_member(e, s->edges[i].fqdn, s->edges[i].webconf,
			   s->edge_addressing == EDGE_ADDR_NAT ? s->edges[i].webconf_nat : NULL);
}

static void x_edge_av(const struct plan *p, const struct site *s, struct expansion *e)
{
	(void)p;
	for (size_t i = 0; i < s->n_edges; i++)
		add_member(e, s->edges[i].fqdn, s->edges[i].av,
			   s->edge_addressing == EDGE_ADDR_NAT ? s->edges[i].av_nat : NULL);
}

static void set_vip(struct expansion *e, const char *pool, const char *vip)
{
	e->pool = pool;
	e->vip = vip;
	e->vip_only = true;
}

static void x_edge_internal_vip(const struct plan *p, const struct site *s, struct expansion *e)
{
	(void)p;
	set_vip(e, s->edge_fqdn, s->edge_vip_internal);
}

static void x_edge_access_vip(const struct plan *p, const struct site *s, struct expansion *e)
{
	(void)p;
	set_vip(e, NULL, s->edge_vip_access);
}

static void x_edge_webconf_vip(const struct plan *p, const struct site *s, struct expansion *e)
{
	(void)p;
	set_vip(e, NULL, s->edge_vip_webconf);
}

static void x_edge_av_vip(const struct plan *p, const struct site *s, struct expansion *e)
{
	(void)p;
	set_vip(e, NULL, s->edge_vip_av);
}

static void x_rp_external(const struct plan *p, const struct site *s, struct expansion *e)
{
	(void)p;
	add_member(e, s->rp_fqdn, s->rp_external, NULL);
}

static void x_rp_internal(const struct plan *p, const struct site *s, struct expansion *e)
{
	(void)p;
	add_member(e, s->rp_fqdn, s->rp_internal, NULL);
}

static void add_um_servers(const struct site *s, struct expansion *e, bool cas, bool mailbox)
{
	for (size_t i = 0; i < s->n_um_servers; i++) {
		const struct exchange_um_server *u = &s->um_servers[i];
		if ((cas && u->client_access) || (mailbox && u->mailbox))
			add_member(e, u->fqdn, u->address, NULL);
	}
}

static void x_exchange_cas(const struct plan *p, const struct site *s, struct expansion *e)
{
	(void)p;
	add_um_servers(s, e, true, false);
}

static void x_exchange_mailbox(const struct plan *p, const struct site *s, struct expansion *e)
{
	(void)p;
	add_um_servers(s, e, false, true);
}

static void x_exchange_um(const struct plan *p, const struct site *s, struct expansion *e)
{
	(void)p;
	add_um_servers(s, e, true, true);
}

/* Exchange UM talks SIP with the servers that route calls to it and with
 * the site's VoIP gateways and IP PBXs. */
static void x_um_sip_peers(const struct plan *p, const struct site *s, struct expansion *e)
{
	add_pool_servers(e, &s->frontend);
	if (s->mediation == MEDIATION_STANDALONE)
		add_pool_servers(e, &s->mediation_pool);
	x_pstn_gateways(p, s, e);
}

/* Media reaches the UM worker process from the SIP peers and, for remote
 * users, from the A/V Edge through its internal interface. */
static void x_um_media_peers(const struct plan *p, const struct site *s, struct expansion *e)
{
	x_um_sip_peers(p, s, e);
	add_edge_internal(s, e);
}

static const struct endpoint_expander {
	const char *id;
	expand_fn expand;
	bool site_bound; /* false: the same for every site (Any, Clients, ...) */
} expanders[] = {
	{"any", x_none, false},
	{"clients", x_none, false},
	{"internal-clients", x_none, false},
	{"ip-phones", x_none, false},
	{"public-im-partners", x_none, false},
	{"live-messenger-clients", x_none, false},
	{"e911-gateway", x_none, false},
	{"frontend-pool", x_frontend_pool, true},
	{"frontend-servers", x_frontend_servers, true},
	{"frontend-vip", x_frontend_vip, true},
	{"frontend-cms", x_frontend_cms, false},
	{"file-share", x_file_share, true},
	{"director-pool", x_director_pool, true},
	{"director-servers", x_director_servers, true},
	{"director-vip", x_director_vip, true},
	{"mediation-servers", x_mediation_servers, true},
	{"mediation-vip", x_mediation_vip, true},
	{"pstn-gateways", x_pstn_gateways, true},
	{"all-servers", x_all_servers, true},
	{"internal-servers", x_internal_servers, true},
	{"pchat-servers", x_pchat, true},
	{"office-web-apps", x_owas, true},
	{"office-web-apps-vip", x_owas_vip, true},
	{"branch-appliances", x_branches, true},
	{"edge-internal", x_edge_internal, true},
	{"edge-internal-vip", x_edge_internal_vip, true},
	{"edge-access", x_edge_access, true},
	{"edge-webconf", x_edge_webconf, true},
	{"edge-av", x_edge_av, true},
	{"edge-access-vip", x_edge_access_vip, true},
	{"edge-webconf-vip", x_edge_webconf_vip, true},
	{"edge-av-vip", x_edge_av_vip, true},
	{"reverse-proxy-external", x_rp_external, true},
	{"reverse-proxy-internal", x_rp_internal, true},
	{"exchange-cas", x_exchange_cas, true},
	{"exchange-mailbox", x_exchange_mailbox, true},
	{"exchange-um", x_exchange_um, true},
	{"um-sip-peers", x_um_sip_peers, true},
	{"um-media-peers", x_um_media_peers, true},
};

static const struct endpoint_expander *find_expander(const char *id)
{
	for (size_t i = 0; i < COUNT(expanders); i++)
		if (strcmp(expanders[i].id, id) == 0)
			return &expanders[i];
	return NULL;
}

bool report_endpoint_known(const char *id)
{
	return find_expander(id) != NULL;
}


bool report_expand(const char *id, const struct plan *plan, const struct site *site,
		   struct expanded *out)
{
	const struct endpoint_expander *x = find_expander(id);
	struct expansion e = {0};

	out->pool = out->vip = NULL;
	out->vip_only = out->fallback = false;
	out->n = 0;
	if (!x)
		return false;
	x->expand(plan, site, &e);
	out->pool = e.pool;
	out->vip = e.vip;
	out->vip_only = e.vip_only;
	out->fallback = e.label != NULL;
	if (e.n > out->cap) {
		out->cap = e.n;
		out->members = xreallocarray(out->members, out->cap, sizeof *out->members);
	}
	for (size_t i = 0; i < e.n; i++)
		out->members[i] = (struct expanded_member){e.members[i].name, e.members[i].address,
							   e.members[i].nat};
	out->n = e.n;
	free(e.members);
	return true;
}

size_t report_table_rows(const struct report_flows *t)
{
	return CATALOG_IS_RECORDS(t->kind) ? t->n_records : t->n_flows;
}

/* ---- flows ------------------------------------------------------------------- */

/* A port of the catalog: "any", "N", "N-M", or a plan range (client-media,
 * um-rtp) resolved per site. */
enum port_source { PORT_FIXED, PORT_CLIENT_MEDIA, PORT_UM_RTP };

struct rule_prep {
	enum port_source sport_from, dport_from;
	struct report_port sport, dport; /* PORT_FIXED */
	/* load balancer rules that carry this rule's flow into its destination
	 * pool (same VIP, transport and port); the VIP joins the destination
	 * when one of them holds for the site */
	size_t *entry_lb;
	size_t n_entry_lb;
	/* the sources (by position in rule->refs) of the last source list made,
	 * kept while the mask stays the same */
	uint64_t ref_mask;
	const struct catalog_source *const *sources;
	size_t n_sources;
};

struct source_list_slot {
	const struct catalog_source *const *list; /* NULL: empty slot */
	size_t n;
};

static uint64_t source_list_hash(const struct catalog_source *const *list, size_t n)
{
	uint64_t h = HASH_SEED ^ n;

	for (size_t i = 0; i < n; i++)
		h = (h ^ (uint64_t)(uintptr_t)list[i]) * 0x9e3779b97f4a7c15ull;
	return h ^ (h >> 29);
}

static void source_lists_grow(struct report_source_lists *ls)
{
	size_t cap = ls->cap ? ls->cap * 2 : 64;
	struct source_list_slot *slots = xcalloc(cap, sizeof *slots);

	for (size_t i = 0; i < ls->cap; i++) {
		const struct source_list_slot *old = &ls->slots[i];
		size_t at;
		if (!old->list)
			continue;
		at = (size_t)source_list_hash(old->list, old->n) & (cap - 1);
		while (slots[at].list)
			at = (at + 1) & (cap - 1);
		slots[at] = *old;
	}
	free(ls->slots);
	ls->slots = slots;
	ls->cap = cap;
}

const struct catalog_source *const *report_sources_intern(struct report_source_lists *ls,
							  const struct catalog_source *const *list,
							  size_t n)
{
	size_t at;

	if ((ls->count + 1) * 2 > ls->cap)
		source_lists_grow(ls);
	at = (size_t)source_list_hash(list, n) & (ls->cap - 1);
	for (; ls->slots[at].list; at = (at + 1) & (ls->cap - 1))
		if (ls->slots[at].n == n &&
		    (n == 0 || memcmp(ls->slots[at].list, list, n * sizeof *list) == 0))
			return ls->slots[at].list;
	ls->slots[at].list = list;
	ls->slots[at].n = n;
	ls->count++;
	return list;
}

void report_sources_free(struct report_source_lists *ls)
{
	free(ls->slots);
	memset(ls, 0, sizeof *ls);
}

/* Open addressing over flow numbers (+1; 0 = empty). */
struct flow_index {
	uint32_t *flows;
	size_t cap;
	size_t count;
};

struct builder {
	const struct plan *plan;
	const struct catalog *catalog;
	struct report *report;
	struct flow_index index[CATALOG_TABLE_COUNT];
	size_t flow_cap[CATALOG_TABLE_COUNT];
	struct rule_prep *rules;
	/* the endpoint values of the current site, by catalog endpoint */
	const struct report_endpoint **endpoint;
	int *endpoint_site;   /* site the cached value belongs to; -2 = none */
	bool *endpoint_alone; /* one server and no VIP: nothing to balance */
	const struct report_endpoint **entry; /* pool entered through its VIP */
	int *entry_site;
	const struct endpoint_expander **expander; /* by endpoint position */
	struct report_port site_ports[2]; /* client-media, um-rtp of the current site */
	struct expansion expansion;
	struct expansion vip_expansion;
	struct report_source_lists lists;
	struct strpool *lists_pool; /* where source lists live: as long as lists */
	/* the plan outlives the report (a stream): its strings are used as
	 * they are instead of copied */
	bool borrow_plan;
};

static struct report_port parse_port(const char *text, enum port_source *from)
{
	struct report_port p = {REPORT_PORT_ANY, 0, 0};
	char *end;
	unsigned long first, last;

	*from = PORT_FIXED;
	if (strcmp(text, "client-media") == 0) {
		*from = PORT_CLIENT_MEDIA;
		return p;
	}
	if (strcmp(text, "um-rtp") == 0) {
		*from = PORT_UM_RTP;
		return p;
	}
	if (strcmp(text, "any") == 0)
		return p;
	/* the schema allows only digits and one dash here */
	first = strtoul(text, &end, 10);
	last = *end == '-' ? strtoul(end + 1, NULL, 10) : first;
	p.kind = first == last ? REPORT_PORT_SINGLE : REPORT_PORT_RANGE;
	p.first = (unsigned)first;
	p.last = (unsigned)last;
	return p;
}

static struct report_port range_port(const struct port_range *r)
{
	struct report_port p = {REPORT_PORT_RANGE, r->first, r->last};

	if (r->first == r->last)
		p.kind = REPORT_PORT_SINGLE;
	return p;
}

static struct report_port rule_port(const struct builder *b, enum port_source from,
				    struct report_port fixed)
{
	switch (from) {
	case PORT_CLIENT_MEDIA:
		return b->site_ports[0];
	case PORT_UM_RTP:
		return b->site_ports[1];
	default:
		return fixed;
	}
}

/* The load balancer rules through which rule's flow enters its destination
 * pool: those that put the same transport and destination port on the
 * pool's VIP.  The table decides, per topology, which ports pass the load
 * balancer (SIP 5061 with hardware load balancing, web ports with DNS). */
static void find_entry_rules(struct builder *b, const struct catalog_rule *rule,
			     struct rule_prep *rp)
{
	const struct catalog *c = b->catalog;

	for (size_t i = 0; i < c->n_rules; i++) {
		const struct catalog_rule *lb = &c->rules[i];
		if (lb->table != CATALOG_LB || lb->destination != rule->destination->lb_vip ||
		    strcmp(lb->transport, rule->transport) != 0 ||
		    strcmp(lb->destination_port, rule->destination_port) != 0)
			continue;
		rp->entry_lb = xreallocarray(rp->entry_lb, rp->n_entry_lb + 1, sizeof *rp->entry_lb);
		rp->entry_lb[rp->n_entry_lb++] = i;
	}
}

static void prepare_rules(struct builder *b)
{
	const struct catalog *c = b->catalog;

	b->rules = xcalloc(c->n_rules, sizeof *b->rules);
	for (size_t i = 0; i < c->n_rules; i++) {
		const struct catalog_rule *r = &c->rules[i];
		struct rule_prep *rp = &b->rules[i];
		rp->sport = parse_port(r->source_port, &rp->sport_from);
		rp->dport = parse_port(r->destination_port, &rp->dport_from);
		if (r->table != CATALOG_LB && r->destination->lb_vip)
			find_entry_rules(b, r, rp);
	}
	b->endpoint = xcalloc(c->n_endpoints, sizeof *b->endpoint);
	b->endpoint_site = xcalloc(c->n_endpoints, sizeof *b->endpoint_site);
	b->endpoint_alone = xcalloc(c->n_endpoints, sizeof *b->endpoint_alone);
	b->entry = xcalloc(c->n_endpoints, sizeof *b->entry);
	b->entry_site = xcalloc(c->n_endpoints, sizeof *b->entry_site);
	b->expander = xcalloc(c->n_endpoints, sizeof *b->expander);
	for (size_t i = 0; i < c->n_endpoints; i++) {
		b->endpoint_site[i] = -2;
		b->entry_site[i] = -2;
		b->expander[i] = find_expander(c->endpoints[i].id);
	}
}

static void expansion_reset(struct expansion *e)
{
	e->n = 0;
	e->pool = e->vip = e->label = e->entry_vip = NULL;
	e->vip_only = false;
}

/* A plan string as the report keeps it: NULL when empty; else a copy, or
 * the plan's own when the plan outlives the report. */
static const char *keep_text(struct builder *b, const char *text)
{
	if (str_empty(text))
		return NULL;
	return b->borrow_plan ? text : strpool_intern(b->report->strings, text);
}

/* The expansion as a report value, its strings copied into the report. */
static const struct report_endpoint *endpoint_value(struct builder *b,
						    const struct catalog_endpoint *ep,
						    const struct expansion *e, bool special)
{
	struct strpool *a = b->report->strings;
	struct report_endpoint *v = strpool_alloc(a, sizeof *v);
	struct report_member *m = e->n ? strpool_alloc(a, e->n * sizeof *m) : NULL;

	for (size_t i = 0; i < e->n; i++) {
		m[i].fqdn = keep_text(b, e->members[i].name);
		m[i].address = keep_text(b, e->members[i].address);
		m[i].nat = keep_text(b, e->members[i].nat);
	}
	v->role = ep->id;
	v->label = e->label ? e->label : ep->label;
	v->special = special;
	v->pool = keep_text(b, e->pool);
	v->vip = keep_text(b, e->vip_only ? e->vip : e->entry_vip);
	v->vip_only = e->vip_only;
	v->members = m;
	v->n_members = e->n;
	return v;
}

/* Expands an endpoint for the site once; *site_bound says whether the
 * value depends on the site. */
static const struct report_endpoint *endpoint(struct builder *b, const struct catalog_endpoint *ep,
					      const struct site *site, int site_index,
					      bool *site_bound)
{
	size_t i = (size_t)(ep - b->catalog->endpoints);
	const struct endpoint_expander *x = b->expander[i];
	int key = x->site_bound ? site_index : -1;
	struct expansion *e = &b->expansion;

	*site_bound = x->site_bound;
	if (b->endpoint_site[i] == key)
		return b->endpoint[i];
	expansion_reset(e);
	x->expand(b->plan, site, e);
	b->endpoint[i] = endpoint_value(b, ep, e, x->expand == x_none);
	b->endpoint_alone[i] = str_empty(e->vip) && e->n <= 1;
	b->endpoint_site[i] = key;
	return b->endpoint[i];
}

/* True when the rule's flow enters its destination pool through the load
 * balancer in this site. */
static bool enters_through_vip(const struct builder *b, size_t rule_index, const struct site *site)
{
	const struct rule_prep *rp = &b->rules[rule_index];

	for (size_t i = 0; i < rp->n_entry_lb; i++)
		if (condition_holds(&b->catalog->rules[rp->entry_lb[i]].when, b->plan, site))
			return true;
	return false;
}

/* A pool endpoint entered through its VIP: the VIP first, then the members
 * (whose own host firewalls see their own addresses). */
static const struct report_endpoint *entry_endpoint(struct builder *b,
						    const struct catalog_endpoint *ep,
						    const struct site *site, int site_index)
{
	size_t i = (size_t)(ep - b->catalog->endpoints);
	size_t v = (size_t)(ep->lb_vip - b->catalog->endpoints);
	struct expansion *e = &b->expansion, *ve = &b->vip_expansion;

	if (b->entry_site[i] == site_index)
		return b->entry[i];
	expansion_reset(ve);
	b->expander[v]->expand(b->plan, site, ve);
	expansion_reset(e);
	b->expander[i]->expand(b->plan, site, e);
	e->entry_vip = ve->vip_only ? ve->vip : NULL;
	b->entry[i] = endpoint_value(b, ep, e, false);
	b->entry_site[i] = site_index;
	return b->entry[i];
}

/* The sources that document this rule for this plan: those whose condition
 * holds, or all of them when none does, each source once.  A rule names at
 * most 64 sources; more are always shown. */
static void rule_sources(struct builder *b, size_t rule_index, const struct site *site,
			 const struct catalog_source *const **out, size_t *n_out)
{
	const struct catalog_rule *rule = &b->catalog->rules[rule_index];
	struct rule_prep *rp = &b->rules[rule_index];
	uint64_t mask = 0;

	for (size_t i = 0; i < rule->n_refs && i < 64; i++)
		if (condition_holds(&rule->refs[i].when, b->plan, site))
			mask |= 1ull << i;
	if (!mask)
		mask = rule->n_refs >= 64 ? ~0ull : (1ull << rule->n_refs) - 1;
	if (!rp->sources || rp->ref_mask != mask) {
		const struct catalog_source **list =
			strpool_alloc(b->lists_pool, rule->n_refs * sizeof *list);
		size_t n = 0;
		for (size_t i = 0; i < rule->n_refs; i++) {
			bool seen = false;
			if (i < 64 && !(mask & (1ull << i)))
				continue;
			for (size_t j = 0; j < n && !seen; j++)
				seen = list[j] == rule->refs[i].source;
			if (!seen)
				list[n++] = rule->refs[i].source;
		}
		rp->sources = report_sources_intern(&b->lists, list, n);
		rp->n_sources = n;
		rp->ref_mask = mask;
	}
	*out = rp->sources;
	*n_out = rp->n_sources;
}

/* What makes two flows the same, per table:
 *   firewall: scope, source, destination, transport, ports, service;
 *   lb:       pool, VIP, transport, port, service;
 *   ipsec:    the named exception (its note), source, destination,
 *             transport, ports -- the IPsec table keeps each named
 *             exception, even when two name the same servers (Conferencing
 *             Attendant and A/V Conferencing both run on the Front End
 *             Servers);
 *   programs: servers, program rule, transport.
 * Endpoint values are made once per endpoint and site, so equal endpoints
 * are equal pointers. */
static bool same_flow(enum catalog_table kind, const struct report_flow *a,
		      const struct report_flow *b)
{
	if (a->destination != b->destination || strcmp(a->transport, b->transport) != 0)
		return false;
	switch (kind) {
	case CATALOG_FIREWALL:
		return strcmp(a->scope, b->scope) == 0 && a->source == b->source &&
		       report_port_equal(a->source_port, b->source_port) &&
		       report_port_equal(a->destination_port, b->destination_port) &&
		       strcmp(a->service, b->service) == 0;
	case CATALOG_LB:
		return a->source == b->source &&
		       report_port_equal(a->destination_port, b->destination_port) &&
		       strcmp(a->service, b->service) == 0;
	case CATALOG_IPSEC:
		return strcmp(a->note, b->note) == 0 && a->source == b->source &&
		       report_port_equal(a->source_port, b->source_port) &&
		       report_port_equal(a->destination_port, b->destination_port);
	default:
		return strcmp(a->service, b->service) == 0;
	}
}

/* One 64-bit word into the hash: a multiply and a shift (flows are
 * hashed once or twice each, tens of thousands of them in a large plan). */
static uint64_t hash_word(uint64_t h, uint64_t v)
{
	h = (h ^ v) * 0x9e3779b97f4a7c15ull;
	return h ^ (h >> 29);
}

static uint64_t flow_hash(enum catalog_table kind, const struct report_flow *f)
{
	uint64_t h = HASH_SEED;

	h = hash_word(h, (uint64_t)(uintptr_t)f->destination);
	h = hash_bytes(h, f->transport, strlen(f->transport));
	if (kind != CATALOG_PROGRAMS) {
		const struct report_port p = f->destination_port;

		h = hash_word(h, (uint64_t)(uintptr_t)f->source);
		h = hash_word(h, ((uint64_t)p.kind << 48) ^ ((uint64_t)p.first << 24) ^ p.last);
	}
	return h;
}

static void index_grow(struct flow_index *ix, const struct report_flows *t)
{
	size_t cap = ix->cap ? ix->cap * 2 : 256;

	free(ix->flows);
	ix->flows = xcalloc(cap, sizeof *ix->flows);
	ix->cap = cap;
	for (size_t r = 0; r < t->n_flows; r++) {
		size_t slot = (size_t)flow_hash(t->kind, &t->flows[r]) & (cap - 1);
		while (ix->flows[slot])
			slot = (slot + 1) & (cap - 1);
		ix->flows[slot] = (uint32_t)(r + 1);
	}
}

/* The flow that already states f, or -1; remembers where a new flow would
 * go through *slot_out. */
static long find_same_flow(struct flow_index *ix, const struct report_flows *t,
			   const struct report_flow *f, size_t *slot_out)
{
	uint64_t h;
	size_t slot;

	if ((ix->count + 1) * 2 > ix->cap)
		index_grow(ix, t);
	h = flow_hash(t->kind, f);
	slot = (size_t)h & (ix->cap - 1);
	while (ix->flows[slot]) {
		size_t r = ix->flows[slot] - 1;
		if (same_flow(t->kind, &t->flows[r], f))
			return (long)r;
		slot = (slot + 1) & (ix->cap - 1);
	}
	*slot_out = slot;
	return -1;
}

/* Adds to an existing flow the sources of a rule that states the same. */
static void merge_sources(struct builder *b, struct report_flow *f,
			  const struct catalog_source *const *more, size_t n_more)
{
	const struct catalog_source **list;
	size_t n = f->n_sources, added = 0;

	if (f->sources == more)
		return;
	for (size_t i = 0; i < n_more; i++) {
		bool seen = false;
		for (size_t j = 0; j < n && !seen; j++)
			seen = f->sources[j] == more[i];
		added += !seen;
	}
	if (!added)
		return;
	list = strpool_alloc(b->lists_pool, (n + added) * sizeof *list);
	memcpy(list, f->sources, n * sizeof *list);
	for (size_t i = 0; i < n_more; i++) {
		bool seen = false;
		for (size_t j = 0; j < n && !seen; j++)
			seen = list[j] == more[i];
		if (!seen)
			list[n++] = more[i];
	}
	f->sources = report_sources_intern(&b->lists, list, n);
	f->n_sources = n;
}

static void add_flow(struct builder *b, size_t rule_index, const struct site *site, int site_index)
{
	const struct catalog_rule *rule = &b->catalog->rules[rule_index];
	const struct rule_prep *rp = &b->rules[rule_index];
	struct report_flows *t = &b->report->tables[rule->table];
	struct report_flow f = {0};
	const struct catalog_source *const *sources;
	size_t n_sources, slot = 0;
	bool src_bound, dst_bound;
	long dup;

	f.source = endpoint(b, rule->source, site, site_index, &src_bound);
	f.destination = endpoint(b, rule->destination, site, site_index, &dst_bound);
	/* a single Director or Mediation Server without a VIP has no load
	 * balancer in front of it; a larger pool without one is shown with
	 * its VIP missing so that it gets entered */
	if (rule->table == CATALOG_LB &&
	    b->endpoint_alone[rule->destination - b->catalog->endpoints])
		return;
	if (rp->n_entry_lb && enters_through_vip(b, rule_index, site))
		f.destination = entry_endpoint(b, rule->destination, site, site_index);
	f.rule = rule;
	f.rule_id = rule->id;
	f.scope = rule->scope->id;
	f.site = (src_bound || dst_bound) ? site_index : -1;
	f.transport = rule->transport;
	f.source_port = rule_port(b, rp->sport_from, rp->sport);
	f.destination_port = rule_port(b, rp->dport_from, rp->dport);
	f.service = rule->service ? rule->service : "";
	f.note = rule->note;
	f.authentication = rule->authentication;
	rule_sources(b, rule_index, site, &sources, &n_sources);

	dup = find_same_flow(&b->index[rule->table], t, &f, &slot);
	if (dup >= 0) {
		merge_sources(b, &t->flows[dup], sources, n_sources);
		return;
	}
	f.sources = sources;
	f.n_sources = n_sources;
	if (t->n_flows == b->flow_cap[rule->table]) {
		size_t cap = b->flow_cap[rule->table] ? b->flow_cap[rule->table] * 2 : 64;
		t->flows = xreallocarray(t->flows, cap, sizeof *t->flows);
		b->flow_cap[rule->table] = cap;
	}
	t->flows[t->n_flows] = f;
	b->index[rule->table].flows[slot] = (uint32_t)(t->n_flows + 1);
	b->index[rule->table].count++;
	t->n_flows++;
}

/* A report with its names and empty tables. */
static struct report *report_new(const struct plan *plan)
{
	struct report *r = xcalloc(1, sizeof *r);

	r->strings = strpool_new();
	r->plan_name = xstrdup(plan->name ? plan->name : "");
	r->n_sites = plan->n_sites;
	r->site_names = xcalloc(plan->n_sites ? plan->n_sites : 1, sizeof *r->site_names);
	for (size_t s = 0; s < plan->n_sites; s++)
		r->site_names[s] = xstrdup(plan->sites[s].name ? plan->sites[s].name : "");
	for (unsigned k = 0; k < CATALOG_TABLE_COUNT; k++) {
		r->tables[k].kind = (enum catalog_table)k;
		r->tables[k].key = catalog_table_key((enum catalog_table)k);
		r->tables[k].title = table_titles[k];
	}
	return r;
}

static void builder_init(struct builder *b, const struct plan *plan, const struct catalog *catalog,
			 struct report *r, struct strpool *lists_pool)
{
	memset(b, 0, sizeof *b);
	b->plan = plan;
	b->catalog = catalog;
	b->report = r;
	b->lists_pool = lists_pool;
	prepare_rules(b);
	b->site_ports[0] = range_port(&plan->client_media);
}

static void builder_free(struct builder *b)
{
	for (unsigned k = 0; k < CATALOG_TABLE_COUNT; k++)
		free(b->index[k].flows);
	for (size_t i = 0; i < b->catalog->n_rules; i++)
		free(b->rules[i].entry_lb);
	free(b->rules);
	free(b->endpoint);
	free(b->endpoint_site);
	free(b->endpoint_alone);
	free(b->entry);
	free(b->entry_site);
	free(b->expander);
	free(b->expansion.members);
	free(b->vip_expansion.members);
	report_sources_free(&b->lists);
}

/* Gives back what the doubling of the flow arrays over-allocated. */
static void report_trim(struct report *r)
{
	for (unsigned k = 0; k < CATALOG_TABLE_COUNT; k++)
		if (r->tables[k].n_flows)
			r->tables[k].flows = xreallocarray(r->tables[k].flows, r->tables[k].n_flows,
							   sizeof *r->tables[k].flows);
}

struct report *report_build(const struct plan *plan, const struct catalog *catalog)
{
	struct builder b;
	struct report *r = report_new(plan);
	struct plan *filled;

	builder_init(&b, plan, catalog, r, r->strings);
	for (size_t s = 0; s < plan->n_sites; s++) {
		const struct site *site = &plan->sites[s];
		b.site_ports[1] = range_port(&site->um_rtp);
		for (size_t i = 0; i < catalog->n_rules; i++)
			if (condition_holds(&catalog->rules[i].when, plan, site))
				add_flow(&b, i, site, (int)s);
	}
	report_trim(r);
	filled = report_records_plan(plan);
	report_records_build(r, filled ? filled : plan, catalog, &b.lists, r->strings, 0,
			     plan->n_sites, CATALOG_ALL_TABLES);
	plan_free(filled);
	builder_free(&b);
	return r;
}

/* ---- streams ----------------------------------------------------------------- */

/* A streamed report builds one table for a few sites at a time, when a
 * writer asks for it, and frees it when the writer asks for the next: its
 * memory is that of a part, not of the whole report.  The rows come out as
 * report_build() makes them.  The only rows that span sites are plan-wide
 * flows (both endpoints the same for every site: Any, Clients...), which a
 * later site may merge sources into: they are all made first, with their
 * final sources, and each is put in its part where report_build() would
 * have made it (at the site and rule that made it first). */
#define REPORT_PART_SITES 128

struct report_stream {
	size_t part_sites;             /* sites in a part */
	const struct plan *plan;       /* borrowed */
	const struct catalog *catalog; /* borrowed */
	struct plan *filled;           /* the records' plan, when it needs defaults */
	struct strpool *lists_pool;    /* source lists, for every part */
	struct builder b;              /* its report is the part being built */
	bool *wide_rule;               /* by rule: both endpoints are site-independent */
	struct report *wide;           /* the plan-wide flows */
	/* where each plan-wide flow was first made, by table */
	size_t *wide_site[CATALOG_TABLE_COUNT];
	size_t *wide_at_rule[CATALOG_TABLE_COUNT];
};

static void stream_prepass(struct report_stream *st)
{
	struct builder *b = &st->b;
	const struct catalog *c = st->catalog;
	size_t cap[CATALOG_TABLE_COUNT] = {0};

	st->wide_rule = xcalloc(c->n_rules ? c->n_rules : 1, sizeof *st->wide_rule);
	for (size_t i = 0; i < c->n_rules; i++) {
		const struct catalog_rule *rule = &c->rules[i];
		st->wide_rule[i] =
		    !CATALOG_IS_RECORDS(rule->table) &&
		    !b->expander[rule->source - c->endpoints]->site_bound &&
		    !b->expander[rule->destination - c->endpoints]->site_bound;
	}
	st->wide = report_new(st->plan);
	b->report = st->wide;
	for (size_t s = 0; s < st->plan->n_sites; s++) {
		const struct site *site = &st->plan->sites[s];
		b->site_ports[1] = range_port(&site->um_rtp);
		for (size_t i = 0; i < c->n_rules; i++) {
			struct report_flows *t = &st->wide->tables[c->rules[i].table];
			size_t before = t->n_flows, k = c->rules[i].table;
			if (!st->wide_rule[i] || !condition_holds(&c->rules[i].when, st->plan, site))
				continue;
			add_flow(b, i, site, (int)s);
			if (t->n_flows == before)
				continue;
			if (before == cap[k]) {
				cap[k] = cap[k] ? cap[k] * 2 : 16;
				st->wide_site[k] = xreallocarray(st->wide_site[k], cap[k], sizeof(size_t));
				st->wide_at_rule[k] = xreallocarray(st->wide_at_rule[k], cap[k], sizeof(size_t));
			}
			st->wide_site[k][before] = s;
			st->wide_at_rule[k][before] = i;
		}
	}
	report_trim(st->wide);
	/* the parts start afresh: their own flow arrays and indexes */
	for (unsigned k = 0; k < CATALOG_TABLE_COUNT; k++) {
		free(b->index[k].flows);
		memset(&b->index[k], 0, sizeof b->index[k]);
		b->flow_cap[k] = 0;
	}
}

struct report *report_stream_open(const struct plan *plan, const struct catalog *catalog,
				  size_t part_sites)
{
	struct report *r = report_new(plan);
	struct report_stream *st = xcalloc(1, sizeof *st);

	st->part_sites = part_sites ? part_sites : REPORT_PART_SITES;
	st->plan = plan;
	st->catalog = catalog;
	st->filled = report_records_plan(plan);
	st->lists_pool = strpool_new();
	builder_init(&st->b, plan, catalog, r, st->lists_pool);
	st->b.borrow_plan = true;
	stream_prepass(st);
	r->stream = st;
	return r;
}

static void stream_free(struct report_stream *st)
{
	if (!st)
		return;
	builder_free(&st->b);
	for (unsigned k = 0; k < CATALOG_TABLE_COUNT; k++) {
		free(st->wide_site[k]);
		free(st->wide_at_rule[k]);
	}
	report_free(st->wide);
	free(st->wide_rule);
	strpool_free(st->lists_pool);
	plan_free(st->filled);
	free(st);
}

/* The part of table kind for sites [first, end): a report of its own. */
static struct report *stream_part(struct report_stream *st, enum catalog_table kind,
				  size_t first, size_t end, size_t *wide_next)
{
	struct builder *b = &st->b;
	const struct catalog *c = st->catalog;
	const struct report_flows *wide = &st->wide->tables[kind];
	struct report *part = xcalloc(1, sizeof *part);

	part->strings = strpool_new();
	part->tables[kind].kind = kind;
	part->tables[kind].key = catalog_table_key(kind);
	part->tables[kind].title = table_titles[kind];
	if (CATALOG_IS_RECORDS(kind)) {
		report_records_build(part, st->filled ? st->filled : st->plan, c, &b->lists,
				     st->lists_pool, first, end, CATALOG_TABLE_BIT(kind));
		return part;
	}
	/* a new part: nothing of the last one is looked up again */
	b->report = part;
	for (size_t i = 0; i < c->n_endpoints; i++)
		b->endpoint_site[i] = b->entry_site[i] = -2;
	memset(&b->index[kind], 0, sizeof b->index[kind]);
	b->flow_cap[kind] = 0;
	for (size_t s = first; s < end; s++) {
		const struct site *site = &st->plan->sites[s];
		b->site_ports[1] = range_port(&site->um_rtp);
		for (size_t i = 0; i < c->n_rules; i++) {
			if (c->rules[i].table != kind ||
			    !condition_holds(&c->rules[i].when, st->plan, site))
				continue;
			if (!st->wide_rule[i]) {
				add_flow(b, i, site, (int)s);
				continue;
			}
			/* a plan-wide flow goes where it was first made */
			while (*wide_next < wide->n_flows && st->wide_site[kind][*wide_next] == s &&
			       st->wide_at_rule[kind][*wide_next] == i) {
				struct report_flows *t = &part->tables[kind];
				if (t->n_flows == b->flow_cap[kind]) {
					b->flow_cap[kind] = b->flow_cap[kind] ? b->flow_cap[kind] * 2 : 64;
					t->flows = xreallocarray(t->flows, b->flow_cap[kind], sizeof *t->flows);
				}
				t->flows[t->n_flows++] = wide->flows[(*wide_next)++];
			}
		}
	}
	free(b->index[kind].flows);
	memset(&b->index[kind], 0, sizeof b->index[kind]);
	return part;
}

static const struct report_flows *part_build(struct report_part *p)
{
	struct report_stream *st = p->report->stream;
	size_t end = p->next_site + st->part_sites;

	report_free(p->built);
	p->built = NULL;
	if (p->next_site >= p->report->n_sites)
		return NULL;
	if (end > p->report->n_sites)
		end = p->report->n_sites;
	p->built = stream_part(st, p->kind, p->next_site, end, &p->wide_next);
	p->next_site = end;
	return &p->built->tables[p->kind];
}

const struct report_flows *report_part_first(const struct report *report, enum catalog_table kind,
					     struct report_part *p)
{
	memset(p, 0, sizeof *p);
	p->report = report;
	p->kind = kind;
	if (!report->stream) {
		p->next_site = report->n_sites; /* one part: the whole table */
		return &report->tables[kind];
	}
	return part_build(p);
}

const struct report_flows *report_part_next(struct report_part *p)
{
	if (!p->report->stream)
		return NULL;
	return part_build(p);
}

void report_part_end(struct report_part *p)
{
	report_free(p->built);
	p->built = NULL;
}

void report_free(struct report *r)
{
	if (!r)
		return;
	for (unsigned k = 0; k < CATALOG_TABLE_COUNT; k++) {
		free(r->tables[k].flows);
		free(r->tables[k].records);
	}
	for (size_t s = 0; s < r->n_sites; s++)
		free(r->site_names[s]);
	free(r->site_names);
	strpool_free(r->strings);
	free(r->plan_name);
	stream_free(r->stream);
	free(r);
}
