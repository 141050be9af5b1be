/* diff.h: what changed between two reports (`ucplan diff OLD NEW`).
 *
 * A change request compares the report of the plan as it is with the report
 * of the plan as it will be.  Both are XML reports that `ucplan report -f
 * xml` wrote (format 2, data/report.rng).  They are loaded into a small
 * model that keeps machine values only: the `label` and `title` attributes
 * are translations, so the same plan reported in two languages compares
 * equal.
 *
 * Rows are paired by identity and the site by name.  The identity of a
 * flow row (firewall, lb, ipsec, programs) is its rule, the endpoints'
 * roles, transport and ports; of a DNS record its zone, type and name; of
 * a certificate its holder and subject; of a summary record its role and
 * FQDN.  Rows are paired first by that key including the site name, then
 * the rows left over by the key alone, in report order, so that a renamed
 * or reordered site pairs up; where several records share a key (a pool
 * name resolving to each member), those with the same value, use or
 * address pair first.  A pair whose other values differ is one change
 * listing its fields (a new address, target or SAN list), not a removal and
 * an addition.  Server lists and source lists are compared as sets, so
 * that reordering sites changes nothing; a SAN list is compared in order,
 * as a certificate has it.
 *
 * Loading is as safe as for plans (xmldoc.h): no network, no DTD, no
 * entities, a size limit, the schema, and errors naming the file and the
 * line.  Nothing here prints; the writers write only to the stream they are
 * given. */
#ifndef UCPLAN_DIFF_H
#define UCPLAN_DIFF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "ucplan/catalog.h"
#include "ucplan/util.h"

/* Largest report file accepted (a report grows by about 250 kB per site). */
#define DIFF_REPORT_MAX_SIZE (256u * 1024u * 1024u)

/* ---- the model of one report (all strings UTF-8, owned by the report) ---- */

/* A server of an endpoint; absent values are NULL, never "". */
struct diff_member {
	const char *fqdn;
	const char *address;
	const char *nat;
};

struct diff_endpoint {
	const char *role; /* catalog endpoint key: "frontend-pool", "any" */
	const char *pool; /* pool FQDN or NULL */
	const char *vip;  /* VIP or NULL */
	bool vip_only;
	const struct diff_member *members;
	size_t n_members;
};

/* A public source that documents a row; absent values are NULL. */
struct diff_source {
	const char *article;
	const char *table;
	const char *url;
	const char *seed;
	const char *section;
};

/* How a load balancer VIP is set up (lb rows): machine values as the
 * report has them ("source-address", "not-documented", "TCP 5061"). */
struct diff_lb_settings {
	const char *persistence;
	const char *idle_timeout;
	const char *health_monitor;
	const char *source_nat;
	const char *note; /* English msgid */
	const struct diff_source *sources;
	size_t n_sources;
};

/* A record of the DNS, certificates or summary table; absent values are
 * NULL.  Which fields a table fills is in the comments. */
struct diff_record {
	/* dns */
	const char *zone; /* "internal", "external" */
	const char *type; /* "A", "AAAA", "SRV", "CNAME" */
	const char *name;
	const char *value; /* address or target */
	const char *srv_port, *srv_priority, *srv_weight, *srv_ttl; /* SRV only */
	/* certificates */
	const char *assigned_to;
	const char *use; /* English msgid */
	const char *subject;
	const char *sans; /* the SAN entries in order, space-separated */
	const char *ca;	  /* "public", "internal" */
	const char *eku;  /* "server", "server-client" */
	/* summary */
	const char *role; /* English msgid */
	const char *fqdn;
	const char *address;
	const char *public_address;
	const char *network; /* "internal", "perimeter" */
};

/* A row of any table.  Flow tables (firewall, lb, ipsec, programs) fill
 * the endpoints, transport and ports; record tables (dns, certificates,
 * summary) fill record instead.  rule, site, note and sources are
 * common. */
struct diff_row {
	enum catalog_table table;
	const char *rule;  /* catalog rule id */
	const char *scope; /* scope key; NULL for records */
	const char *site;  /* the site's name, NULL for a plan-wide row */
	struct diff_endpoint from;
	struct diff_endpoint to;
	const char *transport;	      /* "TCP", "UDP", "UDP/TCP" */
	const char *source_port;      /* "any", "5061" or "50000-59999" */
	const char *destination_port; /* same */
	const char *service;	      /* English msgids, NULL when absent */
	const char *note;
	const char *authentication;
	const struct diff_source *sources;
	size_t n_sources;
	const struct diff_lb_settings *lb; /* lb rows that have settings; else NULL */
	const struct diff_record *record;  /* record tables; else NULL */
	int line; /* line of the <row> or <record> in the file */
};

struct diff_table {
	bool present; /* the file has this table (report -t may leave it out) */
	const struct diff_row *rows;
	size_t n_rows;
};

struct diff_report {
	const char *path; /* the name given to the loader, for messages */
	const char *lang; /* xml:lang of the file (display only) */
	const char *plan; /* plan name, or NULL */
	struct diff_table tables[CATALOG_TABLE_COUNT];
	/* private: storage for everything above */
	struct strpool *pool;
};

/* Loads the report at path.  On success *out receives a report the caller
 * frees with diff_free_report().  Errors, each naming path (and the line
 * where known) and saying what to do: UC_ERR_IO (cannot read; or the
 * schema cannot), UC_ERR_LIMIT, UC_ERR_PARSE (not XML), UC_ERR_SCHEMA (XML
 * but not a format-2 report, or a damaged one). */
enum uc_status diff_load_report(const char *path, struct diff_report **out, struct uc_error *err);
/* Same from size bytes of data; name (borrowed, copied) is used in messages. */
enum uc_status diff_load_report_memory(const char *data, size_t size, const char *name,
				       struct diff_report **out, struct uc_error *err);
/* Frees report and everything in it; NULL is ignored. */
void diff_free_report(struct diff_report *report);

/* ---- the differences, as data ------------------------------------------- */

enum diff_change { DIFF_ADDED, DIFF_REMOVED, DIFF_CHANGED };

/* One value that differs between a pair of rows. */
struct diff_field {
	const char *key;       /* machine key: "site", "destination_address", ... (static) */
	const char *label;     /* English msgid of the key for people (static) */
	const char *old_value; /* NULL when the old row has none */
	const char *new_value; /* NULL when the new row has none */
	/* The server (FQDN) the value belongs to when that name is the same in
	 * both rows, for people; NULL otherwise. */
	const char *member;
};

struct diff_entry {
	enum diff_change change;
	enum catalog_table table;
	const struct diff_row *old_row;	 /* NULL when added; borrowed from the old report */
	const struct diff_row *new_row;	 /* NULL when removed; borrowed from the new report */
	const struct diff_field *fields; /* DIFF_CHANGED only */
	size_t n_fields;
};

struct diff {
	const struct diff_report *old_report; /* borrowed */
	const struct diff_report *new_report; /* borrowed */
	/* Grouped by table (catalog order), then added, removed
	 * and changed; within each group in report order. */
	struct diff_entry *entries;
	size_t n_entries;
	size_t n_added, n_removed, n_changed;
	unsigned compared; /* CATALOG_TABLE_BIT set of the tables compared */
	/* tables asked for but present in one file only, so not compared */
	unsigned only_old, only_new;
	/* private: storage for fields and values */
	struct strpool *pool;
};

/* Compares the tables in the set tables (CATALOG_TABLE_BIT; 0 means all)
 * of the two reports.  Both are borrowed and must outlive the result, which
 * points into them; the caller frees it with diff_free(). */
struct diff *diff_compare(const struct diff_report *old_report,
			  const struct diff_report *new_report, unsigned tables);
void diff_free(struct diff *diff);

/* ---- rendering ------------------------------------------------------------ */

struct diff_options {
	char separator; /* CSV field separator: ',' or ';' */
	bool bom;	/* CSV: start with a UTF-8 byte-order mark */
	/* Text: role labels for people come from this catalog (borrowed); NULL
	 * or an unknown role shows the role key. */
	const struct catalog *catalog;
};

/* Defaults for the current language, as for reports (export.h). */
void diff_default_options(struct diff_options *opts);

/* A renderer.  Contract of write(): it writes the whole diff to out in the
 * current language (text) or with machine values (csv, json) and returns
 * UC_OK, or UC_ERR_IO when a write failed (err says so).  It does not close
 * out.  opts may be NULL (the defaults). */
struct diff_writer {
	const char *name; /* "text", "csv", "json" */
	enum uc_status (*write)(const struct diff *diff, const struct diff_options *opts, FILE *out,
				struct uc_error *err);
};

extern const struct diff_writer diff_text;
extern const struct diff_writer diff_csv;
extern const struct diff_writer diff_json;

/* The writer called name, or NULL. */
const struct diff_writer *diff_find_writer(const char *name);

/* Writes through a temporary file renamed into place when complete
 * (fileio.h); err names path on failure. */
enum uc_status diff_write_file(const struct diff_writer *writer, const struct diff *diff,
			       const struct diff_options *opts, const char *path,
			       struct uc_error *err);

#endif
