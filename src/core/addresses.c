/* addresses.c: the names and addresses of a site as an editable list.
 *
 * The list points into the plan, so an edit is a store through the
 * entry.  Entries of one pool and kind (the Front End Servers' names, their
 * addresses, ...) share a group so that "number the rest" can count up
 * from the first member without touching anything else. */
#include "ucplan/wizard.h"

#include <arpa/inet.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ucplan/i18n.h"
#include "ucplan/textwidth.h"

#include "model_private.h"

/* Room for the longest FQDN (253) and any address text, with margin. */
enum { ADDRESS_TEXT_MAX = 320 };

struct entry_list {
	struct address_entry *items;
	size_t count;
	size_t cap;
	unsigned groups; /* groups handed out so far */
};

static unsigned group_new(struct entry_list *l)
{
	return l->groups++;
}

static void entry_add(struct entry_list *l, const char *label, enum address_kind kind, char **value,
		      unsigned group, unsigned member, const char *detail)
{
	if (l->count == l->cap) {
		l->cap = l->cap ? l->cap * 2 : 32;
		l->items = xreallocarray(l->items, l->cap, sizeof *l->items);
	}
	l->items[l->count++] = (struct address_entry){label, kind, value, group, member, detail};
}

/* A single name or address: a group of its own. */
static void entry_single(struct entry_list *l, const char *label, enum address_kind kind,
			 char **value)
{
	entry_add(l, label, kind, value, group_new(l), 0, NULL);
}

struct pool_labels {
	const char *pool;
	const char *vip;
	const char *server;
	const char *address;
	const char *web_internal; /* NULL: the pool has no such name */
	const char *web_external;
};

static const struct pool_labels frontend_labels = {
    N_("Front End pool"),
    N_("Front End pool VIP"),
    N_("Front End Server"),
    N_("Front End Server address"),
    N_("Internal web services (Front End)"),
    N_("External web services (Front End)"),
};
static const struct pool_labels director_labels = {
    N_("Director pool"),
    N_("Director pool VIP"),
    N_("Director"),
    N_("Director address"),
    N_("Internal web services (Director)"),
    N_("External web services (Director)"),
};
static const struct pool_labels mediation_labels = {
    N_("Mediation pool"),
    N_("Mediation pool VIP"),
    N_("Mediation Server"),
    N_("Mediation Server address"),
    NULL,
    NULL,
};
static const struct pool_labels pchat_labels = {
    N_("Persistent Chat pool"),
    N_("Persistent Chat pool VIP"),
    N_("Persistent Chat Server"),
    N_("Persistent Chat Server address"),
    NULL,
    NULL,
};
static const struct pool_labels owas_labels = {
    N_("Office Web Apps farm"),
    N_("Office Web Apps farm VIP"),
    N_("Office Web Apps Server"),
    N_("Office Web Apps Server address"),
    NULL,
    N_("Office Web Apps external name"),
};
static const struct pool_labels um_labels = {
    NULL,
    NULL,
    N_("Exchange UM server"),
    N_("Exchange UM server address"),
    NULL,
    NULL,
};
static const struct pool_labels gateway_labels = {
    NULL,
    NULL,
    N_("PSTN gateway"),
    N_("PSTN gateway address"),
    NULL,
    NULL,
};

/* Members: each one's name then its address, names in one group and
 * addresses in another. */
static void list_servers(struct entry_list *l, struct server *servers, size_t n,
			 const struct pool_labels *labels)
{
	unsigned names = group_new(l), addresses = group_new(l);

	for (size_t i = 0; i < n; i++) {
		entry_add(l, labels->server, ADDRESS_FQDN, &servers[i].fqdn, names, (unsigned)i,
			  NULL);
		entry_add(l, labels->address, ADDRESS_IP, &servers[i].address, addresses,
			  (unsigned)i, NULL);
	}
}

/* A pool: its name, its VIP when it has (or needs) one, its members. */
static void list_pool(struct entry_list *l, struct pool *p, bool needs_vip,
		      const struct pool_labels *labels)
{
	entry_single(l, labels->pool, ADDRESS_FQDN, &p->fqdn);
	if (needs_vip || p->vip)
		entry_single(l, labels->vip, ADDRESS_IP, &p->vip);
	list_servers(l, p->servers, p->n_servers, labels);
	/* after the members; listed when the defaults gave one (or the plan
	 * holds one): a Standard Edition server's internal web services keep
	 * its name */
	if (labels->web_internal && p->web_internal)
		entry_single(l, labels->web_internal, ADDRESS_FQDN, &p->web_internal);
	if (labels->web_external && p->web_external)
		entry_single(l, labels->web_external, ADDRESS_FQDN, &p->web_external);
}

static void list_edge(struct entry_list *l, struct site *s)
{
	bool nat = s->edge_addressing == EDGE_ADDR_NAT;
	bool hlb = s->edge == EDGE_SCALED_HLB;
	unsigned names, internal, ext[3], pub[3];
	static const char *const ext_labels[3] = {
	    N_("Access Edge external address"),
	    N_("Web Conferencing Edge external address"),
	    N_("A/V Edge external address"),
	};
	static const char *const pub_labels[3] = {
	    N_("Access Edge public address (NAT)"),
	    N_("Web Conferencing Edge public address (NAT)"),
	    N_("A/V Edge public address (NAT)"),
	};

	entry_single(l, N_("Edge pool (internal)"), ADDRESS_FQDN, &s->edge_fqdn);
	entry_single(l, N_("Access Edge external name"), ADDRESS_FQDN, &s->edge_access_fqdn);
	entry_single(l, N_("Web Conferencing Edge external name"), ADDRESS_FQDN,
		     &s->edge_webconf_fqdn);
	entry_single(l, N_("A/V Edge external name"), ADDRESS_FQDN, &s->edge_av_fqdn);
	names = group_new(l);
	internal = group_new(l);
	for (size_t k = 0; k < 3; k++)
		ext[k] = group_new(l);
	for (size_t k = 0; k < 3; k++)
		pub[k] = group_new(l);
	for (size_t i = 0; i < s->n_edges; i++) {
		struct edge_server *e = &s->edges[i];
		char **ext_slots[3] = {&e->access, &e->webconf, &e->av};
		char **pub_slots[3] = {&e->access_nat, &e->webconf_nat, &e->av_nat};
		unsigned m = (unsigned)i;

		entry_add(l, N_("Edge Server"), ADDRESS_FQDN, &e->fqdn, names, m, NULL);
		entry_add(l, N_("Edge Server internal address"), ADDRESS_IP, &e->internal, internal,
			  m, NULL);
		for (size_t k = 0; k < 3; k++)
			entry_add(l, ext_labels[k], ADDRESS_IP, ext_slots[k], ext[k], m, NULL);
		for (size_t k = 0; k < 3; k++)
			if (nat || *pub_slots[k])
				entry_add(l, pub_labels[k], ADDRESS_IP, pub_slots[k], pub[k], m,
					  NULL);
	}
	if (hlb || s->edge_vip_internal)
		entry_single(l, N_("Edge internal VIP"), ADDRESS_IP, &s->edge_vip_internal);
	if (hlb || s->edge_vip_access)
		entry_single(l, N_("Access Edge external VIP"), ADDRESS_IP, &s->edge_vip_access);
	if (hlb || s->edge_vip_webconf)
		entry_single(l, N_("Web Conferencing Edge external VIP"), ADDRESS_IP,
			     &s->edge_vip_webconf);
	if (hlb || s->edge_vip_av)
		entry_single(l, N_("A/V Edge external VIP"), ADDRESS_IP, &s->edge_vip_av);
}

static void list_branches(struct entry_list *l, struct site *s)
{
	unsigned names = group_new(l), addresses = group_new(l), m = 0;

	for (size_t i = 0; i < s->n_branches; i++) {
		struct branch *b = &s->branches[i];
		bool sba = b->kind == BRANCH_SBA;

		/* A branch without an appliance has nothing to address. */
		if (b->kind == BRANCH_NONE)
			continue;
		entry_add(l,
			  sba ? N_("Survivable Branch Appliance") : N_("Survivable Branch Server"),
			  ADDRESS_FQDN, &b->fqdn, names, m, b->name);
		entry_add(l,
			  sba ? N_("Survivable Branch Appliance address")
			      : N_("Survivable Branch Server address"),
			  ADDRESS_IP, &b->address, addresses, m, b->name);
		m++;
	}
}

/* The VIP rules follow the model's: a VIP is listed when the site's choices
 * call for one, or when the plan holds one anyway. */
size_t wizard_addresses(struct plan *plan, size_t site, struct address_entry **out)
{
	struct entry_list l = {0};
	struct site *s;

	*out = NULL;
	if (!plan || site >= plan->n_sites)
		return 0;
	s = &plan->sites[site];

	list_pool(&l, &s->frontend, s->edition == EDITION_ENTERPRISE, &frontend_labels);
	entry_single(&l, N_("File store"), ADDRESS_FQDN, &s->file_share);
	if (s->director)
		list_pool(&l, &s->director_pool, s->director_pool.n_servers >= 2, &director_labels);
	if (s->mediation == MEDIATION_STANDALONE)
		list_pool(&l, &s->mediation_pool, s->pool_lb == POOL_LB_HARDWARE,
			  &mediation_labels);
	if (s->edge != EDGE_NONE)
		list_edge(&l, s);
	if (s->reverse_proxy) {
		entry_single(&l, N_("Reverse proxy"), ADDRESS_FQDN, &s->rp_fqdn);
		entry_single(&l, N_("Reverse proxy internal address"), ADDRESS_IP, &s->rp_internal);
		entry_single(&l, N_("Reverse proxy external address"), ADDRESS_IP, &s->rp_external);
	}
	if (s->persistent_chat)
		list_pool(&l, &s->pchat_pool, false, &pchat_labels);
	if (s->office_web_apps)
		list_pool(&l, &s->owas_pool, s->owas_pool.n_servers >= 2, &owas_labels);
	if (s->um != UM_NONE) {
		unsigned names = group_new(&l), addresses = group_new(&l);

		for (size_t i = 0; i < s->n_um_servers; i++) {
			entry_add(&l, um_labels.server, ADDRESS_FQDN, &s->um_servers[i].fqdn, names,
				  (unsigned)i, NULL);
			entry_add(&l, um_labels.address, ADDRESS_IP, &s->um_servers[i].address,
				  addresses, (unsigned)i, NULL);
		}
	}
	if (s->mediation != MEDIATION_NONE)
		list_servers(&l, s->gateways, s->n_gateways, &gateway_labels);
	list_branches(&l, s);

	*out = l.items;
	return l.count;
}

size_t wizard_plan_names(struct plan *plan, struct address_entry **out)
{
	struct entry_list l = {0};

	*out = NULL;
	if (!plan)
		return 0;
	entry_single(&l, N_("SIP domain"), ADDRESS_FQDN, &plan->sip_domain);
	/* each Meet simple URL says whose it is */
	entry_add(&l, N_("Meet simple URL"), ADDRESS_FQDN, &plan->meet_url, group_new(&l), 0,
		  plan->sip_domain);
	for (size_t i = 0; i < plan->n_domains; i++) {
		entry_single(&l, N_("Other SIP domain"), ADDRESS_FQDN, &plan->domains[i].name);
		entry_add(&l, N_("Meet simple URL"), ADDRESS_FQDN, &plan->domains[i].meet,
			  group_new(&l), 0, plan->domains[i].name);
	}
	entry_single(&l, N_("Dial-in simple URL"), ADDRESS_FQDN, &plan->dialin_url);
	entry_single(&l, N_("Admin simple URL"), ADDRESS_FQDN, &plan->admin_url);
	if (plan->federation & FEDERATION_XMPP)
		entry_single(&l, N_("XMPP host"), ADDRESS_FQDN, &plan->xmpp_fqdn);
	*out = l.items;
	return l.count;
}

/* ---- editing --------------------------------------------------------------- */

/* The columns of a refused value quoted in a message. */
enum { SHOWN_MAX = 40 };


/* A start of an IPv4 address: up to four parts of at most three digits,
 * none above 255. */
static enum address_verdict check_ipv4(const char *t, char *why, size_t size)
{
	unsigned parts = 1, value = 0, digits = 0;

	for (const char *p = t;; p++) {
		if (*p >= '0' && *p <= '9') {
			value = value * 10 + (unsigned)(*p - '0');
			if (++digits > 3 || value > 255) {
				uc_message(why, size,
				    _("Each part of an IPv4 address is a number from 0 to 255."));
				return ADDRESS_INVALID;
			}
			continue;
		}
		if (*p == '.' && digits && parts < 4) {
			parts++;
			value = digits = 0;
			continue;
		}
		if (*p == '\0')
			return ADDRESS_INCOMPLETE;
		uc_message(why, size,
		    _("An IPv4 address has four numbers from 0 to 255 separated by dots, like "
		      "192.0.2.10."));
		return ADDRESS_INVALID;
	}
}

/* A start of an IPv6 address: hexadecimal groups of at most four digits,
 * "::" once, an IPv4 tail allowed. */
static enum address_verdict check_ipv6(const char *t, char *why, size_t size)
{
	unsigned group = 0, groups = 0;
	const char *dbl = strstr(t, "::");

	if (dbl && strstr(dbl + 1, "::")) {
		uc_message(why, size, _("An IPv6 address has at most one \"::\"."));
		return ADDRESS_INVALID;
	}
	for (const char *p = t; *p; p++) {
		bool hex = (*p >= '0' && *p <= '9') || (*p >= 'a' && *p <= 'f') ||
			   (*p >= 'A' && *p <= 'F');
		if (hex && ++group <= 4)
			continue;
		if (*p == ':' && groups < 8) {
			group = 0;
			groups++;
			continue;
		}
		if (*p == '.' && strchr(t, ':'))
			return strchr(p, ':') ? ADDRESS_INVALID : ADDRESS_INCOMPLETE;
		uc_message(why, size,
		    _("An IPv6 address has groups of up to four hexadecimal digits separated by "
		      "colons, like 2001:db8::10."));
		return ADDRESS_INVALID;
	}
	return ADDRESS_INCOMPLETE;
}

/* Addresses no server and no VIP can have. */
static bool address_reserved(const char *t, char *why, size_t size)
{
	struct in_addr a4;
	struct in6_addr a6;

	if (inet_pton(AF_INET, t, &a4) == 1) {
		unsigned long h = ntohl(a4.s_addr);
		if (h == 0)
			uc_message(why, size,
			    _("0.0.0.0 means “no address”; enter the address the others reach "
			      "this at."));
		else if (h == 0xffffffffUL)
			uc_message(why, size,
			    _("255.255.255.255 is the broadcast address; enter the address the "
			      "others reach this at."));
		else if ((h >> 24) == 127)
			uc_message(why, size,
			    _("%s is a loopback address, reachable only from the machine itself; "
			      "enter the address the others reach this at."),
			    t);
		else if ((h >> 28) == 14)
			uc_message(why, size,
			    _("%s is a multicast address; enter the address the others reach "
			      "this at."),
			    t);
		else
			return false;
		return true;
	}
	if (inet_pton(AF_INET6, t, &a6) == 1) {
		static const unsigned char zero[16];
		bool unspecified = memcmp(a6.s6_addr, zero, 16) == 0;
		bool loopback = memcmp(a6.s6_addr, zero, 15) == 0 && a6.s6_addr[15] == 1;
		if (unspecified || loopback)
			uc_message(why, size,
			    _("%s is not an address others can reach; enter the address the "
			      "others reach this at."),
			    t);
		else if (a6.s6_addr[0] == 0xff)
			uc_message(why, size,
			    _("%s is a multicast address; enter the address the others reach "
			      "this at."),
			    t);
		else
			return false;
		return true;
	}
	return false;
}

enum address_verdict address_check(enum address_kind kind, const char *text, char *why,
				   size_t size)
{
	const char *t = text ? text : "";

	uc_message(why, size, "%s", "");
	if (kind == ADDRESS_IP) {
		if (model_is_ip(t))
			return address_reserved(t, why, size) ? ADDRESS_INVALID : ADDRESS_VALID;
		if (strchr(t, ':'))
			return check_ipv6(t, why, size);
		if (strchr(t, '.'))
			return check_ipv4(t, why, size);
		/* one number or group so far: either kind may follow */
		if (strspn(t, "0123456789abcdefABCDEF") == strlen(t) && strlen(t) <= 4)
			return ADDRESS_INCOMPLETE;
		uc_message(why, size,
		    _("Enter an IPv4 or IPv6 address, for example 192.0.2.10 or 2001:db8::10."));
		return ADDRESS_INVALID;
	}
	if (model_is_fqdn(t))
		return ADDRESS_VALID;
	if (strlen(t) > FQDN_MAX) {
		uc_message(why, size,
		    _("This name is %zu characters long; a fully qualified domain name has at "
		      "most %d."),
		    tw_width(t), FQDN_MAX);
		return ADDRESS_INVALID;
	}
	for (const char *p = t; *p; p++) {
		bool ok = (*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
			  (*p >= '0' && *p <= '9') || *p == '-' || *p == '.';
		if (!ok || (*p == '.' && (p == t || p[-1] == '.')) ||
		    (*p == '-' && (p == t || p[-1] == '.')) || (*p == '.' && p[-1] == '-')) {
			uc_message(why, size,
			    _("A fully qualified domain name has letters, digits and hyphens in "
			      "dot-separated labels, like fe01.example.com."));
			return ADDRESS_INVALID;
		}
	}
	return ADDRESS_INCOMPLETE;
}

bool address_duplicate(struct plan *plan, enum address_kind kind, const char *value,
		       char *const *self, char *who, size_t size)
{
	bool ip = kind == ADDRESS_IP;
	char *key, *other;
	bool found = false;

	if (str_empty(value) || (ip ? !model_is_ip(value) : !model_is_fqdn(value)))
		return false;
	key = ip ? model_address_key(value) : model_name_key(value);
	for (size_t s = 0; plan && s < plan->n_sites && !found; s++) {
		struct address_entry *e;
		size_t n = wizard_addresses(plan, s, &e);

		for (size_t i = 0; i < n && !found; i++) {
			size_t members = 0;
			if (e[i].value == self || e[i].kind != kind || str_empty(*e[i].value))
				continue;
			other = ip ? model_address_key(*e[i].value) : model_name_key(*e[i].value);
			found = str_eq(other, key);
			free(other);
			if (!found)
				continue;
			for (size_t k = 0; k < n; k++)
				members += e[k].group == e[i].group;
			if (members > 1)
				/* TRANSLATORS: an entry of the names screen: its label,
				   its number and its site ("Front End Server 2 in site
				   Dublin") */
				uc_message(who, size, _("%s %u in site %s"), _(e[i].label),
					   e[i].member + 1, plan->sites[s].name);
			else
				uc_message(who, size, _("%s in site %s"), _(e[i].label),
					   plan->sites[s].name);
		}
		free(e);
	}
	free(key);
	return found;
}

enum uc_status address_set(struct address_entry *entry, const char *value, char *message,
			   size_t size)
{
	bool ip = entry->kind == ADDRESS_IP;
	const char *start = value ? value : "";
	const char *end;
	char *text;
	bool ok;

	uc_message(message, size, "%s", "");
	if (!entry->value) {
		uc_message(message, size, "%s", _("This entry no longer exists; reopen the list."));
		return UC_ERR_INVALID;
	}
	while (*start == ' ' || *start == '\t')
		start++;
	end = start + strlen(start);
	while (end > start && (end[-1] == ' ' || end[-1] == '\t'))
		end--;
	text = xstrndup(start, (size_t)(end - start));
	if (text[0] == '\0') {
		uc_message(message, size, "%s",
		    ip ? _("Enter an IPv4 or IPv6 address, for example 192.0.2.10 or "
			   "2001:db8::10.")
		       : _("Enter a fully qualified domain name, for example fe01.example.com."));
		free(text);
		return UC_ERR_INVALID;
	}
	ok = ip ? model_is_ip(text) : model_is_fqdn(text);
	if (!ok && !ip && strlen(text) > FQDN_MAX) {
		/* Said in words: quoting 300 characters pushed the reason off
		 * the screen. */
		uc_message(message, size,
		    _("This name is %zu characters long; a fully qualified domain name has at "
		      "most %d."),
		    tw_width(text), FQDN_MAX);
		free(text);
		return UC_ERR_INVALID;
	}
	if (ok && ip && address_reserved(text, message, size)) {
		free(text);
		return UC_ERR_INVALID;
	}
	if (!ok) {
		/* The value quoted short and harmless: the reason must fit on
		 * the screen, and control characters must not reach it. */
		char *clean = tw_neutralize(text);
		char shown[SHOWN_MAX * 4 + 8];

		tw_fit_pad(shown, sizeof shown, clean, SHOWN_MAX, 0, 0);
		free(clean);

		if (ip)
			uc_message(message, size,
			    _("“%s” is not an IPv4 or IPv6 address; write it like 192.0.2.10 or "
			      "2001:db8::10."),
			    shown);
		else
			uc_message(message, size,
			    _("“%s” is not a fully qualified domain name: use letters, digits and "
			      "hyphens in two or more dot-separated labels, like "
			      "fe01.example.com."),
			    shown);
		free(text);
		return UC_ERR_INVALID;
	}
	free(*entry->value);
	*entry->value = text;
	return UC_OK;
}

/* The next name: the last run of digits in the first label, plus one,
 * keeping its width (fe09 -> fe10) and growing only on overflow. */
static bool name_successor(const char *value, char *buf, size_t size)
{
	size_t label = strcspn(value, ".");
	size_t end = label, start, len = strlen(value);
	char digits[ADDRESS_TEXT_MAX + 1];
	size_t n;
	bool carry = true;

	while (end > 0 && (value[end - 1] < '0' || value[end - 1] > '9'))
		end--;
	if (end == 0)
		return false;
	start = end;
	while (start > 0 && value[start - 1] >= '0' && value[start - 1] <= '9')
		start--;
	n = end - start;
	if (n >= sizeof digits - 1)
		return false;
	memcpy(digits + 1, value + start, n);
	for (size_t i = n; i > 0 && carry; i--) {
		if (digits[i] == '9') {
			digits[i] = '0';
		} else {
			digits[i]++;
			carry = false;
		}
	}
	digits[0] = '1';
	digits[n + 1] = '\0';
	/* Room for the prefix, the digits (one more on overflow) and the rest. */
	if (len + (carry ? 1 : 0) + 1 > size)
		return false;
	snprintf(buf, size, "%.*s%s%s", (int)start, value, carry ? digits : digits + 1,
		 value + end);
	return true;
}

static bool ipv4_successor(const char *value, char *buf, size_t size)
{
	unsigned char a[4];
	char text[INET_ADDRSTRLEN];

	if (inet_pton(AF_INET, value, a) != 1)
		return false;
	/* .255 is the broadcast address of a /24; stop before it. */
	if (a[3] >= 254)
		return false;
	a[3]++;
	if (!inet_ntop(AF_INET, a, text, sizeof text) || strlen(text) + 1 > size)
		return false;
	memcpy(buf, text, strlen(text) + 1);
	return true;
}

static bool ipv6_successor(const char *value, char *buf, size_t size)
{
	unsigned char a[16];
	char text[INET6_ADDRSTRLEN];
	unsigned last;

	if (inet_pton(AF_INET6, value, a) != 1)
		return false;
	last = (unsigned)a[14] << 8 | a[15];
	if (last == 0xffff)
		return false;
	last++;
	a[14] = (unsigned char)(last >> 8);
	a[15] = (unsigned char)last;
	if (!inet_ntop(AF_INET6, a, text, sizeof text) || strlen(text) + 1 > size)
		return false;
	memcpy(buf, text, strlen(text) + 1);
	return true;
}

bool address_successor(const char *value, enum address_kind kind, char *buf, size_t size)
{
	if (str_empty(value) || !buf || size == 0)
		return false;
	/* Counting up can lengthen a label or the name past what DNS allows:
	 * then an FQDN has no successor. */
	if (kind == ADDRESS_FQDN)
		return name_successor(value, buf, size) &&
		       (!model_is_fqdn(value) || model_is_fqdn(buf));
	if (strchr(value, ':'))
		return ipv6_successor(value, buf, size);
	return ipv4_successor(value, buf, size);
}

size_t address_number_rest(struct address_entry *entries, size_t n, size_t first)
{
	const struct address_entry *from;
	const char *prev;
	char next[ADDRESS_TEXT_MAX];
	size_t changed = 0;

	if (!entries || first >= n || !entries[first].value)
		return 0;
	from = &entries[first];
	prev = *from->value;
	for (size_t i = first + 1; i < n && !str_empty(prev); i++) {
		struct address_entry *e = &entries[i];

		if (e->group != from->group || e->kind != from->kind || e->member <= from->member ||
		    !e->value)
			continue;
		if (!address_successor(prev, from->kind, next, sizeof next))
			break;
		if (!str_eq(*e->value, next)) {
			free(*e->value);
			*e->value = xstrdup(next);
			changed++;
		}
		prev = *e->value;
	}
	return changed;
}
