/* dirty.h: whether a plan differs from its saved copy, without comparing
 * the two on every frame.
 *
 * The planner shows "[modified]" in every frame and asks before quitting;
 * comparing a 5,000-site plan with its saved copy each time cost more than
 * drawing.  The answer is computed when first asked after a change and kept
 * until the next one.  A change is a new generation number (the planner
 * bumps one on every edit); replacing the saved copy (save, open, discard)
 * calls dirty_forget().  The answer is still the full comparison, so an
 * edit undone by hand (a value changed and changed back) is clean again. */
#ifndef UCPLAN_DIRTY_H
#define UCPLAN_DIRTY_H

#include <stdbool.h>

#include "ucplan/model.h"

struct dirty_state {
	unsigned gen; /* generation the answer is for */
	bool known;   /* false until asked, and after dirty_forget() */
	bool dirty;
};

/* True when plan differs from saved (both borrowed; saved NULL means never
 * saved: dirty; plan NULL: clean).  gen is the caller's generation of plan:
 * the comparison runs only when gen differs from the last call's, or after
 * dirty_forget(). */
bool dirty_check(struct dirty_state *d, const struct plan *plan, const struct plan *saved,
		 unsigned gen);
/* The saved copy or the plan was replaced: the next dirty_check compares. */
void dirty_forget(struct dirty_state *d);

#endif
