/* test_scripts.c: the quoting under the script exporters, and the scripts
 * of a plan whose names hold line breaks.
 *
 * A plan file cannot carry a control character or a Unicode line break in
 * a name (the loader refuses them), so tests/scripts.sh cannot feed them
 * through the command line: here the plan is changed in memory, past the
 * loader, and every script must keep the lines it has with plain names. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../src/export/script.h"
#include "ucplan/catalog.h"
#include "ucplan/export.h"
#include "ucplan/i18n.h"

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

static char *quoted(void (*quote)(struct strbuf *, const char *), const char *s)
{
	struct strbuf sb = {0};

	quote(&sb, s);
	return strbuf_detach(&sb);
}

static void test_ps_quote(void **state)
{
	char *q;

	(void)state;
	q = quoted(script_ps_quote, "plain");
	assert_string_equal(q, "'plain'");
	free(q);
	/* every quote PowerShell knows is doubled; $, backtick and double
	 * quotes mean nothing inside verbatim strings and stay */
	q = quoted(script_ps_quote, "a'b\u2018c\u2019d\u201ae\u201bf");
	assert_string_equal(q, "'a''b\u2018\u2018c\u2019\u2019d\u201a\u201ae\u201b\u201bf'");
	free(q);
	q = quoted(script_ps_quote, "$(x) `n \"\u201c\u201d\u201e");
	assert_string_equal(q, "'$(x) `n \"\u201c\u201d\u201e'");
	free(q);
	q = quoted(script_ps_quote, "a\nb\rc\u2028d\u2029e\xc2\x85" "f\x1bg");
	assert_string_equal(q, "'a b c d e f g'");
	free(q);
	q = quoted(script_ps_quote, NULL);
	assert_string_equal(q, "''");
	free(q);
}

static void test_sh_quote(void **state)
{
	char *q;

	(void)state;
	q = quoted(script_sh_quote, "it's $(x) `y` \"z\"");
	assert_string_equal(q, "'it'\\''s $(x) `y` \"z\"'");
	free(q);
	q = quoted(script_sh_quote, "a\nb");
	assert_string_equal(q, "'a b'");
	free(q);
}

static void test_slug(void **state)
{
	struct strbuf a = {0}, b = {0}, c = {0};

	(void)state;
	script_slug(&a, "site-1");
	assert_string_equal(a.data, "site-1"); /* already a slug: kept */
	script_slug(&b, "Site 1");
	script_slug(&c, "site 1");
	/* different names never share a slug */
	assert_string_not_equal(b.data, c.data);
	assert_int_equal(strncmp(b.data, "site-1-", 7), 0);
	strbuf_free(&a);
	strbuf_free(&b);
	script_slug(&a, "\xe5\x8c\x97\xe4\xba\xac"); /* no ASCII letter at all */
	assert_int_equal(a.data[0], 'x');
	for (const char *p = a.data; *p; p++)
		assert_true((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '-');
	strbuf_free(&a);
	strbuf_free(&c);
}

/* The script of plan in format name, as one string. */
static char *script_of(const struct plan *plan, const char *name)
{
	const struct exporter *ex = export_find(name);
	struct report *r = report_build(plan, catalog);
	struct export_options opts;
	struct uc_error err = {0};
	char *buf = NULL;
	size_t size = 0;
	FILE *f = open_memstream(&buf, &size);

	assert_non_null(ex);
	export_default_options(&opts);
	assert_int_equal(ex->write(r, &opts, f, &err), UC_OK);
	fclose(f);
	report_free(r);
	return buf;
}

static size_t lines_of(const char *s)
{
	size_t n = 0;

	for (; *s; s++)
		n += *s == '\n';
	return n;
}

static void set(char **field, const char *value)
{
	free(*field);
	*field = xstrdup(value);
}

static struct plan *plan_named(const char *plan_name, const char *site_name)
{
	struct plan *p = plan_new_default();

	plan_set_edge(p, 0, EDGE_SINGLE, EDGE_ADDR_NAT, 1);
	plan_set_director(p, 0, true, 2);
	p->ipsec = true;
	set(&p->name, plan_name);
	set(&p->sites[0].name, site_name);
	return p;
}

static void test_line_breaks_stay_inside(void **state)
{
	static const char *const formats[] = {"ps1", "probe-ps1", "probe-sh", "nft"};
	const char *evil = "a\nINJECTED\rINJECTED\xe2\x80\xa8INJECTED\xc2\x85INJECTED\x1b[2J";
	struct plan *plain = plan_named("Plain", "Site");
	struct plan *hostile = plan_named(evil, evil);

	(void)state;
	for (size_t i = 0; i < sizeof formats / sizeof formats[0]; i++) {
		char *a = script_of(plain, formats[i]);
		char *b = script_of(hostile, formats[i]);
		/* the hostile names are there, on the lines of the plain ones */
		assert_non_null(strstr(b, "INJECTED"));
		assert_int_equal(lines_of(a), lines_of(b));
		for (const char *p = b; (p = strstr(p, "INJECTED")); p++)
			assert_true(p > b && p[-1] != '\n');
		assert_null(strchr(b, '\r'));
		assert_null(strstr(b, "\xe2\x80\xa8"));
		assert_null(strstr(b, "\xc2\x85"));
		assert_null(strchr(b, '\x1b'));
		free(a);
		free(b);
	}
	plan_free(plain);
	plan_free(hostile);
}

/* A server name that the loader would refuse still reaches the scripts
 * only inside quotes: the PowerShell and shell scripts keep their lines. */
static void test_server_name_stays_quoted(void **state)
{
	struct plan *plain = plan_named("P", "S");
	struct plan *hostile = plan_named("P", "S");
	char *a, *b;

	(void)state;
	set(&hostile->sites[0].frontend.servers[0].fqdn, "fe01'\n$(reboot)\n'.example.com");
	a = script_of(plain, "ps1");
	b = script_of(hostile, "ps1");
	assert_int_equal(lines_of(a), lines_of(b));
	assert_non_null(strstr(b, "'fe01'' $(reboot) ''.example.com'"));
	free(a);
	free(b);
	a = script_of(plain, "probe-sh");
	b = script_of(hostile, "probe-sh");
	assert_int_equal(lines_of(a), lines_of(b));
	assert_non_null(strstr(b, "'fe01'\\'' $(reboot) '\\''.example.com"));
	free(a);
	free(b);
	plan_free(plain);
	plan_free(hostile);
}

/* The ruleset names no host: nft would resolve it through DNS. */
static void test_nft_addresses_only(void **state)
{
	struct plan *p = plan_named("P", "S");
	char *s;

	(void)state;
	set(&p->sites[0].edges[0].access, "edge.example.com");
	s = script_of(p, "nft");
	assert_null(strstr(s, "edge.example.com"));
	assert_non_null(strstr(s, "elements = {"));
	free(s);
	plan_free(p);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_ps_quote),
	    cmocka_unit_test(test_sh_quote),
	    cmocka_unit_test(test_slug),
	    cmocka_unit_test(test_line_breaks_stay_inside),
	    cmocka_unit_test(test_server_name_stays_quoted),
	    cmocka_unit_test(test_nft_addresses_only),
	};

	return cmocka_run_group_tests_name("scripts", tests, setup, teardown);
}
