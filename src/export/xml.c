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

#define XML_NAMESPACE "urn:ucplan:report:1"
#define XML_FORMAT_VERSION "1"

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

static bool xml_put_row(xmlTextWriterPtr w, const struct report_table *table,
			const struct report_row *row)
{
	if (xmlTextWriterStartElement(w, X("row")) < 0 || !xml_attribute(w, "rule", row->rule_id) ||
	    !xml_attribute(w, "scope", row->scope))
		return false;
	if (row->site >= 0 && xmlTextWriterWriteFormatAttribute(w, X("site"), "%d", row->site) < 0)
		return false;
	for (size_t c = 0; c < table->n_columns; c++)
		if (!xml_element(w, table->columns[c].key, row->cells[c]))
			return false;
	return xmlTextWriterEndElement(w) >= 0;
}

static bool xml_put_table(xmlTextWriterPtr w, const struct report_table *table)
{
	if (xmlTextWriterStartElement(w, X("table")) < 0 || !xml_attribute(w, "name", table->key) ||
	    !xml_attribute(w, "title", table->title ? _(table->title) : table->key))
		return false;
	if (xmlTextWriterStartElement(w, X("columns")) < 0)
		return false;
	for (size_t c = 0; c < table->n_columns; c++) {
		const struct report_column *col = &table->columns[c];

		if (xmlTextWriterStartElement(w, X("column")) < 0 ||
		    !xml_attribute(w, "key", col->key) ||
		    !xml_attribute(w, "label", col->label ? _(col->label) : col->key) ||
		    xmlTextWriterEndElement(w) < 0)
			return false;
	}
	if (xmlTextWriterEndElement(w) < 0)
		return false;
	for (size_t r = 0; r < table->n_rows; r++)
		if (!xml_put_row(w, table, &table->rows[r]))
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
