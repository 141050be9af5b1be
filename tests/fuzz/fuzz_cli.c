/* fuzz_cli.c: libFuzzer harness for the command line.
 *
 * The input is split on NUL bytes into argument words after "ucplan".
 * Parsing must never crash, must give the same answer twice (getopt keeps
 * global state), and a report or check with topology options must apply
 * to the default plan and go through validation and the rules engine. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ucplan/catalog.h"
#include "ucplan/cli.h"
#include "ucplan/model.h"
#include "ucplan/report.h"

/* More words than any sensible command line; keeps each run short. */
#define MAX_WORDS 64

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct catalog *catalog; /* reachable until exit */

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	struct uc_error err = {0};

	(void)argc;
	(void)argv;
	if (catalog_load_default(&catalog, &err) != UC_OK) {
		fprintf(stderr, "fuzz_cli: %s: %s (set UCPLAN_DATADIR)\n", err.file, err.message);
		exit(1);
	}
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = malloc(size + 1);
	char *argv[MAX_WORDS + 2];
	int argc = 0;
	struct cli_options o, again;
	struct uc_error err = {0};
	enum uc_status s;

	if (!text)
		return 0;
	memcpy(text, data, size);
	text[size] = '\0';
	argv[argc++] = "ucplan";
	for (size_t i = 0; i < size && argc <= MAX_WORDS; i += strlen(text + i) + 1)
		argv[argc++] = text + i;
	argv[argc] = NULL;

	s = cli_parse(argc, argv, &o, &err);
	if (s != UC_OK && (s != UC_ERR_USAGE || !err.message[0]))
		abort(); /* only usage errors, always with a sentence */
	if (cli_parse(argc, argv, &again, NULL) != s ||
	    (s == UC_OK && memcmp(&o, &again, sizeof o) != 0))
		abort(); /* a second parse must agree */
	if (s == UC_OK && (o.command == CLI_REPORT || o.command == CLI_CHECK) &&
	    cli_topology_given(&o.topo)) {
		struct plan *plan = plan_new_default();
		struct findings f = {0};

		cli_apply_topology(plan, &o.topo);
		plan_validate(plan, &f);
		findings_free(&f);
		report_free(report_build(plan, catalog));
		plan_free(plan);
	}
	free(text);
	return 0;
}
