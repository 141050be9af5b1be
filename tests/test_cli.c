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

static void test_find_lang(void **state)
{
	char *a[] = {"ucplan", "report", "--lang", "es", NULL};
	char *b[] = {"ucplan", "--lang=zh_CN", NULL};
	char *c[] = {"ucplan", "--", "--lang=it", NULL};
	char *d[] = {"ucplan", "--lang", NULL};

	(void)state;
	assert_string_equal(cli_find_lang(4, a), "es");
	assert_string_equal(cli_find_lang(2, b), "zh_CN");
	assert_null(cli_find_lang(3, c));
	assert_null(cli_find_lang(2, d));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_commands),
		cmocka_unit_test(test_topology),
		cmocka_unit_test(test_usage_errors),
		cmocka_unit_test(test_formats_and_header),
		cmocka_unit_test(test_find_lang),
	};

	setlocale(LC_ALL, "C.UTF-8");
	i18n_set_language("en");
	return cmocka_run_group_tests_name("cli", tests, NULL, NULL);
}
