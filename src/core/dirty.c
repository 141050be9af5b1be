/* dirty.c: the comparison of a plan with its saved copy, once per change. */
#include "ucplan/dirty.h"

bool dirty_check(struct dirty_state *d, const struct plan *plan, const struct plan *saved,
		 unsigned gen)
{
	if (!plan)
		return false;
	if (!d->known || d->gen != gen) {
		d->dirty = !saved || !plan_equal(plan, saved);
		d->gen = gen;
		d->known = true;
	}
	return d->dirty;
}

void dirty_forget(struct dirty_state *d)
{
	d->known = false;
}
