/* script.h: what the script exporters (ps1.c, nft.c, probe.c) share,
 * private to src/export.
 *
 * The scripts are generated from the report's structured rows: endpoints
 * with their members, addresses and NAT translations, typed ports.  Every
 * value that comes from a plan (its name, site names, server names) is
 * written through one of the quoting functions below, so that no value can
 * end a string or a comment early, whatever characters it holds. */
#ifndef UCPLAN_EXPORT_SCRIPT_H
#define UCPLAN_EXPORT_SCRIPT_H

#include <stdbool.h>
#include <stdio.h>

#include "ucplan/report.h"
#include "ucplan/util.h"

/* A stream that remembers its first write error. */
struct script_out {
	FILE *out;
	int error;
};

void script_puts(struct script_out *so, const char *s);
void script_printf(struct script_out *so, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Flushes; returns UC_OK or UC_ERR_IO with a message naming what (a
 * translated noun phrase: "the PowerShell script"). */
enum uc_status script_finish(struct script_out *so, const char *what, struct uc_error *err);

/* Appends s as a PowerShell verbatim string: single quotes, where every
 * character that PowerShell reads as a single quote (' and U+2018 to
 * U+201B) is doubled, and line breaks become spaces.  Nothing inside such
 * a string is expanded: $(...), backticks and double quotes stay text. */
void script_ps_quote(struct strbuf *sb, const char *s);
/* Appends s as a POSIX shell single-quoted word (' becomes '\''), line
 * breaks as spaces. */
void script_sh_quote(struct strbuf *sb, const char *s);
/* Appends s for the inside of a # comment: control characters and Unicode
 * line breaks become spaces, so that the comment stays one line. */
void script_comment(struct strbuf *sb, const char *s);
/* Appends a name as an identifier that any of the three languages accepts
 * (letters, digits, '-' and '_'): a readable part made from its ASCII
 * letters and digits and, unless it was one already, a hash of the exact
 * name, so that two names never share an identifier. */
void script_slug(struct strbuf *sb, const char *name);

/* Appends indent, "# " and text as one comment line (script_comment). */
void script_put_comment(struct strbuf *sb, const char *indent, const char *text);
/* Appends the first lines every script starts with: title (a translated
 * sentence naming the plan) and the ucplan version and date that made it,
 * as # comments. */
void script_put_title(struct strbuf *sb, const char *title);

/* The date of the generation, YYYY-MM-DD in UTC: SOURCE_DATE_EPOCH when
 * set (reproducible output), else now.  buf of at least 11 bytes. */
void script_date(char *buf, size_t size);

/* True for the endpoints whose members are Windows servers of the plan
 * (Front End, Director, Mediation, Edge, Persistent Chat, Office Web Apps,
 * Exchange UM): the hosts that the PowerShell script configures. */
bool script_role_is_windows_server(const char *role);
/* True for the Edge interfaces, where each service has its own address. */
bool script_role_is_edge(const char *role);

/* The addresses of an endpoint as its peers address it: the VIP, then the
 * members' addresses (their public translations instead when nat is true
 * and they have one).  Calls put(address, context) for each address that
 * is a valid IPv4 or IPv6 address, each once; returns how many. */
size_t script_endpoint_addresses(const struct report_endpoint *e, bool nat,
				 void (*put)(const char *address, void *context), void *context);

/* A port as the scripts write it: any (the word for "any port" in the
 * script's language) or as fields_put_port does: "5061", "50000-59999". */
void script_port(struct strbuf *sb, struct report_port port, const char *any);

/* The protocols a transport stands for: "TCP", "UDP", or both for
 * "UDP/TCP".  Returns how many were written into out (at most 2). */
size_t script_protocols(const char *transport, const char *out[2]);

#endif
