/* probe.c: connectivity probes, a PowerShell one (Test-NetConnection) and
 * a POSIX shell one for Linux jump hosts.
 *
 * Both hold one check per firewall row, protocol and destination address:
 * the rule id, the names and addresses of the row's source ("*" when any
 * host may be the source), the destination's name and address, the port
 * and the protocol.  Run on a host, a probe keeps the checks whose source
 * is that host (by FQDN or address; -a / -AnySource adds those from any
 * host), opens each TCP connection with a bounded wait and prints a
 * pass/fail table, and writes the same as CSV.  UDP has no handshake to
 * prove a path: those checks are listed as not tested. */
#include <stdlib.h>
#include <string.h>

#include "script.h"
#include "ucplan/export.h"
#include "ucplan/i18n.h"

/* One check: what both writers need. */
struct probe_check {
	const char *rule;
	const char *const *sources; /* lower-case names and addresses; {"*"} for any */
	size_t n_sources;
	const char *name;    /* destination name, may be "" */
	const char *address; /* destination address, may be "" */
	char port[16];       /* "5061", "50000-59999", "any" */
	const char *protocol;
};

static char *lower_copy(const char *s)
{
	char *copy = xstrdup(s);

	for (char *p = copy; *p; p++)
		if (*p >= 'A' && *p <= 'Z')
			*p = (char)(*p - 'A' + 'a');
	return copy;
}

/* The source's names and addresses (owned strings in *out). */
static size_t source_keys(const struct report_endpoint *e, char ***out)
{
	size_t n = 0, cap = 2 + 2 * e->n_members;
	char **keys = xcalloc(cap, sizeof *keys);

	if (e->special) {
		keys[n++] = xstrdup("*");
	} else {
		if (!str_empty(e->vip) && e->vip_only)
			keys[n++] = lower_copy(e->vip);
		for (size_t i = 0; !e->vip_only && i < e->n_members; i++) {
			if (!str_empty(e->members[i].fqdn))
				keys[n++] = lower_copy(e->members[i].fqdn);
			if (!str_empty(e->members[i].address))
				keys[n++] = lower_copy(e->members[i].address);
		}
	}
	*out = keys;
	return n;
}

static void keys_free(char **keys, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(keys[i]);
	free(keys);
}

/* Every check of the firewall rows, in report order. */
static void probe_each(const struct report *report, unsigned tables, struct script_out *so,
		       void (*put)(struct strbuf *sb, const struct probe_check *c))
{
	struct strbuf buf = {0}, *sb = &buf;

	const struct report_flows *t = &report->tables[CATALOG_FIREWALL];

	if (!(tables & EXPORT_TABLE_BIT(CATALOG_FIREWALL)))
		return;
	for (size_t i = 0; i < t->n_flows; i++) {
		const struct report_flow *f = &t->flows[i];
		const struct report_endpoint *d = f->destination;
		const char *protocols[2];
		size_t n_protocols = script_protocols(f->transport, protocols);
		char **keys;
		size_t n_keys = source_keys(f->source, &keys);
		/* from outside (any host), an Edge behind NAT is reached at
		 * its public address; from the inside at its own */
		bool outside = f->source->special;
		struct probe_check c = {.rule = f->rule_id,
					.sources = (const char *const *)keys,
					.n_sources = n_keys};
		struct strbuf port = {0};

		if (n_keys == 0) {
			keys_free(keys, n_keys);
			continue; /* a source with no name and no address */
		}
		script_port(&port, f->destination_port, "any");
		snprintf(c.port, sizeof c.port, "%s", port.data);
		strbuf_free(&port);
		for (size_t p = 0; p < n_protocols; p++) {
			c.protocol = protocols[p];
			if (d->special)
				continue; /* any host: nothing to aim at */
			if ((d->vip_only && str_empty(d->vip)) || (!d->vip && d->n_members == 0)) {
				c.name = _(d->label);
				c.address = "";
				put(sb, &c);
				continue;
			}
			if (!str_empty(d->vip)) {
				c.name = d->pool ? d->pool : _(d->label);
				c.address = d->vip;
				put(sb, &c);
			}
			for (size_t m = 0; !d->vip_only && m < d->n_members; m++) {
				const struct report_member *mb = &d->members[m];
				c.name = mb->fqdn ? mb->fqdn : "";
				c.address = outside && !str_empty(mb->nat)   ? mb->nat
					    : !str_empty(mb->address) ? mb->address
								      : "";
				if (str_empty(c.name) && str_empty(c.address))
					continue;
				put(sb, &c);
			}
		}
		keys_free(keys, n_keys);
		/* written row by row: memory stays flat however large the plan */
		if (sb->len) {
			script_puts(so, sb->data);
			sb->len = 0;
			sb->data[0] = '\0';
		}
	}
	strbuf_free(sb);
}

static void put_header(struct strbuf *sb, const struct report *report, const char *usage)
{
	struct strbuf line = {0};

	strbuf_printf(&line, _("Connectivity probe for the plan \"%s\": tests, from the host it "
			       "runs on, each TCP path of the plan that starts there."),
		      report->plan_name ? report->plan_name : "");
	script_put_title(sb, line.data);
	strbuf_free(&line);
	strbuf_puts(sb, "#\n");
	script_put_comment(sb, "", usage);
	script_put_comment(sb, "", _("It prints a table of the results and writes them as CSV; the exit "
			  "status is 0 when every tested path is open, 1 when one is closed, 2 "
			  "when no path of the plan starts at this host."));
	script_put_comment(sb, "", _("UDP paths cannot be proven by opening a connection: they are listed "
			  "as not tested."));
}

/* ---- POSIX shell ------------------------------------------------------- */

static void sh_check(struct strbuf *sb, const struct probe_check *c)
{
	struct strbuf sources = {0};

	for (size_t i = 0; i < c->n_sources; i++) {
		if (i)
			strbuf_puts(&sources, " ");
		strbuf_puts(&sources, c->sources[i]);
	}
	strbuf_puts(sb, "check ");
	script_sh_quote(sb, c->rule);
	strbuf_puts(sb, " ");
	script_sh_quote(sb, sources.data);
	strbuf_puts(sb, " ");
	script_sh_quote(sb, c->name);
	strbuf_puts(sb, " ");
	script_sh_quote(sb, c->address);
	strbuf_printf(sb, " %s %s\n", c->port, c->protocol);
	strbuf_free(&sources);
}

/* name='translated text' */
static void sh_var(struct strbuf *sb, const char *name, const char *text)
{
	strbuf_printf(sb, "%s=", name);
	script_sh_quote(sb, text);
	strbuf_puts(sb, "\n");
}

static const char sh_body[] =
    "me=''\n"
    "wait_s=3\n"
    "csv=ucplan-probe.csv\n"
    "any=0\n"
    "method=''\n"
    "while getopts 'n:t:o:am:h' opt; do\n"
    "\tcase $opt in\n"
    "\tn) me=$OPTARG ;;\n"
    "\tt) wait_s=$OPTARG ;;\n"
    "\to) csv=$OPTARG ;;\n"
    "\ta) any=1 ;;\n"
    "\tm) method=$OPTARG ;;\n"
    "\th) printf '%s\\n' \"$msg_usage\"; exit 0 ;;\n"
    "\t*) printf '%s\\n' \"$msg_usage\" >&2; exit 2 ;;\n"
    "\tesac\n"
    "done\n"
    "case $wait_s in\n"
    "'' | *[!0-9]* | 0) printf '%s\\n' \"$msg_usage\" >&2; exit 2 ;;\n"
    "esac\n"
    "if [ -z \"$me\" ]; then\n"
    "\tme=\"$(hostname -f 2>/dev/null || hostname 2>/dev/null) $(hostname -I 2>/dev/null)\"\n"
    "fi\n"
    "me=$(printf '%s' \"$me\" | tr '[:upper:]' '[:lower:]')\n"
    "if [ -z \"$method\" ]; then\n"
    "\tif command -v bash >/dev/null 2>&1 && command -v timeout >/dev/null 2>&1; then\n"
    "\t\tmethod=bash\n"
    "\telif command -v python3 >/dev/null 2>&1; then\n"
    "\t\tmethod=python3\n"
    "\telif command -v nc >/dev/null 2>&1; then\n"
    "\t\tmethod=nc\n"
    "\telse\n"
    "\t\tprintf '%s\\n' \"$msg_no_method\" >&2\n"
    "\t\texit 3\n"
    "\tfi\n"
    "fi\n"
    "case $method in\n"
    "bash | python3 | nc) ;;\n"
    "*) printf '%s\\n' \"$msg_usage\" >&2; exit 2 ;;\n"
    "esac\n"
    "\n"
    "# Opens a TCP connection to $1 port $2, waiting at most $wait_s seconds.\n"
    "tcp_open() {\n"
    "\tcase $method in\n"
    "\tbash)\n"
    "\t\t# shellcheck disable=SC2016 # expanded by the inner bash\n"
    "\t\ttimeout \"$wait_s\" bash -c 'exec 3<>\"/dev/tcp/$1/$2\"' tcp_open \"$1\" \"$2\" ;;\n"
    "\tpython3)\n"
    "\t\tpython3 -c 'import socket, sys\n"
    "socket.create_connection((sys.argv[1], int(sys.argv[2])), float(sys.argv[3])).close()'"
    " \"$1\" \"$2\" \"$wait_s\" ;;\n"
    "\tnc)\n"
    "\t\tnc -z -w \"$wait_s\" \"$1\" \"$2\" ;;\n"
    "\tesac\n"
    "} >/dev/null 2>&1\n"
    "\n"
    "# True when this host is one of the sources in $1 (\"*\": any host, with -a).\n"
    "applies() {\n"
    "\tif [ \"$1\" = '*' ]; then\n"
    "\t\t[ \"$any\" -eq 1 ]\n"
    "\t\treturn\n"
    "\tfi\n"
    "\tfor m in $me; do\n"
    "\t\tcase \" $1 \" in *\" $m \"*) return 0 ;; esac\n"
    "\tdone\n"
    "\treturn 1\n"
    "}\n"
    "\n"
    "csv_field() {\n"
    "\tprintf '\"%s\"' \"$(printf '%s' \"$1\" | sed 's/\"/\"\"/g')\"\n"
    "}\n"
    "\n"
    "if ! printf '%s\\r\\n' 'result,rule,destination,address,port,transport' >\"$csv\"; then\n"
    "\tprintf '%s %s\\n' \"$msg_no_csv\" \"$csv\" >&2\n"
    "\texit 3\n"
    "fi\n"
    "passed=0\n"
    "failed=0\n"
    "untested=0\n"
    "header=0\n"
    "\n"
    "# check RULE SOURCES NAME ADDRESS PORT PROTOCOL\n"
    "check() {\n"
    "\tapplies \"$2\" || return 0\n"
    "\ttarget=$4\n"
    "\t[ -n \"$target\" ] || target=$3\n"
    "\tport=${5%%-*}\n"
    "\tnote=''\n"
    "\tif [ \"$6\" != TCP ]; then\n"
    "\t\tresult=not-tested label=$msg_untested note=$msg_udp\n"
    "\telif [ -z \"$target\" ] || { [ -z \"$4\" ] && ! printf '%s' \"$3\" | grep -q '^[A-Za-z0-9.-]*$'; }; then\n"
    "\t\tresult=not-tested label=$msg_untested note=$msg_no_address\n"
    "\telif [ \"$port\" = any ]; then\n"
    "\t\tresult=not-tested label=$msg_untested note=$msg_no_port\n"
    "\telif tcp_open \"$target\" \"$port\"; then\n"
    "\t\tresult=pass label=$msg_pass\n"
    "\telse\n"
    "\t\tresult=fail label=$msg_fail\n"
    "\tfi\n"
    "\tcase $result in\n"
    "\tpass) passed=$((passed + 1)) ;;\n"
    "\tfail) failed=$((failed + 1)) ;;\n"
    "\t*) untested=$((untested + 1)) ;;\n"
    "\tesac\n"
    "\t[ \"$port\" = \"$5\" ] || [ -n \"$note\" ] || note=$msg_first_port\n"
    "\tif [ \"$header\" -eq 0 ]; then\n"
    "\t\tprintf '%-12s %-28s %-34s %-24s %s\\n' \"$msg_result\" \"$msg_rule\" \"$msg_destination\""
    " \"$msg_address\" \"$msg_note\"\n"
    "\t\theader=1\n"
    "\tfi\n"
    "\tprintf '%-12s %-28s %-34s %-24s %s\\n' \"$label\" \"$1\" \"$3\" \"$4 $6/$5\" \"$note\"\n"
    "\t{\n"
    "\t\tfor v in \"$result\" \"$1\" \"$3\" \"$4\" \"$5\"; do\n"
    "\t\t\tcsv_field \"$v\"\n"
    "\t\t\tprintf ','\n"
    "\t\tdone\n"
    "\t\tcsv_field \"$6\"\n"
    "\t\tprintf '\\r\\n'\n"
    "\t} >>\"$csv\"\n"
    "}\n"
    "\n";

static const char sh_tail[] =
    "\n"
    "if [ $((passed + failed + untested)) -eq 0 ]; then\n"
    "\tprintf '%s\\n' \"$msg_nothing\" >&2\n"
    "\texit 2\n"
    "fi\n"
    "# shellcheck disable=SC2059 # the format is the translated summary\n"
    "printf \"$msg_summary\\n\" \"$passed\" \"$failed\" \"$untested\" \"$csv\"\n"
    "[ \"$failed\" -eq 0 ]\n";

static enum uc_status export_probe_sh_write(const struct report *report,
					    const struct export_options *opts, FILE *out,
					    struct uc_error *err)
{
	unsigned tables = opts && opts->tables ? opts->tables : EXPORT_ALL_TABLES;
	struct script_out so = {out, 0};
	struct strbuf sb = {0};
	const char *usage =
	    _("Usage: sh probe.sh [-n NAME] [-a] [-t SECONDS] [-o FILE.csv] [-m bash|python3|nc]; "
	      "-n: this host's FQDN or address as the plan names it (default: hostname -f and "
	      "hostname -I); -a: also the paths from any host; -t: the wait per path (default 3); "
	      "-o: the CSV file (default ucplan-probe.csv); -m: how to connect (default: the first "
	      "available).");

	strbuf_puts(&sb, "#!/bin/sh\n");
	put_header(&sb, report, usage);
	strbuf_puts(&sb, "\nset -u\n\n");
	sh_var(&sb, "msg_usage", usage);
	sh_var(&sb, "msg_no_method",
	       _("No way to open a TCP connection: install bash and coreutils, python3 or a "
		 "netcat."));
	sh_var(&sb, "msg_no_csv", _("Cannot write the CSV file:"));
	/* TRANSLATORS: the table's column headers and result words */
	sh_var(&sb, "msg_result", _("Result"));
	sh_var(&sb, "msg_rule", _("Rule"));
	sh_var(&sb, "msg_destination", _("Destination"));
	sh_var(&sb, "msg_address", _("Address and port"));
	sh_var(&sb, "msg_note", _("Note"));
	sh_var(&sb, "msg_pass", _("open"));
	sh_var(&sb, "msg_fail", _("CLOSED"));
	sh_var(&sb, "msg_untested", _("not tested"));
	sh_var(&sb, "msg_udp", _("UDP: cannot be tested this way"));
	sh_var(&sb, "msg_no_address", _("no address in the plan"));
	sh_var(&sb, "msg_no_port", _("no fixed port"));
	sh_var(&sb, "msg_first_port", _("first port of the range"));
	sh_var(&sb, "msg_nothing",
	       _("No path of the plan starts at this host: name it with -n as the plan does, or "
		 "add -a for the paths from any host."));
	/* TRANSLATORS: printf format with four %s: open, closed and untested
	   counts, then the CSV file name */
	sh_var(&sb, "msg_summary", _("Paths: %s open, %s closed, %s not tested; CSV: %s"));
	strbuf_puts(&sb, "\n");
	strbuf_puts(&sb, sh_body);
	script_puts(&so, sb.data);
	strbuf_free(&sb);
	probe_each(report, tables, &so, sh_check);
	script_puts(&so, sh_tail);
	return script_finish(&so, _("the probe script"), err);
}

/* ---- PowerShell --------------------------------------------------------- */

static void ps_check(struct strbuf *sb, const struct probe_check *c)
{
	strbuf_puts(sb, "Test-UcPath -Rule ");
	script_ps_quote(sb, c->rule);
	strbuf_puts(sb, " -Sources @(");
	for (size_t i = 0; i < c->n_sources; i++) {
		if (i)
			strbuf_puts(sb, ", ");
		script_ps_quote(sb, c->sources[i]);
	}
	strbuf_puts(sb, ") -Name ");
	script_ps_quote(sb, c->name);
	strbuf_puts(sb, " -Address ");
	script_ps_quote(sb, c->address);
	strbuf_printf(sb, " -Port '%s' -Protocol '%s'\n", c->port, c->protocol);
}

static void ps_var(struct strbuf *sb, const char *name, const char *text)
{
	strbuf_printf(sb, "$%s = ", name);
	script_ps_quote(sb, text);
	strbuf_puts(sb, "\n");
}

static const char ps_body[] =
    "if ($Server -eq '') {\n"
    "    $Server = [System.Net.Dns]::GetHostEntry($env:COMPUTERNAME).HostName\n"
    "}\n"
    "$Me = @($Server.ToLowerInvariant())\n"
    "foreach ($a in [System.Net.Dns]::GetHostAddresses($Server)) {\n"
    "    $Me += $a.IPAddressToString.ToLowerInvariant()\n"
    "}\n"
    "$Results = New-Object System.Collections.Generic.List[object]\n"
    "\n"
    "function Test-UcPath {\n"
    "    param([string]$Rule, [string[]]$Sources, [string]$Name, [string]$Address,\n"
    "          [string]$Port, [string]$Protocol)\n"
    "    if ($Sources -contains '*') {\n"
    "        if (-not $AnySource) { return }\n"
    "    } else {\n"
    "        $mine = $false\n"
    "        foreach ($m in $Me) { if ($Sources -contains $m) { $mine = $true } }\n"
    "        if (-not $mine) { return }\n"
    "    }\n"
    "    $target = $Address\n"
    "    if ($target -eq '') { $target = $Name }\n"
    "    $first = $Port.Split('-')[0]\n"
    "    $note = ''\n"
    "    if ($Protocol -ne 'TCP') {\n"
    "        $result = 'not-tested'; $note = $MsgUdp\n"
    "    } elseif ($Address -eq '' -and $Name -notmatch '^[A-Za-z0-9.-]+$') {\n"
    "        $result = 'not-tested'; $note = $MsgNoAddress\n"
    "    } elseif ($first -eq 'any') {\n"
    "        $result = 'not-tested'; $note = $MsgNoPort\n"
    "    } elseif (Test-NetConnection -ComputerName $target -Port ([int]$first)"
    " -InformationLevel Quiet -WarningAction SilentlyContinue) {\n"
    "        $result = 'pass'\n"
    "    } else {\n"
    "        $result = 'fail'\n"
    "    }\n"
    "    if ($note -eq '' -and $first -ne $Port) { $note = $MsgFirstPort }\n"
    "    $Results.Add((New-Object PSObject -Property ([ordered]@{\n"
    "        result = $result; rule = $Rule; destination = $Name; address = $Address;\n"
    "        port = $Port; transport = $Protocol; note = $note })))\n"
    "}\n"
    "\n";

static const char ps_tail[] =
    "\n"
    "if ($Results.Count -eq 0) {\n"
    "    Write-Warning $MsgNothing\n"
    "    exit 2\n"
    "}\n"
    "$Results | Format-Table -AutoSize result, rule, destination, address, port, transport, note"
    " | Out-String -Width 220 | Write-Output\n"
    "$Results | Export-Csv -Path $CsvPath -NoTypeInformation -Encoding UTF8\n"
    "$open = @($Results | Where-Object { $_.result -eq 'pass' }).Count\n"
    "$closed = @($Results | Where-Object { $_.result -eq 'fail' }).Count\n"
    "$untested = @($Results | Where-Object { $_.result -eq 'not-tested' }).Count\n"
    "Write-Output ($MsgSummary -f $open, $closed, $untested, $CsvPath)\n"
    "if ($closed -gt 0) { exit 1 }\n"
    "exit 0\n";

/* A translated printf-style summary as a .NET format: %s becomes {0}, {1}... */
static void ps_format_var(struct strbuf *sb, const char *name, const char *text)
{
	struct strbuf fmt = {0};
	unsigned n = 0;

	for (const char *p = text; *p; p++) {
		if (p[0] == '%' && p[1] == 's') {
			strbuf_printf(&fmt, "{%u}", n++);
			p++;
		} else if (*p == '{' || *p == '}') {
			strbuf_add(&fmt, p, 1); /* a brace doubled is a brace */
			strbuf_add(&fmt, p, 1);
		} else {
			strbuf_add(&fmt, p, 1);
		}
	}
	ps_var(sb, name, fmt.data ? fmt.data : "");
	strbuf_free(&fmt);
}

static enum uc_status export_probe_ps1_write(const struct report *report,
					     const struct export_options *opts, FILE *out,
					     struct uc_error *err)
{
	unsigned tables = opts && opts->tables ? opts->tables : EXPORT_ALL_TABLES;
	struct script_out so = {out, 0};
	struct strbuf sb = {0};
	const char *usage =
	    _("Usage: .\\probe.ps1 [-Server NAME] [-AnySource] [-CsvPath FILE.csv]; -Server: this "
	      "host's FQDN as the plan names it (default: the computer's DNS name); -AnySource: "
	      "also the paths from any host; -CsvPath: the CSV file (default ucplan-probe.csv). "
	      "Test-NetConnection waits about 20 seconds on a closed path.");

	put_header(&sb, report, usage);
	strbuf_puts(&sb, "\n#Requires -Version 4.0\n"
			 "[CmdletBinding()]\n"
			 "param([string]$Server = '', [switch]$AnySource,"
			 " [string]$CsvPath = 'ucplan-probe.csv')\n\n"
			 "Set-StrictMode -Version 2.0\n"
			 "$ErrorActionPreference = 'Stop'\n\n");
	ps_var(&sb, "MsgUdp", _("UDP: cannot be tested this way"));
	ps_var(&sb, "MsgNoAddress", _("no address in the plan"));
	ps_var(&sb, "MsgNoPort", _("no fixed port"));
	ps_var(&sb, "MsgFirstPort", _("first port of the range"));
	ps_var(&sb, "MsgNothing",
	       _("No path of the plan starts at this host: name it with -Server as the plan does, "
		 "or add -AnySource for the paths from any host."));
	ps_format_var(&sb, "MsgSummary", _("Paths: %s open, %s closed, %s not tested; CSV: %s"));
	strbuf_puts(&sb, "\n");
	strbuf_puts(&sb, ps_body);
	script_puts(&so, sb.data);
	strbuf_free(&sb);
	probe_each(report, tables, &so, ps_check);
	script_puts(&so, ps_tail);
	return script_finish(&so, _("the probe script"), err);
}

const struct exporter export_probe_sh = {
    .name = "probe-sh",
    .extension = "sh",
    .write = export_probe_sh_write,
};

const struct exporter export_probe_ps1 = {
    .name = "probe-ps1",
    .extension = "ps1",
    .write = export_probe_ps1_write,
};
