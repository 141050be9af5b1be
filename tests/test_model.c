/* test_model.c: keyword tables, syntax checks, defaults, setters and every
 * validation finding of the plan model (src/core/model.c, sitefields.c,
 * defaults.c and validate.c).  One file for all of them: the helpers below
 * (set, expect_finding, count_errors, build_rich_plan) serve every section,
 * since the site and setter tests check what validation says and the copy
 * test uses the plan the defaults fill. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ucplan/model.h"

static int setup(void **state)
{
	(void)state;
	setlocale(LC_ALL, "C.UTF-8");
	return 0;
}

/* ---- helpers ------------------------------------------------------------- */

static size_t count_code(const struct findings *f, const char *code)
{
	size_t n = 0;

	for (size_t i = 0; i < f->count; i++)
		if (strcmp(f->items[i].code, code) == 0)
			n++;
	return n;
}

static const struct finding *find_code(const struct findings *f, const char *code)
{
	for (size_t i = 0; i < f->count; i++)
		if (strcmp(f->items[i].code, code) == 0)
			return &f->items[i];
	return NULL;
}

/* Validates plan and checks that code is reported with severity, for site. */
static void expect_finding(const struct plan *plan, const char *code,
			   enum finding_severity severity, int site)
{
	struct findings f;
	const struct finding *x;

	plan_validate(plan, &f);
	x = find_code(&f, code);
	if (!x) {
		for (size_t i = 0; i < f.count; i++)
			print_message("  have %s: %s\n", f.items[i].code, f.items[i].message);
		fail_msg("finding %s not reported", code);
	}
	assert_int_equal(x->severity, severity);
	assert_int_equal(x->site, site);
	assert_true(strlen(x->message) > 10);
	/* A site's finding names the site. */
	if (site >= 0 && plan->sites[site].name && plan->sites[site].name[0])
		assert_non_null(strstr(x->message, plan->sites[site].name));
	findings_free(&f);
}

static void expect_no_finding(const struct plan *plan, const char *code)
{
	struct findings f;

	plan_validate(plan, &f);
	if (find_code(&f, code))
		fail_msg("unexpected finding %s: %s", code, find_code(&f, code)->message);
	findings_free(&f);
}

static size_t count_errors(const struct plan *plan)
{
	struct findings f;
	size_t n;

	plan_validate(plan, &f);
	for (size_t i = 0; i < f.count; i++)
		if (f.items[i].severity == FINDING_ERROR)
			print_message("  error %s: %s\n", f.items[i].code, f.items[i].message);
	n = f.errors;
	findings_free(&f);
	return n;
}

static void set(char **slot, const char *value)
{
	free(*slot);
	*slot = value ? strdup(value) : NULL;
}

/* Every name and address a plan holds, for uniqueness and placeholder
 * checks independent of the validator. */
struct values {
	const char *names[20000];
	size_t n_names;
	const char *addresses[20000];
	size_t n_addresses;
};

static void add_name(struct values *v, const char *s)
{
	if (s)
		v->names[v->n_names++] = s;
}

static void add_address(struct values *v, const char *s)
{
	if (s)
		v->addresses[v->n_addresses++] = s;
}

static void add_pool(struct values *v, const struct pool *p, bool pool_name)
{
	if (pool_name)
		add_name(v, p->fqdn);
	add_address(v, p->vip);
	for (size_t i = 0; i < p->n_servers; i++) {
		add_name(v, p->servers[i].fqdn);
		add_address(v, p->servers[i].address);
	}
}

static void collect_values(const struct plan *plan, struct values *v)
{
	memset(v, 0, sizeof *v);
	for (size_t i = 0; i < plan->n_sites; i++) {
		const struct site *s = &plan->sites[i];

		add_pool(v, &s->frontend, true);
		add_name(v, s->file_share);
		add_pool(v, &s->director_pool, true);
		add_pool(v, &s->mediation_pool, true);
		for (size_t k = 0; k < s->n_gateways; k++) {
			add_name(v, s->gateways[k].fqdn);
			add_address(v, s->gateways[k].address);
		}
		add_name(v, s->edge_fqdn);
		for (size_t k = 0; k < s->n_edges; k++) {
			const struct edge_server *e = &s->edges[k];
			add_name(v, e->fqdn);
			add_address(v, e->internal);
			add_address(v, e->access);
			add_address(v, e->webconf);
			add_address(v, e->av);
			add_address(v, e->access_nat);
			add_address(v, e->webconf_nat);
			add_address(v, e->av_nat);
		}
		add_address(v, s->edge_vip_internal);
		add_address(v, s->edge_vip_access);
		add_address(v, s->edge_vip_webconf);
		add_address(v, s->edge_vip_av);
		add_name(v, s->rp_fqdn);
		add_address(v, s->rp_internal);
		add_address(v, s->rp_external);
		add_pool(v, &s->pchat_pool, true);
		add_pool(v, &s->owas_pool, true);
		for (size_t k = 0; k < s->n_um_servers; k++) {
			add_name(v, s->um_servers[k].fqdn);
			add_address(v, s->um_servers[k].address);
		}
		for (size_t k = 0; k < s->n_branches; k++) {
			add_name(v, s->branches[k].fqdn);
			add_address(v, s->branches[k].address);
		}
	}
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static void assert_unique(const char **items, size_t n)
{
	qsort(items, n, sizeof *items, cmp_str);
	for (size_t i = 1; i < n; i++)
		if (strcmp(items[i - 1], items[i]) == 0)
			fail_msg("%s appears twice", items[i]);
}

/* A site with every part turned on. */
static void site_everything(struct plan *plan, size_t i, enum edge_topology edge,
			    enum edge_addressing addressing)
{
	plan_set_director(plan, i, true, 2);
	plan_set_mediation(plan, i, MEDIATION_STANDALONE, 2, 2);
	plan_set_edge(plan, i, edge, addressing, 3);
	plan_set_reverse_proxy(plan, i, true);
	plan_set_persistent_chat(plan, i, true);
	plan_set_office_web_apps(plan, i, true);
	plan_set_um(plan, i, UM_TLS, 2);
	plan_add_branch(plan, i, "Branch office", BRANCH_SBA);
}

/* ---- keyword tables -------------------------------------------------------- */

#define CHECK_KEYWORDS(prefix, type, first, last, bad_value)                                       \
	do {                                                                                       \
		for (int v_ = (first); v_ <= (last); v_++) {                                       \
			type out_ = (bad_value);                                                   \
			const char *k_ = prefix##_key((type)v_);                                   \
			assert_non_null(k_);                                                       \
			assert_true(k_[0] != '\0');                                                \
			assert_true(prefix##_parse(k_, &out_));                                    \
			assert_int_equal(out_, v_);                                                \
		}                                                                                  \
		type keep_ = (type)(first);                                                        \
		assert_false(prefix##_parse("no-such-key", &keep_));                               \
		assert_false(prefix##_parse("", &keep_));                                          \
		assert_false(prefix##_parse(NULL, &keep_));                                        \
		assert_int_equal(keep_, (first));                                                  \
	} while (0)

static void test_keyword_tables(void **state)
{
	(void)state;
	CHECK_KEYWORDS(model_version, enum product_version, PRODUCT_LYNC2013, PRODUCT_SFB2015,
		       PRODUCT_SFB2015);
	CHECK_KEYWORDS(model_edition, enum fe_edition, EDITION_STANDARD, EDITION_ENTERPRISE,
		       EDITION_ENTERPRISE);
	CHECK_KEYWORDS(model_pool_lb, enum pool_lb, POOL_LB_DNS, POOL_LB_HARDWARE,
		       POOL_LB_HARDWARE);
	CHECK_KEYWORDS(model_mediation, enum mediation_mode, MEDIATION_NONE, MEDIATION_STANDALONE,
		       MEDIATION_STANDALONE);
	CHECK_KEYWORDS(model_edge, enum edge_topology, EDGE_NONE, EDGE_SCALED_HLB, EDGE_SCALED_HLB);
	CHECK_KEYWORDS(model_edge_addressing, enum edge_addressing, EDGE_ADDR_PUBLIC, EDGE_ADDR_NAT,
		       EDGE_ADDR_NAT);
	CHECK_KEYWORDS(model_um, enum um_mode, UM_NONE, UM_DUAL, UM_DUAL);
	CHECK_KEYWORDS(model_branch, enum branch_kind, BRANCH_NONE, BRANCH_SBS, BRANCH_SBS);
}

static void test_keyword_spellings(void **state)
{
	(void)state;
	/* The keys are a file format and CLI contract: spelled out once here. */
	assert_string_equal(model_version_key(PRODUCT_LYNC2013), "lync2013");
	assert_string_equal(model_version_key(PRODUCT_SFB2015), "sfb2015");
	assert_string_equal(model_edition_key(EDITION_STANDARD), "standard");
	assert_string_equal(model_edition_key(EDITION_ENTERPRISE), "enterprise");
	assert_string_equal(model_pool_lb_key(POOL_LB_DNS), "dns");
	assert_string_equal(model_pool_lb_key(POOL_LB_HARDWARE), "hardware");
	assert_string_equal(model_mediation_key(MEDIATION_NONE), "none");
	assert_string_equal(model_mediation_key(MEDIATION_COLLOCATED), "collocated");
	assert_string_equal(model_mediation_key(MEDIATION_STANDALONE), "standalone");
	assert_string_equal(model_edge_key(EDGE_NONE), "none");
	assert_string_equal(model_edge_key(EDGE_SINGLE), "single");
	assert_string_equal(model_edge_key(EDGE_SCALED_DNS), "scaled-dns");
	assert_string_equal(model_edge_key(EDGE_SCALED_HLB), "scaled-hlb");
	assert_string_equal(model_edge_addressing_key(EDGE_ADDR_PUBLIC), "public");
	assert_string_equal(model_edge_addressing_key(EDGE_ADDR_NAT), "nat");
	assert_string_equal(model_um_key(UM_NONE), "none");
	assert_string_equal(model_um_key(UM_TCP), "tcp");
	assert_string_equal(model_um_key(UM_TLS), "tls");
	assert_string_equal(model_um_key(UM_DUAL), "dual");
	assert_string_equal(model_branch_key(BRANCH_NONE), "none");
	assert_string_equal(model_branch_key(BRANCH_SBA), "sba");
	assert_string_equal(model_branch_key(BRANCH_SBS), "sbs");
	/* Out of range values give an empty key, never a crash. */
	assert_string_equal(model_edge_key((enum edge_topology)42), "");
	/* Keys are exact: no case folding, no spaces. */
	enum edge_topology e = EDGE_NONE;
	assert_false(model_edge_parse("Single", &e));
	assert_false(model_edge_parse(" single", &e));
	assert_int_equal(e, EDGE_NONE);
}

static void test_federation(void **state)
{
	unsigned bits = 99;
	char buf[64];

	(void)state;
	assert_true(model_federation_parse("sip,public-im xmpp", &bits));
	assert_int_equal(bits, FEDERATION_SIP | FEDERATION_PUBLIC_IM | FEDERATION_XMPP);
	assert_true(model_federation_parse("xmpp", &bits));
	assert_int_equal(bits, FEDERATION_XMPP);
	assert_true(model_federation_parse(" sip , sip ", &bits));
	assert_int_equal(bits, FEDERATION_SIP);
	assert_true(model_federation_parse("none", &bits));
	assert_int_equal(bits, 0);
	assert_true(model_federation_parse("", &bits));
	assert_int_equal(bits, 0);

	bits = FEDERATION_SIP;
	assert_false(model_federation_parse("sip none", &bits));
	assert_false(model_federation_parse("smtp", &bits));
	assert_false(model_federation_parse("sip,publicim", &bits));
	assert_false(model_federation_parse("SIP", &bits));
	assert_false(model_federation_parse(NULL, &bits));
	assert_int_equal(bits, FEDERATION_SIP);

	model_federation_format(0, buf, sizeof buf);
	assert_string_equal(buf, "");
	model_federation_format(FEDERATION_SIP | FEDERATION_PUBLIC_IM | FEDERATION_XMPP, buf,
				sizeof buf);
	assert_string_equal(buf, "sip public-im xmpp");
	model_federation_format(FEDERATION_XMPP | FEDERATION_SIP, buf, sizeof buf);
	assert_string_equal(buf, "sip xmpp");
	/* A short buffer keeps whole keys only. */
	model_federation_format(FEDERATION_SIP | FEDERATION_PUBLIC_IM, buf, 8);
	assert_string_equal(buf, "sip");

	for (unsigned b = 0; b < 8; b++) {
		unsigned back = 99;
		model_federation_format(b, buf, sizeof buf);
		assert_true(model_federation_parse(buf, &back));
		assert_int_equal(back, b);
	}
}

/* ---- port ranges ----------------------------------------------------------- */

static void test_port_range(void **state)
{
	static const struct {
		const char *text;
		unsigned first, last;
	} good[] = {
	    {"1", 1, 1},
	    {"65535", 65535, 65535},
	    {"1024-65535", 1024, 65535},
	    {"50000-50019", 50000, 50019},
	    {"5061-5061", 5061, 5061},
	    {"1-65535", 1, 65535},
	};
	static const char *const bad[] = {
	    "",	     "0",    "65536",	    "70000", "10-5",	    "-5",   "5-",
	    "5-6-7", " 5",   "5 ",	    "+5",    "05",	    "5-05", "1x",
	    "x",     "5--6", "0-10",	    "1-0",   "99999999999", "1,2",  "1 - 2",
	    "1.5",   "-",    "65535-65536", "１２", /* full-width digits */
	};
	struct port_range r;
	char buf[16];

	(void)state;
	for (size_t i = 0; i < sizeof good / sizeof good[0]; i++) {
		assert_true(model_port_range_parse(good[i].text, &r));
		assert_int_equal(r.first, good[i].first);
		assert_int_equal(r.last, good[i].last);
		assert_true(model_port_range_valid(&r));
	}
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		r = (struct port_range){7, 8};
		if (model_port_range_parse(bad[i], &r))
			fail_msg("\"%s\" was accepted", bad[i]);
		assert_int_equal(r.first, 7);
		assert_int_equal(r.last, 8);
	}
	assert_false(model_port_range_parse(NULL, &r));

	r = (struct port_range){5061, 5061};
	model_port_range_format(&r, buf, sizeof buf);
	assert_string_equal(buf, "5061");
	r = (struct port_range){MODEL_MEDIA_PORT_FIRST, MODEL_MEDIA_PORT_LAST};
	model_port_range_format(&r, buf, sizeof buf);
	assert_string_equal(buf, "1024-65535");

	assert_false(model_port_range_valid(&(struct port_range){0, 0}));
	assert_false(model_port_range_valid(&(struct port_range){10, 9}));
	assert_false(model_port_range_valid(&(struct port_range){1, 65536}));
}

/* ---- syntax checks ---------------------------------------------------------- */

static void test_ip_syntax(void **state)
{
	static const char *const v4_good[] = {"192.0.2.1", "0.0.0.0", "255.255.255.255",
					      "10.45.16.10"};
	static const char *const v4_bad[] = {"256.1.1.1",  "1.2.3",	 "1.2.3.4.5", "a.b.c.d",
					     "1.2.3.4 ",   " 1.2.3.4",	 "1.2.3.-4",  "",
					     "1.2.3.4/24", "2001:db8::1"};
	static const char *const v6_good[] = {
	    "2001:db8::1",    "::1", "::", "2001:db8:0:0:0:0:0:1", "::ffff:192.0.2.1",
	    "2001:DB8:8:1::5"};
	static const char *const v6_bad[] = {"2001:db8:::1",   "2001:db8::g", "12345::",
					     "fe80::1%eth0",   "192.0.2.1",   "[2001:db8::1]",
					     "2001:db8::1/64", ":",	      ""};

	(void)state;
	for (size_t i = 0; i < sizeof v4_good / sizeof v4_good[0]; i++) {
		assert_true(model_is_ipv4(v4_good[i]));
		assert_false(model_is_ipv6(v4_good[i]));
		assert_true(model_is_ip(v4_good[i]));
	}
	for (size_t i = 0; i < sizeof v4_bad / sizeof v4_bad[0]; i++)
		assert_false(model_is_ipv4(v4_bad[i]));
	for (size_t i = 0; i < sizeof v6_good / sizeof v6_good[0]; i++) {
		assert_true(model_is_ipv6(v6_good[i]));
		assert_false(model_is_ipv4(v6_good[i]));
		assert_true(model_is_ip(v6_good[i]));
	}
	for (size_t i = 0; i < sizeof v6_bad / sizeof v6_bad[0]; i++)
		assert_false(model_is_ipv6(v6_bad[i]));
	assert_false(model_is_ipv4(NULL));
	assert_false(model_is_ipv6(NULL));
	assert_false(model_is_ip(NULL));
	assert_false(model_is_ip("fe01.example.com"));
}

static void test_fqdn_syntax(void **state)
{
	char label63[64], label64[65], long253[300], long254[300];
	static const char *const good[] = {"a.b",
					   "fe01.example.com",
					   "SIP.Example.COM",
					   "xn--bcher-kva.example",
					   "edge-01.dub.example.com",
					   "1fe.example.com",
					   "a1.b2.c3"};
	static const char *const bad[] = {"localhost",
					  "example.com.",
					  ".example.com",
					  "a..b",
					  "-a.example.com",
					  "a-.example.com",
					  "a_b.example.com",
					  "192.0.2.1",
					  "exa mple.com",
					  "exámple.com",
					  "",
					  "example.-com",
					  "*.example.com",
					  "example.123",
					  "a.b/c"};

	(void)state;
	for (size_t i = 0; i < sizeof good / sizeof good[0]; i++)
		if (!model_is_fqdn(good[i]))
			fail_msg("\"%s\" refused", good[i]);
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
		if (model_is_fqdn(bad[i]))
			fail_msg("\"%s\" accepted", bad[i]);
	assert_false(model_is_fqdn(NULL));

	memset(label63, 'a', 63);
	label63[63] = '\0';
	memset(label64, 'a', 64);
	label64[64] = '\0';
	snprintf(long253, sizeof long253, "%s.example.com", label63);
	assert_true(model_is_fqdn(long253));
	snprintf(long253, sizeof long253, "%s.example.com", label64);
	assert_false(model_is_fqdn(long253));

	/* 253 characters in total is the limit. */
	snprintf(long253, sizeof long253, "%s.%s.%s.%.61s", label63, label63, label63, label63);
	assert_int_equal(strlen(long253), 253);
	assert_true(model_is_fqdn(long253));
	snprintf(long254, sizeof long254, "%s.%s.%s.%.62s", label63, label63, label63, label63);
	assert_int_equal(strlen(long254), 254);
	assert_false(model_is_fqdn(long254));
}

static void test_placeholders(void **state)
{
	static const char *const yes[] = {
	    "example.com",     "fe01.site1.EXAMPLE.com",
	    "x.example.net",   "example.org",
	    "192.0.2.77",      "198.51.100.1",
	    "203.0.113.254",   "2001:db8::1",
	    "2001:DB8:8:1::5", "192.0.2.0",
	};
	static const char *const no[] = {
	    "contoso.com",    "myexample.com", "example.com.au", "192.0.3.1",	   "10.0.0.1",
	    "2001:db9::1",    "203.0.114.1",   "198.51.101.7",	 "131.107.155.10", "",
	    "notexample.org",
	};

	(void)state;
	for (size_t i = 0; i < sizeof yes / sizeof yes[0]; i++)
		if (!model_is_placeholder(yes[i]))
			fail_msg("\"%s\" should be a placeholder", yes[i]);
	for (size_t i = 0; i < sizeof no / sizeof no[0]; i++)
		if (model_is_placeholder(no[i]))
			fail_msg("\"%s\" should not be a placeholder", no[i]);
	assert_false(model_is_placeholder(NULL));
}

static void test_clean_text(void **state)
{
	char long_name[PLAN_MAX_NAME * 2 + 8];

	(void)state;
	assert_true(model_is_clean_text(NULL));
	assert_true(model_is_clean_text(""));
	assert_true(model_is_clean_text("Dublin <HQ> & \"Cork\""));
	assert_true(model_is_clean_text("北京 Málaga"));
	assert_false(model_is_clean_text("tab\there"));
	assert_false(model_is_clean_text("line\nbreak"));
	assert_false(model_is_clean_text("\x7f"));
	assert_false(model_is_clean_text("bad \xff byte"));
	assert_false(model_is_clean_text("overlong \xc0\xaf"));
	assert_false(model_is_clean_text("surrogate \xed\xa0\x80"));
	assert_false(model_is_clean_text("cut \xe5\x8c"));
	assert_false(model_is_clean_text("C1 \xc2\x85"));
	/* What a terminal acts upon, or what reorders the line. */
	assert_false(model_is_clean_text("ESC \x1b[2J"));
	assert_false(model_is_clean_text("CSI \xc2\x9b""31m"));
	assert_false(model_is_clean_text("line \xe2\x80\xa8 separator"));
	assert_false(model_is_clean_text("paragraph \xe2\x80\xa9 separator"));
	assert_false(model_is_clean_text("right-to-left \xe2\x80\xae override"));
	assert_false(model_is_clean_text("isolate \xe2\x81\xa6 x"));
	assert_false(model_is_clean_text("mark \xe2\x80\x8f x"));
	/* PLAN_MAX_NAME characters, not bytes. */
	memset(long_name, 0, sizeof long_name);
	for (size_t i = 0; i < PLAN_MAX_NAME; i++)
		memcpy(long_name + 2 * i, "\xc3\xa1", 2);
	assert_true(model_is_clean_text(long_name));
	memcpy(long_name + 2 * PLAN_MAX_NAME, "a", 2);
	assert_false(model_is_clean_text(long_name));
}

/* ---- defaults ------------------------------------------------------------------ */

static void test_new_default(void **state)
{
	struct plan *p = plan_new_default();
	const struct site *s;
	struct values *v = malloc(sizeof *v);

	(void)state;
	assert_string_equal(p->name, "New plan");
	assert_string_equal(p->sip_domain, "example.com");
	assert_null(p->lang);
	assert_int_equal(p->version, PRODUCT_SFB2015);
	assert_int_equal(p->federation, 0);
	assert_false(p->ocs2007_federation);
	assert_false(p->ipsec);
	assert_int_equal(p->client_media.first, 1024);
	assert_int_equal(p->client_media.last, 65535);
	assert_int_equal(p->n_sites, 1);
	s = &p->sites[0];
	assert_string_equal(s->name, "Site 1");
	assert_true(s->cms);
	assert_int_equal(s->edition, EDITION_ENTERPRISE);
	assert_int_equal(s->pool_lb, POOL_LB_DNS);
	assert_int_equal(s->frontend.n_servers, 2);
	assert_non_null(s->frontend.vip); /* web services need a load balancer */
	assert_string_equal(s->frontend.fqdn, "pool.site1.example.com");
	assert_string_equal(s->frontend.servers[0].fqdn, "fe01.site1.example.com");
	assert_string_equal(s->frontend.servers[1].fqdn, "fe02.site1.example.com");
	assert_string_equal(s->file_share, "fs.site1.example.com");
	assert_true(model_is_ipv4(s->frontend.servers[0].address));
	assert_false(s->director);
	assert_int_equal(s->mediation, MEDIATION_NONE);
	assert_int_equal(s->n_gateways, 0);
	assert_int_equal(s->edge, EDGE_NONE);
	assert_int_equal(s->n_edges, 0);
	assert_null(s->edge_fqdn);
	assert_false(s->reverse_proxy);
	assert_false(s->persistent_chat);
	assert_false(s->office_web_apps);
	assert_int_equal(s->um, UM_NONE);
	assert_int_equal(s->um_rtp.first, 1024);
	assert_int_equal(s->um_rtp.last, 65535);
	assert_int_equal(s->n_branches, 0);

	collect_values(p, v);
	assert_int_equal(v->n_names, 4);
	assert_int_equal(v->n_addresses, 3);
	for (size_t i = 0; i < v->n_names; i++)
		assert_true(model_is_placeholder(v->names[i]) && model_is_fqdn(v->names[i]));
	for (size_t i = 0; i < v->n_addresses; i++)
		assert_true(model_is_placeholder(v->addresses[i]) && model_is_ip(v->addresses[i]));
	assert_int_equal(count_errors(p), 0);
	free(v);
	plan_free(p);
	plan_free(NULL);
}

static struct plan *build_rich_plan(void)
{
	struct plan *p = plan_new_default();

	site_everything(p, 0, EDGE_SCALED_HLB, EDGE_ADDR_PUBLIC);
	plan_add_site(p, "Madrid");
	site_everything(p, 1, EDGE_SCALED_DNS, EDGE_ADDR_NAT);
	return p;
}

/* Clears every name and address, as a plan with nothing filled in. */
static void clear_values(struct plan *p)
{
	for (size_t i = 0; i < p->n_sites; i++) {
		struct site *s = &p->sites[i];
		struct pool *pools[] = {&s->frontend, &s->director_pool, &s->mediation_pool,
					&s->pchat_pool, &s->owas_pool};

		for (size_t k = 0; k < 5; k++) {
			set(&pools[k]->fqdn, NULL);
			for (size_t j = 0; j < pools[k]->n_servers; j++) {
				set(&pools[k]->servers[j].fqdn, NULL);
				set(&pools[k]->servers[j].address, NULL);
			}
		}
		set(&s->file_share, NULL);
		set(&s->edge_fqdn, NULL);
		for (size_t k = 0; k < s->n_edges; k++) {
			set(&s->edges[k].fqdn, NULL);
			set(&s->edges[k].internal, "");
			set(&s->edges[k].access, NULL);
		}
		set(&s->rp_external, "");
		for (size_t k = 0; k < s->n_um_servers; k++)
			set(&s->um_servers[k].address, NULL);
	}
}

static void test_defaults_deterministic(void **state)
{
	struct plan *a = build_rich_plan(), *b = build_rich_plan();
	struct plan *c, *d, *e;

	(void)state;
	/* The same steps give the same plan. */
	assert_true(plan_equal(a, b));

	/* Filling a complete plan changes nothing. */
	c = plan_clone(a);
	plan_fill_defaults(c);
	assert_true(plan_equal(a, c));

	/* Filling the same gaps twice gives the same values, and all valid. */
	d = plan_clone(a);
	e = plan_clone(a);
	clear_values(d);
	clear_values(e);
	assert_false(plan_equal(a, d));
	plan_fill_defaults(d);
	plan_fill_defaults(e);
	assert_true(plan_equal(d, e));
	assert_non_null(d->sites[0].frontend.fqdn);
	assert_non_null(d->sites[1].edges[0].internal);
	assert_true(model_is_ip(d->sites[1].edges[0].internal));
	assert_int_equal(count_errors(d), 0);

	plan_free(a);
	plan_free(b);
	plan_free(c);
	plan_free(d);
	plan_free(e);
}

static void test_defaults_keep_user_values(void **state)
{
	struct plan *p = plan_new_default();
	struct site *s = &p->sites[0];

	(void)state;
	/* A user value that a default would have used pushes the default on. */
	set(&s->frontend.servers[0].fqdn, "fe02.site1.example.com");
	set(&s->frontend.servers[1].fqdn, NULL);
	set(&s->frontend.servers[1].address, NULL);
	set(&s->frontend.vip, "192.0.2.5");
	plan_fill_defaults(p);
	assert_string_equal(s->frontend.servers[0].fqdn, "fe02.site1.example.com");
	assert_non_null(s->frontend.servers[1].fqdn);
	assert_string_not_equal(s->frontend.servers[1].fqdn, "fe02.site1.example.com");
	assert_string_equal(s->frontend.vip, "192.0.2.5");
	assert_int_equal(count_errors(p), 0);

	/* Unset SIP domain and ranges are filled too. */
	set(&p->sip_domain, NULL);
	p->client_media = (struct port_range){0, 0};
	s->um_rtp = (struct port_range){0, 0};
	plan_fill_defaults(p);
	assert_string_equal(p->sip_domain, "example.com");
	assert_int_equal(p->client_media.first, MODEL_MEDIA_PORT_FIRST);
	assert_int_equal(s->um_rtp.last, MODEL_MEDIA_PORT_LAST);
	plan_fill_defaults(NULL);
	plan_free(p);
}

static void test_defaults_unique_across_sites(void **state)
{
	struct plan *p = plan_new_default();
	struct values *v = malloc(sizeof *v);
	struct findings f;
	size_t v6_sites = 0;

	(void)state;
	for (size_t i = 1; i < 20; i++)
		plan_add_site(p, NULL);
	assert_int_equal(p->n_sites, 20);
	assert_string_equal(p->sites[19].name, "Site 20");
	for (size_t i = 0; i < 20; i++)
		site_everything(p, i,
				i % 3 == 0   ? EDGE_SCALED_HLB
				: i % 3 == 1 ? EDGE_SCALED_DNS
					     : EDGE_SINGLE,
				i % 3 == 0 ? EDGE_ADDR_PUBLIC : EDGE_ADDR_NAT);
	/* Site 0 outgrows its block of 32 addresses: IPv6 takes over. */
	plan_set_frontend_count(p, 0, 40);
	assert_int_equal(p->sites[0].frontend.n_servers, 40);
	assert_true(model_is_ipv6(p->sites[0].frontend.servers[39].address));

	for (size_t i = 0; i < 20; i++) {
		const struct site *s = &p->sites[i];
		if (i < 8) {
			assert_true(model_is_ipv4(s->frontend.servers[1].address));
			assert_true(model_is_ipv4(s->edges[0].internal));
		} else {
			assert_true(model_is_ipv6(s->frontend.servers[1].address));
			assert_true(model_is_ipv6(s->edges[0].access));
			v6_sites++;
		}
	}
	assert_int_equal(v6_sites, 12);
	assert_string_equal(p->sites[9].frontend.servers[0].address, "2001:db8:9:1::2");

	collect_values(p, v);
	assert_true(v->n_addresses > 500);
	for (size_t i = 0; i < v->n_names; i++)
		assert_true(model_is_placeholder(v->names[i]) && model_is_fqdn(v->names[i]));
	for (size_t i = 0; i < v->n_addresses; i++)
		assert_true(model_is_placeholder(v->addresses[i]) && model_is_ip(v->addresses[i]));
	assert_unique(v->names, v->n_names);
	assert_unique(v->addresses, v->n_addresses);

	plan_validate(p, &f);
	assert_int_equal(count_code(&f, "fqdn-duplicate"), 0);
	assert_int_equal(count_code(&f, "address-duplicate"), 0);
	assert_int_equal(f.errors, 0);
	/* One placeholder warning per site, the SIP domain and the simple URLs. */
	assert_int_equal(count_code(&f, "placeholders"), 22);
	findings_free(&f);
	free(v);
	plan_free(p);
}

static void test_site_slugs(void **state)
{
	struct plan *p = plan_new_default();

	(void)state;
	plan_add_site(p, "Málaga Norte");
	plan_add_site(p, "北京");
	plan_add_site(p, "Dublin");
	plan_add_site(p, "dublin!");
	assert_string_equal(p->sites[1].frontend.servers[0].fqdn, "fe01.malaganorte.example.com");
	assert_string_equal(p->sites[2].frontend.fqdn, "pool.site3.example.com");
	assert_string_equal(p->sites[3].frontend.fqdn, "pool.dublin.example.com");
	/* Same slug: the later site gets its number. */
	assert_string_equal(p->sites[4].frontend.fqdn, "pool.dublin5.example.com");
	plan_add_branch(p, 3, "Cork City", BRANCH_SBS);
	assert_string_equal(p->sites[3].branches[0].fqdn, "sbs-corkcity.dublin.example.com");
	assert_int_equal(count_errors(p), 0);
	plan_free(p);
}

/* ---- sites and branches ------------------------------------------------------- */

static void test_add_remove_site(void **state)
{
	struct plan *p = plan_new_default();
	struct site *s;

	(void)state;
	s = plan_add_site(p, NULL);
	assert_string_equal(s->name, "Site 2");
	assert_false(s->cms);
	plan_add_site(p, "Rome");
	assert_int_equal(p->n_sites, 3);
	plan_remove_site(p, 7);
	assert_int_equal(p->n_sites, 3);
	/* The CMS site goes: the first remaining site takes the store over. */
	plan_remove_site(p, 0);
	assert_int_equal(p->n_sites, 2);
	assert_string_equal(p->sites[0].name, "Site 2");
	assert_true(p->sites[0].cms);
	assert_false(p->sites[1].cms);
	plan_remove_site(p, 1);
	plan_remove_site(p, 0);
	assert_int_equal(p->n_sites, 0);
	expect_finding(p, "no-site", FINDING_ERROR, -1);
	/* A site added to an empty plan holds the store. */
	s = plan_add_site(p, "Again");
	assert_true(s->cms);
	assert_int_equal(count_errors(p), 0);
	plan_remove_site(NULL, 0);
	plan_free(p);
}

static void test_branches(void **state)
{
	struct plan *p = plan_new_default();
	struct branch *b;

	(void)state;
	b = plan_add_branch(p, 0, "Cork", BRANCH_SBA);
	assert_non_null(b);
	assert_string_equal(b->fqdn, "sba-cork.site1.example.com");
	assert_true(model_is_ipv4(b->address));
	b = plan_add_branch(p, 0, NULL, BRANCH_NONE);
	assert_string_equal(b->name, "Branch 2");
	assert_null(b->fqdn);
	assert_null(b->address);
	assert_null(plan_add_branch(p, 5, "x", BRANCH_SBA));
	assert_int_equal(count_errors(p), 0);
	plan_remove_branch(p, 0, 0);
	assert_int_equal(p->sites[0].n_branches, 1);
	assert_string_equal(p->sites[0].branches[0].name, "Branch 2");
	plan_remove_branch(p, 0, 3);
	plan_remove_branch(p, 0, 0);
	assert_int_equal(p->sites[0].n_branches, 0);
	assert_null(p->sites[0].branches);
	plan_free(p);
}

static void test_clone_and_equal(void **state)
{
	struct plan *a = build_rich_plan();
	struct plan *b = plan_clone(a);

	(void)state;
	assert_true(plan_equal(a, b));
	assert_true(a->sites != b->sites);
	assert_true(a->sites[0].edges[0].fqdn != b->sites[0].edges[0].fqdn);
	set(&b->sites[1].edges[1].av_nat, "203.0.113.200");
	assert_false(plan_equal(a, b));
	plan_free(b);
	b = plan_clone(a);
	b->sites[0].um_servers[1].mailbox = false;
	assert_false(plan_equal(a, b));
	plan_free(b);
	b = plan_clone(a);
	set(&b->lang, "es");
	assert_false(plan_equal(a, b));
	assert_true(plan_equal(NULL, NULL));
	assert_false(plan_equal(a, NULL));
	assert_null(plan_clone(NULL));
	plan_free(a);
	plan_free(b);
}

/* ---- setters --------------------------------------------------------------------- */

static void test_set_edge(void **state)
{
	struct plan *p = plan_new_default();
	struct site *s = &p->sites[0];

	(void)state;
	plan_set_edge(p, 0, EDGE_SINGLE, EDGE_ADDR_PUBLIC, 5);
	assert_int_equal(s->edge, EDGE_SINGLE);
	assert_int_equal(s->n_edges, 1); /* single: exactly one */
	assert_non_null(s->edge_fqdn);
	assert_true(model_is_ipv4(s->edges[0].internal));
	assert_true(model_is_placeholder(s->edges[0].access));
	assert_non_null(s->edges[0].webconf);
	assert_non_null(s->edges[0].av);
	assert_null(s->edges[0].access_nat);
	assert_null(s->edge_vip_access);

	/* The user's values survive every later change. */
	set(&s->edges[0].fqdn, "edge-a.corp.test.net");
	set(&s->edges[0].internal, "10.1.1.10");
	set(&s->edges[0].access, "131.107.155.10");

	plan_set_edge(p, 0, EDGE_SCALED_DNS, EDGE_ADDR_PUBLIC, 1);
	assert_int_equal(s->n_edges, 2); /* scaled: at least two */
	assert_string_equal(s->edges[0].fqdn, "edge-a.corp.test.net");
	assert_string_equal(s->edges[0].internal, "10.1.1.10");
	assert_non_null(s->edges[1].fqdn);

	/* NAT: the public address becomes the translation; a private one is made. */
	plan_set_edge(p, 0, EDGE_SCALED_DNS, EDGE_ADDR_NAT, 3);
	assert_int_equal(s->n_edges, 3);
	assert_string_equal(s->edges[0].access_nat, "131.107.155.10");
	assert_non_null(s->edges[0].access);
	assert_int_equal(strncmp(s->edges[0].access, "198.51.100.", 11), 0);
	for (size_t i = 0; i < 3; i++) {
		assert_non_null(s->edges[i].webconf_nat);
		assert_non_null(s->edges[i].av_nat);
	}
	assert_int_equal(count_errors(p), 0);

	/* HLB: four VIPs appear; NAT with HLB is an error, not refused. */
	plan_set_edge(p, 0, EDGE_SCALED_HLB, EDGE_ADDR_NAT, 3);
	assert_non_null(s->edge_vip_internal);
	assert_non_null(s->edge_vip_access);
	assert_non_null(s->edge_vip_webconf);
	assert_non_null(s->edge_vip_av);
	expect_finding(p, "edge-nat-hlb", FINDING_ERROR, 0);
	set(&s->edge_vip_av, "131.107.155.30");

	plan_set_edge(p, 0, EDGE_SCALED_HLB, EDGE_ADDR_PUBLIC, 3);
	assert_string_equal(s->edges[0].access, "131.107.155.10");
	assert_null(s->edges[0].access_nat);
	assert_null(s->edges[1].av_nat);
	assert_string_equal(s->edge_vip_av, "131.107.155.30");
	assert_int_equal(count_errors(p), 0);

	/* Back to DNS load balancing: the VIPs go. */
	plan_set_edge(p, 0, EDGE_SCALED_DNS, EDGE_ADDR_PUBLIC, 2);
	assert_int_equal(s->n_edges, 2);
	assert_null(s->edge_vip_internal);
	assert_null(s->edge_vip_av);
	assert_string_equal(s->edges[0].fqdn, "edge-a.corp.test.net");

	/* More than twelve is kept and reported. */
	plan_set_edge(p, 0, EDGE_SCALED_DNS, EDGE_ADDR_PUBLIC, 13);
	assert_int_equal(s->n_edges, 13);
	expect_finding(p, "edge-pool-too-large", FINDING_ERROR, 0);
	plan_set_edge(p, 0, EDGE_SCALED_DNS, EDGE_ADDR_PUBLIC, 1000);
	assert_int_equal(s->n_edges, PLAN_MAX_POOL_SERVERS);

	plan_set_edge(p, 0, EDGE_NONE, EDGE_ADDR_NAT, 2);
	assert_int_equal(s->edge, EDGE_NONE);
	assert_int_equal(s->edge_addressing, EDGE_ADDR_PUBLIC);
	assert_int_equal(s->n_edges, 0);
	assert_null(s->edges);
	assert_null(s->edge_fqdn);
	plan_set_edge(p, 9, EDGE_SINGLE, EDGE_ADDR_PUBLIC, 1); /* no such site */
	plan_free(p);
}

static void test_set_frontend(void **state)
{
	struct plan *p = plan_new_default();
	struct site *s = &p->sites[0];

	(void)state;
	set(&s->frontend.servers[0].fqdn, "lyncfe1.corp.test.net");
	plan_set_frontend_count(p, 0, 4);
	assert_int_equal(s->frontend.n_servers, 4);
	assert_string_equal(s->frontend.servers[0].fqdn, "lyncfe1.corp.test.net");
	assert_non_null(s->frontend.servers[3].address);

	plan_set_edition(p, 0, EDITION_STANDARD);
	assert_int_equal(s->edition, EDITION_STANDARD);
	assert_int_equal(s->frontend.n_servers, 1);
	assert_null(s->frontend.vip);
	assert_string_equal(s->frontend.servers[0].fqdn, "lyncfe1.corp.test.net");
	plan_set_frontend_count(p, 0, 5);
	assert_int_equal(s->frontend.n_servers, 1); /* Standard Edition stands alone */
	assert_int_equal(count_errors(p), 0);

	plan_set_edition(p, 0, EDITION_ENTERPRISE);
	assert_int_equal(s->frontend.n_servers, 2);
	assert_non_null(s->frontend.vip);
	plan_set_frontend_count(p, 0, 0);
	assert_int_equal(s->frontend.n_servers, 1);
	plan_free(p);
}

static void test_set_director_mediation(void **state)
{
	struct plan *p = plan_new_default();
	struct site *s = &p->sites[0];

	(void)state;
	plan_set_director(p, 0, true, 2);
	assert_true(s->director);
	assert_int_equal(s->director_pool.n_servers, 2);
	assert_non_null(s->director_pool.fqdn);
	assert_non_null(s->director_pool.vip);
	set(&s->director_pool.servers[0].address, "10.0.0.5");
	plan_set_director(p, 0, true, 1);
	assert_null(s->director_pool.vip); /* a lone Director needs no balancer */
	assert_string_equal(s->director_pool.servers[0].address, "10.0.0.5");
	plan_set_director(p, 0, false, 0);
	assert_false(s->director);
	assert_null(s->director_pool.fqdn);
	assert_int_equal(s->director_pool.n_servers, 0);

	plan_set_mediation(p, 0, MEDIATION_STANDALONE, 2, 2);
	assert_int_equal(s->mediation_pool.n_servers, 2);
	assert_int_equal(s->n_gateways, 2);
	assert_null(s->mediation_pool.vip); /* DNS load balancing */
	plan_set_pool_lb(p, 0, POOL_LB_HARDWARE);
	assert_non_null(s->mediation_pool.vip);
	set(&s->gateways[0].fqdn, "pstn-gw.corp.test.net");
	plan_set_pool_lb(p, 0, POOL_LB_DNS);
	assert_null(s->mediation_pool.vip);
	assert_int_equal(count_errors(p), 0);

	plan_set_mediation(p, 0, MEDIATION_COLLOCATED, 0, 1);
	assert_int_equal(s->mediation_pool.n_servers, 0);
	assert_null(s->mediation_pool.fqdn);
	assert_int_equal(s->n_gateways, 1);
	assert_string_equal(s->gateways[0].fqdn, "pstn-gw.corp.test.net");
	plan_set_mediation(p, 0, MEDIATION_COLLOCATED, 0, 0);
	expect_finding(p, "mediation-no-gateway", FINDING_WARNING, 0);
	plan_set_mediation(p, 0, MEDIATION_NONE, 0, 0);
	assert_int_equal(s->n_gateways, 0);
	assert_null(s->gateways);
	plan_free(p);
}

static void test_set_other_parts(void **state)
{
	struct plan *p = plan_new_default();
	struct site *s = &p->sites[0];

	(void)state;
	plan_set_reverse_proxy(p, 0, true);
	assert_true(s->reverse_proxy);
	assert_non_null(s->rp_fqdn);
	assert_true(model_is_ip(s->rp_internal));
	assert_true(model_is_ip(s->rp_external));
	set(&s->rp_fqdn, "proxy.corp.test.net");
	plan_set_reverse_proxy(p, 0, true);
	assert_string_equal(s->rp_fqdn, "proxy.corp.test.net");
	plan_set_reverse_proxy(p, 0, false);
	assert_null(s->rp_fqdn);
	assert_null(s->rp_external);

	plan_set_persistent_chat(p, 0, true);
	assert_int_equal(s->pchat_pool.n_servers, 1);
	assert_non_null(s->pchat_pool.servers[0].fqdn);
	plan_set_persistent_chat(p, 0, false);
	assert_int_equal(s->pchat_pool.n_servers, 0);

	plan_set_office_web_apps(p, 0, true);
	assert_int_equal(s->owas_pool.n_servers, 1);
	assert_non_null(s->owas_pool.fqdn);
	assert_null(s->owas_pool.vip);
	plan_set_office_web_apps(p, 0, false);
	assert_null(s->owas_pool.fqdn);

	plan_set_um(p, 0, UM_TLS, 2);
	assert_int_equal(s->um, UM_TLS);
	assert_int_equal(s->n_um_servers, 2);
	for (size_t i = 0; i < 2; i++) {
		assert_true(s->um_servers[i].client_access);
		assert_true(s->um_servers[i].mailbox);
		assert_non_null(s->um_servers[i].fqdn);
		assert_non_null(s->um_servers[i].address);
	}
	s->um_rtp = (struct port_range){20000, 30000};
	s->um_servers[0].mailbox = false;
	plan_set_um(p, 0, UM_DUAL, 3);
	assert_int_equal(s->n_um_servers, 3);
	assert_false(s->um_servers[0].mailbox);
	assert_int_equal(s->um_rtp.first, 20000);
	assert_int_equal(count_errors(p), 0);
	plan_set_um(p, 0, UM_NONE, 0);
	assert_int_equal(s->n_um_servers, 0);
	assert_int_equal(s->um_rtp.first, MODEL_MEDIA_PORT_FIRST);
	plan_free(p);
}

/* ---- validation ------------------------------------------------------------------- */

/* A default plan with an Edge, a Director and a reverse proxy: clean. */
static struct plan *edge_plan(enum edge_topology topology, enum edge_addressing addressing)
{
	struct plan *p = plan_new_default();

	plan_set_director(p, 0, true, 1);
	plan_set_reverse_proxy(p, 0, true);
	plan_set_edge(p, 0, topology, addressing, 2);
	return p;
}

static void test_validate_clean(void **state)
{
	struct plan *p = edge_plan(EDGE_SCALED_HLB, EDGE_ADDR_PUBLIC);
	struct findings f;

	(void)state;
	p->federation = FEDERATION_SIP | FEDERATION_PUBLIC_IM | FEDERATION_XMPP;
	plan_validate(p, &f);
	/* XMPP needs its host's name */
	assert_int_equal(count_code(&f, "names-missing"), 1);
	findings_free(&f);
	plan_fill_defaults(p);
	plan_validate(p, &f);
	assert_int_equal(f.errors, 0);
	/* Only placeholders are left to complain about: the site's names, the
	 * SIP domain, the simple URLs and the XMPP host. */
	assert_int_equal(f.warnings, 3);
	assert_int_equal(count_code(&f, "placeholders"), 3);
	assert_int_equal(f.count, f.errors + f.warnings);
	findings_free(&f);
	findings_free(&f); /* twice is harmless */
	plan_free(p);
}

static void test_validate_edge_errors(void **state)
{
	struct plan *p;

	(void)state;
	p = edge_plan(EDGE_SCALED_HLB, EDGE_ADDR_NAT);
	expect_finding(p, "edge-nat-hlb", FINDING_ERROR, 0);
	plan_free(p);

	p = edge_plan(EDGE_SCALED_DNS, EDGE_ADDR_PUBLIC);
	plan_set_edge(p, 0, EDGE_SCALED_DNS, EDGE_ADDR_PUBLIC, 13);
	expect_finding(p, "edge-pool-too-large", FINDING_ERROR, 0);
	plan_set_edge(p, 0, EDGE_SCALED_DNS, EDGE_ADDR_PUBLIC, 12);
	expect_no_finding(p, "edge-pool-too-large");
	plan_free(p);

	p = edge_plan(EDGE_SCALED_DNS, EDGE_ADDR_PUBLIC);
	p->sites[0].edge = EDGE_SINGLE; /* two servers listed */
	expect_finding(p, "edge-single-count", FINDING_ERROR, 0);
	plan_free(p);

	p = edge_plan(EDGE_SINGLE, EDGE_ADDR_PUBLIC);
	p->sites[0].edge = EDGE_SCALED_DNS; /* one server only */
	expect_finding(p, "edge-scaled-count", FINDING_ERROR, 0);
	plan_free(p);

	p = edge_plan(EDGE_SCALED_HLB, EDGE_ADDR_PUBLIC);
	set(&p->sites[0].edge_vip_webconf, NULL);
	expect_finding(p, "edge-hlb-vip-missing", FINDING_ERROR, 0);
	expect_no_finding(p, "address-missing");
	plan_free(p);

	p = edge_plan(EDGE_SINGLE, EDGE_ADDR_NAT);
	set(&p->sites[0].edges[0].av_nat, "");
	expect_finding(p, "edge-nat-missing", FINDING_ERROR, 0);
	plan_free(p);
}

static void test_validate_federation(void **state)
{
	static const unsigned kinds[] = {FEDERATION_SIP, FEDERATION_PUBLIC_IM, FEDERATION_XMPP};

	(void)state;
	for (size_t i = 0; i < 3; i++) {
		struct plan *p = plan_new_default();
		plan_add_site(p, "Second");
		p->federation = kinds[i];
		expect_finding(p, "federation-no-edge", FINDING_ERROR, -1);
		/* An Edge in any site will do. */
		plan_set_edge(p, 1, EDGE_SINGLE, EDGE_ADDR_PUBLIC, 1);
		expect_no_finding(p, "federation-no-edge");
		plan_free(p);
	}
}

static void test_validate_duplicates(void **state)
{
	struct plan *p = plan_new_default();

	(void)state;
	plan_add_site(p, "Second");
	set(&p->sites[1].frontend.servers[1].fqdn, "FE01.site1.example.com");
	expect_finding(p, "fqdn-duplicate", FINDING_ERROR, 1);
	set(&p->sites[1].frontend.servers[1].fqdn, "fe02.second.example.com");
	expect_no_finding(p, "fqdn-duplicate");

	/* The same address twice within a site, then across sites, in
	 * another spelling. */
	set(&p->sites[0].frontend.vip, p->sites[0].frontend.servers[0].address);
	expect_finding(p, "address-duplicate", FINDING_ERROR, 0);
	set(&p->sites[0].frontend.vip, "2001:db8::99");
	set(&p->sites[1].frontend.vip, "2001:DB8:0::99");
	expect_finding(p, "address-duplicate", FINDING_ERROR, 1);
	plan_free(p);

	/* A pool may carry its only member's name (Standard Edition). */
	p = plan_new_default();
	plan_set_edition(p, 0, EDITION_STANDARD);
	set(&p->sites[0].frontend.fqdn, p->sites[0].frontend.servers[0].fqdn);
	expect_no_finding(p, "fqdn-duplicate");
	plan_free(p);
}

static void test_validate_syntax(void **state)
{
	struct plan *p = plan_new_default();

	(void)state;
	set(&p->sites[0].frontend.servers[0].fqdn, "fe 01.example.com");
	expect_finding(p, "fqdn-invalid", FINDING_ERROR, 0);
	set(&p->sites[0].frontend.servers[0].fqdn, NULL);
	expect_finding(p, "fqdn-missing", FINDING_ERROR, 0);
	set(&p->sites[0].frontend.servers[0].fqdn, "fe01.corp.test.net");
	set(&p->sites[0].frontend.servers[1].address, "192.0.2.300");
	expect_finding(p, "address-invalid", FINDING_ERROR, 0);
	set(&p->sites[0].frontend.servers[1].address, "");
	expect_finding(p, "address-missing", FINDING_ERROR, 0);
	set(&p->sites[0].frontend.servers[1].address, "10.0.0.2");
	set(&p->sites[0].frontend.vip, "not-an-ip");
	expect_finding(p, "address-invalid", FINDING_ERROR, 0);
	set(&p->sites[0].frontend.vip, "10.0.0.3");
	assert_int_equal(count_errors(p), 0);

	set(&p->sip_domain, "bad_domain");
	expect_finding(p, "fqdn-invalid", FINDING_ERROR, -1);
	set(&p->sip_domain, NULL);
	expect_finding(p, "fqdn-missing", FINDING_ERROR, -1);
	plan_free(p);
}

static void test_validate_structure(void **state)
{
	struct plan *p = plan_new_default();

	(void)state;
	plan_set_frontend_count(p, 0, 3);
	p->sites[0].edition = EDITION_STANDARD;
	expect_finding(p, "fe-standard-count", FINDING_ERROR, 0);
	plan_free(p);

	p = plan_new_default();
	p->sites[0].cms = false;
	expect_finding(p, "cms-none", FINDING_ERROR, -1);
	p->sites[0].cms = true;
	plan_add_site(p, "Second")->cms = true;
	expect_finding(p, "cms-multiple", FINDING_ERROR, -1);
	p->sites[1].cms = false;
	assert_int_equal(count_errors(p), 0);

	p->client_media = (struct port_range){50019, 50000};
	expect_finding(p, "port-range-invalid", FINDING_ERROR, -1);
	p->client_media = (struct port_range){50000, 50019};
	plan_set_um(p, 1, UM_TLS, 1);
	p->sites[1].um_rtp = (struct port_range){0, 70000};
	expect_finding(p, "port-range-invalid", FINDING_ERROR, 1);
	p->sites[1].um_rtp = (struct port_range){1024, 65535};

	set(&p->name, NULL);
	expect_finding(p, "name-empty", FINDING_ERROR, -1);
	set(&p->name, "Plan");
	set(&p->sites[1].name, "");
	expect_finding(p, "name-empty", FINDING_ERROR, 1);
	set(&p->sites[1].name, "site\x01two");
	expect_finding(p, "name-invalid", FINDING_ERROR, 1);
	set(&p->sites[1].name, "SITE 1");
	expect_finding(p, "site-name-duplicate", FINDING_ERROR, 1);
	set(&p->sites[1].name, "Second");
	plan_add_branch(p, 1, "Cork", BRANCH_SBA);
	set(&p->sites[1].branches[0].name, NULL);
	expect_finding(p, "name-empty", FINDING_ERROR, 1);
	set(&p->sites[1].branches[0].name, "Cork");

	plan_set_director(p, 1, true, 1);
	for (size_t i = 0; i < p->sites[1].director_pool.n_servers; i++) {
		set(&p->sites[1].director_pool.servers[i].fqdn, NULL);
		set(&p->sites[1].director_pool.servers[i].address, NULL);
	}
	free(p->sites[1].director_pool.servers);
	p->sites[1].director_pool.servers = NULL;
	p->sites[1].director_pool.n_servers = 0;
	expect_finding(p, "pool-empty", FINDING_ERROR, 1);
	plan_set_director(p, 1, false, 0);
	assert_int_equal(count_errors(p), 0);

	plan_remove_site(p, 1);
	plan_remove_site(p, 0);
	expect_finding(p, "no-site", FINDING_ERROR, -1);
	plan_free(p);
}

static void test_validate_warnings(void **state)
{
	struct plan *p = plan_new_default();
	struct findings f;
	const struct finding *x;

	(void)state;
	plan_set_edge(p, 0, EDGE_SINGLE, EDGE_ADDR_PUBLIC, 1);
	expect_finding(p, "edge-no-director", FINDING_WARNING, 0);
	expect_finding(p, "edge-no-reverse-proxy", FINDING_WARNING, 0);
	plan_set_director(p, 0, true, 1);
	plan_set_reverse_proxy(p, 0, true);
	expect_no_finding(p, "edge-no-director");
	expect_no_finding(p, "edge-no-reverse-proxy");

	plan_set_um(p, 0, UM_TCP, 1);
	expect_finding(p, "um-tcp", FINDING_WARNING, 0);
	plan_set_um(p, 0, UM_TLS, 1);
	expect_no_finding(p, "um-tcp");
	p->sites[0].um_servers[0].client_access = false;
	p->sites[0].um_servers[0].mailbox = false;
	expect_finding(p, "um-no-role", FINDING_WARNING, 0);
	p->sites[0].um_servers[0].mailbox = true;

	plan_set_mediation(p, 0, MEDIATION_STANDALONE, 1, 0);
	expect_finding(p, "mediation-no-gateway", FINDING_WARNING, 0);
	plan_set_mediation(p, 0, MEDIATION_STANDALONE, 1, 1);
	expect_no_finding(p, "mediation-no-gateway");

	/* The placeholder warning counts what is left; real values end it. */
	plan_validate(p, &f);
	x = NULL;
	for (size_t i = 0; i < f.count; i++)
		if (strcmp(f.items[i].code, "placeholders") == 0 && f.items[i].site == 0)
			x = &f.items[i];
	assert_non_null(x);
	assert_non_null(strstr(x->message, "Site 1"));
	/* 26 names and addresses, the Front End pool's two web services
	 * names, the Director's external one and the Edge's three */
	assert_non_null(strstr(x->message, " 32 "));
	assert_int_equal(f.errors, 0);
	findings_free(&f);

	set(&p->sip_domain, "corp.test.net");
	plan_set_edge(p, 0, EDGE_NONE, EDGE_ADDR_PUBLIC, 0);
	plan_set_director(p, 0, false, 0);
	plan_set_reverse_proxy(p, 0, false);
	plan_set_um(p, 0, UM_NONE, 0);
	plan_set_mediation(p, 0, MEDIATION_NONE, 0, 0);
	set(&p->sites[0].frontend.fqdn, "pool.corp.test.net");
	set(&p->sites[0].frontend.vip, "10.0.0.1");
	set(&p->sites[0].frontend.servers[0].fqdn, "fe1.corp.test.net");
	set(&p->sites[0].frontend.servers[0].address, "10.0.0.2");
	set(&p->sites[0].frontend.servers[1].fqdn, "fe2.corp.test.net");
	expect_finding(p, "placeholders", FINDING_WARNING, 0);
	set(&p->sites[0].frontend.servers[1].address, "10.0.0.3");
	set(&p->sites[0].file_share, "fs.corp.test.net");
	set(&p->sites[0].frontend.web_internal, "webint.corp.test.net");
	set(&p->sites[0].frontend.web_external, "webext.corp.test.net");
	expect_finding(p, "placeholders", FINDING_WARNING, -1);
	set(&p->meet_url, "meet.corp.test.net");
	set(&p->dialin_url, "dialin.corp.test.net");
	set(&p->admin_url, "admin.corp.test.net");
	plan_validate(p, &f);
	assert_int_equal(f.count, 0);
	findings_free(&f);
	plan_free(p);
}

/* SIP domains, simple URLs and the XMPP host: malformed and duplicate
 * names are errors, placeholders a warning. */
static void test_validate_plan_names(void **state)
{
	struct plan *p = plan_new_default();

	(void)state;
	set(&p->sip_domain, "contoso.test");
	set(&p->meet_url, "meet.contoso.test");
	set(&p->dialin_url, "dialin.contoso.test");
	set(&p->admin_url, "admin.contoso.test");
	expect_no_finding(p, "fqdn-invalid");
	expect_no_finding(p, "fqdn-duplicate");

	set(&p->dialin_url, "dial in.contoso.test");
	expect_finding(p, "fqdn-invalid", FINDING_ERROR, -1);
	set(&p->dialin_url, "meet.contoso.test");
	expect_finding(p, "fqdn-duplicate", FINDING_ERROR, -1);
	/* a simple URL may not be the name of a pool */
	set(&p->dialin_url, p->sites[0].frontend.fqdn);
	expect_finding(p, "fqdn-duplicate", FINDING_ERROR, -1);
	set(&p->dialin_url, "dialin.contoso.test");
	expect_no_finding(p, "fqdn-duplicate");

	assert_true(plan_add_domain(p, "fabrikam.test"));
	assert_string_equal(p->domains[0].meet, "meet.fabrikam.test");
	expect_no_finding(p, "fqdn-duplicate");
	assert_true(plan_add_domain(p, "Contoso.TEST"));
	expect_finding(p, "fqdn-duplicate", FINDING_ERROR, -1);
	plan_remove_domain(p, 1);
	set(&p->domains[0].name, "fabrikam");
	expect_finding(p, "fqdn-invalid", FINDING_ERROR, -1);
	set(&p->domains[0].name, "fabrikam.example.net");
	{
		struct findings f;
		size_t plan_wide = 0;

		plan_validate(p, &f);
		for (size_t i = 0; i < f.count; i++)
			if (strcmp(f.items[i].code, "placeholders") == 0 && f.items[i].site == -1)
				plan_wide++;
		assert_int_equal(plan_wide, 1);
		findings_free(&f);
	}
	set(&p->domains[0].name, "fabrikam.test");

	/* the host of a simple URL is not the SIP domain itself */
	set(&p->admin_url, "contoso.test");
	expect_finding(p, "simple-url-is-domain", FINDING_WARNING, -1);
	plan_free(p);
}

static void test_validate_null(void **state)
{
	struct findings f;

	(void)state;
	plan_validate(NULL, &f);
	assert_int_equal(f.count, 0);
	findings_free(&f);
	findings_free(NULL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_keyword_tables),
	    cmocka_unit_test(test_keyword_spellings),
	    cmocka_unit_test(test_federation),
	    cmocka_unit_test(test_port_range),
	    cmocka_unit_test(test_ip_syntax),
	    cmocka_unit_test(test_fqdn_syntax),
	    cmocka_unit_test(test_placeholders),
	    cmocka_unit_test(test_clean_text),
	    cmocka_unit_test(test_new_default),
	    cmocka_unit_test(test_defaults_deterministic),
	    cmocka_unit_test(test_defaults_keep_user_values),
	    cmocka_unit_test(test_defaults_unique_across_sites),
	    cmocka_unit_test(test_site_slugs),
	    cmocka_unit_test(test_add_remove_site),
	    cmocka_unit_test(test_branches),
	    cmocka_unit_test(test_clone_and_equal),
	    cmocka_unit_test(test_set_edge),
	    cmocka_unit_test(test_set_frontend),
	    cmocka_unit_test(test_set_director_mediation),
	    cmocka_unit_test(test_set_other_parts),
	    cmocka_unit_test(test_validate_clean),
	    cmocka_unit_test(test_validate_edge_errors),
	    cmocka_unit_test(test_validate_federation),
	    cmocka_unit_test(test_validate_duplicates),
	    cmocka_unit_test(test_validate_syntax),
	    cmocka_unit_test(test_validate_structure),
	    cmocka_unit_test(test_validate_warnings),
	    cmocka_unit_test(test_validate_plan_names),
	    cmocka_unit_test(test_validate_null),
	};

	return cmocka_run_group_tests(tests, setup, NULL);
}
