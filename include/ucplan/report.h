/* report.h: the rules engine and its result, an immutable snapshot of data.
 *
 * report_build() evaluates every catalog rule against the plan, expands the
 * symbolic endpoints into the plan's pools, VIPs, servers and addresses,
 * removes duplicate flows and keeps a stable order (catalog order within a
 * site, sites in plan order).  Nothing in a report is translated or
 * formatted: labels, notes and services are English msgids, ports are
 * numbers.  Every front end renders from the same report in the language of
 * the moment (view.h for tables of text, the exporters for files). */
#ifndef UCPLAN_REPORT_H
#define UCPLAN_REPORT_H

#include <stdbool.h>
#include <stddef.h>

#include "ucplan/catalog.h"
#include "ucplan/model.h"

/* A port value: any port, one port, or a range first-last. */
enum report_port_kind { REPORT_PORT_ANY, REPORT_PORT_SINGLE, REPORT_PORT_RANGE };

struct report_port {
	enum report_port_kind kind;
	unsigned first; /* SINGLE and RANGE */
	unsigned last;  /* RANGE; equal to first for SINGLE */
};

/* One server of an endpoint: its name, its address and, for an Edge
 * interface behind NAT, the public address it is translated to.  Any field
 * may be NULL (a file share has a name and no address). */
struct report_member {
	const char *fqdn;
	const char *address;
	const char *nat;
};

/* What a symbolic endpoint became for one site. */
struct report_endpoint {
	const char *role;  /* the catalog endpoint id: "frontend-pool", "any", ... */
	const char *label; /* English msgid of the role ("Front End pool") */
	bool special;      /* any, clients, partners...: no plan addresses */
	const char *pool;  /* pool FQDN, or NULL */
	/* The VIP: for a VIP endpoint the address itself (vip_only); for a pool
	 * entered through its load balancer the VIP before the members. */
	const char *vip;
	bool vip_only;
	const struct report_member *members;
	size_t n_members;
};

/* One row: a flow (firewall, IPsec), a load balanced port (lb: source is
 * the pool, destination its VIP) or a program rule (programs: destination
 * is the servers, service the rule's name). */
struct report_flow {
	const struct catalog_rule *rule; /* borrowed from the catalog */
	const char *rule_id;             /* rule->id */
	const char *scope;               /* scope key */
	int site;                        /* site index, -1 when not tied to a site */
	const struct report_endpoint *source;
	const struct report_endpoint *destination;
	const char *transport; /* "TCP", "UDP", "UDP/TCP" */
	struct report_port source_port;
	struct report_port destination_port;
	const char *service;        /* English msgid, may be "" */
	const char *note;           /* English msgid */
	const char *authentication; /* IPsec: English msgid; else NULL */
	/* the sources that document the flow for this plan, each once; a flow
	 * stated by two rules names the sources of both */
	const struct catalog_source *const *sources;
	size_t n_sources;
};

/* One row of the DNS, certificates or summary table: a record made from a
 * catalog shape for one site.  Fields a table does not use are NULL or 0.
 * Names and addresses are copies owned by the report; zone, type, ca, eku
 * and network are machine keys; label and note are English msgids. */
struct report_record {
	const struct catalog_rule *rule; /* the shape, borrowed from the catalog */
	const char *rule_id;             /* rule->id */
	int site;                        /* site index */
	/* dns */
	const char *zone;  /* "internal", "external" */
	const char *type;  /* "A", "AAAA", "SRV", "CNAME" */
	const char *name;  /* dns: the record's name; certificates: the subject
			    * name; summary: the FQDN */
	const char *value; /* dns: the address or target; summary: the address */
	unsigned port, priority, weight, ttl; /* SRV only; 0 elsewhere */
	/* certificates */
	const char *holder; /* the server or pool it is assigned to */
	const char *ca;     /* "public", "internal" */
	const char *eku;    /* "server", "server-client" */
	const char *const *sans; /* subject alternative names, in order */
	size_t n_sans;
	/* summary */
	const char *nat;     /* the public address the NAT translates value to */
	const char *network; /* "internal", "perimeter" */
	/* certificates: what it is assigned to; summary: the role */
	const char *label;
	const char *note;
	const struct catalog_source *const *sources;
	size_t n_sources;
};

struct report_flows {
	enum catalog_table kind;
	const char *key;   /* "firewall", "lb", "ipsec", "programs", "dns", ... */
	const char *title; /* English msgid */
	struct report_flow *flows;
	size_t n_flows;
	/* DNS, certificates, summary (CATALOG_IS_RECORDS): records, no flows */
	struct report_record *records;
	size_t n_records;
};

struct report_stream;

struct report {
	struct report_flows tables[CATALOG_TABLE_COUNT];
	char *plan_name;
	char **site_names; /* n_sites, copies of the plan's site names */
	size_t n_sites;
	/* private: storage for endpoints, members, strings and source lists */
	struct strpool *strings;
	/* private: set for a streamed report (report_stream_open) */
	struct report_stream *stream;
};

/* Builds the report for plan from catalog.  Both arguments are borrowed;
 * the report keeps pointers into the catalog (rules, sources, msgids) and
 * copies what it needs of the plan, so the catalog must outlive it and the
 * plan may change or go.  Caller frees with report_free(). */
struct report *report_build(const struct plan *plan, const struct catalog *catalog);
void report_free(struct report *report);

/* A streamed report: the same rows as report_build() gives, made a few
 * sites at a time as a writer goes through them with report_part_first()
 * and report_part_next(), so that a large plan is written in the memory of
 * a few sites.  Its tables hold no rows themselves: only a writer that
 * reads its rows through parts may be given one (struct exporter's
 * streams).  A part holds part_sites sites (0: a default, 128, a few
 * hundred kilobytes of rows).  plan and catalog are borrowed and must
 * outlive the report, unchanged.  Caller frees with report_free(). */
struct report *report_stream_open(const struct plan *plan, const struct catalog *catalog,
				  size_t part_sites);

/* A table's rows in parts, in order: for a built report the whole table at
 * once; for a streamed one a part of a few sites, made when asked for and
 * freed when the next is.  Sites never straddle two parts.  Rows and
 * endpoints of a part live until the next call (a writer forgets what it
 * keeps by their pointers); strings from the catalog and source lists
 * live as long as the report. */
struct report_part {
	const struct report *report;
	enum catalog_table kind;
	size_t next_site;      /* private */
	size_t wide_next;      /* private */
	struct report *built;  /* private: the part being read */
};

/* The first part of table kind of report (borrowed; valid until the next
 * call with part), or NULL when there is none. */
const struct report_flows *report_part_first(const struct report *report, enum catalog_table kind,
					     struct report_part *part);
/* The next part, or NULL after the last (which frees the last part). */
const struct report_flows *report_part_next(struct report_part *part);
/* Frees the part being read, for a writer that stops before the end. */
void report_part_end(struct report_part *part);

/* True when the engine knows how to expand the endpoint id (the catalog
 * refuses endpoints the engine cannot place). */
bool report_endpoint_known(const char *id);
/* True when the engine knows the name id of a DNS, certificate or summary
 * shape (frontend-pool, meet, member, ...). */
bool report_name_known(const char *id);

/* Equality of two port values. */
bool report_port_equal(struct report_port a, struct report_port b);

/* Rows of a table: flows or records, whichever its kind holds. */
size_t report_table_rows(const struct report_flows *table);

/* Site name of a flow, or NULL for a plan-wide flow (borrowed). */
const char *report_site_name(const struct report *report, int site);

#endif
