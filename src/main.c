/* main.c: the command line.  Parses arguments, loads the plan and the
 * catalog, runs the engine and an exporter, and maps every status to the
 * exit codes of DESIGN.md §3 (0 ok, 1 invalid plan, 2 usage, 3 I/O). */
#include <errno.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "ucplan/catalog.h"
#include "ucplan/cli.h"
#include "ucplan/diagram.h"
#include "ucplan/diff.h"
#include "ucplan/export.h"
#include "ucplan/fileio.h"
#include "ucplan/i18n.h"
#include "ucplan/model.h"
#include "ucplan/planfile.h"
#include "ucplan/report.h"
#include "ucplan/textwidth.h"
#include "ucplan/util.h"
#include "ucplan/tui.h"

#include "paths.h"

/* EXIT_DIFFERENT: diff found differences, the 1 of diff(1).  Status 4 (a
 * program ucplan runs, Graphviz's dot, is missing or failed) comes from
 * the status table (UC_ERR_TOOL). */
enum exit_code { EXIT_OK = 0, EXIT_INVALID = 1, EXIT_DIFFERENT = 1, EXIT_USAGE = 2, EXIT_IO = 3 };

static const char *program = "ucplan";
/* Standard output as it was: in a locale whose character set is not UTF-8,
 * `stdout` converts text for people to it, while CSV, XML, JSON and
 * workbooks, UTF-8 or binary by definition, are written here unchanged. */
static FILE *utf8_stdout;

static void print_usage(FILE *out)
{
	fprintf(out, _("Usage: %s [PLAN]\n"
		       "       %s report [PLAN] [OPTIONS]\n"
		       "       %s check PLAN [OPTIONS]\n"
		       "       %s diff OLD NEW [OPTIONS]\n"
		       "       %s diagram [PLAN] [OPTIONS]\n"),
		program, program, program, program, program);
}

static void print_help(void)
{
	print_usage(stdout);
	fputs(_("\nPlan the firewall, load balancer and IPsec rules of a Lync Server 2013 or\n"
		"Skype for Business Server 2015 deployment with Exchange 2013 Unified Messaging.\n"
		"\nCommands:\n"
		"  (none)                 open the interactive planner, on PLAN if given\n"
		"  report [PLAN]          print the tables for PLAN, or for a default one-site plan\n"
		"  check PLAN             validate PLAN: errors and design warnings\n"
		"  diff OLD NEW           compare two reports written with -f xml: the rows\n"
		"                         added, removed and changed (text, csv or json)\n"
		"  diagram [PLAN]         draw PLAN's networks, servers and firewall flows\n"
		"                         (-f text, dot, svg or png; svg and png need\n"
		"                         Graphviz's dot, or the program UCPLAN_DOT names)\n"
		"\nOutput options:\n"
		"  -t, --table TABLE      firewall, lb, ipsec, programs, dns, certificates,\n"
		"                         summary or all (default: all)\n"
		"  -f, --format FORMAT    text, csv, xml, json or xlsx (default: text); xlsx is\n"
		"                         one workbook: a sheet per table and the warnings;\n"
		"                         or a script: ps1 (Windows Firewall and IPsec on the\n"
		"                         servers), nft (nftables for the Edge firewalls),\n"
		"                         probe-ps1 or probe-sh (test TCP paths from a host)\n"
		"  -o, --output FILE      write to FILE instead of standard output; a name\n"
		"                         ending in / is a directory: one file per table\n"
		"                         (xlsx: one report.xlsx)\n"
		"      --lang LANG        en, es, it or zh_CN (default: from the environment)\n"
		"      --csv-separator C  CSV field separator: comma or semicolon\n"
		"                         (default: semicolon for es and it, comma otherwise)\n"
		"      --no-bom           CSV without the UTF-8 byte-order mark\n"
		"      --header H         CSV header: labels (translated, default) or keys\n"
		"      --wide             text into a pipe or file: one line per row, no wrapping\n"
		"      --site NAME        diagram: only the site NAME (default: every site)\n"
		"      --ascii            diagram: lines drawn with + - | only\n"
		"\nTopology options, applied to every site of PLAN or of the default plan:\n"
		"      --product P        lync2013 or sfb2015\n"
		"      --edge E           none, single, scaled-dns or scaled-hlb\n"
		"      --edge-nat         Edge external addresses behind NAT\n"
		"      --edge-public      Edge external addresses public (no NAT)\n"
		"      --pool-lb M        dns or hardware load balancing for the pools\n"
		"      --director, --no-director\n"
		"      --mediation M      none, collocated or standalone\n"
		"      --um M             Exchange UM startup mode: none, tcp, tls or dual\n"
		"      --federation LIST  comma list of sip, public-im, xmpp; or none\n"
		"      --reverse-proxy    --persistent-chat    --office-web-apps    --ipsec\n"
		"\n  -h, --help             show this help\n"
		"  -V, --version          show the version\n"
		"\nExit status: 0 success, 1 invalid plan (diff: the reports differ), 2 usage\n"
		"error, 3 input or output error, 4 Graphviz's dot missing or failed.\n"),
	      stdout);
}

/* Prints one line made from fmt: every line that carries a name, a path or
 * a message from a file goes through here, so that none of it can reach
 * the terminal raw (tw_neutralize). */
static void say(FILE *out, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void say(FILE *out, const char *fmt, ...)
{
	va_list ap;
	char *line, *safe;

	va_start(ap, fmt);
	line = xvasprintf(fmt, ap);
	va_end(ap);
	safe = tw_is_clean(line) ? NULL : tw_neutralize(line);
	/* one write per line: stderr is unbuffered */
	fprintf(out, "%s\n", safe ? safe : line);
	free(safe);
	free(line);
}

static int usage_error(const char *message)
{
	say(stderr, "%s: %s", program, message);
	fprintf(stderr, _("Try '%s --help' for the options.\n"), program);
	return EXIT_USAGE;
}

static int report_error(const struct uc_error *err)
{
	char buf[2048];

	uc_error_format(err, buf, sizeof buf);
	say(stderr, "%s: %s", program, buf);
	return uc_status_exit_code(err->status);
}

/* Standard output is flushed and checked before a success is reported: a
 * full disk or a closed pipe gets a message and exit status 3. */
static int finish_stdout(int rc)
{
	struct uc_error err = {0};

	errno = 0;
	if (fflush(stdout) == 0 && !ferror(stdout))
		return rc;
	uc_error_set(&err, UC_ERR_IO, _("standard output"), 0, _("writing failed: %s"),
		     strerror(errno ? errno : EIO));
	return report_error(&err);
}

/* The line of the plan file a finding is about (0 when unknown). */
static int finding_line(const struct plan *plan, const struct finding *f)
{
	if (f->site >= 0 && (size_t)f->site < plan->n_sites)
		return plan->sites[f->site].line;
	return plan->line;
}

/* One finding: "FILE:LINE: error: MESSAGE" (no line when unknown). */
static void print_finding(FILE *out, const char *name, const struct plan *plan,
			  const struct finding *x)
{
	const char *kind = x->severity == FINDING_ERROR ? _("error") : _("warning");
	int line = finding_line(plan, x);

	if (line > 0)
		say(out, "%s:%d: %s: %s", name, line, kind, x->message);
	else
		say(out, "%s: %s: %s", name, kind, x->message);
}

/* Validates the plan into f (caller frees) and prints the findings;
 * returns the number of errors. */
static size_t print_findings(const struct plan *plan, const char *name, struct findings *f)
{
	plan_validate(plan, f);
	for (size_t i = 0; i < f->count; i++)
		print_finding(stderr, name, plan, &f->items[i]);
	return f->errors;
}

/* Wide enough for every port and endpoint column side by side, narrow
 * enough for a pager or a printout in landscape. */
#define TEXT_PIPE_WIDTH 200

static size_t terminal_width(void)
{
	struct winsize ws;

	if (isatty(STDOUT_FILENO) && ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0)
		return ws.ws_col;
	return 0;
}

/* Refuses an output that is the plan being read: the report would replace
 * the plan it came from. */
static enum uc_status check_not_input(const struct cli_options *o, const char *path,
				      struct uc_error *err)
{
	struct stat in, out;

	if (o->plan_path && stat(o->plan_path, &in) == 0 && stat(path, &out) == 0 &&
	    in.st_dev == out.st_dev && in.st_ino == out.st_ino)
		return uc_error_set(err, UC_ERR_USAGE, path, 0,
				    _("this is the plan being read; the report would replace it: "
				      "choose another output file"));
	return UC_OK;
}

/* Writes DIR/NAME.EXT and says so. */
static enum uc_status write_into(const struct cli_options *o, const struct exporter *ex,
				 const struct report *r, const struct export_options *eo,
				 const char *dir, const char *name, struct uc_error *err)
{
	char *path = xasprintf("%s%s%s.%s", dir, dir[strlen(dir) - 1] == '/' ? "" : "/", name,
			       ex->extension);
	enum uc_status s = check_not_input(o, path, err);

	if (s == UC_OK)
		s = export_to_file(ex, r, eo, path, err);
	if (s == UC_OK) {
		char *line = xasprintf(_("%s: wrote %s\n"), program, path);
		line[strcspn(line, "\n")] = '\0';
		say(stderr, "%s", line);
		free(line);
	}
	free(path);
	return s;
}

/* -o DIR/: one file per selected table, named after the table; a workbook
 * (one_file) is one file in it. */
static enum uc_status write_to_directory(const struct cli_options *o, const struct exporter *ex,
					 const struct report *r, const struct export_options *eo,
					 const char *dir, struct uc_error *err)
{
	char *bare = xstrdup(dir);
	size_t n = strlen(bare);
	struct stat st;

	/* "FILE/" on a regular file fails with ENOTDIR: look at FILE itself. */
	while (n > 1 && bare[n - 1] == '/')
		bare[--n] = '\0';
	if (stat(bare, &st) != 0) {
		if (mkdir(bare, 0777) != 0) {
			enum uc_status s = uc_error_set(err, UC_ERR_IO, dir, 0,
							_("cannot create the directory: %s"),
							strerror(errno));
			free(bare);
			return s;
		}
	} else if (!S_ISDIR(st.st_mode)) {
		free(bare);
		return uc_error_set(err, UC_ERR_IO, dir, 0,
				    _("exists and is not a directory; remove the trailing / to "
				      "write a single file"));
	}
	free(bare);
	/* a workbook holds every table: one file */
	if (ex->one_file)
		return write_into(o, ex, r, eo, dir, EXPORT_ONE_FILE_NAME, err);
	for (unsigned k = 0; k < CATALOG_TABLE_COUNT; k++) {
		struct export_options one = *eo;
		enum uc_status s;
		if (!(eo->tables & EXPORT_TABLE_BIT(k)))
			continue;
		one.tables = EXPORT_TABLE_BIT(k);
		s = write_into(o, ex, r, &one, dir, catalog_table_key((enum catalog_table)k), err);
		if (s != UC_OK)
			return s;
	}
	return UC_OK;
}

static int write_report(const struct cli_options *o, const struct report *r,
			const struct findings *findings)
{
	const struct exporter *ex = export_find(o->format ? o->format : "text");
	struct export_options eo;
	struct uc_error err = {0};
	enum uc_status s;

	export_default_options(&eo);
	eo.tables = o->tables ? o->tables : EXPORT_ALL_TABLES;
	if (o->separator)
		eo.separator = (char)o->separator;
	if (o->no_bom)
		eo.bom = false;
	eo.header_keys = o->header_keys;
	eo.findings = findings;
	/* Text fits the terminal, cutting long cells; into a pipe or a file it
	 * wraps them within TEXT_PIPE_WIDTH columns, unless --wide asks for
	 * one line per row. */
	eo.width = terminal_width();
	if (eo.width == 0 && !o->wide) {
		eo.width = TEXT_PIPE_WIDTH;
		eo.wrap = true;
	}
	if (!o->output && ex->one_file && isatty(STDOUT_FILENO)) {
		return usage_error(_("a workbook is a binary file and is not shown on the "
				     "terminal: give -o FILE.xlsx, or redirect the output"));
	} else if (!o->output) {
		FILE *out = strcmp(ex->name, "text") == 0 ? stdout : utf8_stdout;
		s = ex->write(r, &eo, out, &err);
		if (s == UC_OK && (fflush(out) != 0 || ferror(out)))
			s = uc_error_set(&err, UC_ERR_IO, NULL, 0, _("writing failed: %s"),
					 strerror(errno));
		if (s != UC_OK)
			snprintf(err.file, sizeof err.file, "%s", _("standard output"));
	} else if (o->output[strlen(o->output) - 1] == '/') {
		s = write_to_directory(o, ex, r, &eo, o->output, &err);
	} else {
		s = check_not_input(o, o->output, &err);
		if (s == UC_OK)
			s = export_to_file(ex, r, &eo, o->output, &err);
	}
	if (s != UC_OK)
		return report_error(&err);
	return EXIT_OK;
}

/* Says once that the language asked for cannot be shown in the locale's
 * character set, so English is used. */
static void say_fallback(void)
{
	static bool said;
	static const struct {
		const char *lang, *name, *locale;
	} names[] = {{"es", N_("Spanish"), "es_ES"},
		     {"it", N_("Italian"), "it_IT"},
		     {"zh_CN", N_("Chinese"), "zh_CN"}};
	const char *lang = i18n_fallback();

	if (said || !lang)
		return;
	said = true;
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
		if (strcmp(names[i].lang, lang) == 0)
			fprintf(stderr,
				_("%s: the character set of this locale (%s) cannot show %s; "
				  "writing in English.  A UTF-8 locale (LANG=%s.UTF-8) shows "
				  "every language.\n"),
				program, i18n_output_codeset(), _(names[i].name), names[i].locale);
}

/* Loads PLAN, or makes the default plan; applies the topology options. */
static int load_plan(const struct cli_options *o, struct plan **plan)
{
	struct uc_error err = {0};

	if (o->plan_path) {
		enum uc_status s = planfile_load(o->plan_path, plan, &err);
		if (s != UC_OK)
			return report_error(&err);
		/* the language the planner last used on it, unless the user
		 * named one */
		i18n_use_plan_language((*plan)->lang);
		say_fallback();
	} else {
		*plan = plan_new_default();
	}
	if (cli_topology_given(&o->topo))
		cli_apply_topology(*plan, &o->topo);
	return -1;
}

static int run_report(const struct cli_options *o)
{
	const char *name = o->plan_path ? o->plan_path : _("default plan");
	struct catalog *catalog = NULL;
	struct uc_error err = {0};
	struct plan *plan = NULL;
	struct findings findings;
	struct report *r;
	int rc;

	rc = load_plan(o, &plan);
	if (rc >= 0)
		return rc;
	if (print_findings(plan, name, &findings) > 0) {
		fprintf(stderr, _("%s: the plan has errors; fix them and run again (see '%s "
				  "check')\n"),
			program, program);
		findings_free(&findings);
		plan_free(plan);
		return EXIT_INVALID;
	}
	if (catalog_load_default(&catalog, &err) != UC_OK) {
		findings_free(&findings);
		plan_free(plan);
		return report_error(&err);
	}
	r = report_build(plan, catalog);
	rc = write_report(o, r, &findings);
	findings_free(&findings);
	report_free(r);
	catalog_free(catalog);
	plan_free(plan);
	return rc;
}

static int run_check(const struct cli_options *o)
{
	char *errors, *warnings;
	struct plan *plan = NULL;
	struct findings f;
	int rc;

	if (!o->plan_path)
		return usage_error(_("check needs a plan file"));
	rc = load_plan(o, &plan);
	if (rc >= 0)
		return rc;
	plan_validate(plan, &f);
	for (size_t i = 0; i < f.count; i++)
		print_finding(stdout, o->plan_path, plan, &f.items[i]);
	errors = xasprintf(P_("%s: %zu error, ", "%s: %zu errors, ", f.errors), o->plan_path,
			   f.errors);
	warnings = xasprintf(P_("%zu warning\n", "%zu warnings\n", f.warnings), f.warnings);
	warnings[strcspn(warnings, "\n")] = '\0';
	say(stdout, "%s%s", errors, warnings);
	free(errors);
	free(warnings);
	rc = f.errors ? EXIT_INVALID : EXIT_OK;
	findings_free(&f);
	plan_free(plan);
	return finish_stdout(rc);
}

/* The tables that only one report has: a report made with -t is not
 * empty elsewhere, so they are named rather than counted as removed. */
static void warn_uncompared(const struct diff *d, const struct cli_options *o)
{
	for (unsigned k = 0; k < CATALOG_TABLE_COUNT; k++) {
		const char *path = (d->only_old & CATALOG_TABLE_BIT(k))	  ? o->old_report
				   : (d->only_new & CATALOG_TABLE_BIT(k)) ? o->new_report
									  : NULL;
		if (path)
			fprintf(stderr,
				_("%s: warning: the %s table is only in %s, so it was not "
				  "compared; make both reports with the same -t\n"),
				program, catalog_table_key((enum catalog_table)k), path);
	}
}

/* A diagram's picture width in a pipe or a file: the width it must read
 * well in (a terminal gives its own). */
#define DIAGRAM_FILE_WIDTH 80

struct diagram_job {
	const struct diagram *d;
	const char *format; /* "text", "dot", "svg", "png" */
	bool ascii;
	size_t width;
};

static enum uc_status diagram_job_write(FILE *out, const void *context, struct uc_error *err)
{
	const struct diagram_job *job = context;

	if (strcmp(job->format, "text") == 0) {
		struct diagram_text *t = diagram_render_text(job->d, job->ascii, job->width);
		for (size_t i = 0; i < t->n_lines; i++) {
			fputs(t->lines[i], out);
			fputc('\n', out);
		}
		diagram_text_free(t);
		if (fflush(out) != 0 || ferror(out))
			return uc_error_set(err, UC_ERR_IO, NULL, 0, _("writing failed: %s"),
					    strerror(errno ? errno : EIO));
		return UC_OK;
	}
	if (strcmp(job->format, "dot") == 0)
		return diagram_write_dot(job->d, out, err);
	return diagram_write_graphviz(job->d, job->format, out, err);
}

static int write_diagram(const struct cli_options *o, const struct diagram_job *job)
{
	struct uc_error err = {0};
	enum uc_status s;

	if (!o->output && strcmp(job->format, "png") == 0 && isatty(fileno(utf8_stdout)))
		return usage_error(_("a PNG picture is a binary file and is not shown on the "
				     "terminal: give -o FILE.png, or redirect the output"));
	if (!o->output) {
		/* text for people through the locale's stream; DOT and
		 * pictures unchanged */
		FILE *out = strcmp(job->format, "text") == 0 ? stdout : utf8_stdout;
		s = diagram_job_write(out, job, &err);
		if (s == UC_OK && (fflush(out) != 0 || ferror(out)))
			s = uc_error_set(&err, UC_ERR_IO, NULL, 0, _("writing failed: %s"),
					 strerror(errno));
		if (s != UC_OK && s != UC_ERR_TOOL)
			snprintf(err.file, sizeof err.file, "%s", _("standard output"));
	} else {
		s = check_not_input(o, o->output, &err);
		if (s == UC_OK)
			s = atomic_file_write(o->output, diagram_job_write, job, &err);
		if (s == UC_ERR_TOOL)
			err.file[0] = '\0'; /* the message is about dot, not the file */
	}
	return s == UC_OK ? EXIT_OK : report_error(&err);
}

/* Draws the plan (or the default plan) as text, DOT, SVG or PNG. */
static int run_diagram(const struct cli_options *o)
{
	const char *name = o->plan_path ? o->plan_path : _("default plan");
	const char *format = o->format ? o->format : "text";
	struct catalog *catalog = NULL;
	struct uc_error err = {0};
	struct plan *plan = NULL;
	struct findings findings;
	struct report *r;
	struct diagram *d;
	int rc, site = -1;

	rc = load_plan(o, &plan);
	if (rc >= 0)
		return rc;
	if (print_findings(plan, name, &findings) > 0) {
		fprintf(stderr, _("%s: the plan has errors; fix them and run again (see '%s "
				  "check')\n"),
			program, program);
		findings_free(&findings);
		plan_free(plan);
		return EXIT_INVALID;
	}
	findings_free(&findings);
	if (catalog_load_default(&catalog, &err) != UC_OK) {
		plan_free(plan);
		return report_error(&err);
	}
	r = report_build(plan, catalog);
	if (o->site && (site = diagram_site_find(r, o->site)) < 0) {
		struct strbuf names = {0};
		char *message;
		for (size_t i = 0; i < r->n_sites; i++)
			strbuf_printf(&names, "%s%s", i ? ", " : "", r->site_names[i]);
		message = xasprintf(_("no site '%s' in %s; its sites are: %s"), o->site, name,
				    names.data ? names.data : "");
		rc = usage_error(message);
		free(message);
		strbuf_free(&names);
	} else {
		struct diagram_job job = {NULL, format, o->ascii || i18n_output_codeset() != NULL,
					  DIAGRAM_FILE_WIDTH};
		if (!o->output && terminal_width())
			job.width = terminal_width();
		d = diagram_build(r, site);
		job.d = d;
		rc = write_diagram(o, &job);
		diagram_free(d);
	}
	report_free(r);
	catalog_free(catalog);
	plan_free(plan);
	return rc;
}

/* Compares two XML reports: 0 when they list the same rows, 1 when they
 * differ (as diff(1) does), 2 and 3 for usage and input/output errors. */
static int run_diff(const struct cli_options *o)
{
	const struct diff_writer *w = diff_find_writer(o->format ? o->format : "text");
	struct diff_report *old_report = NULL, *new_report = NULL;
	struct catalog *catalog = NULL;
	struct uc_error err = {0}, ignored = {0};
	struct diff_options opts;
	struct diff *d;
	enum uc_status s;
	int rc;

	if (!w)
		return usage_error(_("diff writes text, csv or json"));
	if (diff_load_report(o->old_report, &old_report, &err) != UC_OK)
		return report_error(&err);
	if (diff_load_report(o->new_report, &new_report, &err) != UC_OK) {
		diff_free_report(old_report);
		return report_error(&err);
	}
	d = diff_compare(old_report, new_report, o->tables);
	warn_uncompared(d, o);
	diff_default_options(&opts);
	if (o->separator)
		opts.separator = (char)o->separator;
	if (o->no_bom)
		opts.bom = false;
	/* Role names in the reader's language come from the catalog; without
	 * it the text shows the role keys, which is still a complete answer. */
	if (w == &diff_text && catalog_load_default(&catalog, &ignored) == UC_OK)
		opts.catalog = catalog;
	if (!o->output) {
		FILE *out = w == &diff_text ? stdout : utf8_stdout;
		s = w->write(d, &opts, out, &err);
		if (s == UC_OK && (fflush(out) != 0 || ferror(out)))
			s = uc_error_set(&err, UC_ERR_IO, NULL, 0, _("writing failed: %s"),
					 strerror(errno));
		if (s != UC_OK)
			snprintf(err.file, sizeof err.file, "%s", _("standard output"));
	} else {
		s = diff_write_file(w, d, &opts, o->output, &err);
	}
	rc = s != UC_OK ? report_error(&err) : d->n_entries ? EXIT_DIFFERENT : EXIT_OK;
	catalog_free(catalog);
	diff_free(d);
	diff_free_report(new_report);
	diff_free_report(old_report);
	return rc;
}

int main(int argc, char **argv)
{
	struct cli_options o;
	struct uc_error err = {0};
	enum uc_status s;

	/* The environment's language, then --lang once parsed; a usage error
	 * is worded again in the language the line asked for. */
	i18n_init(NULL);
	utf8_stdout = stdout;
	stdout = i18n_output_stream(stdout);
	stderr = i18n_output_stream(stderr);
	s = cli_parse(argc, argv, &o, &err);
	if (o.lang) {
		i18n_set_language(o.lang);
		if (s != UC_OK)
			s = cli_parse(argc, argv, &o, &err);
	}
	if (o.command == CLI_WIZARD && i18n_output_codeset()) {
		/* curses needs the terminal's own stream, and writes UTF-8
		 * inside: on a terminal that is not UTF-8 the planner keeps to
		 * ASCII (English, transliterated names). */
		i18n_output_ascii();
		fflush(stdout);
		stdout = utf8_stdout;
	}
	say_fallback();
	if (s != UC_OK)
		return usage_error(err.message);
	switch (o.command) {
	case CLI_HELP:
		print_help();
		return finish_stdout(EXIT_OK);
	case CLI_VERSION:
		printf("ucplan %s\n", UCPLAN_VERSION);
		fputs(_("Copyright (C) 2026 the ucplan authors.  MIT licence: you may use, copy,\n"
			"modify and distribute it; it comes with no warranty.\n"
			"Port facts from Microsoft's documentation (CC BY 4.0), each with its\n"
			"source in the catalog; see the NOTICE file.\n"),
		      stdout);
		return finish_stdout(EXIT_OK);
	case CLI_CHECK:
		return run_check(&o);
	case CLI_REPORT:
		return run_report(&o);
	case CLI_DIFF:
		return run_diff(&o);
	case CLI_DIAGRAM:
		return finish_stdout(run_diagram(&o));
	case CLI_WIZARD:
	default:
		/* curses needs a terminal on both ends; scripts get a hint */
		if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
			fprintf(stderr,
				_("%s: the interactive planner needs a terminal; use '%s report' "
				  "or '%s check' in scripts (see '%s --help')\n"),
				program, program, program, program);
			return EXIT_USAGE;
		}
		return tui_main(o.plan_path);
	}
}
