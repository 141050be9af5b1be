/* planfile.c: plan files (XML in namespace urn:ucplan:plan:1, schema
 * data/plan.rng).
 *
 * Loading goes through xmldoc_parse (no network, no DTD, no entities, first
 * error with its line), then the schema, then a walk that checks what the
 * schema cannot: port numbers and the limits that keep a plan bounded.  Names and
 * addresses are taken as written; plan_validate() judges them, so that a
 * plan with a typo can still be opened and corrected. */
#include "ucplan/planfile.h"

#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif

#include <libxml/relaxng.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlwriter.h>

#include "ucplan/fileio.h"
#include "ucplan/i18n.h"
#include "ucplan/xmldoc.h"

#define PLAN_NS "urn:ucplan:plan:1"
#define PLAN_FORMAT_VERSION "1"
#define PLAN_SCHEMA "plan.rng"

/* ---- reading ------------------------------------------------------------- */

struct reader {
	const char *name; /* file name for messages */
	struct uc_error *err;
};

/* An attribute whose value is a keyword, a boolean or a number: the schema
 * lets whitespace around it through, so it is trimmed.  Caller frees. */
static char *attr_token(xmlNodePtr node, const char *name)
{
	char *v = xmldoc_attr(node, name);
	size_t start = 0, end;

	if (!v)
		return NULL;
	end = strlen(v);
	while (end > 0 && (v[end - 1] == ' ' || v[end - 1] == '\t' || v[end - 1] == '\n' ||
			   v[end - 1] == '\r'))
		end--;
	while (start < end &&
	       (v[start] == ' ' || v[start] == '\t' || v[start] == '\n' || v[start] == '\r'))
		start++;
	memmove(v, v + start, end - start);
	v[end - start] = '\0';
	return v;
}

/* At most size - 1 bytes of s, cut on a UTF-8 character boundary, for
 * quoting file content in a message. */
static const char *clip(const char *s, char *buf, size_t size)
{
	size_t n = strlen(s);

	if (n >= size) {
		n = size - 1;
		while (n > 0 && ((unsigned char)s[n] & 0xc0) == 0x80)
			n--;
	}
	memcpy(buf, s, n);
	buf[n] = '\0';
	return buf;
}

static enum uc_status bad_value(struct reader *rd, xmlNodePtr node, const char *attr,
				const char *value)
{
	char quoted[80];

	return uc_error_set(rd->err, UC_ERR_SCHEMA, rd->name, xmldoc_line(node),
			    _("<%s %s=\"%s\">: this value is not allowed here; see "
			      "data/plan.rng for the allowed ones"),
			    (const char *)node->name, attr,
			    clip(value ? value : "", quoted, sizeof quoted));
}

static enum uc_status too_many(struct reader *rd, xmlNodePtr node, const char *what, size_t count,
			       int limit)
{
	return uc_error_set(rd->err, UC_ERR_LIMIT, rd->name, xmldoc_line(node),
			    _("<%s> holds %zu %s elements, more than the %d a plan may have; "
			      "split the plan or remove some"),
			    (const char *)node->name, count, what, limit);
}

static enum uc_status read_bool(struct reader *rd, xmlNodePtr node, const char *attr, bool *out)
{
	char *v = attr_token(node, attr);
	enum uc_status s = UC_OK;

	if (!v)
		return UC_OK; /* keep the default */
	if (strcmp(v, "true") == 0 || strcmp(v, "1") == 0)
		*out = true;
	else if (strcmp(v, "false") == 0 || strcmp(v, "0") == 0)
		*out = false;
	else
		s = bad_value(rd, node, attr, v);
	free(v);
	return s;
}

static enum uc_status read_range(struct reader *rd, xmlNodePtr node, const char *attr,
				 struct port_range *out)
{
	char *v = attr_token(node, attr);
	enum uc_status s = UC_OK;
	char quoted[40];

	if (!v)
		return UC_OK;
	if (!model_port_range_parse(v, out))
		s = uc_error_set(rd->err, UC_ERR_SCHEMA, rd->name, xmldoc_line(node),
				 _("%s=\"%s\" is not a port range; write N or N-M with %d <= N <= "
				   "M <= %d"),
				 attr, clip(v, quoted, sizeof quoted), MODEL_PORT_MIN,
				 MODEL_PORT_MAX);
	free(v);
	return s;
}

/* Reads a keyword attribute with one of the model_*_parse functions into
 * out, setting the status s. */
#define READ_KEY(s, rd, node, attr, parse, out)                                                    \
	do {                                                                                       \
		char *v_ = attr_token(node, attr);                                                 \
		(s) = v_ && parse(v_, out) ? UC_OK : bad_value(rd, node, attr, v_);                \
		free(v_);                                                                          \
	} while (0)

static enum uc_status read_hosts(struct reader *rd, xmlNodePtr node, const char *element,
				 struct server **out, size_t *n_out)
{
	size_t n = xmldoc_count_children(node, element), i = 0;

	if (n > PLAN_MAX_POOL_SERVERS)
		return too_many(rd, node, element, n, PLAN_MAX_POOL_SERVERS);
	*out = n ? xcalloc(n, sizeof **out) : NULL;
	*n_out = n;
	for (xmlNodePtr c = node->children; c; c = c->next) {
		if (!xmldoc_is_element(c, element))
			continue;
		(*out)[i].fqdn = xmldoc_attr(c, "fqdn");
		(*out)[i].address = xmldoc_attr(c, "address");
		i++;
	}
	return UC_OK;
}

static enum uc_status read_pool(struct reader *rd, xmlNodePtr node, struct pool *pool)
{
	pool->fqdn = xmldoc_attr(node, "fqdn");
	pool->vip = xmldoc_attr(node, "vip");
	pool->web_internal = xmldoc_attr(node, "web-internal");
	pool->web_external = xmldoc_attr(node, "web-external");
	return read_hosts(rd, node, "server", &pool->servers, &pool->n_servers);
}

static enum uc_status read_edge(struct reader *rd, xmlNodePtr node, struct site *site)
{
	size_t n = xmldoc_count_children(node, "server"), i = 0;
	enum uc_status s;

	READ_KEY(s, rd, node, "topology", model_edge_parse, &site->edge);
	if (s == UC_OK)
		READ_KEY(s, rd, node, "addressing", model_edge_addressing_parse,
			 &site->edge_addressing);
	if (s != UC_OK)
		return s;
	if (site->edge == EDGE_NONE)
		return bad_value(rd, node, "topology", "none");
	if (n > PLAN_MAX_POOL_SERVERS)
		return too_many(rd, node, "server", n, PLAN_MAX_POOL_SERVERS);
	site->edge_fqdn = xmldoc_attr(node, "fqdn");
	site->edge_access_fqdn = xmldoc_attr(node, "access-fqdn");
	site->edge_webconf_fqdn = xmldoc_attr(node, "webconf-fqdn");
	site->edge_av_fqdn = xmldoc_attr(node, "av-fqdn");
	site->edge_vip_internal = xmldoc_attr(node, "internal-vip");
	site->edge_vip_access = xmldoc_attr(node, "access-vip");
	site->edge_vip_webconf = xmldoc_attr(node, "webconf-vip");
	site->edge_vip_av = xmldoc_attr(node, "av-vip");
	site->edges = n ? xcalloc(n, sizeof *site->edges) : NULL;
	site->n_edges = n;
	for (xmlNodePtr c = node->children; c; c = c->next) {
		struct edge_server *e;

		if (!xmldoc_is_element(c, "server"))
			continue;
		e = &site->edges[i++];
		e->fqdn = xmldoc_attr(c, "fqdn");
		e->internal = xmldoc_attr(c, "internal");
		e->access = xmldoc_attr(c, "access");
		e->webconf = xmldoc_attr(c, "webconf");
		e->av = xmldoc_attr(c, "av");
		e->access_nat = xmldoc_attr(c, "access-nat");
		e->webconf_nat = xmldoc_attr(c, "webconf-nat");
		e->av_nat = xmldoc_attr(c, "av-nat");
	}
	return UC_OK;
}

static enum uc_status read_mediation(struct reader *rd, xmlNodePtr node, struct site *site)
{
	enum uc_status s;

	READ_KEY(s, rd, node, "mode", model_mediation_parse, &site->mediation);
	if (s != UC_OK)
		return s;
	if (site->mediation == MEDIATION_NONE)
		return bad_value(rd, node, "mode", "none");
	if (site->mediation == MEDIATION_STANDALONE) {
		s = read_pool(rd, node, &site->mediation_pool);
		if (s != UC_OK)
			return s;
	}
	return read_hosts(rd, node, "gateway", &site->gateways, &site->n_gateways);
}

static enum uc_status read_roles(struct reader *rd, xmlNodePtr node, struct exchange_um_server *um)
{
	char *v = xmldoc_attr(node, "roles");
	enum uc_status s = UC_OK;

	/* Without the attribute a server holds both roles (Exchange 2013). */
	um->client_access = um->mailbox = v == NULL;
	for (char *tok = v ? strtok(v, " \t\r\n") : NULL; tok; tok = strtok(NULL, " \t\r\n")) {
		if (strcmp(tok, "client-access") == 0) {
			um->client_access = true;
		} else if (strcmp(tok, "mailbox") == 0) {
			um->mailbox = true;
		} else {
			s = bad_value(rd, node, "roles", tok);
			break;
		}
	}
	free(v);
	return s;
}

static enum uc_status read_um(struct reader *rd, xmlNodePtr node, struct site *site)
{
	size_t n = xmldoc_count_children(node, "server"), i = 0;
	enum uc_status s;

	READ_KEY(s, rd, node, "mode", model_um_parse, &site->um);
	if (s == UC_OK && site->um == UM_NONE)
		s = bad_value(rd, node, "mode", "none");
	if (s == UC_OK)
		s = read_range(rd, node, "rtp-ports", &site->um_rtp);
	if (s != UC_OK)
		return s;
	if (n > PLAN_MAX_POOL_SERVERS)
		return too_many(rd, node, "server", n, PLAN_MAX_POOL_SERVERS);
	site->um_servers = n ? xcalloc(n, sizeof *site->um_servers) : NULL;
	site->n_um_servers = n;
	for (xmlNodePtr c = node->children; c && s == UC_OK; c = c->next) {
		struct exchange_um_server *um;

		if (!xmldoc_is_element(c, "server"))
			continue;
		um = &site->um_servers[i++];
		um->fqdn = xmldoc_attr(c, "fqdn");
		um->address = xmldoc_attr(c, "address");
		s = read_roles(rd, c, um);
	}
	return s;
}

static enum uc_status read_branch(struct reader *rd, xmlNodePtr node, struct branch *b)
{
	enum uc_status s;

	b->name = xmldoc_attr(node, "name");
	b->fqdn = xmldoc_attr(node, "fqdn");
	b->address = xmldoc_attr(node, "address");
	READ_KEY(s, rd, node, "kind", model_branch_parse, &b->kind);
	return s;
}

static enum uc_status read_site(struct reader *rd, xmlNodePtr node, struct site *site)
{
	size_t n_branches = xmldoc_count_children(node, "branch");
	enum uc_status s;

	site->name = xmldoc_attr(node, "name");
	site->line = xmldoc_line(node);
	site->edge_addressing = EDGE_ADDR_PUBLIC;
	site->um_rtp = (struct port_range){MODEL_MEDIA_PORT_FIRST, MODEL_MEDIA_PORT_LAST};
	s = read_bool(rd, node, "cms", &site->cms);
	if (s != UC_OK)
		return s;
	if (n_branches > PLAN_MAX_BRANCHES)
		return too_many(rd, node, "branch", n_branches, PLAN_MAX_BRANCHES);
	site->branches = n_branches ? xcalloc(n_branches, sizeof *site->branches) : NULL;
	for (xmlNodePtr c = node->children; c && s == UC_OK; c = c->next) {
		if (c->type != XML_ELEMENT_NODE)
			continue;
		if (xmldoc_is_element(c, "frontend")) {
			READ_KEY(s, rd, c, "edition", model_edition_parse, &site->edition);
			if (s == UC_OK)
				READ_KEY(s, rd, c, "lb", model_pool_lb_parse, &site->pool_lb);
			if (s == UC_OK) {
				site->file_share = xmldoc_attr(c, "file-share");
				s = read_pool(rd, c, &site->frontend);
			}
		} else if (xmldoc_is_element(c, "director")) {
			site->director = true;
			s = read_pool(rd, c, &site->director_pool);
		} else if (xmldoc_is_element(c, "mediation")) {
			s = read_mediation(rd, c, site);
		} else if (xmldoc_is_element(c, "edge")) {
			s = read_edge(rd, c, site);
		} else if (xmldoc_is_element(c, "reverse-proxy")) {
			site->reverse_proxy = true;
			site->rp_fqdn = xmldoc_attr(c, "fqdn");
			site->rp_internal = xmldoc_attr(c, "internal");
			site->rp_external = xmldoc_attr(c, "external");
		} else if (xmldoc_is_element(c, "persistent-chat")) {
			site->persistent_chat = true;
			s = read_pool(rd, c, &site->pchat_pool);
		} else if (xmldoc_is_element(c, "office-web-apps")) {
			site->office_web_apps = true;
			s = read_pool(rd, c, &site->owas_pool);
		} else if (xmldoc_is_element(c, "exchange-um")) {
			s = read_um(rd, c, site);
		} else if (xmldoc_is_element(c, "branch")) {
			s = read_branch(rd, c, &site->branches[site->n_branches++]);
		} else {
			char quoted[80];

			s = uc_error_set(rd->err, UC_ERR_SCHEMA, rd->name, xmldoc_line(c),
					 _("unexpected element <%s>; see data/plan.rng"),
					 clip((const char *)c->name, quoted, sizeof quoted));
		}
	}
	return s;
}

static enum uc_status read_options(struct reader *rd, xmlNodePtr node, struct plan *plan)
{
	char *v = xmldoc_attr(node, "federation");
	enum uc_status s = UC_OK;

	if (v && !model_federation_parse(v, &plan->federation))
		s = bad_value(rd, node, "federation", v);
	free(v);
	if (s == UC_OK)
		s = read_bool(rd, node, "ocs2007-federation", &plan->ocs2007_federation);
	if (s == UC_OK)
		s = read_bool(rd, node, "ipsec", &plan->ipsec);
	if (s == UC_OK)
		s = read_range(rd, node, "client-media-ports", &plan->client_media);
	return s;
}

/* The SIP domains beyond the first, the simple URLs and the XMPP host. */
static enum uc_status read_names(struct reader *rd, xmlNodePtr node, struct plan *plan)
{
	size_t n = xmldoc_count_children(node, "sip-domain");

	if (n > PLAN_MAX_DOMAINS)
		return too_many(rd, node, "sip-domain", n, PLAN_MAX_DOMAINS);
	plan->meet_url = xmldoc_attr(node, "meet");
	plan->dialin_url = xmldoc_attr(node, "dialin");
	plan->admin_url = xmldoc_attr(node, "admin");
	plan->xmpp_fqdn = xmldoc_attr(node, "xmpp");
	plan->domains = n ? xcalloc(n, sizeof *plan->domains) : NULL;
	for (xmlNodePtr c = node->children; c; c = c->next) {
		struct sip_domain *d;

		if (!xmldoc_is_element(c, "sip-domain"))
			continue;
		d = &plan->domains[plan->n_domains++];
		d->name = xmldoc_attr(c, "name");
		d->meet = xmldoc_attr(c, "meet");
	}
	return UC_OK;
}

static enum uc_status read_plan(struct reader *rd, xmlNodePtr root, struct plan *plan)
{
	size_t n_sites = xmldoc_count_children(root, "site");
	enum uc_status s;
	char *version = attr_token(root, "version");

	if (!version || strcmp(version, PLAN_FORMAT_VERSION) != 0) {
		char quoted[24];

		s = uc_error_set(rd->err, UC_ERR_SCHEMA, rd->name, xmldoc_line(root),
				 _("plan format version \"%s\" is not known; this ucplan reads "
				   "version %s (the file may come from a newer ucplan)"),
				 clip(version ? version : "", quoted, sizeof quoted),
				 PLAN_FORMAT_VERSION);
		free(version);
		return s;
	}
	free(version);
	plan->name = xmldoc_attr(root, "name");
	plan->line = xmldoc_line(root);
	plan->sip_domain = xmldoc_attr(root, "sip-domain");
	plan->lang = xmldoc_attr(root, "lang");
	plan->client_media = (struct port_range){MODEL_MEDIA_PORT_FIRST, MODEL_MEDIA_PORT_LAST};
	READ_KEY(s, rd, root, "product", model_version_parse, &plan->version);
	if (s != UC_OK)
		return s;
	if (n_sites > PLAN_MAX_SITES)
		return too_many(rd, root, "site", n_sites, PLAN_MAX_SITES);
	plan->sites = n_sites ? xcalloc(n_sites, sizeof *plan->sites) : NULL;
	for (xmlNodePtr c = root->children; c && s == UC_OK; c = c->next) {
		if (xmldoc_is_element(c, "options"))
			s = read_options(rd, c, plan);
		else if (xmldoc_is_element(c, "names"))
			s = read_names(rd, c, plan);
		else if (xmldoc_is_element(c, "site"))
			s = read_site(rd, c, &plan->sites[plan->n_sites++]);
	}
	return s;
}

/* Every attribute value of the plan is at most PLAN_MAX_NAME characters.
 * Checked here rather than with a schema datatype: the schema's maxLength
 * facet doubled the time to open a large plan. */
static enum uc_status check_lengths(xmlNodePtr node, const char *name, struct uc_error *err)
{
	for (; node; node = node->next) {
		if (node->type != XML_ELEMENT_NODE)
			continue;
		for (xmlAttrPtr a = node->properties; a; a = a->next) {
			const xmlChar *v = a->children ? a->children->content : NULL;
			size_t chars = 0;

			for (; v && *v; v++)
				chars += (*v & 0xC0) != 0x80;
			if (chars > PLAN_MAX_NAME)
				return uc_error_set(err, UC_ERR_SCHEMA, name, xmldoc_line(node),
						    _("<%s %s=\"\u2026\">: the value is longer than %d "
						      "characters; shorten it"),
						    (const char *)node->name, (const char *)a->name,
						    PLAN_MAX_NAME);
		}
		if (check_lengths(node->children, name, err) != UC_OK)
			return err->status;
	}
	return UC_OK;
}

static enum uc_status schema_validate(xmlDocPtr doc, const char *name, struct uc_error *err)
{
	char *path = uc_data_path(PLAN_SCHEMA);
	enum uc_status s = xmldoc_validate(doc, path, name, err);

	free(path);
	if (s == UC_OK)
		s = check_lengths(xmlDocGetRootElement(doc), name, err);
	return s;
}

/* The document of a large plan takes several times the file's size and is
 * freed in pieces scattered through the heap; glibc keeps those pages
 * resident, and the report, built next, does not fit in the holes.  Giving
 * them back keeps the peak memory of a large export down. */
static void release_freed_memory(size_t file_size)
{
#ifdef __GLIBC__
	if (file_size > 256 * 1024)
		malloc_trim(0);
#else
	(void)file_size;
#endif
}

enum uc_status planfile_load_memory(const char *data, size_t size, const char *name,
				    struct plan **out, struct uc_error *err)
{
	struct reader rd = {.name = name ? name : "", .err = err};
	xmlDocPtr doc;
	xmlNodePtr root;
	struct plan *plan;
	enum uc_status s;
	size_t blank = 0;

	*out = NULL;
	if (size > PLANFILE_MAX_SIZE)
		return uc_error_set(err, UC_ERR_LIMIT, rd.name, 0,
				    _("the file is larger than %u bytes; this cannot be a plan"),
				    PLANFILE_MAX_SIZE);
	while (blank < size && (data[blank] == ' ' || data[blank] == '\t' || data[blank] == '\n' ||
				data[blank] == '\r'))
		blank++;
	if (blank == size)
		return uc_error_set(err, UC_ERR_PARSE, rd.name, 1,
				    _("the file is empty; open a plan saved by ucplan or start a "
				      "new one"));
	s = xmldoc_parse(data, size, rd.name, &doc, err);
	if (s != UC_OK) {
		/* Every parse error points somewhere: line 1 when libxml2 had none. */
		if (err && err->line <= 0)
			err->line = 1;
		return s;
	}
	root = xmlDocGetRootElement(doc);
	if (!root || xmlStrcmp(root->name, BAD_CAST "plan") != 0) {
		char quoted[80];

		s = uc_error_set(
		    err, UC_ERR_SCHEMA, rd.name, root ? xmldoc_line(root) : 1,
		    _("not a ucplan plan file (root element %s); open a plan saved "
		      "by ucplan"),
		    clip(root ? (const char *)root->name : "?", quoted, sizeof quoted));
		xmlFreeDoc(doc);
		return s;
	}
	if (!root->ns || xmlStrcmp(root->ns->href, BAD_CAST PLAN_NS) != 0) {
		s = uc_error_set(err, UC_ERR_SCHEMA, rd.name, xmldoc_line(root),
				 _("not a ucplan plan file: <plan> must be in the namespace %s; "
				   "add xmlns=\"%s\" to it"),
				 PLAN_NS, PLAN_NS);
		xmlFreeDoc(doc);
		return s;
	}
	s = schema_validate(doc, rd.name, err);
	if (s != UC_OK) {
		xmlFreeDoc(doc);
		return s;
	}
	plan = xcalloc(1, sizeof *plan);
	s = read_plan(&rd, root, plan);
	xmlFreeDoc(doc);
	release_freed_memory(size);
	if (s != UC_OK) {
		plan_free(plan);
		return s;
	}
	*out = plan;
	return UC_OK;
}

enum uc_status planfile_load(const char *path, struct plan **out, struct uc_error *err)
{
	enum uc_status s;
	char *data;
	size_t size;

	*out = NULL;
	s = file_read_all(path, PLANFILE_MAX_SIZE, &data, &size, err);
	if (s != UC_OK)
		return s;
	s = planfile_load_memory(data, size, path, out, err);
	free(data);
	return s;
}

/* ---- writing ------------------------------------------------------------- */

struct writer {
	xmlTextWriterPtr w;
	bool failed;	    /* libxml2 could not write */
	const char *bad;    /* first attribute whose value a plan file cannot hold */
	const char *bad_in; /* and its element */
	const char *limit;  /* first element with more children than allowed */
};

static void w_start(struct writer *w, const char *element)
{
	if (!w->failed && xmlTextWriterStartElement(w->w, BAD_CAST element) < 0)
		w->failed = true;
}

static void w_end(struct writer *w)
{
	if (!w->failed && xmlTextWriterEndElement(w->w) < 0)
		w->failed = true;
}

/* Writes attr="value"; an absent value writes nothing. */
static void w_attr(struct writer *w, const char *element, const char *attr, const char *value)
{
	if (!value || w->failed)
		return;
	if (!model_is_clean_text(value)) {
		if (!w->bad) {
			w->bad = attr;
			w->bad_in = element;
		}
		return;
	}
	if (xmlTextWriterWriteAttribute(w->w, BAD_CAST attr, BAD_CAST value) < 0)
		w->failed = true;
}

/* A keyword from a model_*_key function: "" means an enum value out of
 * range, which the plan file could not be read back with. */
static void w_key(struct writer *w, const char *element, const char *attr, const char *key)
{
	if (!*key) {
		if (!w->bad) {
			w->bad = attr;
			w->bad_in = element;
		}
		return;
	}
	w_attr(w, element, attr, key);
}

static void w_bool(struct writer *w, const char *element, const char *attr, bool value)
{
	w_attr(w, element, attr, value ? "true" : "false");
}

static void w_range(struct writer *w, const char *element, const char *attr,
		    const struct port_range *r)
{
	char buf[32];

	if (!model_port_range_valid(r)) {
		if (!w->bad) {
			w->bad = attr;
			w->bad_in = element;
		}
		return;
	}
	model_port_range_format(r, buf, sizeof buf);
	w_attr(w, element, attr, buf);
}

static void w_count(struct writer *w, const char *element, size_t n, size_t limit)
{
	if (n > limit && !w->limit)
		w->limit = element;
}

static void w_hosts(struct writer *w, const char *element, const struct server *servers, size_t n)
{
	w_count(w, element, n, PLAN_MAX_POOL_SERVERS);
	for (size_t i = 0; i < n; i++) {
		w_start(w, element);
		w_attr(w, element, "fqdn", servers[i].fqdn);
		w_attr(w, element, "address", servers[i].address);
		w_end(w);
	}
}

/* The pool's attributes and members; the element is already open. */
static void w_pool(struct writer *w, const char *element, const struct pool *p)
{
	w_attr(w, element, "fqdn", p->fqdn);
	w_attr(w, element, "vip", p->vip);
	w_attr(w, element, "web-internal", p->web_internal);
	w_attr(w, element, "web-external", p->web_external);
	w_hosts(w, "server", p->servers, p->n_servers);
}

static void w_edge(struct writer *w, const struct site *s)
{
	w_start(w, "edge");
	w_key(w, "edge", "topology", model_edge_key(s->edge));
	w_key(w, "edge", "addressing", model_edge_addressing_key(s->edge_addressing));
	w_attr(w, "edge", "fqdn", s->edge_fqdn);
	w_attr(w, "edge", "access-fqdn", s->edge_access_fqdn);
	w_attr(w, "edge", "webconf-fqdn", s->edge_webconf_fqdn);
	w_attr(w, "edge", "av-fqdn", s->edge_av_fqdn);
	w_attr(w, "edge", "internal-vip", s->edge_vip_internal);
	w_attr(w, "edge", "access-vip", s->edge_vip_access);
	w_attr(w, "edge", "webconf-vip", s->edge_vip_webconf);
	w_attr(w, "edge", "av-vip", s->edge_vip_av);
	w_count(w, "edge", s->n_edges, PLAN_MAX_POOL_SERVERS);
	for (size_t i = 0; i < s->n_edges; i++) {
		const struct edge_server *e = &s->edges[i];

		w_start(w, "server");
		w_attr(w, "server", "fqdn", e->fqdn);
		w_attr(w, "server", "internal", e->internal);
		w_attr(w, "server", "access", e->access);
		w_attr(w, "server", "webconf", e->webconf);
		w_attr(w, "server", "av", e->av);
		w_attr(w, "server", "access-nat", e->access_nat);
		w_attr(w, "server", "webconf-nat", e->webconf_nat);
		w_attr(w, "server", "av-nat", e->av_nat);
		w_end(w);
	}
	w_end(w);
}

static void w_um(struct writer *w, const struct site *s)
{
	w_start(w, "exchange-um");
	w_key(w, "exchange-um", "mode", model_um_key(s->um));
	w_range(w, "exchange-um", "rtp-ports", &s->um_rtp);
	w_count(w, "exchange-um", s->n_um_servers, PLAN_MAX_POOL_SERVERS);
	for (size_t i = 0; i < s->n_um_servers; i++) {
		const struct exchange_um_server *um = &s->um_servers[i];
		const char *roles = um->client_access && um->mailbox ? "client-access mailbox"
				    : um->client_access		     ? "client-access"
				    : um->mailbox		     ? "mailbox"
								     : "";

		w_start(w, "server");
		w_attr(w, "server", "fqdn", um->fqdn);
		w_attr(w, "server", "address", um->address);
		w_attr(w, "server", "roles", roles);
		w_end(w);
	}
	w_end(w);
}

static void w_site(struct writer *w, const struct site *s)
{
	w_start(w, "site");
	w_attr(w, "site", "name", s->name);
	w_bool(w, "site", "cms", s->cms);

	w_start(w, "frontend");
	w_key(w, "frontend", "edition", model_edition_key(s->edition));
	w_key(w, "frontend", "lb", model_pool_lb_key(s->pool_lb));
	w_attr(w, "frontend", "fqdn", s->frontend.fqdn);
	w_attr(w, "frontend", "vip", s->frontend.vip);
	w_attr(w, "frontend", "web-internal", s->frontend.web_internal);
	w_attr(w, "frontend", "web-external", s->frontend.web_external);
	w_attr(w, "frontend", "file-share", s->file_share);
	w_hosts(w, "server", s->frontend.servers, s->frontend.n_servers);
	w_end(w);

	if (s->director) {
		w_start(w, "director");
		w_pool(w, "director", &s->director_pool);
		w_end(w);
	}
	if (s->mediation != MEDIATION_NONE) {
		w_start(w, "mediation");
		w_key(w, "mediation", "mode", model_mediation_key(s->mediation));
		if (s->mediation == MEDIATION_STANDALONE)
			w_pool(w, "mediation", &s->mediation_pool);
		w_hosts(w, "gateway", s->gateways, s->n_gateways);
		w_end(w);
	}
	if (s->edge != EDGE_NONE)
		w_edge(w, s);
	if (s->reverse_proxy) {
		w_start(w, "reverse-proxy");
		w_attr(w, "reverse-proxy", "fqdn", s->rp_fqdn);
		w_attr(w, "reverse-proxy", "internal", s->rp_internal);
		w_attr(w, "reverse-proxy", "external", s->rp_external);
		w_end(w);
	}
	if (s->persistent_chat) {
		w_start(w, "persistent-chat");
		w_pool(w, "persistent-chat", &s->pchat_pool);
		w_end(w);
	}
	if (s->office_web_apps) {
		w_start(w, "office-web-apps");
		w_pool(w, "office-web-apps", &s->owas_pool);
		w_end(w);
	}
	if (s->um != UM_NONE)
		w_um(w, s);
	w_count(w, "branch", s->n_branches, PLAN_MAX_BRANCHES);
	for (size_t i = 0; i < s->n_branches; i++) {
		const struct branch *b = &s->branches[i];

		w_start(w, "branch");
		w_attr(w, "branch", "name", b->name);
		w_key(w, "branch", "kind", model_branch_key(b->kind));
		w_attr(w, "branch", "fqdn", b->fqdn);
		w_attr(w, "branch", "address", b->address);
		w_end(w);
	}
	w_end(w);
}

static void w_plan(struct writer *w, const struct plan *plan)
{
	char federation[64];

	if (xmlTextWriterStartDocument(w->w, NULL, "UTF-8", NULL) < 0) {
		w->failed = true;
		return;
	}
	w_start(w, "plan");
	w_attr(w, "plan", "xmlns", PLAN_NS);
	w_attr(w, "plan", "version", PLAN_FORMAT_VERSION);
	w_attr(w, "plan", "name", plan->name);
	w_attr(w, "plan", "sip-domain", plan->sip_domain);
	w_key(w, "plan", "product", model_version_key(plan->version));
	w_attr(w, "plan", "lang", plan->lang);

	model_federation_format(plan->federation, federation, sizeof federation);
	w_start(w, "options");
	w_attr(w, "options", "federation", federation);
	w_bool(w, "options", "ocs2007-federation", plan->ocs2007_federation);
	w_bool(w, "options", "ipsec", plan->ipsec);
	w_range(w, "options", "client-media-ports", &plan->client_media);
	w_end(w);

	/* absent in plans saved before ucplan knew these names */
	if (plan->n_domains || plan->meet_url || plan->dialin_url || plan->admin_url ||
	    plan->xmpp_fqdn) {
		w_start(w, "names");
		w_attr(w, "names", "meet", plan->meet_url);
		w_attr(w, "names", "dialin", plan->dialin_url);
		w_attr(w, "names", "admin", plan->admin_url);
		w_attr(w, "names", "xmpp", plan->xmpp_fqdn);
		w_count(w, "sip-domain", plan->n_domains, PLAN_MAX_DOMAINS);
		for (size_t i = 0; i < plan->n_domains; i++) {
			w_start(w, "sip-domain");
			w_attr(w, "sip-domain", "name", plan->domains[i].name);
			w_attr(w, "sip-domain", "meet", plan->domains[i].meet);
			w_end(w);
		}
		w_end(w);
	}

	w_count(w, "site", plan->n_sites, PLAN_MAX_SITES);
	for (size_t i = 0; i < plan->n_sites; i++)
		w_site(w, &plan->sites[i]);
	w_end(w);
	if (!w->failed && xmlTextWriterEndDocument(w->w) < 0)
		w->failed = true;
}

enum uc_status planfile_serialize(const struct plan *plan, char **data, size_t *size,
				  struct uc_error *err)
{
	struct writer w = {0};
	xmlBufferPtr buf;
	enum uc_status s = UC_OK;

	*data = NULL;
	*size = 0;
	if (!plan)
		return uc_error_set(err, UC_ERR_USAGE, NULL, 0, _("there is no plan to save"));
	buf = xmlBufferCreate();
	if (!buf)
		return uc_error_set(err, UC_ERR_IO, NULL, 0, _("out of memory"));
	w.w = xmlNewTextWriterMemory(buf, 0);
	if (!w.w) {
		xmlBufferFree(buf);
		return uc_error_set(err, UC_ERR_IO, NULL, 0, _("out of memory"));
	}
	xmlTextWriterSetIndent(w.w, 1);
	xmlTextWriterSetIndentString(w.w, BAD_CAST "  ");
	w_plan(&w, plan);
	/* Freeing the writer flushes it into buf. */
	xmlFreeTextWriter(w.w);
	if (w.failed)
		s = uc_error_set(err, UC_ERR_IO, NULL, 0,
				 _("the plan could not be written as XML; nothing was saved"));
	else if (w.bad)
		s = uc_error_set(
		    err, UC_ERR_INVALID, NULL, 0,
		    _("cannot save: the %s value of a %s element holds control "
		      "characters, invalid UTF-8 or more than %d characters, or is not "
		      "a valid choice or port range; correct it and save again"),
		    w.bad, w.bad_in, PLAN_MAX_NAME);
	else if (w.limit)
		s = uc_error_set(err, UC_ERR_INVALID, NULL, 0,
				 _("cannot save: there are more %s entries than a plan file may "
				   "hold; remove some and save again"),
				 w.limit);
	if (s == UC_OK) {
		*size = (size_t)xmlBufferLength(buf);
		*data = xstrndup((const char *)xmlBufferContent(buf), *size);
	}
	xmlBufferFree(buf);
	return s;
}

enum uc_status planfile_save(const struct plan *plan, const char *path, struct uc_error *err)
{
	struct atomic_file af;
	enum uc_status s;
	char *data;
	size_t size;

	s = planfile_serialize(plan, &data, &size, err);
	if (s != UC_OK) {
		if (err)
			snprintf(err->file, sizeof err->file, "%s", path ? path : "");
		return s;
	}
	s = atomic_file_open(&af, path, err);
	if (s != UC_OK) {
		free(data);
		return s;
	}
	if (fwrite(data, 1, size, af.fp) != size) {
		int e = errno;

		atomic_file_abort(&af);
		free(data);
		return uc_error_set(err, UC_ERR_IO, path, 0,
				    _("writing failed: %s; the previous file, if any, is "
				      "unchanged"),
				    strerror(e));
	}
	free(data);
	return atomic_file_commit(&af, err);
}
