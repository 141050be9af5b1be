/* xmldoc.c: safe XML reading and RELAX NG validation. */
#include "ucplan/xmldoc.h"

#include <stdint.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/relaxng.h>

#include "ucplan/fileio.h"
#include "ucplan/i18n.h"

/* The first error libxml2 reports, kept so that the message names one
 * problem and its line rather than a cascade. */
struct first_error {
	bool set;
	int line;
	char message[512];
};

static void keep_first_error(void *ctx, xmlErrorPtr error)
{
	struct first_error *fe = ctx;
	int line;
	size_t n;

	if (!error)
		return;
	line = error->line;
	/* RELAX NG reports attribute errors without a line; the node has one. */
	if (line <= 0 && error->node)
		line = (int)xmlGetLineNo((xmlNodePtr)error->node);
	/* Keep the first error, unless it had no line and this one has: the
	 * validator's summary comes before the detail that locates it. */
	if (fe->set && (fe->line > 0 || line <= 0))
		return;
	fe->set = true;
	fe->line = line;
	snprintf(fe->message, sizeof fe->message, "%s", error->message ? error->message : "");
	n = strlen(fe->message);
	while (n > 0 && (fe->message[n - 1] == '\n' || fe->message[n - 1] == ' '))
		fe->message[--n] = '\0';
	/* Some libxml2 messages span lines ("indicate encoding !\nBytes: ...");
	 * ours are one line, FILE:LINE: MESSAGE. */
	for (char *p = fe->message; *p; p++)
		if (*p == '\n' || *p == '\r' || *p == '\t')
			*p = ' ';
}

enum uc_status xmldoc_parse(const char *data, size_t size, const char *name, xmlDocPtr *doc,
			    struct uc_error *err)
{
	struct first_error fe = {0};
	xmlParserCtxtPtr ctxt;
	xmlDocPtr d;

	*doc = NULL;
	if (size == 0)
		return uc_error_set(err, UC_ERR_PARSE, name, 0,
				    _("the file is empty; it should hold an XML document"));
	if (size > (size_t)INT32_MAX)
		return uc_error_set(err, UC_ERR_LIMIT, name, 0, _("the file is too large"));
	ctxt = xmlNewParserCtxt();
	if (!ctxt)
		return uc_error_set(err, UC_ERR_PARSE, name, 0, _("out of memory while parsing"));
	xmlSetStructuredErrorFunc(&fe, keep_first_error);
	/* NONET: never fetch anything; no NOENT/DTDLOAD: entities stay
	 * unexpanded and no external subset is read; HUGE is not set, so
	 * libxml2's own limits on names and depth apply. */
	d = xmlCtxtReadMemory(ctxt, data, (int)size, name, NULL,
			      XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING |
				  XML_PARSE_COMPACT | XML_PARSE_NOBLANKS);
	xmlSetStructuredErrorFunc(NULL, NULL);
	xmlFreeParserCtxt(ctxt);
	if (!d || fe.set) {
		if (d)
			xmlFreeDoc(d);
		return uc_error_set(err, UC_ERR_PARSE, name, fe.line,
				    _("not well-formed XML (%s); fix the file or open a copy "
				      "saved by ucplan"),
				    fe.set ? fe.message : _("unreadable"));
	}
	if (d->intSubset || d->extSubset) {
		int line = d->intSubset ? (int)xmlGetLineNo((xmlNodePtr)d->intSubset) : 0;
		xmlFreeDoc(d);
		return uc_error_set(err, UC_ERR_PARSE, name, line > 0 ? line : 1,
				    _("a DOCTYPE is not allowed in this file; remove it"));
	}
	*doc = d;
	return UC_OK;
}

enum uc_status xmldoc_validate(xmlDocPtr doc, const char *schema_path, const char *name,
			       struct uc_error *err)
{
	struct first_error fe = {0};
	xmlRelaxNGParserCtxtPtr pctxt;
	xmlRelaxNGPtr schema;
	xmlRelaxNGValidCtxtPtr vctxt;
	const char *base = strrchr(schema_path, '/');
	char *text;
	size_t size;
	int rc;

	base = base ? base + 1 : schema_path;
	/* The schema is read like any input, so that a missing file is one
	 * clear message rather than libxml2's output. */
	if (file_read_all(schema_path, 4u << 20, &text, &size, err) != UC_OK)
		return uc_error_set(err, UC_ERR_IO, schema_path, 0,
				    _("cannot read the schema; reinstall ucplan or set "
				      "UCPLAN_DATADIR to its data directory"));
	pctxt = xmlRelaxNGNewMemParserCtxt(text, (int)size);
	if (!pctxt) {
		free(text);
		return uc_error_set(err, UC_ERR_IO, schema_path, 0, _("out of memory"));
	}
	xmlRelaxNGSetParserStructuredErrors(pctxt, keep_first_error, &fe);
	xmlSetStructuredErrorFunc(&fe, keep_first_error);
	schema = xmlRelaxNGParse(pctxt);
	xmlSetStructuredErrorFunc(NULL, NULL);
	xmlRelaxNGFreeParserCtxt(pctxt);
	free(text);
	if (!schema)
		return uc_error_set(err, UC_ERR_IO, schema_path, fe.line,
				    _("the schema is damaged (%s); reinstall ucplan"),
				    fe.set ? fe.message : "?");
	fe.set = false;
	fe.line = 0;
	vctxt = xmlRelaxNGNewValidCtxt(schema);
	if (!vctxt) {
		xmlRelaxNGFree(schema);
		return uc_error_set(err, UC_ERR_IO, name, 0, _("out of memory"));
	}
	xmlRelaxNGSetValidStructuredErrors(vctxt, keep_first_error, &fe);
	rc = xmlRelaxNGValidateDoc(vctxt, doc);
	xmlRelaxNGFreeValidCtxt(vctxt);
	xmlRelaxNGFree(schema);
	if (rc == 0)
		return UC_OK;
	return uc_error_set(err, UC_ERR_SCHEMA, name, fe.line > 0 ? fe.line : 1,
			    _("does not follow its schema (%s): %s; correct it, or open a copy "
			      "saved by ucplan"),
			    base, fe.set ? fe.message : _("unknown structure"));
}

enum uc_status xmldoc_load(const char *path, size_t max_size, const char *schema_path,
			   xmlDocPtr *doc, struct uc_error *err)
{
	enum uc_status s;
	char *data;
	size_t size;

	*doc = NULL;
	s = file_read_all(path, max_size, &data, &size, err);
	if (s != UC_OK)
		return s;
	s = xmldoc_parse(data, size, path, doc, err);
	free(data);
	if (s != UC_OK)
		return s;
	s = xmldoc_validate(*doc, schema_path, path, err);
	if (s != UC_OK) {
		xmlFreeDoc(*doc);
		*doc = NULL;
	}
	return s;
}

char *xmldoc_attr(xmlNodePtr node, const char *name)
{
	xmlChar *v = xmlGetProp(node, (const xmlChar *)name);
	char *copy;

	if (!v)
		return NULL;
	copy = xstrdup((const char *)v);
	xmlFree(v);
	return copy;
}

int xmldoc_line(xmlNodePtr node)
{
	long line = xmlGetLineNo(node);

	return line > 0 && line < INT_MAX ? (int)line : 0;
}

bool xmldoc_is_element(xmlNodePtr node, const char *name)
{
	return node->type == XML_ELEMENT_NODE && xmlStrcmp(node->name, BAD_CAST name) == 0;
}

size_t xmldoc_count_children(xmlNodePtr parent, const char *name)
{
	size_t n = 0;

	for (xmlNodePtr c = parent->children; c; c = c->next)
		if (xmldoc_is_element(c, name))
			n++;
	return n;
}

xmlNodePtr xmldoc_child(xmlNodePtr parent, const char *name)
{
	for (xmlNodePtr c = parent->children; c; c = c->next)
		if (xmldoc_is_element(c, name))
			return c;
	return NULL;
}
