/* tui.c: the interactive planner's entry point. */
#include "ucplan/tui.h"

#include <stdio.h>

#include "ucplan/i18n.h"

int tui_main(const char *plan_path)
{
	(void)plan_path;
	fputs(_("ucplan: the interactive planner is not part of this build yet; use "
		"'ucplan report' or 'ucplan check' (see 'ucplan --help')\n"),
	      stderr);
	return 2;
}
