/* diff.c: two XML reports loaded, compared and rendered (diff.h).
 *
 * Reading follows planfile.c: xmldoc_parse (no network, no DTD, no
 * entities), a check of the root that names the file and says what to do,
 * then data/report.rng, then a walk that keeps machine values only.  The
 * CSV renderer quotes through libcsv like csv.c; the JSON renderer uses
 * jansson like json.c; both stream one entry at a time. */
#include "ucplan/diff.h"

#include <csv.h>
#include <errno.h>
#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>
#include <libxml/tree.h>

#include "ucplan/export.h"
#include "ucplan/fileio.h"
#include "ucplan/i18n.h"
#include "ucplan/strpool.h"
#include "ucplan/view.h"
#include "ucplan/xmldoc.h"

#define REPORT_NS "urn:ucplan:report:2"
#define REPORT_NS_PREFIX "urn:ucplan:report:"
#define REPORT_FORMAT_VERSION "2"
#define REPORT_SCHEMA "report.rng"
#define PLAN_NS "urn:ucplan:plan:1"
#define DIFF_JSON_VERSION 1
#define NONE SIZE_MAX /* an unpaired row or member */

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

/* ---- reading -------------------------------------------------------------- */

struct loader {
	struct diff_report *report;
	const char *name; /* file name for messages */
	struct uc_error *err;
	const char **sites; /* site names by index */
	size_t n_sites;
};

static bool is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* The pool's copy of s, trimmed when token is set (the schema lets
 * whitespace around keywords and numbers through); NULL for NULL or "",
 * so that an absent value and an empty one compare equal, as the writer
 * leaves empty values out. */
static const char *keep(struct loader *ld, const char *s, bool token)
{
	size_t n;

	if (!s)
		return NULL;
	n = strlen(s);
	if (token) {
		while (n > 0 && is_space(s[n - 1]))
			n--;
		while (n > 0 && is_space(*s)) {
			s++;
			n--;
		}
	}
	return n ? strpool_intern_n(ld->report->pool, s, n) : NULL;
}

static const char *attr(struct loader *ld, xmlNodePtr node, const char *name, bool token)
{
	char *v = xmldoc_attr(node, name);
	const char *s = keep(ld, v, token);

	free(v);
	return s;
}

/* The text of an element (an English msgid), or NULL. */
static const char *text(struct loader *ld, xmlNodePtr node, bool token)
{
	xmlChar *v;
	const char *s;

	if (!node)
		return NULL;
	v = xmlNodeGetContent(node);
	s = keep(ld, (const char *)v, token);
	xmlFree(v);
	return s;
}

/* At most size - 1 bytes of s, cut on a UTF-8 character boundary, for
 * quoting file content in a message. */
static const char *clip(const char *s, char *buf, size_t size)
{
	size_t n = strlen(s);

	if (n >= size) {
		n = size - 1;
		while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
			n--;
	}
	memcpy(buf, s, n);
	buf[n] = '\0';
	return buf;
}

static enum uc_status damaged(struct loader *ld, xmlNodePtr node, const char *what)
{
	return uc_error_set(ld->err, UC_ERR_SCHEMA, ld->name, node ? xmldoc_line(node) : 0,
			    _("the report is damaged (%s); regenerate it with 'ucplan report "
			      "-f xml'"),
			    what);
}

/* A port number as the schema allows it (leading zeros, a plus sign)
 * written the one way the writer does, so that equal ports compare equal. */
static bool port_number(const char *s, unsigned long *out)
{
	char *end;

	if (!s)
		return false;
	errno = 0;
	*out = strtoul(s, &end, 10);
	return errno == 0 && end != s && *end == '\0' && *out >= 1 && *out <= 65535;
}

static enum uc_status read_port(struct loader *ld, xmlNodePtr node, const char **out)
{
	const char *any, *port, *first, *last;
	unsigned long a, b;
	char buf[32];

	if (!node)
		return damaged(ld, NULL, _("a row without its ports"));
	any = attr(ld, node, "any", true);
	port = attr(ld, node, "port", true);
	first = attr(ld, node, "first", true);
	last = attr(ld, node, "last", true);
	if (any && str_eq(any, "true")) {
		*out = "any";
		return UC_OK;
	}
	if (port_number(port, &a)) {
		snprintf(buf, sizeof buf, "%lu", a);
	} else if (port_number(first, &a) && port_number(last, &b)) {
		snprintf(buf, sizeof buf, "%lu-%lu", a, b);
	} else {
		return damaged(ld, node, _("a port that is not a number"));
	}
	*out = strpool_intern(ld->report->pool, buf);
	return UC_OK;
}

static enum uc_status read_endpoint(struct loader *ld, xmlNodePtr node, struct diff_endpoint *e)
{
	size_t n, i = 0;
	struct diff_member *members;

	if (!node)
		return damaged(ld, NULL, _("a row without its endpoints"));
	e->role = attr(ld, node, "role", true);
	e->pool = attr(ld, node, "pool", false);
	e->vip = attr(ld, node, "vip", false);
	e->vip_only = str_eq(attr(ld, node, "vip-only", true), "true");
	n = xmldoc_count_children(node, "member");
	members = n ? strpool_alloc(ld->report->pool, n * sizeof *members) : NULL;
	for (xmlNodePtr c = node->children; c; c = c->next) {
		if (!xmldoc_is_element(c, "member"))
			continue;
		members[i].fqdn = attr(ld, c, "fqdn", false);
		members[i].address = attr(ld, c, "address", false);
		members[i].nat = attr(ld, c, "nat", false);
		i++;
	}
	e->members = members;
	e->n_members = n;
	return e->role ? UC_OK : damaged(ld, node, _("an endpoint without its role"));
}

/* The <source> children of node (which may be NULL) into *out. */
static void read_sources(struct loader *ld, xmlNodePtr node, const struct diff_source **out,
			 size_t *n_out)
{
	size_t n = node ? xmldoc_count_children(node, "source") : 0, i = 0;
	struct diff_source *sources =
	    n ? strpool_alloc(ld->report->pool, n * sizeof *sources) : NULL;

	for (xmlNodePtr c = node ? node->children : NULL; c; c = c->next) {
		if (!xmldoc_is_element(c, "source"))
			continue;
		sources[i].article = attr(ld, c, "article", false);
		sources[i].table = attr(ld, c, "table", false);
		sources[i].url = attr(ld, c, "url", false);
		sources[i].seed = attr(ld, c, "seed", false);
		sources[i].section = attr(ld, c, "section", false);
		i++;
	}
	*out = sources;
	*n_out = n;
}

/* <lb-settings>: machine values only (the labels are translations). */
static const struct diff_lb_settings *read_lb_settings(struct loader *ld, xmlNodePtr node)
{
	struct diff_lb_settings *lb;

	if (!node)
		return NULL;
	lb = strpool_alloc(ld->report->pool, sizeof *lb);
	memset(lb, 0, sizeof *lb);
	lb->persistence = text(ld, xmldoc_child(node, "persistence"), true);
	lb->idle_timeout = text(ld, xmldoc_child(node, "idle-timeout"), true);
	lb->health_monitor = text(ld, xmldoc_child(node, "health-monitor"), true);
	lb->source_nat = text(ld, xmldoc_child(node, "source-nat"), true);
	lb->note = text(ld, xmldoc_child(node, "note"), false);
	read_sources(ld, xmldoc_child(node, "sources"), &lb->sources, &lb->n_sources);
	return lb;
}

/* The <san> children in order, space-separated (names have no spaces). */
static const char *read_sans(struct loader *ld, xmlNodePtr node)
{
	struct strbuf sb = {0};
	const char *sans;

	strbuf_add(&sb, "", 0);
	for (xmlNodePtr c = node->children; c; c = c->next) {
		const char *san;

		if (!xmldoc_is_element(c, "san") || !(san = text(ld, c, true)))
			continue;
		strbuf_printf(&sb, "%s%s", sb.len ? " " : "", san);
	}
	sans = keep(ld, sb.data, false);
	strbuf_free(&sb);
	return sans;
}

/* The rest of a <record> of the dns, certificates or summary table; the
 * schema says which elements each table has, absent ones stay NULL. */
static enum uc_status read_record(struct loader *ld, xmlNodePtr node, struct diff_row *row)
{
	struct diff_record *rec = strpool_alloc(ld->report->pool, sizeof *rec);
	xmlNodePtr srv = xmldoc_child(node, "srv");

	memset(rec, 0, sizeof *rec);
	rec->zone = text(ld, xmldoc_child(node, "zone"), true);
	rec->type = text(ld, xmldoc_child(node, "type"), true);
	rec->name = text(ld, xmldoc_child(node, "name"), true);
	rec->value = text(ld, xmldoc_child(node, "value"), true);
	if (srv) {
		rec->srv_port = attr(ld, srv, "port", true);
		rec->srv_priority = attr(ld, srv, "priority", true);
		rec->srv_weight = attr(ld, srv, "weight", true);
		rec->srv_ttl = attr(ld, srv, "ttl", true);
	}
	rec->assigned_to = text(ld, xmldoc_child(node, "assigned-to"), true);
	rec->use = text(ld, xmldoc_child(node, "use"), false);
	rec->subject = text(ld, xmldoc_child(node, "subject"), true);
	rec->sans = read_sans(ld, node);
	rec->ca = text(ld, xmldoc_child(node, "ca"), true);
	rec->eku = text(ld, xmldoc_child(node, "eku"), true);
	rec->role = text(ld, xmldoc_child(node, "role"), false);
	rec->fqdn = text(ld, xmldoc_child(node, "fqdn"), true);
	rec->address = text(ld, xmldoc_child(node, "address"), true);
	rec->public_address = text(ld, xmldoc_child(node, "public-address"), true);
	rec->network = text(ld, xmldoc_child(node, "network"), true);
	row->record = rec;
	return UC_OK;
}

/* A <row> of a flow table or a <record> of a record table. */
static enum uc_status read_row(struct loader *ld, xmlNodePtr node, enum catalog_table table,
			       struct diff_row *row)
{
	const char *site = attr(ld, node, "site", true);
	enum uc_status s;

	row->table = table;
	row->line = xmldoc_line(node);
	row->rule = attr(ld, node, "rule", true);
	row->scope = attr(ld, node, "scope", true);
	if (!row->rule)
		return damaged(ld, node, _("a row without its rule"));
	if (site) {
		unsigned long index;
		char *end;

		errno = 0;
		index = strtoul(site, &end, 10);
		if (errno || *end || index >= ld->n_sites || !ld->sites[index])
			return damaged(ld, node,
				       _("a row names a site that <sites> does not list"));
		row->site = ld->sites[index];
	}
	row->note = text(ld, xmldoc_child(node, "note"), false);
	read_sources(ld, xmldoc_child(node, "sources"), &row->sources, &row->n_sources);
	if (CATALOG_IS_RECORDS(table))
		return read_record(ld, node, row);
	s = read_endpoint(ld, xmldoc_child(node, "from"), &row->from);
	if (s == UC_OK)
		s = read_endpoint(ld, xmldoc_child(node, "to"), &row->to);
	if (s == UC_OK)
		s = read_port(ld, xmldoc_child(node, "source-port"), &row->source_port);
	if (s == UC_OK)
		s = read_port(ld, xmldoc_child(node, "destination-port"), &row->destination_port);
	if (s != UC_OK)
		return s;
	row->transport = text(ld, xmldoc_child(node, "transport"), true);
	row->service = text(ld, xmldoc_child(node, "service"), false);
	row->authentication = text(ld, xmldoc_child(node, "authentication"), false);
	row->lb = read_lb_settings(ld, xmldoc_child(node, "lb-settings"));
	return UC_OK;
}

/* <sites>: the names by index.  The writer numbers them 0..n-1; a file
 * that skips or repeats a number is refused rather than guessed at. */
static enum uc_status read_sites(struct loader *ld, xmlNodePtr node)
{
	size_t n = node ? xmldoc_count_children(node, "site") : 0;

	ld->n_sites = n;
	ld->sites = n ? xcalloc(n, sizeof *ld->sites) : NULL;
	for (xmlNodePtr c = node ? node->children : NULL; c; c = c->next) {
		const char *index_text, *name;
		unsigned long index;
		char *end;

		if (!xmldoc_is_element(c, "site"))
			continue;
		index_text = attr(ld, c, "index", true);
		name = attr(ld, c, "name", false);
		errno = 0;
		index = index_text ? strtoul(index_text, &end, 10) : ULONG_MAX;
		if (!index_text || errno || *end || index >= n || ld->sites[index] || !name)
			return damaged(ld, c, _("the <sites> list skips or repeats a site"));
		ld->sites[index] = name;
	}
	return UC_OK;
}

static enum uc_status read_report(struct loader *ld, xmlNodePtr root)
{
	struct diff_report *r = ld->report;
	enum uc_status s = read_sites(ld, xmldoc_child(root, "sites"));

	r->lang = attr(ld, root, "lang", true);
	r->plan = attr(ld, root, "plan", false);
	for (xmlNodePtr t = root->children; t && s == UC_OK; t = t->next) {
		enum catalog_table kind;
		const char *name, *element;
		struct diff_row *rows;
		size_t n, i = 0;

		if (!xmldoc_is_element(t, "table"))
			continue;
		name = attr(ld, t, "name", true);
		if (!name || !catalog_table_parse(name, &kind) || r->tables[kind].present)
			return damaged(ld, t, _("a table that is unknown or repeated"));
		/* flows are <row>s, the other reports' entries <record>s */
		element = CATALOG_IS_RECORDS(kind) ? "record" : "row";
		n = xmldoc_count_children(t, element);
		rows = n ? strpool_alloc(r->pool, n * sizeof *rows) : NULL;
		if (n)
			memset(rows, 0, n * sizeof *rows);
		for (xmlNodePtr c = t->children; c && s == UC_OK; c = c->next)
			if (xmldoc_is_element(c, element))
				s = read_row(ld, c, kind, &rows[i++]);
		r->tables[kind].present = true;
		r->tables[kind].rows = rows;
		r->tables[kind].n_rows = n;
	}
	return s;
}

/* The checks the schema cannot word helpfully: a plan given instead of a
 * report, another format version, another kind of XML. */
static enum uc_status check_root(struct loader *ld, xmlNodePtr root)
{
	const char *ns = root && root->ns ? (const char *)root->ns->href : "";
	char quoted[48], quoted_version[16];
	char *version;
	enum uc_status s = UC_OK;

	if (!root)
		return uc_error_set(ld->err, UC_ERR_SCHEMA, ld->name, 1,
				    _("not a ucplan report; make one with 'ucplan report PLAN -f "
				      "xml -o FILE'"));
	if (xmlStrcmp(root->name, BAD_CAST "plan") == 0 && str_eq(ns, PLAN_NS))
		return uc_error_set(ld->err, UC_ERR_SCHEMA, ld->name, xmldoc_line(root),
				    _("this is a plan, not a report; make its report with 'ucplan "
				      "report PLAN -f xml -o FILE' and compare the reports"));
	if (xmlStrcmp(root->name, BAD_CAST "report") != 0 ||
	    strncmp(ns, REPORT_NS_PREFIX, strlen(REPORT_NS_PREFIX)) != 0)
		return uc_error_set(ld->err, UC_ERR_SCHEMA, ld->name, xmldoc_line(root),
				    _("not a ucplan report (root element <%s>); make one with "
				      "'ucplan report PLAN -f xml -o FILE'"),
				    clip((const char *)root->name, quoted, sizeof quoted));
	/* an older or newer report: the namespace or the version says so */
	version = xmldoc_attr(root, "version");
	if (!str_eq(ns, REPORT_NS) || !str_eq(version, REPORT_FORMAT_VERSION))
		s = uc_error_set(
		    ld->err, UC_ERR_SCHEMA, ld->name, xmldoc_line(root),
		    _("a report in another format (%s, version %s); this ucplan "
		      "compares format %s: regenerate it with 'ucplan report -f xml'"),
		    clip(ns, quoted, sizeof quoted),
		    clip(version ? version : "?", quoted_version, sizeof quoted_version),
		    REPORT_FORMAT_VERSION);
	free(version);
	return s;
}

/* xmldoc's messages are worded for plans; a report that fails to parse or
 * to validate is best made again, so the message says how. */
static enum uc_status hint_regenerate(enum uc_status s, struct uc_error *err)
{
	size_t n;

	if (!err || (s != UC_ERR_PARSE && s != UC_ERR_SCHEMA))
		return s;
	if (err->line <= 0)
		err->line = 1;
	n = strlen(err->message);
	snprintf(err->message + n, sizeof err->message - n, "%s",
		 _("; ucplan diff reads the reports that 'ucplan report -f xml' writes"));
	return s;
}

enum uc_status diff_load_report_memory(const char *data, size_t size, const char *name,
				       struct diff_report **out, struct uc_error *err)
{
	struct loader ld = {.name = name ? name : "", .err = err};
	struct diff_report *r;
	xmlDocPtr doc;
	char *schema;
	enum uc_status s;
	size_t start = 0;

	*out = NULL;
	if (size > DIFF_REPORT_MAX_SIZE)
		return uc_error_set(err, UC_ERR_LIMIT, ld.name, 0,
				    _("the file is larger than %u bytes; this cannot be a report "
				      "ucplan wrote"),
				    DIFF_REPORT_MAX_SIZE);
	while (start < size && is_space(data[start]))
		start++;
	if (start == size)
		return uc_error_set(err, UC_ERR_PARSE, ld.name, 1,
				    _("the file is empty; make the report with 'ucplan report PLAN "
				      "-f xml -o FILE'"));
	/* A CSV, JSON or text report is the likely mistake: say so rather
	 * than quote the XML parser.  A UTF-8 byte-order mark may come first. */
	if (size - start >= 3 && memcmp(data + start, "\xEF\xBB\xBF", 3) == 0)
		start += 3;
	if (start == size || data[start] != '<')
		return uc_error_set(err, UC_ERR_PARSE, ld.name, 1,
				    _("not an XML report; ucplan diff compares the reports that "
				      "'ucplan report -f xml' writes: regenerate it with -f xml"));
	s = xmldoc_parse(data, size, ld.name, &doc, err);
	if (s != UC_OK)
		return hint_regenerate(s, err);
	s = check_root(&ld, xmlDocGetRootElement(doc));
	if (s == UC_OK) {
		schema = uc_data_path(REPORT_SCHEMA);
		s = hint_regenerate(xmldoc_validate(doc, schema, ld.name, err), err);
		free(schema);
	}
	if (s != UC_OK) {
		xmlFreeDoc(doc);
		return s;
	}
	r = xcalloc(1, sizeof *r);
	r->pool = strpool_new();
	r->path = strpool_intern(r->pool, ld.name);
	ld.report = r;
	s = read_report(&ld, xmlDocGetRootElement(doc));
	free(ld.sites);
	xmlFreeDoc(doc);
	if (s != UC_OK) {
		diff_free_report(r);
		return s;
	}
	*out = r;
	return UC_OK;
}

enum uc_status diff_load_report(const char *path, struct diff_report **out, struct uc_error *err)
{
	enum uc_status s;
	char *data;
	size_t size;

	*out = NULL;
	s = file_read_all(path, DIFF_REPORT_MAX_SIZE, &data, &size, err);
	if (s == UC_ERR_LIMIT)
		/* file_read_all's wording is about plans and catalogs */
		return uc_error_set(err, UC_ERR_LIMIT, path, 0,
				    _("the file is larger than %u bytes; this cannot be a report "
				      "ucplan wrote"),
				    DIFF_REPORT_MAX_SIZE);
	if (s != UC_OK)
		return s;
	s = diff_load_report_memory(data, size, path, out, err);
	free(data);
	return s;
}

void diff_free_report(struct diff_report *report)
{
	if (!report)
		return;
	strpool_free(report->pool);
	free(report);
}

/* ---- comparing -------------------------------------------------------------- */

/* NULL sorts first; used for values that may be absent. */
static int cmp_str(const char *a, const char *b)
{
	if (!a || !b)
		return (a != NULL) - (b != NULL);
	return strcmp(a, b);
}

/* A row's identity without its site: see diff.h for each table's. */
static int cmp_identity(const struct diff_row *a, const struct diff_row *b)
{
	const struct diff_record *x = a->record, *y = b->record;
	int c;

	if (x && y) {
		switch (a->table) {
		case CATALOG_DNS:
			if ((c = cmp_str(x->zone, y->zone)) || (c = cmp_str(x->type, y->type)))
				return c;
			return cmp_str(x->name, y->name);
		case CATALOG_CERTIFICATES:
			if ((c = cmp_str(x->assigned_to, y->assigned_to)))
				return c;
			return cmp_str(x->subject, y->subject);
		default:
			if ((c = cmp_str(x->role, y->role)))
				return c;
			return cmp_str(x->fqdn, y->fqdn);
		}
	}
	if ((c = cmp_str(a->rule, b->rule)) || (c = cmp_str(a->from.role, b->from.role)) ||
	    (c = cmp_str(a->to.role, b->to.role)) || (c = cmp_str(a->transport, b->transport)) ||
	    (c = cmp_str(a->source_port, b->source_port)))
		return c;
	return cmp_str(a->destination_port, b->destination_port);
}

/* What tells apart records that share an identity, so that the unchanged
 * ones pair first: a DNS record's value, a certificate's use, a summary
 * record's address.  Flow rows have nothing more. */
static int cmp_hint(const struct diff_row *a, const struct diff_row *b)
{
	const struct diff_record *x = a->record, *y = b->record;

	if (!x || !y)
		return 0;
	switch (a->table) {
	case CATALOG_DNS:
		return cmp_str(x->value, y->value);
	case CATALOG_CERTIFICATES:
		return cmp_str(x->use, y->use);
	default:
		return cmp_str(x->address, y->address);
	}
}

/* What a pass of pairing compares besides the identity. */
enum { PAIR_SITE = 1, PAIR_HINT = 2 };

static int cmp_pairing(const struct diff_row *a, const struct diff_row *b, unsigned mode)
{
	int c = cmp_identity(a, b);

	if (!c && (mode & PAIR_SITE))
		c = cmp_str(a->site, b->site);
	if (!c && (mode & PAIR_HINT))
		c = cmp_hint(a, b);
	return c;
}

/* An item (a row, a member's key) and its place in its list, sorted by
 * key and then by place so that equal keys pair up in list order. */
struct ref {
	const void *item;
	size_t index;
};

static int cmp_index(size_t a, size_t b)
{
	return (a > b) - (a < b);
}

/* Two sorted lists of refs: the k-th item of a with a key pairs with the
 * k-th item of b with the same key (cmp NULL: every key is the same). */
static void pair_sorted(const struct ref *ra, size_t na, const struct ref *rb, size_t nb,
			int (*cmp)(const void *, const void *), size_t *a_pair, size_t *b_pair)
{
	size_t i = 0, j = 0;

	while (i < na && j < nb) {
		int c = cmp ? cmp(ra[i].item, rb[j].item) : 0;

		if (c < 0) {
			i++;
		} else if (c > 0) {
			j++;
		} else {
			a_pair[ra[i].index] = rb[j].index;
			b_pair[rb[j].index] = ra[i].index;
			i++;
			j++;
		}
	}
}

/* For each mode, a comparator of rows and one of refs to rows (qsort has
 * no context argument). */
#define PAIRING(mode, name)                                                                    \
	static int name##_rows(const void *a, const void *b)                                   \
	{                                                                                      \
		return cmp_pairing(a, b, mode);                                                \
	}                                                                                      \
	static int name##_refs(const void *pa, const void *pb)                                 \
	{                                                                                      \
		const struct ref *a = pa, *b = pb;                                             \
		int c = cmp_pairing(a->item, b->item, mode);                                   \
		return c ? c : cmp_index(a->index, b->index);                                  \
	}
PAIRING(0, pair_key)
PAIRING(PAIR_SITE, pair_site)
PAIRING(PAIR_HINT, pair_hint)
PAIRING(PAIR_SITE | PAIR_HINT, pair_site_hint)
#undef PAIRING

static const struct {
	int (*cmp)(const void *, const void *);
	int (*sort)(const void *, const void *);
} pairings[] = {
    [0] = {pair_key_rows, pair_key_refs},
    [PAIR_SITE] = {pair_site_rows, pair_site_refs},
    [PAIR_HINT] = {pair_hint_rows, pair_hint_refs},
    [PAIR_SITE | PAIR_HINT] = {pair_site_hint_rows, pair_site_hint_refs},
};

/* The rows of t not paired yet, sorted with sorter. */
static struct ref *unpaired_rows(const struct diff_table *t, const size_t *pair, size_t *n,
				 int (*sorter)(const void *, const void *))
{
	struct ref *refs = xcalloc(t->n_rows ? t->n_rows : 1, sizeof *refs);

	*n = 0;
	for (size_t i = 0; i < t->n_rows; i++)
		if (pair[i] == NONE)
			refs[(*n)++] = (struct ref){&t->rows[i], i};
	qsort(refs, *n, sizeof *refs, sorter);
	return refs;
}

/* One pass of pairing: the k-th unpaired old row with a key pairs with the
 * k-th unpaired new row with the same key; mode says what the key holds. */
static void pair_rows(const struct diff_table *a, size_t *a_pair, const struct diff_table *b,
		      size_t *b_pair, unsigned mode)
{
	size_t na, nb;
	struct ref *ra = unpaired_rows(a, a_pair, &na, pairings[mode].sort);
	struct ref *rb = unpaired_rows(b, b_pair, &nb, pairings[mode].sort);

	pair_sorted(ra, na, rb, nb, pairings[mode].cmp, a_pair, b_pair);
	free(ra);
	free(rb);
}

/* The fields found to differ for one pair, collected before they are
 * copied into the diff's pool. */
struct field_list {
	struct strpool *pool;
	struct diff_field *items;
	size_t n, cap;
};

static void add_field(struct field_list *fl, const char *key, const char *label,
		      const char *old_value, const char *new_value, const char *member)
{
	if (fl->n == fl->cap) {
		fl->cap = fl->cap ? fl->cap * 2 : 8;
		fl->items = xreallocarray(fl->items, fl->cap, sizeof *fl->items);
	}
	fl->items[fl->n++] = (struct diff_field){key, label, old_value, new_value, member};
}

static void compare_value(struct field_list *fl, const char *key, const char *label, const char *a,
			  const char *b, const char *member)
{
	if (!str_eq(a, b))
		add_field(fl, key, label, a, b, member);
}

/* A field's machine key and its name for people (an English msgid). */
struct field_name {
	const char *key;
	const char *label;
};

/* The names of an endpoint's fields on each side of a row. */
struct side {
	struct field_name pool, vip, vip_only, fqdn, address, nat, server;
};

static const struct side source_side = {
    .pool = {"source_pool", N_("source pool")},
    .vip = {"source_vip", N_("source VIP")},
    .vip_only = {"source_vip_only", N_("source VIP only")},
    .fqdn = {"source_fqdn", N_("source FQDN")},
    .address = {"source_address", N_("source address")},
    .nat = {"source_nat", N_("source NAT address")},
    .server = {"source_server", N_("source server")},
};

static const struct side destination_side = {
    .pool = {"destination_pool", N_("destination pool")},
    .vip = {"destination_vip", N_("destination VIP")},
    .vip_only = {"destination_vip_only", N_("destination VIP only")},
    .fqdn = {"destination_fqdn", N_("destination FQDN")},
    .address = {"destination_address", N_("destination address")},
    .nat = {"destination_nat", N_("destination NAT address")},
    .server = {"destination_server", N_("destination server")},
};

/* A member in one cell: "fqdn address=nat", the parts it has. */
static const char *member_text(struct strpool *pool, const struct diff_member *m)
{
	struct strbuf sb = {0};
	const char *s;

	strbuf_add(&sb, "", 0);
	if (m->fqdn)
		strbuf_puts(&sb, m->fqdn);
	if (m->address)
		strbuf_printf(&sb, "%s%s", sb.len ? " " : "", m->address);
	if (m->nat)
		strbuf_printf(&sb, "%s%s", m->address ? "=" : sb.len ? " =" : "=", m->nat);
	s = strpool_intern(pool, sb.data);
	strbuf_free(&sb);
	return s;
}

/* Members are compared as sets, so that a reordered list is no change:
 * they pair by name, then the rest by address, then the rest in order.
 * get() picks the value to pair by (NULL: pair in order). */
static int cmp_key(const void *a, const void *b)
{
	return cmp_str(a, b);
}

static int sort_member_refs(const void *pa, const void *pb)
{
	const struct ref *a = pa, *b = pb;
	int c = cmp_str(a->item, b->item);

	return c ? c : cmp_index(a->index, b->index);
}

static const char *member_fqdn(const struct diff_member *m)
{
	return m->fqdn;
}

static const char *member_address(const struct diff_member *m)
{
	return m->address;
}

static size_t member_refs(const struct diff_endpoint *e, const size_t *pair,
			  const char *(*get)(const struct diff_member *), struct ref *out)
{
	size_t n = 0;

	for (size_t i = 0; i < e->n_members; i++)
		if (pair[i] == NONE && (!get || get(&e->members[i])))
			out[n++] = (struct ref){get ? get(&e->members[i]) : NULL, i};
	if (get)
		qsort(out, n, sizeof *out, sort_member_refs);
	return n;
}

static void pair_members(const struct diff_endpoint *a, size_t *a_pair,
			 const struct diff_endpoint *b, size_t *b_pair,
			 const char *(*get)(const struct diff_member *))
{
	struct ref *ra = xcalloc(a->n_members + 1, sizeof *ra);
	struct ref *rb = xcalloc(b->n_members + 1, sizeof *rb);
	size_t na = member_refs(a, a_pair, get, ra), nb = member_refs(b, b_pair, get, rb);

	pair_sorted(ra, na, rb, nb, get ? cmp_key : NULL, a_pair, b_pair);
	free(ra);
	free(rb);
}

static void compare_members(struct field_list *fl, const struct side *side,
			    const struct diff_endpoint *a, const struct diff_endpoint *b)
{
	size_t *a_pair = xmalloc((a->n_members + 1) * sizeof *a_pair);
	size_t *b_pair = xmalloc((b->n_members + 1) * sizeof *b_pair);

	for (size_t i = 0; i < a->n_members; i++)
		a_pair[i] = NONE;
	for (size_t j = 0; j < b->n_members; j++)
		b_pair[j] = NONE;
	pair_members(a, a_pair, b, b_pair, member_fqdn);
	pair_members(a, a_pair, b, b_pair, member_address);
	pair_members(a, a_pair, b, b_pair, NULL);
	for (size_t i = 0; i < a->n_members; i++) {
		const struct diff_member *ma = &a->members[i], *mb;
		const char *who;

		if (a_pair[i] == NONE) {
			add_field(fl, side->server.key, side->server.label,
				  member_text(fl->pool, ma), NULL, NULL);
			continue;
		}
		mb = &b->members[a_pair[i]];
		/* the server's name tells people which one, when it stayed */
		who = str_eq(ma->fqdn, mb->fqdn) ? mb->fqdn : NULL;
		compare_value(fl, side->fqdn.key, side->fqdn.label, ma->fqdn, mb->fqdn, NULL);
		compare_value(fl, side->address.key, side->address.label, ma->address, mb->address,
			      who);
		compare_value(fl, side->nat.key, side->nat.label, ma->nat, mb->nat, who);
	}
	for (size_t j = 0; j < b->n_members; j++)
		if (b_pair[j] == NONE)
			add_field(fl, side->server.key, side->server.label, NULL,
				  member_text(fl->pool, &b->members[j]), NULL);
	free(a_pair);
	free(b_pair);
}

static void compare_endpoint(struct field_list *fl, const struct side *side,
			     const struct diff_endpoint *a, const struct diff_endpoint *b)
{
	compare_value(fl, side->pool.key, side->pool.label, a->pool, b->pool, NULL);
	compare_value(fl, side->vip.key, side->vip.label, a->vip, b->vip, NULL);
	if (a->vip_only != b->vip_only)
		add_field(fl, side->vip_only.key, side->vip_only.label,
			  a->vip_only ? "true" : "false", b->vip_only ? "true" : "false", NULL);
	compare_members(fl, side, a, b);
}

static int cmp_source(const struct diff_source *a, const struct diff_source *b)
{
	int c;

	if ((c = cmp_str(a->url, b->url)) || (c = cmp_str(a->article, b->article)) ||
	    (c = cmp_str(a->table, b->table)) || (c = cmp_str(a->seed, b->seed)))
		return c;
	return cmp_str(a->section, b->section);
}

/* A source in one cell: "article: table <url> [seed] §section". */
static const char *source_text(struct strpool *pool, const struct diff_source *s)
{
	struct strbuf sb = {0};
	const char *text;

	strbuf_printf(&sb, "%s: %s <%s>", s->article ? s->article : "", s->table ? s->table : "",
		      s->url ? s->url : "");
	if (s->seed)
		strbuf_printf(&sb, " [%s]", s->seed);
	if (s->section)
		strbuf_printf(&sb, " \xC2\xA7%s", s->section);
	text = strpool_intern(pool, sb.data);
	strbuf_free(&sb);
	return text;
}

/* Sources are a set too: each one only in the old list is a field with no
 * new value, each one only in the new list one with no old value.  Lists
 * are short (a few sources), so the quadratic search is fine. */
static void compare_sources(struct field_list *fl, struct field_name name,
			    const struct diff_source *a, size_t na, const struct diff_source *b,
			    size_t nb)
{
	bool *used = xcalloc(nb + 1, sizeof *used);

	for (size_t i = 0; i < na; i++) {
		bool found = false;

		for (size_t j = 0; j < nb && !found; j++)
			if (!used[j] && cmp_source(&a[i], &b[j]) == 0)
				used[j] = found = true;
		if (!found)
			add_field(fl, name.key, name.label, source_text(fl->pool, &a[i]), NULL,
				  NULL);
	}
	for (size_t j = 0; j < nb; j++)
		if (!used[j])
			add_field(fl, name.key, name.label, NULL, source_text(fl->pool, &b[j]),
				  NULL);
	free(used);
}

/* A load balancer VIP's settings; a row without them compares as one
 * whose settings are all absent. */
static void compare_lb(struct field_list *fl, const struct diff_lb_settings *a,
		       const struct diff_lb_settings *b)
{
	static const struct diff_lb_settings none;

	if (!a && !b)
		return;
	a = a ? a : &none;
	b = b ? b : &none;
	compare_value(fl, "persistence", N_("persistence"), a->persistence, b->persistence, NULL);
	compare_value(fl, "idle_timeout", N_("TCP idle timeout (s)"), a->idle_timeout,
		      b->idle_timeout, NULL);
	compare_value(fl, "health_monitor", N_("health monitor"), a->health_monitor,
		      b->health_monitor, NULL);
	compare_value(fl, "source_nat", N_("source NAT"), a->source_nat, b->source_nat, NULL);
	compare_value(fl, "settings_note", N_("settings note"), a->note, b->note, NULL);
	compare_sources(fl, (struct field_name){"settings_reference", N_("settings reference")},
			a->sources, a->n_sources, b->sources, b->n_sources);
}

/* The values of two records beyond their identity, under the machine
 * keys of the table's CSV columns. */
static void compare_record(struct field_list *fl, enum catalog_table table,
			   const struct diff_record *a, const struct diff_record *b)
{
	switch (table) {
	case CATALOG_DNS:
		compare_value(fl, "value", N_("address or target"), a->value, b->value, NULL);
		compare_value(fl, "port", N_("SRV port"), a->srv_port, b->srv_port, NULL);
		compare_value(fl, "priority", N_("SRV priority"), a->srv_priority,
			      b->srv_priority, NULL);
		compare_value(fl, "weight", N_("SRV weight"), a->srv_weight, b->srv_weight, NULL);
		compare_value(fl, "ttl", N_("TTL"), a->srv_ttl, b->srv_ttl, NULL);
		break;
	case CATALOG_CERTIFICATES:
		compare_value(fl, "use", N_("use"), a->use, b->use, NULL);
		compare_value(fl, "san", N_("subject alternative names"), a->sans, b->sans, NULL);
		compare_value(fl, "ca", N_("CA"), a->ca, b->ca, NULL);
		compare_value(fl, "eku", N_("EKU"), a->eku, b->eku, NULL);
		break;
	default:
		compare_value(fl, "address", N_("address"), a->address, b->address, NULL);
		compare_value(fl, "public_address", N_("public address"), a->public_address,
			      b->public_address, NULL);
		compare_value(fl, "network", N_("network"), a->network, b->network, NULL);
		break;
	}
}

static void compare_rows(struct field_list *fl, const struct diff_row *a, const struct diff_row *b)
{
	static const struct field_name reference = {"reference", N_("reference")};

	compare_value(fl, "site", N_("site"), a->site, b->site, NULL);
	if (a->record && b->record) {
		/* a record's rule is not part of its identity */
		compare_value(fl, "rule", N_("rule"), a->rule, b->rule, NULL);
		compare_record(fl, a->table, a->record, b->record);
		compare_value(fl, "note", N_("note"), a->note, b->note, NULL);
		compare_sources(fl, reference, a->sources, a->n_sources, b->sources, b->n_sources);
		return;
	}
	compare_value(fl, "scope", N_("scope"), a->scope, b->scope, NULL);
	compare_endpoint(fl, &source_side, &a->from, &b->from);
	compare_endpoint(fl, &destination_side, &a->to, &b->to);
	compare_value(fl, "service", N_("service"), a->service, b->service, NULL);
	compare_value(fl, "note", N_("note"), a->note, b->note, NULL);
	compare_value(fl, "authentication", N_("authentication"), a->authentication,
		      b->authentication, NULL);
	compare_sources(fl, reference, a->sources, a->n_sources, b->sources, b->n_sources);
	compare_lb(fl, a->lb, b->lb);
}

static struct diff_entry *add_entry(struct diff *d, size_t *cap, enum diff_change change,
				    enum catalog_table table)
{
	struct diff_entry *e;

	if (d->n_entries == *cap) {
		*cap = *cap ? *cap * 2 : 64;
		d->entries = xreallocarray(d->entries, *cap, sizeof *d->entries);
	}
	e = &d->entries[d->n_entries++];
	memset(e, 0, sizeof *e);
	e->change = change;
	e->table = table;
	return e;
}

static void compare_table(struct diff *d, size_t *cap, enum catalog_table kind,
			  const struct diff_table *a, const struct diff_table *b)
{
	size_t *a_pair = xmalloc((a->n_rows + 1) * sizeof *a_pair);
	size_t *b_pair = xmalloc((b->n_rows + 1) * sizeof *b_pair);
	struct field_list fl = {.pool = d->pool};

	for (size_t i = 0; i < a->n_rows; i++)
		a_pair[i] = NONE;
	for (size_t j = 0; j < b->n_rows; j++)
		b_pair[j] = NONE;
	/* the same site first, then a renamed or moved one; each with the
	 * same value first (a DNS name with one record per member) */
	pair_rows(a, a_pair, b, b_pair, PAIR_SITE | PAIR_HINT);
	pair_rows(a, a_pair, b, b_pair, PAIR_SITE);
	pair_rows(a, a_pair, b, b_pair, PAIR_HINT);
	pair_rows(a, a_pair, b, b_pair, 0);
	for (size_t j = 0; j < b->n_rows; j++)
		if (b_pair[j] == NONE) {
			add_entry(d, cap, DIFF_ADDED, kind)->new_row = &b->rows[j];
			d->n_added++;
		}
	for (size_t i = 0; i < a->n_rows; i++)
		if (a_pair[i] == NONE) {
			add_entry(d, cap, DIFF_REMOVED, kind)->old_row = &a->rows[i];
			d->n_removed++;
		}
	for (size_t j = 0; j < b->n_rows; j++) {
		struct diff_entry *e;
		struct diff_field *fields;

		if (b_pair[j] == NONE)
			continue;
		fl.n = 0;
		compare_rows(&fl, &a->rows[b_pair[j]], &b->rows[j]);
		if (fl.n == 0)
			continue;
		fields = strpool_alloc(d->pool, fl.n * sizeof *fields);
		memcpy(fields, fl.items, fl.n * sizeof *fields);
		e = add_entry(d, cap, DIFF_CHANGED, kind);
		e->old_row = &a->rows[b_pair[j]];
		e->new_row = &b->rows[j];
		e->fields = fields;
		e->n_fields = fl.n;
		d->n_changed++;
	}
	free(fl.items);
	free(a_pair);
	free(b_pair);
}

struct diff *diff_compare(const struct diff_report *old_report,
			  const struct diff_report *new_report, unsigned tables)
{
	struct diff *d = xcalloc(1, sizeof *d);
	size_t cap = 0;

	d->old_report = old_report;
	d->new_report = new_report;
	d->pool = strpool_new();
	if (!tables)
		tables = CATALOG_ALL_TABLES;
	for (int k = 0; k < CATALOG_TABLE_COUNT; k++) {
		const struct diff_table *a = &old_report->tables[k], *b = &new_report->tables[k];
		unsigned bit = CATALOG_TABLE_BIT(k);

		if (!(tables & bit) || (!a->present && !b->present))
			continue;
		/* A table one report left out (-t) is unknown, not empty. */
		if (!a->present) {
			d->only_new |= bit;
		} else if (!b->present) {
			d->only_old |= bit;
		} else {
			d->compared |= bit;
			compare_table(d, &cap, (enum catalog_table)k, a, b);
		}
	}
	return d;
}

void diff_free(struct diff *diff)
{
	if (!diff)
		return;
	free(diff->entries);
	strpool_free(diff->pool);
	free(diff);
}

/* ---- rendering: shared -------------------------------------------------------- */

void diff_default_options(struct diff_options *opts)
{
	struct export_options eo;

	export_default_options(&eo);
	memset(opts, 0, sizeof *opts);
	opts->separator = eo.separator;
	opts->bom = eo.bom;
}

/* Where the bytes go and the first write error. */
struct sink {
	FILE *out;
	int error;
};

static bool put(struct sink *sk, const char *s, size_t n)
{
	if (sk->error)
		return false;
	errno = 0;
	if (n && fwrite(s, 1, n, sk->out) != n)
		sk->error = errno ? errno : EIO;
	return !sk->error;
}

static bool puts_(struct sink *sk, const char *s)
{
	return put(sk, s, strlen(s));
}

/* Flushes and turns the first error into err. */
static enum uc_status finish(struct sink *sk, struct uc_error *err)
{
	errno = 0;
	if (fflush(sk->out) == EOF && !sk->error)
		sk->error = errno ? errno : EIO;
	if (ferror(sk->out) && !sk->error)
		sk->error = EIO;
	if (sk->error)
		return uc_error_set(err, UC_ERR_IO, NULL, 0,
				    _("could not write the comparison (%s); check that the disk "
				      "has free space and that the output can be written"),
				    strerror(sk->error));
	return UC_OK;
}

static const char *change_key(enum diff_change c)
{
	return c == DIFF_ADDED ? "added" : c == DIFF_REMOVED ? "removed" : "changed";
}

/* The row that stands for an entry: the new one unless it was removed. */
static const struct diff_row *entry_row(const struct diff_entry *e)
{
	return e->new_row ? e->new_row : e->old_row;
}

/* ---- rendering: text ----------------------------------------------------------- */

static const char *const table_titles[CATALOG_TABLE_COUNT] = {
    N_("Firewall rules"),
    N_("Hardware load balancer ports"),
    N_("IPsec exceptions"),
    N_("Windows Firewall program rules"),
    N_("DNS records"),
    N_("Certificates"),
    N_("Summary"),
};

/* Writes s for a terminal: control characters (C0, DEL, C1), which a
 * stranger's file could use to move the cursor or recolour the screen,
 * become U+FFFD; so do line breaks, which would break the layout. */
static bool put_clean(struct sink *sk, const char *s)
{
	const unsigned char *p = (const unsigned char *)(s ? s : "");
	const unsigned char *run = p;

	while (*p) {
		size_t bad = 0;

		if (*p < 0x20 || *p == 0x7F)
			bad = 1;
		else if (p[0] == 0xC2 && p[1] >= 0x80 && p[1] <= 0x9F)
			bad = 2;
		if (!bad) {
			p++;
			continue;
		}
		put(sk, (const char *)run, (size_t)(p - run));
		puts_(sk, "\xEF\xBF\xBD");
		p += bad;
		run = p;
	}
	return put(sk, (const char *)run, (size_t)(p - run));
}

static const char *role_label(const struct diff_options *o, const char *role)
{
	const struct catalog_endpoint *e =
	    o && o->catalog && role ? catalog_find_endpoint(o->catalog, role) : NULL;

	return e && e->label ? _(e->label) : role ? role : "?";
}

static const char *port_label(const char *port)
{
	return str_eq(port, "any") ? _("Any") : port;
}

/* A record after "rule (site): ":
 *   dns           "Internal A fe01.dub.example.com → 192.0.2.11"
 *                 "External SRV _sip._tls.example.com → sip.example.com, port 443"
 *   certificates  "fe01.dub.example.com (Default: SIP, server-to-server) → pool.dub.example.com"
 *   summary       "Front End Servers, fe01.dub.example.com, 192.0.2.11" */
static void text_put_record(struct sink *sk, const struct diff_row *r)
{
	const struct diff_record *x = r->record;
	char *line;

	switch (r->table) {
	case CATALOG_DNS:
		put_clean(sk, _(view_record_key_msgid(x->zone)));
		puts_(sk, " ");
		put_clean(sk, x->type);
		puts_(sk, " ");
		put_clean(sk, x->name);
		puts_(sk, " \xE2\x86\x92 ");
		put_clean(sk, x->value);
		if (x->srv_port) {
			/* TRANSLATORS: after the target of an SRV record, e.g.
			   "sip.example.com, port 443" */
			line = xasprintf(_(", port %s"), x->srv_port);
			put_clean(sk, line);
			free(line);
		}
		break;
	case CATALOG_CERTIFICATES:
		put_clean(sk, x->assigned_to);
		if (x->use) {
			puts_(sk, " (");
			put_clean(sk, _(x->use));
			puts_(sk, ")");
		}
		puts_(sk, " \xE2\x86\x92 ");
		put_clean(sk, x->subject);
		break;
	default:
		put_clean(sk, x->role ? _(x->role) : "?");
		if (x->fqdn) {
			puts_(sk, ", ");
			put_clean(sk, x->fqdn);
		}
		if (x->address) {
			puts_(sk, ", ");
			put_clean(sk, x->address);
		}
		break;
	}
	puts_(sk, "\n");
}

/* "+ fe-sip-5061 (Dublin): Any → Front End Servers, TCP 5061" */
static void text_put_row(struct sink *sk, const struct diff_options *o, char sign,
			 const struct diff_row *r)
{
	char mark[3] = {sign, ' ', '\0'};
	char *line;

	puts_(sk, mark);
	put_clean(sk, r->rule);
	if (r->site) {
		puts_(sk, " (");
		put_clean(sk, r->site);
		puts_(sk, ")");
	}
	puts_(sk, ": ");
	if (r->record) {
		text_put_record(sk, r);
		return;
	}
	put_clean(sk, role_label(o, r->from.role));
	puts_(sk, " \xE2\x86\x92 ");
	put_clean(sk, role_label(o, r->to.role));
	puts_(sk, ", ");
	put_clean(sk, r->transport);
	puts_(sk, " ");
	put_clean(sk, port_label(r->destination_port));
	if (!str_eq(r->source_port, "any")) {
		/* TRANSLATORS: after the destination port of a row, e.g. "UDP N
		   (source port M)". */
		line = xasprintf(_(" (source port %s)"), r->source_port);
		put_clean(sk, line);
		free(line);
	}
	puts_(sk, "\n");
}

/* Values that are English msgids, shown translated. */
static bool field_is_msgid(const char *key)
{
	return str_eq(key, "service") || str_eq(key, "note") || str_eq(key, "authentication") ||
	       str_eq(key, "use") || str_eq(key, "settings_note");
}

/* Values that are keywords with a name for people (view.h). */
static bool field_is_keyword(const char *key)
{
	return str_eq(key, "ca") || str_eq(key, "eku") || str_eq(key, "network");
}

static const char *value_label(const char *key, const char *value)
{
	if (!value)
		return _("(none)");
	if (field_is_keyword(key))
		return _(view_record_key_msgid(value));
	return field_is_msgid(key) ? _(value) : value;
}

/* "    destination address 192.0.2.11 → 192.0.2.21 (fe01.example.com)" */
static void text_put_field(struct sink *sk, const struct diff_field *f)
{
	char *line;

	/* TRANSLATORS: one changed value of a row: the field's name, the old
	   value and the new one, e.g. "destination address 192.0.2.11 →
	   192.0.2.21". */
	line = xasprintf(_("%s %s → %s"), _(f->label), value_label(f->key, f->old_value),
			 value_label(f->key, f->new_value));
	puts_(sk, "    ");
	put_clean(sk, line);
	free(line);
	if (f->member) {
		puts_(sk, " (");
		put_clean(sk, f->member);
		puts_(sk, ")");
	}
	puts_(sk, "\n");
}

static enum uc_status diff_text_write(const struct diff *d, const struct diff_options *opts,
				      FILE *out, struct uc_error *err)
{
	struct sink sk = {.out = out};
	int table = -1;
	char *line;

	puts_(&sk, "--- ");
	put_clean(&sk, d->old_report->path);
	puts_(&sk, "\n+++ ");
	put_clean(&sk, d->new_report->path);
	puts_(&sk, "\n");
	for (size_t i = 0; i < d->n_entries && !sk.error; i++) {
		const struct diff_entry *e = &d->entries[i];

		if ((int)e->table != table) {
			table = (int)e->table;
			puts_(&sk, "\n");
			put_clean(&sk, _(table_titles[table]));
			puts_(&sk, "\n");
		}
		if (e->change == DIFF_ADDED) {
			text_put_row(&sk, opts, '+', e->new_row);
		} else if (e->change == DIFF_REMOVED) {
			text_put_row(&sk, opts, '-', e->old_row);
		} else {
			text_put_row(&sk, opts, '~', e->new_row);
			for (size_t f = 0; f < e->n_fields; f++)
				text_put_field(&sk, &e->fields[f]);
		}
	}
	puts_(&sk, "\n");
	if (d->n_entries == 0)
		line = xstrdup(_("No differences: the two reports list the same rows.\n"));
	else
		line = xasprintf(_("Rows added: %zu, removed: %zu, changed: %zu.\n"), d->n_added,
				 d->n_removed, d->n_changed);
	puts_(&sk, line);
	free(line);
	return finish(&sk, err);
}

/* ---- rendering: CSV -------------------------------------------------------------- */

struct csv_sink {
	struct sink sk;
	char sep;
	struct strbuf line;
	char *buf; /* for neutralized cells */
	size_t size;
};

/* Quotes a cell (neutralized: the file is for spreadsheets) onto the
 * record being built, as csv.c does. */
static void csv_cell(struct csv_sink *cs, bool first, const char *text)
{
	const char *safe;
	size_t n, room;

	text = text ? text : "";
	if (!first)
		strbuf_add(&cs->line, &cs->sep, 1);
	n = strlen(text);
	if (n + 2 > cs->size) {
		cs->buf = xrealloc(cs->buf, n + 2);
		cs->size = n + 2;
	}
	safe = export_neutralize(text, cs->buf, cs->size);
	n = strlen(safe);
	strbuf_reserve(&cs->line, 2 * n + 2);
	room = cs->line.cap - cs->line.len;
	cs->line.len += csv_write(cs->line.data + cs->line.len, room, safe, n);
	cs->line.data[cs->line.len] = '\0';
}

#define DIFF_CSV_COLUMNS 8

static void csv_record(struct csv_sink *cs, const char *const cells[DIFF_CSV_COLUMNS])
{
	cs->line.len = 0;
	for (size_t i = 0; i < DIFF_CSV_COLUMNS; i++)
		csv_cell(cs, i == 0, cells[i]);
	strbuf_add(&cs->line, "\r\n", 2);
	put(&cs->sk, cs->line.data, cs->line.len);
}

/* What identifies a row within its rule and site, in one cell of machine
 * values (diff.h has each table's identity):
 *   flows         "any>frontend-servers TCP any>5061" (roles, transport, ports)
 *   dns           "internal A fe01.dub.example.com"   (zone, type, name)
 *   certificates  "fe01.dub.example.com pool.dub.example.com" (holder, subject)
 *   summary       "fe01.dub.example.com Front End Servers"    (FQDN, role) */
static const char *item_text(struct strbuf *sb, const struct diff_row *r)
{
	const struct diff_record *x = r->record;

	sb->len = 0;
	strbuf_add(sb, "", 0);
	if (!x)
		strbuf_printf(sb, "%s>%s %s %s>%s", r->from.role, r->to.role,
			      r->transport ? r->transport : "", r->source_port,
			      r->destination_port);
	else if (r->table == CATALOG_DNS)
		strbuf_printf(sb, "%s %s %s", x->zone ? x->zone : "", x->type ? x->type : "",
			      x->name ? x->name : "");
	else if (r->table == CATALOG_CERTIFICATES)
		strbuf_printf(sb, "%s %s", x->assigned_to ? x->assigned_to : "",
			      x->subject ? x->subject : "");
	else
		strbuf_printf(sb, "%s%s%s", x->fqdn ? x->fqdn : "", x->fqdn ? " " : "",
			      x->role ? x->role : "");
	return sb->data;
}

static enum uc_status diff_csv_write(const struct diff *d, const struct diff_options *opts,
				     FILE *out, struct uc_error *err)
{
	/* item last: the first seven columns are those of the first version */
	static const char *const header[DIFF_CSV_COLUMNS] = {
	    "change", "table", "rule", "site", "field", "old", "new", "item"};
	struct diff_options defaults;
	struct csv_sink cs = {.sk = {.out = out}, .sep = ','};
	struct strbuf item = {0};
	enum uc_status s;

	if (!opts) {
		diff_default_options(&defaults);
		opts = &defaults;
	}
	/* a quote, CR or LF as separator would make the file unreadable */
	if (opts->separator && !strchr("\"\r\n", opts->separator))
		cs.sep = opts->separator;
	if (opts->bom)
		puts_(&cs.sk, "\xEF\xBB\xBF");
	csv_record(&cs, header);
	for (size_t i = 0; i < d->n_entries && !cs.sk.error; i++) {
		const struct diff_entry *e = &d->entries[i];
		const struct diff_row *r = entry_row(e);
		const char *cells[DIFF_CSV_COLUMNS] = {
		    change_key(e->change), catalog_table_key(e->table), r->rule, r->site, NULL, NULL,
		    NULL, item_text(&item, r)};

		if (e->change != DIFF_CHANGED) {
			csv_record(&cs, cells);
			continue;
		}
		for (size_t f = 0; f < e->n_fields; f++) {
			cells[4] = e->fields[f].key;
			cells[5] = e->fields[f].old_value;
			cells[6] = e->fields[f].new_value;
			csv_record(&cs, cells);
		}
	}
	s = finish(&cs.sk, err);
	strbuf_free(&cs.line);
	strbuf_free(&item);
	free(cs.buf);
	return s;
}

/* ---- rendering: JSON --------------------------------------------------------------- */

/* A string member, or null when absent.  jansson refuses invalid UTF-8,
 * which libxml2 never hands over; U+FFFD is the last resort. */
static void json_set_text(json_t *o, const char *key, const char *value)
{
	json_t *s = value ? json_string(value) : json_null();

	json_object_set_new(o, key, s ? s : json_string("\xEF\xBF\xBD"));
}

/* A port as the report's JSON has it: "any", a number, or {first, last}. */
static json_t *json_port(const char *port)
{
	unsigned long first, last;
	char *end;

	if (!port || str_eq(port, "any"))
		return json_string("any");
	first = strtoul(port, &end, 10);
	if (*end == '\0')
		return json_integer((json_int_t)first);
	last = strtoul(end + 1, NULL, 10);
	return json_pack("{s:I, s:I}", "first", (json_int_t)first, "last", (json_int_t)last);
}

/* A record's values (the new ones of a change), under the keys of the
 * table's CSV columns; absent values are left out. */
static void json_put_record(json_t *o, const struct diff_row *r)
{
	const struct diff_record *x = r->record;
	struct {
		const char *key, *value;
	} values[] = {
	    {"zone", x->zone},
	    {"type", x->type},
	    {"name", x->name},
	    {"value", x->value},
	    {"assigned_to", x->assigned_to},
	    {"use", x->use},
	    {"subject", x->subject},
	    {"ca", x->ca},
	    {"eku", x->eku},
	    {"role", x->role},
	    {"fqdn", x->fqdn},
	    {"address", x->address},
	    {"public_address", x->public_address},
	    {"network", x->network},
	};
	const char *srv[][2] = {{"port", x->srv_port},
				{"priority", x->srv_priority},
				{"weight", x->srv_weight},
				{"ttl", x->srv_ttl}};

	for (size_t i = 0; i < COUNT(values); i++)
		if (values[i].value)
			json_set_text(o, values[i].key, values[i].value);
	for (size_t i = 0; i < COUNT(srv); i++)
		if (srv[i][1])
			json_object_set_new(o, srv[i][0],
					    json_integer((json_int_t)strtoll(srv[i][1], NULL, 10)));
	if (r->table == CATALOG_CERTIFICATES) {
		json_t *sans = json_array();
		const char *p = x->sans ? x->sans : "";

		/* the SAN entries in order, as the report's JSON has them */
		while (*p) {
			size_t n = strcspn(p, " ");
			json_t *san = json_stringn(p, n);

			json_array_append_new(sans, san ? san : json_string("\xEF\xBF\xBD"));
			p += n;
			p += strspn(p, " ");
		}
		json_object_set_new(o, "san", sans);
	}
}

static json_t *json_entry(const struct diff_entry *e)
{
	const struct diff_row *r = entry_row(e);
	json_t *o = json_object();

	json_set_text(o, "table", catalog_table_key(e->table));
	json_set_text(o, "rule", r->rule);
	json_set_text(o, "site", r->site);
	if (r->record) {
		json_put_record(o, r);
	} else {
		json_set_text(o, "scope", r->scope);
		json_set_text(o, "from", r->from.role);
		json_set_text(o, "to", r->to.role);
		json_set_text(o, "transport", r->transport);
		json_object_set_new(o, "source_port", json_port(r->source_port));
		json_object_set_new(o, "destination_port", json_port(r->destination_port));
	}
	if (e->change == DIFF_CHANGED) {
		json_t *fields = json_array();

		for (size_t f = 0; f < e->n_fields; f++) {
			json_t *x = json_object();

			json_set_text(x, "field", e->fields[f].key);
			json_set_text(x, "old", e->fields[f].old_value);
			json_set_text(x, "new", e->fields[f].new_value);
			json_array_append_new(fields, x);
		}
		json_object_set_new(o, "fields", fields);
	}
	return o;
}

/* One array of the output: the entries of one kind, one per line. */
static void json_put_list(struct sink *sk, const struct diff *d, enum diff_change change,
			  const char *name)
{
	bool first = true;

	puts_(sk, ",\n\"");
	puts_(sk, name);
	puts_(sk, "\":[");
	for (size_t i = 0; i < d->n_entries && !sk->error; i++) {
		json_t *o;

		if (d->entries[i].change != change)
			continue;
		puts_(sk, first ? "\n" : ",\n");
		first = false;
		o = json_entry(&d->entries[i]);
		errno = 0;
		if (json_dumpf(o, sk->out, JSON_COMPACT | JSON_PRESERVE_ORDER) != 0 && !sk->error)
			sk->error = errno ? errno : EIO;
		json_decref(o);
	}
	puts_(sk, "]");
}

static enum uc_status diff_json_write(const struct diff *d, const struct diff_options *opts,
				      FILE *out, struct uc_error *err)
{
	struct sink sk = {.out = out};
	char head[64];

	(void)opts;
	snprintf(head, sizeof head, "{\"format\":\"ucplan-diff\",\"version\":%d",
		 DIFF_JSON_VERSION);
	puts_(&sk, head);
	json_put_list(&sk, d, DIFF_ADDED, "added");
	json_put_list(&sk, d, DIFF_REMOVED, "removed");
	json_put_list(&sk, d, DIFF_CHANGED, "changed");
	puts_(&sk, "\n}\n");
	return finish(&sk, err);
}

/* ---- writers ------------------------------------------------------------------------- */

const struct diff_writer diff_text = {"text", diff_text_write};
const struct diff_writer diff_csv = {"csv", diff_csv_write};
const struct diff_writer diff_json = {"json", diff_json_write};

const struct diff_writer *diff_find_writer(const char *name)
{
	static const struct diff_writer *const writers[] = {&diff_text, &diff_csv, &diff_json};

	for (size_t i = 0; name && i < COUNT(writers); i++)
		if (strcmp(writers[i]->name, name) == 0)
			return writers[i];
	return NULL;
}

/* What diff_write_file hands to the atomic writer. */
struct diff_job {
	const struct diff_writer *writer;
	const struct diff *diff;
	const struct diff_options *opts;
};

static enum uc_status diff_job_write(FILE *out, const void *context, struct uc_error *err)
{
	const struct diff_job *job = context;

	return job->writer->write(job->diff, job->opts, out, err);
}

enum uc_status diff_write_file(const struct diff_writer *writer, const struct diff *diff,
			       const struct diff_options *opts, const char *path,
			       struct uc_error *err)
{
	struct diff_job job = {writer, diff, opts};

	return atomic_file_write(path, diff_job_write, &job, err);
}
