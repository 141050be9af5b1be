/* test_catalog.c: loading the catalog, refusing bad ones, conditions. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ucplan/catalog.h"
#include "ucplan/fileio.h"
#include "ucplan/i18n.h"
#include "ucplan/model.h"
#include "ucplan/xmldoc.h"

static char tmpdir[] = "/tmp/ucplan-test-catalog-XXXXXX";

static int setup(void **state)
{
	(void)state;
	setlocale(LC_ALL, "C.UTF-8");
	if (!mkdtemp(tmpdir))
		return -1;
	return 0;
}

static int teardown(void **state)
{
	char cmd[256];

	(void)state;
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
	return system(cmd) == 0 ? 0 : -1;
}

static void test_default_catalog_loads(void **state)
{
	struct catalog *c = NULL;
	struct uc_error err = {0};

	(void)state;
	assert_int_equal(catalog_load_default(&c, &err), UC_OK);
	assert_non_null(c);
	assert_true(c->n_rules > 150);
	assert_true(c->n_endpoints > 20);
	/* every rule names at least one source document */
	for (size_t i = 0; i < c->n_rules; i++) {
		assert_true(c->rules[i].n_refs > 0);
		assert_non_null(c->rules[i].note);
		assert_true(strlen(c->rules[i].note) > 0);
	}
	assert_non_null(catalog_find_rule(c, "fe-sip-5061"));
	assert_null(catalog_find_rule(c, "no-such-rule"));
	catalog_free(c);
}

/* The catalog text with one substitution applied, written to a file. */
static char *catalog_variant(const char *from, const char *to)
{
	char *path = uc_data_path("catalog.xml"), *data, *hit, *out;
	struct uc_error err = {0};
	size_t size;
	FILE *f;

	assert_int_equal(file_read_all(path, 16u << 20, &data, &size, &err), UC_OK);
	free(path);
	hit = strstr(data, from);
	assert_non_null(hit);
	path = xasprintf("%s/catalog.xml", tmpdir);
	f = fopen(path, "w");
	assert_non_null(f);
	fwrite(data, 1, (size_t)(hit - data), f);
	fputs(to, f);
	fputs(hit + strlen(from), f);
	assert_int_equal(fclose(f), 0);
	out = path;
	free(data);
	return out;
}

/* The schema check of the shipped catalog happens at build and test time
 * (here); at run time only a file that differs from it is checked. */
static void test_shipped_catalog_follows_schema(void **state)
{
	char *path = uc_data_path("catalog.xml"), *schema = uc_data_path("catalog.rng"), *data;
	struct uc_error err = {0};
	xmlDocPtr doc;
	size_t size;

	(void)state;
	assert_int_equal(file_read_all(path, 16u << 20, &data, &size, &err), UC_OK);
	assert_int_equal(xmldoc_parse(data, size, path, &doc, &err), UC_OK);
	assert_int_equal(xmldoc_validate(doc, schema, path, &err), UC_OK);
	xmlFreeDoc(doc);
	free(data);
	free(path);
	free(schema);
}

/* The shipped bytes need no schema at run time (a missing schema file
 * shows that it is not read); one byte more and the full check is back. */
static void test_schema_check_skipped_only_for_shipped_bytes(void **state)
{
	char *path = uc_data_path("catalog.xml"), *data;
	struct catalog *c = NULL;
	struct uc_error err = {0};
	size_t size;

	(void)state;
	assert_int_equal(file_read_all(path, 16u << 20, &data, &size, &err), UC_OK);
	assert_int_equal(catalog_load_memory(data, size, "shipped", "/nonexistent.rng", &c, &err),
			 UC_OK);
	catalog_free(c);
	data = xreallocarray(data, size + 2, 1);
	data[size] = '\n';
	assert_int_equal(
	    catalog_load_memory(data, size + 1, "changed", "/nonexistent.rng", &c, &err),
	    UC_ERR_IO);
	assert_null(c);
	assert_string_equal(err.file, "/nonexistent.rng");
	free(data);
	free(path);
}

static void assert_same_condition(const struct condition *a, const struct condition *b)
{
	assert_int_equal(a->n_atoms, b->n_atoms);
	for (size_t i = 0; i < a->n_atoms; i++) {
		assert_string_equal(a->atoms[i].name, b->atoms[i].name);
		assert_int_equal(a->atoms[i].negated, b->atoms[i].negated);
		assert_int_equal(a->atoms[i].mask, b->atoms[i].mask);
	}
}

static void assert_same_text(const char *a, const char *b)
{
	if (!a || !b)
		assert_ptr_equal(a, b);
	else
		assert_string_equal(a, b);
}

/* The shipped catalog loaded from its compiled tree equals the same text
 * parsed from XML (one byte more, so that it is parsed and checked). */
static void test_compiled_catalog_equals_parsed(void **state)
{
	char *path = uc_data_path("catalog.xml"), *schema = uc_data_path("catalog.rng"), *data;
	struct catalog *a = NULL, *b = NULL;
	struct uc_error err = {0};
	size_t size;

	(void)state;
	assert_int_equal(file_read_all(path, 16u << 20, &data, &size, &err), UC_OK);
	assert_int_equal(catalog_load_memory(data, size, "a", schema, &a, &err), UC_OK);
	data = xreallocarray(data, size + 2, 1);
	data[size] = '\n';
	assert_int_equal(catalog_load_memory(data, size + 1, "b", schema, &b, &err), UC_OK);
	assert_int_equal(a->n_sources, b->n_sources);
	for (size_t i = 0; i < a->n_sources; i++) {
		assert_same_text(a->sources[i].id, b->sources[i].id);
		assert_same_text(a->sources[i].file, b->sources[i].file);
		assert_same_text(a->sources[i].section, b->sources[i].section);
		assert_same_text(a->sources[i].document, b->sources[i].document);
		assert_same_text(a->sources[i].title, b->sources[i].title);
		assert_same_text(a->sources[i].article, b->sources[i].article);
		assert_same_text(a->sources[i].table, b->sources[i].table);
		assert_same_text(a->sources[i].url, b->sources[i].url);
	}
	assert_int_equal(a->n_scopes, b->n_scopes);
	for (size_t i = 0; i < a->n_scopes; i++) {
		assert_same_text(a->scopes[i].id, b->scopes[i].id);
		assert_same_text(a->scopes[i].label, b->scopes[i].label);
	}
	assert_int_equal(a->n_endpoints, b->n_endpoints);
	for (size_t i = 0; i < a->n_endpoints; i++) {
		assert_same_text(a->endpoints[i].id, b->endpoints[i].id);
		assert_same_text(a->endpoints[i].label, b->endpoints[i].label);
		assert_same_text(a->endpoints[i].lb_vip ? a->endpoints[i].lb_vip->id : NULL,
				 b->endpoints[i].lb_vip ? b->endpoints[i].lb_vip->id : NULL);
	}
	/* the load balancer settings, value by value */
	assert_int_equal(a->n_lb_profiles, b->n_lb_profiles);
	assert_true(a->n_lb_profiles > 0);
	for (size_t i = 0; i < a->n_lb_profiles; i++) {
		const struct catalog_lb_profile *x = &a->lb_profiles[i], *y = &b->lb_profiles[i];
		assert_same_text(x->id, y->id);
		assert_int_equal(x->persistence, y->persistence);
		assert_int_equal(x->idle_timeout, y->idle_timeout);
		assert_same_text(x->monitor_transport, y->monitor_transport);
		assert_int_equal(x->monitor_port, y->monitor_port);
		assert_int_equal(x->source_nat, y->source_nat);
		assert_same_text(x->note, y->note);
		assert_int_equal(x->n_sources, y->n_sources);
		for (size_t j = 0; j < x->n_sources; j++)
			assert_same_text(x->sources[j]->id, y->sources[j]->id);
	}
	assert_int_equal(a->n_rules, b->n_rules);
	for (size_t i = 0; i < a->n_rules; i++) {
		const struct catalog_rule *x = &a->rules[i], *y = &b->rules[i];
		assert_same_text(x->id, y->id);
		assert_int_equal(x->table, y->table);
		assert_string_equal(x->scope->id, y->scope->id);
		assert_string_equal(x->source->id, y->source->id);
		assert_string_equal(x->destination->id, y->destination->id);
		assert_same_text(x->transport, y->transport);
		assert_same_text(x->source_port, y->source_port);
		assert_same_text(x->destination_port, y->destination_port);
		assert_same_text(x->service, y->service);
		assert_same_text(x->authentication, y->authentication);
		assert_same_text(x->note, y->note);
		assert_same_text(x->lb ? x->lb->id : NULL, y->lb ? y->lb->id : NULL);
		assert_int_equal(x->line, y->line);
		assert_same_condition(&x->when, &y->when);
		assert_int_equal(x->n_refs, y->n_refs);
		for (size_t k = 0; k < x->n_refs; k++) {
			assert_string_equal(x->refs[k].source->id, y->refs[k].source->id);
			assert_same_condition(&x->refs[k].when, &y->refs[k].when);
		}
	}
	catalog_free(a);
	catalog_free(b);
	free(data);
	free(path);
	free(schema);
}

static void expect_refused(const char *from, const char *to, enum uc_status status,
			   const char *message_part)
{
	char *schema = uc_data_path("catalog.rng");
	char *path = catalog_variant(from, to);
	struct catalog *c = NULL;
	struct uc_error err = {0};

	assert_int_equal(catalog_load(path, schema, &c, &err), status);
	assert_null(c);
	assert_string_equal(err.file, path);
	assert_true(err.line > 0);
	if (!strstr(err.message, message_part))
		fail_msg("message \"%s\" lacks \"%s\"", err.message, message_part);
	free(path);
	free(schema);
}

static void test_refuses_schema_violation(void **state)
{
	(void)state;
	/* a port that is not a number, range, "any" or a known symbol */
	expect_refused("destination-port=\"5061\"", "destination-port=\"sip\"", UC_ERR_SCHEMA,
		       "schema");
}

static void test_refuses_unknown_endpoint(void **state)
{
	(void)state;
	expect_refused("destination=\"frontend-servers\"", "destination=\"front-end-servers\"",
		       UC_ERR_SCHEMA, "front-end-servers");
}

static void test_refuses_unknown_condition(void **state)
{
	(void)state;
	expect_refused("when=\"director\"", "when=\"directors\"", UC_ERR_SCHEMA, "directors");
	expect_refused("when=\"mediation=collocated\"", "when=\"mediation=colocated\"",
		       UC_ERR_SCHEMA, "colocated");
}

static void test_refuses_duplicate_id(void **state)
{
	(void)state;
	expect_refused("id=\"fe-sip-5060\"", "id=\"all-sql-browser\"", UC_ERR_SCHEMA,
		       "all-sql-browser");
}

/* A load balancer profile that is not there, on a rule that is not a load
 * balancer's, citing a source that is not there, or defined twice. */
static void test_refuses_bad_lb_profile(void **state)
{
	(void)state;
	expect_refused("lb-profile=\"pool-not-documented\"", "lb-profile=\"pool-undocumented\"",
		       UC_ERR_SCHEMA, "pool-undocumented");
	expect_refused("<rule id=\"client-dhcp\" table=\"firewall\"",
		       "<rule id=\"client-dhcp\" lb-profile=\"pool-not-documented\" table=\"firewall\"",
		       UC_ERR_SCHEMA, "only a load balancer rule");
	expect_refused("<ref source=\"lb-web\"/>", "<ref source=\"lb-webs\"/>", UC_ERR_SCHEMA,
		       "lb-webs");
	expect_refused("id=\"fe-web-external\"", "id=\"fe-web-internal\"", UC_ERR_SCHEMA,
		       "defined twice");
	/* a monitor without a port is refused by the schema */
	expect_refused("monitor=\"TCP 5061\"", "monitor=\"TCP\"", UC_ERR_SCHEMA, "schema");
}

static void test_refuses_broken_xml(void **state)
{
	(void)state;
	expect_refused("</rules>", "</rulez>", UC_ERR_PARSE, "well-formed");
}

static void test_refuses_doctype(void **state)
{
	(void)state;
	expect_refused("<catalog ",
		       "<!DOCTYPE catalog [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>\n<catalog ",
		       UC_ERR_PARSE, "DOCTYPE");
}

static void test_missing_catalog_is_io_error(void **state)
{
	char *schema = uc_data_path("catalog.rng");
	struct catalog *c = NULL;
	struct uc_error err = {0};

	(void)state;
	assert_int_equal(catalog_load("/nonexistent/catalog.xml", schema, &c, &err), UC_ERR_IO);
	assert_string_equal(err.file, "/nonexistent/catalog.xml");
	free(schema);
}

static void test_condition_parse_and_eval(void **state)
{
	struct plan *plan = plan_new_default();
	struct condition c;
	struct uc_error err = {0};
	struct site *s = &plan->sites[0];

	(void)state;
	assert_int_equal(condition_parse("", &c, &err), UC_OK);
	assert_true(condition_holds(&c, plan, s));
	condition_free(&c);

	assert_int_equal(condition_parse("edge", &c, &err), UC_OK);
	s->edge = EDGE_NONE;
	assert_false(condition_holds(&c, plan, s));
	s->edge = EDGE_SCALED_DNS;
	assert_true(condition_holds(&c, plan, s));
	condition_free(&c);

	assert_int_equal(condition_parse("edge=single|scaled-dns !director", &c, &err), UC_OK);
	s->director = false;
	assert_true(condition_holds(&c, plan, s));
	s->director = true;
	assert_false(condition_holds(&c, plan, s));
	s->director = false;
	s->edge = EDGE_SCALED_HLB;
	assert_false(condition_holds(&c, plan, s));
	condition_free(&c);

	assert_int_equal(condition_parse("federation=xmpp|sip", &c, &err), UC_OK);
	plan->federation = FEDERATION_PUBLIC_IM;
	assert_false(condition_holds(&c, plan, s));
	plan->federation = FEDERATION_PUBLIC_IM | FEDERATION_XMPP;
	assert_true(condition_holds(&c, plan, s));
	condition_free(&c);

	assert_int_equal(condition_parse("um", &c, &err), UC_OK);
	s->um = UM_NONE;
	assert_false(condition_holds(&c, plan, s));
	s->um = UM_DUAL;
	assert_true(condition_holds(&c, plan, s));
	condition_free(&c);

	assert_int_equal(condition_parse("version=lync2013", &c, &err), UC_OK);
	plan->version = PRODUCT_SFB2015;
	assert_false(condition_holds(&c, plan, s));
	plan->version = PRODUCT_LYNC2013;
	assert_true(condition_holds(&c, plan, s));
	condition_free(&c);

	assert_int_equal(condition_parse("ipsec=true", &c, &err), UC_ERR_SCHEMA);
	assert_int_equal(condition_parse("edge=huge", &c, &err), UC_ERR_SCHEMA);
	assert_int_equal(condition_parse("colour", &c, &err), UC_ERR_SCHEMA);
	plan_free(plan);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_default_catalog_loads),
	    cmocka_unit_test(test_shipped_catalog_follows_schema),
	    cmocka_unit_test(test_schema_check_skipped_only_for_shipped_bytes),
	    cmocka_unit_test(test_compiled_catalog_equals_parsed),
	    cmocka_unit_test(test_refuses_schema_violation),
	    cmocka_unit_test(test_refuses_unknown_endpoint),
	    cmocka_unit_test(test_refuses_unknown_condition),
	    cmocka_unit_test(test_refuses_duplicate_id),
	    cmocka_unit_test(test_refuses_bad_lb_profile),
	    cmocka_unit_test(test_refuses_broken_xml),
	    cmocka_unit_test(test_refuses_doctype),
	    cmocka_unit_test(test_missing_catalog_is_io_error),
	    cmocka_unit_test(test_condition_parse_and_eval),
	};

	return cmocka_run_group_tests_name("catalog", tests, setup, teardown);
}
