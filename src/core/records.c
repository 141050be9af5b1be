/* records.c: the DNS, certificates and summary tables.
 *
 * Each catalog shape whose condition holds for a site becomes records: its
 * names (name ids or {domain} patterns) are read from the plan, its
 * addresses and members come from the same endpoint expansion the port
 * rules use.  The record texts themselves (record names, SAN patterns,
 * notes) are the catalog's; this file only knows where in the plan each
 * name id lives.  Records equal in what a reader sees are kept once, with
 * the sources of both. */
#include "report_private.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "ucplan/strpool.h"

/* ---- names ------------------------------------------------------------------- */

/* Where a name is read from: the plan, the site, the member or domain the
 * row is made for. */
struct name_ctx {
	const struct plan *plan;
	const struct site *site;
	const char *member; /* the member's FQDN, or NULL */
	int domain;         /* SIP domain index (0 = the first), -1 = none */
};

static const char *domain_name(const struct plan *p, int d)
{
	if (d <= 0)
		return p->sip_domain;
	return (size_t)d <= p->n_domains ? p->domains[d - 1].name : NULL;
}

static size_t domain_count(const struct plan *p)
{
	return 1 + p->n_domains;
}

static const char *n_member(const struct name_ctx *c)
{
	return c->member;
}

static const char *n_sip_domain(const struct name_ctx *c)
{
	return domain_name(c->plan, c->domain);
}

static const char *n_meet(const struct name_ctx *c)
{
	if (c->domain <= 0)
		return c->plan->meet_url;
	return (size_t)c->domain <= c->plan->n_domains ? c->plan->domains[c->domain - 1].meet
						       : NULL;
}

static const char *n_dialin(const struct name_ctx *c)
{
	return c->plan->dialin_url;
}

static const char *n_admin(const struct name_ctx *c)
{
	return c->plan->admin_url;
}

static const char *n_xmpp(const struct name_ctx *c)
{
	return c->plan->xmpp_fqdn;
}

static const char *n_frontend_pool(const struct name_ctx *c)
{
	return c->site->frontend.fqdn;
}

/* A Standard Edition server's internal web services carry its own name
 * (Topology Builder does not let it be overridden). */
static const char *n_frontend_web_internal(const struct name_ctx *c)
{
	const struct pool *p = &c->site->frontend;

	if (!str_empty(p->web_internal))
		return p->web_internal;
	if (c->site->edition == EDITION_STANDARD && p->n_servers == 1)
		return p->servers[0].fqdn;
	return p->fqdn;
}

static const char *n_frontend_web_external(const struct name_ctx *c)
{
	return c->site->frontend.web_external;
}

static const char *n_director_pool(const struct name_ctx *c)
{
	return c->site->director_pool.fqdn;
}

static const char *n_director_web_internal(const struct name_ctx *c)
{
	const struct pool *p = &c->site->director_pool;

	return str_empty(p->web_internal) ? p->fqdn : p->web_internal;
}

static const char *n_director_web_external(const struct name_ctx *c)
{
	return c->site->director_pool.web_external;
}

static const char *n_mediation_pool(const struct name_ctx *c)
{
	return c->site->mediation_pool.fqdn;
}

static const char *n_owas_pool(const struct name_ctx *c)
{
	return c->site->owas_pool.fqdn;
}

static const char *n_owas_web_external(const struct name_ctx *c)
{
	return c->site->owas_pool.web_external;
}

static const char *n_edge_pool(const struct name_ctx *c)
{
	return c->site->edge_fqdn;
}

static const char *n_edge_access(const struct name_ctx *c)
{
	return c->site->edge_access_fqdn;
}

static const char *n_edge_webconf(const struct name_ctx *c)
{
	return c->site->edge_webconf_fqdn;
}

static const char *n_edge_av(const struct name_ctx *c)
{
	return c->site->edge_av_fqdn;
}

static const char *n_reverse_proxy(const struct name_ctx *c)
{
	return c->site->rp_fqdn;
}

static const struct name_source {
	const char *id;
	const char *(*get)(const struct name_ctx *c);
	bool per_domain; /* one value per SIP domain (in a SAN list: all of them) */
} names[] = {
	{"member", n_member, false},
	{"sip-domain", n_sip_domain, false},
	{"meet", n_meet, true},
	{"dialin", n_dialin, false},
	{"admin", n_admin, false},
	{"xmpp", n_xmpp, false},
	{"frontend-pool", n_frontend_pool, false},
	{"frontend-web-internal", n_frontend_web_internal, false},
	{"frontend-web-external", n_frontend_web_external, false},
	{"director-pool", n_director_pool, false},
	{"director-web-internal", n_director_web_internal, false},
	{"director-web-external", n_director_web_external, false},
	{"mediation-pool", n_mediation_pool, false},
	{"owas-pool", n_owas_pool, false},
	{"owas-web-external", n_owas_web_external, false},
	{"edge-pool", n_edge_pool, false},
	{"edge-access-external", n_edge_access, false},
	{"edge-webconf-external", n_edge_webconf, false},
	{"edge-av-external", n_edge_av, false},
	{"reverse-proxy", n_reverse_proxy, false},
};

static const struct name_source *find_name(const char *id)
{
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
		if (strcmp(names[i].id, id) == 0)
			return &names[i];
	return NULL;
}

bool report_name_known(const char *id)
{
	return id && find_name(id) != NULL;
}

static bool is_pattern(const char *name)
{
	return strstr(name, "{domain}") != NULL;
}

/* True when the name takes one value per SIP domain. */
static bool per_domain(const char *name)
{
	const struct name_source *n;

	if (is_pattern(name))
		return true;
	n = find_name(name);
	return n && n->per_domain;
}

/* The name's value for c, written into sb when it is a pattern; NULL when
 * the plan does not hold it. */
static const char *name_value(const char *name, const struct name_ctx *c, struct strbuf *sb)
{
	const char *at, *domain;
	const struct name_source *n;

	if (!name)
		return NULL;
	if (!is_pattern(name)) {
		n = find_name(name);
		return n ? n->get(c) : NULL;
	}
	domain = domain_name(c->plan, c->domain < 0 ? 0 : c->domain);
	if (str_empty(domain))
		return NULL;
	sb->len = 0;
	if (sb->data)
		sb->data[0] = '\0';
	for (const char *p = name;; p = at + strlen("{domain}")) {
		at = strstr(p, "{domain}");
		if (!at) {
			strbuf_puts(sb, p);
			break;
		}
		strbuf_add(sb, p, (size_t)(at - p));
		strbuf_puts(sb, domain);
	}
	return sb->data;
}

/* ---- building ------------------------------------------------------------------ */

struct rec_builder {
	const struct plan *plan;
	const struct catalog *catalog;
	struct report *report;
	struct report_source_lists *lists;
	struct strpool *lists_pool;
	size_t cap[CATALOG_TABLE_COUNT];
	struct expanded ex;
	struct strbuf name, target;
	/* per shape: the last source list made, and the mask it was made for */
	const struct catalog_source *const **sources;
	size_t *n_sources;
	uint64_t *masks;
	/* the records of the current site, for finding the same one twice */
	size_t site_first[CATALOG_TABLE_COUNT];
	/* a SAN list being built */
	const char **sans;
	size_t n_sans, sans_cap;
};

static const char *keep(struct rec_builder *b, const char *s)
{
	return str_empty(s) ? NULL : strpool_intern(b->report->strings, s);
}

/* The shape's sources that hold for site (all when none does). */
static void shape_sources(struct rec_builder *b, size_t index, const struct site *site,
			  struct report_record *r)
{
	const struct catalog_rule *rule = &b->catalog->shapes[index];
	uint64_t mask = 0;

	for (size_t i = 0; i < rule->n_refs && i < 64; i++)
		if (condition_holds(&rule->refs[i].when, b->plan, site))
			mask |= 1ull << i;
	if (!mask)
		mask = rule->n_refs >= 64 ? ~0ull : (1ull << rule->n_refs) - 1;
	if (!b->sources[index] || b->masks[index] != mask) {
		const struct catalog_source **list =
		    strpool_alloc(b->lists_pool, (rule->n_refs ? rule->n_refs : 1) * sizeof *list);
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
		b->sources[index] = report_sources_intern(b->lists, list, n);
		b->n_sources[index] = n;
		b->masks[index] = mask;
	}
	r->sources = b->sources[index];
	r->n_sources = b->n_sources[index];
}

static bool same_text(const char *a, const char *b)
{
	if (!a || !b)
		return a == b;
	return strcasecmp(a, b) == 0;
}

/* What a reader would see twice: the same record in the same site. */
static bool same_record(enum catalog_table kind, const struct report_record *a,
			const struct report_record *b)
{
	if (!same_text(a->name, b->name) || !same_text(a->value, b->value))
		return false;
	switch (kind) {
	case CATALOG_DNS:
		return str_eq(a->zone, b->zone) && str_eq(a->type, b->type) && a->port == b->port;
	case CATALOG_CERTIFICATES:
		if (!same_text(a->holder, b->holder) || a->label != b->label ||
		    a->n_sans != b->n_sans)
			return false;
		for (size_t i = 0; i < a->n_sans; i++)
			if (!same_text(a->sans[i], b->sans[i]))
				return false;
		return true;
	default:
		return same_text(a->nat, b->nat) && str_eq(a->network, b->network);
	}
}

/* Adds the sources of b to a, each once. */
static void merge(struct rec_builder *b, struct report_record *a, const struct report_record *r)
{
	const struct catalog_source **list;
	size_t n = 0;

	if (a->sources == r->sources)
		return;
	list = strpool_alloc(b->lists_pool, (a->n_sources + r->n_sources) * sizeof *list);
	for (size_t i = 0; i < a->n_sources; i++)
		list[n++] = a->sources[i];
	for (size_t i = 0; i < r->n_sources; i++) {
		bool seen = false;
		for (size_t j = 0; j < n && !seen; j++)
			seen = list[j] == r->sources[i];
		if (!seen)
			list[n++] = r->sources[i];
	}
	a->sources = report_sources_intern(b->lists, list, n);
	a->n_sources = n;
}

static void add_record(struct rec_builder *b, enum catalog_table kind, struct report_record *r)
{
	struct report_flows *t = &b->report->tables[kind];

	/* a site holds tens of records: a scan of its own is cheap */
	for (size_t i = b->site_first[kind]; i < t->n_records; i++)
		if (same_record(kind, &t->records[i], r)) {
			merge(b, &t->records[i], r);
			return;
		}
	if (t->n_records == b->cap[kind]) {
		b->cap[kind] = b->cap[kind] ? 2 * b->cap[kind] : 64;
		t->records = xreallocarray(t->records, b->cap[kind], sizeof *t->records);
	}
	t->records[t->n_records++] = *r;
}

/* A record started from its shape. */
static struct report_record record_new(struct rec_builder *b, size_t index,
				       const struct site *site, int site_index)
{
	const struct catalog_rule *rule = &b->catalog->shapes[index];
	struct report_record r = {0};

	r.rule = rule;
	r.rule_id = rule->id;
	r.site = site_index;
	r.note = rule->note;
	shape_sources(b, index, site, &r);
	return r;
}

/* The address a zone publishes for a member: the public translation in the
 * external zone. */
static const char *member_address(const struct catalog_shape *sh, const struct expanded_member *m)
{
	if (str_eq(sh->zone, "external") && !str_empty(m->nat))
		return m->nat;
	return m->address;
}

static void dns_address(struct rec_builder *b, struct report_record *r, const char *name,
			const char *address)
{
	if (str_empty(address))
		return;
	r->type = model_is_ipv6(address) ? "AAAA" : "A";
	r->name = keep(b, name);
	r->value = keep(b, address);
	add_record(b, CATALOG_DNS, r);
}

static void dns_rows(struct rec_builder *b, size_t index, const struct site *site, int si,
		     const struct name_ctx *base)
{
	const struct catalog_shape *sh = b->catalog->shapes[index].shape;
	size_t domains = sh->per == CATALOG_PER_DOMAIN ? domain_count(b->plan) : 1;
	size_t members = sh->per == CATALOG_PER_MEMBER ? b->ex.n : 1;

	for (size_t d = 0; d < domains; d++) {
		for (size_t m = 0; m < members; m++) {
			struct name_ctx c = *base;
			struct report_record r = record_new(b, index, site, si);
			const char *name, *target;

			c.domain = sh->per == CATALOG_PER_DOMAIN ? (int)d : -1;
			c.member = sh->per == CATALOG_PER_MEMBER ? b->ex.members[m].fqdn : NULL;
			if (sh->per == CATALOG_PER_DOMAIN && str_empty(domain_name(b->plan, c.domain)))
				continue;
			name = name_value(sh->name, &c, &b->name);
			if (str_empty(name))
				continue;
			r.zone = sh->zone;
			if (str_eq(sh->type, "A")) {
				if (sh->per == CATALOG_PER_MEMBER)
					dns_address(b, &r, name, member_address(sh, &b->ex.members[m]));
				else if (b->ex.vip_only)
					dns_address(b, &r, name, b->ex.vip);
				else
					for (size_t k = 0; k < b->ex.n; k++)
						dns_address(b, &r, name,
							    member_address(sh, &b->ex.members[k]));
				continue;
			}
			target = name_value(sh->target, &c, &b->target);
			/* an alias of itself is no record */
			if (str_empty(target) || (str_eq(sh->type, "CNAME") && same_text(name, target)))
				continue;
			r.type = sh->type;
			r.name = keep(b, name);
			r.value = keep(b, target);
			if (str_eq(sh->type, "SRV")) {
				r.port = sh->port;
				r.priority = sh->priority;
				r.weight = sh->weight;
				r.ttl = sh->ttl;
			}
			add_record(b, CATALOG_DNS, &r);
		}
	}
}

static void san_add(struct rec_builder *b, const char *name)
{
	if (str_empty(name))
		return;
	for (size_t i = 0; i < b->n_sans; i++)
		if (same_text(b->sans[i], name))
			return;
	if (b->n_sans == b->sans_cap) {
		b->sans_cap = b->sans_cap ? 2 * b->sans_cap : 16;
		b->sans = xreallocarray(b->sans, b->sans_cap, sizeof *b->sans);
	}
	b->sans[b->n_sans++] = keep(b, name);
}

static void certificate_rows(struct rec_builder *b, size_t index, const struct site *site, int si,
			     const struct name_ctx *base)
{
	const struct catalog_shape *sh = b->catalog->shapes[index].shape;
	size_t members = sh->per == CATALOG_PER_MEMBER ? b->ex.n : 1;

	for (size_t m = 0; m < members; m++) {
		struct name_ctx c = *base;
		struct report_record r = record_new(b, index, site, si);
		const char *subject, *holder;
		const char **sans;

		c.member = sh->per == CATALOG_PER_MEMBER ? b->ex.members[m].fqdn : NULL;
		subject = name_value(sh->name, &c, &b->name);
		if (str_empty(subject))
			continue;
		r.name = keep(b, subject);
		holder = c.member;
		if (str_empty(holder))
			holder = b->ex.pool;
		if (str_empty(holder) && b->ex.n)
			holder = b->ex.members[0].fqdn;
		r.holder = keep(b, holder);
		r.label = sh->label;
		r.ca = sh->ca;
		r.eku = sh->eku;
		b->n_sans = 0;
		for (size_t i = 0; i < sh->n_sans; i++) {
			const struct catalog_san *san = &sh->sans[i];
			if (!condition_holds(&san->when, b->plan, site))
				continue;
			if (!per_domain(san->name)) {
				san_add(b, name_value(san->name, &c, &b->target));
				continue;
			}
			for (size_t d = 0; d < domain_count(b->plan); d++) {
				c.domain = (int)d;
				if (!str_empty(domain_name(b->plan, c.domain)))
					san_add(b, name_value(san->name, &c, &b->target));
			}
			c.domain = -1;
		}
		sans = b->n_sans ? strpool_alloc(b->report->strings, b->n_sans * sizeof *sans) : NULL;
		if (b->n_sans)
			memcpy(sans, b->sans, b->n_sans * sizeof *sans);
		r.sans = sans;
		r.n_sans = b->n_sans;
		add_record(b, CATALOG_CERTIFICATES, &r);
	}
}

static void summary_rows(struct rec_builder *b, size_t index, const struct site *site, int si,
			 const struct name_ctx *base)
{
	const struct catalog_rule *rule = &b->catalog->shapes[index];
	const struct catalog_shape *sh = rule->shape;
	const char *label = sh->label ? sh->label : sh->endpoint->label;

	/* a VIP endpoint of a pool without a VIP: its servers have rows of
	 * their own */
	if (b->ex.fallback)
		return;
	if (b->ex.vip_only) {
		struct report_record r = record_new(b, index, site, si);
		const char *name = sh->name ? name_value(sh->name, base, &b->name) : b->ex.pool;
		if (str_empty(b->ex.vip))
			return;
		r.label = label;
		r.name = keep(b, name);
		r.value = keep(b, b->ex.vip);
		r.network = sh->network;
		add_record(b, CATALOG_SUMMARY, &r);
		return;
	}
	for (size_t m = 0; m < b->ex.n; m++) {
		const struct expanded_member *mem = &b->ex.members[m];
		struct report_record r = record_new(b, index, site, si);
		struct name_ctx c = *base;
		const char *name;

		c.member = mem->fqdn;
		name = sh->name ? name_value(sh->name, &c, &b->name) : mem->fqdn;
		if (str_empty(name) && str_empty(mem->address))
			continue;
		r.label = label;
		r.name = keep(b, name);
		r.value = keep(b, mem->address);
		r.nat = keep(b, mem->nat);
		r.network = sh->network;
		add_record(b, CATALOG_SUMMARY, &r);
	}
}

struct plan *report_records_plan(const struct plan *plan)
{
	struct plan *filled;

	/* the report shows every record, the names to replace easy to spot */
	if (!plan_needs_defaults(plan))
		return NULL;
	filled = plan_clone(plan);
	plan_fill_defaults(filled);
	return filled;
}

void report_records_build(struct report *report, const struct plan *plan,
			  const struct catalog *catalog, struct report_source_lists *lists,
			  struct strpool *lists_pool, size_t first, size_t end, unsigned tables)
{
	struct rec_builder b = {0};
	size_t n = catalog->n_shapes ? catalog->n_shapes : 1;

	b.plan = plan;
	b.catalog = catalog;
	b.report = report;
	b.lists = lists;
	b.lists_pool = lists_pool;
	b.sources = xcalloc(n, sizeof *b.sources);
	b.n_sources = xcalloc(n, sizeof *b.n_sources);
	b.masks = xcalloc(n, sizeof *b.masks);
	for (size_t s = first; s < end && s < plan->n_sites; s++) {
		const struct site *site = &plan->sites[s];
		struct name_ctx base = {plan, site, NULL, -1};

		for (unsigned k = 0; k < CATALOG_TABLE_COUNT; k++)
			b.site_first[k] = report->tables[k].n_records;
		for (size_t i = 0; i < catalog->n_shapes; i++) {
			const struct catalog_rule *rule = &catalog->shapes[i];
			const struct catalog_shape *sh = rule->shape;
			if (!(tables & CATALOG_TABLE_BIT(rule->table)) ||
			    !condition_holds(&rule->when, plan, site))
				continue;
			b.ex.n = 0;
			b.ex.pool = b.ex.vip = NULL;
			b.ex.vip_only = b.ex.fallback = false;
			if (sh->endpoint)
				report_expand(sh->endpoint->id, plan, site, &b.ex);
			switch (rule->table) {
			case CATALOG_DNS:
				dns_rows(&b, i, site, (int)s, &base);
				break;
			case CATALOG_CERTIFICATES:
				certificate_rows(&b, i, site, (int)s, &base);
				break;
			default:
				summary_rows(&b, i, site, (int)s, &base);
				break;
			}
		}
	}
	for (unsigned k = 0; k < CATALOG_TABLE_COUNT; k++)
		if (report->tables[k].n_records)
			report->tables[k].records =
			    xreallocarray(report->tables[k].records, report->tables[k].n_records,
					  sizeof *report->tables[k].records);
	free(b.ex.members);
	free(b.sources);
	free(b.n_sources);
	free(b.masks);
	free(b.sans);
	strbuf_free(&b.name);
	strbuf_free(&b.target);
}
