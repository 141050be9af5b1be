/* model.c: the plan: keyword tables, syntax checks, placeholder defaults,
 * setters that keep a site consistent, and validation.
 *
 * Defaults come only from the documentation ranges (RFC 2606 names,
 * RFC 5737 and RFC 3849 addresses), so that anything left unedited is easy
 * to spot and can never reach a real host. */
#include "ucplan/model.h"

#include <arpa/inet.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "ucplan/i18n.h"
#include "ucplan/textwidth.h"

#define N_ELEMS(a) (sizeof(a) / sizeof((a)[0]))

#define DEFAULT_DOMAIN "example.com"
/* Names a new plan, site or branch starts with, in the user's language
 * (the planner shows them at once); the user renames them. */
#define DEFAULT_PLAN_NAME _("New plan")
#define DEFAULT_SITE_NAME _("Site %zu")
#define DEFAULT_BRANCH_NAME _("Branch %zu")

enum {
	FQDN_MAX = 253,
	LABEL_MAX = 63,
	SLUG_MAX = 20,
	/* Each of the first SITE_BLOCKS sites owns SITE_BLOCK addresses of each
	 * documentation /24; later sites use IPv6 documentation addresses. */
	SITE_BLOCK = 32,
	SITE_BLOCKS = 8,
	DEFAULT_FRONTENDS = 2,
	DEFAULT_SCALED_EDGES = 2,
};

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

static struct port_range default_media_range(void)
{
	return (struct port_range){MODEL_MEDIA_PORT_FIRST, MODEL_MEDIA_PORT_LAST};
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

static bool ascii_alnum(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

static char ascii_lower(char c)
{
	return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
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

/* The documentation networks of RFC 5737, in the order of enum addr_net. */
enum addr_net { NET_INTERNAL, NET_PRIVATE_EXTERNAL, NET_PUBLIC, NET_COUNT };
static const unsigned char doc_nets[NET_COUNT][3] = {
    [NET_INTERNAL] = {192, 0, 2},
    [NET_PRIVATE_EXTERNAL] = {198, 51, 100},
    [NET_PUBLIC] = {203, 0, 113},
};
static const unsigned char doc_net6[4] = {0x20, 0x01, 0x0d, 0xb8};
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

static char *dup_or_null(const char *s)
{
	return s ? xstrdup(s) : NULL;
}

static void set_string(char **slot, const char *value)
{
	char *copy = dup_or_null(value);

	free(*slot);
	*slot = copy;
}

static void clear_string(char **slot)
{
	free(*slot);
	*slot = NULL;
}

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
	    a->client_media.last != b->client_media.last || a->n_sites != b->n_sites)
		return false;
	for (size_t i = 0; i < a->n_sites; i++)
		if (!site_equal(&a->sites[i], &b->sites[i]))
			return false;
	return true;
}

/* ---- a set of strings (names and addresses already in use) -------------- */

struct strset {
	char **keys; /* NULL marks a free slot */
	int *values;
	size_t cap;
	size_t count;
};

static uint64_t strset_hash(const char *s)
{
	uint64_t h = 14695981039346656037u; /* FNV-1a */

	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211u;
	return h;
}

static size_t strset_slot(const struct strset *set, const char *key)
{
	size_t i = (size_t)(strset_hash(key) & (set->cap - 1));

	while (set->keys[i] && strcmp(set->keys[i], key) != 0)
		i = (i + 1) & (set->cap - 1);
	return i;
}

static void strset_grow(struct strset *set)
{
	struct strset bigger = {0};

	bigger.cap = set->cap ? set->cap * 2 : 64;
	bigger.keys = xcalloc(bigger.cap, sizeof *bigger.keys);
	bigger.values = xcalloc(bigger.cap, sizeof *bigger.values);
	for (size_t i = 0; i < set->cap; i++) {
		if (set->keys[i]) {
			size_t j = strset_slot(&bigger, set->keys[i]);
			bigger.keys[j] = set->keys[i];
			bigger.values[j] = set->values[i];
		}
	}
	bigger.count = set->count;
	free(set->keys);
	free(set->values);
	*set = bigger;
}

/* Adds key (taking ownership) with value.  When key is already present it
 * is freed, *previous receives the stored value and the result is false. */
static bool strset_add(struct strset *set, char *key, int value, int *previous)
{
	size_t i;

	if ((set->count + 1) * 2 > set->cap)
		strset_grow(set);
	i = strset_slot(set, key);
	if (set->keys[i]) {
		if (previous)
			*previous = set->values[i];
		free(key);
		return false;
	}
	set->keys[i] = key;
	set->values[i] = value;
	set->count++;
	return true;
}

static void strset_free(struct strset *set)
{
	for (size_t i = 0; i < set->cap; i++)
		free(set->keys[i]);
	free(set->keys);
	free(set->values);
	memset(set, 0, sizeof *set);
}

static bool names_equal(const char *a, const char *b)
{
	for (; *a && ascii_lower(*a) == ascii_lower(*b); a++, b++)
		;
	return ascii_lower(*a) == ascii_lower(*b);
}

/* Names compare without regard to ASCII case. */
static char *name_key(const char *name)
{
	char *key = xstrdup(name);

	for (char *p = key; *p; p++)
		*p = ascii_lower(*p);
	return key;
}

/* Addresses compare in canonical form, so 2001:DB8::1 equals 2001:db8:0::1. */
static char *address_key(const char *address)
{
	unsigned char a[16];
	char text[INET6_ADDRSTRLEN];

	if (inet_pton(AF_INET, address, a) == 1 && inet_ntop(AF_INET, a, text, sizeof text))
		return xstrdup(text);
	if (inet_pton(AF_INET6, address, a) == 1 && inet_ntop(AF_INET6, a, text, sizeof text))
		return xstrdup(text);
	return name_key(address);
}

/* ---- the names and addresses of a site ---------------------------------- */

enum field_type { FIELD_NAME, FIELD_ADDRESS };

/* One name or address of a site, with what the default filler and the
 * validator need to know about it. */
struct field {
	char **slot;
	enum field_type type;
	bool fill;     /* plan_fill_defaults gives it a placeholder when empty */
	bool required; /* plan_validate reports it when empty */
	enum addr_net net;
	const char *prefix; /* first label of a default name: "fe", "pool" */
	bool numbered;	    /* "fe01", "fe02", ... rather than "pool" */
	const char *label;  /* msgid naming the field, with %zu or %s */
	size_t n;	    /* member number (1-based) for the label */
	const char *arg;    /* or a string for it */
	const char *alias;  /* a pool may share its only member's name */
};

struct field_list {
	struct field *items;
	size_t count;
	size_t cap;
	char **owned; /* prefixes built for branches */
	size_t n_owned;
};

static struct field *field_add(struct field_list *fl, char **slot, enum field_type type,
			       const char *label, size_t n)
{
	struct field *f;

	if (fl->count == fl->cap) {
		fl->cap = fl->cap ? fl->cap * 2 : 32;
		fl->items = xreallocarray(fl->items, fl->cap, sizeof *fl->items);
	}
	f = &fl->items[fl->count++];
	*f = (struct field){.slot = slot, .type = type, .label = label, .n = n};
	f->fill = f->required = true;
	f->net = NET_INTERNAL;
	return f;
}

static void field_name(struct field_list *fl, char **slot, const char *prefix, bool numbered,
		       const char *label, size_t n)
{
	struct field *f = field_add(fl, slot, FIELD_NAME, label, n);

	f->prefix = prefix;
	f->numbered = numbered;
}

/* An address that the site needs (needed) or merely may hold. */
static void field_address(struct field_list *fl, char **slot, enum addr_net net, bool needed,
			  const char *label, size_t n)
{
	struct field *f;

	if (!needed && !*slot)
		return;
	f = field_add(fl, slot, FIELD_ADDRESS, label, n);
	f->net = net;
	f->fill = f->required = needed;
}

static void field_list_free(struct field_list *fl)
{
	for (size_t i = 0; i < fl->n_owned; i++)
		free(fl->owned[i]);
	free(fl->owned);
	free(fl->items);
	memset(fl, 0, sizeof *fl);
}

/* TRANSLATORS: the labels below name one field of a site in validation
 * messages such as "Site “Dublin”, Front End server 2 address: ...". */
struct pool_labels {
	const char *name;
	const char *vip;
	const char *server_name;
	const char *server_address;
};

static const struct pool_labels frontend_labels = {
    N_("Front End pool name"),
    N_("Front End pool VIP"),
    N_("Front End server %zu name"),
    N_("Front End server %zu address"),
};
static const struct pool_labels director_labels = {
    N_("Director pool name"),
    N_("Director pool VIP"),
    N_("Director %zu name"),
    N_("Director %zu address"),
};
static const struct pool_labels mediation_labels = {
    N_("Mediation pool name"),
    N_("Mediation pool VIP"),
    N_("Mediation Server %zu name"),
    N_("Mediation Server %zu address"),
};
static const struct pool_labels pchat_labels = {
    N_("Persistent Chat pool name"),
    N_("Persistent Chat pool VIP"),
    N_("Persistent Chat server %zu name"),
    N_("Persistent Chat server %zu address"),
};
static const struct pool_labels owas_labels = {
    N_("Office Web Apps farm name"),
    N_("Office Web Apps farm VIP"),
    N_("Office Web Apps server %zu name"),
    N_("Office Web Apps server %zu address"),
};

/* A pool: its name, its VIP (filled only when needs_vip) and its members. */
static void fields_pool(struct field_list *fl, struct pool *p, const char *pool_prefix,
			const char *server_prefix, bool needs_vip, const struct pool_labels *labels)
{
	field_name(fl, &p->fqdn, pool_prefix, false, labels->name, 0);
	if (p->n_servers == 1)
		fl->items[fl->count - 1].alias = p->servers[0].fqdn;
	field_address(fl, &p->vip, NET_INTERNAL, needs_vip, labels->vip, 0);
	if (needs_vip)
		fl->items[fl->count - 1].required = false;
	for (size_t i = 0; i < p->n_servers; i++) {
		field_name(fl, &p->servers[i].fqdn, server_prefix, true, labels->server_name,
			   i + 1);
		field_address(fl, &p->servers[i].address, NET_INTERNAL, true,
			      labels->server_address, i + 1);
	}
}

static bool frontend_needs_vip(const struct site *s)
{
	/* An Enterprise pool always has a hardware load balancer for its web
	 * services, even when SIP uses DNS load balancing. */
	return s->edition == EDITION_ENTERPRISE;
}

static bool director_needs_vip(const struct site *s)
{
	return s->director_pool.n_servers >= 2;
}

static bool mediation_needs_vip(const struct site *s)
{
	return s->mediation == MEDIATION_STANDALONE && s->pool_lb == POOL_LB_HARDWARE;
}

static bool owas_needs_vip(const struct site *s)
{
	return s->owas_pool.n_servers >= 2;
}

static void fields_edge(struct field_list *fl, struct site *s)
{
	bool nat = s->edge_addressing == EDGE_ADDR_NAT;
	bool hlb = s->edge == EDGE_SCALED_HLB;
	enum addr_net external = nat ? NET_PRIVATE_EXTERNAL : NET_PUBLIC;

	field_name(fl, &s->edge_fqdn, "edgepool", false, N_("Edge pool name"), 0);
	if (s->n_edges == 1)
		fl->items[fl->count - 1].alias = s->edges[0].fqdn;
	for (size_t i = 0; i < s->n_edges; i++) {
		struct edge_server *e = &s->edges[i];
		size_t n = i + 1;

		field_name(fl, &e->fqdn, "edge", true, N_("Edge server %zu name"), n);
		field_address(fl, &e->internal, NET_INTERNAL, true,
			      N_("Edge server %zu internal address"), n);
		field_address(fl, &e->access, external, true,
			      N_("Edge server %zu Access Edge address"), n);
		field_address(fl, &e->webconf, external, true,
			      N_("Edge server %zu Web Conferencing Edge address"), n);
		field_address(fl, &e->av, external, true, N_("Edge server %zu A/V Edge address"),
			      n);
		/* Missing translations get one finding per site (edge-nat-missing). */
		field_address(fl, &e->access_nat, NET_PUBLIC, nat,
			      N_("Edge server %zu public Access Edge address (NAT)"), n);
		field_address(fl, &e->webconf_nat, NET_PUBLIC, nat,
			      N_("Edge server %zu public Web Conferencing Edge address (NAT)"), n);
		field_address(fl, &e->av_nat, NET_PUBLIC, nat,
			      N_("Edge server %zu public A/V Edge address (NAT)"), n);
		if (nat)
			for (size_t k = 0; k < 3; k++)
				fl->items[fl->count - 1 - k].required = false;
	}
	/* Missing VIPs get one finding per site (edge-hlb-vip-missing). */
	field_address(fl, &s->edge_vip_internal, NET_INTERNAL, hlb, N_("Edge internal VIP"), 0);
	field_address(fl, &s->edge_vip_access, NET_PUBLIC, hlb, N_("Access Edge VIP"), 0);
	field_address(fl, &s->edge_vip_webconf, NET_PUBLIC, hlb, N_("Web Conferencing Edge VIP"),
		      0);
	field_address(fl, &s->edge_vip_av, NET_PUBLIC, hlb, N_("A/V Edge VIP"), 0);
	if (hlb)
		for (size_t k = 0; k < 4; k++)
			fl->items[fl->count - 1 - k].required = false;
}

static void slug_make(const char *name, char *out, size_t size);

/* Every name and address the site's current choices call for, plus any
 * optional one it holds, in a fixed order (defaults depend on it). */
static void site_fields(struct field_list *fl, struct site *s)
{
	fields_pool(fl, &s->frontend, "pool", "fe", frontend_needs_vip(s), &frontend_labels);
	field_name(fl, &s->file_share, "fs", false, N_("file share"), 0);
	if (s->director)
		fields_pool(fl, &s->director_pool, "dirpool", "dir", director_needs_vip(s),
			    &director_labels);
	if (s->mediation == MEDIATION_STANDALONE)
		fields_pool(fl, &s->mediation_pool, "medpool", "med", mediation_needs_vip(s),
			    &mediation_labels);
	if (s->mediation != MEDIATION_NONE) {
		for (size_t i = 0; i < s->n_gateways; i++) {
			field_name(fl, &s->gateways[i].fqdn, "gw", true, N_("gateway %zu name"),
				   i + 1);
			field_address(fl, &s->gateways[i].address, NET_INTERNAL, true,
				      N_("gateway %zu address"), i + 1);
		}
	}
	if (s->edge != EDGE_NONE)
		fields_edge(fl, s);
	if (s->reverse_proxy) {
		field_name(fl, &s->rp_fqdn, "rp", false, N_("reverse proxy name"), 0);
		field_address(fl, &s->rp_internal, NET_INTERNAL, true,
			      N_("reverse proxy internal address"), 0);
		field_address(fl, &s->rp_external, NET_PUBLIC, true,
			      N_("reverse proxy external address"), 0);
	}
	if (s->persistent_chat)
		fields_pool(fl, &s->pchat_pool, "pchatpool", "pchat", false, &pchat_labels);
	if (s->office_web_apps)
		fields_pool(fl, &s->owas_pool, "owas", "owas", owas_needs_vip(s), &owas_labels);
	if (s->um != UM_NONE) {
		for (size_t i = 0; i < s->n_um_servers; i++) {
			field_name(fl, &s->um_servers[i].fqdn, "exum", true,
				   N_("Exchange UM server %zu name"), i + 1);
			field_address(fl, &s->um_servers[i].address, NET_INTERNAL, true,
				      N_("Exchange UM server %zu address"), i + 1);
		}
	}
	for (size_t i = 0; i < s->n_branches; i++) {
		struct branch *b = &s->branches[i];
		char slug[SLUG_MAX + 1];
		struct field *f;
		char *prefix;

		if (b->kind == BRANCH_NONE)
			continue;
		slug_make(b->name, slug, sizeof slug);
		if (slug[0])
			prefix = xasprintf("%s-%s", model_branch_key(b->kind), slug);
		else
			prefix = xasprintf("%s-branch%zu", model_branch_key(b->kind), i + 1);
		fl->owned = xreallocarray(fl->owned, fl->n_owned + 1, sizeof *fl->owned);
		fl->owned[fl->n_owned++] = prefix;
		f = field_add(fl, &b->fqdn, FIELD_NAME, N_("branch “%s” appliance name"), 0);
		f->prefix = prefix;
		f->arg = b->name ? b->name : "";
		f = field_add(fl, &b->address, FIELD_ADDRESS, N_("branch “%s” appliance address"),
			      0);
		f->arg = b->name ? b->name : "";
	}
}

static char *field_label(const struct field *f)
{
	if (strstr(f->label, "%s"))
		return xasprintf(_(f->label), f->arg ? f->arg : "");
	if (strstr(f->label, "%zu"))
		return xasprintf(_(f->label), f->n);
	return xstrdup(_(f->label));
}

/* ---- defaults ------------------------------------------------------------ */

/* Latin-1 letters folded to ASCII for slugs (U+00C0..U+00FF); a space
 * drops the character. */
static const char latin1_fold[] = "aaaaaaaceeeeiiiidnooooo ouuuuy s"
				  "aaaaaaaceeeeiiiidnooooo ouuuuy y";

/* A short DNS label from a display name: ASCII letters and digits, lower
 * case, accents dropped; "" when nothing is left. */
static void slug_make(const char *name, char *out, size_t size)
{
	const unsigned char *p = (const unsigned char *)(name ? name : "");
	size_t len = 0, max = size - 1 < SLUG_MAX ? size - 1 : SLUG_MAX;

	for (; *p && len < max; p++) {
		char c = 0;

		if (ascii_alnum((char)*p))
			c = ascii_lower((char)*p);
		else if (*p == 0xc3 && p[1] >= 0x80 && p[1] <= 0xbf)
			c = latin1_fold[*++p - 0x80];
		if (c && c != ' ')
			out[len++] = c;
	}
	out[len] = '\0';
}

struct name_counter {
	const char *prefix;
	unsigned next;
};

struct fill_ctx {
	struct plan *plan;
	struct strset names;
	struct strset addresses;
	char **slugs;
	size_t n_slugs;
	/* per site pass */
	struct name_counter counters[16];
	size_t n_counters;
	unsigned v4_next[NET_COUNT];
	unsigned long long v6_next[NET_COUNT];
};

static void fill_ctx_init(struct fill_ctx *ctx, struct plan *plan)
{
	struct strset slugs = {0};

	memset(ctx, 0, sizeof *ctx);
	ctx->plan = plan;
	ctx->n_slugs = plan->n_sites;
	ctx->slugs = plan->n_sites ? xcalloc(plan->n_sites, sizeof *ctx->slugs) : NULL;
	for (size_t i = 0; i < plan->n_sites; i++) {
		struct field_list fl = {0};
		char slug[SLUG_MAX + 1];
		char *candidate;

		site_fields(&fl, &plan->sites[i]);
		for (size_t k = 0; k < fl.count; k++) {
			const char *v = *fl.items[k].slot;
			if (str_empty(v))
				continue;
			if (fl.items[k].type == FIELD_NAME)
				strset_add(&ctx->names, name_key(v), (int)i, NULL);
			else
				strset_add(&ctx->addresses, address_key(v), (int)i, NULL);
		}
		field_list_free(&fl);

		/* Site slugs are unique: a later site with the same slug gets its
		 * number appended, then site<N>. */
		slug_make(plan->sites[i].name, slug, sizeof slug);
		candidate = slug[0] ? xstrdup(slug) : xasprintf("site%zu", i + 1);
		if (!strset_add(&slugs, xstrdup(candidate), 0, NULL)) {
			free(candidate);
			candidate = xasprintf("%s%zu", slug[0] ? slug : "site", i + 1);
			for (size_t k = i + 1; !strset_add(&slugs, xstrdup(candidate), 0, NULL);
			     k++) {
				free(candidate);
				candidate = xasprintf("site%zu-%zu", i + 1, k);
			}
		}
		ctx->slugs[i] = candidate;
	}
	strset_free(&slugs);
}

static void fill_ctx_free(struct fill_ctx *ctx)
{
	strset_free(&ctx->names);
	strset_free(&ctx->addresses);
	for (size_t i = 0; i < ctx->n_slugs; i++)
		free(ctx->slugs[i]);
	free(ctx->slugs);
}

static unsigned *name_counter(struct fill_ctx *ctx, const char *prefix)
{
	for (size_t i = 0; i < ctx->n_counters; i++)
		if (strcmp(ctx->counters[i].prefix, prefix) == 0)
			return &ctx->counters[i].next;
	/* There are fewer numbered prefixes than counters; sharing the last
	 * one would only skip numbers. */
	if (ctx->n_counters == N_ELEMS(ctx->counters))
		return &ctx->counters[ctx->n_counters - 1].next;
	ctx->counters[ctx->n_counters] = (struct name_counter){prefix, 1};
	return &ctx->counters[ctx->n_counters++].next;
}

/* The first free name: prefixNN.slug.example.com, or prefix.slug.example.com
 * then prefix2, prefix3... for a single name. */
static char *default_name(struct fill_ctx *ctx, const char *prefix, bool numbered, const char *slug)
{
	unsigned *counter = numbered ? name_counter(ctx, prefix) : NULL;

	for (unsigned i = numbered ? *counter : 1;; i++) {
		char *name;

		if (numbered)
			name = xasprintf("%s%02u.%s.%s", prefix, i, slug, DEFAULT_DOMAIN);
		else if (i == 1)
			name = xasprintf("%s.%s.%s", prefix, slug, DEFAULT_DOMAIN);
		else
			name = xasprintf("%s%u.%s.%s", prefix, i, slug, DEFAULT_DOMAIN);
		if (strset_add(&ctx->names, name_key(name), 0, NULL)) {
			if (counter)
				*counter = i + 1;
			return name;
		}
		free(name);
	}
}

/* The first free address of the site's block in net, then IPv6
 * 2001:db8:<site>:<net>::<n> once the block is used up. */
static char *default_address(struct fill_ctx *ctx, size_t site, enum addr_net net)
{
	char text[INET6_ADDRSTRLEN];

	while (site < SITE_BLOCKS && ctx->v4_next[net] < SITE_BLOCK) {
		unsigned host = (unsigned)site * SITE_BLOCK + ctx->v4_next[net]++;

		/* Skip the network and broadcast addresses of the /24. */
		if (host == 0 || host == 255)
			continue;
		snprintf(text, sizeof text, "%u.%u.%u.%u", doc_nets[net][0], doc_nets[net][1],
			 doc_nets[net][2], host);
		if (strset_add(&ctx->addresses, xstrdup(text), (int)site, NULL))
			return xstrdup(text);
	}
	for (;;) {
		unsigned char a[16] = {0};
		unsigned long long n = ++ctx->v6_next[net];

		memcpy(a, doc_net6, sizeof doc_net6);
		a[4] = (unsigned char)(site >> 8);
		a[5] = (unsigned char)site;
		/* Past 65535 sites the rest of the index goes into the next
		 * group; the set of used addresses catches any overlap. */
		a[6] = (unsigned char)(site >> 20);
		a[7] = (unsigned char)(((site >> 16) & 0x0f) << 4 | (unsigned)(net + 1));
		for (size_t k = 0; k < 8; k++)
			a[15 - k] = (unsigned char)(n >> (8 * k));
		if (!inet_ntop(AF_INET6, a, text, sizeof text))
			continue;
		if (strset_add(&ctx->addresses, xstrdup(text), (int)site, NULL))
			return xstrdup(text);
	}
}

static void fill_site(struct fill_ctx *ctx, size_t index)
{
	struct site *s = &ctx->plan->sites[index];
	struct field_list fl = {0};

	ctx->n_counters = 0;
	memset(ctx->v4_next, 0, sizeof ctx->v4_next);
	memset(ctx->v6_next, 0, sizeof ctx->v6_next);
	if (s->um_rtp.first == 0 && s->um_rtp.last == 0)
		s->um_rtp = default_media_range();
	site_fields(&fl, s);
	for (size_t i = 0; i < fl.count; i++) {
		const struct field *f = &fl.items[i];

		if (!f->fill || !str_empty(*f->slot))
			continue;
		free(*f->slot);
		if (f->type == FIELD_NAME)
			*f->slot = default_name(ctx, f->prefix, f->numbered, ctx->slugs[index]);
		else
			*f->slot = default_address(ctx, index, f->net);
	}
	field_list_free(&fl);
}

/* Fills one site, knowing every value of the plan. */
static void plan_fill_site(struct plan *plan, size_t index)
{
	struct fill_ctx ctx;

	fill_ctx_init(&ctx, plan);
	fill_site(&ctx, index);
	fill_ctx_free(&ctx);
}

void plan_fill_defaults(struct plan *plan)
{
	struct fill_ctx ctx;

	if (!plan)
		return;
	if (str_empty(plan->sip_domain))
		set_string(&plan->sip_domain, DEFAULT_DOMAIN);
	if (plan->client_media.first == 0 && plan->client_media.last == 0)
		plan->client_media = default_media_range();
	fill_ctx_init(&ctx, plan);
	for (size_t i = 0; i < plan->n_sites; i++)
		fill_site(&ctx, i);
	fill_ctx_free(&ctx);
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
	plan_fill_site(plan, index);
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
	plan_fill_site(plan, site_index);
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
	} else if (s->edition == EDITION_STANDARD && s->frontend.n_servers < DEFAULT_FRONTENDS) {
		pool_resize(&s->frontend, DEFAULT_FRONTENDS);
	}
	s->edition = edition;
	plan_fill_site(plan, site_index);
}

void plan_set_frontend_count(struct plan *plan, size_t site_index, size_t count)
{
	struct site *s = site_at(plan, site_index);

	if (!s)
		return;
	if (s->edition == EDITION_STANDARD || count < 1)
		count = 1;
	pool_resize(&s->frontend, count);
	plan_fill_site(plan, site_index);
}

void plan_set_pool_lb(struct plan *plan, size_t site_index, enum pool_lb lb)
{
	struct site *s = site_at(plan, site_index);

	if (!s)
		return;
	s->pool_lb = lb;
	if (!mediation_needs_vip(s))
		clear_string(&s->mediation_pool.vip);
	plan_fill_site(plan, site_index);
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
	plan_fill_site(plan, site_index);
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
	plan_fill_site(plan, site_index);
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
	plan_fill_site(plan, site_index);
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
	plan_fill_site(plan, site_index);
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
	plan_fill_site(plan, site_index);
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
	plan_fill_site(plan, site_index);
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
	plan_fill_site(plan, site_index);
}

/* ---- validation ------------------------------------------------------------ */

static void finding_add(struct findings *out, enum finding_severity severity, const char *code,
			int site, const char *fmt, ...) __attribute__((format(printf, 5, 6)));

static void finding_add(struct findings *out, enum finding_severity severity, const char *code,
			int site, const char *fmt, ...)
{
	struct finding *f;
	char *message;
	va_list ap;

	va_start(ap, fmt);
	message = xvasprintf(fmt, ap);
	va_end(ap);
	out->items = xreallocarray(out->items, out->count + 1, sizeof *out->items);
	f = &out->items[out->count++];
	f->severity = severity;
	f->code = xstrdup(code);
	f->site = site;
	f->message = message;
	if (severity == FINDING_ERROR)
		out->errors++;
	else
		out->warnings++;
}

void findings_free(struct findings *f)
{
	if (!f)
		return;
	for (size_t i = 0; i < f->count; i++) {
		free(f->items[i].code);
		free(f->items[i].message);
	}
	free(f->items);
	memset(f, 0, sizeof *f);
}

/* "“Dublin”", or "site 3" when the site has no name; caller frees. */
static char *site_label(const struct site *s, size_t index)
{
	if (str_empty(s->name))
		return xasprintf(_("site %zu"), index + 1);
	return xasprintf(_("“%s”"), s->name);
}

struct validate_ctx {
	const struct plan *plan;
	struct findings *out;
	struct strset names;
	struct strset addresses;
};

/* A name the user typed: present, clean, not too long. */
static void check_text_name(struct validate_ctx *v, int site, const char *value, const char *what)
{
	if (str_empty(value))
		finding_add(v->out, FINDING_ERROR, "name-empty", site,
			    _("%s has no name; give it one."), what);
	else if (!model_is_clean_text(value))
		finding_add(v->out, FINDING_ERROR, "name-invalid", site,
			    _("%s: the name is longer than %d characters or holds control "
			      "characters or invalid UTF-8; retype it."),
			    what, PLAN_MAX_NAME);
}

static void check_port_range(struct validate_ctx *v, int site, const struct port_range *r,
			     const char *what)
{
	if (!model_port_range_valid(r))
		finding_add(v->out, FINDING_ERROR, "port-range-invalid", site,
			    _("%s: the range %u-%u is not valid; write N or N-M with %d <= N <= "
			      "M <= %d."),
			    what, r->first, r->last, MODEL_PORT_MIN, MODEL_PORT_MAX);
}

/* Checks each name and address of a site; returns how many are placeholders. */
static size_t check_site_fields(struct validate_ctx *v, size_t index, const char *where)
{
	const struct plan *plan = v->plan;
	struct field_list fl = {0};
	size_t placeholders = 0;
	int si = (int)index;

	/* site_fields only reads through the slots here. */
	site_fields(&fl, (struct site *)&plan->sites[index]);
	for (size_t i = 0; i < fl.count; i++) {
		const struct field *f = &fl.items[i];
		const char *value = *f->slot;
		bool name = f->type == FIELD_NAME;
		char *label;

		if (str_empty(value) && !f->required)
			continue;
		label = field_label(f);
		if (str_empty(value)) {
			finding_add(v->out, FINDING_ERROR,
				    name ? "fqdn-missing" : "address-missing", si,
				    name ? _("Site %s, %s: the name is missing; enter a fully "
					     "qualified domain name.")
					 : _("Site %s, %s: the address is missing; enter an IPv4 "
					     "or IPv6 address."),
				    where, label);
		} else if (name ? !model_is_fqdn(value) : !model_is_ip(value)) {
			if (!model_is_clean_text(value))
				value = "?";
			finding_add(v->out, FINDING_ERROR,
				    name ? "fqdn-invalid" : "address-invalid", si,
				    name ? _("Site %s, %s: “%s” is not a fully qualified domain "
					     "name; use letters, digits and hyphens in two or more "
					     "dot-separated labels.")
					 : _("Site %s, %s: “%s” is not an IPv4 or IPv6 address; "
					     "correct it."),
				    where, label, value);
		} else {
			char *key = name ? name_key(value) : address_key(value);
			int other;

			if (model_is_placeholder(value))
				placeholders++;
			/* A pool may carry the name of its only member. */
			if (name && f->alias && names_equal(value, f->alias)) {
				free(key);
			} else if (!strset_add(name ? &v->names : &v->addresses, key, si, &other)) {
				char *first_site = site_label(&plan->sites[other], (size_t)other);
				if (name)
					finding_add(v->out, FINDING_ERROR, "fqdn-duplicate", si,
						    _("Site %s, %s: the name %s is already used "
						      "in site %s; give every server and pool its "
						      "own name."),
						    where, label, value, first_site);
				else
					finding_add(v->out, FINDING_ERROR, "address-duplicate", si,
						    _("Site %s, %s: the address %s is already "
						      "used in site %s; give every server, VIP "
						      "and interface its own address."),
						    where, label, value, first_site);
				free(first_site);
			}
		}
		free(label);
	}
	field_list_free(&fl);
	return placeholders;
}

static void pool_limit_check(struct validate_ctx *v, int si, const char *where,
			     const struct pool *p, const char *pool_label)
{
	if (p->n_servers == 0)
		finding_add(v->out, FINDING_ERROR, "pool-empty", si,
			    _("Site %s: the %s has no servers; add at least one."), where,
			    _(pool_label));
	else if (p->n_servers > PLAN_MAX_POOL_SERVERS)
		finding_add(v->out, FINDING_ERROR, "pool-too-large", si,
			    _("Site %s: the %s has %zu servers, more than the %d a plan can "
			      "hold; remove some."),
			    where, _(pool_label), p->n_servers, PLAN_MAX_POOL_SERVERS);
}

static void check_edge(struct validate_ctx *v, const struct site *s, int si, const char *where)
{
	bool nat = s->edge_addressing == EDGE_ADDR_NAT;

	if (s->edge == EDGE_SCALED_HLB && nat)
		finding_add(v->out, FINDING_ERROR, "edge-nat-hlb", si,
			    _("Site %s: NAT is supported only with DNS load balancing; use public "
			      "addresses or switch the Edge to DNS load balancing."),
			    where);
	if (s->edge == EDGE_SINGLE && s->n_edges != 1)
		finding_add(v->out, FINDING_ERROR, "edge-single-count", si,
			    _("Site %s: a single Edge has exactly one server, but %zu are listed; "
			      "choose a scaled Edge or keep one server."),
			    where, s->n_edges);
	if (s->edge != EDGE_SINGLE && s->n_edges < 2)
		finding_add(v->out, FINDING_ERROR, "edge-scaled-count", si,
			    _("Site %s: a scaled Edge pool needs at least two servers; add a "
			      "server or choose a single Edge."),
			    where);
	if (s->n_edges > PLAN_MAX_EDGE_SERVERS)
		finding_add(v->out, FINDING_ERROR, "edge-pool-too-large", si,
			    _("Site %s: the Edge pool has %zu servers, but at most %d are "
			      "supported; remove servers or split them into two pools."),
			    where, s->n_edges, PLAN_MAX_EDGE_SERVERS);
	if (s->edge == EDGE_SCALED_HLB &&
	    (str_empty(s->edge_vip_internal) || str_empty(s->edge_vip_access) ||
	     str_empty(s->edge_vip_webconf) || str_empty(s->edge_vip_av)))
		finding_add(v->out, FINDING_ERROR, "edge-hlb-vip-missing", si,
			    _("Site %s: an Edge behind hardware load balancers needs four VIPs "
			      "(internal, Access, Web Conferencing, A/V); enter the missing "
			      "ones."),
			    where);
	if (nat && s->edge != EDGE_SCALED_HLB) {
		for (size_t i = 0; i < s->n_edges; i++) {
			const struct edge_server *e = &s->edges[i];
			if (str_empty(e->access_nat) || str_empty(e->webconf_nat) ||
			    str_empty(e->av_nat)) {
				finding_add(v->out, FINDING_ERROR, "edge-nat-missing", si,
					    _("Site %s: with NAT, each Edge server needs the "
					      "public addresses its Access, Web Conferencing and "
					      "A/V addresses are translated to; enter those of "
					      "Edge server %zu."),
					    where, i + 1);
				break;
			}
		}
	}
	if (!s->director)
		finding_add(v->out, FINDING_WARNING, "edge-no-director", si,
			    _("Site %s: a Director is recommended with an Edge: it authenticates "
			      "remote users and shields the Front End pool."),
			    where);
	if (!s->reverse_proxy)
		finding_add(v->out, FINDING_WARNING, "edge-no-reverse-proxy", si,
			    _("Site %s: the Edge has no reverse proxy; add one so that remote "
			      "users reach meeting content, the address book and mobility."),
			    where);
}

static void check_site(struct validate_ctx *v, size_t index)
{
	const struct site *s = &v->plan->sites[index];
	int si = (int)index;
	char *where = site_label(s, index);
	size_t placeholders;

	if (str_empty(s->name)) {
		finding_add(v->out, FINDING_ERROR, "name-empty", si,
			    _("Site %zu has no name; give it one."), index + 1);
	} else {
		char *what = xasprintf(_("Site %s"), where);
		check_text_name(v, si, s->name, what);
		free(what);
	}

	pool_limit_check(v, si, where, &s->frontend, N_("Front End pool"));
	if (s->edition == EDITION_STANDARD && s->frontend.n_servers > 1)
		finding_add(v->out, FINDING_ERROR, "fe-standard-count", si,
			    _("Site %s: a Standard Edition server stands alone, but %zu Front End "
			      "servers are listed; choose Enterprise Edition or keep one "
			      "server."),
			    where, s->frontend.n_servers);
	if (s->director)
		pool_limit_check(v, si, where, &s->director_pool, N_("Director pool"));
	if (s->mediation == MEDIATION_STANDALONE)
		pool_limit_check(v, si, where, &s->mediation_pool, N_("Mediation pool"));
	if (s->mediation != MEDIATION_NONE && s->n_gateways == 0)
		finding_add(v->out, FINDING_WARNING, "mediation-no-gateway", si,
			    _("Site %s: the Mediation Server has no PSTN gateway; add a gateway "
			      "or the SIP trunk's peer."),
			    where);
	if (s->n_gateways > PLAN_MAX_POOL_SERVERS)
		finding_add(v->out, FINDING_ERROR, "pool-too-large", si,
			    _("Site %s: %zu gateways are more than the %d a plan can hold; "
			      "remove some."),
			    where, s->n_gateways, PLAN_MAX_POOL_SERVERS);
	if (s->edge != EDGE_NONE)
		check_edge(v, s, si, where);
	if (s->persistent_chat)
		pool_limit_check(v, si, where, &s->pchat_pool, N_("Persistent Chat pool"));
	if (s->office_web_apps)
		pool_limit_check(v, si, where, &s->owas_pool, N_("Office Web Apps farm"));
	if (s->um != UM_NONE) {
		char *what = xasprintf(_("Site %s, Exchange UM RTP ports"), where);

		if (s->n_um_servers == 0)
			finding_add(v->out, FINDING_ERROR, "pool-empty", si,
				    _("Site %s: Exchange UM has no servers; add at least one."),
				    where);
		else if (s->n_um_servers > PLAN_MAX_POOL_SERVERS)
			finding_add(v->out, FINDING_ERROR, "pool-too-large", si,
				    _("Site %s: %zu Exchange UM servers are more than the %d a "
				      "plan can hold; remove some."),
				    where, s->n_um_servers, PLAN_MAX_POOL_SERVERS);
		check_port_range(v, si, &s->um_rtp, what);
		free(what);
		if (s->um == UM_TCP)
			finding_add(v->out, FINDING_WARNING, "um-tcp", si,
				    _("Site %s: Exchange UM is in TCP mode, but Lync and Skype for "
				      "Business integrate over TLS; we recommend TLS mode (or Dual "
				      "while older systems still need TCP)."),
				    where);
		for (size_t i = 0; i < s->n_um_servers; i++) {
			if (!s->um_servers[i].client_access && !s->um_servers[i].mailbox) {
				finding_add(v->out, FINDING_WARNING, "um-no-role", si,
					    _("Site %s: Exchange UM server %zu has neither the "
					      "Client Access nor the Mailbox role; give it at "
					      "least one."),
					    where, i + 1);
			}
		}
	}
	if (s->n_branches > PLAN_MAX_BRANCHES)
		finding_add(v->out, FINDING_ERROR, "too-many-branches", si,
			    _("Site %s: %zu branches are more than the %d a plan can hold; "
			      "remove some."),
			    where, s->n_branches, PLAN_MAX_BRANCHES);
	for (size_t i = 0; i < s->n_branches; i++) {
		const struct branch *b = &s->branches[i];
		if (str_empty(b->name)) {
			finding_add(v->out, FINDING_ERROR, "name-empty", si,
				    _("Site %s: branch %zu has no name; give it one."), where,
				    i + 1);
		} else {
			char *what = xasprintf(_("Site %s, branch %zu"), where, i + 1);
			check_text_name(v, si, b->name, what);
			free(what);
		}
	}

	placeholders = check_site_fields(v, index, where);
	if (placeholders)
		finding_add(v->out, FINDING_WARNING, "placeholders", si,
			    P_("Site %s: %zu name or address is still a placeholder "
			       "(example.com or a documentation address); replace it with "
			       "your own before you apply the tables.",
			       "Site %s: %zu names or addresses are still placeholders "
			       "(example.com or documentation addresses); replace them with "
			       "your own before you apply the tables.",
			       placeholders),
			    where, placeholders);
	free(where);
}

static void check_plan(struct validate_ctx *v)
{
	const struct plan *plan = v->plan;
	size_t cms = 0;
	bool edge = false;
	struct strset site_names = {0};

	check_text_name(v, -1, plan->name, _("The plan"));
	if (str_empty(plan->sip_domain))
		finding_add(v->out, FINDING_ERROR, "fqdn-missing", -1,
			    _("The plan has no SIP domain; enter the domain of your users' SIP "
			      "addresses."));
	else if (!model_is_fqdn(plan->sip_domain))
		finding_add(v->out, FINDING_ERROR, "fqdn-invalid", -1,
			    _("The SIP domain “%s” is not a valid domain name; correct it."),
			    model_is_clean_text(plan->sip_domain) ? plan->sip_domain : "?");
	else if (model_is_placeholder(plan->sip_domain))
		finding_add(v->out, FINDING_WARNING, "placeholders", -1,
			    _("The SIP domain %s is a placeholder; enter your own domain."),
			    plan->sip_domain);
	if (!str_empty(plan->lang) && !model_is_clean_text(plan->lang))
		finding_add(v->out, FINDING_ERROR, "name-invalid", -1,
			    _("The plan's language setting is not valid; choose a language "
			      "again."));
	check_port_range(v, -1, &plan->client_media, _("The client media ports"));

	if (plan->n_sites == 0)
		finding_add(v->out, FINDING_ERROR, "no-site", -1,
			    _("The plan has no site; add a central site."));
	if (plan->n_sites > PLAN_MAX_SITES)
		finding_add(v->out, FINDING_ERROR, "too-many-sites", -1,
			    _("The plan has %zu sites, more than the %d a plan can hold; remove "
			      "some."),
			    plan->n_sites, PLAN_MAX_SITES);
	for (size_t i = 0; i < plan->n_sites; i++) {
		const struct site *s = &plan->sites[i];
		if (s->cms)
			cms++;
		if (s->edge != EDGE_NONE)
			edge = true;
		if (!str_empty(s->name) &&
		    !strset_add(&site_names, name_key(s->name), (int)i, NULL))
			finding_add(v->out, FINDING_ERROR, "site-name-duplicate", (int)i,
				    _("Two sites are named “%s”; give each site its own name."),
				    model_is_clean_text(s->name) ? s->name : "?");
	}
	strset_free(&site_names);
	if (plan->n_sites > 0 && cms == 0)
		finding_add(v->out, FINDING_ERROR, "cms-none", -1,
			    _("No site holds the Central Management store; choose the site "
			      "whose Front End pool will hold it."));
	if (cms > 1)
		finding_add(v->out, FINDING_ERROR, "cms-multiple", -1,
			    _("%zu sites hold the Central Management store; a deployment has "
			      "exactly one, so keep it in one site."),
			    cms);
	if (plan->federation && !edge)
		finding_add(v->out, FINDING_ERROR, "federation-no-edge", -1,
			    _("Federation and public IM need an Edge Server, but no site has "
			      "one; add an Edge to a site or turn federation off."));
}

void plan_validate(const struct plan *plan, struct findings *out)
{
	struct validate_ctx v = {.plan = plan, .out = out};

	memset(out, 0, sizeof *out);
	if (!plan)
		return;
	check_plan(&v);
	for (size_t i = 0; i < plan->n_sites; i++)
		check_site(&v, i);
	strset_free(&v.names);
	strset_free(&v.addresses);
}
