/* cli.c: parsing the command line into struct cli_options. */
#include "ucplan/cli.h"

#include <getopt.h>
#include <string.h>

#include "ucplan/catalog.h"
#include "ucplan/i18n.h"

static enum uc_status usage(struct uc_error *err, const char *fmt, const char *arg)
{
	return uc_error_set(err, UC_ERR_USAGE, NULL, 0, fmt, arg);
}

enum {
	OPT_LANG = 256,
	OPT_CSV_SEPARATOR,
	OPT_NO_BOM,
	OPT_HEADER,
	OPT_WIDE,
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
	OPT_SITE,
	OPT_ASCII,
};

/* The output formats of -f (DESIGN.md §3); main.c finds each one's
 * exporter, and test_cli checks that every one has an exporter. */
const char *const cli_formats[] = {"text", "csv",       "xml",      "json", "xlsx",
				   "ps1",  "nft",       "probe-ps1", "probe-sh", NULL};

const char *const cli_diagram_formats[] = {"text", "dot", "svg", "png", NULL};

static bool listed(const char *const *names, const char *name)
{
	for (size_t i = 0; names[i]; i++)
		if (strcmp(names[i], name) == 0)
			return true;
	return false;
}

bool cli_format_known(const char *name)
{
	return listed(cli_formats, name);
}

static const struct option long_options[] = {
	{"table", required_argument, NULL, 't'},
	{"format", required_argument, NULL, 'f'},
	{"output", required_argument, NULL, 'o'},
	{"lang", required_argument, NULL, OPT_LANG},
	{"csv-separator", required_argument, NULL, OPT_CSV_SEPARATOR},
	{"no-bom", no_argument, NULL, OPT_NO_BOM},
	{"header", required_argument, NULL, OPT_HEADER},
	{"wide", no_argument, NULL, OPT_WIDE},
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
	{"site", required_argument, NULL, OPT_SITE},
	{"ascii", no_argument, NULL, OPT_ASCII},
	{"help", no_argument, NULL, 'h'},
	{"version", no_argument, NULL, 'V'},
	{NULL, 0, NULL, 0},
};

/* Returns -1 to go on, or an exit code. */
static enum uc_status parse_option(int c, const char *arg, struct cli_options *o,
				   struct uc_error *err)
{
	struct cli_topology *t = &o->topo;
	enum catalog_table table;

	switch (c) {
	case 't':
		if (strcmp(arg, "all") == 0)
			o->tables = CATALOG_ALL_TABLES;
		else if (catalog_table_parse(arg, &table))
			o->tables = CATALOG_TABLE_BIT(table);
		else
			return usage(err,
				     _("unknown table '%s': use firewall, lb, ipsec, programs, dns, "
				       "certificates, summary or all"),
				     arg);
		return UC_OK;
	case 'f':
		/* checked once the command is known (check_format) */
		o->format = arg;
		return UC_OK;
	case OPT_SITE:
		if (!*arg)
			return usage(err, "%s", _("a site name is empty"));
		o->site = arg;
		return UC_OK;
	case OPT_ASCII:
		o->ascii = true;
		return UC_OK;
	case 'o':
		if (!*arg)
			return usage(err, "%s", _("an output file name is empty"));
		/* "-" is standard output, as for most tools; ./- names a file */
		o->output = strcmp(arg, "-") == 0 ? NULL : arg;
		return UC_OK;
	case OPT_LANG:
		if (!i18n_language_known(arg))
			return usage(err, _("unknown language '%s': use en, es, it or zh_CN"), arg);
		o->lang = arg;
		return UC_OK;
	case OPT_CSV_SEPARATOR:
		if (strcmp(arg, ",") == 0 || strcmp(arg, "comma") == 0)
			o->separator = ',';
		else if (strcmp(arg, ";") == 0 || strcmp(arg, "semicolon") == 0)
			o->separator = ';';
		else
			return usage(err, _("unknown CSV separator '%s': use comma or semicolon"),
					   arg);
		return UC_OK;
	case OPT_NO_BOM:
		o->no_bom = true;
		return UC_OK;
	case OPT_WIDE:
		o->wide = true;
		return UC_OK;
	case OPT_HEADER:
		if (strcmp(arg, "keys") == 0)
			o->header_keys = true;
		else if (strcmp(arg, "labels") == 0)
			o->header_keys = false;
		else
			return usage(err, _("unknown CSV header '%s': use labels or keys"), arg);
		return UC_OK;
	case OPT_PRODUCT:
		if (!model_version_parse(arg, &t->version))
			return usage(err, _("unknown product '%s': use lync2013 or sfb2015"), arg);
		t->version_set = true;
		return UC_OK;
	case OPT_EDGE:
		if (!model_edge_parse(arg, &t->edge))
			return usage(err, 
				_("unknown Edge topology '%s': use none, single, scaled-dns or "
				  "scaled-hlb"),
				arg);
		t->edge_set = true;
		return UC_OK;
	case OPT_EDGE_NAT:
		t->edge_nat = 1;
		return UC_OK;
	case OPT_EDGE_PUBLIC:
		t->edge_nat = 0;
		return UC_OK;
	case OPT_POOL_LB:
		if (!model_pool_lb_parse(arg, &t->pool_lb))
			return usage(err, _("unknown load balancing '%s': use dns or hardware"),
					   arg);
		t->pool_lb_set = true;
		return UC_OK;
	case OPT_DIRECTOR:
		t->director = 1;
		return UC_OK;
	case OPT_NO_DIRECTOR:
		t->director = 0;
		return UC_OK;
	case OPT_MEDIATION:
		if (!model_mediation_parse(arg, &t->mediation))
			return usage(err, 
				_("unknown Mediation mode '%s': use none, collocated or standalone"),
				arg);
		t->mediation_set = true;
		return UC_OK;
	case OPT_UM:
		if (!model_um_parse(arg, &t->um))
			return usage(err, _("unknown UM mode '%s': use none, tcp, tls or dual"),
					   arg);
		t->um_set = true;
		return UC_OK;
	case OPT_FEDERATION:
		if (!model_federation_parse(arg, &t->federation))
			return usage(err, _("unknown federation list '%s': use a comma list of "
					     "sip, public-im and xmpp, or none"),
					   arg);
		t->federation_set = true;
		return UC_OK;
	case OPT_REVERSE_PROXY:
		t->reverse_proxy = true;
		return UC_OK;
	case OPT_PERSISTENT_CHAT:
		t->persistent_chat = true;
		return UC_OK;
	case OPT_OFFICE_WEB_APPS:
		t->office_web_apps = true;
		return UC_OK;
	case OPT_IPSEC:
		t->ipsec = true;
		return UC_OK;
	case 'h':
		o->command = CLI_HELP;
		return UC_OK;
	case 'V':
		o->command = CLI_VERSION;
		return UC_OK;
	default:
		return UC_ERR_USAGE; /* the caller names the option */
	}
}

/* The command words, each once: true and *out set when word is one. */
static bool command_word(const char *word, enum cli_command *out)
{
	static const struct {
		const char *word;
		enum cli_command command;
	} commands[] = {{"report", CLI_REPORT},
			{"check", CLI_CHECK},
			{"diff", CLI_DIFF},
			{"diagram", CLI_DIAGRAM}};

	for (size_t i = 0; word && i < sizeof commands / sizeof commands[0]; i++)
		if (strcmp(word, commands[i].word) == 0) {
			*out = commands[i].command;
			return true;
		}
	return false;
}

/* diff takes two reports and renders to text, CSV or JSON; what makes a
 * report (a plan, topology options) does not apply to it. */
static enum uc_status check_diff(const struct cli_options *o, struct uc_error *err)
{
	if (!o->old_report)
		return usage(err, "%s",
			     _("diff needs two reports: ucplan diff OLD NEW (XML reports written "
			       "by 'ucplan report -f xml')"));
	if (!o->new_report)
		return usage(err,
			     _("diff needs a second report to compare '%s' with: ucplan "
			       "diff OLD NEW"),
			     o->old_report);
	if (o->format && strcmp(o->format, "text") != 0 && strcmp(o->format, "csv") != 0 &&
	    strcmp(o->format, "json") != 0)
		return usage(err, _("diff writes text, csv or json, not '%s'"), o->format);
	if (cli_topology_given(&o->topo))
		return usage(err, "%s",
			     _("topology options do not apply to diff; give them to 'ucplan "
			       "report' when you make the reports"));
	return UC_OK;
}

/* -f names a format of the command; --site and --ascii belong to diagram. */
static enum uc_status check_format(const struct cli_options *o, struct uc_error *err)
{
	if (o->command == CLI_DIAGRAM) {
		if (o->tables)
			return usage(err, "%s",
				     _("--table does not apply to diagram: it draws the flows of the "
				       "firewall table"));
		if (o->format && !listed(cli_diagram_formats, o->format))
			return usage(err, _("unknown diagram format '%s': use text, dot, svg or png"),
				     o->format);
		return UC_OK;
	}
	if (o->site)
		return usage(err, "%s", _("--site applies to diagram only"));
	if (o->ascii)
		return usage(err, "%s", _("--ascii applies to diagram only"));
	if (o->format && o->command != CLI_DIFF && !cli_format_known(o->format))
		return usage(err,
			     _("unknown format '%s': use text, csv, xml, json, xlsx, ps1, nft, "
			       "probe-ps1 or probe-sh"),
			     o->format);
	return UC_OK;
}

/* An operand: the plan, or for diff the old then the new report. */
static enum uc_status take_operand(struct cli_options *o, const char *arg, struct uc_error *err)
{
	if (o->command == CLI_DIFF) {
		if (o->new_report)
			return usage(err, _("unexpected argument '%s'"), arg);
		*(o->old_report ? &o->new_report : &o->old_report) = arg;
		return UC_OK;
	}
	if (o->plan_path)
		return usage(err, _("unexpected argument '%s'"), arg);
	o->plan_path = arg;
	return UC_OK;
}

enum uc_status cli_parse(int argc, char **argv, struct cli_options *o, struct uc_error *err)
{
	int first = 1, c;
	enum uc_status status = UC_OK;

	if (argc < 1 || !argv)
		return usage(err, "%s", _("no arguments"));

	memset(o, 0, sizeof *o);
	o->topo.edge_nat = -1;
	o->topo.director = -1;
	if (argc > 1 && command_word(argv[1], &o->command))
		first = 2;
	/* getopt keeps state between calls: optind 0 makes GNU getopt start
	 * over.  The command word is skipped by shifting argv.  Its own
	 * messages are off: ours are translated and name the option. */
	argc -= first - 1;
	argv += first - 1;
	optind = 0;
	opterr = 0;
	/* After the first error, or after --help or --version, the rest is
	 * still read, for --lang only: the caller can then say what was wrong,
	 * or print the help, in the language asked for wherever --lang is. */
	for (;;) {
		enum uc_status s = UC_OK;
		int prev = optind ? optind : 1;
		/* leading "-": operands come back as code 1, in order */
		c = getopt_long(argc, argv, "-:t:f:o:hV", long_options, NULL);
		if (c == -1)
			break;
		if (status != UC_OK || o->command == CLI_HELP || o->command == CLI_VERSION) {
			if (c == OPT_LANG && i18n_language_known(optarg))
				o->lang = optarg;
			continue;
		}
		if (c == 1) {
			/* the command word may follow options: ucplan --lang es report */
			if (o->command == CLI_WIZARD && !o->plan_path &&
			    command_word(optarg, &o->command))
				continue;
			s = take_operand(o, optarg, err);
		} else if (c == '?' || c == ':') {
			const char *arg = prev < argc && argv[prev] ? argv[prev] : "";
			if (c == ':')
				s = usage(err, _("option '%s' needs a value"), arg);
			else
				s = usage(err, _("unknown option '%s'"), arg);
		} else {
			s = parse_option(c, optarg, o, err);
		}
		status = s;
	}
	if (status != UC_OK || o->command == CLI_HELP || o->command == CLI_VERSION)
		return status;
	/* After "--" getopt stops: what follows are operands too. */
	for (; optind < argc; optind++) {
		enum uc_status s = take_operand(o, argv[optind], err);
		if (s != UC_OK)
			return s;
	}
	if (o->command == CLI_DIFF && check_diff(o, err) != UC_OK)
		return UC_ERR_USAGE;
	return check_format(o, err);
}

bool cli_topology_given(const struct cli_topology *t)
{
	return t->edge_set || t->edge_nat >= 0 || t->pool_lb_set || t->director >= 0 ||
	       t->mediation_set || t->um_set || t->federation_set || t->version_set ||
	       t->persistent_chat || t->office_web_apps || t->ipsec || t->reverse_proxy;
}

void cli_apply_topology(struct plan *plan, const struct cli_topology *t)
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
