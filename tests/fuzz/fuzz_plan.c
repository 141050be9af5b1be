/* fuzz_plan.c: libFuzzer harness for plan files from strangers.
 *
 * Every input must either load or be refused with a status and a message
 * that names the file.  A plan that loads must also survive what the tool
 * does next: validation, the rules engine, every exporter, the wizard and
 * the names list the TUI opens it in, and a save that reads back as the
 * same plan. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ucplan/catalog.h"
#include "ucplan/export.h"
#include "ucplan/model.h"
#include "ucplan/planfile.h"
#include "ucplan/report.h"
#include "ucplan/wizard.h"

#define NAME "fuzz-plan.xml"

int LLVMFuzzerInitialize(int *argc, char ***argv);
/* What the TUI does with a plan it opened: every page and field of the
 * wizard, the findings per page, the names and addresses of every site,
 * and a copy to compare against for unsaved changes. */
static void open_in_wizard(struct plan *plan)
{
	struct plan *copy = plan_clone(plan);
	struct wizard *w = wizard_new(plan);
	char buf[2048];

	if (!plan_equal(plan, copy))
		abort();
	for (size_t p = 0; p < wizard_page_count(w); p++) {
		struct findings f = {0};

		if (!wizard_goto(w, p))
			abort();
		for (size_t i = 0; i < wizard_page(w)->n_fields; i++) {
			(void)wizard_field_visible(w, i);
			wizard_field_get(w, i, buf, sizeof buf);
		}
		wizard_page_findings(w, &f);
		findings_free(&f);
	}
	for (size_t s = 0; s < plan->n_sites; s++) {
		struct address_entry *e = NULL;

		(void)wizard_addresses(plan, s, &e);
		free(e);
	}
	wizard_free(w);
	/* Reading must not have changed the plan. */
	if (!plan_equal(plan, copy))
		abort();
	plan_fill_defaults(copy);
	plan_free(copy);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Loaded once: reachable until exit, so LeakSanitizer does not count it. */
static struct catalog *catalog;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	struct uc_error err = {0};

	(void)argc;
	(void)argv;
	if (catalog_load_default(&catalog, &err) != UC_OK) {
		fprintf(stderr, "fuzz_plan: %s: %s (set UCPLAN_DATADIR)\n", err.file, err.message);
		exit(1);
	}
	return 0;
}

/* Writes the report in every format; output goes nowhere, failures
 * would be bugs (writing to memory cannot fail). */
static void export_all(const struct report *r)
{
	static const struct exporter *const formats[] = {&export_text, &export_csv, &export_xml,
							  &export_json};
	struct export_options eo;

	export_default_options(&eo);
	eo.width = 80;
	for (size_t i = 0; i < sizeof formats / sizeof formats[0]; i++) {
		char *buf = NULL;
		size_t len = 0;
		FILE *out = open_memstream(&buf, &len);
		struct uc_error err = {0};

		if (!out)
			abort();
		if (formats[i]->write(r, &eo, out, &err) != UC_OK)
			abort();
		fclose(out);
		free(buf);
	}
}

/* A plan that was serialized must read back as the same plan. */
static void round_trip(const struct plan *plan)
{
	struct uc_error err = {0};
	struct plan *again = NULL;
	char *text = NULL;
	size_t len = 0;

	if (planfile_serialize(plan, &text, &len, &err) != UC_OK) {
		free(text);
		return; /* refused text the file cannot hold: allowed */
	}
	if (planfile_load_memory(text, len, "round-trip.xml", &again, &err) != UC_OK) {
		fprintf(stderr, "round trip: %s:%d: %s\n%.*s\n", err.file, err.line, err.message,
			(int)len, text);
		abort();
	}
	if (!plan_equal(plan, again)) {
		fprintf(stderr, "round trip changed the plan:\n%.*s\n", (int)len, text);
		abort();
	}
	plan_free(again);
	free(text);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct uc_error err = {0};
	struct plan *plan = NULL;
	struct findings f = {0};
	struct report *r;
	enum uc_status s;

	s = planfile_load_memory((const char *)data, size, NAME, &plan, &err);
	if (s != UC_OK) {
		/* Refused: with a reason, naming the file, and nothing allocated. */
		if (plan || err.status != s || strcmp(err.file, NAME) != 0 || !err.message[0]) {
			fprintf(stderr, "bad refusal: status %d, file '%s', message '%s'\n", s,
				err.file, err.message);
			abort();
		}
		return 0;
	}
	plan_validate(plan, &f);
	findings_free(&f);
	r = report_build(plan, catalog);
	export_all(r);
	report_free(r);
	round_trip(plan);
	open_in_wizard(plan);
	plan_free(plan);
	return 0;
}
