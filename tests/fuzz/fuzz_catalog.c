/* fuzz_catalog.c: libFuzzer harness for the rules catalog.
 *
 * The catalog ships with ucplan, but a damaged or edited one must still be
 * refused cleanly, and one that loads must drive the rules engine without
 * a crash: its conditions, endpoints and port symbols are data. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ucplan/catalog.h"
#include "ucplan/fileio.h"
#include "ucplan/model.h"
#include "ucplan/planfile.h"
#include "ucplan/report.h"

#define NAME "fuzz-catalog.xml"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Reachable until exit, so LeakSanitizer does not count them. */
static char *schema;
static struct plan *plans[2];

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	struct uc_error err = {0};
	char *path;

	(void)argc;
	(void)argv;
	schema = uc_data_path("catalog.rng");
	/* A plan that uses nearly everything, and the default one. */
	path = uc_data_path("examples/two-sites.xml");
	if (planfile_load(path, &plans[0], &err) != UC_OK) {
		fprintf(stderr, "fuzz_catalog: %s: %s (set UCPLAN_DATADIR)\n", err.file,
			err.message);
		exit(1);
	}
	free(path);
	plans[1] = plan_new_default();
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct uc_error err = {0};
	struct catalog *c = NULL;
	enum uc_status s;

	s = catalog_load_memory((const char *)data, size, NAME, schema, &c, &err);
	if (s != UC_OK) {
		if (c || err.status != s || strcmp(err.file, NAME) != 0 || !err.message[0]) {
			fprintf(stderr, "bad refusal: status %d, file '%s', message '%s'\n", s,
				err.file, err.message);
			abort();
		}
		return 0;
	}
	for (size_t i = 0; i < sizeof plans / sizeof plans[0]; i++)
		report_free(report_build(plans[i], c));
	catalog_free(c);
	return 0;
}
