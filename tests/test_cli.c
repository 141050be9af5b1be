/* test_cli.c: the command-line parser. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <locale.h>
#include <string.h>

#include "ucplan/cli.h"
#include "ucplan/export.h"
#include "ucplan/i18n.h"

/* Parses a NULL-terminated list of words (argv[0] is added). */
static enum uc_status parse(struct cli_options *o, struct uc_error *err, ...)
{
	char *argv[32] = {"ucplan"};
	int argc = 1;
	va_list ap;

	va_start(ap, err);
	for (char *w; argc < 31 && (w = va_arg(ap, char *)); argc++)
		argv[argc] = w;
	va_end(ap);
	argv[argc] = NULL;
	return cli_parse(argc, argv, o, err);
}

static void test_commands(void **state)
{
	struct cli_options o;
	struct uc_error err = {0};

	(void)state;
	assert_int_equal(parse(&o, &err, NULL), UC_OK);
	assert_int_equal(o.command, CLI_WIZARD);
	assert_null(o.plan_path);
	assert_int_equal(parse(&o, &err, "plan.xml", NULL), UC_OK);
	assert_int_equal(o.command, CLI_WIZARD);
	assert_string_equal(o.plan_path, "plan.xml");
	assert_int_equal(parse(&o, &err, "report", "-t", "lb", "p.xml", "-f", "csv", NULL), UC_OK);
	assert_int_equal(o.command, CLI_REPORT);
	assert_string_equal(o.plan_path, "p.xml");
	assert_int_equal(o.tables, EXPORT_TABLE_BIT(CATALOG_LB));
	assert_string_equal(o.format, "csv");
	assert_int_equal(parse(&o, &err, "--lang", "es", "report", "p.xml", NULL), UC_OK);
	assert_int_equal(o.command, CLI_REPORT);
	assert_string_equal(o.plan_path, "p.xml");
	assert_int_equal(parse(&o, &err, "check", "p.xml", NULL), UC_OK);
	assert_int_equal(o.command, CLI_CHECK);
	assert_int_equal(parse(&o, &err, "report", "--help", NULL), UC_OK);
	assert_int_equal(o.command, CLI_HELP);
	assert_int_equal(parse(&o, &err, "-V", NULL), UC_OK);
	assert_int_equal(o.command, CLI_VERSION);
	/* parsing twice gives the same answer: getopt is reset */
	assert_int_equal(parse(&o, &err, "report", "-o", "x.csv", NULL), UC_OK);
	assert_string_equal(o.output, "x.csv");
	assert_int_equal(parse(&o, &err, "report", "-o", "x.csv", NULL), UC_OK);
	assert_string_equal(o.output, "x.csv");
}

static void test_topology(void **state)
{
	struct cli_options o;
	struct uc_error err = {0};
	struct plan *plan;

	(void)state;
	assert_int_equal(parse(&o, &err, "report", "--edge", "scaled-dns", "--edge-nat",
			       "--director", "--um=tls", "--federation", "sip,xmpp", "--ipsec",
			       "--pool-lb", "hardware", "--mediation", "standalone", NULL),
			 UC_OK);
	assert_true(cli_topology_given(&o.topo));
	plan = plan_new_default();
	cli_apply_topology(plan, &o.topo);
	assert_int_equal(plan->sites[0].edge, EDGE_SCALED_DNS);
	assert_int_equal(plan->sites[0].edge_addressing, EDGE_ADDR_NAT);
	assert_true(plan->sites[0].n_edges >= 2);
	assert_true(plan->sites[0].director);
	assert_int_equal(plan->sites[0].um, UM_TLS);
	assert_int_equal(plan->federation, FEDERATION_SIP | FEDERATION_XMPP);
	assert_true(plan->ipsec);
	assert_int_equal(plan->sites[0].pool_lb, POOL_LB_HARDWARE);
	assert_int_equal(plan->sites[0].mediation, MEDIATION_STANDALONE);
	plan_free(plan);
	assert_int_equal(parse(&o, &err, "report", NULL), UC_OK);
	assert_false(cli_topology_given(&o.topo));
}

static void test_usage_errors(void **state)
{
	struct cli_options o;
	struct uc_error err = {0};

	(void)state;
	assert_int_equal(parse(&o, &err, "report", "--frobnicate", NULL), UC_ERR_USAGE);
	assert_non_null(strstr(err.message, "--frobnicate"));
	assert_int_equal(parse(&o, &err, "report", "-t", NULL), UC_ERR_USAGE);
	assert_non_null(strstr(err.message, "-t"));
	assert_int_equal(parse(&o, &err, "report", "-t", "routers", NULL), UC_ERR_USAGE);
	assert_non_null(strstr(err.message, "routers"));
	assert_int_equal(parse(&o, &err, "report", "--lang", "fr", NULL), UC_ERR_USAGE);
	assert_int_equal(parse(&o, &err, "report", "--edge", "huge", NULL), UC_ERR_USAGE);
	assert_int_equal(parse(&o, &err, "report", "--federation", "icq", NULL), UC_ERR_USAGE);
	assert_int_equal(parse(&o, &err, "report", "a.xml", "b.xml", NULL), UC_ERR_USAGE);
	assert_non_null(strstr(err.message, "b.xml"));
	assert_int_equal(parse(&o, &err, "report", "--csv-separator", "tab", NULL), UC_ERR_USAGE);
	assert_int_equal(cli_parse(0, NULL, &o, &err), UC_ERR_USAGE);
}

/* Every format -f accepts has an exporter, and --header takes labels or
 * keys. */
static void test_formats_and_header(void **state)
{
	struct cli_options o;
	struct uc_error err = {0};

	(void)state;
	for (size_t i = 0; cli_formats[i]; i++)
		assert_non_null(export_find(cli_formats[i]));
	assert_true(cli_format_known("json"));
	assert_false(cli_format_known("pdf"));
	assert_int_equal(parse(&o, &err, "report", "-f", "json", "--header", "keys", NULL), UC_OK);
	assert_true(o.header_keys);
	assert_string_equal(o.format, "json");
	assert_int_equal(parse(&o, &err, "report", "--header", "columns", NULL), UC_ERR_USAGE);
	assert_non_null(strstr(err.message, "labels or keys"));
}

/* --lang is an option like the others: getopt_long parses it, abbreviated
 * too, and it is kept when another option is wrong so that main.c can say
 * so in that language. */
static void test_lang(void **state)
{
	struct cli_options o;
	struct uc_error err = {0};

	(void)state;
	assert_int_equal(parse(&o, &err, "report", "--lang", "es", NULL), UC_OK);
	assert_string_equal(o.lang, "es");
	assert_int_equal(parse(&o, &err, "--lang=zh_CN", NULL), UC_OK);
	assert_string_equal(o.lang, "zh_CN");
	assert_int_equal(parse(&o, &err, "report", "--la", "it", NULL), UC_OK);
	assert_string_equal(o.lang, "it");
	assert_int_equal(parse(&o, &err, "--lan=es", "report", NULL), UC_OK);
	assert_string_equal(o.lang, "es");
	assert_int_equal(o.command, CLI_REPORT);
	/* after "--" it is a plan file name */
	assert_int_equal(parse(&o, &err, "report", "--", "--lang=it", NULL), UC_OK);
	assert_null(o.lang);
	assert_string_equal(o.plan_path, "--lang=it");
	assert_int_equal(parse(&o, &err, "--lang", NULL), UC_ERR_USAGE);
	assert_non_null(strstr(err.message, "--lang"));
	assert_int_equal(parse(&o, &err, "--lang", "fr", NULL), UC_ERR_USAGE);
	assert_non_null(strstr(err.message, "'fr'"));
	/* the first error is the one reported; --lang after it still counts */
	assert_int_equal(parse(&o, &err, "report", "--bogus", "-t", "x", "--la", "es", NULL),
			 UC_ERR_USAGE);
	assert_non_null(strstr(err.message, "--bogus"));
	assert_string_equal(o.lang, "es");
	assert_int_equal(parse(&o, &err, "report", "-f", "pdf", "--lang=it", NULL), UC_ERR_USAGE);
	assert_non_null(strstr(err.message, "pdf"));
	assert_string_equal(o.lang, "it");
	/* --help and --version take --lang from anywhere on the line, and
	 * ignore what follows them otherwise */
	assert_int_equal(parse(&o, &err, "--help", "--lang", "es", NULL), UC_OK);
	assert_int_equal(o.command, CLI_HELP);
	assert_string_equal(o.lang, "es");
	assert_int_equal(parse(&o, &err, "report", "--help", "--la=it", "--bogus", NULL), UC_OK);
	assert_int_equal(o.command, CLI_HELP);
	assert_string_equal(o.lang, "it");
	assert_int_equal(parse(&o, &err, "-V", "--lang=zh_CN", NULL), UC_OK);
	assert_int_equal(o.command, CLI_VERSION);
	assert_string_equal(o.lang, "zh_CN");
	/* an abbreviation that fits two options is refused, not guessed */
	assert_int_equal(parse(&o, &err, "report", "--edge-", NULL), UC_ERR_USAGE);
}

/* -o - is standard output; a file named "-" is ./- */
static void test_output_dash(void **state)
{
	struct cli_options o;
	struct uc_error err = {0};

	(void)state;
	assert_int_equal(parse(&o, &err, "report", "-o", "-", NULL), UC_OK);
	assert_null(o.output);
	assert_int_equal(parse(&o, &err, "report", "--output=-", "-f", "csv", NULL), UC_OK);
	assert_null(o.output);
	assert_int_equal(parse(&o, &err, "diff", "-o", "-", "a.xml", "b.xml", NULL), UC_OK);
	assert_null(o.output);
	assert_int_equal(parse(&o, &err, "report", "-o", "./-", NULL), UC_OK);
	assert_string_equal(o.output, "./-");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_commands),
		cmocka_unit_test(test_topology),
		cmocka_unit_test(test_usage_errors),
		cmocka_unit_test(test_formats_and_header),
		cmocka_unit_test(test_lang),
		cmocka_unit_test(test_output_dash),
	};

	setlocale(LC_ALL, "C.UTF-8");
	i18n_set_language("en");
	return cmocka_run_group_tests_name("cli", tests, NULL, NULL);
}
