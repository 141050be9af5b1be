/* script.c: quoting, names, addresses and output shared by the script
 * exporters (script.h). */
#include "script.h"

#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "ucplan/i18n.h"
#include "ucplan/model.h"

void script_puts(struct script_out *so, const char *s)
{
	if (so->error)
		return;
	errno = 0;
	if (fputs(s, so->out) == EOF)
		so->error = errno ? errno : EIO;
}

void script_printf(struct script_out *so, const char *fmt, ...)
{
	va_list ap;

	if (so->error)
		return;
	va_start(ap, fmt);
	errno = 0;
	if (vfprintf(so->out, fmt, ap) < 0)
		so->error = errno ? errno : EIO;
	va_end(ap);
}

enum uc_status script_finish(struct script_out *so, const char *what, struct uc_error *err)
{
	errno = 0;
	if (fflush(so->out) == EOF && !so->error)
		so->error = errno ? errno : EIO;
	if (ferror(so->out) && !so->error)
		so->error = EIO;
	if (so->error)
		return uc_error_set(err, UC_ERR_IO, NULL, 0,
				    /* TRANSLATORS: %s is "the PowerShell script", "the nftables
				       ruleset"...; the second %s the system's reason */
				    _("could not write %s (%s); check that the disk has free space "
				      "and that the output can be written"),
				    what, strerror(so->error));
	return UC_OK;
}

/* Length of the UTF-8 line break at s (C0 and C1 controls, U+2028,
 * U+2029), or 0.  Any control character counts: a script line must stay
 * one line in every editor and every parser. */
static size_t line_break_at(const char *s)
{
	const unsigned char *u = (const unsigned char *)s;

	if (u[0] < 0x20 || u[0] == 0x7f)
		return 1;
	if (u[0] == 0xc2 && u[1] >= 0x80 && u[1] <= 0x9f)
		return 2; /* C1 controls, NEL among them */
	if (u[0] == 0xe2 && u[1] == 0x80 && (u[2] == 0xa8 || u[2] == 0xa9))
		return 3;
	return 0;
}

/* Length of a character that PowerShell reads as a single quote at s:
 * ' and U+2018 to U+201B (its tokenizer's single-quote-character). */
static size_t ps_single_quote_at(const char *s)
{
	const unsigned char *u = (const unsigned char *)s;

	if (u[0] == '\'')
		return 1;
	if (u[0] == 0xe2 && u[1] == 0x80 && u[2] >= 0x98 && u[2] <= 0x9b)
		return 3;
	return 0;
}

void script_ps_quote(struct strbuf *sb, const char *s)
{
	strbuf_add(sb, "'", 1);
	for (const char *p = s ? s : ""; *p;) {
		size_t n = line_break_at(p);
		if (n) {
			strbuf_add(sb, " ", 1);
			p += n;
			continue;
		}
		n = ps_single_quote_at(p);
		if (n) {
			/* a quote character doubled is that character, once */
			strbuf_add(sb, p, n);
			strbuf_add(sb, p, n);
			p += n;
			continue;
		}
		strbuf_add(sb, p, 1);
		p++;
	}
	strbuf_add(sb, "'", 1);
}

void script_sh_quote(struct strbuf *sb, const char *s)
{
	strbuf_add(sb, "'", 1);
	for (const char *p = s ? s : ""; *p;) {
		size_t n = line_break_at(p);
		if (n) {
			strbuf_add(sb, " ", 1);
			p += n;
		} else if (*p == '\'') {
			strbuf_puts(sb, "'\\''");
			p++;
		} else {
			strbuf_add(sb, p++, 1);
		}
	}
	strbuf_add(sb, "'", 1);
}

void script_comment(struct strbuf *sb, const char *s)
{
	for (const char *p = s ? s : ""; *p;) {
		size_t n = line_break_at(p);
		if (n) {
			strbuf_add(sb, " ", 1);
			p += n;
		} else {
			strbuf_add(sb, p++, 1);
		}
	}
}

void script_slug(struct strbuf *sb, const char *name)
{
	enum { SLUG_MAX = 32 };
	uint32_t hash = 2166136261u; /* FNV-1a of the exact bytes */
	size_t n = 0;
	bool exact = !str_empty(name), dash = false;

	for (const unsigned char *p = (const unsigned char *)(name ? name : ""); *p; p++) {
		unsigned char c = *p;
		hash = (hash ^ c) * 16777619u;
		if (c >= 'A' && c <= 'Z') {
			exact = false;
			c = (unsigned char)(c - 'A' + 'a');
		}
		if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
			if (n + (dash ? 2 : 1) > SLUG_MAX) {
				exact = false;
				continue;
			}
			if (dash)
				strbuf_add(sb, "-", 1), n++;
			strbuf_add(sb, (const char *)&c, 1);
			n++;
			dash = false;
		} else {
			/* one '-' for each run of other characters; a lone '-'
			 * between two letters or digits keeps the name exact */
			if (c != '-' || dash || n == 0 || !p[1])
				exact = false;
			dash = n > 0;
		}
	}
	if (n == 0) {
		strbuf_add(sb, "x", 1);
		exact = false;
	}
	if (!exact)
		strbuf_printf(sb, "-%08x", (unsigned)hash);
}

void script_date(char *buf, size_t size)
{
	const char *epoch = getenv("SOURCE_DATE_EPOCH");
	time_t when = time(NULL);
	struct tm tm;

	if (!str_empty(epoch)) {
		char *end;
		long long v;
		errno = 0;
		v = strtoll(epoch, &end, 10);
		if (!errno && !*end && v >= 0)
			when = (time_t)v;
	}
	if (!gmtime_r(&when, &tm) || !strftime(buf, size, "%Y-%m-%d", &tm))
		snprintf(buf, size, "%s", "1970-01-01");
}

static const char *const windows_roles[] = {
    "frontend-pool",  "frontend-servers", "frontend-cms",  "director-pool",
    "director-servers", "mediation-servers", "all-servers", "internal-servers",
    "pchat-servers",  "office-web-apps",  "edge-internal", "edge-access",
    "edge-webconf",   "edge-av",          "exchange-cas",  "exchange-mailbox",
    "exchange-um",
};

bool script_role_is_windows_server(const char *role)
{
	for (size_t i = 0; i < sizeof windows_roles / sizeof windows_roles[0]; i++)
		if (str_eq(role, windows_roles[i]))
			return true;
	return false;
}

bool script_role_is_edge(const char *role)
{
	return role && strncmp(role, "edge-", 5) == 0;
}

/* Calls put for address when it is an address and not one seen before in
 * seen[0..*n) (at most max). */
static size_t put_once(const char *address, const char **seen, size_t *n, size_t max,
		       void (*put)(const char *, void *), void *context)
{
	if (str_empty(address) || !model_is_ip(address))
		return 0;
	for (size_t i = 0; i < *n; i++)
		if (str_eq(seen[i], address))
			return 0;
	if (*n < max)
		seen[(*n)++] = address;
	put(address, context);
	return 1;
}

size_t script_endpoint_addresses(const struct report_endpoint *e, bool nat,
				 void (*put)(const char *address, void *context), void *context)
{
	/* an endpoint has at most a VIP and PLAN_MAX_POOL_SERVERS members, a
	 * few of them twice (a pool and its servers) */
	const char *seen[1 + 2 * PLAN_MAX_POOL_SERVERS];
	size_t n = 0, count = 0, max = sizeof seen / sizeof seen[0];

	if (!e || e->special)
		return 0;
	count += put_once(e->vip, seen, &n, max, put, context);
	if (e->vip_only)
		return count;
	for (size_t i = 0; i < e->n_members; i++) {
		const struct report_member *m = &e->members[i];
		const char *a = nat && !str_empty(m->nat) ? m->nat : m->address;
		count += put_once(a, seen, &n, max, put, context);
	}
	return count;
}

void script_port(struct strbuf *sb, struct report_port port, const char *any)
{
	switch (port.kind) {
	case REPORT_PORT_ANY:
		strbuf_puts(sb, any);
		break;
	case REPORT_PORT_SINGLE:
		strbuf_printf(sb, "%u", port.first);
		break;
	default:
		strbuf_printf(sb, "%u-%u", port.first, port.last);
		break;
	}
}

size_t script_protocols(const char *transport, const char *out[2])
{
	size_t n = 0;

	if (transport && strstr(transport, "TCP"))
		out[n++] = "TCP";
	if (transport && strstr(transport, "UDP"))
		out[n++] = "UDP";
	return n;
}
