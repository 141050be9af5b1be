/* ps1.c: the Windows host firewall and IPsec exceptions of the plan's
 * servers as one PowerShell script (NetSecurity module, Windows Server 2012
 * R2 and later).
 *
 * Run on a server, the script applies the rules of that server only: it
 * finds itself by FQDN (or -Server NAME) and refuses a name the plan does
 * not know.  Each firewall row whose destination is a Windows server of the
 * plan becomes an inbound rule on each of its members; each IPsec row
 * becomes an exception (no authentication) on the servers at either end.
 * Rule names come from the plan, the site and the rule id, so that a
 * second run updates the rules it made, and the rules of one plan share a
 * group, so that they can be listed and removed together.  Plan values are
 * written only inside verbatim strings and comments (script.h). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "script.h"
#include "ucplan/export.h"
#include "ucplan/i18n.h"
#include "ucplan/view.h"

/* One rule on one host: the row, and which end of it the host is. */
struct ps_rule {
	const struct report_flow *flow;
	const struct report_member *member; /* the host in the local endpoint */
	bool outbound;                      /* the host is the row's source */
	bool ipsec;
};

struct ps_host {
	const char *fqdn;
	struct ps_rule *rules;
	size_t n_rules, cap;
};

/* The hosts in the order first met, and an index by FQDN (case folded, as
 * DNS compares names). */
struct ps_hosts {
	struct ps_host *hosts;
	size_t n, cap;
	size_t *slots; /* index + 1, 0 = empty */
	size_t n_slots;
};

static uint32_t fold_hash(const char *s)
{
	uint32_t h = 2166136261u;

	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		if (c >= 'A' && c <= 'Z')
			c = (unsigned char)(c - 'A' + 'a');
		h = (h ^ c) * 16777619u;
	}
	return h;
}

static void hosts_grow_index(struct ps_hosts *hs)
{
	size_t n = hs->n_slots ? hs->n_slots * 2 : 64;

	free(hs->slots);
	hs->slots = xcalloc(n, sizeof *hs->slots);
	hs->n_slots = n;
	for (size_t i = 0; i < hs->n; i++) {
		size_t j = fold_hash(hs->hosts[i].fqdn) & (n - 1);
		while (hs->slots[j])
			j = (j + 1) & (n - 1);
		hs->slots[j] = i + 1;
	}
}

static struct ps_host *hosts_get(struct ps_hosts *hs, const char *fqdn)
{
	size_t j;

	if ((hs->n + 1) * 2 > hs->n_slots)
		hosts_grow_index(hs);
	j = fold_hash(fqdn) & (hs->n_slots - 1);
	for (; hs->slots[j]; j = (j + 1) & (hs->n_slots - 1))
		if (strcasecmp(hs->hosts[hs->slots[j] - 1].fqdn, fqdn) == 0)
			return &hs->hosts[hs->slots[j] - 1];
	if (hs->n == hs->cap) {
		hs->cap = hs->cap ? hs->cap * 2 : 16;
		hs->hosts = xreallocarray(hs->hosts, hs->cap, sizeof *hs->hosts);
	}
	hs->hosts[hs->n] = (struct ps_host){.fqdn = fqdn};
	hs->slots[j] = ++hs->n;
	return &hs->hosts[hs->n - 1];
}

static void hosts_free(struct ps_hosts *hs)
{
	for (size_t i = 0; i < hs->n; i++)
		free(hs->hosts[i].rules);
	free(hs->hosts);
	free(hs->slots);
}

static void host_add(struct ps_hosts *hs, const struct report_flow *f,
		     const struct report_endpoint *local, bool outbound, bool ipsec)
{
	if (!script_role_is_windows_server(local->role) || local->vip_only)
		return;
	for (size_t i = 0; i < local->n_members; i++) {
		const struct report_member *m = &local->members[i];
		struct ps_host *h;
		if (str_empty(m->fqdn))
			continue;
		h = hosts_get(hs, m->fqdn);
		if (h->n_rules == h->cap) {
			h->cap = h->cap ? h->cap * 2 : 16;
			h->rules = xreallocarray(h->rules, h->cap, sizeof *h->rules);
		}
		h->rules[h->n_rules++] = (struct ps_rule){f, m, outbound, ipsec};
	}
}

/* Writes a PowerShell array literal: @('a', 'b'). */
struct ps_list {
	struct strbuf *sb;
	size_t n;
};

static void list_put(const char *address, void *context)
{
	struct ps_list *l = context;

	strbuf_puts(l->sb, l->n++ ? ", " : "@(");
	script_ps_quote(l->sb, address);
}

/* The remote end's addresses as an array, or 'Any' (and *none true when
 * the plan names that end but gives no address for it). */
static void put_remote(struct strbuf *sb, const struct report_endpoint *e, bool *none)
{
	struct ps_list l = {sb, 0};

	*none = false;
	if (script_endpoint_addresses(e, false, list_put, &l)) {
		strbuf_puts(sb, ")");
		return;
	}
	*none = !e->special;
	strbuf_puts(sb, "'Any'");
}

/* A translated message with one %s as a PowerShell expression: the text
 * around it quoted, the variable in its place. */
static void put_message(struct strbuf *sb, const char *msg, const char *variable)
{
	const char *at = strstr(msg, "%s");
	char *before = xstrndup(msg, at ? (size_t)(at - msg) : strlen(msg));

	strbuf_puts(sb, "(");
	script_ps_quote(sb, before);
	if (at) {
		strbuf_printf(sb, " + %s + ", variable);
		script_ps_quote(sb, at + 2);
	}
	strbuf_puts(sb, ")");
	free(before);
}

/* Appends the rule's stable name: plan, site, rule id, protocol. */
static void put_name(struct strbuf *sb, const struct report *report, const struct ps_rule *r,
		     const char *protocol, unsigned repeat)
{
	const char *site = report_site_name(report, r->flow->site);

	strbuf_puts(sb, "ucplan-");
	script_slug(sb, report->plan_name);
	strbuf_puts(sb, ".");
	script_slug(sb, site ? site : "plan");
	strbuf_printf(sb, ".%s.%s", r->flow->rule_id, protocol[0] == 'T' ? "tcp" : "udp");
	if (repeat > 1)
		strbuf_printf(sb, ".%u", repeat);
}

static void put_rule(struct strbuf *sb, const struct report *report, const struct ps_rule *r,
		     const char *protocol, unsigned repeat)
{
	const struct report_flow *f = r->flow;
	const struct report_endpoint *remote = r->outbound ? f->destination : f->source;
	struct report_port local_port = r->outbound ? f->source_port : f->destination_port;
	struct report_port remote_port = r->outbound ? f->destination_port : f->source_port;
	const char *site = report_site_name(report, f->site);
	struct strbuf text = {0};
	bool none;

	strbuf_puts(sb, "\n");
	strbuf_printf(&text, "%s: %s -> %s, %s ", f->rule_id, _(f->source->label),
		      _(f->destination->label), protocol);
	view_put_port(&text, f->destination_port);
	script_put_comment(sb, "        ", text.data);
	strbuf_free(&text);

	/* the name is made of slugs and ids: quoted all the same */
	put_name(&text, report, r, protocol, repeat);
	strbuf_puts(sb, r->ipsec ? "        Set-UcIPsecRule -Name " : "        Set-UcFirewallRule -Name ");
	script_ps_quote(sb, text.data);
	strbuf_free(&text);

	strbuf_puts(sb, " -DisplayName ");
	text = (struct strbuf){0};
	strbuf_printf(&text, "ucplan %s / %s / %s (%s)", report->plan_name ? report->plan_name : "",
		      site ? site : "", f->rule_id, protocol);
	script_ps_quote(sb, text.data);
	strbuf_free(&text);

	strbuf_puts(sb, " -Description ");
	text = (struct strbuf){0};
	strbuf_puts(&text, _(f->note));
	if (f->n_sources) {
		/* the note is a sentence, sometimes without its full stop */
		strbuf_puts(&text, text.len && text.data[text.len - 1] != '.' ? ". " : " ");
		view_put_sources(&text, f);
	}
	script_ps_quote(sb, text.data);
	strbuf_free(&text);

	if (!r->ipsec)
		strbuf_puts(sb, r->outbound ? " -Direction Outbound" : " -Direction Inbound");
	strbuf_printf(sb, " -Profile Any -Protocol %s", protocol);
	/* an Edge Server has an address per service: the rule names the
	 * interface; other servers accept on any of their addresses */
	strbuf_puts(sb, " -LocalAddress ");
	if (script_role_is_edge((r->outbound ? f->source : f->destination)->role) &&
	    !str_empty(r->member->address) && model_is_ip(r->member->address))
		script_ps_quote(sb, r->member->address);
	else
		strbuf_puts(sb, "'Any'");
	strbuf_puts(sb, " -LocalPort '");
	script_port(sb, local_port, "Any");
	strbuf_puts(sb, "' -RemoteAddress ");
	put_remote(sb, remote, &none);
	strbuf_puts(sb, " -RemotePort '");
	script_port(sb, remote_port, "Any");
	strbuf_puts(sb, "'\n");
	if (none) {
		text = (struct strbuf){0};
		strbuf_printf(&text,
			      /* TRANSLATORS: %s is an endpoint ("PSTN gateways") */
			      _("The plan gives no address for %s: the rule admits any address."),
			      _(remote->label));
		script_put_comment(sb, "        ", text.data);
		strbuf_free(&text);
	}
}

/* The functions that make each rule idempotent: a rule that exists is
 * updated in place, a new one is created in the plan's group. */
static const char ps_functions[] =
    "$Wanted = New-Object System.Collections.Generic.List[string]\n"
    "$WantedIPsec = New-Object System.Collections.Generic.List[string]\n"
    "\n"
    "function Set-UcFirewallRule {\n"
    "    param([string]$Name, [string]$DisplayName, [string]$Description, [string]$Direction,\n"
    "          [string]$Profile, [string]$Protocol, [string[]]$LocalAddress, [string[]]$LocalPort,\n"
    "          [string[]]$RemoteAddress, [string[]]$RemotePort)\n"
    "    $Wanted.Add($Name)\n"
    "    if (Get-NetFirewallRule -Name $Name -ErrorAction SilentlyContinue) {\n"
    "        Set-NetFirewallRule -Name $Name -NewDisplayName $DisplayName -Description $Description"
    " -Enabled True -Action Allow -Direction $Direction -Profile $Profile -Protocol $Protocol"
    " -LocalAddress $LocalAddress -LocalPort $LocalPort -RemoteAddress $RemoteAddress"
    " -RemotePort $RemotePort\n"
    "    } else {\n"
    "        New-NetFirewallRule -Name $Name -DisplayName $DisplayName -Description $Description"
    " -Group $Group -Enabled True -Action Allow -Direction $Direction -Profile $Profile"
    " -Protocol $Protocol -LocalAddress $LocalAddress -LocalPort $LocalPort"
    " -RemoteAddress $RemoteAddress -RemotePort $RemotePort | Out-Null\n"
    "    }\n"
    "}\n"
    "\n"
    "function Set-UcIPsecRule {\n"
    "    param([string]$Name, [string]$DisplayName, [string]$Description, [string]$Profile,\n"
    "          [string]$Protocol, [string[]]$LocalAddress, [string[]]$LocalPort,\n"
    "          [string[]]$RemoteAddress, [string[]]$RemotePort)\n"
    "    $WantedIPsec.Add($Name)\n"
    "    if (Get-NetIPsecRule -IPsecRuleName $Name -ErrorAction SilentlyContinue) {\n"
    "        Set-NetIPsecRule -IPsecRuleName $Name -NewDisplayName $DisplayName"
    " -Description $Description -Enabled True -Mode Transport -InboundSecurity None"
    " -OutboundSecurity None -Profile $Profile -Protocol $Protocol -LocalAddress $LocalAddress"
    " -LocalPort $LocalPort -RemoteAddress $RemoteAddress -RemotePort $RemotePort\n"
    "    } else {\n"
    "        New-NetIPsecRule -IPsecRuleName $Name -DisplayName $DisplayName"
    " -Description $Description -Group $Group -Enabled True -Mode Transport"
    " -InboundSecurity None -OutboundSecurity None -Profile $Profile -Protocol $Protocol"
    " -LocalAddress $LocalAddress -LocalPort $LocalPort -RemoteAddress $RemoteAddress"
    " -RemotePort $RemotePort | Out-Null\n"
    "    }\n"
    "}\n";

static void put_header(struct strbuf *sb, const struct report *report)
{
	struct strbuf line = {0};

	strbuf_printf(&line, _("Windows Firewall and IPsec exceptions for the servers of the plan "
			       "\"%s\"."),
		      report->plan_name ? report->plan_name : "");
	script_put_title(sb, line.data);
	strbuf_free(&line);
	strbuf_puts(sb, "#\n");
	script_put_comment(sb, "", _("Run it as an administrator on each server of the plan: it applies "
			      "the rules of that server only, found by its FQDN."));
	script_put_comment(sb, "", _("  -Server NAME   apply the rules of server NAME instead"));
	script_put_comment(sb, "", _("  -WhatIf        show what would change, change nothing"));
	script_put_comment(sb, "", _("  -Confirm       ask before each change"));
	script_put_comment(sb, "", _("A second run updates the rules it made; rules of the plan's group "
			      "that the plan no longer has on this server are removed."));
	script_put_comment(sb, "", _("To remove them all: Get-NetFirewallRule -Group GROUP | "
			      "Remove-NetFirewallRule (and the same with Get-NetIPsecRule)."));
}

static enum uc_status export_ps1_write(const struct report *report,
				       const struct export_options *opts, FILE *out,
				       struct uc_error *err)
{
	unsigned tables = opts && opts->tables ? opts->tables : EXPORT_ALL_TABLES;
	struct script_out so = {out, 0};
	struct ps_hosts hs = {0};
	struct strbuf sb = {0}, group = {0};
	size_t n_rules = 0;

	if (tables & EXPORT_TABLE_BIT(CATALOG_FIREWALL)) {
		const struct report_flows *t = &report->tables[CATALOG_FIREWALL];
		for (size_t i = 0; i < t->n_flows; i++)
			host_add(&hs, &t->flows[i], t->flows[i].destination, false, false);
	}
	if (tables & EXPORT_TABLE_BIT(CATALOG_IPSEC)) {
		const struct report_flows *t = &report->tables[CATALOG_IPSEC];
		for (size_t i = 0; i < t->n_flows; i++) {
			host_add(&hs, &t->flows[i], t->flows[i].destination, false, true);
			host_add(&hs, &t->flows[i], t->flows[i].source, true, true);
		}
	}

	put_header(&sb, report);
	strbuf_puts(&sb, "\n#Requires -Version 4.0\n#Requires -Modules NetSecurity\n"
			 "[CmdletBinding(SupportsShouldProcess = $true)]\n"
			 "param([string]$Server = '')\n\n"
			 "Set-StrictMode -Version 2.0\n"
			 "$ErrorActionPreference = 'Stop'\n\n");
	strbuf_puts(&sb, "$Plan = ");
	script_ps_quote(&sb, report->plan_name ? report->plan_name : "");
	strbuf_puts(&group, "ucplan: ");
	strbuf_puts(&group, report->plan_name ? report->plan_name : "");
	strbuf_puts(&sb, "\n$Group = ");
	script_ps_quote(&sb, group.data);
	strbuf_free(&group);
	strbuf_puts(&sb, "\n$Servers = @(");
	for (size_t i = 0; i < hs.n; i++) {
		strbuf_puts(&sb, i ? ",\n    " : "\n    ");
		script_ps_quote(&sb, hs.hosts[i].fqdn);
	}
	strbuf_puts(&sb, hs.n ? "\n)\n\n" : ")\n\n");
	strbuf_puts(&sb, ps_functions);
	strbuf_puts(&sb, "\nif ($Server -eq '') {\n"
			 "    $Server = [System.Net.Dns]::GetHostEntry($env:COMPUTERNAME).HostName\n"
			 "}\n"
			 "if ($Servers -notcontains $Server) {\n"
			 "    throw ");
	put_message(&sb,
		    /* TRANSLATORS: %s is a server name */
		    _("The plan has no server %s: run the script on one of its servers, or name "
		      "one with -Server."),
		    "$Server");
	strbuf_puts(&sb, "\n}\n\nswitch ($Server) {\n");
	script_puts(&so, sb.data);
	strbuf_free(&sb);

	for (size_t i = 0; i < hs.n; i++) {
		const struct ps_host *h = &hs.hosts[i];
		sb = (struct strbuf){0};
		strbuf_puts(&sb, "    ");
		script_ps_quote(&sb, h->fqdn);
		strbuf_puts(&sb, " {");
		for (size_t r = 0; r < h->n_rules; r++) {
			const char *protocols[2];
			size_t n = script_protocols(h->rules[r].flow->transport, protocols);
			for (size_t p = 0; p < n; p++) {
				/* the same rule twice on one host (two rows of
				 * one id) gets a numbered name */
				unsigned repeat = 1;
				for (size_t q = 0; q < r; q++)
					if (h->rules[q].flow->site == h->rules[r].flow->site &&
					    h->rules[q].ipsec == h->rules[r].ipsec &&
					    str_eq(h->rules[q].flow->rule_id,
						   h->rules[r].flow->rule_id) &&
					    strstr(h->rules[q].flow->transport, protocols[p]))
						repeat++;
				put_rule(&sb, report, &h->rules[r], protocols[p], repeat);
				n_rules++;
			}
		}
		strbuf_puts(&sb, "    }\n");
		script_puts(&so, sb.data);
		strbuf_free(&sb);
	}

	sb = (struct strbuf){0};
	strbuf_puts(&sb, "}\n\n");
	script_put_comment(&sb, "", _("Rules of the plan's group that the plan no longer has on this "
			       "server."));
	strbuf_puts(&sb, "Get-NetFirewallRule -Group $Group -ErrorAction SilentlyContinue | "
			 "Where-Object { $Wanted -notcontains $_.Name } | Remove-NetFirewallRule\n"
			 "Get-NetIPsecRule -Group $Group -ErrorAction SilentlyContinue | "
			 "Where-Object { $WantedIPsec -notcontains $_.IPsecRuleName } | "
			 "Remove-NetIPsecRule\n");
	strbuf_puts(&sb, "Write-Output ");
	put_message(&sb,
		    /* TRANSLATORS: %s is a server name */
		    _("Firewall and IPsec exceptions of the plan applied on %s."), "$Server");
	strbuf_puts(&sb, "\n");
	if (n_rules == 0)
		script_put_comment(&sb, "", _("The plan has no rule for a Windows server."));
	script_puts(&so, sb.data);
	strbuf_free(&sb);
	hosts_free(&hs);
	return script_finish(&so, _("the PowerShell script"), err);
}

const struct exporter export_ps1 = {
    .name = "ps1",
    .extension = "ps1",
    .write = export_ps1_write,
};
