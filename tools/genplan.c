/* genplan: writes a deterministic synthetic plan of N sites for the
 * benchmark.  Every site has an Enterprise Edition Front End pool; a
 * repeating pattern adds Directors, Mediation, Edges of every topology,
 * reverse proxies, Exchange UM and the other roles, so that the plan
 * exercises the whole catalog at scale.
 *
 *   genplan SITES OUTPUT.xml */
#include <stdio.h>
#include <stdlib.h>

#include "ucplan/model.h"
#include "ucplan/planfile.h"

int main(int argc, char **argv)
{
	struct uc_error err = {0};
	struct plan *plan;
	char *end;
	long sites;

	if (argc != 3 || (sites = strtol(argv[1], &end, 10)) < 1 || *end || sites > PLAN_MAX_SITES) {
		fprintf(stderr, "usage: genplan SITES OUTPUT.xml (1 <= SITES <= %d)\n",
			PLAN_MAX_SITES);
		return 2;
	}
	plan = plan_new_default();
	plan->name = (free(plan->name), xasprintf("Benchmark %ld sites", sites));
	plan->federation = FEDERATION_SIP | FEDERATION_XMPP;
	plan->ipsec = true;
	for (long i = 1; i < sites; i++) {
		char name[32];
		snprintf(name, sizeof name, "Site %ld", i + 1);
		plan_add_site(plan, name);
	}
	for (size_t i = 0; i < plan->n_sites; i++) {
		static const enum edge_topology edges[] = {EDGE_SCALED_DNS, EDGE_NONE, EDGE_SINGLE,
							   EDGE_NONE, EDGE_SCALED_HLB};
		enum edge_topology edge = edges[i % 5];
		plan_set_frontend_count(plan, i, 2 + i % 3);
		plan_set_pool_lb(plan, i, i % 4 == 3 ? POOL_LB_HARDWARE : POOL_LB_DNS);
		if (edge != EDGE_NONE) {
			plan_set_director(plan, i, true, 2);
			plan_set_edge(plan, i, edge, i % 10 == 0 ? EDGE_ADDR_NAT : EDGE_ADDR_PUBLIC,
				      edge == EDGE_SINGLE ? 1 : 2);
			plan_set_reverse_proxy(plan, i, true);
		}
		plan_set_mediation(plan, i, i % 2 ? MEDIATION_COLLOCATED : MEDIATION_STANDALONE,
				   2, 1);
		if (i % 3 == 0)
			plan_set_um(plan, i, i % 2 ? UM_TLS : UM_DUAL, 1);
		if (i % 7 == 0)
			plan_set_persistent_chat(plan, i, true);
		if (i % 4 == 0)
			plan_set_office_web_apps(plan, i, true);
	}
	plan_fill_defaults(plan);
	if (planfile_save(plan, argv[2], &err) != UC_OK) {
		fprintf(stderr, "genplan: %s: %s\n", err.file, err.message);
		plan_free(plan);
		return 3;
	}
	plan_free(plan);
	return 0;
}
