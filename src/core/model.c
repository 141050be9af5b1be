/* model.c: the plan and its setters: keyword tables, port ranges, syntax
 * checks, allocation and copies, equality, adding and removing sites and
 * branches, and the setters that keep a site consistent.
 *
 * The rest of the plan model lives next to it, each part in the file named
 * after it: sitefields.c (the names and addresses of a site, and the set of
 * strings in use), defaults.c (placeholder defaults) and validate.c
 * (plan_validate and its findings); model_private.h holds what they share.
 *
 * Defaults come only from the documentation ranges (RFC 2606 names,
 * RFC 5737 and RFC 3849 addresses), so that anything left unedited is easy
 * to spot and can never reach a real host. */
#include "ucplan/model.h"

#include <arpa/inet.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "model_private.h"
#include "ucplan/i18n.h"
#include "ucplan/textwidth.h"

/* Names a new plan, site or branch starts with, in the user's language
 * (the planner shows them at once); the user renames them. */
/* TRANSLATORS: the name a new plan gets, until the user names it (the
 * welcome menu's "New plan" is the action of making one). */
#define DEFAULT_PLAN_NAME C_("default plan name", "New plan")
#define DEFAULT_SITE_NAME _("Site %zu")
#define DEFAULT_BRANCH_NAME _("Branch %zu")

/* ---- keyword tables ---------------------------------------------------- */

static const char *const version_keys[] = {
    [PRODUCT_LYNC2013] = "lync2013",
    [PRODUCT_SFB2015] = "sfb2015",
};
static const char *const edition_keys[] = {
    [EDITION_STANDARD] = "standard",
    [EDITION_ENTERPRISE] = "enterprise",
};
static const char *const pool_lb_keys[] = {
    [POOL_LB_DNS] = "dns",
    [POOL_LB_HARDWARE] = "hardware",
};
static const char *const mediation_keys[] = {
    [MEDIATION_NONE] = "none",
    [MEDIATION_COLLOCATED] = "collocated",
    [MEDIATION_STANDALONE] = "standalone",
};
static const char *const edge_keys[] = {
    [EDGE_NONE] = "none",
    [EDGE_SINGLE] = "single",
    [EDGE_SCALED_DNS] = "scaled-dns",
    [EDGE_SCALED_HLB] = "scaled-hlb",
};
static const char *const edge_addressing_keys[] = {
    [EDGE_ADDR_PUBLIC] = "public",
    [EDGE_ADDR_NAT] = "nat",
};
static const char *const um_keys[] = {
    [UM_NONE] = "none",
    [UM_TCP] = "tcp",
    [UM_TLS] = "tls",
    [UM_DUAL] = "dual",
};
static const char *const branch_keys[] = {
    [BRANCH_NONE] = "none",
    [BRANCH_SBA] = "sba",
    [BRANCH_SBS] = "sbs",
};

static const struct {
	const char *key;
	unsigned bit;
} federation_keys[] = {
    {"sip", FEDERATION_SIP},
    {"public-im", FEDERATION_PUBLIC_IM},
    {"xmpp", FEDERATION_XMPP},
};

static const char *keyword_name(const char *const *keys, size_t n, unsigned value)
{
	return value < n ? keys[value] : "";
}

static bool keyword_lookup(const char *const *keys, size_t n, const char *key, unsigned *value)
{
	if (!key)
		return false;
	for (size_t i = 0; i < n; i++) {
		if (strcmp(keys[i], key) == 0) {
			*value = (unsigned)i;
			return true;
		}
	}
	return false;
}

/* One pair of functions per table; the enums are dense from zero. */
#define KEYWORD_FUNCTIONS(prefix, type, table)                                                     \
	const char *prefix##_key(type value)                                                       \
	{                                                                                          \
		return keyword_name(table, N_ELEMS(table), (unsigned)value);                       \
	}                                                                                          \
	bool prefix##_parse(const char *key, type *out)                                            \
	{                                                                                          \
		unsigned value;                                                                    \
		if (!keyword_lookup(table, N_ELEMS(table), key, &value))                           \
			return false;                                                              \
		*out = (type)value;                                                                \
		return true;                                                                       \
	}

KEYWORD_FUNCTIONS(model_version, enum product_version, version_keys)
KEYWORD_FUNCTIONS(model_edition, enum fe_edition, edition_keys)
KEYWORD_FUNCTIONS(model_pool_lb, enum pool_lb, pool_lb_keys)
KEYWORD_FUNCTIONS(model_mediation, enum mediation_mode, mediation_keys)
KEYWORD_FUNCTIONS(model_edge, enum edge_topology, edge_keys)
KEYWORD_FUNCTIONS(model_edge_addressing, enum edge_addressing, edge_addressing_keys)
KEYWORD_FUNCTIONS(model_um, enum um_mode, um_keys)
KEYWORD_FUNCTIONS(model_branch, enum branch_kind, branch_keys)

bool model_federation_parse(const char *list, unsigned *out)
{
	const char *p = list;
	unsigned bits = 0;
	bool none = false;

	if (!list)
		return false;
	while (*p) {
		size_t n;
		bool known = false;

		if (*p == ',' || *p == ' ' || *p == '\t') {
			p++;
			continue;
		}
		n = strcspn(p, ", \t");
		if (n == 4 && strncmp(p, "none", 4) == 0) {
			none = true;
			known = true;
		}
		for (size_t i = 0; !known && i < N_ELEMS(federation_keys); i++) {
			if (strlen(federation_keys[i].key) == n &&
			    strncmp(p, federation_keys[i].key, n) == 0) {
				bits |= federation_keys[i].bit;
				known = true;
			}
		}
		if (!known)
			return false;
		p += n;
	}
	/* "none" together with a kind is a contradiction, not a list. */
	if (none && bits)
		return false;
	*out = bits;
	return true;
}

void model_federation_format(unsigned bits, char *buf, size_t size)
{
	size_t len = 0;

	if (size == 0)
		return;
	buf[0] = '\0';
	for (size_t i = 0; i < N_ELEMS(federation_keys); i++) {
		int n;

		if (!(bits & federation_keys[i].bit))
			continue;
		n = snprintf(buf + len, size - len, "%s%s", len ? " " : "", federation_keys[i].key);
		if (n < 0 || (size_t)n >= size - len) {
			/* Too small: keep whole keys only. */
			buf[len] = '\0';
			return;
		}
		len += (size_t)n;
	}
}

/* ---- port ranges ------------------------------------------------------- */

/* Reads one port number: digits only, no sign, no leading zero. */
static bool port_parse_number(const char **text, unsigned *out)
{
	const char *p = *text;
	unsigned value = 0;

	if (*p < '1' || *p > '9')
		return false;
	while (*p >= '0' && *p <= '9') {
		value = value * 10 + (unsigned)(*p - '0');
		if (value > MODEL_PORT_MAX)
			return false;
		p++;
	}
	*text = p;
	*out = value;
	return true;
}

bool model_port_range_parse(const char *text, struct port_range *out)
{
	struct port_range r;
	const char *p = text;

	if (!text || !port_parse_number(&p, &r.first))
		return false;
	r.last = r.first;
	if (*p == '-') {
		p++;
		if (!port_parse_number(&p, &r.last))
			return false;
	}
	if (*p != '\0' || !model_port_range_valid(&r))
		return false;
	*out = r;
	return true;
}

void model_port_range_format(const struct port_range *r, char *buf, size_t size)
{
	if (r->first == r->last)
		snprintf(buf, size, "%u", r->first);
	else
		snprintf(buf, size, "%u-%u", r->first, r->last);
}

bool model_port_range_valid(const struct port_range *r)
{
	return r->first >= MODEL_PORT_MIN && r->first <= r->last && r->last <= MODEL_PORT_MAX;
}

/* ---- syntax checks ----------------------------------------------------- */

bool model_is_ipv4(const char *s)
{
	struct in_addr a;

	return s && inet_pton(AF_INET, s, &a) == 1;
}

bool model_is_ipv6(const char *s)
{
	struct in6_addr a;

	return s && inet_pton(AF_INET6, s, &a) == 1;
}

bool model_is_ip(const char *s)
{
	return model_is_ipv4(s) || model_is_ipv6(s);
}

bool model_is_fqdn(const char *s)
{
	size_t label = 0, labels = 0;
	bool numeric = true;
	char prev = '.';

	if (!s || strlen(s) > FQDN_MAX)
		return false;
	for (const char *p = s;; p++) {
		char c = *p;

		if (c == '.' || c == '\0') {
			if (label == 0 || prev == '-')
				return false;
			labels++;
			if (c == '\0')
				break;
			label = 0;
			numeric = true;
			prev = c;
			continue;
		}
		if (!ascii_alnum(c) && c != '-')
			return false;
		if (c == '-' && label == 0)
			return false;
		if (c < '0' || c > '9')
			numeric = false;
		if (++label > LABEL_MAX)
			return false;
		prev = c;
	}
	/* An all-digit top-level label would make 192.0.2.1 a host name. */
	return labels >= 2 && !numeric;
}

static const char *const doc_domains[] = {"example.com", "example.net", "example.org"};

/* True when name is domain or a name under it, ignoring ASCII case. */
static bool name_in_domain(const char *name, const char *domain)
{
	size_t n = strlen(name), d = strlen(domain);
	const char *tail;

	if (n < d)
		return false;
	tail = name + n - d;
	if (n > d && tail[-1] != '.')
		return false;
	for (size_t i = 0; i < d; i++)
		if (ascii_lower(tail[i]) != domain[i])
			return false;
	return true;
}

bool model_is_placeholder(const char *value)
{
	unsigned char a[16];

	if (str_empty(value))
		return false;
	if (inet_pton(AF_INET, value, a) == 1) {
		for (size_t i = 0; i < NET_COUNT; i++)
			if (memcmp(a, doc_nets[i], 3) == 0)
				return true;
		return false;
	}
	if (inet_pton(AF_INET6, value, a) == 1)
		return memcmp(a, doc_net6, sizeof doc_net6) == 0;
	for (size_t i = 0; i < N_ELEMS(doc_domains); i++)
		if (name_in_domain(value, doc_domains[i]))
			return true;
	return false;
}

/* Length of the UTF-8 sequence at s, or 0 when it is malformed, overlong,
 * a surrogate or beyond U+10FFFF. */
static size_t utf8_sequence(const unsigned char *s)
{
	unsigned cp;
	size_t n;

	if (s[0] < 0x80)
		return 1;
	if (s[0] >= 0xc2 && s[0] <= 0xdf) {
		n = 2;
		cp = s[0] & 0x1fu;
	} else if (s[0] >= 0xe0 && s[0] <= 0xef) {
		n = 3;
		cp = s[0] & 0x0fu;
	} else if (s[0] >= 0xf0 && s[0] <= 0xf4) {
		n = 4;
		cp = s[0] & 0x07u;
	} else {
		return 0;
	}
	for (size_t i = 1; i < n; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		cp = (cp << 6) | (s[i] & 0x3fu);
	}
	if ((n == 3 && cp < 0x800) || (n == 4 && cp < 0x10000) || cp > 0x10ffff ||
	    (cp >= 0xd800 && cp <= 0xdfff) || cp == 0xfffe || cp == 0xffff)
		return 0;
	return n;
}

bool model_is_clean_text(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t chars = 0;

	if (!s)
		return true;
	/* Nothing a terminal would act upon (line separators and direction
	 * controls too): a name is shown in many places. */
	if (!tw_is_clean(s))
		return false;
	while (*p) {
		size_t n = utf8_sequence(p);

		/* C0 and C1 controls have no place in a one-line name. */
		if (n == 0 || *p < 0x20 || *p == 0x7f || (n == 2 && p[0] == 0xc2 && p[1] < 0xa0))
			return false;
		if (++chars > PLAN_MAX_NAME)
			return false;
		p += n;
	}
	return true;
}

/* ---- allocation and copies ---------------------------------------------- */

static void server_free(struct server *s)
{
	clear_string(&s->fqdn);
	clear_string(&s->address);
}

static void servers_free(struct server **servers, size_t *n)
{
	for (size_t i = 0; i < *n; i++)
		server_free(&(*servers)[i]);
	free(*servers);
	*servers = NULL;
	*n = 0;
}

static void pool_free(struct pool *p)
{
	clear_string(&p->fqdn);
	clear_string(&p->vip);
	clear_string(&p->web_internal);
	clear_string(&p->web_external);
	servers_free(&p->servers, &p->n_servers);
}

static void edge_server_free(struct edge_server *e)
{
	clear_string(&e->fqdn);
	clear_string(&e->internal);
	clear_string(&e->access);
	clear_string(&e->webconf);
	clear_string(&e->av);
	clear_string(&e->access_nat);
	clear_string(&e->webconf_nat);
	clear_string(&e->av_nat);
}

static void edges_free(struct site *s)
{
	for (size_t i = 0; i < s->n_edges; i++)
		edge_server_free(&s->edges[i]);
	free(s->edges);
	s->edges = NULL;
	s->n_edges = 0;
}

static void edge_vips_free(struct site *s)
{
	clear_string(&s->edge_vip_internal);
	clear_string(&s->edge_vip_access);
	clear_string(&s->edge_vip_webconf);
	clear_string(&s->edge_vip_av);
}

static void um_servers_free(struct site *s)
{
	for (size_t i = 0; i < s->n_um_servers; i++) {
		clear_string(&s->um_servers[i].fqdn);
		clear_string(&s->um_servers[i].address);
	}
	free(s->um_servers);
	s->um_servers = NULL;
	s->n_um_servers = 0;
}

static void branch_free(struct branch *b)
{
	clear_string(&b->name);
	clear_string(&b->fqdn);
	clear_string(&b->address);
}

static void site_free(struct site *s)
{
	clear_string(&s->name);
	pool_free(&s->frontend);
	clear_string(&s->file_share);
	pool_free(&s->director_pool);
	pool_free(&s->mediation_pool);
	servers_free(&s->gateways, &s->n_gateways);
	clear_string(&s->edge_fqdn);
	clear_string(&s->edge_access_fqdn);
	clear_string(&s->edge_webconf_fqdn);
	clear_string(&s->edge_av_fqdn);
	edges_free(s);
	edge_vips_free(s);
	clear_string(&s->rp_fqdn);
	clear_string(&s->rp_internal);
	clear_string(&s->rp_external);
	pool_free(&s->pchat_pool);
	pool_free(&s->owas_pool);
	um_servers_free(s);
	for (size_t i = 0; i < s->n_branches; i++)
		branch_free(&s->branches[i]);
	free(s->branches);
	s->branches = NULL;
	s->n_branches = 0;
}

void plan_free(struct plan *plan)
{
	if (!plan)
		return;
	free(plan->name);
	free(plan->sip_domain);
	for (size_t i = 0; i < plan->n_domains; i++) {
		free(plan->domains[i].name);
		free(plan->domains[i].meet);
	}
	free(plan->domains);
	free(plan->meet_url);
	free(plan->dialin_url);
	free(plan->admin_url);
	free(plan->xmpp_fqdn);
	free(plan->lang);
	for (size_t i = 0; i < plan->n_sites; i++)
		site_free(&plan->sites[i]);
	free(plan->sites);
	free(plan);
}

static struct server *servers_copy(const struct server *from, size_t n)
{
	struct server *to;

	if (n == 0)
		return NULL;
	to = xcalloc(n, sizeof *to);
	for (size_t i = 0; i < n; i++) {
		to[i].fqdn = dup_or_null(from[i].fqdn);
		to[i].address = dup_or_null(from[i].address);
	}
	return to;
}

static void pool_copy(struct pool *to, const struct pool *from)
{
	to->fqdn = dup_or_null(from->fqdn);
	to->vip = dup_or_null(from->vip);
	to->web_internal = dup_or_null(from->web_internal);
	to->web_external = dup_or_null(from->web_external);
	to->servers = servers_copy(from->servers, from->n_servers);
	to->n_servers = to->servers ? from->n_servers : 0;
}

static void site_copy(struct site *to, const struct site *from)
{
	/* Scalars first, then replace every pointer with a deep copy. */
	*to = *from;
	to->name = dup_or_null(from->name);
	pool_copy(&to->frontend, &from->frontend);
	to->file_share = dup_or_null(from->file_share);
	pool_copy(&to->director_pool, &from->director_pool);
	pool_copy(&to->mediation_pool, &from->mediation_pool);
	to->gateways = servers_copy(from->gateways, from->n_gateways);
	to->n_gateways = to->gateways ? from->n_gateways : 0;
	to->edge_fqdn = dup_or_null(from->edge_fqdn);
	to->edge_access_fqdn = dup_or_null(from->edge_access_fqdn);
	to->edge_webconf_fqdn = dup_or_null(from->edge_webconf_fqdn);
	to->edge_av_fqdn = dup_or_null(from->edge_av_fqdn);
	to->edges = from->n_edges ? xcalloc(from->n_edges, sizeof *to->edges) : NULL;
	to->n_edges = to->edges ? from->n_edges : 0;
	for (size_t i = 0; i < to->n_edges; i++) {
		const struct edge_server *e = &from->edges[i];
		to->edges[i] = (struct edge_server){
		    .fqdn = dup_or_null(e->fqdn),
		    .internal = dup_or_null(e->internal),
		    .access = dup_or_null(e->access),
		    .webconf = dup_or_null(e->webconf),
		    .av = dup_or_null(e->av),
		    .access_nat = dup_or_null(e->access_nat),
		    .webconf_nat = dup_or_null(e->webconf_nat),
		    .av_nat = dup_or_null(e->av_nat),
		};
	}
	to->edge_vip_internal = dup_or_null(from->edge_vip_internal);
	to->edge_vip_access = dup_or_null(from->edge_vip_access);
	to->edge_vip_webconf = dup_or_null(from->edge_vip_webconf);
	to->edge_vip_av = dup_or_null(from->edge_vip_av);
	to->rp_fqdn = dup_or_null(from->rp_fqdn);
	to->rp_internal = dup_or_null(from->rp_internal);
	to->rp_external = dup_or_null(from->rp_external);
	pool_copy(&to->pchat_pool, &from->pchat_pool);
	pool_copy(&to->owas_pool, &from->owas_pool);
	to->um_servers =
	    from->n_um_servers ? xcalloc(from->n_um_servers, sizeof *to->um_servers) : NULL;
	to->n_um_servers = to->um_servers ? from->n_um_servers : 0;
	for (size_t i = 0; i < to->n_um_servers; i++) {
		to->um_servers[i] = from->um_servers[i];
		to->um_servers[i].fqdn = dup_or_null(from->um_servers[i].fqdn);
		to->um_servers[i].address = dup_or_null(from->um_servers[i].address);
	}
	to->branches = from->n_branches ? xcalloc(from->n_branches, sizeof *to->branches) : NULL;
	to->n_branches = to->branches ? from->n_branches : 0;
	for (size_t i = 0; i < to->n_branches; i++) {
		to->branches[i].kind = from->branches[i].kind;
		to->branches[i].name = dup_or_null(from->branches[i].name);
		to->branches[i].fqdn = dup_or_null(from->branches[i].fqdn);
		to->branches[i].address = dup_or_null(from->branches[i].address);
	}
}

struct plan *plan_clone(const struct plan *plan)
{
	struct plan *copy;

	if (!plan)
		return NULL;
	copy = xcalloc(1, sizeof *copy);
	*copy = *plan;
	copy->name = dup_or_null(plan->name);
	copy->sip_domain = dup_or_null(plan->sip_domain);
	copy->domains = plan->n_domains ? xcalloc(plan->n_domains, sizeof *copy->domains) : NULL;
	copy->n_domains = copy->domains ? plan->n_domains : 0;
	for (size_t i = 0; i < copy->n_domains; i++) {
		copy->domains[i].name = dup_or_null(plan->domains[i].name);
		copy->domains[i].meet = dup_or_null(plan->domains[i].meet);
	}
	copy->meet_url = dup_or_null(plan->meet_url);
	copy->dialin_url = dup_or_null(plan->dialin_url);
	copy->admin_url = dup_or_null(plan->admin_url);
	copy->xmpp_fqdn = dup_or_null(plan->xmpp_fqdn);
	copy->lang = dup_or_null(plan->lang);
	copy->sites = plan->n_sites ? xcalloc(plan->n_sites, sizeof *copy->sites) : NULL;
	copy->n_sites = copy->sites ? plan->n_sites : 0;
	for (size_t i = 0; i < copy->n_sites; i++)
		site_copy(&copy->sites[i], &plan->sites[i]);
	return copy;
}

/* ---- equality ----------------------------------------------------------- */

static bool servers_equal(const struct server *a, size_t na, const struct server *b, size_t nb)
{
	if (na != nb)
		return false;
	for (size_t i = 0; i < na; i++)
		if (!str_eq(a[i].fqdn, b[i].fqdn) || !str_eq(a[i].address, b[i].address))
			return false;
	return true;
}

static bool pool_equal(const struct pool *a, const struct pool *b)
{
	return str_eq(a->fqdn, b->fqdn) && str_eq(a->vip, b->vip) &&
	       str_eq(a->web_internal, b->web_internal) &&
	       str_eq(a->web_external, b->web_external) &&
	       servers_equal(a->servers, a->n_servers, b->servers, b->n_servers);
}

static bool edge_server_equal(const struct edge_server *a, const struct edge_server *b)
{
	return str_eq(a->fqdn, b->fqdn) && str_eq(a->internal, b->internal) &&
	       str_eq(a->access, b->access) && str_eq(a->webconf, b->webconf) &&
	       str_eq(a->av, b->av) && str_eq(a->access_nat, b->access_nat) &&
	       str_eq(a->webconf_nat, b->webconf_nat) && str_eq(a->av_nat, b->av_nat);
}

static bool site_equal(const struct site *a, const struct site *b)
{
	if (!str_eq(a->name, b->name) || a->cms != b->cms || a->edition != b->edition ||
	    a->pool_lb != b->pool_lb || !pool_equal(&a->frontend, &b->frontend) ||
	    !str_eq(a->file_share, b->file_share) || a->director != b->director ||
	    !pool_equal(&a->director_pool, &b->director_pool) || a->mediation != b->mediation ||
	    !pool_equal(&a->mediation_pool, &b->mediation_pool) ||
	    !servers_equal(a->gateways, a->n_gateways, b->gateways, b->n_gateways))
		return false;
	if (a->edge != b->edge || a->edge_addressing != b->edge_addressing ||
	    !str_eq(a->edge_fqdn, b->edge_fqdn) || a->n_edges != b->n_edges ||
	    !str_eq(a->edge_access_fqdn, b->edge_access_fqdn) ||
	    !str_eq(a->edge_webconf_fqdn, b->edge_webconf_fqdn) ||
	    !str_eq(a->edge_av_fqdn, b->edge_av_fqdn) ||
	    !str_eq(a->edge_vip_internal, b->edge_vip_internal) ||
	    !str_eq(a->edge_vip_access, b->edge_vip_access) ||
	    !str_eq(a->edge_vip_webconf, b->edge_vip_webconf) ||
	    !str_eq(a->edge_vip_av, b->edge_vip_av))
		return false;
	for (size_t i = 0; i < a->n_edges; i++)
		if (!edge_server_equal(&a->edges[i], &b->edges[i]))
			return false;
	if (a->reverse_proxy != b->reverse_proxy || !str_eq(a->rp_fqdn, b->rp_fqdn) ||
	    !str_eq(a->rp_internal, b->rp_internal) || !str_eq(a->rp_external, b->rp_external) ||
	    a->persistent_chat != b->persistent_chat ||
	    !pool_equal(&a->pchat_pool, &b->pchat_pool) ||
	    a->office_web_apps != b->office_web_apps || !pool_equal(&a->owas_pool, &b->owas_pool))
		return false;
	if (a->um != b->um || a->um_rtp.first != b->um_rtp.first ||
	    a->um_rtp.last != b->um_rtp.last || a->n_um_servers != b->n_um_servers ||
	    a->n_branches != b->n_branches)
		return false;
	for (size_t i = 0; i < a->n_um_servers; i++) {
		const struct exchange_um_server *x = &a->um_servers[i], *y = &b->um_servers[i];
		if (!str_eq(x->fqdn, y->fqdn) || !str_eq(x->address, y->address) ||
		    x->client_access != y->client_access || x->mailbox != y->mailbox)
			return false;
	}
	for (size_t i = 0; i < a->n_branches; i++) {
		const struct branch *x = &a->branches[i], *y = &b->branches[i];
		if (!str_eq(x->name, y->name) || x->kind != y->kind || !str_eq(x->fqdn, y->fqdn) ||
		    !str_eq(x->address, y->address))
			return false;
	}
	return true;
}

bool plan_equal(const struct plan *a, const struct plan *b)
{
	if (!a || !b)
		return a == b;
	if (!str_eq(a->name, b->name) || !str_eq(a->sip_domain, b->sip_domain) ||
	    !str_eq(a->lang, b->lang) || a->version != b->version ||
	    a->federation != b->federation || a->ocs2007_federation != b->ocs2007_federation ||
	    a->ipsec != b->ipsec || a->client_media.first != b->client_media.first ||
	    a->client_media.last != b->client_media.last || a->n_sites != b->n_sites ||
	    !str_eq(a->meet_url, b->meet_url) || !str_eq(a->dialin_url, b->dialin_url) ||
	    !str_eq(a->admin_url, b->admin_url) || !str_eq(a->xmpp_fqdn, b->xmpp_fqdn) ||
	    a->n_domains != b->n_domains)
		return false;
	for (size_t i = 0; i < a->n_domains; i++)
		if (!str_eq(a->domains[i].name, b->domains[i].name) ||
		    !str_eq(a->domains[i].meet, b->domains[i].meet))
			return false;
	for (size_t i = 0; i < a->n_sites; i++)
		if (!site_equal(&a->sites[i], &b->sites[i]))
			return false;
	return true;
}

/* ---- plans and sites ------------------------------------------------------ */

static void servers_resize(struct server **servers, size_t *n, size_t count)
{
	if (count > PLAN_MAX_POOL_SERVERS)
		count = PLAN_MAX_POOL_SERVERS;
	for (size_t i = count; i < *n; i++)
		server_free(&(*servers)[i]);
	if (count == 0) {
		free(*servers);
		*servers = NULL;
	} else {
		*servers = xreallocarray(*servers, count, sizeof **servers);
		for (size_t i = *n; i < count; i++)
			(*servers)[i] = (struct server){0};
	}
	*n = count;
}

static void pool_resize(struct pool *p, size_t count)
{
	servers_resize(&p->servers, &p->n_servers, count);
}

static bool plan_has_cms(const struct plan *plan)
{
	for (size_t i = 0; i < plan->n_sites; i++)
		if (plan->sites[i].cms)
			return true;
	return false;
}

static bool site_name_taken(const struct plan *plan, const char *name)
{
	for (size_t i = 0; i < plan->n_sites; i++)
		if (str_eq(plan->sites[i].name, name))
			return true;
	return false;
}

struct site *plan_add_site(struct plan *plan, const char *name)
{
	struct site *s;
	size_t index = plan->n_sites;

	plan->sites = xreallocarray(plan->sites, index + 1, sizeof *plan->sites);
	s = &plan->sites[index];
	memset(s, 0, sizeof *s);
	if (name) {
		s->name = xstrdup(name);
	} else {
		for (size_t n = index + 1;; n++) {
			char *candidate = xasprintf(DEFAULT_SITE_NAME, n);
			if (!site_name_taken(plan, candidate)) {
				s->name = candidate;
				break;
			}
			free(candidate);
		}
	}
	s->cms = !plan_has_cms(plan);
	s->edition = EDITION_ENTERPRISE;
	s->pool_lb = POOL_LB_DNS;
	s->edge_addressing = EDGE_ADDR_PUBLIC;
	s->um_rtp = default_media_range();
	pool_resize(&s->frontend, DEFAULT_FRONTENDS);
	plan->n_sites = index + 1;
	model_plan_fill_site(plan, index);
	return &plan->sites[index];
}

void plan_remove_site(struct plan *plan, size_t index)
{
	bool had_cms;

	if (!plan || index >= plan->n_sites)
		return;
	had_cms = plan->sites[index].cms;
	site_free(&plan->sites[index]);
	memmove(&plan->sites[index], &plan->sites[index + 1],
		(plan->n_sites - index - 1) * sizeof *plan->sites);
	plan->n_sites--;
	if (plan->n_sites == 0) {
		free(plan->sites);
		plan->sites = NULL;
	} else if (had_cms && !plan_has_cms(plan)) {
		plan->sites[0].cms = true;
	}
}

struct plan *plan_new_default(void)
{
	struct plan *plan = xcalloc(1, sizeof *plan);

	plan->name = xstrdup(DEFAULT_PLAN_NAME);
	plan->sip_domain = xstrdup(DEFAULT_DOMAIN);
	plan->version = PRODUCT_SFB2015;
	plan->federation = 0;
	plan->client_media = default_media_range();
	plan_add_site(plan, NULL); /* "Site 1" in the user's language */
	plan_fill_defaults(plan);  /* the simple URLs */
	return plan;
}

struct branch *plan_add_branch(struct plan *plan, size_t site_index, const char *name,
			       enum branch_kind kind)
{
	struct site *s;
	struct branch *b;

	if (!plan || site_index >= plan->n_sites)
		return NULL;
	s = &plan->sites[site_index];
	s->branches = xreallocarray(s->branches, s->n_branches + 1, sizeof *s->branches);
	b = &s->branches[s->n_branches];
	memset(b, 0, sizeof *b);
	b->name = name ? xstrdup(name) : xasprintf(DEFAULT_BRANCH_NAME, s->n_branches + 1);
	b->kind = kind;
	s->n_branches++;
	model_plan_fill_site(plan, site_index);
	return &plan->sites[site_index].branches[plan->sites[site_index].n_branches - 1];
}

void plan_remove_branch(struct plan *plan, size_t site_index, size_t branch_index)
{
	struct site *s;

	if (!plan || site_index >= plan->n_sites)
		return;
	s = &plan->sites[site_index];
	if (branch_index >= s->n_branches)
		return;
	branch_free(&s->branches[branch_index]);
	memmove(&s->branches[branch_index], &s->branches[branch_index + 1],
		(s->n_branches - branch_index - 1) * sizeof *s->branches);
	if (--s->n_branches == 0) {
		free(s->branches);
		s->branches = NULL;
	}
}

/* ---- setters -------------------------------------------------------------- */

static struct site *site_at(struct plan *plan, size_t index)
{
	return plan && index < plan->n_sites ? &plan->sites[index] : NULL;
}

void plan_set_edition(struct plan *plan, size_t site_index, enum fe_edition edition)
{
	struct site *s = site_at(plan, site_index);

	if (!s)
		return;
	if (edition == EDITION_STANDARD) {
		/* A Standard Edition server is a pool of one, without a load
		 * balancer. */
		pool_resize(&s->frontend, 1);
		clear_string(&s->frontend.vip);
		/* its internal web services take the server's name, which
		 * Topology Builder does not let anyone override */
		clear_string(&s->frontend.web_internal);
	} else if (s->edition == EDITION_STANDARD && s->frontend.n_servers < DEFAULT_FRONTENDS) {
		pool_resize(&s->frontend, DEFAULT_FRONTENDS);
	}
	s->edition = edition;
	model_plan_fill_site(plan, site_index);
}

void plan_set_frontend_count(struct plan *plan, size_t site_index, size_t count)
{
	struct site *s = site_at(plan, site_index);

	if (!s)
		return;
	if (s->edition == EDITION_STANDARD || count < 1)
		count = 1;
	pool_resize(&s->frontend, count);
	model_plan_fill_site(plan, site_index);
}

void plan_set_pool_lb(struct plan *plan, size_t site_index, enum pool_lb lb)
{
	struct site *s = site_at(plan, site_index);

	if (!s)
		return;
	s->pool_lb = lb;
	if (!mediation_needs_vip(s))
		clear_string(&s->mediation_pool.vip);
	model_plan_fill_site(plan, site_index);
}

void plan_set_director(struct plan *plan, size_t site_index, bool on, size_t count)
{
	struct site *s = site_at(plan, site_index);

	if (!s)
		return;
	s->director = on;
	if (!on) {
		pool_free(&s->director_pool);
		return;
	}
	pool_resize(&s->director_pool, count < 1 ? 1 : count);
	if (!director_needs_vip(s))
		clear_string(&s->director_pool.vip);
	model_plan_fill_site(plan, site_index);
}

void plan_set_mediation(struct plan *plan, size_t site_index, enum mediation_mode mode,
			size_t servers, size_t gateways)
{
	struct site *s = site_at(plan, site_index);

	if (!s)
		return;
	s->mediation = mode;
	if (mode != MEDIATION_STANDALONE)
		pool_free(&s->mediation_pool);
	if (mode == MEDIATION_NONE) {
		servers_free(&s->gateways, &s->n_gateways);
		return;
	}
	if (mode == MEDIATION_STANDALONE) {
		pool_resize(&s->mediation_pool, servers < 1 ? 1 : servers);
		if (!mediation_needs_vip(s))
			clear_string(&s->mediation_pool.vip);
	}
	servers_resize(&s->gateways, &s->n_gateways, gateways);
	model_plan_fill_site(plan, site_index);
}

/* Switching between public and NAT addressing keeps the public addresses
 * public: they move between the external fields and the NAT translations. */
static void edge_switch_addressing(struct site *s, enum edge_addressing to)
{
	for (size_t i = 0; i < s->n_edges; i++) {
		struct edge_server *e = &s->edges[i];
		char **ext[] = {&e->access, &e->webconf, &e->av};
		char **nat[] = {&e->access_nat, &e->webconf_nat, &e->av_nat};

		for (size_t k = 0; k < N_ELEMS(ext); k++) {
			if (to == EDGE_ADDR_NAT) {
				if (str_empty(*nat[k])) {
					free(*nat[k]);
					*nat[k] = *ext[k];
					*ext[k] = NULL;
				}
			} else if (!str_empty(*nat[k])) {
				free(*ext[k]);
				*ext[k] = *nat[k];
				*nat[k] = NULL;
			}
		}
	}
}

void plan_set_edge(struct plan *plan, size_t site_index, enum edge_topology topology,
		   enum edge_addressing addressing, size_t servers)
{
	struct site *s = site_at(plan, site_index);
	size_t count;

	if (!s)
		return;
	if (topology == EDGE_NONE) {
		s->edge = EDGE_NONE;
		s->edge_addressing = EDGE_ADDR_PUBLIC;
		clear_string(&s->edge_fqdn);
		clear_string(&s->edge_access_fqdn);
		clear_string(&s->edge_webconf_fqdn);
		clear_string(&s->edge_av_fqdn);
		edges_free(s);
		edge_vips_free(s);
		return;
	}
	if (s->edge != EDGE_NONE && s->edge_addressing != addressing)
		edge_switch_addressing(s, addressing);
	count = topology == EDGE_SINGLE ? 1 : servers;
	if (topology != EDGE_SINGLE && count < DEFAULT_SCALED_EDGES)
		count = DEFAULT_SCALED_EDGES;
	if (count > PLAN_MAX_POOL_SERVERS)
		count = PLAN_MAX_POOL_SERVERS;
	for (size_t i = count; i < s->n_edges; i++)
		edge_server_free(&s->edges[i]);
	s->edges = xreallocarray(s->edges, count, sizeof *s->edges);
	for (size_t i = s->n_edges; i < count; i++)
		s->edges[i] = (struct edge_server){0};
	s->n_edges = count;
	/* A single Edge's pool may carry its server's name; a pool of several
	 * needs a name of its own, or scaling made a duplicate. */
	if (topology != EDGE_SINGLE && !str_empty(s->edge_fqdn))
		for (size_t i = 0; i < s->n_edges; i++)
			if (!str_empty(s->edges[i].fqdn) &&
			    strcasecmp(s->edges[i].fqdn, s->edge_fqdn) == 0) {
				clear_string(&s->edge_fqdn);
				break;
			}
	s->edge = topology;
	s->edge_addressing = addressing;
	if (topology != EDGE_SCALED_HLB)
		edge_vips_free(s);
	if (addressing == EDGE_ADDR_PUBLIC) {
		for (size_t i = 0; i < s->n_edges; i++) {
			clear_string(&s->edges[i].access_nat);
			clear_string(&s->edges[i].webconf_nat);
			clear_string(&s->edges[i].av_nat);
		}
	}
	model_plan_fill_site(plan, site_index);
}

void plan_set_reverse_proxy(struct plan *plan, size_t site_index, bool on)
{
	struct site *s = site_at(plan, site_index);

	if (!s)
		return;
	s->reverse_proxy = on;
	if (!on) {
		clear_string(&s->rp_fqdn);
		clear_string(&s->rp_internal);
		clear_string(&s->rp_external);
		return;
	}
	model_plan_fill_site(plan, site_index);
}

void plan_set_persistent_chat(struct plan *plan, size_t site_index, bool on)
{
	struct site *s = site_at(plan, site_index);

	if (!s)
		return;
	s->persistent_chat = on;
	if (!on) {
		pool_free(&s->pchat_pool);
		return;
	}
	if (s->pchat_pool.n_servers == 0)
		pool_resize(&s->pchat_pool, 1);
	model_plan_fill_site(plan, site_index);
}

void plan_set_office_web_apps(struct plan *plan, size_t site_index, bool on)
{
	struct site *s = site_at(plan, site_index);

	if (!s)
		return;
	s->office_web_apps = on;
	if (!on) {
		pool_free(&s->owas_pool);
		return;
	}
	if (s->owas_pool.n_servers == 0)
		pool_resize(&s->owas_pool, 1);
	model_plan_fill_site(plan, site_index);
}

void plan_set_um(struct plan *plan, size_t site_index, enum um_mode mode, size_t servers)
{
	struct site *s = site_at(plan, site_index);
	size_t count = servers < 1 ? 1 : servers;

	if (!s)
		return;
	s->um = mode;
	if (mode == UM_NONE) {
		um_servers_free(s);
		s->um_rtp = default_media_range();
		return;
	}
	if (count > PLAN_MAX_POOL_SERVERS)
		count = PLAN_MAX_POOL_SERVERS;
	for (size_t i = count; i < s->n_um_servers; i++) {
		clear_string(&s->um_servers[i].fqdn);
		clear_string(&s->um_servers[i].address);
	}
	s->um_servers = xreallocarray(s->um_servers, count, sizeof *s->um_servers);
	/* Exchange 2013 servers usually hold both roles. */
	for (size_t i = s->n_um_servers; i < count; i++)
		s->um_servers[i] =
		    (struct exchange_um_server){.client_access = true, .mailbox = true};
	s->n_um_servers = count;
	if (!model_port_range_valid(&s->um_rtp))
		s->um_rtp = default_media_range();
	model_plan_fill_site(plan, site_index);
}

/* ---- SIP domains ---------------------------------------------------------- */

bool plan_add_domain(struct plan *plan, const char *name)
{
	struct sip_domain *d;

	if (!plan || plan->n_domains >= PLAN_MAX_DOMAINS)
		return false;
	plan->domains = xreallocarray(plan->domains, plan->n_domains + 1, sizeof *plan->domains);
	d = &plan->domains[plan->n_domains++];
	d->name = dup_or_null(name);
	d->meet = str_empty(name) ? NULL : xasprintf("meet.%s", name);
	return true;
}

void plan_remove_domain(struct plan *plan, size_t index)
{
	if (!plan || index >= plan->n_domains)
		return;
	free(plan->domains[index].name);
	free(plan->domains[index].meet);
	memmove(&plan->domains[index], &plan->domains[index + 1],
		(plan->n_domains - index - 1) * sizeof *plan->domains);
	if (--plan->n_domains == 0) {
		free(plan->domains);
		plan->domains = NULL;
	}
}
