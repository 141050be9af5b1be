/* bench: the measurements behind `make bench` (scripts/bench.sh).
 *
 *   bench run RUNS [-o FILE] COMMAND [ARGS...]
 *       Runs COMMAND RUNS times (standard output to FILE, truncated each
 *       time, or to /dev/null) and prints the median wall time in
 *       milliseconds from fork to exit, and the largest peak resident
 *       memory in KiB.  This is what a user waits for: process start,
 *       dynamic linking, the work, the file on disk, exit.
 *
 *   bench ratio RUNS FILE COPY COMMAND [ARGS...]
 *       Runs COMMAND, which writes FILE, then cat FILE into COPY, RUNS
 *       times in turn, and prints the median milliseconds of COMMAND, its
 *       largest peak resident memory in KiB, the median milliseconds of
 *       cat, and the median, smallest and largest of the pairs' ratios.
 *
 *   bench phases PLAN OUTPUT RUNS
 *       Does RUNS times, each time in a new process, what `ucplan report
 *       PLAN -f csv -o OUTPUT` does, and prints the median milliseconds of
 *       each phase:
 *       plan load, validation (findings written to /dev/null as the
 *       command writes them to stderr), catalog, build, render (the CSV
 *       into a stream that drops it) and write (the same bytes into OUTPUT
 *       through the command's crash-safe path: temporary file, fsync,
 *       rename);
 *       then sites, rows and output bytes.  Process start is not in it:
 *       scripts/bench.sh measures it as `ucplan --version`. */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "ucplan/catalog.h"
#include "ucplan/export.h"
#include "ucplan/fileio.h"
#include "ucplan/i18n.h"
#include "ucplan/planfile.h"
#include "ucplan/report.h"

enum { MAX_RUNS = 101 };
enum phase { PH_LOAD, PH_VALIDATE, PH_CATALOG, PH_BUILD, PH_RENDER, PH_WRITE, PH_COUNT };

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

static int parse_runs(const char *s)
{
	int runs = atoi(s);

	return runs >= 1 && runs <= MAX_RUNS ? runs : 0;
}

static int usage(void)
{
	fprintf(stderr,
		"usage: bench run RUNS [-o FILE] COMMAND [ARGS...]\n"
		"       bench ratio RUNS FILE COPY COMMAND [ARGS...]\n"
		"       bench phases PLAN OUTPUT RUNS\n"
		"(1 <= RUNS <= %d)\n",
		MAX_RUNS);
	return 2;
}

/* Runs argv once (standard output to out, or to /dev/null): its wall time
 * in milliseconds from fork to exit into *ms and its peak resident memory
 * in KiB into *rss.  3 when it could not run or did not exit with 0. */
static int time_command(const char *out, char **argv, double *ms, long *rss)
{
	struct rusage ru;
	int status;
	double t0 = now_ms();
	pid_t pid = fork();

	if (pid < 0) {
		perror("bench: fork");
		return 3;
	}
	if (pid == 0) {
		if (!freopen(out ? out : "/dev/null", "w", stdout) ||
		    !freopen("/dev/null", "w", stderr))
			_exit(127);
		execvp(argv[0], argv);
		_exit(127);
	}
	if (wait4(pid, &status, 0, &ru) != pid) {
		perror("bench: wait4");
		return 3;
	}
	*ms = now_ms() - t0;
	*rss = ru.ru_maxrss;
	/* ucplan report exits 0; findings are warnings only. */
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
		fprintf(stderr, "bench: %s failed (status %d)\n", argv[0], status);
		return 3;
	}
	return 0;
}

static int run_command(int runs, const char *out, char **argv)
{
	double times[MAX_RUNS];
	long peak = 0;

	for (int i = 0; i < runs; i++) {
		long rss;

		if (time_command(out, argv, &times[i], &rss))
			return 3;
		if (rss > peak)
			peak = rss;
	}
	printf("%.3f %ld\n", median(times, runs), peak);
	return 0;
}

/* Each run of argv (which writes file) is followed at once by cat writing
 * the same bytes into copy: the two see the same moment of a busy machine,
 * and each pair gives a ratio.  Prints the median milliseconds of the
 * command, its largest peak memory in KiB, the median milliseconds of cat,
 * and the median, smallest and largest ratio of the pairs. */
static int run_ratio(int runs, const char *file, const char *copy, char **argv)
{
	double times[MAX_RUNS], cats[MAX_RUNS], ratios[MAX_RUNS] = {0}, lo, hi;
	char *cat[] = {"cat", (char *)file, NULL};
	long peak = 0;

	for (int i = 0; i < runs; i++) {
		long rss, cat_rss;

		if (time_command(NULL, argv, &times[i], &rss) ||
		    time_command(copy, cat, &cats[i], &cat_rss))
			return 3;
		if (rss > peak)
			peak = rss;
		ratios[i] = times[i] / cats[i];
	}
	lo = hi = ratios[0];
	for (int i = 1; i < runs; i++) {
		if (ratios[i] < lo)
			lo = ratios[i];
		if (ratios[i] > hi)
			hi = ratios[i];
	}
	printf("%.3f %ld %.3f %.3f %.3f %.3f\n", median(times, runs), peak, median(cats, runs),
	       median(ratios, runs), lo, hi);
	return 0;
}

static ssize_t discard_write(void *cookie, const char *buf, size_t size)
{
	(void)cookie;
	(void)buf;
	return (ssize_t)size;
}

static size_t total_rows(const struct report *r)
{
	size_t n = 0;

	for (unsigned k = 0; k < CATALOG_TABLE_COUNT; k++)
		n += r->tables[k].n_flows;
	return n;
}

/* One run of the command's work; fills t[phase] in milliseconds. */
static int run_phases(const char *plan_path, const char *out_path, FILE *devnull, double *t,
		      size_t *sites, size_t *rows, size_t *bytes)
{
	const struct exporter *csv = export_find("csv");
	struct uc_error err = {0};
	struct export_options eo;
	struct catalog *catalog;
	struct atomic_file af;
	struct findings f;
	struct plan *plan;
	struct report *r;
	char *buf = NULL;
	size_t len = 0;
	FILE *mem, *sink;
	double t0 = now_ms(), t1;

	if (planfile_load(plan_path, &plan, &err) != UC_OK)
		goto fail;
	t1 = now_ms();
	t[PH_LOAD] = t1 - t0;
	t0 = t1;
	plan_validate(plan, &f);
	for (size_t i = 0; i < f.count; i++)
		fprintf(devnull, "%s: %s\n", plan_path, f.items[i].message);
	fflush(devnull);
	findings_free(&f);
	t1 = now_ms();
	t[PH_VALIDATE] = t1 - t0;
	t0 = t1;
	if (catalog_load_default(&catalog, &err) != UC_OK)
		goto fail;
	t1 = now_ms();
	t[PH_CATALOG] = t1 - t0;
	t0 = t1;
	r = report_build(plan, catalog);
	t1 = now_ms();
	t[PH_BUILD] = t1 - t0;
	t0 = t1;
	/* Render: the exporter producing its bytes into a stream that drops
	 * them (buffered as a file is), so that neither the disk nor a growing
	 * buffer is in it; write: the same bytes to disk.  The command does
	 * both in one pass, so the two add up to it. */
	export_default_options(&eo);
	sink = fopencookie(NULL, "w", (cookie_io_functions_t){.write = discard_write});
	if (!sink)
		goto fail;
	setvbuf(sink, NULL, _IOFBF, 1 << 16);
	if (csv->write(r, &eo, sink, &err) != UC_OK || fclose(sink) != 0)
		goto fail;
	t1 = now_ms();
	t[PH_RENDER] = t1 - t0;
	mem = open_memstream(&buf, &len);
	if (!mem || csv->write(r, &eo, mem, &err) != UC_OK || fclose(mem) != 0)
		goto fail;
	t0 = now_ms();
	if (atomic_file_open(&af, out_path, &err) != UC_OK)
		goto fail;
	fwrite(buf, 1, len, af.fp);
	if (atomic_file_commit(&af, &err) != UC_OK)
		goto fail;
	t[PH_WRITE] = now_ms() - t0;
	*sites = plan->n_sites;
	*rows = total_rows(r);
	*bytes = len;
	free(buf);
	report_free(r);
	catalog_free(catalog);
	plan_free(plan);
	return 0;
fail:
	fprintf(stderr, "bench: %s:%d: %s\n", err.file, err.line, err.message);
	return 3;
}

struct phases_result {
	double t[PH_COUNT];
	size_t sites, rows, bytes;
	int rc;
};

/* Each run in a new process (forked before anything was loaded): what
 * the command pays once, libxml2's and gettext's first use, a heap that
 * grows from nothing, is in it as it is in every run of the command. */
static int run_phases_median(const char *plan_path, const char *out_path, int runs)
{
	static double t[PH_COUNT][MAX_RUNS];
	struct phases_result res = {0};

	fflush(stdout);
	for (int i = 0; i < runs; i++) {
		int fd[2], status;
		pid_t pid;

		if (pipe(fd) != 0 || (pid = fork()) < 0) {
			perror("bench");
			return 3;
		}
		if (pid == 0) {
			FILE *devnull = fopen("/dev/null", "w");
			close(fd[0]);
			i18n_init("en");
			res.rc = devnull ? run_phases(plan_path, out_path, devnull, res.t,
						      &res.sites, &res.rows, &res.bytes)
					 : 3;
			_exit(write(fd[1], &res, sizeof res) == (ssize_t)sizeof res ? 0 : 3);
		}
		close(fd[1]);
		if (read(fd[0], &res, sizeof res) != (ssize_t)sizeof res)
			res.rc = 3;
		close(fd[0]);
		waitpid(pid, &status, 0);
		if (res.rc)
			return res.rc;
		for (int p = 0; p < PH_COUNT; p++)
			t[p][i] = res.t[p];
	}
	for (int p = 0; p < PH_COUNT; p++)
		printf("%.3f ", median(t[p], runs));
	printf("%zu %zu %zu\n", res.sites, res.rows, res.bytes);
	return 0;
}

int main(int argc, char **argv)
{
	int runs;

	if (argc >= 4 && strcmp(argv[1], "run") == 0 && (runs = parse_runs(argv[2]))) {
		if (strcmp(argv[3], "-o") == 0)
			return argc >= 6 ? run_command(runs, argv[4], argv + 5) : usage();
		return run_command(runs, NULL, argv + 3);
	}
	if (argc >= 6 && strcmp(argv[1], "ratio") == 0 && (runs = parse_runs(argv[2])))
		return run_ratio(runs, argv[3], argv[4], argv + 5);
	if (argc == 5 && strcmp(argv[1], "phases") == 0 && (runs = parse_runs(argv[4])))
		return run_phases_median(argv[2], argv[3], runs);
	return usage();
}
