/* nft.c: the external and internal firewall rows as one nftables ruleset.
 *
 * One table, inet (IPv4 and IPv6).  Each site has a chain per firewall:
 * the external one, between the internet and the perimeter, and the
 * internal one, between the perimeter and the internal network; a base
 * chain on the forward hook jumps to the chain named by the "firewall"
 * variable at the top, so that one file serves every firewall.  Every pool,
 * VIP and interface that a rule names is a named set per address family.
 * Behind NAT, the forward hook sees the Edge's private addresses
 * (destination NAT comes before it, source NAT after it): the rules match
 * those, and a second table holds the translations for the external
 * firewall.  Only validated addresses reach the file: nft would resolve a
 * name through DNS while loading. */
#include <stdlib.h>
#include <string.h>

#include "script.h"
#include "ucplan/export.h"
#include "ucplan/i18n.h"
#include "ucplan/view.h"

struct nft_set {
	char *name;
	bool v6;
	char *elements; /* "a, b, c" */
	char *note;     /* a comment for the set, or NULL */
};

struct nft_sets {
	struct nft_set *sets;
	size_t n, cap;
};

/* A translation seen in the rows: private address and public one. */
struct nft_nat {
	const char *fqdn;
	const char *address;
	const char *nat;
};

struct nft_state {
	const struct report *report;
	struct nft_sets sets;
	size_t site_first; /* sets of the current site start here */
	struct nft_nat *nats;
	size_t n_nats, cap_nats;
};

struct elements {
	struct strbuf v4, v6;
};

static void element_put(const char *address, void *context)
{
	struct elements *e = context;
	struct strbuf *sb = model_is_ipv4(address) ? &e->v4 : &e->v6;

	if (sb->len)
		strbuf_puts(sb, ", ");
	strbuf_puts(sb, address);
}

/* An nft identifier from a slug: '-' becomes '_'. */
static void put_identifier(struct strbuf *sb, const char *text)
{
	for (const char *p = text; *p; p++)
		strbuf_add(sb, *p == '-' ? "_" : p, 1);
}

static bool endpoint_has_nat(const struct report_endpoint *e);
static void nat_note(struct nft_state *st, const struct report_endpoint *e);

/* The set holding elements for role in site (found or made); its name. */
static const char *set_for(struct nft_state *st, const struct report_endpoint *e, int site,
			   bool v6, const char *elements)
{
	const char *role = e->role;
	struct strbuf base = {0}, name = {0};
	const char *site_name = report_site_name(st->report, site);
	struct nft_sets *ss = &st->sets;
	unsigned n = 1;

	put_identifier(&base, role);
	strbuf_puts(&base, "_");
	{
		struct strbuf slug = {0};
		script_slug(&slug, site_name ? site_name : "plan");
		put_identifier(&base, slug.data);
		strbuf_free(&slug);
	}
	strbuf_puts(&base, v6 ? "_v6" : "_v4");
	for (;;) {
		bool taken = false;
		strbuf_free(&name);
		strbuf_puts(&name, base.data);
		if (n > 1)
			strbuf_printf(&name, "_%u", n);
		/* set names carry the site: only its own sets can match */
		for (size_t i = st->site_first; i < ss->n; i++) {
			if (!str_eq(ss->sets[i].name, name.data))
				continue;
			if (str_eq(ss->sets[i].elements, elements)) {
				strbuf_free(&base);
				strbuf_free(&name);
				return ss->sets[i].name;
			}
			taken = true;
		}
		if (!taken)
			break;
		n++;
	}
	strbuf_free(&base);
	if (ss->n == ss->cap) {
		ss->cap = ss->cap ? ss->cap * 2 : 16;
		ss->sets = xreallocarray(ss->sets, ss->cap, sizeof *ss->sets);
	}
	ss->sets[ss->n] = (struct nft_set){strbuf_detach(&name), v6, xstrdup(elements), NULL};
	if (endpoint_has_nat(e)) {
		struct strbuf note = {0};
		nat_note(st, e);
		strbuf_printf(&note,
			      /* TRANSLATORS: %s is an endpoint ("A/V Edge service") */
			      _("%s, behind NAT: its private addresses, as the forward hook sees "
				"them (translations in the table ucplan_nat)"),
			      _(e->label));
		ss->sets[ss->n].note = strbuf_detach(&note);
	}
	return ss->sets[ss->n++].name;
}

static void nat_note(struct nft_state *st, const struct report_endpoint *e)
{
	for (size_t i = 0; e && i < e->n_members; i++) {
		const struct report_member *m = &e->members[i];
		bool seen = false;
		if (str_empty(m->nat) || str_empty(m->address) || !model_is_ip(m->nat) ||
		    !model_is_ip(m->address) || model_is_ipv4(m->nat) != model_is_ipv4(m->address))
			continue;
		for (size_t j = 0; j < st->n_nats && !seen; j++)
			seen = str_eq(st->nats[j].address, m->address) && str_eq(st->nats[j].nat, m->nat);
		if (seen)
			continue;
		if (st->n_nats == st->cap_nats) {
			st->cap_nats = st->cap_nats ? st->cap_nats * 2 : 8;
			st->nats = xreallocarray(st->nats, st->cap_nats, sizeof *st->nats);
		}
		st->nats[st->n_nats++] = (struct nft_nat){m->fqdn, m->address, m->nat};
	}
}

/* The match on one end: "ip saddr @set " or nothing for any address. */
static void put_match(struct strbuf *sb, const char *dir, bool v6, const char *set)
{
	if (set)
		strbuf_printf(sb, "%s %s @%s ", v6 ? "ip6" : "ip", dir, set);
}

static void put_port(struct strbuf *sb, const char *proto, const char *dir,
		     struct report_port port)
{
	if (port.kind == REPORT_PORT_ANY)
		return;
	strbuf_printf(sb, "%s %s ", proto, dir);
	script_port(sb, port, "");
	strbuf_puts(sb, " ");
}

/* The rule id as an nft comment: letters, digits, '.', '_' and '-' only. */
static void put_rule_comment(struct strbuf *sb, const char *id)
{
	strbuf_puts(sb, "comment \"");
	for (size_t i = 0; id[i] && i < 120; i++) {
		char c = id[i];
		bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
			  c == '.' || c == '_' || c == '-';
		strbuf_add(sb, ok ? &c : "_", 1);
	}
	strbuf_puts(sb, "\"\n");
}

static bool endpoint_has_nat(const struct report_endpoint *e)
{
	for (size_t i = 0; e && i < e->n_members; i++)
		if (!str_empty(e->members[i].nat))
			return true;
	return false;
}

/* The rules of one row: a rule per protocol and per address family that
 * both ends share. */
static void put_flow(struct strbuf *sb, struct nft_state *st, const struct report_flow *f)
{
	const struct report_endpoint *ends[2] = {f->source, f->destination};
	struct elements el[2];
	const char *sets[2][2] = {{NULL, NULL}, {NULL, NULL}}; /* [end][v6] */
	bool any[2];
	const char *protocols[2];
	size_t n_protocols = script_protocols(f->transport, protocols);
	struct strbuf text = {0};
	bool wrote = false;

	memset(el, 0, sizeof el);
	strbuf_printf(&text, "%s: %s -> %s, %s ", f->rule_id, _(ends[0]->label), _(ends[1]->label),
		      f->transport);
	view_put_port(&text, f->destination_port);
	if (!str_empty(f->service))
		strbuf_printf(&text, " (%s)", _(f->service));
	script_put_comment(sb, "\t\t", text.data);
	strbuf_free(&text);

	for (int e = 0; e < 2; e++) {
		any[e] = ends[e]->special;
		script_endpoint_addresses(ends[e], false, element_put, &el[e]);
		if (el[e].v4.len)
			sets[e][0] = set_for(st, ends[e], f->site, false, el[e].v4.data);
		if (el[e].v6.len)
			sets[e][1] = set_for(st, ends[e], f->site, true, el[e].v6.data);
		if (!any[e] && !sets[e][0] && !sets[e][1]) {
			strbuf_printf(&text,
				      /* TRANSLATORS: %s is an endpoint ("E9-1-1 gateway") */
				      _("left out: the plan gives no address for %s"),
				      _(ends[e]->label));
			script_put_comment(sb, "\t\t", text.data);
			strbuf_free(&text);
			goto done;
		}
	}
	for (int v6 = 0; v6 < 2; v6++) {
		/* a family applies when each end is any address or has
		 * addresses of that family; with both ends any, IPv4 stands
		 * for both (no address match) */
		if (!(any[0] || sets[0][v6]) || !(any[1] || sets[1][v6]))
			continue;
		if (v6 && any[0] && any[1])
			continue;
		for (size_t p = 0; p < n_protocols; p++) {
			const char *proto = protocols[p][0] == 'T' ? "tcp" : "udp";
			strbuf_puts(sb, "\t\t");
			put_match(sb, "saddr", v6, sets[0][v6]);
			put_match(sb, "daddr", v6, sets[1][v6]);
			if (f->source_port.kind == REPORT_PORT_ANY &&
			    f->destination_port.kind == REPORT_PORT_ANY)
				strbuf_printf(sb, "meta l4proto %s ", proto);
			put_port(sb, proto, "sport", f->source_port);
			put_port(sb, proto, "dport", f->destination_port);
			strbuf_puts(sb, "accept ");
			put_rule_comment(sb, f->rule_id);
			wrote = true;
		}
	}
	if (!wrote)
		script_put_comment(sb, "\t\t",
			    _("left out: the two ends have no address family in common"));
done:
	for (int e = 0; e < 2; e++) {
		strbuf_free(&el[e].v4);
		strbuf_free(&el[e].v6);
	}
}

static bool scope_is(const struct report_flow *f, const char *scope)
{
	return str_eq(f->scope, scope);
}

/* The firewall rows of one site: flows[0..n). */
struct site_rows {
	const struct report_flow **flows;
	size_t n;
};

static void put_chain(struct strbuf *sb, struct nft_state *st, const char *scope,
		      const struct site_rows *rows, const char *chain)
{
	size_t n = 0;

	strbuf_printf(sb, "\tchain %s {\n", chain);
	for (size_t i = 0; i < rows->n; i++) {
		const struct report_flow *f = rows->flows[i];
		if (!scope_is(f, scope))
			continue;
		if (n++)
			strbuf_puts(sb, "\n");
		put_flow(sb, st, f);
	}
	if (!n)
		script_put_comment(sb, "\t\t", _("no rule for this firewall in the plan"));
	strbuf_puts(sb, "\t}\n");
}

/* The chain name of a firewall of a site: external_SITE, internal_SITE. */
static char *chain_name(const struct report *report, const char *which, int site)
{
	struct strbuf sb = {0}, slug = {0};
	const char *name = report_site_name(report, site);

	strbuf_printf(&sb, "%s_", which);
	script_slug(&slug, name ? name : "plan");
	put_identifier(&sb, slug.data);
	strbuf_free(&slug);
	return strbuf_detach(&sb);
}

static void put_header(struct strbuf *sb, const struct report *report, const char *first_chain)
{
	struct strbuf line = {0};

	strbuf_puts(sb, "#!/usr/sbin/nft -f\n");
	strbuf_printf(&line, _("nftables ruleset for the external and internal firewalls of the "
			       "plan \"%s\"."),
		      report->plan_name ? report->plan_name : "");
	script_put_title(sb, line.data);
	strbuf_free(&line);
	strbuf_puts(sb, "#\n");
	script_put_comment(sb, "", _("The external firewall stands between the internet and the perimeter "
			      "network, the internal firewall between the perimeter and the internal "
			      "network; each site has a chain for each."));
	script_put_comment(sb, "", _("On each firewall, set \"firewall\" below to its chain, check the "
			      "file with nft -c -f FILE, then load it with nft -f FILE."));
	script_put_comment(sb, "", _("Traffic that no rule accepts is dropped; replies to accepted "
			      "connections pass."));
	strbuf_printf(sb, "\ndefine firewall = %s\n", first_chain);
}

static enum uc_status export_nft_write(const struct report *report,
				       const struct export_options *opts, FILE *out,
				       struct uc_error *err)
{
	unsigned tables = opts && opts->tables ? opts->tables : EXPORT_ALL_TABLES;
	bool firewall = (tables & EXPORT_TABLE_BIT(CATALOG_FIREWALL)) != 0;
	struct nft_state st = {.report = report};
	struct script_out so = {out, 0};
	struct strbuf sb = {0}, chains = {0};
	size_t n_sites = report->n_sites ? report->n_sites : 1;
	char *first = chain_name(report, "external", report->n_sites ? 0 : -1);
	enum uc_status status;

	/* the rows of each site, in report order (one pass, not one per site) */
	const struct report_flows *t = &report->tables[CATALOG_FIREWALL];
	struct site_rows *rows = xcalloc(n_sites, sizeof *rows);
	const struct report_flow **slots = xcalloc(t->n_flows + 1, sizeof *slots);
	size_t at = 0;

	for (size_t i = 0; i < t->n_flows; i++) {
		int site = t->flows[i].site;
		if (site >= 0 && (size_t)site < n_sites)
			rows[site].n++;
	}
	for (size_t s = 0; s < n_sites; s++) {
		rows[s].flows = slots + at;
		at += rows[s].n;
		rows[s].n = 0;
	}
	for (size_t i = 0; i < t->n_flows; i++) {
		int site = t->flows[i].site;
		if (site >= 0 && (size_t)site < n_sites)
			rows[site].flows[rows[site].n++] = &t->flows[i];
	}

	/* the chains first, into their own buffer: they name the sets */
	for (size_t s = 0; s < n_sites; s++) {
		int site = report->n_sites ? (int)s : -1;
		char *ext = chain_name(report, "external", site);
		char *in = chain_name(report, "internal", site);
		const char *name = report_site_name(report, site);
		struct strbuf line = {0};
		if (name) {
			strbuf_printf(&line, _("Site \"%s\""), name);
			strbuf_puts(&chains, "\n");
			script_put_comment(&chains, "\t", line.data);
			strbuf_free(&line);
		}
		st.site_first = st.sets.n;
		if (firewall) {
			put_chain(&chains, &st, "external-firewall", &rows[s], ext);
			put_chain(&chains, &st, "internal-firewall", &rows[s], in);
		} else {
			strbuf_printf(&chains, "\tchain %s {\n\t}\n\tchain %s {\n\t}\n", ext, in);
		}
		free(ext);
		free(in);
	}
	free(rows);
	free(slots);

	put_header(&sb, report, first);
	free(first);
	/* declaring then deleting the table makes a reload replace it */
	strbuf_puts(&sb, "\ntable inet ucplan\ndelete table inet ucplan\n\ntable inet ucplan {\n");
	for (size_t i = 0; i < st.sets.n; i++) {
		if (st.sets.sets[i].note)
			script_put_comment(&sb, "\t", st.sets.sets[i].note);
		strbuf_printf(&sb, "\tset %s {\n\t\ttype %s\n\t\telements = { %s }\n\t}\n",
			      st.sets.sets[i].name, st.sets.sets[i].v6 ? "ipv6_addr" : "ipv4_addr",
			      st.sets.sets[i].elements);
	}
	strbuf_puts(&sb, chains.data ? chains.data : "");
	strbuf_free(&chains);
	strbuf_puts(&sb, "\n\tchain forward {\n"
			 "\t\ttype filter hook forward priority filter; policy drop;\n"
			 "\t\tct state established,related accept\n"
			 "\t\tct state invalid drop\n"
			 "\t\tjump $firewall\n"
			 "\t}\n}\n");
	if (st.n_nats) {
		strbuf_puts(&sb, "\n");
		script_put_comment(&sb, "", _("Address translation of the Edge Servers behind NAT: for the "
				       "external firewall only; on the internal firewall, delete "
				       "this table."));
		strbuf_puts(&sb, "table inet ucplan_nat\ndelete table inet ucplan_nat\n\n"
				 "table inet ucplan_nat {\n"
				 "\tchain prerouting {\n"
				 "\t\ttype nat hook prerouting priority dstnat; policy accept;\n");
		for (size_t i = 0; i < st.n_nats; i++) {
			const char *fam = model_is_ipv4(st.nats[i].address) ? "ip" : "ip6";
			if (!str_empty(st.nats[i].fqdn))
				script_put_comment(&sb, "\t\t", st.nats[i].fqdn);
			strbuf_printf(&sb, "\t\t%s daddr %s dnat %s to %s\n", fam, st.nats[i].nat, fam,
				      st.nats[i].address);
		}
		strbuf_puts(&sb, "\t}\n\tchain postrouting {\n"
				 "\t\ttype nat hook postrouting priority srcnat; policy accept;\n");
		for (size_t i = 0; i < st.n_nats; i++) {
			const char *fam = model_is_ipv4(st.nats[i].address) ? "ip" : "ip6";
			strbuf_printf(&sb, "\t\t%s saddr %s snat %s to %s\n", fam, st.nats[i].address,
				      fam, st.nats[i].nat);
		}
		strbuf_puts(&sb, "\t}\n}\n");
	}
	script_puts(&so, sb.data);
	strbuf_free(&sb);
	for (size_t i = 0; i < st.sets.n; i++) {
		free(st.sets.sets[i].name);
		free(st.sets.sets[i].elements);
		free(st.sets.sets[i].note);
	}
	free(st.sets.sets);
	free(st.nats);
	status = script_finish(&so, _("the nftables ruleset"), err);
	return status;
}

const struct exporter export_nft = {
    .name = "nft",
    .extension = "nft",
    .write = export_nft_write,
};
