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

/* ---- the shape of a document, before libxml2 sees it ------------------------
 *
 * libxml2's work on one start tag grows with the square of its attributes
 * (a 430 KB element kept it busy for 13 s), and nothing interrupts it.  So
 * a linear scan of the raw text bounds the structure first: attributes per
 * element, elements, depth, and the length of names, values and texts.  The
 * limits are far above what any plan or catalog needs (4 levels, 10
 * attributes, values of a few hundred bytes).  The scan understands just
 * enough XML to count; where it sees something it does not expect, it stops
 * and leaves the verdict to libxml2, whose parse then fails at that same
 * point, after a prefix that was within bounds. */
enum {
	SCAN_MAX_DEPTH = 16,
	SCAN_MAX_ATTRIBUTES = 32,
	SCAN_MAX_ELEMENTS = 100000,
	SCAN_MAX_ALL_ATTRIBUTES = 200000, /* in the whole file: the tree's memory */
	SCAN_MAX_NAME = 128,	 /* characters of an element or attribute name */
	SCAN_MAX_VALUE = 4096,	 /* characters of an attribute value */
	SCAN_MAX_TEXT = 65536,	 /* characters of text between two tags */
	SCAN_MAX_DECL = 256,	 /* characters of the XML declaration looked at */
};

struct scan {
	const unsigned char *p;
	size_t n, pos;	 /* bytes */
	unsigned width;	 /* bytes per code unit: 1 (UTF-8 and the like), 2, 4 */
	bool big_endian;
	int line;
	const char *name;
	struct uc_error *err;
};

/* The code unit at the scan position, or -1 at the end. */
static long scan_peek(const struct scan *s, size_t ahead)
{
	size_t at = s->pos + ahead * s->width;
	unsigned long u = 0;

	/* UTF-8 and the other one-byte encodings: the common case */
	if (s->width == 1)
		return at < s->n ? (long)s->p[at] : -1;
	if (at + s->width > s->n || at + s->width < at)
		return -1;
	for (unsigned i = 0; i < s->width; i++) {
		unsigned b = s->p[at + (s->big_endian ? i : s->width - 1 - i)];
		u = (u << 8) | b;
	}
	return (long)(u & 0x7fffffffUL);
}

static long scan_next(struct scan *s)
{
	long c = scan_peek(s, 0);

	if (c >= 0) {
		s->pos += s->width;
		if (c == '\n')
			s->line++;
	}
	return c;
}

/* True when the next units spell the ASCII string lit (not consumed). */
static bool scan_looking_at(const struct scan *s, const char *lit)
{
	for (size_t i = 0; lit[i]; i++)
		if (scan_peek(s, i) != (unsigned char)lit[i])
			return false;
	return true;
}

static bool scan_space(long c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/* Skips past the ASCII string end; false when the input ends first. */
static bool scan_skip_past(struct scan *s, const char *end)
{
	while (scan_peek(s, 0) >= 0) {
		if (scan_looking_at(s, end)) {
			for (size_t i = 0; end[i]; i++)
				scan_next(s);
			return true;
		}
		scan_next(s);
	}
	return false;
}

/* Reads a name; returns its length in units (0 when there is none). */
static size_t scan_name(struct scan *s)
{
	size_t len = 0;
	long c;

	while ((c = scan_peek(s, 0)) >= 0 && !scan_space(c) && c != '=' && c != '>' &&
	       c != '/' && c != '<' && c != '"' && c != '\'' && c != '?' && c != 0) {
		scan_next(s);
		if (++len > SCAN_MAX_NAME)
			break;
	}
	return len;
}

static enum uc_status scan_limit(struct scan *s, const char *fmt, int limit)
{
	return uc_error_set(s->err, UC_ERR_LIMIT, s->name, s->line, fmt, limit);
}

/* Picks the code unit the way libxml2 does, from a byte-order mark or the
 * first bytes of "<?xml". */
static void scan_detect(struct scan *s)
{
	const unsigned char *p = s->p;

	s->width = 1;
	s->big_endian = false;
	if (s->n >= 4 && ((p[0] == 0 && p[1] == 0 && p[2] == 0xfe && p[3] == 0xff) ||
			  (p[0] == 0 && p[1] == 0 && p[2] == 0 && p[3] == '<'))) {
		s->width = 4;
		s->big_endian = true;
	} else if (s->n >= 4 && ((p[0] == 0xff && p[1] == 0xfe && p[2] == 0 && p[3] == 0) ||
				 (p[0] == '<' && p[1] == 0 && p[2] == 0 && p[3] == 0))) {
		s->width = 4;
	} else if (s->n >= 2 && ((p[0] == 0xfe && p[1] == 0xff) || (p[0] == 0 && p[1] == '<'))) {
		s->width = 2;
		s->big_endian = true;
	} else if (s->n >= 2 && ((p[0] == 0xff && p[1] == 0xfe) || (p[0] == '<' && p[1] == 0))) {
		s->width = 2;
	}
	/* The byte-order mark is not part of the document. */
	if (s->width == 1 && s->n >= 3 && p[0] == 0xef && p[1] == 0xbb && p[2] == 0xbf)
		s->pos = 3;
	else if (scan_peek(s, 0) == 0xfeff)
		s->pos = s->width;
}

/* The encoding an XML declaration names must be one whose markup the scan
 * reads as it is: UTF-8, UTF-16, ASCII or an ISO 8859 part.  Others
 * (EBCDIC, UTF-7, ISO-2022, ...) would hide the markup from the scan. */
static enum uc_status scan_declaration(struct scan *s)
{
	static const char *const readable[] = {"UTF-8",	     "UTF8",	   "UTF-16", "UTF16",
					       "UTF-16LE",   "UTF-16BE",   "ASCII",  "US-ASCII",
					       "ISO-10646-UCS-2", "UCS-2", "UTF-32", "UCS-4"};
	char enc[64];
	size_t n = 0, i;
	long c, quote;

	if (!scan_looking_at(s, "<?xml"))
		return UC_OK;
	/* Find encoding= inside the declaration, without consuming it. */
	for (i = 5; i < SCAN_MAX_DECL; i++) {
		c = scan_peek(s, i);
		if (c < 0 || c == '>')
			return UC_OK;
		if (c == 'e') {
			static const char key[] = "encoding";
			size_t k = 0;
			while (key[k] && scan_peek(s, i + k) == key[k])
				k++;
			if (!key[k])
				break;
		}
	}
	if (i >= SCAN_MAX_DECL)
		return UC_OK;
	i += 8;
	while (scan_space(scan_peek(s, i)))
		i++;
	if (scan_peek(s, i) != '=')
		return UC_OK;
	i++;
	while (scan_space(scan_peek(s, i)))
		i++;
	quote = scan_peek(s, i++);
	if (quote != '"' && quote != '\'')
		return UC_OK;
	while ((c = scan_peek(s, i++)) >= 0 && c != quote && n + 1 < sizeof enc)
		enc[n++] = c >= 'a' && c <= 'z' ? (char)(c - 'a' + 'A') : c < 0x80 ? (char)c : '?';
	enc[n] = '\0';
	for (size_t k = 0; k < sizeof readable / sizeof readable[0]; k++)
		if (strcmp(enc, readable[k]) == 0)
			return UC_OK;
	if (strncmp(enc, "ISO-8859-", 9) == 0 && enc[9] >= '1' && enc[9] <= '9')
		return UC_OK;
	return uc_error_set(s->err, UC_ERR_PARSE, s->name, s->line,
			    _("the file declares the encoding %s; ucplan reads UTF-8 and "
			      "UTF-16: save the file as UTF-8"),
			    enc);
}

/* A start tag, from after its '<'; the element is counted by the caller. */
static enum uc_status scan_start_tag(struct scan *s, size_t *all_attributes, bool *empty,
				     bool *stop)
{
	size_t attributes = 0, len;
	long c;

	*empty = false;
	len = scan_name(s);
	if (len == 0) {
		*stop = true;
		return UC_OK;
	}
	if (len > SCAN_MAX_NAME)
		return scan_limit(s, _("a name is longer than %d characters; this cannot be a "
				       "plan or catalog ucplan wrote"),
				  SCAN_MAX_NAME);
	for (;;) {
		long quote;

		while (scan_space(scan_peek(s, 0)))
			scan_next(s);
		c = scan_peek(s, 0);
		if (c == '>') {
			scan_next(s);
			return UC_OK;
		}
		if (c == '/' && scan_peek(s, 1) == '>') {
			scan_next(s);
			scan_next(s);
			*empty = true;
			return UC_OK;
		}
		len = scan_name(s);
		if (len == 0) {
			*stop = true;
			return UC_OK;
		}
		if (len > SCAN_MAX_NAME)
			return scan_limit(s, _("a name is longer than %d characters; this cannot "
					       "be a plan or catalog ucplan wrote"),
					  SCAN_MAX_NAME);
		if (++attributes > SCAN_MAX_ATTRIBUTES)
			return scan_limit(s, _("an element has more than %d attributes; this "
					       "cannot be a plan or catalog ucplan wrote"),
					  SCAN_MAX_ATTRIBUTES);
		if (++*all_attributes > SCAN_MAX_ALL_ATTRIBUTES)
			return scan_limit(s, _("the file holds more than %d attributes; this "
					       "cannot be a plan or catalog ucplan wrote"),
					  SCAN_MAX_ALL_ATTRIBUTES);
		while (scan_space(scan_peek(s, 0)))
			scan_next(s);
		if (scan_next(s) != '=') {
			*stop = true;
			return UC_OK;
		}
		while (scan_space(scan_peek(s, 0)))
			scan_next(s);
		quote = scan_next(s);
		if (quote != '"' && quote != '\'') {
			*stop = true;
			return UC_OK;
		}
		len = 0;
		while ((c = scan_next(s)) >= 0 && c != quote)
			if (++len > SCAN_MAX_VALUE)
				return scan_limit(s, _("a value is longer than %d characters; "
						       "this cannot be a plan or catalog ucplan "
						       "wrote"),
						  SCAN_MAX_VALUE);
		if (c < 0) {
			*stop = true;
			return UC_OK;
		}
	}
}

static enum uc_status xmldoc_scan(const char *data, size_t size, const char *name,
				  struct uc_error *err)
{
	struct scan s = {.p = (const unsigned char *)data, .n = size, .line = 1, .name = name,
			 .err = err};
	size_t elements = 0, attributes = 0, text = 0;
	int depth = 0;
	bool stop = false;
	enum uc_status st;
	long c;

	scan_detect(&s);
	while (scan_space(scan_peek(&s, 0)))
		scan_next(&s);
	/* Markup in a code unit the scan does not read (EBCDIC, UCS-4 in an
	 * unusual byte order, binary data) is not XML ucplan can read. */
	if (scan_peek(&s, 0) != '<')
		return uc_error_set(err, UC_ERR_PARSE, name, s.line,
				    _("not well-formed XML (%s); fix the file or open a copy "
				      "saved by ucplan"),
				    _("the file does not start with '<'"));
	st = scan_declaration(&s);
	if (st != UC_OK)
		return st;
	while (!stop && (c = scan_next(&s)) >= 0) {
		bool empty;

		if (c != '<') {
			/* Blanks between elements are not text. */
			if (!scan_space(c) && ++text > SCAN_MAX_TEXT)
				return scan_limit(&s, _("a text is longer than %d characters; "
							"this cannot be a plan or catalog "
							"ucplan wrote"),
						  SCAN_MAX_TEXT);
			continue;
		}
		if (scan_looking_at(&s, "!--")) {
			stop = !scan_skip_past(&s, "-->");
			continue;
		}
		if (scan_looking_at(&s, "![CDATA[")) {
			stop = !scan_skip_past(&s, "]]>");
			continue;
		}
		if (scan_looking_at(&s, "!DOCTYPE"))
			/* Its declarations (default attributes among them) would
			 * be libxml2's work before any check of ours. */
			return uc_error_set(err, UC_ERR_PARSE, name, s.line,
					    _("a DOCTYPE is not allowed in this file; remove it"));
		if (scan_looking_at(&s, "?")) {
			stop = !scan_skip_past(&s, "?>");
			continue;
		}
		text = 0;
		if (scan_peek(&s, 0) == '/') {
			scan_next(&s);
			if (scan_name(&s) > SCAN_MAX_NAME)
				return scan_limit(&s, _("a name is longer than %d characters; "
							"this cannot be a plan or catalog ucplan "
							"wrote"),
						  SCAN_MAX_NAME);
			depth--;
			stop = !scan_skip_past(&s, ">");
			continue;
		}
		if (++elements > SCAN_MAX_ELEMENTS)
			return scan_limit(&s, _("the file holds more than %d elements; this cannot "
						"be a plan or catalog ucplan wrote"),
					  SCAN_MAX_ELEMENTS);
		if (++depth > SCAN_MAX_DEPTH)
			return scan_limit(&s, _("elements are nested more than %d levels deep; "
						"this cannot be a plan or catalog ucplan wrote"),
					  SCAN_MAX_DEPTH);
		st = scan_start_tag(&s, &attributes, &empty, &stop);
		if (st != UC_OK)
			return st;
		if (empty)
			depth--;
	}
	return UC_OK;
}

enum uc_status xmldoc_parse(const char *data, size_t size, const char *name, xmlDocPtr *doc,
			    struct uc_error *err)
{
	struct first_error fe = {0};
	xmlParserCtxtPtr ctxt;
	enum uc_status s;
	xmlDocPtr d;

	*doc = NULL;
	if (size == 0)
		return uc_error_set(err, UC_ERR_PARSE, name, 0,
				    _("the file is empty; it should hold an XML document"));
	if (size > (size_t)INT32_MAX)
		return uc_error_set(err, UC_ERR_LIMIT, name, 0, _("the file is too large"));
	s = xmldoc_scan(data, size, name, err);
	if (s != UC_OK)
		return s;
	ctxt = xmlNewParserCtxt();
	if (!ctxt)
		return uc_error_set(err, UC_ERR_PARSE, name, 0, _("out of memory while parsing"));
	xmlSetStructuredErrorFunc(&fe, keep_first_error);
	/* No URL for the document: with one, libxml2 walks back over every
	 * earlier node for each error it raises (looking for XInclude), and
	 * the schema's errors on many siblings then take minutes.  Messages
	 * name the file themselves.
	 * NONET: never fetch anything; no NOENT/DTDLOAD: entities stay
	 * unexpanded and no external subset is read; HUGE is not set, so
	 * libxml2's own limits on names and depth apply. */
	d = xmlCtxtReadMemory(ctxt, data, (int)size, NULL, NULL,
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
