/* sitefields.c: the names and addresses of a site, and the set of strings
 * in use.
 *
 * model_site_fields lists every name and address a site's current choices
 * call for; both the placeholder defaults (defaults.c) and the validation
 * (validate.c) walk that one list, so they cannot disagree on what a site
 * holds.  The string set is how both of them know which names and
 * addresses are already taken. */
#include "ucplan/model.h"

#include <arpa/inet.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "model_private.h"
#include "ucplan/i18n.h"

/* ---- a set of strings (names and addresses already in use) -------------- */

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
bool model_strset_add(struct strset *set, char *key, int value, int *previous)
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

void model_strset_free(struct strset *set)
{
	for (size_t i = 0; i < set->cap; i++)
		free(set->keys[i]);
	free(set->keys);
	free(set->values);
	memset(set, 0, sizeof *set);
}

bool model_names_equal(const char *a, const char *b)
{
	for (; *a && ascii_lower(*a) == ascii_lower(*b); a++, b++)
		;
	return ascii_lower(*a) == ascii_lower(*b);
}

/* Names compare without regard to ASCII case. */
char *model_name_key(const char *name)
{
	char *key = xstrdup(name);

	for (char *p = key; *p; p++)
		*p = ascii_lower(*p);
	return key;
}

/* Addresses compare in canonical form, so 2001:DB8::1 equals 2001:db8:0::1. */
char *model_address_key(const char *address)
{
	unsigned char a[16];
	char text[INET6_ADDRSTRLEN];

	/* inet_pton takes only the canonical dotted quad (no leading zeros,
	 * four parts): an IPv4 address that parses is its own key */
	if (inet_pton(AF_INET, address, a) == 1)
		return xstrdup(address);
	if (inet_pton(AF_INET6, address, a) == 1 && inet_ntop(AF_INET6, a, text, sizeof text))
		return xstrdup(text);
	return model_name_key(address);
}

/* ---- the names and addresses of a site ---------------------------------- */

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

void model_field_list_free(struct field_list *fl)
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
	const char *web_internal; /* NULL: the pool has no such name */
	const char *web_external;
	const char *web_internal_prefix;
	const char *web_external_prefix;
};

/* How a pool's internal web services name is listed. */
enum {
	WEB_INTERNAL_FILL = 1u << 0,  /* the pool needs one: give a placeholder */
	WEB_INTERNAL_ALIAS = 1u << 1, /* it may equal the pool's own name */
};

static const struct pool_labels frontend_labels = {
    N_("Front End pool name"),
    N_("Front End pool VIP"),
    N_("Front End server %zu name"),
    N_("Front End server %zu address"),
    N_("Front End pool internal web services name"),
    N_("Front End pool external web services name"),
    "webint",
    "webext",
};
static const struct pool_labels director_labels = {
    N_("Director pool name"),
    N_("Director pool VIP"),
    N_("Director %zu name"),
    N_("Director %zu address"),
    N_("Director pool internal web services name"),
    N_("Director pool external web services name"),
    "dirwebint",
    "dirwebext",
};
static const struct pool_labels mediation_labels = {
    N_("Mediation pool name"),
    N_("Mediation pool VIP"),
    N_("Mediation Server %zu name"),
    N_("Mediation Server %zu address"),
    NULL,
    NULL,
    NULL,
    NULL,
};
static const struct pool_labels pchat_labels = {
    N_("Persistent Chat pool name"),
    N_("Persistent Chat pool VIP"),
    N_("Persistent Chat server %zu name"),
    N_("Persistent Chat server %zu address"),
    NULL,
    NULL,
    NULL,
    NULL,
};
static const struct pool_labels owas_labels = {
    N_("Office Web Apps farm name"),
    N_("Office Web Apps farm VIP"),
    N_("Office Web Apps server %zu name"),
    N_("Office Web Apps server %zu address"),
    NULL,
    N_("Office Web Apps external name"),
    NULL,
    "wacweb-ext",
};

/* A web services name: filled with a placeholder, never required (plans
 * saved before ucplan knew these names stay valid; the reports fill them). */
static struct field *field_web(struct field_list *fl, char **slot, const char *prefix,
			       const char *label)
{
	struct field *f = field_add(fl, slot, FIELD_NAME, label, 0);

	f->prefix = prefix;
	f->required = false;
	return f;
}

/* A pool: its name, its VIP (filled only when needs_vip) and its members. */
static void fields_pool(struct field_list *fl, struct pool *p, const char *pool_prefix,
			const char *server_prefix, bool needs_vip, const struct pool_labels *labels,
			unsigned web)
{
	field_name(fl, &p->fqdn, pool_prefix, false, labels->name, 0);
	if (p->n_servers == 1)
		fl->items[fl->count - 1].alias = p->servers[0].fqdn;
	field_address(fl, &p->vip, NET_INTERNAL, needs_vip, labels->vip, 0);
	if (needs_vip)
		fl->items[fl->count - 1].required = false;
	if (labels->web_internal && (p->web_internal || (web & WEB_INTERNAL_FILL))) {
		struct field *f = field_web(fl, &p->web_internal, labels->web_internal_prefix,
					    labels->web_internal);
		f->fill = (web & WEB_INTERNAL_FILL) != 0;
		/* behind a hardware load balancer only, the pool's own name may
		 * serve its web services; with DNS load balancing it may not */
		if (web & WEB_INTERNAL_ALIAS)
			f->alias = p->fqdn;
	}
	if (labels->web_external)
		field_web(fl, &p->web_external, labels->web_external_prefix, labels->web_external);
	for (size_t i = 0; i < p->n_servers; i++) {
		field_name(fl, &p->servers[i].fqdn, server_prefix, true, labels->server_name,
			   i + 1);
		field_address(fl, &p->servers[i].address, NET_INTERNAL, true,
			      labels->server_address, i + 1);
	}
}

static void fields_edge(struct field_list *fl, struct site *s)
{
	bool nat = s->edge_addressing == EDGE_ADDR_NAT;
	bool hlb = s->edge == EDGE_SCALED_HLB;
	enum addr_net external = nat ? NET_PRIVATE_EXTERNAL : NET_PUBLIC;

	field_name(fl, &s->edge_fqdn, "edgepool", false, N_("Edge pool name"), 0);
	if (s->n_edges == 1)
		fl->items[fl->count - 1].alias = s->edges[0].fqdn;
	/* the Planning Tool's habit: access1, webcon1, av1 */
	field_web(fl, &s->edge_access_fqdn, "access", N_("Access Edge external name"));
	field_web(fl, &s->edge_webconf_fqdn, "webcon", N_("Web Conferencing Edge external name"));
	field_web(fl, &s->edge_av_fqdn, "av", N_("A/V Edge external name"));
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

/* Every name and address the site's current choices call for, plus any
 * optional one it holds, in a fixed order (defaults depend on it). */
void model_site_fields(struct field_list *fl, struct site *s)
{
	fields_pool(fl, &s->frontend, "pool", "fe", frontend_needs_vip(s), &frontend_labels,
		    (s->edition == EDITION_ENTERPRISE ? WEB_INTERNAL_FILL : 0) |
			(s->pool_lb == POOL_LB_HARDWARE ? WEB_INTERNAL_ALIAS : 0));
	field_name(fl, &s->file_share, "fs", false, N_("file share"), 0);
	if (s->director)
		fields_pool(fl, &s->director_pool, "dirpool", "dir", director_needs_vip(s),
			    &director_labels,
			    (director_needs_vip(s) ? WEB_INTERNAL_FILL : 0) |
				(s->pool_lb == POOL_LB_HARDWARE ? WEB_INTERNAL_ALIAS : 0));
	if (s->mediation == MEDIATION_STANDALONE)
		fields_pool(fl, &s->mediation_pool, "medpool", "med", mediation_needs_vip(s),
			    &mediation_labels, 0);
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
		fields_pool(fl, &s->pchat_pool, "pchatpool", "pchat", false, &pchat_labels, 0);
	if (s->office_web_apps)
		fields_pool(fl, &s->owas_pool, "owas", "owas", owas_needs_vip(s), &owas_labels, 0);
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
		model_slug_make(b->name, slug, sizeof slug);
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

char *model_field_label(const struct field *f)
{
	if (strstr(f->label, "%s"))
		return xasprintf(_(f->label), f->arg ? f->arg : "");
	if (strstr(f->label, "%zu"))
		return xasprintf(_(f->label), f->n);
	return xstrdup(_(f->label));
}
