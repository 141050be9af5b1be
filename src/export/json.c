/* json.c: the report as JSON through jansson, the only file that uses it.
 *
 * The same content as the XML (data/report.rng), one object per table; the
 * shape is documented in the README ("JSON").  Values are language-neutral
 * (keys, names, addresses, ports as numbers, "any" as a keyword, English
 * msgids) and "label" members carry the translation for display.  Rows are
 * encoded one at a time and written as they are made, so memory stays flat
 * however large the plan. */
#include <errno.h>
#include <string.h>

#include <jansson.h>

#include "ucplan/export.h"
#include "ucplan/i18n.h"

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

static json_t *endpoint_json(const struct report_endpoint *e)
{
	json_t *o = json_object(), *members = json_array();

	set_string(o, "role", e->role);
	set_string(o, "label", _(e->label));
	set_optional(o, "pool", e->pool);
	set_optional(o, "vip", e->vip);
	if (e->vip_only)
		json_object_set_new(o, "vip_only", json_true());
	for (size_t i = 0; i < e->n_members; i++) {
		json_t *m = json_object();
		set_optional(m, "fqdn", e->members[i].fqdn);
		set_optional(m, "address", e->members[i].address);
		set_optional(m, "nat", e->members[i].nat);
		json_array_append_new(members, m);
	}
	json_object_set_new(o, "members", members);
	return o;
}

/* "any", a number, or {"first": N, "last": M}. */
static json_t *port_json(struct report_port p)
{
	switch (p.kind) {
	case REPORT_PORT_ANY:
		return json_string("any");
	case REPORT_PORT_SINGLE:
		return json_integer(p.first);
	default:
		return json_pack("{s:i, s:i}", "first", (int)p.first, "last", (int)p.last);
	}
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

static json_t *flow_json(const struct report_flow *f)
{
	json_t *o = json_object(), *sources = json_array();

	set_string(o, "rule", f->rule_id);
	set_string(o, "scope", f->scope);
	json_object_set_new(o, "site", f->site >= 0 ? json_integer(f->site) : json_null());
	json_object_set_new(o, "from", endpoint_json(f->source));
	json_object_set_new(o, "to", endpoint_json(f->destination));
	set_string(o, "transport", f->transport);
	json_object_set_new(o, "source_port", port_json(f->source_port));
	json_object_set_new(o, "destination_port", port_json(f->destination_port));
	set_message(o, "service", f->service);
	set_message(o, "note", f->note);
	set_message(o, "authentication", f->authentication);
	for (size_t i = 0; i < f->n_sources; i++)
		json_array_append_new(sources, source_json(f->sources[i]));
	json_object_set_new(o, "sources", sources);
	if (f->rule && f->rule->lb)
		json_object_set_new(o, "lb_settings", lb_settings_json(f->rule->lb));
	return o;
}

/* A DNS record, certificate or summary entry: the values its table holds,
 * then its sources, as in the XML. */
static json_t *record_json(enum catalog_table kind, const struct report_record *r)
{
	json_t *o = json_object(), *sources = json_array();

	set_string(o, "rule", r->rule_id);
	json_object_set_new(o, "site", json_integer(r->site));
	if (kind == CATALOG_DNS) {
		set_string(o, "zone", r->zone);
		set_string(o, "type", r->type);
		set_string(o, "name", r->name);
		set_string(o, "value", r->value);
		if (str_eq(r->type, "SRV")) {
			json_object_set_new(o, "port", json_integer(r->port));
			json_object_set_new(o, "priority", json_integer(r->priority));
			json_object_set_new(o, "weight", json_integer(r->weight));
			json_object_set_new(o, "ttl", json_integer(r->ttl));
		}
	} else if (kind == CATALOG_CERTIFICATES) {
		json_t *sans = json_array();
		set_string(o, "assigned_to", r->holder);
		set_message(o, "use", r->label);
		set_string(o, "subject", r->name);
		for (size_t i = 0; i < r->n_sans; i++)
			json_array_append_new(sans, json_string(r->sans[i]));
		json_object_set_new(o, "san", sans);
		set_string(o, "ca", r->ca);
		set_string(o, "eku", r->eku);
	} else {
		set_message(o, "role", r->label);
		set_optional(o, "fqdn", r->name);
		set_optional(o, "address", r->value);
		set_optional(o, "public_address", r->nat);
		set_string(o, "network", r->network);
	}
	set_message(o, "note", r->note);
	for (size_t i = 0; i < r->n_sources; i++) {
		const struct catalog_source *s = r->sources[i];
		json_t *src = json_object();
		set_string(src, "article", s->article);
		set_string(src, "table", s->table);
		set_string(src, "url", s->url);
		set_optional(src, "seed", s->file);
		set_optional(src, "section", s->section);
		json_array_append_new(sources, src);
	}
	json_object_set_new(o, "sources", sources);
	return o;
}

struct json_out {
	FILE *out;
	int error;
};

static bool put_raw(struct json_out *jo, const char *s)
{
	errno = 0;
	if (fputs(s, jo->out) == EOF && !jo->error)
		jo->error = errno ? errno : EIO;
	return !jo->error;
}

/* Encodes value (which it frees) after the text before. */
static bool put_value(struct json_out *jo, const char *before, json_t *value)
{
	bool ok = put_raw(jo, before);

	errno = 0;
	if (ok && json_dumpf(value, jo->out, JSON_COMPACT) != 0 &&
	    !jo->error)
		jo->error = errno ? errno : EIO;
	json_decref(value);
	return !jo->error;
}

static bool put_table(struct json_out *jo, const struct report_flows *t, bool first)
{
	json_t *head = json_pack("{s:s, s:s}", "name", t->key, "title", _(t->title));
	char *text = head ? json_dumps(head, JSON_COMPACT) : NULL;
	bool ok;

	json_decref(head);
	if (!text)
		return false;
	/* the table's members, then its rows one by one, then the closing */
	text[strlen(text) - 1] = '\0';
	ok = put_raw(jo, first ? "\n" : ",\n") && put_raw(jo, text) && put_raw(jo, ",\"rows\":[");
	free(text);
	for (size_t r = 0; ok && r < t->n_records; r++)
		ok = put_value(jo, r ? ",\n" : "\n", record_json(t->kind, &t->records[r]));
	for (size_t r = 0; ok && r < t->n_flows; r++)
		ok = put_value(jo, r ? ",\n" : "\n", flow_json(&t->flows[r]));
	return ok && put_raw(jo, "]}");
}

static enum uc_status export_json_write(const struct report *report,
					const struct export_options *opts, FILE *out,
					struct uc_error *err)
{
	struct json_out jo = {.out = out};
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
		ok = put_table(&jo, &report->tables[k], first);
		first = false;
	}
	if (ok)
		ok = put_raw(&jo, "\n]}\n");
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
    .write = export_json_write,
};
