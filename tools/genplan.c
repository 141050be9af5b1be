/* genplan: writes a deterministic synthetic plan of N sites for the
 * benchmark: one site in ten is a data centre (Enterprise pool, Director,
 * an Edge of each topology in turn, reverse proxy, stand-alone Mediation,
 * Exchange UM, Office Web Apps, Persistent Chat), the others regional
 * sites with a Standard Edition server; so the plan exercises the whole
 * catalog at scale.
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
		/* One site in ten is a data centre with everything; the others
		 * are regional sites with a Standard Edition server, collocated
		 * Mediation and one PSTN gateway, as large estates are built. */
		static const enum edge_topology edges[] = {EDGE_SCALED_DNS, EDGE_SINGLE,
							   EDGE_SCALED_HLB};
		size_t hub = i / 10;
		if (i % 10) {
			plan_set_edition(plan, i, EDITION_STANDARD);
			plan_set_mediation(plan, i, MEDIATION_COLLOCATED, 0, 1);
			continue;
		}
		plan_set_frontend_count(plan, i, 3 + hub % 4);
		plan_set_pool_lb(plan, i, hub % 2 ? POOL_LB_HARDWARE : POOL_LB_DNS);
		plan_set_director(plan, i, true, 2);
		plan_set_edge(plan, i, edges[hub % 3], hub % 6 == 0 ? EDGE_ADDR_NAT : EDGE_ADDR_PUBLIC,
			      edges[hub % 3] == EDGE_SINGLE ? 1 : 2);
		plan_set_reverse_proxy(plan, i, true);
		plan_set_mediation(plan, i, MEDIATION_STANDALONE, 2, 2);
		plan_set_um(plan, i, hub % 2 ? UM_TLS : UM_DUAL, 2);
		plan_set_persistent_chat(plan, i, hub % 3 == 0);
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
