/* tui.h: the interactive planner (ncursesw).  Only main.c and src/tui/
 * include this header. */
#ifndef UCPLAN_TUI_H
#define UCPLAN_TUI_H

/* Runs the planner, opening plan_path when not NULL.  Returns the process
 * exit code. */
int tui_main(const char *plan_path);

#endif
