/* save_plan.c: loads the plan FROM and saves it to TO with planfile_save,
 * the way the TUI saves, for tests/crash.sh (the CLI has no save).
 * Exit status: the CLI's (0 saved, 3 input or output error). */
#include <stdio.h>

#include "ucplan/model.h"
#include "ucplan/planfile.h"

int main(int argc, char **argv)
{
	struct uc_error err = {0};
	struct plan *plan = NULL;
	enum uc_status s;
	char msg[2048];

	if (argc != 3) {
		fprintf(stderr, "usage: save_plan FROM TO\n");
		return 2;
	}
	s = planfile_load(argv[1], &plan, &err);
	if (s == UC_OK)
		s = planfile_save(plan, argv[2], &err);
	plan_free(plan);
	if (s != UC_OK) {
		uc_error_format(&err, msg, sizeof msg);
		fprintf(stderr, "save_plan: %s\n", msg);
	}
	return uc_status_exit_code(s);
}
