/* bench: measures report building and each export for one plan.
 *
 *   bench PLAN [RUNS]
 *   bench --peak PLAN
 *
 * Prints one line: sites, rows, then for the build and for each exporter
 * (text, CSV, XML) the median wall time in milliseconds over RUNS runs
 * (default 9), rows per second and output bytes, then the peak resident
 * memory of the process.  With --peak it loads, builds and exports CSV once
 * and prints only the peak resident memory in KiB: what a user's run of
 * `ucplan report PLAN -f csv` needs.  Exports go to a stream that counts and discards
 * the bytes, so neither the disk nor a growing buffer is measured. */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include "ucplan/catalog.h"
#include "ucplan/export.h"
#include "ucplan/i18n.h"
#include "ucplan/planfile.h"
#include "ucplan/report.h"

static ssize_t count_write(void *cookie, const char *buf, size_t size)
{
	(void)buf;
	*(size_t *)cookie += size;
	return (ssize_t)size;
}

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

static double median(double *v, int n)
{
	qsort(v, (size_t)n, sizeof *v, compare_double);
	return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

static size_t total_rows(const struct report *r)
{
	size_t n = 0;

	for (unsigned k = 0; k < CATALOG_TABLE_COUNT; k++)
		n += r->tables[k].n_flows;
	return n;
}

int main(int argc, char **argv)
{
	const char *formats[] = {"text", "csv", "xml"};
	struct uc_error err = {0};
	struct catalog *catalog;
	struct plan *plan;
	struct report *r = NULL;
	struct rusage ru;
	double times[64], build_ms;
	int runs = argc > 2 ? atoi(argv[2]) : 9;
	size_t rows;

	if (argc == 3 && strcmp(argv[1], "--peak") == 0) {
		struct export_options eo;
		size_t len = 0;
		cookie_io_functions_t io = {.write = count_write};
		FILE *out = fopencookie(&len, "w", io);
		i18n_init("en");
		if (!out || planfile_load(argv[2], &plan, &err) != UC_OK ||
		    catalog_load_default(&catalog, &err) != UC_OK) {
			fprintf(stderr, "bench: %s:%d: %s\n", err.file, err.line, err.message);
			return 3;
		}
		r = report_build(plan, catalog);
		export_default_options(&eo);
		export_csv.write(r, &eo, out, &err);
		fclose(out);
		getrusage(RUSAGE_SELF, &ru);
		printf("%ld\n", ru.ru_maxrss);
		report_free(r);
		catalog_free(catalog);
		plan_free(plan);
		return 0;
	}
	if (argc < 2 || runs < 1 || runs > 64) {
		fprintf(stderr, "usage: bench PLAN [RUNS (1-64)]\n");
		return 2;
	}
	i18n_init("en");
	if (planfile_load(argv[1], &plan, &err) != UC_OK ||
	    catalog_load_default(&catalog, &err) != UC_OK) {
		fprintf(stderr, "bench: %s:%d: %s\n", err.file, err.line, err.message);
		return 3;
	}
	for (int i = 0; i < runs; i++) {
		double t0 = now_ms();
		report_free(r);
		r = report_build(plan, catalog);
		times[i] = now_ms() - t0;
	}
	build_ms = median(times, runs);
	rows = total_rows(r);
	printf("%zu %zu %.2f %.0f", plan->n_sites, rows, build_ms,
	       build_ms > 0 ? (double)rows / build_ms * 1e3 : 0);
	for (size_t f = 0; f < sizeof formats / sizeof formats[0]; f++) {
		const struct exporter *ex = export_find(formats[f]);
		struct export_options eo;
		size_t bytes = 0;
		export_default_options(&eo);
		for (int i = 0; i < runs; i++) {
			size_t len = 0;
			cookie_io_functions_t io = {.write = count_write};
			FILE *out = fopencookie(&len, "w", io);
			double t0;
			/* a large buffer, as a regular file would have */
			setvbuf(out, NULL, _IOFBF, 1 << 16);
			t0 = now_ms();
			if (ex->write(r, &eo, out, &err) != UC_OK) {
				fprintf(stderr, "bench: %s export failed: %s\n", formats[f],
					err.message);
				return 3;
			}
			fflush(out);
			times[i] = now_ms() - t0;
			fclose(out);
			bytes = len;
		}
		{
			double ms = median(times, runs);
			printf(" %.2f %.0f %zu", ms, ms > 0 ? (double)rows / ms * 1e3 : 0, bytes);
		}
	}
	getrusage(RUSAGE_SELF, &ru);
	printf(" %ld\n", ru.ru_maxrss);
	report_free(r);
	catalog_free(catalog);
	plan_free(plan);
	return 0;
}
