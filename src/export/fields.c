/* fields.c: the machine columns of each table (fields.h). */
#include "ucplan/fields.h"

#include "ucplan/i18n.h"
#include "ucplan/view.h"

/* Decimal digits of v into the end of buf (at least 10 bytes); returns
 * where they start.  Ports are written for every row: no printf. */
static char *put_digits(char *end, unsigned v)
{
	do {
		*--end = (char)('0' + v % 10);
		v /= 10;
	} while (v);
	return end;
}

void fields_put_port(struct strbuf *sb, struct report_port port)
{
	char buf[24], *p = buf + sizeof buf;

	if (port.kind == REPORT_PORT_ANY) {
		strbuf_add(sb, "any", 3);
		return;
	}
	if (port.kind != REPORT_PORT_SINGLE) {
		p = put_digits(p, port.last);
		*--p = '-';
	}
	p = put_digits(p, port.first);
	strbuf_add(sb, p, (size_t)(buf + sizeof buf - p));
}

static void put_text(struct strbuf *sb, const char *s)
{
	if (!str_empty(s))
		strbuf_puts(sb, s);
}

/* The name of an endpoint: its pool, or its servers' names. */
static void put_name(struct strbuf *sb, const struct report_endpoint *e)
{
	if (e->special)
		return;
	if (!str_empty(e->pool)) {
		strbuf_puts(sb, e->pool);
		return;
	}
	for (size_t i = 0, n = 0; i < e->n_members; i++)
		if (!str_empty(e->members[i].fqdn)) {
			if (n++)
				strbuf_add(sb, " ", 1);
			strbuf_puts(sb, e->members[i].fqdn);
		}
}

/* The addresses of an endpoint: the VIP marked "vip:", then each member's
 * address, with its NAT translation as "private=public". */
static void put_addresses(struct strbuf *sb, const struct report_endpoint *e)
{
	size_t n = 0;

	if (!str_empty(e->vip)) {
		strbuf_add(sb, "vip:", 4);
		strbuf_puts(sb, e->vip);
		n++;
	}
	for (size_t i = 0; i < e->n_members; i++) {
		const struct report_member *m = &e->members[i];
		if (str_empty(m->address))
			continue;
		if (n++)
			strbuf_add(sb, " ", 1);
		strbuf_puts(sb, m->address);
		if (!str_empty(m->nat)) {
			strbuf_add(sb, "=", 1);
			strbuf_puts(sb, m->nat);
		}
	}
}

#define F(name) static void name(struct strbuf *sb, const struct report *r, const struct report_flow *f)
#define UNUSED_R (void)r

F(f_site)
{
	put_text(sb, report_site_name(r, f->site));
}
F(f_rule)
{
	UNUSED_R;
	strbuf_puts(sb, f->rule_id);
}
F(f_scope)
{
	UNUSED_R;
	strbuf_puts(sb, f->scope);
}
F(f_source_role)
{
	UNUSED_R;
	strbuf_puts(sb, f->source->role);
}
F(f_source_name)
{
	UNUSED_R;
	put_name(sb, f->source);
}
F(f_source_addresses)
{
	UNUSED_R;
	put_addresses(sb, f->source);
}
F(f_destination_role)
{
	UNUSED_R;
	strbuf_puts(sb, f->destination->role);
}
F(f_destination_name)
{
	UNUSED_R;
	put_name(sb, f->destination);
}
F(f_destination_addresses)
{
	UNUSED_R;
	put_addresses(sb, f->destination);
}
F(f_transport)
{
	UNUSED_R;
	strbuf_puts(sb, f->transport);
}
F(f_source_port)
{
	UNUSED_R;
	fields_put_port(sb, f->source_port);
}
F(f_destination_port)
{
	UNUSED_R;
	fields_put_port(sb, f->destination_port);
}
F(f_service)
{
	UNUSED_R;
	if (!str_empty(f->service))
		strbuf_puts(sb, _(f->service));
}
F(f_note)
{
	UNUSED_R;
	if (!str_empty(f->note))
		strbuf_puts(sb, _(f->note));
}
F(f_authentication)
{
	UNUSED_R;
	if (!str_empty(f->authentication))
		strbuf_puts(sb, _(f->authentication));
}
F(f_reference)
{
	UNUSED_R;
	view_put_sources(sb, f);
}
/* lb: the balanced pool (source) and its VIP (destination) */
F(f_vip)
{
	UNUSED_R;
	put_text(sb, f->destination->vip);
}
F(f_members)
{
	UNUSED_R;
	put_addresses(sb, f->source);
}

/* lb: what to configure on the VIP (catalog lb profiles), text for people */
static const struct catalog_lb_profile *lb_of(const struct report_flow *f)
{
	return f->rule ? f->rule->lb : NULL;
}
#define SETTING(name, which)                                                                        \
	F(name)                                                                                    \
	{                                                                                          \
		UNUSED_R;                                                                          \
		view_put_lb_setting(sb, lb_of(f), which);                                          \
	}
SETTING(f_persistence, VIEW_LB_PERSISTENCE)
SETTING(f_idle_timeout, VIEW_LB_IDLE_TIMEOUT)
SETTING(f_monitor, VIEW_LB_MONITOR)
SETTING(f_source_nat, VIEW_LB_SOURCE_NAT)
F(f_settings_note)
{
	UNUSED_R;
	if (lb_of(f) && !str_empty(lb_of(f)->note))
		strbuf_puts(sb, _(lb_of(f)->note));
}
F(f_lb_reference)
{
	UNUSED_R;
	view_put_lb_sources(sb, f);
}

#define K(name) static const void *name(const struct report *r, const struct report_flow *f)

/* plan-wide rows share one key for their empty site */
static const char plan_wide[] = "";
K(k_site)
{
	const char *name = report_site_name(r, f->site);

	return name ? name : plan_wide;
}
K(k_rule)
{
	UNUSED_R;
	return f->rule_id;
}
K(k_scope)
{
	UNUSED_R;
	return f->scope;
}
K(k_source)
{
	UNUSED_R;
	return f->source;
}
K(k_destination)
{
	UNUSED_R;
	return f->destination;
}
K(k_transport)
{
	UNUSED_R;
	return f->transport;
}
K(k_service)
{
	UNUSED_R;
	return f->service;
}
K(k_note)
{
	UNUSED_R;
	return f->note;
}
K(k_authentication)
{
	UNUSED_R;
	return f->authentication ? (const void *)f->authentication : plan_wide;
}
K(k_sources)
{
	UNUSED_R;
	return f->sources ? (const void *)f->sources : plan_wide;
}
/* every lb setting depends on the VIP's profile alone */
K(k_lb_profile)
{
	UNUSED_R;
	return lb_of(f) ? (const void *)lb_of(f) : plan_wide;
}

static struct report_port p_source(const struct report_flow *f)
{
	return f->source_port;
}
static struct report_port p_destination(const struct report_flow *f)
{
	return f->destination_port;
}

#define TEXT(key, label, fn, k) {key, label, FIELD_TEXT, fn, NULL, k, NULL, NULL, SITE_BOUND(k)}
#define ADDR(key, label, fn, k) {key, label, FIELD_ADDRESSES, fn, NULL, k, NULL, NULL, SITE_BOUND(k)}
#define PORT(key, label, fn, p) {key, label, FIELD_PORT, fn, p, NULL, NULL, NULL, false}
#define REC(key, label, fn) {key, label, FIELD_TEXT, NULL, NULL, NULL, fn, NULL, false}
#define REC_SAME(key, label, fn, k) {key, label, FIELD_TEXT, NULL, NULL, NULL, fn, k, false}
/* the site's name and its endpoints belong to one site; catalog strings
 * (rule, scope, transport, service, note, sources) to every site */
#define SITE_BOUND(k) ((k) == k_site || (k) == k_source || (k) == k_destination)

/* ---- records (DNS, certificates, summary) --------------------------------- */

#define R(name) static void name(struct strbuf *sb, const struct report *r, const struct report_record *x)

R(r_site)
{
	put_text(sb, report_site_name(r, x->site));
}
R(r_rule)
{
	UNUSED_R;
	put_text(sb, x->rule_id);
}
R(r_zone)
{
	UNUSED_R;
	put_text(sb, x->zone);
}
R(r_type)
{
	UNUSED_R;
	put_text(sb, x->type);
}
R(r_name)
{
	UNUSED_R;
	put_text(sb, x->name);
}
R(r_value)
{
	UNUSED_R;
	put_text(sb, x->value);
}
/* SRV fields only on SRV records: an A record has no port, not port 0 */
#define SRV_FIELD(fname, member)                                                                  \
	R(fname)                                                                                  \
	{                                                                                         \
		UNUSED_R;                                                                         \
		if (str_eq(x->type, "SRV"))                                                       \
			strbuf_printf(sb, "%u", x->member);                                       \
	}
SRV_FIELD(r_port, port)
SRV_FIELD(r_priority, priority)
SRV_FIELD(r_weight, weight)
SRV_FIELD(r_ttl, ttl)
R(r_note)
{
	UNUSED_R;
	if (!str_empty(x->note))
		strbuf_puts(sb, _(x->note));
}
R(r_label)
{
	UNUSED_R;
	if (!str_empty(x->label))
		strbuf_puts(sb, _(x->label));
}
R(r_holder)
{
	UNUSED_R;
	put_text(sb, x->holder);
}
R(r_sans)
{
	UNUSED_R;
	for (size_t i = 0; i < x->n_sans; i++)
		strbuf_printf(sb, "%s%s", i ? " " : "", x->sans[i]);
}
R(r_ca)
{
	UNUSED_R;
	put_text(sb, x->ca);
}
R(r_eku)
{
	UNUSED_R;
	put_text(sb, x->eku);
}
R(r_nat)
{
	UNUSED_R;
	put_text(sb, x->nat);
}
R(r_network)
{
	UNUSED_R;
	put_text(sb, x->network);
}
R(r_reference)
{
	UNUSED_R;
	view_put_source_list(sb, x->sources, x->n_sources);
}
/* records of many sites name the same few source lists */
static const void *k_record_sources(const struct report_record *x)
{
	return x->sources ? (const void *)x->sources : plan_wide;
}

static const struct field dns_fields[] = {
	REC("site", N_("Site"), r_site),
	REC("rule", N_("Rule"), r_rule),
	REC("zone", N_("Zone"), r_zone),
	REC("type", N_("Type"), r_type),
	REC("name", N_("Name"), r_name),
	REC("value", N_("Address or target"), r_value),
	REC("port", N_("Port"), r_port),
	REC("priority", N_("Priority"), r_priority),
	REC("weight", N_("Weight"), r_weight),
	REC("ttl", N_("TTL"), r_ttl),
	REC("note", N_("Purpose"), r_note),
	REC_SAME("reference", N_("Reference"), r_reference, k_record_sources),
};

static const struct field certificate_fields[] = {
	REC("site", N_("Site"), r_site),
	REC("rule", N_("Rule"), r_rule),
	REC("assigned_to", N_("Assigned to"), r_holder),
	REC("use", N_("Use"), r_label),
	REC("subject", N_("Subject name"), r_name),
	REC("san", N_("Subject alternative names, in order"), r_sans),
	REC("ca", N_("CA"), r_ca),
	REC("eku", N_("EKU"), r_eku),
	REC("note", N_("Note"), r_note),
	REC_SAME("reference", N_("Reference"), r_reference, k_record_sources),
};

static const struct field summary_fields[] = {
	REC("site", N_("Site"), r_site),
	REC("rule", N_("Rule"), r_rule),
	REC("role", N_("Role"), r_label),
	REC("fqdn", N_("FQDN"), r_name),
	REC("address", N_("Address"), r_value),
	REC("public_address", N_("Public address (NAT)"), r_nat),
	REC("network", N_("Network"), r_network),
	REC("note", N_("Note"), r_note),
	REC_SAME("reference", N_("Reference"), r_reference, k_record_sources),
};

static const struct field firewall_fields[] = {
	TEXT("site", N_("Site"), f_site, k_site),
	TEXT("rule", N_("Rule"), f_rule, k_rule),
	TEXT("scope", N_("Scope"), f_scope, k_scope),
	TEXT("source_role", N_("Source role"), f_source_role, k_source),
	TEXT("source_name", N_("Source name"), f_source_name, k_source),
	ADDR("source_addresses", N_("Source addresses"), f_source_addresses, k_source),
	TEXT("destination_role", N_("Destination role"), f_destination_role, k_destination),
	TEXT("destination_name", N_("Destination name"), f_destination_name, k_destination),
	ADDR("destination_addresses", N_("Destination addresses"), f_destination_addresses, k_destination),
	TEXT("transport", N_("Transport"), f_transport, k_transport),
	PORT("source_port", N_("Source port"), f_source_port, p_source),
	PORT("destination_port", N_("Destination port"), f_destination_port, p_destination),
	TEXT("service", N_("Service"), f_service, k_service),
	TEXT("note", N_("Note"), f_note, k_note),
	TEXT("reference", N_("Reference"), f_reference, k_sources),
};

static const struct field lb_fields[] = {
	TEXT("site", N_("Site"), f_site, k_site),
	TEXT("rule", N_("Rule"), f_rule, k_rule),
	TEXT("load_balancer", N_("Load balancer"), f_source_name, k_source),
	TEXT("pool_role", N_("Pool role"), f_source_role, k_source),
	TEXT("vip", N_("Virtual IP"), f_vip, k_destination),
	ADDR("members", N_("Pool members"), f_members, k_source),
	TEXT("transport", N_("Transport"), f_transport, k_transport),
	PORT("port", N_("Port"), f_destination_port, p_destination),
	TEXT("service", N_("Service"), f_service, k_service),
	TEXT("persistence", N_("Persistence"), f_persistence, k_lb_profile),
	TEXT("idle_timeout", N_("TCP idle timeout (s)"), f_idle_timeout, k_lb_profile),
	TEXT("health_monitor", N_("Health monitor"), f_monitor, k_lb_profile),
	TEXT("source_nat", N_("Source NAT"), f_source_nat, k_lb_profile),
	TEXT("note", N_("Note"), f_note, k_note),
	TEXT("settings_note", N_("Settings note"), f_settings_note, k_lb_profile),
	/* the rule's sources and the profile's: no single key, rendered per row */
	TEXT("reference", N_("Reference"), f_lb_reference, NULL),
};

static const struct field ipsec_fields[] = {
	TEXT("site", N_("Site"), f_site, k_site),
	TEXT("rule", N_("Rule"), f_rule, k_rule),
	TEXT("exception", N_("Exception"), f_note, k_note),
	TEXT("source_role", N_("Source role"), f_source_role, k_source),
	TEXT("source_name", N_("Source name"), f_source_name, k_source),
	ADDR("source_addresses", N_("Source addresses"), f_source_addresses, k_source),
	TEXT("destination_role", N_("Destination role"), f_destination_role, k_destination),
	TEXT("destination_name", N_("Destination name"), f_destination_name, k_destination),
	ADDR("destination_addresses", N_("Destination addresses"), f_destination_addresses, k_destination),
	TEXT("transport", N_("Transport"), f_transport, k_transport),
	PORT("source_port", N_("Source port"), f_source_port, p_source),
	PORT("destination_port", N_("Destination port"), f_destination_port, p_destination),
	TEXT("authentication", N_("Authentication"), f_authentication, k_authentication),
	TEXT("reference", N_("Reference"), f_reference, k_sources),
};

static const struct field program_fields[] = {
	TEXT("site", N_("Site"), f_site, k_site),
	TEXT("rule", N_("Rule"), f_rule, k_rule),
	TEXT("server_role", N_("Server role"), f_destination_role, k_destination),
	TEXT("server_name", N_("Server names"), f_destination_name, k_destination),
	ADDR("server_addresses", N_("Server addresses"), f_destination_addresses, k_destination),
	TEXT("program_rule", N_("Windows Firewall rule"), f_service, k_service),
	TEXT("transport", N_("Transport"), f_transport, k_transport),
	TEXT("note", N_("Note"), f_note, k_note),
	TEXT("reference", N_("Reference"), f_reference, k_sources),
};

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

const struct field *fields_of(enum catalog_table kind, size_t *n)
{
	switch (kind) {
	case CATALOG_DNS:
		*n = COUNT(dns_fields);
		return dns_fields;
	case CATALOG_CERTIFICATES:
		*n = COUNT(certificate_fields);
		return certificate_fields;
	case CATALOG_SUMMARY:
		*n = COUNT(summary_fields);
		return summary_fields;
	case CATALOG_LB:
		*n = COUNT(lb_fields);
		return lb_fields;
	case CATALOG_IPSEC:
		*n = COUNT(ipsec_fields);
		return ipsec_fields;
	case CATALOG_PROGRAMS:
		*n = COUNT(program_fields);
		return program_fields;
	default:
		*n = COUNT(firewall_fields);
		return firewall_fields;
	}
}
