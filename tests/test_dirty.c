/* test_dirty.c: the planner's "[modified]": once per change, same answers
 * as comparing the plan with its saved copy every time. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdlib.h>

#include "ucplan/dirty.h"
#include "ucplan/model.h"
#include "ucplan/util.h"

struct fixture {
	struct plan *plan, *saved;
	struct dirty_state d;
	unsigned gen;
};

static int setup(void **state)
{
	struct fixture *f = xcalloc(1, sizeof *f);

	f->plan = plan_new_default();
	f->saved = plan_clone(f->plan);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;

	plan_free(f->plan);
	plan_free(f->saved);
	free(f);
	return 0;
}

/* What the planner does on an edit: change the plan, bump the generation. */
static void rename_plan(struct fixture *f, const char *name)
{
	free(f->plan->name);
	f->plan->name = xstrdup(name);
	f->gen++;
}

static bool dirty(struct fixture *f)
{
	return dirty_check(&f->d, f->plan, f->saved, f->gen);
}

static void test_opened_plan_is_clean(void **state)
{
	struct fixture *f = *state;

	assert_false(dirty(f));
}

static void test_change_makes_dirty(void **state)
{
	struct fixture *f = *state;

	assert_false(dirty(f));
	rename_plan(f, "Changed");
	assert_true(dirty(f));
	assert_true(dirty(f));
}

/* A value changed and changed back is clean again, as with the full
 * comparison every frame. */
static void test_change_undone_is_clean(void **state)
{
	struct fixture *f = *state;
	char *old = xstrdup(f->plan->name);

	rename_plan(f, "Changed");
	assert_true(dirty(f));
	rename_plan(f, old);
	assert_false(dirty(f));
	free(old);
}

/* Save: the saved copy is replaced and the answer forgotten, without a new
 * generation. */
static void test_save_clears_dirty(void **state)
{
	struct fixture *f = *state;

	rename_plan(f, "Changed");
	assert_true(dirty(f));
	plan_free(f->saved);
	f->saved = plan_clone(f->plan);
	dirty_forget(&f->d);
	assert_false(dirty(f));
	rename_plan(f, "Changed again");
	assert_true(dirty(f));
}

/* Never saved (a new plan): dirty whatever happens; no plan: clean. */
static void test_never_saved_and_no_plan(void **state)
{
	struct fixture *f = *state;

	assert_true(dirty_check(&f->d, f->plan, NULL, f->gen));
	dirty_forget(&f->d);
	assert_false(dirty_check(&f->d, NULL, f->saved, f->gen));
	assert_false(dirty_check(&f->d, NULL, NULL, f->gen));
}

/* The comparison runs once per generation: a frame that asks again gets
 * the kept answer (shown by a change made without a new generation, which
 * the planner never does). */
static void test_compares_once_per_generation(void **state)
{
	struct fixture *f = *state;

	assert_false(dirty(f));
	free(f->plan->name);
	f->plan->name = xstrdup("Not announced");
	assert_false(dirty(f));
	f->gen++;
	assert_true(dirty(f));
}

/* The generation counter may wrap; a different number is all it takes. */
static void test_generation_wraps(void **state)
{
	struct fixture *f = *state;

	f->gen = ~0u;
	assert_false(dirty(f));
	rename_plan(f, "Changed");
	assert_int_equal(f->gen, 0);
	assert_true(dirty(f));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(test_opened_plan_is_clean, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_change_makes_dirty, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_change_undone_is_clean, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_save_clears_dirty, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_never_saved_and_no_plan, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_compares_once_per_generation, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_generation_wraps, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
