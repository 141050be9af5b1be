/* json.c: the report as JSON through jansson, the only file that uses it.
 *
 * The same content as the XML (data/report.rng), one object per table; the
 * shape is documented in the README ("JSON").  Values are language-neutral
 * (keys, names, addresses, ports as numbers, "any" as a keyword, English
 * msgids) and "label" members carry the translation for display.  Every
 * value is encoded by jansson; rows are put together from those texts one
 * at a time and written as they are made, so memory stays flat however
 * large the plan. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "ucplan/export.h"
#include "ucplan/fields.h"
#include "ucplan/i18n.h"
#include "ucplan/strpool.h"

#define JSON_FORMAT_VERSION 2

/* Sets key to a string.  jansson refuses invalid UTF-8 (a plan is checked
 * before it gets here, so this is a last resort): such a value becomes
 * U+FFFD rather than a missing member. */
static void set_string(json_t *o, const char *key, const char *value)
{
	json_t *s = json_string(value ? value : "");

	json_object_set_new(o, key, s ? s : json_string("\xEF\xBF\xBD"));
}

static void set_optional(json_t *o, const char *key, const char *value)
{
	if (!str_empty(value))
		set_string(o, key, value);
}

static json_t *source_json(const struct catalog_source *s)
{
	json_t *src = json_object();

	set_string(src, "article", s->article);
	set_string(src, "table", s->table);
	set_string(src, "url", s->url);
	set_optional(src, "seed", s->file);
	set_optional(src, "section", s->section);
	set_optional(src, "document", s->document);
	return src;
}

/* {"text": English msgid, "label": translation} */
static void set_message(json_t *o, const char *key, const char *msgid)
{
	json_t *m;

	if (str_empty(msgid))
		return;
	m = json_object();
	set_string(m, "text", msgid);
	set_string(m, "label", _(msgid));
	json_object_set_new(o, key, m);
}

/* {"value": machine value, "label": as a person reads it} */
static void set_setting(json_t *o, const char *key, json_t *value,
			const struct catalog_lb_profile *lb, enum view_lb_setting which)
{
	struct strbuf sb = {0};
	json_t *m = json_object();

	view_put_lb_setting(&sb, lb, which);
	json_object_set_new(m, "value", value);
	set_string(m, "label", sb.data ? sb.data : "");
	json_object_set_new(o, key, m);
	strbuf_free(&sb);
}

/* An lb row's VIP settings: each as a machine value ("not-documented"
 * where Microsoft gives nothing) with its label, the note and sources. */
static json_t *lb_settings_json(const struct catalog_lb_profile *lb)
{
	json_t *o = json_object(), *sources = json_array();

	set_setting(o, "persistence", json_string(catalog_lb_persistence_key(lb->persistence)), lb,
		    VIEW_LB_PERSISTENCE);
	set_setting(o, "idle_timeout",
		    lb->idle_timeout ? json_integer(lb->idle_timeout) : json_string("not-documented"),
		    lb, VIEW_LB_IDLE_TIMEOUT);
	set_setting(o, "health_monitor",
		    lb->monitor_transport ? json_pack("{s:s, s:i}", "transport", lb->monitor_transport,
						      "port", (int)lb->monitor_port)
					  : json_string("not-documented"),
		    lb, VIEW_LB_MONITOR);
	set_setting(o, "source_nat", json_string(catalog_lb_snat_key(lb->source_nat)), lb,
		    VIEW_LB_SOURCE_NAT);
	set_message(o, "note", lb->note);
	for (size_t i = 0; i < lb->n_sources; i++)
		json_array_append_new(sources, source_json(lb->sources[i]));
	json_object_set_new(o, "sources", sources);
	return o;
}

/* Rows are written as they are made.  A value that many rows share (an
 * endpoint, a note, a list of sources) is encoded by jansson once and its
 * text reused: the rows of a 1,000-site plan name the same few hundred
 * values tens of thousands of times.  Endpoints belong to one site, so
 * their texts are forgotten when the next site begins. */
struct json_cache {
	struct strpool *texts;
	struct ptrmap map;
};

struct json_out {
	FILE *out;
	int error;
	struct strbuf row;
	struct strbuf piece; /* an endpoint being encoded */
	struct json_cache shared; /* catalog strings, messages, sources */
	struct json_cache site;   /* the current site's endpoints */
	int cached_site;
};

enum { CACHE_RULE, CACHE_SCOPE, CACHE_TRANSPORT, CACHE_MESSAGE, CACHE_SOURCES, CACHE_ENDPOINT,
       CACHE_LB };

static bool put_raw(struct json_out *jo, const char *s)
{
	errno = 0;
	if (fputs(s, jo->out) == EOF && !jo->error)
		jo->error = errno ? errno : EIO;
	return !jo->error;
}

/* The compact text of value (which it frees), kept in the cache under
 * (tag, key). */
static const char *cache_keep(struct json_cache *c, unsigned tag, const void *key,
			      const char *text)
{
	const char *kept = strpool_intern(c->texts, text);

	ptrmap_put(&c->map, tag, key, kept);
	return kept;
}

static const char *cache_put(struct json_cache *c, unsigned tag, const void *key, json_t *value)
{
	char *text = value ? json_dumps(value, JSON_COMPACT | JSON_ENCODE_ANY) : NULL;
	const char *kept = cache_keep(c, tag, key, text ? text : "null");

	free(text);
	json_decref(value);
	return kept;
}

static json_t *string_json(const char *value)
{
	json_t *s = json_string(value ? value : "");

	return s ? s : json_string("\xEF\xBF\xBD");
}

/* Appends value as a JSON string, encoded by jansson (U+FFFD for a value
 * it refuses, as set_string); false when jansson refuses it even so. */
static bool add_encoded(struct strbuf *sb, const char *value)
{
	json_t *s = string_json(value);
	/* an escape is at most six bytes for one */
	size_t room = 6 * strlen(value ? value : "") + 8, n;

	if (!s)
		return false;
	strbuf_reserve(sb, room);
	n = json_dumpb(s, sb->data + sb->len, room, JSON_COMPACT | JSON_ENCODE_ANY);
	json_decref(s);
	if (n == 0 || n > room)
		return false;
	sb->len += n;
	sb->data[sb->len] = '\0';
	return true;
}

static void add_key(struct strbuf *sb, const char *key)
{
	strbuf_add(sb, ",\"", 2);
	strbuf_puts(sb, key);
	strbuf_add(sb, "\":", 2);
}

static void add_string(struct strbuf *sb, const char *key, const char *value)
{
	add_key(sb, key);
	add_encoded(sb, value);
}

static void add_optional(struct strbuf *sb, const char *key, const char *value)
{
	if (!str_empty(value))
		add_string(sb, key, value);
}

static const char *cached_string(struct json_cache *c, unsigned tag, const char *value)
{
	const char *text = ptrmap_get(&c->map, tag, value);

	return text ? text : cache_put(c, tag, value, string_json(value));
}

/* An endpoint: its role, its label, its pool and VIP, and each member with
 * its name, address and NAT translation (members without any are {}).  Its
 * text is put together from values that jansson encodes one by one: a
 * site's endpoints are encoded again for each table, and a whole object
 * through jansson costs several times its values. */
static const char *cached_endpoint(struct json_out *jo, const struct report_endpoint *e)
{
	const char *text = ptrmap_get(&jo->site.map, CACHE_ENDPOINT, e);
	struct strbuf *sb = &jo->piece;

	if (text)
		return text;
	sb->len = 0;
	strbuf_puts(sb, "{\"role\":");
	add_encoded(sb, e->role);
	add_string(sb, "label", _(e->label));
	add_optional(sb, "pool", e->pool);
	add_optional(sb, "vip", e->vip);
	if (e->vip_only)
		strbuf_puts(sb, ",\"vip_only\":true");
	strbuf_puts(sb, ",\"members\":[");
	for (size_t i = 0; i < e->n_members; i++) {
		const struct report_member *m = &e->members[i];
		size_t open;

		strbuf_puts(sb, i ? ",{" : "{");
		open = sb->len;
		add_optional(sb, "fqdn", m->fqdn);
		add_optional(sb, "address", m->address);
		add_optional(sb, "nat", m->nat);
		/* no comma before the first member (the NUL moves too) */
		if (sb->len > open) {
			memmove(sb->data + open, sb->data + open + 1, sb->len - open);
			sb->len--;
		}
		strbuf_add(sb, "}", 1);
	}
	strbuf_add(sb, "]}", 2);
	return cache_keep(&jo->site, CACHE_ENDPOINT, e, sb->data);
}

static const char *cached_message(struct json_out *jo, const char *msgid)
{
	const char *text = ptrmap_get(&jo->shared.map, CACHE_MESSAGE, msgid);
	json_t *m;

	if (text)
		return text;
	m = json_object();
	set_string(m, "text", msgid);
	set_string(m, "label", _(msgid));
	return cache_put(&jo->shared, CACHE_MESSAGE, msgid, m);
}

static const char *cached_sources(struct json_out *jo, const struct catalog_source *const *list,
				  size_t n)
{
	static const char none[] = "";
	const void *key = list ? (const void *)list : none;
	const char *text = ptrmap_get(&jo->shared.map, CACHE_SOURCES, key);
	json_t *sources;

	if (text)
		return text;
	sources = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(sources, source_json(list[i]));
	return cache_put(&jo->shared, CACHE_SOURCES, key, sources);
}

static const char *cached_lb_settings(struct json_out *jo, const struct catalog_lb_profile *lb)
{
	const char *text = ptrmap_get(&jo->shared.map, CACHE_LB, lb);

	return text ? text : cache_put(&jo->shared, CACHE_LB, lb, lb_settings_json(lb));
}

static void add_member(struct strbuf *sb, const char *key, const char *text)
{
	strbuf_add(sb, ",\"", 2);
	strbuf_puts(sb, key);
	strbuf_add(sb, "\":", 2);
	strbuf_puts(sb, text);
}

/* "any", a number, or {"first": N, "last": M}: numbers need no encoder. */
static void add_port(struct strbuf *sb, const char *key, struct report_port p)
{
	strbuf_add(sb, ",\"", 2);
	strbuf_puts(sb, key);
	strbuf_add(sb, "\":", 2);
	if (p.kind == REPORT_PORT_ANY) {
		strbuf_puts(sb, "\"any\"");
		return;
	}
	if (p.kind == REPORT_PORT_SINGLE) {
		fields_put_port(sb, p);
		return;
	}
	strbuf_puts(sb, "{\"first\":");
	fields_put_port(sb, (struct report_port){REPORT_PORT_SINGLE, p.first, p.first});
	strbuf_puts(sb, ",\"last\":");
	fields_put_port(sb, (struct report_port){REPORT_PORT_SINGLE, p.last, p.last});
	strbuf_add(sb, "}", 1);
}

/* One row, with the members in the order flow_json() gives them. */
static void flow_text(struct json_out *jo, const struct report_flow *f)
{
	struct strbuf *sb = &jo->row;

	if (f->site >= 0 && f->site != jo->cached_site) {
		strpool_clear(jo->site.texts);
		ptrmap_clear(&jo->site.map);
		jo->cached_site = f->site;
	}
	strbuf_puts(sb, "{\"rule\":");
	strbuf_puts(sb, cached_string(&jo->shared, CACHE_RULE, f->rule_id));
	add_member(sb, "scope", cached_string(&jo->shared, CACHE_SCOPE, f->scope));
	if (f->site >= 0) {
		strbuf_puts(sb, ",\"site\":");
		fields_put_port(sb, (struct report_port){REPORT_PORT_SINGLE, (unsigned)f->site,
							 (unsigned)f->site});
	} else {
		strbuf_puts(sb, ",\"site\":null");
	}
	add_member(sb, "from", cached_endpoint(jo, f->source));
	add_member(sb, "to", cached_endpoint(jo, f->destination));
	add_member(sb, "transport", cached_string(&jo->shared, CACHE_TRANSPORT, f->transport));
	add_port(sb, "source_port", f->source_port);
	add_port(sb, "destination_port", f->destination_port);
	if (!str_empty(f->service))
		add_member(sb, "service", cached_message(jo, f->service));
	if (!str_empty(f->note))
		add_member(sb, "note", cached_message(jo, f->note));
	if (!str_empty(f->authentication))
		add_member(sb, "authentication", cached_message(jo, f->authentication));
	add_member(sb, "sources", cached_sources(jo, f->sources, f->n_sources));
	if (f->rule && f->rule->lb)
		add_member(sb, "lb_settings", cached_lb_settings(jo, f->rule->lb));
	strbuf_add(sb, "}", 1);
}

static void add_number(struct strbuf *sb, const char *key, long value)
{
	add_key(sb, key);
	if (value < 0)
		strbuf_add(sb, "-", 1);
	fields_put_port(sb, (struct report_port){REPORT_PORT_SINGLE, (unsigned)labs(value),
						 (unsigned)labs(value)});
}

static void add_message(struct json_out *jo, const char *key, const char *msgid)
{
	if (!str_empty(msgid))
		add_member(&jo->row, key, cached_message(jo, msgid));
}

/* A DNS record, certificate or summary entry: the values its table holds,
 * then its sources, as in the XML.  Its names and addresses are its own;
 * its messages and sources are shared with other rows and cached. */
static void record_text(struct json_out *jo, enum catalog_table kind,
			const struct report_record *r)
{
	struct strbuf *sb = &jo->row;

	strbuf_puts(sb, "{\"rule\":");
	add_encoded(sb, r->rule_id);
	add_number(sb, "site", r->site);
	if (kind == CATALOG_DNS) {
		add_string(sb, "zone", r->zone);
		add_string(sb, "type", r->type);
		add_string(sb, "name", r->name);
		add_string(sb, "value", r->value);
		if (str_eq(r->type, "SRV")) {
			add_number(sb, "port", (long)r->port);
			add_number(sb, "priority", (long)r->priority);
			add_number(sb, "weight", (long)r->weight);
			add_number(sb, "ttl", (long)r->ttl);
		}
	} else if (kind == CATALOG_CERTIFICATES) {
		bool first = true;

		add_string(sb, "assigned_to", r->holder);
		add_message(jo, "use", r->label);
		add_string(sb, "subject", r->name);
		add_key(sb, "san");
		strbuf_add(sb, "[", 1);
		for (size_t i = 0; i < r->n_sans; i++) {
			size_t mark = sb->len;
			if (!first)
				strbuf_add(sb, ",", 1);
			/* a name jansson refuses is left out, as json_array_append_new does */
			if (add_encoded(sb, r->sans[i]))
				first = false;
			else
				sb->len = mark;
		}
		strbuf_add(sb, "]", 1);
		add_string(sb, "ca", r->ca);
		add_string(sb, "eku", r->eku);
	} else {
		add_message(jo, "role", r->label);
		add_optional(sb, "fqdn", r->name);
		add_optional(sb, "address", r->value);
		add_optional(sb, "public_address", r->nat);
		add_string(sb, "network", r->network);
	}
	add_message(jo, "note", r->note);
	add_member(sb, "sources", cached_sources(jo, r->sources, r->n_sources));
	strbuf_add(sb, "}", 1);
}

static bool put_row(struct json_out *jo)
{
	errno = 0;
	if (fwrite(jo->row.data, 1, jo->row.len, jo->out) != jo->row.len && !jo->error)
		jo->error = errno ? errno : EIO;
	return !jo->error;
}

static bool put_table(struct json_out *jo, const struct report *report,
		      const struct report_flows *table, bool first)
{
	json_t *head = json_pack("{s:s, s:s}", "name", table->key, "title", _(table->title));
	char *text = head ? json_dumps(head, JSON_COMPACT) : NULL;
	struct report_part part;
	size_t rows = 0;
	bool ok;

	json_decref(head);
	if (!text)
		return false;
	/* the table's members, then its rows one by one, then the closing */
	text[strlen(text) - 1] = '\0';
	ok = put_raw(jo, first ? "\n" : ",\n") && put_raw(jo, text) && put_raw(jo, ",\"rows\":[");
	free(text);
	for (const struct report_flows *t = report_part_first(report, table->kind, &part); ok && t;
	     t = report_part_next(&part)) {
		/* a new part: the endpoints of the last one are gone */
		strpool_clear(jo->site.texts);
		ptrmap_clear(&jo->site.map);
		jo->cached_site = -1;
		for (size_t r = 0; ok && r < t->n_records; r++) {
			jo->row.len = 0;
			strbuf_puts(&jo->row, rows++ ? ",\n" : "\n");
			record_text(jo, t->kind, &t->records[r]);
			ok = put_row(jo);
		}
		for (size_t r = 0; ok && r < t->n_flows; r++) {
			jo->row.len = 0;
			strbuf_puts(&jo->row, rows++ ? ",\n" : "\n");
			flow_text(jo, &t->flows[r]);
			ok = put_row(jo);
		}
	}
	report_part_end(&part);
	return ok && put_raw(jo, "]}");
}

static enum uc_status export_json_write(const struct report *report,
					const struct export_options *opts, FILE *out,
					struct uc_error *err)
{
	struct json_out jo = {
	    .out = out,
	    .shared = {.texts = strpool_new()},
	    .site = {.texts = strpool_new()},
	    .cached_site = -1,
	};
	unsigned tables = opts && opts->tables ? opts->tables : EXPORT_ALL_TABLES;
	json_t *head = json_object(), *sites = json_array();
	char *text;
	bool ok, first = true;

	json_object_set_new(head, "format", json_string("ucplan-report"));
	json_object_set_new(head, "version", json_integer(JSON_FORMAT_VERSION));
	set_string(head, "lang", i18n_language_tag());
	set_string(head, "plan", report->plan_name ? report->plan_name : "");
	for (size_t s = 0; s < report->n_sites; s++) {
		json_t *site = json_object();
		json_object_set_new(site, "index", json_integer((json_int_t)s));
		set_string(site, "name", report->site_names[s]);
		json_array_append_new(sites, site);
	}
	json_object_set_new(head, "sites", sites);
	text = json_dumps(head, JSON_COMPACT | JSON_PRESERVE_ORDER);
	json_decref(head);
	ok = text != NULL;
	if (ok) {
		text[strlen(text) - 1] = '\0'; /* the object stays open for "tables" */
		ok = put_raw(&jo, text) && put_raw(&jo, ",\"tables\":[");
		free(text);
	}
	for (int k = 0; ok && k < CATALOG_TABLE_COUNT; k++) {
		if (!(tables & EXPORT_TABLE_BIT(k)))
			continue;
		ok = put_table(&jo, report, &report->tables[k], first);
		first = false;
	}
	if (ok)
		ok = put_raw(&jo, "\n]}\n");
	strbuf_free(&jo.row);
	strbuf_free(&jo.piece);
	strpool_free(jo.shared.texts);
	strpool_free(jo.site.texts);
	ptrmap_free(&jo.shared.map);
	ptrmap_free(&jo.site.map);
	errno = 0;
	if (fflush(out) == EOF && !jo.error)
		jo.error = errno ? errno : EIO;
	if ((ferror(out) || !ok) && !jo.error)
		jo.error = EIO;
	if (jo.error)
		return uc_error_set(err, UC_ERR_IO, NULL, 0,
				    _("could not write the JSON report (%s); check that the disk "
				      "has free space and that the output can be written"),
				    strerror(jo.error));
	return UC_OK;
}

const struct exporter export_json = {
    .name = "json",
    .extension = "json",
    .streams = true,
    .write = export_json_write,
};
