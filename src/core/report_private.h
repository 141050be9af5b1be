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

/* Builds the DNS, certificates and summary tables of report from the
 * catalog's shapes (records.c). */
void report_records_build(struct report *report, const struct plan *plan,
			  const struct catalog *catalog);

#endif
