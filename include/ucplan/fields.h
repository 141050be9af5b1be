/* fields.h: the machine columns of each table, one home for CSV and JSON.
 *
 * A field is a machine key, a translated header label and a function that
 * writes the flow's value as text.  Machine values (site, rule, scope,
 * roles, names, addresses, transport, ports) are never translated;
 * service, note and authentication are text for people and follow the
 * language; references are the public sources, in English as published. */
#ifndef UCPLAN_FIELDS_H
#define UCPLAN_FIELDS_H

#include <stdbool.h>
#include <stddef.h>

#include "ucplan/report.h"
#include "ucplan/util.h"

enum field_type {
	FIELD_TEXT,      /* a string */
	FIELD_PORT,      /* a port value: "any", "5061", "50000-59999" */
	FIELD_ADDRESSES, /* space-separated addresses: "vip:A", "A", "A=NAT" */
};

struct field {
	const char *key;   /* "destination_port" */
	const char *label; /* English msgid of the header */
	enum field_type type;
	/* Appends the flow's value to sb (nothing when it has none). */
	void (*put)(struct strbuf *sb, const struct report *report, const struct report_flow *f);
	/* FIELD_PORT: the port value itself, for typed formats */
	struct report_port (*port)(const struct report_flow *f);
	/* What the value depends on: flows with the same key have the same
	 * value, so a writer may render it once (the report shares endpoints,
	 * msgids and source lists among rows).  NULL: render every time. */
	const void *(*same)(const struct report *report, const struct report_flow *f);
	/* DNS, certificates, summary: appends the record's value instead (put,
	 * port and same are NULL) */
	void (*put_record)(struct strbuf *sb, const struct report *report,
			   const struct report_record *r);
	/* What a record's value depends on, as same for a flow (NULL: render
	 * every time) */
	const void *(*same_record)(const struct report_record *r);
	/* The key belongs to one site (an endpoint, the site's name): a writer
	 * that caches may forget it when the next site begins. */
	bool site_bound;
};

/* The fields of a table kind, in column order (static). */
const struct field *fields_of(enum catalog_table kind, size_t *n_fields);

/* Appends a port as a machine value: "any", "5061", "50000-59999". */
void fields_put_port(struct strbuf *sb, struct report_port port);

#endif
