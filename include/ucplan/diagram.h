/* diagram.h: the plan as a picture, built from the structured report.
 *
 * A diagram is made of boxes standing in networks (the internet, the
 * perimeter between the external and the internal firewall, the internal
 * network, the branch sites) and of flows between boxes.  A box is a pool
 * with its VIP and members, the Edge with its interfaces and NAT, the
 * reverse proxy, Exchange UM..., or a special box without plan addresses
 * (the internet, clients, federated partners).  A flow aggregates every row
 * of the firewall table between the same two boxes in the same scope, with
 * its ports, so that a 20-server site stays readable.  Where each role
 * stands and which box it belongs to is decided in one table
 * (src/export/diagram.c).
 *
 * Nothing in a diagram is translated: labels are English msgids, rendered
 * in the language of the moment by the text and DOT writers.  No curses. */
#ifndef UCPLAN_DIAGRAM_H
#define UCPLAN_DIAGRAM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "ucplan/catalog.h"
#include "ucplan/report.h"
#include "ucplan/util.h"

/* The networks, in the order they are drawn (top to bottom). */
enum diagram_zone {
	DIAGRAM_INTERNET,
	DIAGRAM_PERIMETER,
	DIAGRAM_INTERNAL,
	DIAGRAM_BRANCH,
	DIAGRAM_ZONE_COUNT
};

/* One line of a box: a VIP, a server or an interface.  label is an English
 * msgid ("VIP", "Access") or NULL; any other field may be NULL.  Strings are
 * borrowed from the report. */
struct diagram_entry {
	const char *label;
	const char *fqdn;
	const char *address;
	const char *nat; /* the public address address is translated to */
};

struct diagram_box {
	const char *key;   /* stable machine key: "frontend", "edge", "internet"... */
	const char *label; /* English msgid of the box's title */
	enum diagram_zone zone;
	int site;          /* site index, -1 for a box of the whole plan */
	bool special;      /* no plan addresses: the internet, clients, partners */
	const char *name;  /* the pool's FQDN, or NULL (borrowed) */
	struct diagram_entry *entries;
	size_t n_entries;
};

/* Every row of one table between two boxes in one scope and site. */
struct diagram_flow {
	size_t from, to; /* indexes into diagram.boxes */
	enum catalog_table table;
	const char *scope; /* scope key: "external-firewall", "internal-firewall", ... */
	int site;          /* site of the rows, -1 for plan-wide rows */
	const char *const *rule_ids; /* each rule id once, in report order */
	size_t n_rule_ids;
	const struct report_flow *const *rows; /* the rows, borrowed from the report */
	size_t n_rows;
};

struct diagram {
	const struct report *report; /* borrowed */
	int site;                    /* as given to diagram_build */
	struct diagram_box *boxes;   /* by zone, then site, then role order */
	size_t n_boxes;
	struct diagram_flow *flows;  /* by scope (outside in), then report order */
	size_t n_flows;
	/* the firewalls the flows cross: true when some flow crosses them or
	 * the perimeter has a box */
	bool external_firewall, internal_firewall;
};

/* Builds the picture of one site (site >= 0; its flows and the plan-wide
 * ones) or of every site (site == -1) from report (borrowed: it must
 * outlive the diagram).  Returns NULL only when site is not a site of the
 * report (out of memory aborts, as every allocation of ucplan does).
 * Caller frees with diagram_free(). */
struct diagram *diagram_build(const struct report *report, int site);
void diagram_free(struct diagram *d);

/* The index of the site called name in report, or -1 when there is none. */
int diagram_site_find(const struct report *report, const char *name);

/* The ports of a flow, compact and sorted per transport, in the current
 * language: "TCP 443, 5061; UDP 3478, 50000-59999".  Appended to out. */
void diagram_flow_ports(const struct diagram_flow *flow, struct strbuf *out);

/* A spot of the text picture that stands for one aggregated flow between two boxes. */
struct diagram_link {
	size_t line;              /* 0-based line of the picture */
	size_t column, width;     /* in display columns */
	enum catalog_table table; /* the table whose rows it aggregates (usually firewall) */
	int site;                 /* the site of those rows, -1 for plan-wide */
	const char *const *rule_ids; /* the rule ids of the rows it stands for, each once */
	size_t n_rule_ids;
};

/* The picture as lines of UTF-8 text, in the current gettext language. */
struct diagram_text {
	char **lines;
	size_t n_lines;
	size_t width; /* display width of the widest line */
	struct diagram_link *links;
	size_t n_links;
};

/* Renders d with box-drawing characters (ascii: + - | only), laid out so
 * that no line is wider than max_width columns when the content allows (0:
 * no limit; 80 columns give a readable picture).  The networks are stacked
 * top to bottom, boxes wrap in rows, then the flows are listed with their
 * ports; each listed flow is a link.  Plan values are neutralized
 * (tw_neutralize).  rule_ids of the links are borrowed from d, which must
 * outlive the text.  Caller frees with diagram_text_free(). */
struct diagram_text *diagram_render_text(const struct diagram *d, bool ascii, size_t max_width);
void diagram_text_free(struct diagram_text *t);

/* Writes d as a Graphviz DOT graph in the current language: a cluster per
 * network, a node per box, the firewalls between the networks, an edge per
 * flow labelled with its ports.  Every plan value is escaped.  UC_ERR_IO
 * when writing to out failed. */
enum uc_status diagram_write_dot(const struct diagram *d, FILE *out, struct uc_error *err);

/* The Graphviz program that draws SVG and PNG: UCPLAN_DOT from the
 * environment, or "dot" from PATH.  Borrowed. */
const char *diagram_dot_program(void);

/* Writes d as format ("svg" or "png") by running diagram_dot_program() on
 * its DOT text (no shell; an argument vector), its output going to out's
 * file descriptor (out must have one).  Nothing reaches the terminal: what
 * the program says goes into err when it fails.  UC_ERR_TOOL (exit status
 * 4) when the program cannot be run (the message says how to install it)
 * or fails; UC_ERR_IO when the DOT text cannot be written. */
enum uc_status diagram_write_graphviz(const struct diagram *d, const char *format, FILE *out,
				      struct uc_error *err);

#endif
