/* bench_hostile: how long loading takes for the worst plan files near the
 * size limit.
 *
 *   bench_hostile [RUNS]
 *
 * Builds each hostile input in memory (the shapes that cost libxml2 the
 * most: many attributes, many elements, long values and texts, nesting,
 * UTF-16), just under PLANFILE_MAX_SIZE or at the limit the loader
 * enforces, and prints for each its size, the outcome (loaded, or the status
 * it was refused with) and the median time of planfile_load_memory() over
 * RUNS runs (default 5).  The promise in the README is that every one is
 * refused or loaded in well under a second. */
#define _GNU_SOURCE
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "ucplan/i18n.h"
#include "ucplan/planfile.h"
#include "ucplan/util.h"

static const char head[] = "<plan xmlns=\"urn:ucplan:plan:1\" version=\"1\" product=\"sfb2015\" "
			   "name=\"x\" sip-domain=\"example.com\">";
static const char tail[] = "</plan>";

static double now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static int compare_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

/* head, then unit repeated while it fits under the size limit (at most
 * max times), then tail. */
static void fill(struct strbuf *sb, const char *unit, size_t max)
{
	size_t room = PLANFILE_MAX_SIZE - strlen(head) - strlen(tail), n = room / strlen(unit);

	if (n > max)
		n = max;
	strbuf_reserve(sb, strlen(head) + n * strlen(unit) + strlen(tail));
	strbuf_puts(sb, head);
	for (size_t i = 0; i < n; i++)
		strbuf_puts(sb, unit);
	strbuf_puts(sb, tail);
}

/* One element with n attributes a0="0" a1="1" ... */
static char *element_with_attributes(const char *name, size_t n, size_t value_len)
{
	struct strbuf sb = {0};
	char *value = xmalloc(value_len + 1);

	memset(value, 'v', value_len);
	value[value_len] = '\0';
	strbuf_printf(&sb, "<%s", name);
	for (size_t i = 0; i < n; i++)
		strbuf_printf(&sb, " a%zu=\"%s\"", i, value);
	strbuf_puts(&sb, "/>");
	free(value);
	return strbuf_detach(&sb);
}

/* sb's text as UTF-16LE with a byte-order mark. */
static void to_utf16(struct strbuf *sb)
{
	struct strbuf out = {0};

	strbuf_reserve(&out, 2 * sb->len + 2);
	strbuf_add(&out, "\xff\xfe", 2);
	for (size_t i = 0; i < sb->len; i++) {
		char unit[2] = {sb->data[i], 0};
		strbuf_add(&out, unit, 2);
	}
	strbuf_free(sb);
	*sb = out;
}

static void run_case(const char *label, struct strbuf *sb, int runs)
{
	double *ms = xcalloc((size_t)runs, sizeof *ms);
	enum uc_status status = UC_OK;

	for (int i = 0; i < runs; i++) {
		struct uc_error err = {0};
		struct plan *plan = NULL;
		double start = now_ms();

		status = planfile_load_memory(sb->data, sb->len, label, &plan, &err);
		ms[i] = now_ms() - start;
		plan_free(plan);
	}
	qsort(ms, (size_t)runs, sizeof *ms, compare_double);
	printf("%-34s %10zu  %-10s %9.1f\n", label, sb->len,
	       status == UC_OK ? "loaded" : status == UC_ERR_LIMIT ? "limit"
				       : status == UC_ERR_SCHEMA  ? "schema"
				       : status == UC_ERR_PARSE	  ? "parse"
								  : "refused",
	       ms[runs / 2]);
	free(ms);
	strbuf_free(sb);
}

int main(int argc, char **argv)
{
	int runs = argc > 1 ? atoi(argv[1]) : 5;
	struct strbuf sb = {0};
	char *unit;

	if (runs < 1)
		runs = 1;
	i18n_init("en");
	if (!getenv("UCPLAN_DATADIR"))
		setenv("UCPLAN_DATADIR", "data", 1);
	printf("%-34s %10s  %-10s %9s\n", "input", "bytes", "outcome", "ms");

	/* The reported attack: one element, as many attributes as fit. */
	strbuf_puts(&sb, head);
	strbuf_puts(&sb, "<site");
	for (size_t i = 0; sb.len < PLANFILE_MAX_SIZE - 64; i++)
		strbuf_printf(&sb, " a%zu=\"v\"", i);
	strbuf_puts(&sb, "/>");
	strbuf_puts(&sb, tail);
	run_case("one element, 1.2M attributes", &sb, runs);

	/* Every element at the attribute limit, up to the total limit. */
	unit = element_with_attributes("site", 32, 8);
	fill(&sb, unit, 199990 / 32);
	run_case("32 attributes per element", &sb, runs);
	fill(&sb, unit, 199990 / 32);
	to_utf16(&sb);
	run_case("the same in UTF-16", &sb, runs);
	free(unit);

	/* Values at their length limit. */
	unit = element_with_attributes("site", 32, 4096);
	fill(&sb, unit, SIZE_MAX);
	run_case("32 values of 4096 per element", &sb, runs);
	free(unit);

	/* Elements at the limit, each a schema error. */
	fill(&sb, "<site name=\"s\"/>", 99990);
	run_case("100,000 invalid sites", &sb, runs);

	/* A valid plan as large as the limits allow. */
	{
		struct strbuf site = {0};
		strbuf_puts(&site, "<site name=\"S\" cms=\"true\"><frontend edition=\"enterprise\" "
				   "lb=\"dns\" fqdn=\"pool.example.com\">");
		for (int i = 0; i < 60; i++)
			strbuf_printf(&site, "<server fqdn=\"fe%02d.example.com\" "
					     "address=\"192.0.2.%d\"/>",
				      i, i + 10);
		strbuf_puts(&site, "</frontend></site>");
		fill(&sb, site.data, 1550);
		run_case("1,550 sites of 60 servers", &sb, runs);
		strbuf_free(&site);
	}

	/* Texts at their limit, made of entity references. */
	{
		struct strbuf text = {0};
		strbuf_puts(&text, "<site>");
		for (int i = 0; i < 65536 / 5; i++)
			strbuf_puts(&text, "&amp;");
		strbuf_puts(&text, "</site>");
		fill(&sb, text.data, SIZE_MAX);
		run_case("texts of 13,107 entities", &sb, runs);
		strbuf_free(&text);
	}

	/* Nesting at the depth limit, again and again. */
	fill(&sb,
	     "<a><a><a><a><a><a><a><a><a><a><a><a><a><a><a>"
	     "</a></a></a></a></a></a></a></a></a></a></a></a></a></a></a>",
	     99990 / 15);
	run_case("15 levels deep, repeated", &sb, runs);

	/* One comment filling the file. */
	strbuf_puts(&sb, head);
	strbuf_puts(&sb, "<!--");
	while (sb.len < PLANFILE_MAX_SIZE - 64)
		strbuf_puts(&sb, "comment comment comment comment ");
	strbuf_puts(&sb, "-->");
	strbuf_puts(&sb, tail);
	run_case("one 16 MiB comment", &sb, runs);
	return 0;
}
