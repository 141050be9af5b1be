/* catalog.c: loading data/catalog.xml into rules.
 *
 * The schema checks the shape; this file checks the meaning: every scope,
 * endpoint and source a rule names exists, conditions use known answers,
 * ids are unique, and a rule's table matches its scope.  The meaning is
 * checked on every load; the shape only when the file is not the one
 * ucplan was built with (see is_shipped). */
#include "ucplan/catalog.h"

#include <stdlib.h>
#include <string.h>

#include <libxml/tree.h>

#include "ucplan/fileio.h"
#include "ucplan/i18n.h"
#include "ucplan/report.h"
#include "ucplan/xmldoc.h"

/* The catalog ships with ucplan; a larger file is not ours. */
#define CATALOG_MAX_SIZE (8u * 1024u * 1024u)

/* The bytes of data/catalog.xml as it was when ucplan was built; the
 * Makefile generates them only after checking the file against
 * data/catalog.rng. */
static const unsigned char shipped[] = {
#include "catalog_shipped.inc"
};

/* Compiling the RELAX NG schema and validating against it was 80% of the
 * instructions of a one-site report (about 9 ms of every start).  The
 * shipped catalog passed that check at build time, so a file holding
 * exactly its bytes skips it; any other file (edited, damaged, hostile, or
 * a newer catalog with an older binary) gets the full check.  Comparing
 * bytes rather than a checksum leaves no collision to argue about, and
 * costs microseconds. */
static bool is_shipped(const char *data, size_t size)
{
	return size == sizeof shipped && memcmp(data, shipped, size) == 0;
}

static const char *const table_keys[CATALOG_TABLE_COUNT] = {"firewall", "lb", "ipsec", "programs"};

const char *catalog_table_key(enum catalog_table t)
{
	return (unsigned)t < CATALOG_TABLE_COUNT ? table_keys[t] : "";
}

bool catalog_table_parse(const char *key, enum catalog_table *out)
{
	for (unsigned i = 0; i < CATALOG_TABLE_COUNT; i++)
		if (str_eq(key, table_keys[i])) {
			*out = (enum catalog_table)i;
			return true;
		}
	return false;
}

static char *element_text(xmlNodePtr n)
{
	xmlChar *t = n ? xmlNodeGetContent(n) : NULL;
	char *copy;

	if (!t)
		return NULL;
	copy = xstrdup((const char *)t);
	xmlFree(t);
	return copy;
}

static const struct catalog_source *find_source(const struct catalog *c, const char *id)
{
	for (size_t i = 0; i < c->n_sources; i++)
		if (str_eq(c->sources[i].id, id))
			return &c->sources[i];
	return NULL;
}

static const struct catalog_scope *find_scope(const struct catalog *c, const char *id)
{
	for (size_t i = 0; i < c->n_scopes; i++)
		if (str_eq(c->scopes[i].id, id))
			return &c->scopes[i];
	return NULL;
}

const struct catalog_endpoint *catalog_find_endpoint(const struct catalog *c, const char *id)
{
	for (size_t i = 0; i < c->n_endpoints; i++)
		if (str_eq(c->endpoints[i].id, id))
			return &c->endpoints[i];
	return NULL;
}

const struct catalog_rule *catalog_find_rule(const struct catalog *c, const char *id)
{
	for (size_t i = 0; i < c->n_rules; i++)
		if (str_eq(c->rules[i].id, id))
			return &c->rules[i];
	return NULL;
}

/* Parses a condition attribute, turning an error into one that names the
 * catalog file and line. */
static enum uc_status parse_when(xmlNodePtr n, const char *path, struct condition *out,
				 struct uc_error *err)
{
	char *text = xmldoc_attr(n, "when");
	enum uc_status s = condition_parse(text, out, err);

	free(text);
	if (s != UC_OK && err) {
		snprintf(err->file, sizeof err->file, "%s", path);
		err->line = (int)xmlGetLineNo(n);
	}
	return s;
}

static enum uc_status load_rule(struct catalog *c, xmlNodePtr n, struct catalog_rule *r,
				struct uc_error *err)
{
	char *table = xmldoc_attr(n, "table"), *scope = xmldoc_attr(n, "scope");
	char *src = xmldoc_attr(n, "source"), *dst = xmldoc_attr(n, "destination");
	int line = (int)xmlGetLineNo(n);
	enum uc_status s = UC_OK;
	const char *bad = NULL;

	r->line = line;
	r->id = xmldoc_attr(n, "id");
	r->transport = xmldoc_attr(n, "transport");
	r->source_port = xmldoc_attr(n, "source-port");
	r->destination_port = xmldoc_attr(n, "destination-port");
	r->service = xmldoc_attr(n, "service");
	r->note = element_text(xmldoc_child(n, "note"));
	r->authentication = element_text(xmldoc_child(n, "authentication"));
	if (!r->service)
		r->service = xstrdup("");

	if (!catalog_table_parse(table, &r->table))
		bad = table;
	r->scope = find_scope(c, scope);
	r->source = catalog_find_endpoint(c, src);
	r->destination = catalog_find_endpoint(c, dst);
	if (!r->scope)
		s = uc_error_set(err, UC_ERR_SCHEMA, c->path, line,
				 _("rule %s: unknown scope \"%s\""), r->id, scope);
	else if (!r->source || !r->destination)
		s = uc_error_set(err, UC_ERR_SCHEMA, c->path, line,
				 _("rule %s: unknown endpoint \"%s\""), r->id,
				 r->source ? dst : src);
	else if (bad)
		s = uc_error_set(err, UC_ERR_SCHEMA, c->path, line,
				 _("rule %s: unknown table \"%s\""), r->id, bad);
	else if ((r->table == CATALOG_LB) != str_eq(scope, "load-balancer") ||
		 (r->table == CATALOG_IPSEC) != str_eq(scope, "ipsec") ||
		 (r->table == CATALOG_PROGRAMS) != str_eq(scope, "program"))
		s = uc_error_set(err, UC_ERR_SCHEMA, c->path, line,
				 _("rule %s: scope \"%s\" does not belong in table \"%s\""),
				 r->id, scope, table);
	else if (r->table == CATALOG_IPSEC && !r->authentication)
		s = uc_error_set(err, UC_ERR_SCHEMA, c->path, line,
				 _("rule %s: an IPsec rule needs an authentication element"), r->id);
	free(table);
	free(scope);
	free(src);
	free(dst);
	if (s != UC_OK)
		return s;

	s = parse_when(n, c->path, &r->when, err);
	if (s != UC_OK)
		return s;
	r->refs = xcalloc(xmldoc_count_children(n, "ref"), sizeof *r->refs);
	for (xmlNodePtr m = n->children; m; m = m->next) {
		struct catalog_ref *ref;
		char *id;
		if (!xmldoc_is_element(m, "ref"))
			continue;
		ref = &r->refs[r->n_refs];
		id = xmldoc_attr(m, "source");
		ref->source = find_source(c, id);
		if (!ref->source) {
			s = uc_error_set(err, UC_ERR_SCHEMA, c->path, (int)xmlGetLineNo(m),
					 _("rule %s: unknown source \"%s\""), r->id, id);
			free(id);
			return s;
		}
		free(id);
		s = parse_when(m, c->path, &ref->when, err);
		if (s != UC_OK)
			return s;
		r->n_refs++;
	}
	return UC_OK;
}

static enum uc_status load_catalog(struct catalog *c, xmlNodePtr root, struct uc_error *err)
{
	xmlNodePtr sources = xmldoc_child(root, "sources"), scopes = xmldoc_child(root, "scopes");
	xmlNodePtr endpoints = xmldoc_child(root, "endpoints"), rules = xmldoc_child(root, "rules");
	enum uc_status s;

	c->sources = xcalloc(xmldoc_count_children(sources, "source"), sizeof *c->sources);
	for (xmlNodePtr n = sources->children; n; n = n->next) {
		struct catalog_source *src;
		if (!xmldoc_is_element(n, "source"))
			continue;
		src = &c->sources[c->n_sources++];
		src->id = xmldoc_attr(n, "id");
		src->file = xmldoc_attr(n, "file");
		src->section = xmldoc_attr(n, "section");
		src->title = xmldoc_attr(n, "title");
		src->article = xmldoc_attr(n, "article");
		src->table = xmldoc_attr(n, "table");
		src->url = xmldoc_attr(n, "url");
		if (find_source(c, src->id) != src)
			return uc_error_set(err, UC_ERR_SCHEMA, c->path, (int)xmlGetLineNo(n),
					    _("source \"%s\" is defined twice"), src->id);
	}
	c->scopes = xcalloc(xmldoc_count_children(scopes, "scope"), sizeof *c->scopes);
	for (xmlNodePtr n = scopes->children; n; n = n->next) {
		struct catalog_scope *sc;
		if (!xmldoc_is_element(n, "scope"))
			continue;
		sc = &c->scopes[c->n_scopes++];
		sc->id = xmldoc_attr(n, "id");
		sc->label = element_text(xmldoc_child(n, "label"));
	}
	c->endpoints = xcalloc(xmldoc_count_children(endpoints, "endpoint"), sizeof *c->endpoints);
	for (xmlNodePtr n = endpoints->children; n; n = n->next) {
		struct catalog_endpoint *ep;
		if (!xmldoc_is_element(n, "endpoint"))
			continue;
		ep = &c->endpoints[c->n_endpoints++];
		ep->id = xmldoc_attr(n, "id");
		ep->label = element_text(xmldoc_child(n, "label"));
		if (!report_endpoint_known(ep->id))
			return uc_error_set(err, UC_ERR_SCHEMA, c->path, (int)xmlGetLineNo(n),
					    _("endpoint \"%s\" is not known to this version of "
					      "ucplan"),
					    ep->id);
		if (catalog_find_endpoint(c, ep->id) != ep)
			return uc_error_set(err, UC_ERR_SCHEMA, c->path, (int)xmlGetLineNo(n),
					    _("endpoint \"%s\" is defined twice"), ep->id);
	}
	/* second pass: an endpoint may name a VIP endpoint defined after it */
	{
		size_t i = 0;
		for (xmlNodePtr n = endpoints->children; n; n = n->next) {
			char *vip;
			if (!xmldoc_is_element(n, "endpoint"))
				continue;
			vip = xmldoc_attr(n, "lb-vip");
			if (vip) {
				c->endpoints[i].lb_vip = catalog_find_endpoint(c, vip);
				if (!c->endpoints[i].lb_vip) {
					s = uc_error_set(err, UC_ERR_SCHEMA, c->path,
							 (int)xmlGetLineNo(n),
							 _("endpoint \"%s\": unknown VIP endpoint "
							   "\"%s\""),
							 c->endpoints[i].id, vip);
					free(vip);
					return s;
				}
				free(vip);
			}
			i++;
		}
	}
	c->rules = xcalloc(xmldoc_count_children(rules, "rule"), sizeof *c->rules);
	for (xmlNodePtr n = rules->children; n; n = n->next) {
		struct catalog_rule *r;
		if (!xmldoc_is_element(n, "rule"))
			continue;
		r = &c->rules[c->n_rules++];
		s = load_rule(c, n, r, err);
		if (s != UC_OK)
			return s;
		if (catalog_find_rule(c, r->id) != r)
			return uc_error_set(err, UC_ERR_SCHEMA, c->path, r->line,
					    _("rule id \"%s\" is used twice"), r->id);
	}
	return UC_OK;
}

/* Builds the catalog from a parsed and validated document, which it frees;
 * name is used in messages. */
static enum uc_status catalog_from_doc(xmlDocPtr doc, const char *name, struct catalog **out,
				       struct uc_error *err)
{
	struct catalog *c = xcalloc(1, sizeof *c);
	enum uc_status s;

	c->path = xstrdup(name);
	s = load_catalog(c, xmlDocGetRootElement(doc), err);
	xmlFreeDoc(doc);
	if (s != UC_OK) {
		catalog_free(c);
		return s;
	}
	*out = c;
	return UC_OK;
}

enum uc_status catalog_load(const char *path, const char *schema_path, struct catalog **out,
			    struct uc_error *err)
{
	enum uc_status s;
	char *data;
	size_t size;

	*out = NULL;
	s = file_read_all(path, CATALOG_MAX_SIZE, &data, &size, err);
	if (s != UC_OK)
		return s;
	s = catalog_load_memory(data, size, path, schema_path, out, err);
	free(data);
	return s;
}

enum uc_status catalog_load_memory(const char *data, size_t size, const char *name,
				   const char *schema_path, struct catalog **out,
				   struct uc_error *err)
{
	enum uc_status s;
	xmlDocPtr doc;

	*out = NULL;
	if (!name)
		name = "";
	if (size > CATALOG_MAX_SIZE)
		return uc_error_set(err, UC_ERR_LIMIT, name, 0,
				    _("the file is larger than %zu bytes"),
				    (size_t)CATALOG_MAX_SIZE);
	s = xmldoc_parse(data, size, name, &doc, err);
	if (s != UC_OK)
		return s;
	if (!is_shipped(data, size)) {
		s = xmldoc_validate(doc, schema_path, name, err);
		if (s != UC_OK) {
			xmlFreeDoc(doc);
			return s;
		}
	}
	return catalog_from_doc(doc, name, out, err);
}

enum uc_status catalog_load_default(struct catalog **out, struct uc_error *err)
{
	char *path = uc_data_path("catalog.xml"), *schema = uc_data_path("catalog.rng");
	enum uc_status s = catalog_load(path, schema, out, err);

	free(path);
	free(schema);
	return s;
}

void catalog_free(struct catalog *c)
{
	if (!c)
		return;
	for (size_t i = 0; i < c->n_rules; i++) {
		struct catalog_rule *r = &c->rules[i];
		free(r->id);
		free(r->transport);
		free(r->source_port);
		free(r->destination_port);
		free(r->service);
		free(r->note);
		free(r->authentication);
		condition_free(&r->when);
		for (size_t j = 0; j < r->n_refs; j++)
			condition_free(&r->refs[j].when);
		free(r->refs);
	}
	free(c->rules);
	for (size_t i = 0; i < c->n_endpoints; i++) {
		free(c->endpoints[i].id);
		free(c->endpoints[i].label);
	}
	free(c->endpoints);
	for (size_t i = 0; i < c->n_scopes; i++) {
		free(c->scopes[i].id);
		free(c->scopes[i].label);
	}
	free(c->scopes);
	for (size_t i = 0; i < c->n_sources; i++) {
		free(c->sources[i].id);
		free(c->sources[i].file);
		free(c->sources[i].section);
		free(c->sources[i].title);
		free(c->sources[i].article);
		free(c->sources[i].table);
		free(c->sources[i].url);
	}
	free(c->sources);
	free(c->path);
	free(c);
}
