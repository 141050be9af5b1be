/* xml.c: the report as XML (schema: data/report.rng).
 *
 * Written directly, in the layout libxml2's xmlTextWriter gives (two
 * spaces of indentation, empty elements closed with "/>"), because the
 * writer spent most of an export's time on calls: a 1,000-site report has
 * tens of thousands of rows that name the same few hundred endpoints, notes
 * and source lists.  Those are serialized once and their text reused
 * (endpoints once per site).  Escaping is that of the writer: & < > " in
 * text and attributes, and in attributes also tab, CR and LF as character
 * references, so that they survive attribute normalization.
 *
 * XML is read by programs, not spreadsheets, so cells are not neutralized;
 * only what XML 1.0 cannot carry at all (control characters, broken UTF-8)
 * becomes U+FFFD, so that the output is always well-formed. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ucplan/export.h"
#include "ucplan/fields.h"
#include "ucplan/i18n.h"
#include "ucplan/strpool.h"

#define XML_NAMESPACE "urn:ucplan:report:2"
#define XML_FORMAT_VERSION "2"

/* Length of the UTF-8 character at s if it is one that XML 1.0 allows,
 * else 0. */
static size_t xml_char_len(const unsigned char *s)
{
	unsigned long cp;
	size_t len;

	if (s[0] < 0x80)
		return s[0] >= 0x20 || s[0] == '\t' || s[0] == '\n' || s[0] == '\r' ? 1 : 0;
	if (s[0] >= 0xC2 && s[0] <= 0xDF) {
		len = 2;
		cp = s[0] & 0x1F;
	} else if (s[0] >= 0xE0 && s[0] <= 0xEF) {
		len = 3;
		cp = s[0] & 0x0F;
	} else if (s[0] >= 0xF0 && s[0] <= 0xF4) {
		len = 4;
		cp = s[0] & 0x07;
	} else {
		return 0;
	}
	for (size_t i = 1; i < len; i++) {
		if ((s[i] & 0xC0) != 0x80)
			return 0;
		cp = cp << 6 | (s[i] & 0x3F);
	}
	/* Overlong forms, surrogates, U+FFFE/U+FFFF and beyond U+10FFFF. */
	if ((len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000) || cp > 0x10FFFF ||
	    (cp >= 0xD800 && cp <= 0xDFFF) || cp == 0xFFFE || cp == 0xFFFF)
		return 0;
	return len;
}

/* s itself when XML can carry it, else a copy with U+FFFD for each bad
 * byte stored in *copy (which the caller frees). */
static const char *xml_clean(const char *s, char **copy)
{
	const unsigned char *p = (const unsigned char *)(s ? s : "");
	struct strbuf sb = {0};
	bool clean = true;
	size_t len;

	*copy = NULL;
	for (const unsigned char *q = p; *q; q += len ? len : 1)
		if (!(len = xml_char_len(q)))
			clean = false;
	if (clean)
		return (const char *)p;
	strbuf_add(&sb, "", 0);
	while (*p) {
		len = xml_char_len(p);
		if (len) {
			strbuf_add(&sb, (const char *)p, len);
			p += len;
		} else {
			strbuf_puts(&sb, "\xEF\xBF\xBD");
			p++;
		}
	}
	*copy = strbuf_detach(&sb);
	return *copy;
}

/* The reference that stands for c in text or in an attribute value
 * (in_attribute), or NULL when c stands for itself. */
static const char *xml_ref(unsigned char c, bool in_attribute)
{
	switch (c) {
	case '&':
		return "&amp;";
	case '<':
		return "&lt;";
	case '>':
		return "&gt;";
	case '"':
		return "&quot;";
	case '\r':
		return "&#13;";
	case '\n':
		return in_attribute ? "&#10;" : NULL;
	case '\t':
		return in_attribute ? "&#9;" : NULL;
	default:
		return NULL;
	}
}

/* Appends s with its special characters replaced by references; with
 * ascii_only, stops at the first byte that is not printable ASCII and
 * returns where (the end of s otherwise). */
static const char *put_refs(struct strbuf *sb, const char *s, bool in_attribute, bool ascii_only)
{
	const char *p = s, *run = s;

	for (; *p; p++) {
		unsigned char c = (unsigned char)*p;
		const char *ref;

		if (c > '>' && c < 0x7f) /* letters and most punctuation */
			continue;
		if (ascii_only && (c < 0x20 || c >= 0x7f))
			break;
		if (!(ref = xml_ref(c, in_attribute)))
			continue;
		strbuf_add(sb, run, (size_t)(p - run));
		strbuf_puts(sb, ref);
		run = p + 1;
	}
	strbuf_add(sb, run, (size_t)(p - run));
	return p;
}

/* Appends s escaped for an attribute value (in_attribute) or for text,
 * after replacing what XML cannot carry.  Printable ASCII, what most
 * values are, needs no check; from its first other byte on, the rest of
 * the value is checked and cleaned first. */
static void put_escaped(struct strbuf *sb, const char *s, bool in_attribute)
{
	const char *rest = put_refs(sb, s ? s : "", in_attribute, true);
	char *copy;

	if (!*rest)
		return;
	put_refs(sb, xml_clean(rest, &copy), in_attribute, false);
	free(copy);
}

static void indent(struct strbuf *sb, int depth)
{
	for (int i = 0; i < depth; i++)
		strbuf_add(sb, "  ", 2);
}

static void attribute(struct strbuf *sb, const char *name, const char *value)
{
	strbuf_add(sb, " ", 1);
	strbuf_puts(sb, name);
	strbuf_add(sb, "=\"", 2);
	put_escaped(sb, value ? value : "", true);
	strbuf_add(sb, "\"", 1);
}

static void optional_attribute(struct strbuf *sb, const char *name, const char *value)
{
	if (!str_empty(value))
		attribute(sb, name, value);
}

static void number_attribute(struct strbuf *sb, const char *name, unsigned value)
{
	strbuf_add(sb, " ", 1);
	strbuf_puts(sb, name);
	strbuf_add(sb, "=\"", 2);
	fields_put_port(sb, (struct report_port){REPORT_PORT_SINGLE, value, value});
	strbuf_add(sb, "\"", 1);
}

/* An endpoint: its role, its display label, its pool and VIP, and each
 * member with its name, address and NAT translation. */
static void put_endpoint(struct strbuf *sb, const char *name, const struct report_endpoint *e)
{
	indent(sb, 3);
	strbuf_add(sb, "<", 1);
	strbuf_puts(sb, name);
	attribute(sb, "role", e->role);
	attribute(sb, "label", _(e->label));
	optional_attribute(sb, "pool", e->pool);
	optional_attribute(sb, "vip", e->vip);
	if (e->vip_only)
		attribute(sb, "vip-only", "true");
	if (!e->n_members) {
		strbuf_add(sb, "/>\n", 3);
		return;
	}
	strbuf_add(sb, ">\n", 2);
	for (size_t i = 0; i < e->n_members; i++) {
		const struct report_member *m = &e->members[i];
		indent(sb, 4);
		strbuf_puts(sb, "<member");
		optional_attribute(sb, "fqdn", m->fqdn);
		optional_attribute(sb, "address", m->address);
		optional_attribute(sb, "nat", m->nat);
		strbuf_add(sb, "/>\n", 3);
	}
	indent(sb, 3);
	strbuf_add(sb, "</", 2);
	strbuf_puts(sb, name);
	strbuf_add(sb, ">\n", 2);
}

/* A port: <name any="true"/>, <name port="5061"/> or <name first="50000"
 * last="59999"/>. */
static void put_port(struct strbuf *sb, const char *name, struct report_port p)
{
	indent(sb, 3);
	strbuf_add(sb, "<", 1);
	strbuf_puts(sb, name);
	if (p.kind == REPORT_PORT_ANY) {
		attribute(sb, "any", "true");
	} else if (p.kind == REPORT_PORT_SINGLE) {
		number_attribute(sb, "port", p.first);
	} else {
		number_attribute(sb, "first", p.first);
		number_attribute(sb, "last", p.last);
	}
	strbuf_add(sb, "/>\n", 3);
}

static void text_element(struct strbuf *sb, int depth, const char *name, const char *label,
			 const char *text)
{
	indent(sb, depth);
	strbuf_add(sb, "<", 1);
	strbuf_puts(sb, name);
	if (label)
		attribute(sb, "label", label);
	strbuf_add(sb, ">", 1);
	put_escaped(sb, text, false);
	strbuf_add(sb, "</", 2);
	strbuf_puts(sb, name);
	strbuf_add(sb, ">\n", 2);
}

static void put_source_list(struct strbuf *sb, int depth,
			    const struct catalog_source *const *sources, size_t n)
{
	indent(sb, depth);
	if (!n) {
		strbuf_puts(sb, "<sources/>\n");
		return;
	}
	strbuf_puts(sb, "<sources>\n");
	for (size_t i = 0; i < n; i++) {
		const struct catalog_source *src = sources[i];
		indent(sb, depth + 1);
		strbuf_puts(sb, "<source");
		attribute(sb, "article", src->article);
		attribute(sb, "table", src->table);
		attribute(sb, "url", src->url);
		optional_attribute(sb, "seed", src->file);
		optional_attribute(sb, "section", src->section);
		optional_attribute(sb, "document", src->document);
		strbuf_add(sb, "/>\n", 3);
	}
	indent(sb, depth);
	strbuf_puts(sb, "</sources>\n");
}

/* <name label="as a person reads it">machine value</name> */
static void put_setting(struct strbuf *sb, const char *name, const char *value,
			const struct catalog_lb_profile *lb, enum view_lb_setting which)
{
	struct strbuf label = {0};

	view_put_lb_setting(&label, lb, which);
	text_element(sb, 4, name, label.data ? label.data : "", value);
	strbuf_free(&label);
}

/* An lb row's VIP settings ("not-documented" where Microsoft gives
 * nothing), their note and their sources. */
static void put_lb_settings(struct strbuf *sb, const struct catalog_lb_profile *lb)
{
	char timeout[16], monitor[32];

	snprintf(timeout, sizeof timeout, "%u", lb->idle_timeout);
	snprintf(monitor, sizeof monitor, "%s %u", lb->monitor_transport ? lb->monitor_transport : "",
		 lb->monitor_port);
	indent(sb, 3);
	strbuf_puts(sb, "<lb-settings>\n");
	put_setting(sb, "persistence", catalog_lb_persistence_key(lb->persistence), lb,
		    VIEW_LB_PERSISTENCE);
	put_setting(sb, "idle-timeout", lb->idle_timeout ? timeout : "not-documented", lb,
		    VIEW_LB_IDLE_TIMEOUT);
	put_setting(sb, "health-monitor", lb->monitor_transport ? monitor : "not-documented", lb,
		    VIEW_LB_MONITOR);
	put_setting(sb, "source-nat", catalog_lb_snat_key(lb->source_nat), lb, VIEW_LB_SOURCE_NAT);
	if (!str_empty(lb->note))
		text_element(sb, 4, "note", _(lb->note), lb->note);
	put_source_list(sb, 4, lb->sources, lb->n_sources);
	indent(sb, 3);
	strbuf_puts(sb, "</lb-settings>\n");
}

/* Serialized pieces that many rows share, by what they depend on; the
 * current site's endpoints apart, forgotten when the next site begins. */
struct xml_cache {
	struct strpool *texts;
	struct ptrmap map;
};

struct xml_out {
	FILE *out;
	int error;
	struct strbuf row, piece;
	struct xml_cache shared, site;
	int cached_site;
};

enum { PIECE_FROM, PIECE_TO, PIECE_TRANSPORT, PIECE_SERVICE, PIECE_NOTE, PIECE_AUTH,
       PIECE_SOURCES, PIECE_LB };

static const char *keep_piece(struct xml_out *xo, struct xml_cache *c, unsigned tag,
			      const void *key)
{
	const char *kept = strpool_intern_n(c->texts, xo->piece.data ? xo->piece.data : "",
					    xo->piece.len);

	ptrmap_put(&c->map, tag, key, kept);
	xo->piece.len = 0;
	return kept;
}

static const char *endpoint_piece(struct xml_out *xo, unsigned tag,
				  const struct report_endpoint *e)
{
	const char *text = ptrmap_get(&xo->site.map, tag, e);

	if (text)
		return text;
	put_endpoint(&xo->piece, tag == PIECE_FROM ? "from" : "to", e);
	return keep_piece(xo, &xo->site, tag, e);
}

/* <name label="translation">English msgid</name>, or nothing. */
static const char *message_piece(struct xml_out *xo, unsigned tag, const char *msgid)
{
	static const char *const names[] = {[PIECE_SERVICE] = "service",
					    [PIECE_NOTE] = "note",
					    [PIECE_AUTH] = "authentication"};
	const char *text;

	if (str_empty(msgid))
		return "";
	text = ptrmap_get(&xo->shared.map, tag, msgid);
	if (text)
		return text;
	text_element(&xo->piece, 3, names[tag], _(msgid), msgid);
	return keep_piece(xo, &xo->shared, tag, msgid);
}

static const char *transport_piece(struct xml_out *xo, const char *transport)
{
	const char *text = ptrmap_get(&xo->shared.map, PIECE_TRANSPORT, transport);

	if (text)
		return text;
	text_element(&xo->piece, 3, "transport", NULL, transport);
	return keep_piece(xo, &xo->shared, PIECE_TRANSPORT, transport);
}

/* A list of sources, shared by the rows and records that name the same
 * sources (one pointer per distinct list). */
static const char *sources_piece(struct xml_out *xo, const struct catalog_source *const *list,
				 size_t n)
{
	static const char none[] = "";
	const void *key = list ? (const void *)list : none;
	const char *text = ptrmap_get(&xo->shared.map, PIECE_SOURCES, key);

	if (text)
		return text;
	put_source_list(&xo->piece, 3, list, n);
	return keep_piece(xo, &xo->shared, PIECE_SOURCES, key);
}

static const char *lb_piece(struct xml_out *xo, const struct catalog_lb_profile *lb)
{
	const char *text = ptrmap_get(&xo->shared.map, PIECE_LB, lb);

	if (text)
		return text;
	put_lb_settings(&xo->piece, lb);
	return keep_piece(xo, &xo->shared, PIECE_LB, lb);
}

static bool xml_write(struct xml_out *xo, const struct strbuf *sb)
{
	errno = 0;
	if (sb->len && fwrite(sb->data, 1, sb->len, xo->out) != sb->len && !xo->error)
		xo->error = errno ? errno : EIO;
	return !xo->error;
}

static bool xml_put_flow(struct xml_out *xo, const struct report_flow *f)
{
	struct strbuf *sb = &xo->row;

	if (f->site >= 0 && f->site != xo->cached_site) {
		strpool_clear(xo->site.texts);
		ptrmap_clear(&xo->site.map);
		xo->cached_site = f->site;
	}
	sb->len = 0;
	indent(sb, 2);
	strbuf_puts(sb, "<row");
	attribute(sb, "rule", f->rule_id);
	attribute(sb, "scope", f->scope);
	if (f->site >= 0)
		number_attribute(sb, "site", (unsigned)f->site);
	strbuf_add(sb, ">\n", 2);
	strbuf_puts(sb, endpoint_piece(xo, PIECE_FROM, f->source));
	strbuf_puts(sb, endpoint_piece(xo, PIECE_TO, f->destination));
	strbuf_puts(sb, transport_piece(xo, f->transport));
	put_port(sb, "source-port", f->source_port);
	put_port(sb, "destination-port", f->destination_port);
	strbuf_puts(sb, message_piece(xo, PIECE_SERVICE, f->service));
	strbuf_puts(sb, message_piece(xo, PIECE_NOTE, f->note));
	strbuf_puts(sb, message_piece(xo, PIECE_AUTH, f->authentication));
	strbuf_puts(sb, sources_piece(xo, f->sources, f->n_sources));
	if (f->rule && f->rule->lb)
		strbuf_puts(sb, lb_piece(xo, f->rule->lb));
	indent(sb, 2);
	strbuf_puts(sb, "</row>\n");
	return xml_write(xo, sb);
}

/* <name label="translation">English msgid</name> at a record's depth, or
 * nothing for an empty msgid. */
static void record_message(struct strbuf *sb, const char *name, const char *msgid)
{
	if (!str_empty(msgid))
		text_element(sb, 3, name, _(msgid), msgid);
}

static void record_optional(struct strbuf *sb, const char *name, const char *text)
{
	if (!str_empty(text))
		text_element(sb, 3, name, NULL, text);
}

/* A DNS record, certificate or summary entry: what its table holds, as
 * elements, then its sources.  A few per site: written as they come. */
static bool xml_put_record(struct xml_out *xo, enum catalog_table kind,
			   const struct report_record *r)
{
	struct strbuf *sb = &xo->row;

	sb->len = 0;
	indent(sb, 2);
	strbuf_puts(sb, "<record");
	attribute(sb, "rule", r->rule_id);
	number_attribute(sb, "site", (unsigned)r->site);
	strbuf_add(sb, ">\n", 2);
	if (kind == CATALOG_DNS) {
		text_element(sb, 3, "zone", NULL, r->zone);
		text_element(sb, 3, "type", NULL, r->type);
		text_element(sb, 3, "name", NULL, r->name);
		text_element(sb, 3, "value", NULL, r->value);
		if (str_eq(r->type, "SRV")) {
			indent(sb, 3);
			strbuf_puts(sb, "<srv");
			number_attribute(sb, "port", r->port);
			number_attribute(sb, "priority", r->priority);
			number_attribute(sb, "weight", r->weight);
			number_attribute(sb, "ttl", r->ttl);
			strbuf_add(sb, "/>\n", 3);
		}
	} else if (kind == CATALOG_CERTIFICATES) {
		text_element(sb, 3, "assigned-to", NULL, r->holder);
		record_message(sb, "use", r->label);
		text_element(sb, 3, "subject", NULL, r->name);
		for (size_t i = 0; i < r->n_sans; i++)
			text_element(sb, 3, "san", NULL, r->sans[i]);
		text_element(sb, 3, "ca", NULL, r->ca);
		text_element(sb, 3, "eku", NULL, r->eku);
	} else {
		record_message(sb, "role", r->label);
		record_optional(sb, "fqdn", r->name);
		record_optional(sb, "address", r->value);
		record_optional(sb, "public-address", r->nat);
		text_element(sb, 3, "network", NULL, r->network);
	}
	record_message(sb, "note", r->note);
	strbuf_puts(sb, sources_piece(xo, r->sources, r->n_sources));
	indent(sb, 2);
	strbuf_puts(sb, "</record>\n");
	return xml_write(xo, sb);
}

/* The table's start tag, or its empty element when it has no rows. */
static bool xml_put_table_tag(struct xml_out *xo, const struct report_flows *table, bool has_rows)
{
	struct strbuf *sb = &xo->row;

	sb->len = 0;
	indent(sb, 1);
	strbuf_puts(sb, "<table");
	attribute(sb, "name", table->key);
	attribute(sb, "title", _(table->title));
	strbuf_puts(sb, has_rows ? ">\n" : "/>\n");
	return xml_write(xo, sb);
}

/* A table: its element, open when it has rows (written with the first of
 * them, as rows come part after part) and empty when it has none. */
static bool xml_put_table(struct xml_out *xo, const struct report *report,
			  const struct report_flows *table)
{
	struct strbuf *sb = &xo->row;
	struct report_part part;
	bool ok = true, open = false;

	for (const struct report_flows *t = report_part_first(report, table->kind, &part); ok && t;
	     t = report_part_next(&part)) {
		/* a new part: the endpoints of the last one are gone */
		strpool_clear(xo->site.texts);
		ptrmap_clear(&xo->site.map);
		xo->cached_site = -1;
		if (!open && (t->n_flows || t->n_records)) {
			ok = xml_put_table_tag(xo, table, true);
			open = true;
		}
		for (size_t r = 0; ok && r < t->n_records; r++)
			ok = xml_put_record(xo, t->kind, &t->records[r]);
		for (size_t r = 0; ok && r < t->n_flows; r++)
			ok = xml_put_flow(xo, &t->flows[r]);
	}
	report_part_end(&part);
	if (!ok)
		return false;
	if (!open)
		return xml_put_table_tag(xo, table, false);
	sb->len = 0;
	indent(sb, 1);
	strbuf_puts(sb, "</table>\n");
	return xml_write(xo, sb);
}

static bool xml_put_report(struct xml_out *xo, const struct report *report, unsigned tables)
{
	struct strbuf *sb = &xo->row;

	sb->len = 0;
	strbuf_puts(sb, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<report");
	attribute(sb, "xmlns", XML_NAMESPACE);
	attribute(sb, "version", XML_FORMAT_VERSION);
	attribute(sb, "xml:lang", i18n_language_tag());
	if (report->plan_name)
		attribute(sb, "plan", report->plan_name);
	attribute(sb, "generator", "ucplan");
	strbuf_add(sb, ">\n", 2);
	indent(sb, 1);
	strbuf_puts(sb, report->n_sites ? "<sites>\n" : "<sites/>\n");
	for (size_t s = 0; s < report->n_sites; s++) {
		indent(sb, 2);
		strbuf_puts(sb, "<site");
		number_attribute(sb, "index", (unsigned)s);
		attribute(sb, "name", report->site_names[s]);
		strbuf_add(sb, "/>\n", 3);
		if (!xml_write(xo, sb))
			return false;
		sb->len = 0;
	}
	if (report->n_sites) {
		indent(sb, 1);
		strbuf_puts(sb, "</sites>\n");
	}
	if (!xml_write(xo, sb))
		return false;
	for (int k = 0; k < CATALOG_TABLE_COUNT; k++)
		if ((tables & EXPORT_TABLE_BIT(k)) && !xml_put_table(xo, report, &report->tables[k]))
			return false;
	sb->len = 0;
	strbuf_puts(sb, "</report>\n");
	return xml_write(xo, sb);
}

static enum uc_status export_xml_write(const struct report *report,
				       const struct export_options *opts, FILE *out,
				       struct uc_error *err)
{
	struct xml_out xo = {
	    .out = out,
	    .shared = {.texts = strpool_new()},
	    .site = {.texts = strpool_new()},
	    .cached_site = -1,
	};
	unsigned tables = opts && opts->tables ? opts->tables : EXPORT_ALL_TABLES;
	bool ok = xml_put_report(&xo, report, tables);

	strbuf_free(&xo.row);
	strbuf_free(&xo.piece);
	strpool_free(xo.shared.texts);
	strpool_free(xo.site.texts);
	ptrmap_free(&xo.shared.map);
	ptrmap_free(&xo.site.map);
	errno = 0;
	if (fflush(out) == EOF && !xo.error)
		xo.error = errno ? errno : EIO;
	if ((ferror(out) || !ok) && !xo.error)
		xo.error = EIO;
	if (xo.error)
		return uc_error_set(err, UC_ERR_IO, NULL, 0,
				    _("could not write the XML report (%s); check that the disk "
				      "has free space and that the output can be written"),
				    strerror(xo.error));
	return UC_OK;
}

const struct exporter export_xml = {
    .name = "xml",
    .extension = "xml",
    .streams = true,
    .write = export_xml_write,
};
