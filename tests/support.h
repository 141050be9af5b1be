/* support.h: what the report tests share: the shipped catalog in English,
 * reports rendered as a person reads them, and cells by column key.
 * Included by one test program each; everything is static. */
#ifndef UCPLAN_TESTS_SUPPORT_H
#define UCPLAN_TESTS_SUPPORT_H

#include <locale.h>
#include <stdio.h>
#include <string.h>
#include <stdlib.h>

#include "ucplan/catalog.h"
#include "ucplan/i18n.h"
#include "ucplan/report.h"
#include "ucplan/view.h"

static struct catalog *catalog;

static int setup(void **state)
{
	struct uc_error err = {0};

	(void)state;
	setlocale(LC_ALL, "C.UTF-8");
	i18n_set_language("en");
	return catalog_load_default(&catalog, &err) == UC_OK ? 0 : -1;
}

static int teardown(void **state)
{
	(void)state;
	catalog_free(catalog);
	return 0;
}

/* A view and the report it renders, freed together by view_free(). */
struct owned_view {
	struct report_view *view;
	struct report *report;
	struct owned_view *next;
};
static struct owned_view *owned_views;

/* The plan's report with the shipped catalog, rendered in English. */
static struct report_view *view_of(const struct plan *plan)
{
	struct owned_view *o = calloc(1, sizeof *o);

	assert_non_null(o);
	o->report = report_build(plan, catalog);
	o->view = report_view_build(o->report);
	o->next = owned_views;
	owned_views = o;
	return o->view;
}

static void view_free(struct report_view *v)
{
	for (struct owned_view **p = &owned_views; *p; p = &(*p)->next)
		if ((*p)->view == v) {
			struct owned_view *o = *p;
			*p = o->next;
			report_view_free(o->view);
			report_free(o->report);
			free(o);
			return;
		}
}

static const char *cell(const struct report_table *t, size_t row, const char *key)
{
	int c = report_column_index(t, key);

	assert_true(c >= 0);
	return t->rows[row].cells[c];
}

/* A file of ../shared (or $UCPLAN_SHARED), NUL-terminated; NULL when
 * absent.  Caller frees. */
__attribute__((unused)) static char *shared_file(const char *relative)
{
	const char *root = getenv("UCPLAN_SHARED");
	char path[1024], buf[65536];
	char *data = NULL;
	size_t size = 0, n;
	FILE *f;

	snprintf(path, sizeof path, "%s/%s", root ? root : "../shared", relative);
	f = fopen(path, "rb");
	if (!f)
		return NULL;
	while ((n = fread(buf, 1, sizeof buf, f)) > 0) {
		data = xrealloc(data, size + n + 1);
		memcpy(data + size, buf, n);
		size += n;
		data[size] = '\0';
	}
	fclose(f);
	return data;
}

#endif
