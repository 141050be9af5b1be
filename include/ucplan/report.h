/* report.h: the rules engine and its result, an immutable table snapshot.
 *
 * report_build() evaluates every catalog rule against the plan, expands the
 * symbolic endpoints into the plan's names and addresses, removes duplicate
 * rows and keeps a stable order (catalog order within a site, sites in plan
 * order).  The TUI views and every exporter read the same snapshot. */
#ifndef UCPLAN_REPORT_H
#define UCPLAN_REPORT_H

#include <stdbool.h>
#include <stddef.h>

#include "ucplan/catalog.h"
#include "ucplan/model.h"

struct report_column {
	const char *key;   /* machine key, e.g. "destination_port" */
	const char *label; /* English msgid; translate with _() when shown */
};

struct report_row {
	const char *rule_id; /* the catalog rule's stable id */
	const char *scope;   /* scope machine key */
	int site;            /* site index, -1 when the row is not tied to a site */
	const struct catalog_rule *rule; /* borrowed from the catalog, for details */
	const char **cells;  /* n_columns cells, UTF-8, already translated */
};

struct report_table {
	enum catalog_table kind;
	const char *key;   /* "firewall", "lb", "ipsec" */
	const char *title; /* English msgid */
	const struct report_column *columns;
	size_t n_columns;
	struct report_row *rows;
	size_t n_rows;
};

struct report {
	struct report_table tables[CATALOG_TABLE_COUNT];
	char *lang;     /* language the cells were translated into, "en", "es", ... */
	char *plan_name;
	/* private: storage for cells */
	struct report_arena *arena;
};

/* Builds the tables for plan from catalog, translating labels and notes into
 * the current gettext language.  Both arguments are borrowed; the report
 * keeps pointers into the catalog (rows[].rule), so the catalog must outlive
 * it.  Caller frees with report_free(). */
struct report *report_build(const struct plan *plan, const struct catalog *catalog);
void report_free(struct report *report);

/* True when the engine knows how to expand the endpoint id (the catalog
 * refuses endpoints the engine cannot place). */
bool report_endpoint_known(const char *id);

/* The columns of a table kind (static). */
const struct report_column *report_columns(enum catalog_table kind, size_t *n_columns);
/* Index of the column key in table, or -1. */
int report_column_index(const struct report_table *table, const char *key);

#endif
