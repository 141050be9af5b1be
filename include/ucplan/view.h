/* view.h: a report rendered as tables of text for people, in the language
 * of the moment.
 *
 * The report (report.h) holds data; a view holds what a person reads: one
 * translated text cell per column, endpoints written with their names and
 * addresses ("Front End pool pool.dub.example.com (VIP 192.0.2.10;
 * 192.0.2.11, 192.0.2.12)"), "Any" translated.  The planner's tables, the
 * row detail and the text export read views; a language switch renders a
 * new view from the same report.  Machine formats (CSV, XML, JSON) render
 * from the report's data instead. */
#ifndef UCPLAN_VIEW_H
#define UCPLAN_VIEW_H

#include <stdbool.h>
#include <stddef.h>

#include "ucplan/report.h"
#include "ucplan/util.h"

/* How a narrow window may show a column (struct report_column.flags). */
enum {
	COLUMN_WHOLE = 1u << 0,	      /* never cut: ports, transport */
	COLUMN_PINNED = 1u << 1,      /* names the row: stays when scrolling sideways */
	COLUMN_SOURCE = 1u << 2,      /* the flow's source, shown compactly in tables */
	COLUMN_DESTINATION = 1u << 3, /* the flow's destination, likewise */
	COLUMN_SCOPE = 1u << 4,	      /* the scope, by its short name in tables */
};

/* A table's column.  Tables that set only key and label get the defaults:
 * cut with "…" when needed, lowest priority, no short header. */
struct report_column {
	const char *key;   /* machine key, e.g. "destination_port" */
	const char *label; /* English msgid; translate with _() when shown */
	/* A shorter header for narrow windows: "column\004Dst port" (context
	 * and msgid joined as the catalog stores them; view_column_label()
	 * translates it), or NULL. */
	const char *short_label;
	unsigned flags; /* COLUMN_* */
	int priority;	/* the columns a narrow window keeps: higher first */
};

struct report_row {
	const char *rule_id;             /* the catalog rule's stable id */
	const char *scope;               /* scope machine key */
	int site;                        /* site index, -1 when not tied to a site */
	const struct catalog_rule *rule; /* borrowed from the catalog, for details */
	const char **cells;              /* n_columns cells, UTF-8, translated */
	const struct report_flow *flow;  /* borrowed from the report; NULL for a record */
	const struct report_record *record; /* DNS, certificates, summary; else NULL */
};

struct report_table {
	enum catalog_table kind;
	const char *key;   /* "firewall", "lb", "ipsec", "programs", "dns",
			    * "certificates", "summary" */
	const char *title; /* English msgid */
	const struct report_column *columns;
	size_t n_columns;
	struct report_row *rows;
	size_t n_rows;
};

struct report_view {
	struct report_table tables[CATALOG_TABLE_COUNT];
	char *lang; /* language the cells were rendered in, "en", "es", ... */
	char *plan_name;
	/* private: storage for cells */
	struct view_store *store;
};

/* Renders every table of report in the current gettext language.  report
 * is borrowed and must outlive the view.  Caller frees with
 * report_view_free(). */
struct report_view *report_view_build(const struct report *report);
void report_view_free(struct report_view *view);

/* One row at a time, for writers that stream a large report instead of
 * holding a view of it: the cells of flow in a table of kind, in the
 * current language, valid until the next call (the strings themselves until
 * view_renderer_free; a value shared by many rows is rendered once). */
struct view_renderer;
struct view_renderer *view_renderer_new(void);
const char *const *view_render_row(struct view_renderer *vr, enum catalog_table kind,
				   const struct report_flow *flow);
/* The same for a record of the DNS, certificates or summary table. */
const char *const *view_render_record(struct view_renderer *vr, enum catalog_table kind,
				      const struct report_record *record);
/* Forgets every cell rendered so far, and the values they were rendered
 * from (a streamed report's part that is gone): the cells it gave are
 * invalid afterwards. */
void view_renderer_clear(struct view_renderer *vr);
void view_renderer_free(struct view_renderer *vr);

/* The columns of a table kind (static). */
const struct report_column *report_columns(enum catalog_table kind, size_t *n_columns);
/* Index of the column key in table, or -1. */
int report_column_index(const struct report_table *table, const char *key);

/* The translated header of a column: its full label, or its short one when
 * brief and it has one (static or catalog storage). */
const char *view_column_label(const struct report_column *column, bool brief);

/* Appends to sb, in the current language, an endpoint in a few words for a
 * table cell: the pool with its VIP and its number of servers, one server's
 * name, or the role ("Front End Servers (3 servers)"); the addresses are in
 * view_put_endpoint(). */
void view_put_endpoint_brief(struct strbuf *sb, const struct report_endpoint *e);

/* Appends to sb, in the current language: an endpoint as a person reads it;
 * a port ("Any", "5061", "50000-59999"); the flow's sources (article, table
 * and address of each, "; "-separated). */
void view_put_endpoint(struct strbuf *sb, const struct report_endpoint *e);
void view_put_port(struct strbuf *sb, struct report_port port);
void view_put_sources(struct strbuf *sb, const struct report_flow *flow);
/* The same for any list of sources (a record's). */
void view_put_source_list(struct strbuf *sb, const struct catalog_source *const *sources,
			  size_t n_sources);
/* The msgid of a record's machine key (zone, network, CA, EKU): "Internal",
 * "Perimeter", "Public", "Server authentication"; the key itself when it
 * has none (static). */
const char *view_record_key_msgid(const char *key);
/* One source: "Article — Table <address>". */
void view_put_source(struct strbuf *sb, const struct catalog_source *source);

/* The settings of a load balancer VIP (catalog.h) as a person reads them,
 * in the current language: persistence ("Source address", "None"), the TCP
 * idle timeout in seconds ("1800"), the health monitor on each member
 * ("TCP 5061") and source NAT ("Allowed", "Not allowed"); "Not
 * documented" where Microsoft gives nothing, and for a NULL profile. */
enum view_lb_setting { VIEW_LB_PERSISTENCE, VIEW_LB_IDLE_TIMEOUT, VIEW_LB_MONITOR, VIEW_LB_SOURCE_NAT };
void view_put_lb_setting(struct strbuf *sb, const struct catalog_lb_profile *lb,
			 enum view_lb_setting which);
/* An lb row's sources: the flow's, then those of its VIP's settings, each
 * article and table once. */
void view_put_lb_sources(struct strbuf *sb, const struct report_flow *flow);

#endif
