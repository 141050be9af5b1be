/* main.c: the command line.  Parses arguments, loads the plan and the
 * catalog, runs the engine and an exporter, and maps every status to the
 * exit codes of DESIGN.md §3 (0 ok, 1 invalid plan, 2 usage, 3 I/O). */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "ucplan/catalog.h"
#include "ucplan/export.h"
#include "ucplan/fileio.h"
#include "ucplan/i18n.h"
#include "ucplan/model.h"
#include "ucplan/planfile.h"
#include "ucplan/report.h"
#include "ucplan/util.h"
#include "ucplan/tui.h"

#ifndef UCPLAN_VERSION
#define UCPLAN_VERSION "0"
#endif

enum exit_code { EXIT_OK = 0, EXIT_INVALID = 1, EXIT_USAGE = 2, EXIT_IO = 3 };

/* Topology options: each is applied to every site of the plan. */
struct topology {
	bool edge_set;
	enum edge_topology edge;
	int edge_nat; /* -1 unset, 0 public, 1 NAT */
	bool pool_lb_set;
	enum pool_lb pool_lb;
	int director; /* -1 unset, 0 off, 1 on */
	bool mediation_set;
	enum mediation_mode mediation;
	bool um_set;
	enum um_mode um;
	bool federation_set;
	unsigned federation;
	bool version_set;
	enum product_version version;
	bool persistent_chat, office_web_apps, ipsec, reverse_proxy;
};

struct options {
	const char *command; /* "report", "check" or NULL (the wizard) */
	const char *plan_path;
	const char *output;
	const char *format;
	unsigned tables;
	const char *lang;
	int separator; /* 0 = language default */
	bool no_bom;
	struct topology topo;
};

static const char *program = "ucplan";

static void print_usage(FILE *out)
{
	fprintf(out, _("Usage: %s [PLAN]\n"
		       "       %s report [PLAN] [OPTIONS]\n"
		       "       %s check PLAN [OPTIONS]\n"),
		program, program, program);
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
		"\nOutput options:\n"
		"  -t, --table TABLE      firewall, lb, ipsec or all (default: all)\n"
		"  -f, --format FORMAT    text, csv or xml (default: text)\n"
		"  -o, --output FILE      write to FILE instead of standard output; a name\n"
		"                         ending in / is a directory: one file per table\n"
		"      --lang LANG        en, es, it or zh_CN (default: from the environment)\n"
		"      --csv-separator C  CSV field separator: comma or semicolon\n"
		"                         (default: semicolon for es and it, comma otherwise)\n"
		"      --no-bom           CSV without the UTF-8 byte-order mark\n"
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
		"\nExit status: 0 success, 1 invalid plan, 2 usage error, 3 input or output error.\n"),
	      stdout);
}

static int usage_error(const char *fmt, const char *arg)
{
	fprintf(stderr, "%s: ", program);
	fprintf(stderr, fmt, arg);
	fprintf(stderr, _("\nTry '%s --help' for the options.\n"), program);
	return EXIT_USAGE;
}

static int report_error(const struct uc_error *err)
{
	char buf[2048];

	uc_error_format(err, buf, sizeof buf);
	fprintf(stderr, "%s: %s\n", program, buf);
	return uc_status_exit_code(err->status);
}

enum {
	OPT_LANG = 256,
	OPT_CSV_SEPARATOR,
	OPT_NO_BOM,
	OPT_PRODUCT,
	OPT_EDGE,
	OPT_EDGE_NAT,
	OPT_EDGE_PUBLIC,
	OPT_POOL_LB,
	OPT_DIRECTOR,
	OPT_NO_DIRECTOR,
	OPT_MEDIATION,
	OPT_UM,
	OPT_FEDERATION,
	OPT_REVERSE_PROXY,
	OPT_PERSISTENT_CHAT,
	OPT_OFFICE_WEB_APPS,
	OPT_IPSEC,
};

static const struct option long_options[] = {
	{"table", required_argument, NULL, 't'},
	{"format", required_argument, NULL, 'f'},
	{"output", required_argument, NULL, 'o'},
	{"lang", required_argument, NULL, OPT_LANG},
	{"csv-separator", required_argument, NULL, OPT_CSV_SEPARATOR},
	{"no-bom", no_argument, NULL, OPT_NO_BOM},
	{"product", required_argument, NULL, OPT_PRODUCT},
	{"edge", required_argument, NULL, OPT_EDGE},
	{"edge-nat", no_argument, NULL, OPT_EDGE_NAT},
	{"edge-public", no_argument, NULL, OPT_EDGE_PUBLIC},
	{"pool-lb", required_argument, NULL, OPT_POOL_LB},
	{"director", no_argument, NULL, OPT_DIRECTOR},
	{"no-director", no_argument, NULL, OPT_NO_DIRECTOR},
	{"mediation", required_argument, NULL, OPT_MEDIATION},
	{"um", required_argument, NULL, OPT_UM},
	{"federation", required_argument, NULL, OPT_FEDERATION},
	{"reverse-proxy", no_argument, NULL, OPT_REVERSE_PROXY},
	{"persistent-chat", no_argument, NULL, OPT_PERSISTENT_CHAT},
	{"office-web-apps", no_argument, NULL, OPT_OFFICE_WEB_APPS},
	{"ipsec", no_argument, NULL, OPT_IPSEC},
	{"help", no_argument, NULL, 'h'},
	{"version", no_argument, NULL, 'V'},
	{NULL, 0, NULL, 0},
};

/* Returns -1 to go on, or an exit code. */
static int parse_option(int c, const char *arg, struct options *o)
{
	struct topology *t = &o->topo;
	enum catalog_table table;

	switch (c) {
	case 't':
		if (strcmp(arg, "all") == 0)
			o->tables = EXPORT_ALL_TABLES;
		else if (catalog_table_parse(arg, &table))
			o->tables = EXPORT_TABLE_BIT(table);
		else
			return usage_error(_("unknown table '%s': use firewall, lb, ipsec or all"),
					   arg);
		return -1;
	case 'f':
		if (!export_find(arg))
			return usage_error(_("unknown format '%s': use text, csv or xml"), arg);
		o->format = arg;
		return -1;
	case 'o':
		o->output = arg;
		return -1;
	case OPT_LANG:
		if (!i18n_language_known(arg))
			return usage_error(_("unknown language '%s': use en, es, it or zh_CN"), arg);
		o->lang = arg;
		return -1;
	case OPT_CSV_SEPARATOR:
		if (strcmp(arg, ",") == 0 || strcmp(arg, "comma") == 0)
			o->separator = ',';
		else if (strcmp(arg, ";") == 0 || strcmp(arg, "semicolon") == 0)
			o->separator = ';';
		else
			return usage_error(_("unknown CSV separator '%s': use comma or semicolon"),
					   arg);
		return -1;
	case OPT_NO_BOM:
		o->no_bom = true;
		return -1;
	case OPT_PRODUCT:
		if (!model_version_parse(arg, &t->version))
			return usage_error(_("unknown product '%s': use lync2013 or sfb2015"), arg);
		t->version_set = true;
		return -1;
	case OPT_EDGE:
		if (!model_edge_parse(arg, &t->edge))
			return usage_error(
				_("unknown Edge topology '%s': use none, single, scaled-dns or "
				  "scaled-hlb"),
				arg);
		t->edge_set = true;
		return -1;
	case OPT_EDGE_NAT:
		t->edge_nat = 1;
		return -1;
	case OPT_EDGE_PUBLIC:
		t->edge_nat = 0;
		return -1;
	case OPT_POOL_LB:
		if (!model_pool_lb_parse(arg, &t->pool_lb))
			return usage_error(_("unknown load balancing '%s': use dns or hardware"),
					   arg);
		t->pool_lb_set = true;
		return -1;
	case OPT_DIRECTOR:
		t->director = 1;
		return -1;
	case OPT_NO_DIRECTOR:
		t->director = 0;
		return -1;
	case OPT_MEDIATION:
		if (!model_mediation_parse(arg, &t->mediation))
			return usage_error(
				_("unknown Mediation mode '%s': use none, collocated or standalone"),
				arg);
		t->mediation_set = true;
		return -1;
	case OPT_UM:
		if (!model_um_parse(arg, &t->um))
			return usage_error(_("unknown UM mode '%s': use none, tcp, tls or dual"),
					   arg);
		t->um_set = true;
		return -1;
	case OPT_FEDERATION:
		if (!model_federation_parse(arg, &t->federation))
			return usage_error(_("unknown federation list '%s': use a comma list of "
					     "sip, public-im and xmpp, or none"),
					   arg);
		t->federation_set = true;
		return -1;
	case OPT_REVERSE_PROXY:
		t->reverse_proxy = true;
		return -1;
	case OPT_PERSISTENT_CHAT:
		t->persistent_chat = true;
		return -1;
	case OPT_OFFICE_WEB_APPS:
		t->office_web_apps = true;
		return -1;
	case OPT_IPSEC:
		t->ipsec = true;
		return -1;
	case 'h':
		print_help();
		return EXIT_OK;
	case 'V':
		printf("ucplan %s\n", UCPLAN_VERSION);
		return EXIT_OK;
	default:
		/* getopt has printed what was wrong */
		fprintf(stderr, _("Try '%s --help' for the options.\n"), program);
		return EXIT_USAGE;
	}
}

static bool topology_given(const struct topology *t)
{
	return t->edge_set || t->edge_nat >= 0 || t->pool_lb_set || t->director >= 0 ||
	       t->mediation_set || t->um_set || t->federation_set || t->version_set ||
	       t->persistent_chat || t->office_web_apps || t->ipsec || t->reverse_proxy;
}

static void apply_topology(struct plan *plan, const struct topology *t)
{
	if (t->version_set)
		plan->version = t->version;
	if (t->federation_set)
		plan->federation = t->federation;
	if (t->ipsec)
		plan->ipsec = true;
	for (size_t i = 0; i < plan->n_sites; i++) {
		struct site *s = &plan->sites[i];
		if (t->pool_lb_set)
			plan_set_pool_lb(plan, i, t->pool_lb);
		if (t->director >= 0)
			plan_set_director(plan, i, t->director == 1,
					  s->director_pool.n_servers ? s->director_pool.n_servers
								     : 2);
		if (t->mediation_set)
			plan_set_mediation(plan, i, t->mediation, s->mediation_pool.n_servers,
					   s->n_gateways);
		if (t->edge_set || t->edge_nat >= 0) {
			enum edge_topology edge = t->edge_set ? t->edge : s->edge;
			enum edge_addressing addr = t->edge_nat < 0 ? s->edge_addressing
						    : t->edge_nat ? EDGE_ADDR_NAT
								  : EDGE_ADDR_PUBLIC;
			plan_set_edge(plan, i, edge, addr, s->n_edges);
		}
		if (t->um_set)
			plan_set_um(plan, i, t->um, s->n_um_servers);
		if (t->reverse_proxy)
			plan_set_reverse_proxy(plan, i, true);
		if (t->persistent_chat)
			plan_set_persistent_chat(plan, i, true);
		if (t->office_web_apps)
			plan_set_office_web_apps(plan, i, true);
	}
	plan_fill_defaults(plan);
}

/* Prints the findings; returns the number of errors. */
static size_t print_findings(const struct plan *plan, const char *name, bool warnings_too)
{
	struct findings f;
	size_t errors;

	plan_validate(plan, &f);
	for (size_t i = 0; i < f.count; i++) {
		const struct finding *x = &f.items[i];
		if (x->severity == FINDING_WARNING && !warnings_too)
			continue;
		fprintf(stderr, "%s: %s: %s\n", name,
			x->severity == FINDING_ERROR ? _("error") : _("warning"), x->message);
	}
	errors = f.errors;
	findings_free(&f);
	return errors;
}

static size_t terminal_width(void)
{
	struct winsize ws;

	if (isatty(STDOUT_FILENO) && ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0)
		return ws.ws_col;
	return 0;
}

static enum uc_status write_to_file(const struct exporter *ex, const struct report *r,
				    const struct export_options *eo, const char *path,
				    struct uc_error *err)
{
	struct atomic_file af;
	enum uc_status s = atomic_file_open(&af, path, err);

	if (s != UC_OK)
		return s;
	s = ex->write(r, eo, af.fp, err);
	if (s != UC_OK) {
		atomic_file_abort(&af);
		if (err)
			snprintf(err->file, sizeof err->file, "%s", path);
		return s;
	}
	return atomic_file_commit(&af, err);
}

/* -o DIR/: one file per selected table, named after the table. */
static enum uc_status write_to_directory(const struct exporter *ex, const struct report *r,
					 const struct export_options *eo, const char *dir,
					 struct uc_error *err)
{
	struct stat st;

	if (stat(dir, &st) != 0) {
		if (mkdir(dir, 0777) != 0)
			return uc_error_set(err, UC_ERR_IO, dir, 0,
					    _("cannot create the directory: %s"), strerror(errno));
	} else if (!S_ISDIR(st.st_mode)) {
		return uc_error_set(err, UC_ERR_IO, dir, 0,
				    _("exists and is not a directory; remove the trailing / to "
				      "write a single file"));
	}
	for (unsigned k = 0; k < CATALOG_TABLE_COUNT; k++) {
		struct export_options one = *eo;
		enum uc_status s;
		char *path;
		if (!(eo->tables & EXPORT_TABLE_BIT(k)))
			continue;
		one.tables = EXPORT_TABLE_BIT(k);
		path = xasprintf("%s%s%s.%s", dir, dir[strlen(dir) - 1] == '/' ? "" : "/",
				 catalog_table_key((enum catalog_table)k), ex->extension);
		s = write_to_file(ex, r, &one, path, err);
		if (s == UC_OK)
			fprintf(stderr, _("%s: wrote %s\n"), program, path);
		free(path);
		if (s != UC_OK)
			return s;
	}
	return UC_OK;
}

static int write_report(const struct options *o, const struct report *r)
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
	if (!o->output) {
		eo.width = terminal_width();
		s = ex->write(r, &eo, stdout, &err);
		if (s == UC_OK && (fflush(stdout) != 0 || ferror(stdout)))
			s = uc_error_set(&err, UC_ERR_IO, NULL, 0, _("writing failed: %s"),
					 strerror(errno));
		if (s != UC_OK)
			snprintf(err.file, sizeof err.file, "%s", _("standard output"));
	} else if (o->output[strlen(o->output) - 1] == '/') {
		s = write_to_directory(ex, r, &eo, o->output, &err);
	} else {
		s = write_to_file(ex, r, &eo, o->output, &err);
	}
	if (s != UC_OK)
		return report_error(&err);
	return EXIT_OK;
}

/* Loads PLAN, or makes the default plan; applies the topology options. */
static int load_plan(const struct options *o, struct plan **plan)
{
	struct uc_error err = {0};

	if (o->plan_path) {
		enum uc_status s = planfile_load(o->plan_path, plan, &err);
		if (s != UC_OK)
			return report_error(&err);
	} else {
		*plan = plan_new_default();
	}
	if (topology_given(&o->topo))
		apply_topology(*plan, &o->topo);
	return -1;
}

static int run_report(const struct options *o)
{
	const char *name = o->plan_path ? o->plan_path : _("default plan");
	struct catalog *catalog = NULL;
	struct uc_error err = {0};
	struct plan *plan = NULL;
	struct report *r;
	int rc;

	rc = load_plan(o, &plan);
	if (rc >= 0)
		return rc;
	if (print_findings(plan, name, true) > 0) {
		fprintf(stderr, _("%s: the plan has errors; fix them and run again (see '%s "
				  "check')\n"),
			program, program);
		plan_free(plan);
		return EXIT_INVALID;
	}
	if (catalog_load_default(&catalog, &err) != UC_OK) {
		plan_free(plan);
		return report_error(&err);
	}
	r = report_build(plan, catalog);
	rc = write_report(o, r);
	report_free(r);
	catalog_free(catalog);
	plan_free(plan);
	return rc;
}

static int run_check(const struct options *o)
{
	struct plan *plan = NULL;
	struct findings f;
	int rc;

	if (!o->plan_path)
		return usage_error("%s", _("check needs a plan file"));
	rc = load_plan(o, &plan);
	if (rc >= 0)
		return rc;
	plan_validate(plan, &f);
	for (size_t i = 0; i < f.count; i++)
		printf("%s: %s: %s\n", o->plan_path,
		       f.items[i].severity == FINDING_ERROR ? _("error") : _("warning"),
		       f.items[i].message);
	printf(P_("%s: %zu error, ", "%s: %zu errors, ", f.errors), o->plan_path, f.errors);
	printf(P_("%zu warning\n", "%zu warnings\n", f.warnings), f.warnings);
	rc = f.errors ? EXIT_INVALID : EXIT_OK;
	findings_free(&f);
	plan_free(plan);
	if (fflush(stdout) != 0)
		return EXIT_IO;
	return rc;
}

int main(int argc, char **argv)
{
	struct options o = {0};
	int first = 1, c, rc;

	o.topo.edge_nat = -1;
	o.topo.director = -1;
	/* --lang must take effect before any message is printed. */
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--") == 0)
			break;
		if (strncmp(argv[i], "--lang=", 7) == 0)
			o.lang = argv[i] + 7;
		else if (strcmp(argv[i], "--lang") == 0 && i + 1 < argc)
			o.lang = argv[i + 1];
	}
	i18n_init(o.lang && i18n_language_known(o.lang) ? o.lang : NULL);
	o.lang = NULL;

	if (argc > 1 && (strcmp(argv[1], "report") == 0 || strcmp(argv[1], "check") == 0)) {
		o.command = argv[1];
		first = 2;
	}
	optind = first;
	opterr = 1;
	while ((c = getopt_long(argc, argv, "t:f:o:hV", long_options, NULL)) != -1) {
		rc = parse_option(c, optarg, &o);
		if (rc >= 0)
			return rc;
	}
	if (optind < argc)
		o.plan_path = argv[optind++];
	if (optind < argc)
		return usage_error(_("unexpected argument '%s'"), argv[optind]);

	if (!o.command)
		return tui_main(o.plan_path);
	if (strcmp(o.command, "check") == 0)
		return run_check(&o);
	return run_report(&o);
}
