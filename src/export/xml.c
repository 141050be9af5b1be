/* xml.c: the report as XML (schema: data/report.rng) through libxml2's
 * xmlTextWriter.
 *
 * XML is read by programs, not spreadsheets, so cells are not neutralized;
 * only what XML 1.0 cannot carry at all (control characters, broken UTF-8)
 * becomes U+FFFD, so that the output is always well-formed. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/xmlIO.h>
#include <libxml/xmlwriter.h>

#include "ucplan/export.h"
#include "ucplan/i18n.h"

#define XML_NAMESPACE "urn:ucplan:report:2"
#define XML_FORMAT_VERSION "2"

#define X(s) ((const xmlChar *)(s))

/* Where the writer's bytes go; error keeps the errno of a failed write. */
struct xml_sink {
	FILE *out;
	int error;
};

static int xml_sink_write(void *context, const char *buf, int len)
{
	struct xml_sink *sink = context;

	if (len <= 0)
		return 0;
	errno = 0;
	if (fwrite(buf, 1, (size_t)len, sink->out) != (size_t)len) {
		sink->error = errno ? errno : EIO;
		return -1;
	}
	return len;
}

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

static bool xml_attribute(xmlTextWriterPtr w, const char *name, const char *value)
{
	char *copy;
	bool ok = xmlTextWriterWriteAttribute(w, X(name), X(xml_clean(value, &copy))) >= 0;

	free(copy);
	return ok;
}

static bool xml_element(xmlTextWriterPtr w, const char *name, const char *text)
{
	char *copy;
	bool ok = xmlTextWriterWriteElement(w, X(name), X(xml_clean(text, &copy))) >= 0;

	free(copy);
	return ok;
}

static bool xml_optional_attribute(xmlTextWriterPtr w, const char *name, const char *value)
{
	return str_empty(value) || xml_attribute(w, name, value);
}

/* An endpoint: its role, its display label, its pool and VIP, and each
 * member with its name, address and NAT translation. */
static bool xml_put_endpoint(xmlTextWriterPtr w, const char *name, const struct report_endpoint *e)
{
	if (xmlTextWriterStartElement(w, X(name)) < 0 || !xml_attribute(w, "role", e->role) ||
	    !xml_attribute(w, "label", _(e->label)) || !xml_optional_attribute(w, "pool", e->pool) ||
	    !xml_optional_attribute(w, "vip", e->vip))
		return false;
	if (e->vip_only && !xml_attribute(w, "vip-only", "true"))
		return false;
	for (size_t i = 0; i < e->n_members; i++) {
		const struct report_member *m = &e->members[i];
		if (xmlTextWriterStartElement(w, X("member")) < 0 ||
		    !xml_optional_attribute(w, "fqdn", m->fqdn) ||
		    !xml_optional_attribute(w, "address", m->address) ||
		    !xml_optional_attribute(w, "nat", m->nat) || xmlTextWriterEndElement(w) < 0)
			return false;
	}
	return xmlTextWriterEndElement(w) >= 0;
}

/* A port: <name any="true"/>, <name port="5061"/> or <name first="50000"
 * last="59999"/>. */
static bool xml_put_port(xmlTextWriterPtr w, const char *name, struct report_port p)
{
	if (xmlTextWriterStartElement(w, X(name)) < 0)
		return false;
	switch (p.kind) {
	case REPORT_PORT_ANY:
		if (!xml_attribute(w, "any", "true"))
			return false;
		break;
	case REPORT_PORT_SINGLE:
		if (xmlTextWriterWriteFormatAttribute(w, X("port"), "%u", p.first) < 0)
			return false;
		break;
	default:
		if (xmlTextWriterWriteFormatAttribute(w, X("first"), "%u", p.first) < 0 ||
		    xmlTextWriterWriteFormatAttribute(w, X("last"), "%u", p.last) < 0)
			return false;
		break;
	}
	return xmlTextWriterEndElement(w) >= 0;
}

/* A text whose value is the English msgid and whose label is for display. */
static bool xml_put_text(xmlTextWriterPtr w, const char *name, const char *msgid)
{
	char *copy = NULL;
	bool ok;

	if (str_empty(msgid))
		return true;
	ok = xmlTextWriterStartElement(w, X(name)) >= 0 && xml_attribute(w, "label", _(msgid)) &&
	     xmlTextWriterWriteString(w, X(xml_clean(msgid, &copy))) >= 0 &&
	     xmlTextWriterEndElement(w) >= 0;
	free(copy);
	return ok;
}

static bool xml_put_source(xmlTextWriterPtr w, const struct catalog_source *src)
{
	return xmlTextWriterStartElement(w, X("source")) >= 0 &&
	       xml_attribute(w, "article", src->article) && xml_attribute(w, "table", src->table) &&
	       xml_attribute(w, "url", src->url) && xml_optional_attribute(w, "seed", src->file) &&
	       xml_optional_attribute(w, "section", src->section) &&
	       xml_optional_attribute(w, "document", src->document) &&
	       xmlTextWriterEndElement(w) >= 0;
}

/* <name label="as a person reads it">machine value</name> */
static bool xml_put_setting(xmlTextWriterPtr w, const char *name, const char *value,
			    const struct catalog_lb_profile *lb, enum view_lb_setting which)
{
	struct strbuf sb = {0};
	bool ok;

	view_put_lb_setting(&sb, lb, which);
	ok = xmlTextWriterStartElement(w, X(name)) >= 0 &&
	     xml_attribute(w, "label", sb.data ? sb.data : "") &&
	     xmlTextWriterWriteString(w, X(value)) >= 0 && xmlTextWriterEndElement(w) >= 0;
	strbuf_free(&sb);
	return ok;
}

/* An lb row's VIP settings ("not-documented" where Microsoft gives
 * nothing), their note and their sources. */
static bool xml_put_lb_settings(xmlTextWriterPtr w, const struct catalog_lb_profile *lb)
{
	char timeout[16], monitor[32];

	snprintf(timeout, sizeof timeout, "%u", lb->idle_timeout);
	snprintf(monitor, sizeof monitor, "%s %u", lb->monitor_transport ? lb->monitor_transport : "",
		 lb->monitor_port);
	if (xmlTextWriterStartElement(w, X("lb-settings")) < 0 ||
	    !xml_put_setting(w, "persistence", catalog_lb_persistence_key(lb->persistence), lb,
			     VIEW_LB_PERSISTENCE) ||
	    !xml_put_setting(w, "idle-timeout", lb->idle_timeout ? timeout : "not-documented", lb,
			     VIEW_LB_IDLE_TIMEOUT) ||
	    !xml_put_setting(w, "health-monitor",
			     lb->monitor_transport ? monitor : "not-documented", lb,
			     VIEW_LB_MONITOR) ||
	    !xml_put_setting(w, "source-nat", catalog_lb_snat_key(lb->source_nat), lb,
			     VIEW_LB_SOURCE_NAT) ||
	    !xml_put_text(w, "note", lb->note) || xmlTextWriterStartElement(w, X("sources")) < 0)
		return false;
	for (size_t i = 0; i < lb->n_sources; i++)
		if (!xml_put_source(w, lb->sources[i]))
			return false;
	return xmlTextWriterEndElement(w) >= 0 && xmlTextWriterEndElement(w) >= 0;
}

static bool xml_put_flow(xmlTextWriterPtr w, const struct report_flow *f)
{
	if (xmlTextWriterStartElement(w, X("row")) < 0 || !xml_attribute(w, "rule", f->rule_id) ||
	    !xml_attribute(w, "scope", f->scope))
		return false;
	if (f->site >= 0 && xmlTextWriterWriteFormatAttribute(w, X("site"), "%d", f->site) < 0)
		return false;
	if (!xml_put_endpoint(w, "from", f->source) || !xml_put_endpoint(w, "to", f->destination) ||
	    !xml_element(w, "transport", f->transport) ||
	    !xml_put_port(w, "source-port", f->source_port) ||
	    !xml_put_port(w, "destination-port", f->destination_port) ||
	    !xml_put_text(w, "service", f->service) || !xml_put_text(w, "note", f->note) ||
	    !xml_put_text(w, "authentication", f->authentication))
		return false;
	if (xmlTextWriterStartElement(w, X("sources")) < 0)
		return false;
	for (size_t i = 0; i < f->n_sources; i++)
		if (!xml_put_source(w, f->sources[i]))
			return false;
	if (xmlTextWriterEndElement(w) < 0)
		return false;
	if (f->rule && f->rule->lb && !xml_put_lb_settings(w, f->rule->lb))
		return false;
	return xmlTextWriterEndElement(w) >= 0;
}

static bool xml_optional_element(xmlTextWriterPtr w, const char *name, const char *text)
{
	return str_empty(text) || xml_element(w, name, text);
}

/* A DNS record, certificate or summary entry: what its table holds, as
 * elements, then its sources. */
static bool xml_put_record(xmlTextWriterPtr w, enum catalog_table kind,
			   const struct report_record *r)
{
	bool ok = xmlTextWriterStartElement(w, X("record")) >= 0 &&
		  xml_attribute(w, "rule", r->rule_id) &&
		  xmlTextWriterWriteFormatAttribute(w, X("site"), "%d", r->site) >= 0;

	if (ok && kind == CATALOG_DNS) {
		ok = xml_element(w, "zone", r->zone) && xml_element(w, "type", r->type) &&
		     xml_element(w, "name", r->name) && xml_element(w, "value", r->value);
		if (ok && str_eq(r->type, "SRV"))
			ok = xmlTextWriterStartElement(w, X("srv")) >= 0 &&
			     xmlTextWriterWriteFormatAttribute(w, X("port"), "%u", r->port) >= 0 &&
			     xmlTextWriterWriteFormatAttribute(w, X("priority"), "%u", r->priority) >= 0 &&
			     xmlTextWriterWriteFormatAttribute(w, X("weight"), "%u", r->weight) >= 0 &&
			     xmlTextWriterWriteFormatAttribute(w, X("ttl"), "%u", r->ttl) >= 0 &&
			     xmlTextWriterEndElement(w) >= 0;
	} else if (ok && kind == CATALOG_CERTIFICATES) {
		ok = xml_element(w, "assigned-to", r->holder) && xml_put_text(w, "use", r->label) &&
		     xml_element(w, "subject", r->name);
		for (size_t i = 0; ok && i < r->n_sans; i++)
			ok = xml_element(w, "san", r->sans[i]);
		ok = ok && xml_element(w, "ca", r->ca) && xml_element(w, "eku", r->eku);
	} else if (ok) {
		ok = xml_put_text(w, "role", r->label) && xml_optional_element(w, "fqdn", r->name) &&
		     xml_optional_element(w, "address", r->value) &&
		     xml_optional_element(w, "public-address", r->nat) &&
		     xml_element(w, "network", r->network);
	}
	ok = ok && xml_put_text(w, "note", r->note) &&
	     xmlTextWriterStartElement(w, X("sources")) >= 0;
	for (size_t i = 0; ok && i < r->n_sources; i++)
		ok = xml_put_source(w, r->sources[i]);
	return ok && xmlTextWriterEndElement(w) >= 0 && xmlTextWriterEndElement(w) >= 0;
}

static bool xml_put_table(xmlTextWriterPtr w, const struct report_flows *table)
{
	if (xmlTextWriterStartElement(w, X("table")) < 0 || !xml_attribute(w, "name", table->key) ||
	    !xml_attribute(w, "title", _(table->title)))
		return false;
	for (size_t r = 0; r < table->n_records; r++)
		if (!xml_put_record(w, table->kind, &table->records[r]))
			return false;
	for (size_t r = 0; r < table->n_flows; r++)
		if (!xml_put_flow(w, &table->flows[r]))
			return false;
	return xmlTextWriterEndElement(w) >= 0;
}

static bool xml_put_report(xmlTextWriterPtr w, const struct report *report, unsigned tables)
{
	if (xmlTextWriterSetIndent(w, 1) < 0 || xmlTextWriterSetIndentString(w, X("  ")) < 0 ||
	    xmlTextWriterStartDocument(w, "1.0", "UTF-8", NULL) < 0 ||
	    xmlTextWriterStartElement(w, X("report")) < 0 ||
	    !xml_attribute(w, "xmlns", XML_NAMESPACE) ||
	    !xml_attribute(w, "version", XML_FORMAT_VERSION) ||
	    !xml_attribute(w, "xml:lang", i18n_language_tag()))
		return false;
	if (report->plan_name && !xml_attribute(w, "plan", report->plan_name))
		return false;
	if (!xml_attribute(w, "generator", "ucplan"))
		return false;
	if (xmlTextWriterStartElement(w, X("sites")) < 0)
		return false;
	for (size_t s = 0; s < report->n_sites; s++)
		if (xmlTextWriterStartElement(w, X("site")) < 0 ||
		    xmlTextWriterWriteFormatAttribute(w, X("index"), "%zu", s) < 0 ||
		    !xml_attribute(w, "name", report->site_names[s]) ||
		    xmlTextWriterEndElement(w) < 0)
			return false;
	if (xmlTextWriterEndElement(w) < 0)
		return false;
	for (int k = 0; k < CATALOG_TABLE_COUNT; k++)
		if ((tables & EXPORT_TABLE_BIT(k)) && !xml_put_table(w, &report->tables[k]))
			return false;
	/* Closes the root and pushes everything to the sink. */
	return xmlTextWriterEndDocument(w) >= 0 && xmlTextWriterFlush(w) >= 0;
}

static enum uc_status export_xml_write(const struct report *report,
				       const struct export_options *opts, FILE *out,
				       struct uc_error *err)
{
	struct xml_sink sink = {.out = out};
	xmlOutputBufferPtr buffer;
	xmlTextWriterPtr w = NULL;
	unsigned tables = opts && opts->tables ? opts->tables : EXPORT_ALL_TABLES;
	bool ok = false;

	buffer = xmlOutputBufferCreateIO(xml_sink_write, NULL, &sink, NULL);
	if (buffer) {
		w = xmlNewTextWriter(buffer);
		/* On failure the writer does not take the buffer. */
		if (!w)
			xmlOutputBufferClose(buffer);
	}
	if (w) {
		ok = xml_put_report(w, report, tables);
		/* Also frees the buffer, flushing whatever it still holds. */
		xmlFreeTextWriter(w);
	}
	errno = 0;
	if (fflush(out) == EOF && !sink.error)
		sink.error = errno ? errno : EIO;
	if ((ferror(out) || !ok) && !sink.error)
		sink.error = EIO;
	if (sink.error)
		return uc_error_set(err, UC_ERR_IO, NULL, 0,
				    _("could not write the XML report (%s); check that the disk "
				      "has free space and that the output can be written"),
				    strerror(sink.error));
	return UC_OK;
}

const struct exporter export_xml = {
    .name = "xml",
    .extension = "xml",
    .write = export_xml_write,
};
