/* report.c: the rules engine.
 *
 * For every site and every catalog rule whose condition holds, the symbolic
 * endpoints become the plan's names and addresses and the rule becomes a
 * row.  Rows that state the same flow twice (the same fact listed by two
 * source tables, or a site-independent rule met again at the next site) are
 * merged, keeping the first and adding the other's references. */
#include "ucplan/report.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "ucplan/i18n.h"

/* ---- string storage ------------------------------------------------------ */

/* Cells and their arrays live in large blocks freed together: a
 * 1,000-site report holds hundreds of thousands of them. */
struct report_arena {
	char **blocks;
	size_t n_blocks;
	size_t used; /* bytes used in the last block */
};

enum { ARENA_BLOCK = 256 * 1024 };

/* size bytes aligned for pointers; valid until arena_free. */
static void *arena_alloc(struct report_arena *a, size_t size)
{
	const size_t align = sizeof(void *);
	char *p;

	if (size > ARENA_BLOCK / 4) {
		/* A large piece gets a block of its own, placed before the
		 * current one so that the current block keeps filling. */
		a->blocks = xreallocarray(a->blocks, a->n_blocks + 1, sizeof *a->blocks);
		p = xmalloc(size);
		if (a->n_blocks) {
			a->blocks[a->n_blocks] = a->blocks[a->n_blocks - 1];
			a->blocks[a->n_blocks - 1] = p;
		} else {
			a->blocks[0] = p;
			a->used = ARENA_BLOCK; /* no open block yet */
		}
		a->n_blocks++;
		return p;
	}
	a->used = (a->used + align - 1) & ~(align - 1);
	if (a->n_blocks == 0 || a->used + size > ARENA_BLOCK) {
		a->blocks = xreallocarray(a->blocks, a->n_blocks + 1, sizeof *a->blocks);
		a->blocks[a->n_blocks++] = xmalloc(ARENA_BLOCK);
		a->used = 0;
	}
	p = a->blocks[a->n_blocks - 1] + a->used;
	a->used += size;
	return p;
}

static const char *arena_strndup(struct report_arena *a, const char *s, size_t n)
{
	char *p = arena_alloc(a, n + 1);

	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

static void arena_free(struct report_arena *a)
{
	if (!a)
		return;
	for (size_t i = 0; i < a->n_blocks; i++)
		free(a->blocks[i]);
	free(a->blocks);
	free(a);
}

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

static const char *const table_titles[CATALOG_TABLE_COUNT] = {
	N_("Firewall rules"),
	N_("Hardware load balancer ports"),
	N_("IPsec exceptions"),
	N_("Windows Firewall program rules"),
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

/* "Label pool (addr, addr)", "Label name (addr), name (addr)" or
 * "Label 203.0.113.10 (pool)"; just "Label" when the plan gives nothing. */
static void format_endpoint(struct strbuf *sb, const char *label, const struct expansion *e)
{
	strbuf_puts(sb, _(e->label ? e->label : label));
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
		if (e->n || !str_empty(e->entry_vip)) {
			strbuf_puts(sb, " (");
			/* the load balancer's VIP first: the flow's destination */
			if (!str_empty(e->entry_vip)) {
				strbuf_printf(sb, _("VIP %s"), e->entry_vip);
				if (e->n)
					strbuf_puts(sb, "; ");
			}
			for (size_t i = 0; i < e->n; i++) {
				const struct member *m = &e->members[i];
				if (i)
					strbuf_puts(sb, ", ");
				strbuf_puts(sb, str_empty(m->address) ? m->name : m->address);
			}
			strbuf_puts(sb, ")");
		}
		return;
	}
	for (size_t i = 0; i < e->n; i++) {
		const struct member *m = &e->members[i];
		strbuf_puts(sb, i ? ", " : " ");
		if (str_empty(m->name)) {
			strbuf_puts(sb, m->address);
			if (!str_empty(m->nat))
				strbuf_printf(sb, " (NAT %s)", m->nat);
			continue;
		}
		strbuf_puts(sb, m->name);
		if (str_empty(m->address))
			continue;
		strbuf_printf(sb, " (%s", m->address);
		if (!str_empty(m->nat))
			strbuf_printf(sb, ", NAT %s", m->nat);
		strbuf_puts(sb, ")");
	}
}

/* ---- rows -------------------------------------------------------------------- */

/* Every cell is interned: a note, a reference or a site's endpoint text is
 * stored once however many rows show it, and cells compare by pointer. */
struct intern_set {
	const char **slots;
	uint64_t *hashes;
	size_t cap;
	size_t count;
};

static uint64_t hash_string(const char *s, size_t n)
{
	uint64_t h = 14695981039346656037ull; /* FNV-1a */

	for (size_t i = 0; i < n; i++) {
		h ^= (unsigned char)s[i];
		h *= 1099511628211ull;
	}
	return h;
}

/* Open addressing over row numbers (+1; 0 = empty).  No hashes are kept:
 * comparing a row is a few pointer comparisons. */
struct row_index {
	uint32_t *rows;
	size_t cap;
	size_t count;
};

/* What one rule contributes to every row it makes, computed once per build. */
struct rule_cells {
	const char *id, *scope, *transport, *service, *note, *authentication;
	const char *source_port, *destination_port; /* NULL: depends on the site */
	uint64_t ref_mask;      /* which references the cached text names */
	const char *references; /* NULL until first needed */
	/* load balancer rules that carry this rule's flow into its destination
	 * pool (same VIP, transport and port); the VIP joins the destination
	 * when one of them holds for the site */
	size_t *entry_lb;
	size_t n_entry_lb;
};

struct builder {
	const struct plan *plan;
	const struct catalog *catalog;
	struct report *report;
	struct intern_set strings;
	struct row_index index[CATALOG_TABLE_COUNT];
	size_t row_cap[CATALOG_TABLE_COUNT];
	struct rule_cells *rules;
	/* endpoint text of the current site, by endpoint position */
	const char **endpoint_text;
	const char **endpoint_pool; /* lb column: the pool name */
	const char **endpoint_vip;  /* lb column: the VIP */
	bool *endpoint_alone;       /* one server and no VIP: nothing to balance */
	int *endpoint_site;         /* site the cached text belongs to; -2 = none */
	const char **entry_text;    /* a pool entered through its VIP, by endpoint */
	int *entry_site;            /* site entry_text belongs to; -2 = none */
	const struct endpoint_expander **expander; /* by endpoint position */
	const char *site_ports[2];  /* client-media, um-rtp for the current site */
	struct strbuf scratch;
	struct expansion expansion;
	struct expansion vip_expansion;
	/* pointer arena for the rows' cell arrays */
	const char **cell_block;
	size_t cell_left;
};

static const char *intern_n(struct builder *b, const char *s, size_t n)
{
	struct intern_set *set = &b->strings;
	uint64_t h = hash_string(s, n);
	size_t slot;

	if ((set->count + 1) * 2 > set->cap) {
		size_t cap = set->cap ? set->cap * 2 : 1024;
		const char **slots = xcalloc(cap, sizeof *slots);
		uint64_t *hashes = xcalloc(cap, sizeof *hashes);
		for (size_t i = 0; i < set->cap; i++) {
			if (!set->slots[i])
				continue;
			slot = (size_t)set->hashes[i] & (cap - 1);
			while (slots[slot])
				slot = (slot + 1) & (cap - 1);
			slots[slot] = set->slots[i];
			hashes[slot] = set->hashes[i];
		}
		free(set->slots);
		free(set->hashes);
		set->slots = slots;
		set->hashes = hashes;
		set->cap = cap;
	}
	slot = (size_t)h & (set->cap - 1);
	while (set->slots[slot]) {
		if (set->hashes[slot] == h && strncmp(set->slots[slot], s, n) == 0 &&
		    set->slots[slot][n] == '\0')
			return set->slots[slot];
		slot = (slot + 1) & (set->cap - 1);
	}
	set->slots[slot] = arena_strndup(b->report->arena, s, n);
	set->hashes[slot] = h;
	set->count++;
	return set->slots[slot];
}

static const char *intern(struct builder *b, const char *s)
{
	return intern_n(b, s ? s : "", s ? strlen(s) : 0);
}

/* Interns the scratch buffer and empties it. */
static const char *take(struct builder *b)
{
	const char *s = intern_n(b, b->scratch.data ? b->scratch.data : "", b->scratch.len);

	b->scratch.len = 0;
	if (b->scratch.data)
		b->scratch.data[0] = '\0';
	return s;
}

/* The columns whose equality means "the same flow", as positions in the
 * column tables above (-1 ends a list):
 *   firewall: scope, source, destination, transport, source_port,
 *             destination_port, service;
 *   lb:       load_balancer, vip, transport, port, service;
 *   ipsec:    rule, source, destination, transport, source_port,
 *             destination_port -- the IPsec table keeps each named exception,
 *             even when two name the same servers (Conferencing Attendant and
 *             A/V Conferencing both run on the Front End Servers);
 *   programs: server, program_rule, transport. */
static const int identity_columns[CATALOG_TABLE_COUNT][8] = {
	{1, 2, 3, 4, 5, 6, 7, -1},
	{0, 1, 2, 3, 4, -1},
	{0, 1, 2, 3, 4, 5, -1},
	{1, 2, 3, -1},
};

/* Cells are interned, so equal text means equal pointers. */
static bool same_flow(enum catalog_table kind, const char **a, const char **b)
{
	for (size_t i = 0; identity_columns[kind][i] >= 0; i++)
		if (a[identity_columns[kind][i]] != b[identity_columns[kind][i]])
			return false;
	return true;
}

static uint64_t flow_hash(enum catalog_table kind, const char **cells)
{
	uint64_t h = 14695981039346656037ull;

	for (size_t i = 0; identity_columns[kind][i] >= 0; i++) {
		h ^= (uint64_t)(uintptr_t)cells[identity_columns[kind][i]];
		h *= 1099511628211ull;
		h ^= h >> 29;
	}
	return h;
}

static void index_grow(struct row_index *ix, const struct report_table *t)
{
	size_t cap = ix->cap ? ix->cap * 2 : 256;

	free(ix->rows);
	ix->rows = xcalloc(cap, sizeof *ix->rows);
	ix->cap = cap;
	for (size_t r = 0; r < t->n_rows; r++) {
		size_t slot = (size_t)flow_hash(t->kind, t->rows[r].cells) & (cap - 1);
		while (ix->rows[slot])
			slot = (slot + 1) & (cap - 1);
		ix->rows[slot] = (uint32_t)(r + 1);
	}
}

/* The row that already states this flow, or -1; remembers where a new row
 * would go through *slot_out. */
static long find_same_flow(struct row_index *ix, const struct report_table *t, const char **cells,
			   uint64_t h, size_t *slot_out)
{
	size_t slot;

	if ((ix->count + 1) * 2 > ix->cap)
		index_grow(ix, t);
	slot = (size_t)h & (ix->cap - 1);
	while (ix->rows[slot]) {
		size_t r = ix->rows[slot] - 1;
		if (same_flow(t->kind, t->rows[r].cells, cells))
			return (long)r;
		slot = (slot + 1) & (ix->cap - 1);
	}
	*slot_out = slot;
	return -1;
}

/* The public source as an administrator looks it up: the article's English
 * title, the table in it and the address.  The seed file or reference
 * section we read it in stays in the catalog and in the row's detail. */
static void format_source(struct strbuf *sb, const struct catalog_source *src)
{
	strbuf_printf(sb, "%s \u2014 %s <%s>", src->article, src->table, src->url);
}

/* The sources that document this rule for this plan: those whose condition
 * holds, or all of them when none does.  Returned as a bit mask (a rule
 * names at most 64 sources; more are always shown). */
static uint64_t reference_mask(const struct catalog_rule *rule, const struct plan *plan,
			       const struct site *site)
{
	uint64_t mask = 0;

	for (size_t i = 0; i < rule->n_refs && i < 64; i++)
		if (condition_holds(&rule->refs[i].when, plan, site))
			mask |= 1ull << i;
	if (!mask)
		mask = rule->n_refs >= 64 ? ~0ull : (1ull << rule->n_refs) - 1;
	return mask;
}

/* The sources in mask, each once: a seed and the reference section that
 * transcribes the same table name the same public article and table. */
static void format_references(struct strbuf *sb, const struct catalog_rule *rule, uint64_t mask)
{
	struct strbuf piece = {0};

	for (size_t i = 0; i < rule->n_refs; i++) {
		if (i < 64 && !(mask & (1ull << i)))
			continue;
		piece.len = 0;
		format_source(&piece, rule->refs[i].source);
		if (sb->len && strstr(sb->data, piece.data))
			continue;
		if (sb->len)
			strbuf_puts(sb, "; ");
		strbuf_puts(sb, piece.data);
	}
	strbuf_free(&piece);
}

static const char *references(struct builder *b, size_t rule_index, const struct site *site)
{
	const struct catalog_rule *rule = &b->catalog->rules[rule_index];
	struct rule_cells *rc = &b->rules[rule_index];
	uint64_t mask = reference_mask(rule, b->plan, site);

	if (!rc->references || rc->ref_mask != mask) {
		format_references(&b->scratch, rule, mask);
		rc->references = take(b);
		rc->ref_mask = mask;
	}
	return rc->references;
}

/* A port cell that does not depend on the site, or NULL. */
static const char *static_port(struct builder *b, const char *port)
{
	if (strcmp(port, "any") == 0)
		return intern(b, _("Any"));
	if (strcmp(port, "client-media") == 0 || strcmp(port, "um-rtp") == 0)
		return NULL;
	return intern(b, port);
}

static const char *site_port(struct builder *b, const char *port)
{
	return strcmp(port, "client-media") == 0 ? b->site_ports[0] : b->site_ports[1];
}

/* The load balancer rules through which rule's flow enters its destination
 * pool: those that put the same transport and destination port on the
 * pool's VIP.  The table decides, per topology, which ports pass the load
 * balancer (SIP 5061 with hardware load balancing, web ports with DNS). */
static void find_entry_rules(struct builder *b, const struct catalog_rule *rule,
			     struct rule_cells *rc)
{
	const struct catalog *c = b->catalog;

	for (size_t i = 0; i < c->n_rules; i++) {
		const struct catalog_rule *lb = &c->rules[i];
		if (lb->table != CATALOG_LB || lb->destination != rule->destination->lb_vip ||
		    strcmp(lb->transport, rule->transport) != 0 ||
		    strcmp(lb->destination_port, rule->destination_port) != 0)
			continue;
		rc->entry_lb = xreallocarray(rc->entry_lb, rc->n_entry_lb + 1, sizeof *rc->entry_lb);
		rc->entry_lb[rc->n_entry_lb++] = i;
	}
}

static void prepare_rules(struct builder *b)
{
	const struct catalog *c = b->catalog;

	b->rules = xcalloc(c->n_rules, sizeof *b->rules);
	for (size_t i = 0; i < c->n_rules; i++) {
		const struct catalog_rule *r = &c->rules[i];
		struct rule_cells *rc = &b->rules[i];
		rc->id = intern(b, r->id);
		rc->scope = intern(b, _(r->scope->label));
		rc->transport = intern(b, r->transport);
		rc->service = intern(b, str_empty(r->service) ? "" : _(r->service));
		rc->note = intern(b, _(r->note));
		rc->authentication = intern(b, r->authentication ? _(r->authentication) : "");
		rc->source_port = static_port(b, r->source_port);
		rc->destination_port = static_port(b, r->destination_port);
		if (r->table != CATALOG_LB && r->destination->lb_vip)
			find_entry_rules(b, r, rc);
	}
	b->endpoint_text = xcalloc(c->n_endpoints, sizeof *b->endpoint_text);
	b->endpoint_pool = xcalloc(c->n_endpoints, sizeof *b->endpoint_pool);
	b->endpoint_vip = xcalloc(c->n_endpoints, sizeof *b->endpoint_vip);
	b->endpoint_alone = xcalloc(c->n_endpoints, sizeof *b->endpoint_alone);
	b->endpoint_site = xcalloc(c->n_endpoints, sizeof *b->endpoint_site);
	b->expander = xcalloc(c->n_endpoints, sizeof *b->expander);
	b->entry_text = xcalloc(c->n_endpoints, sizeof *b->entry_text);
	b->entry_site = xcalloc(c->n_endpoints, sizeof *b->entry_site);
	for (size_t i = 0; i < c->n_endpoints; i++) {
		b->endpoint_site[i] = -2;
		b->entry_site[i] = -2;
		b->expander[i] = find_expander(c->endpoints[i].id);
	}
}

/* Expands an endpoint for the site once and keeps its three texts. */
static size_t endpoint(struct builder *b, const struct catalog_endpoint *ep,
		       const struct site *site, int site_index, bool *site_bound)
{
	size_t i = (size_t)(ep - b->catalog->endpoints);
	const struct endpoint_expander *x = b->expander[i];
	int key = x->site_bound ? site_index : -1;
	struct expansion *e = &b->expansion;

	*site_bound = x->site_bound;
	if (b->endpoint_site[i] == key)
		return i;
	e->n = 0;
	e->pool = e->vip = e->label = e->entry_vip = NULL;
	e->vip_only = false;
	x->expand(b->plan, site, e);
	format_endpoint(&b->scratch, ep->label, e);
	b->endpoint_text[i] = take(b);
	b->endpoint_pool[i] = str_empty(e->pool) ? b->endpoint_text[i] : intern(b, e->pool);
	b->endpoint_vip[i] = intern(b, str_empty(e->vip) ? _("(not set)") : e->vip);
	b->endpoint_alone[i] = str_empty(e->vip) && e->n <= 1;
	b->endpoint_site[i] = key;
	return i;
}

/* True when the rule's flow enters its destination pool through the load
 * balancer in this site. */
static bool enters_through_vip(const struct builder *b, size_t rule_index, const struct site *site)
{
	const struct rule_cells *rc = &b->rules[rule_index];

	for (size_t i = 0; i < rc->n_entry_lb; i++)
		if (condition_holds(&b->catalog->rules[rc->entry_lb[i]].when, b->plan, site))
			return true;
	return false;
}

/* The text of a pool endpoint entered through its VIP: the VIP first, then
 * the members (whose own host firewalls see their own addresses). */
static const char *entry_text(struct builder *b, const struct catalog_endpoint *ep,
			      const struct site *site, int site_index)
{
	size_t i = (size_t)(ep - b->catalog->endpoints);
	size_t v = (size_t)(ep->lb_vip - b->catalog->endpoints);
	struct expansion *e = &b->expansion, *ve = &b->vip_expansion;

	if (b->entry_site[i] == site_index)
		return b->entry_text[i];
	ve->n = 0;
	ve->pool = ve->vip = ve->label = ve->entry_vip = NULL;
	ve->vip_only = false;
	b->expander[v]->expand(b->plan, site, ve);
	e->n = 0;
	e->pool = e->vip = e->label = e->entry_vip = NULL;
	e->vip_only = false;
	b->expander[i]->expand(b->plan, site, e);
	e->entry_vip = ve->vip_only ? ve->vip : NULL;
	format_endpoint(&b->scratch, ep->label, e);
	b->entry_text[i] = take(b);
	b->entry_site[i] = site_index;
	/* the plain text cache of this endpoint was not touched */
	return b->entry_text[i];
}

static const char **new_cells(struct builder *b, size_t n)
{
	const char **cells;

	if (b->cell_left < n) {
		/* Rows' cell arrays come from large blocks owned by the arena. */
		size_t count = 8192;
		b->cell_block = arena_alloc(b->report->arena, count * sizeof *cells);
		b->cell_left = count;
	}
	cells = b->cell_block;
	b->cell_block += n;
	b->cell_left -= n;
	return cells;
}

/* Appends to an existing row the references of a rule that states the same
 * flow. */
static void merge_references(struct builder *b, struct report_table *t, size_t row,
			     const char *more)
{
	const char **cells = t->rows[row].cells;
	size_t col = t->n_columns - 1;
	const char *old = cells[col];
	bool changed = false;

	if (old == more)
		return;
	strbuf_puts(&b->scratch, old);
	/* add each "; "-separated part the row does not name yet */
	for (const char *part = more; *part;) {
		const char *end = strstr(part, "; ");
		size_t n = end ? (size_t)(end - part) : strlen(part);
		char *piece = xstrndup(part, n);
		if (!strstr(old, piece)) {
			strbuf_puts(&b->scratch, "; ");
			strbuf_puts(&b->scratch, piece);
			changed = true;
		}
		free(piece);
		part = end ? end + 2 : part + n;
	}
	if (changed) {
		cells[col] = take(b);
	} else {
		b->scratch.len = 0;
		if (b->scratch.data)
			b->scratch.data[0] = '\0';
	}
}

static void add_row(struct builder *b, size_t rule_index, const struct site *site, int site_index)
{
	const struct catalog_rule *rule = &b->catalog->rules[rule_index];
	const struct rule_cells *rc = &b->rules[rule_index];
	struct report_table *t = &b->report->tables[rule->table];
	const char *sport = rc->source_port ? rc->source_port : site_port(b, rule->source_port);
	const char *dport =
		rc->destination_port ? rc->destination_port : site_port(b, rule->destination_port);
	const char *tmp[16];
	const char *dst_text;
	const char **cells;
	bool src_bound, dst_bound;
	size_t src, dst, slot = 0;
	uint64_t h;
	long dup;

	src = endpoint(b, rule->source, site, site_index, &src_bound);
	dst = endpoint(b, rule->destination, site, site_index, &dst_bound);
	dst_text = b->endpoint_text[dst];
	if (rc->n_entry_lb && enters_through_vip(b, rule_index, site))
		dst_text = entry_text(b, rule->destination, site, site_index);
	switch (rule->table) {
	case CATALOG_FIREWALL:
		tmp[0] = rc->id;
		tmp[1] = rc->scope;
		tmp[2] = b->endpoint_text[src];
		tmp[3] = dst_text;
		tmp[4] = rc->transport;
		tmp[5] = sport;
		tmp[6] = dport;
		tmp[7] = rc->service;
		tmp[8] = rc->note;
		break;
	case CATALOG_LB:
		/* a single Director or Mediation Server without a VIP has no
		 * load balancer in front of it; a larger pool without one is
		 * shown with its VIP "(not set)" so that it gets entered */
		if (b->endpoint_alone[dst])
			return;
		tmp[0] = b->endpoint_pool[src];
		tmp[1] = b->endpoint_vip[dst];
		tmp[2] = rc->transport;
		tmp[3] = dport;
		tmp[4] = rc->service;
		tmp[5] = rc->note;
		break;
	case CATALOG_IPSEC:
		tmp[0] = rc->note;
		tmp[1] = b->endpoint_text[src];
		tmp[2] = dst_text;
		tmp[3] = rc->transport;
		tmp[4] = sport;
		tmp[5] = dport;
		tmp[6] = rc->authentication;
		break;
	case CATALOG_PROGRAMS:
		tmp[0] = rc->id;
		tmp[1] = dst_text;
		tmp[2] = rc->service;
		tmp[3] = rc->transport;
		tmp[4] = rc->note;
		break;
	default:
		return;
	}
	tmp[t->n_columns - 1] = references(b, rule_index, site);

	h = flow_hash(rule->table, tmp);
	dup = find_same_flow(&b->index[rule->table], t, tmp, h, &slot);
	if (dup >= 0) {
		merge_references(b, t, (size_t)dup, tmp[t->n_columns - 1]);
		return;
	}
	cells = new_cells(b, t->n_columns);
	memcpy(cells, tmp, t->n_columns * sizeof *cells);
	if (t->n_rows == b->row_cap[rule->table]) {
		size_t cap = b->row_cap[rule->table] ? b->row_cap[rule->table] * 2 : 64;
		t->rows = xreallocarray(t->rows, cap, sizeof *t->rows);
		b->row_cap[rule->table] = cap;
	}
	t->rows[t->n_rows].rule_id = rule->id;
	t->rows[t->n_rows].scope = rule->scope->id;
	t->rows[t->n_rows].rule = rule;
	t->rows[t->n_rows].site = (src_bound || dst_bound) ? site_index : -1;
	t->rows[t->n_rows].cells = cells;
	b->index[rule->table].rows[slot] = (uint32_t)(t->n_rows + 1);
	b->index[rule->table].count++;
	t->n_rows++;
}

static void set_site_ports(struct builder *b, const struct site *site)
{
	char buf[32];

	model_port_range_format(&b->plan->client_media, buf, sizeof buf);
	b->site_ports[0] = intern(b, buf);
	model_port_range_format(&site->um_rtp, buf, sizeof buf);
	b->site_ports[1] = intern(b, buf);
}

struct report *report_build(const struct plan *plan, const struct catalog *catalog)
{
	struct builder b = {0};
	struct report *r = xcalloc(1, sizeof *r);

	r->arena = xcalloc(1, sizeof *r->arena);
	r->lang = xstrdup(i18n_language());
	r->plan_name = xstrdup(plan->name ? plan->name : "");
	for (unsigned k = 0; k < CATALOG_TABLE_COUNT; k++) {
		r->tables[k].kind = (enum catalog_table)k;
		r->tables[k].key = catalog_table_key((enum catalog_table)k);
		r->tables[k].title = table_titles[k];
		r->tables[k].columns = report_columns((enum catalog_table)k, &r->tables[k].n_columns);
	}
	b.plan = plan;
	b.catalog = catalog;
	b.report = r;
	prepare_rules(&b);
	for (size_t s = 0; s < plan->n_sites; s++) {
		const struct site *site = &plan->sites[s];
		set_site_ports(&b, site);
		for (size_t i = 0; i < catalog->n_rules; i++)
			if (condition_holds(&catalog->rules[i].when, plan, site))
				add_row(&b, i, site, (int)s);
	}
	for (unsigned k = 0; k < CATALOG_TABLE_COUNT; k++) {
		free(b.index[k].rows);
		/* give back what the doubling over-allocated */
		if (r->tables[k].n_rows)
			r->tables[k].rows = xreallocarray(r->tables[k].rows, r->tables[k].n_rows,
							  sizeof *r->tables[k].rows);
	}
	free(b.strings.slots);
	free(b.strings.hashes);
	for (size_t i = 0; i < catalog->n_rules; i++)
		free(b.rules[i].entry_lb);
	free(b.rules);
	free(b.entry_text);
	free(b.entry_site);
	free(b.vip_expansion.members);
	free(b.endpoint_text);
	free(b.endpoint_pool);
	free(b.endpoint_vip);
	free(b.endpoint_alone);
	free(b.endpoint_site);
	free(b.expander);
	free(b.expansion.members);
	strbuf_free(&b.scratch);
	return r;
}

void report_free(struct report *r)
{
	if (!r)
		return;
	for (unsigned k = 0; k < CATALOG_TABLE_COUNT; k++)
		free(r->tables[k].rows);
	arena_free(r->arena);
	free(r->lang);
	free(r->plan_name);
	free(r);
}
