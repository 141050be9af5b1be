/* cli.c: parsing the command line into struct cli_options. */
#include "ucplan/cli.h"

#include <getopt.h>
#include <string.h>

#include "ucplan/catalog.h"
#include "ucplan/export.h"
#include "ucplan/i18n.h"

static enum uc_status usage(struct uc_error *err, const char *fmt, const char *arg)
{
	return uc_error_set(err, UC_ERR_USAGE, NULL, 0, fmt, arg);
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
static enum uc_status parse_option(int c, const char *arg, struct cli_options *o,
				   struct uc_error *err)
{
	struct cli_topology *t = &o->topo;
	enum catalog_table table;

	switch (c) {
	case 't':
		if (strcmp(arg, "all") == 0)
			o->tables = EXPORT_ALL_TABLES;
		else if (catalog_table_parse(arg, &table))
			o->tables = EXPORT_TABLE_BIT(table);
		else
			return usage(err, _("unknown table '%s': use firewall, lb, ipsec or all"),
					   arg);
		return UC_OK;
	case 'f':
		if (!export_find(arg))
			return usage(err, _("unknown format '%s': use text, csv or xml"), arg);
		o->format = arg;
		return UC_OK;
	case 'o':
		if (!*arg)
			return usage(err, "%s", _("an output file name is empty"));
		o->output = arg;
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

const char *cli_find_lang(int argc, char **argv)
{
	const char *lang = NULL;

	for (int i = 1; i < argc && argv[i]; i++) {
		if (strcmp(argv[i], "--") == 0)
			break;
		if (strncmp(argv[i], "--lang=", 7) == 0)
			lang = argv[i] + 7;
		else if (strcmp(argv[i], "--lang") == 0 && i + 1 < argc)
			lang = argv[i + 1];
	}
	return lang;
}

enum uc_status cli_parse(int argc, char **argv, struct cli_options *o, struct uc_error *err)
{
	int first = 1, c;

	if (argc < 1 || !argv)
		return usage(err, "%s", _("no arguments"));

	memset(o, 0, sizeof *o);
	o->topo.edge_nat = -1;
	o->topo.director = -1;
	if (argc > 1 && argv[1] && strcmp(argv[1], "report") == 0) {
		o->command = CLI_REPORT;
		first = 2;
	} else if (argc > 1 && argv[1] && strcmp(argv[1], "check") == 0) {
		o->command = CLI_CHECK;
		first = 2;
	}
	/* getopt keeps state between calls: optind 0 makes GNU getopt start
	 * over.  The command word is skipped by shifting argv.  Its own
	 * messages are off: ours are translated and name the option. */
	argc -= first - 1;
	argv += first - 1;
	optind = 0;
	opterr = 0;
	for (;;) {
		enum uc_status s;
		int prev = optind ? optind : 1;
		/* leading "-": operands come back as code 1, in order */
		c = getopt_long(argc, argv, "-:t:f:o:hV", long_options, NULL);
		if (c == -1)
			break;
		if (c == 1) {
			/* the command word may follow options: ucplan --lang es report */
			if (o->command == CLI_WIZARD && !o->plan_path &&
			    (strcmp(optarg, "report") == 0 || strcmp(optarg, "check") == 0)) {
				o->command = strcmp(optarg, "report") == 0 ? CLI_REPORT : CLI_CHECK;
				continue;
			}
			if (o->plan_path)
				return usage(err, _("unexpected argument '%s'"), optarg);
			o->plan_path = optarg;
			continue;
		}
		if (c == '?' || c == ':') {
			const char *arg = prev < argc && argv[prev] ? argv[prev] : "";
			if (c == ':')
				return usage(err, _("option '%s' needs a value"), arg);
			return usage(err, _("unknown option '%s'"), arg);
		}
		s = parse_option(c, optarg, o, err);
		if (s != UC_OK)
			return s;
		if (o->command == CLI_HELP || o->command == CLI_VERSION)
			return UC_OK;
	}
	/* After "--" getopt stops: what follows are operands too. */
	for (; optind < argc; optind++) {
		if (o->plan_path)
			return usage(err, _("unexpected argument '%s'"), argv[optind]);
		o->plan_path = argv[optind];
	}
	return UC_OK;
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
