/* report_private.h: what the rules engine (report.c) shares with the
 * records builder (records.c).  Private to src/core/. */
#ifndef UCPLAN_REPORT_PRIVATE_H
#define UCPLAN_REPORT_PRIVATE_H

#include <stdbool.h>
#include <stddef.h>

#include "ucplan/report.h"

/* One member of an expanded endpoint (strings borrowed from the plan). */
struct expanded_member {
	const char *fqdn;
	const char *address;
	const char *nat;
};

/* An endpoint expanded for one site.  vip_only: the endpoint is a VIP and
 * vip holds it; fallback: a VIP endpoint of a pool without a VIP, shown as
 * its members.  members is reused from call to call (free with free()). */
struct expanded {
	const char *pool;
	const char *vip;
	bool vip_only;
	bool fallback;
	struct expanded_member *members;
	size_t n, cap;
};

/* Expands the endpoint id for site into out; false for an unknown id. */
bool report_expand(const char *id, const struct plan *plan, const struct site *site,
		   struct expanded *out);

/* The source lists of one report, each content once.  Rules and sites make
 * many lists with the same sources in the same order; kept as one pointer,
 * a renderer that renders a list once per pointer renders each distinct
 * list once. */
struct report_source_lists {
	struct source_list_slot *slots;
	size_t cap, count;
};

/* The list equal to list (n sources) already kept in lists, or list itself,
 * now kept; list is borrowed and must live as long as the report. */
const struct catalog_source *const *report_sources_intern(struct report_source_lists *lists,
							  const struct catalog_source *const *list,
							  size_t n);
void report_sources_free(struct report_source_lists *lists);

/* The plan the records are made from when plan lacks some names (one saved
 * before ucplan knew them): a copy with the placeholders the planner would
 * give (caller frees with plan_free()); NULL when plan itself will do. */
struct plan *report_records_plan(const struct plan *plan);

/* Adds to report the records of the tables in the tables bit set (DNS,
 * certificates, summary) for the sites [first, end) of plan, made from the
 * catalog's shapes (records.c); their source lists are allocated in
 * lists_pool and go through lists. */
void report_records_build(struct report *report, const struct plan *plan,
			  const struct catalog *catalog, struct report_source_lists *lists,
			  struct strpool *lists_pool, size_t first, size_t end, unsigned tables);

#endif
