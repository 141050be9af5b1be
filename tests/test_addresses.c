/* test_addresses.c: the names-and-addresses list, typed values and numbering. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ucplan/i18n.h"
#include "ucplan/model.h"
#include "ucplan/wizard.h"

enum { MSG = 512 };

static int setup(void **state)
{
	(void)state;
	setlocale(LC_ALL, "C.UTF-8");
	return 0;
}

/* A site with every role: Director, stand-alone Mediation, a scaled Edge
 * behind NAT, reverse proxy, Persistent Chat, Office Web Apps, Exchange UM
 * and one appliance branch. */
static struct plan *rich_plan(void)
{
	struct plan *p = plan_new_default();

	plan_set_director(p, 0, true, 2);
	plan_set_mediation(p, 0, MEDIATION_STANDALONE, 2, 2);
	plan_set_edge(p, 0, EDGE_SCALED_DNS, EDGE_ADDR_NAT, 3);
	plan_set_reverse_proxy(p, 0, true);
	plan_set_persistent_chat(p, 0, true);
	plan_set_office_web_apps(p, 0, true);
	plan_set_um(p, 0, UM_TLS, 2);
	plan_add_branch(p, 0, "Cork", BRANCH_SBA);
	plan_add_branch(p, 0, "Kiosk", BRANCH_NONE);
	return p;
}

static size_t count_label(const struct address_entry *e, size_t n, const char *label)
{
	size_t k = 0;

	for (size_t i = 0; i < n; i++)
		k += strcmp(e[i].label, label) == 0;
	return k;
}

static const struct address_entry *find_label(const struct address_entry *e, size_t n,
					      const char *label, unsigned member)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(e[i].label, label) == 0 && e[i].member == member)
			return &e[i];
	fail_msg("no entry %s #%u", label, member);
	return NULL;
}

static size_t index_of(const struct address_entry *e, size_t n, const char *label, unsigned member)
{
	return (size_t)(find_label(e, n, label, member) - e);
}

static void test_listing(void **state)
{
	struct plan *p = rich_plan();
	struct site *s = &p->sites[0];
	struct address_entry *e;
	size_t n;
	const struct address_entry *x;

	(void)state;
	n = wizard_addresses(p, 0, &e);
	/* Front End 9 (pool, VIP, internal and external web services, file
	 * store, 2 x 2), Director 8 (the same without file store), Mediation 5
	 * (no VIP with DNS load balancing), Edge 28 (pool, three external
	 * service names, 3 x 8), reverse proxy 3, Persistent Chat 3, Office
	 * Web Apps 4 (with its external name), UM 4, gateways 4, the
	 * appliance branch 2. */
	assert_int_equal(n, 70);
	assert_int_equal(count_label(e, n, "Internal web services (Front End)"), 1);
	assert_int_equal(count_label(e, n, "External web services (Director)"), 1);
	assert_int_equal(count_label(e, n, "Web Conferencing Edge external name"), 1);
	assert_int_equal(count_label(e, n, "Office Web Apps external name"), 1);
	for (size_t i = 0; i < n; i++) {
		assert_non_null(e[i].label);
		assert_true(strlen(e[i].label) > 0);
		assert_non_null(e[i].value);
		/* The model's filler gave every listed slot a value. */
		assert_non_null(*e[i].value);
		assert_true(e[i].kind == ADDRESS_IP ? model_is_ip(*e[i].value)
						    : model_is_fqdn(*e[i].value));
	}
	assert_int_equal(count_label(e, n, "Front End Server"), 2);
	assert_int_equal(count_label(e, n, "Front End Server address"), 2);
	assert_int_equal(count_label(e, n, "Front End pool VIP"), 1);
	assert_int_equal(count_label(e, n, "Director"), 2);
	assert_int_equal(count_label(e, n, "Mediation pool VIP"), 0);
	assert_int_equal(count_label(e, n, "Edge Server"), 3);
	assert_int_equal(count_label(e, n, "Edge Server internal address"), 3);
	assert_int_equal(count_label(e, n, "A/V Edge external address"), 3);
	assert_int_equal(count_label(e, n, "A/V Edge public address (NAT)"), 3);
	assert_int_equal(count_label(e, n, "A/V Edge external VIP"), 0);
	assert_int_equal(count_label(e, n, "PSTN gateway"), 2);
	assert_int_equal(count_label(e, n, "Exchange UM server address"), 2);
	assert_int_equal(count_label(e, n, "Survivable Branch Appliance"), 1);

	/* Entries point into the plan. */
	x = find_label(e, n, "Front End pool", 0);
	assert_ptr_equal(x->value, &s->frontend.fqdn);
	assert_int_equal(x->kind, ADDRESS_FQDN);
	x = find_label(e, n, "Front End Server address", 1);
	assert_ptr_equal(x->value, &s->frontend.servers[1].address);
	x = find_label(e, n, "Access Edge public address (NAT)", 2);
	assert_ptr_equal(x->value, &s->edges[2].access_nat);
	x = find_label(e, n, "Reverse proxy external address", 0);
	assert_ptr_equal(x->value, &s->rp_external);
	x = find_label(e, n, "Survivable Branch Appliance address", 0);
	assert_ptr_equal(x->value, &s->branches[0].address);
	assert_string_equal(x->detail, "Cork");
	assert_null(find_label(e, n, "Edge Server", 0)->detail);

	/* Groups: members numbered 0.. in order, one kind per group, and
	 * names apart from addresses. */
	for (size_t i = 0; i < n; i++) {
		unsigned next = 0;

		for (size_t k = 0; k < n; k++) {
			if (e[k].group != e[i].group)
				continue;
			assert_int_equal(e[k].kind, e[i].kind);
			assert_string_equal(e[k].label, e[i].label);
			if (k < i)
				next++;
		}
		assert_int_equal(e[i].member, next);
	}
	assert_int_not_equal(find_label(e, n, "Front End Server", 0)->group,
			     find_label(e, n, "Front End Server address", 0)->group);
	assert_int_not_equal(find_label(e, n, "Front End Server", 0)->group,
			     find_label(e, n, "Director", 0)->group);
	/* Display order: the pool before its servers, each name before its
	 * address, Front End before Edge before the branch. */
	assert_true(index_of(e, n, "Front End pool", 0) < index_of(e, n, "Front End Server", 0));
	assert_true(index_of(e, n, "Front End Server", 1) <
		    index_of(e, n, "Front End Server address", 1));
	assert_true(index_of(e, n, "Front End Server address", 1) <
		    index_of(e, n, "Edge Server", 0));
	assert_true(index_of(e, n, "Edge Server", 2) <
		    index_of(e, n, "Survivable Branch Appliance", 0));
	free(e);

	/* An HLB Edge lists its VIPs; public addressing has no NAT entries. */
	plan_set_edge(p, 0, EDGE_SCALED_HLB, EDGE_ADDR_PUBLIC, 2);
	n = wizard_addresses(p, 0, &e);
	assert_int_equal(count_label(e, n, "A/V Edge external VIP"), 1);
	assert_int_equal(count_label(e, n, "Edge internal VIP"), 1);
	assert_int_equal(count_label(e, n, "A/V Edge public address (NAT)"), 0);
	assert_int_equal(count_label(e, n, "Edge Server"), 2);
	free(e);

	/* Out of range */
	assert_int_equal(wizard_addresses(p, 1, &e), 0);
	assert_null(e);
	plan_free(p);
}

static void test_listing_default(void **state)
{
	struct plan *p = plan_new_default();
	struct address_entry *e;
	size_t n;

	(void)state;
	n = wizard_addresses(p, 0, &e);
	/* pool, VIP, internal and external web services, file store, two
	 * servers with addresses */
	assert_int_equal(n, 9);
	free(e);
	plan_set_edition(p, 0, EDITION_STANDARD);
	n = wizard_addresses(p, 0, &e);
	/* a Standard Edition server's internal web services keep its name */
	assert_int_equal(n, 5);
	assert_int_equal(count_label(e, n, "Internal web services (Front End)"), 0);
	assert_int_equal(count_label(e, n, "Front End pool VIP"), 0);
	free(e);
	plan_free(p);
}

static void test_set(void **state)
{
	struct plan *p = plan_new_default();
	struct address_entry *e;
	size_t n = wizard_addresses(p, 0, &e);
	struct address_entry *name = &e[index_of(e, n, "Front End Server", 0)];
	struct address_entry *addr = &e[index_of(e, n, "Front End Server address", 0)];
	char msg[MSG];
	char *kept;

	(void)state;
	assert_int_equal(address_set(addr, "10.1.2.3", msg, sizeof msg), UC_OK);
	assert_string_equal(msg, "");
	assert_string_equal(p->sites[0].frontend.servers[0].address, "10.1.2.3");
	assert_int_equal(address_set(addr, " 2001:db8:10::5 ", msg, sizeof msg), UC_OK);
	assert_string_equal(*addr->value, "2001:db8:10::5");
	assert_int_equal(address_set(addr, "fe80::1", msg, sizeof msg), UC_OK);
	assert_int_equal(address_set(name, "FE01.Contoso.com", msg, sizeof msg), UC_OK);
	assert_string_equal(p->sites[0].frontend.servers[0].fqdn, "FE01.Contoso.com");

	kept = xstrdup(*addr->value);
	static const char *const bad_ip[] = {"",
					     "   ",
					     "300.1.1.1",
					     "192.0.2",
					     "192.0.2.1.5",
					     "2001:db8::g",
					     "2001:db8:::1",
					     "fe01.contoso.com",
					     "10.0.0.1/24",
					     "1.2.3.4 5"};
	for (size_t i = 0; i < sizeof bad_ip / sizeof *bad_ip; i++) {
		msg[0] = '\0';
		assert_int_equal(address_set(addr, bad_ip[i], msg, sizeof msg), UC_ERR_INVALID);
		assert_true(strlen(msg) > 10);
		assert_string_equal(*addr->value, kept);
	}
	free(kept);
	kept = xstrdup(*name->value);
	static const char *const bad_name[] = {"",
					       "fe01",
					       "fe_01.contoso.com",
					       "-fe.contoso.com",
					       "fe01..contoso.com",
					       "192.0.2.1",
					       "fé01.contoso.com",
					       "fe01.contoso.com-"};
	for (size_t i = 0; i < sizeof bad_name / sizeof *bad_name; i++) {
		msg[0] = '\0';
		assert_int_equal(address_set(name, bad_name[i], msg, sizeof msg), UC_ERR_INVALID);
		assert_true(strlen(msg) > 10);
		assert_string_equal(*name->value, kept);
	}
	/* An invalid byte is not echoed back. */
	assert_int_equal(address_set(name, "\xff\xfe.com", msg, sizeof msg), UC_ERR_INVALID);
	assert_null(strstr(msg, "\xff"));
	assert_int_equal(address_set(name, NULL, NULL, 0), UC_ERR_INVALID);
	free(kept);
	free(e);
	plan_free(p);
}

static void assert_successor(const char *value, enum address_kind kind, const char *expected)
{
	char buf[300];

	if (!expected) {
		assert_false(address_successor(value, kind, buf, sizeof buf));
		return;
	}
	assert_true(address_successor(value, kind, buf, sizeof buf));
	assert_string_equal(buf, expected);
}

static void test_successor(void **state)
{
	char small[8];

	(void)state;
	assert_successor("fe01.contoso.com", ADDRESS_FQDN, "fe02.contoso.com");
	assert_successor("fe09.contoso.com", ADDRESS_FQDN, "fe10.contoso.com");
	assert_successor("fe99.contoso.com", ADDRESS_FQDN, "fe100.contoso.com");
	assert_successor("edge1.contoso.com", ADDRESS_FQDN, "edge2.contoso.com");
	assert_successor("edge1", ADDRESS_FQDN, "edge2");
	/* the last number of the first label only */
	assert_successor("site2-fe007.dc1.contoso.com", ADDRESS_FQDN,
			 "site2-fe008.dc1.contoso.com");
	assert_successor("fe1a.contoso.com", ADDRESS_FQDN, "fe2a.contoso.com");
	assert_successor("fe.contoso.com", ADDRESS_FQDN, NULL);
	assert_successor("fe.dc1.contoso.com", ADDRESS_FQDN, NULL);
	assert_successor("fe", ADDRESS_FQDN, NULL);
	assert_successor("", ADDRESS_FQDN, NULL);
	assert_successor(NULL, ADDRESS_FQDN, NULL);

	assert_successor("192.0.2.11", ADDRESS_IP, "192.0.2.12");
	assert_successor("192.0.2.9", ADDRESS_IP, "192.0.2.10");
	assert_successor("192.0.2.253", ADDRESS_IP, "192.0.2.254");
	assert_successor("192.0.2.254", ADDRESS_IP, NULL);
	assert_successor("192.0.2.255", ADDRESS_IP, NULL);
	assert_successor("2001:db8::9", ADDRESS_IP, "2001:db8::a");
	assert_successor("2001:db8::f", ADDRESS_IP, "2001:db8::10");
	assert_successor("2001:DB8:0:0::1", ADDRESS_IP, "2001:db8::2");
	assert_successor("2001:db8::", ADDRESS_IP, "2001:db8::1");
	assert_successor("2001:db8::ffff", ADDRESS_IP, NULL);
	assert_successor("2001:db8::fffe", ADDRESS_IP, "2001:db8::ffff");
	assert_successor("not-an-address", ADDRESS_IP, NULL);
	assert_successor("fe01.contoso.com", ADDRESS_IP, NULL);

	/* A result that does not fit the buffer is refused, not cut. */
	assert_false(address_successor("fe01.contoso.com", ADDRESS_FQDN, small, sizeof small));
	assert_false(address_successor("192.0.2.11", ADDRESS_IP, small, sizeof small));
	assert_true(address_successor("fe1.a", ADDRESS_FQDN, small, sizeof small));
	assert_string_equal(small, "fe2.a");
}

static void test_number_rest(void **state)
{
	struct plan *p = plan_new_default();
	struct site *s;
	struct address_entry *e;
	size_t n, first;
	char msg[MSG];
	char *director0;

	(void)state;
	plan_set_frontend_count(p, 0, 4);
	plan_set_director(p, 0, true, 2);
	s = &p->sites[0];
	director0 = xstrdup(s->director_pool.servers[0].fqdn);
	n = wizard_addresses(p, 0, &e);

	/* Names */
	first = index_of(e, n, "Front End Server", 0);
	assert_int_equal(address_set(&e[first], "fe01.contoso.com", msg, sizeof msg), UC_OK);
	assert_int_equal(address_number_rest(e, n, first), 3);
	assert_string_equal(s->frontend.servers[1].fqdn, "fe02.contoso.com");
	assert_string_equal(s->frontend.servers[2].fqdn, "fe03.contoso.com");
	assert_string_equal(s->frontend.servers[3].fqdn, "fe04.contoso.com");
	/* Nothing outside the group moved. */
	assert_string_equal(s->director_pool.servers[0].fqdn, director0);
	assert_true(model_is_fqdn(s->frontend.fqdn));
	assert_string_not_equal(s->frontend.fqdn, "fe05.contoso.com");
	assert_true(model_is_ip(s->frontend.servers[0].address));
	/* Again: nothing left to change. */
	assert_int_equal(address_number_rest(e, n, first), 0);

	/* Addresses, from the second member on: the first stays. */
	first = index_of(e, n, "Front End Server address", 0);
	assert_int_equal(address_set(&e[first], "10.0.0.11", msg, sizeof msg), UC_OK);
	assert_int_equal(address_number_rest(e, n, first), 3);
	assert_string_equal(s->frontend.servers[3].address, "10.0.0.14");
	first = index_of(e, n, "Front End Server address", 1);
	assert_int_equal(address_set(&e[first], "10.0.1.21", msg, sizeof msg), UC_OK);
	assert_int_equal(address_number_rest(e, n, first), 2);
	assert_string_equal(s->frontend.servers[0].address, "10.0.0.11");
	assert_string_equal(s->frontend.servers[2].address, "10.0.1.22");
	assert_string_equal(s->frontend.servers[3].address, "10.0.1.23");
	assert_true(model_is_ip(s->director_pool.servers[0].address));
	assert_string_not_equal(s->director_pool.servers[0].address, "10.0.1.24");

	/* IPv6, counting in hex */
	first = index_of(e, n, "Front End Server address", 0);
	assert_int_equal(address_set(&e[first], "2001:db8:1::9", msg, sizeof msg), UC_OK);
	assert_int_equal(address_number_rest(e, n, first), 3);
	assert_string_equal(s->frontend.servers[1].address, "2001:db8:1::a");
	assert_string_equal(s->frontend.servers[3].address, "2001:db8:1::c");

	/* Stops where counting ends (.254) and leaves the rest. */
	assert_int_equal(address_set(&e[first], "192.0.2.253", msg, sizeof msg), UC_OK);
	assert_int_equal(address_number_rest(e, n, first), 1);
	assert_string_equal(s->frontend.servers[1].address, "192.0.2.254");
	assert_string_equal(s->frontend.servers[2].address, "2001:db8:1::b");

	/* A name without a number has nothing to count. */
	first = index_of(e, n, "Front End Server", 0);
	assert_int_equal(address_set(&e[first], "frontend.contoso.com", msg, sizeof msg), UC_OK);
	assert_int_equal(address_number_rest(e, n, first), 0);
	assert_string_equal(s->frontend.servers[1].fqdn, "fe02.contoso.com");

	/* The last member and out-of-range indexes change nothing. */
	assert_int_equal(address_number_rest(e, n, index_of(e, n, "Front End Server", 3)), 0);
	assert_int_equal(address_number_rest(e, n, n), 0);
	assert_int_equal(address_number_rest(NULL, 0, 0), 0);

	/* The Director pool numbers on its own. */
	first = index_of(e, n, "Director", 0);
	assert_int_equal(address_set(&e[first], "dir01.contoso.com", msg, sizeof msg), UC_OK);
	assert_int_equal(address_number_rest(e, n, first), 1);
	assert_string_equal(s->director_pool.servers[1].fqdn, "dir02.contoso.com");
	assert_string_equal(s->frontend.servers[3].fqdn, "fe04.contoso.com");

	free(director0);
	free(e);
	plan_free(p);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_listing),	cmocka_unit_test(test_listing_default),
	    cmocka_unit_test(test_set),		cmocka_unit_test(test_successor),
	    cmocka_unit_test(test_number_rest),
	};

	return cmocka_run_group_tests(tests, setup, NULL);
}
