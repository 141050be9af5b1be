/* test_planfile.c: plan files: the examples, lossless round trips, atomic
 * saves, and hostile input refused with the right status and a message
 * that names the file. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include "ucplan/model.h"
#include "ucplan/planfile.h"

static char tmpdir[] = "/tmp/ucplan-test-planfile-XXXXXX";
static const char *datadir;

static int setup(void **state)
{
	(void)state;
	setlocale(LC_ALL, "C.UTF-8");
	datadir = getenv("UCPLAN_DATADIR");
	if (!datadir || !*datadir) {
		/* The library finds plan.rng through the same variable. */
		setenv("UCPLAN_DATADIR", "data", 1);
		datadir = "data";
	}
	if (!mkdtemp(tmpdir))
		return -1;
	/* Traversable, so that the unprivileged save below meets the locked
	 * directory rather than this one. */
	return chmod(tmpdir, 0755);
}

static int teardown(void **state)
{
	char cmd[256];

	(void)state;
	snprintf(cmd, sizeof cmd, "chmod -R u+rwx '%s'; rm -rf '%s'", tmpdir, tmpdir);
	return system(cmd) == 0 ? 0 : -1;
}

/* ---- helpers --------------------------------------------------------------- */

static char *tmp_path(const char *name)
{
	static char path[8][512];
	static int next;
	char *p = path[next++ % 8];

	snprintf(p, sizeof path[0], "%s/%s", tmpdir, name);
	return p;
}

static char *example_path(const char *name)
{
	static char path[512];

	snprintf(path, sizeof path, "%s/examples/%s", datadir, name);
	return path;
}

static void write_file(const char *path, const void *data, size_t size)
{
	FILE *fp = fopen(path, "wb");

	assert_non_null(fp);
	assert_int_equal(fwrite(data, 1, size, fp), size);
	assert_int_equal(fclose(fp), 0);
}

static void write_text(const char *path, const char *text)
{
	write_file(path, text, strlen(text));
}

static char *read_text(const char *path)
{
	FILE *fp = fopen(path, "rb");
	char *buf;
	long n;

	assert_non_null(fp);
	fseek(fp, 0, SEEK_END);
	n = ftell(fp);
	fseek(fp, 0, SEEK_SET);
	buf = malloc((size_t)n + 1);
	assert_int_equal(fread(buf, 1, (size_t)n, fp), (size_t)n);
	buf[n] = '\0';
	fclose(fp);
	return buf;
}

/* Files in dir whose name starts with prefix (temporary files left over). */
static size_t count_files(const char *dir, const char *prefix)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	size_t n = 0;

	assert_non_null(d);
	while ((e = readdir(d)))
		if (strncmp(e->d_name, prefix, strlen(prefix)) == 0)
			n++;
	closedir(d);
	return n;
}

/* Loads path and expects status, a message naming the file, and a line
 * when want_line is set. */
static struct uc_error expect_refused(const char *path, enum uc_status status, bool want_line)
{
	struct plan *plan = (struct plan *)&plan;
	struct uc_error err = {0};
	enum uc_status s = planfile_load(path, &plan, &err);

	if (s != status)
		fail_msg("%s: status %d, expected %d (%s:%d: %s)", path, s, status, err.file,
			 err.line, err.message);
	assert_null(plan);
	assert_int_equal(err.status, status);
	assert_string_equal(err.file, path);
	assert_true(strlen(err.message) > 5);
	if (want_line)
		assert_true(err.line >= 1);
	return err;
}

static struct plan *load_ok(const char *path)
{
	struct plan *plan = NULL;
	struct uc_error err = {0};

	if (planfile_load(path, &plan, &err) != UC_OK)
		fail_msg("%s:%d: %s", err.file, err.line, err.message);
	assert_non_null(plan);
	return plan;
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

static void assert_round_trip(const struct plan *plan, const char *name)
{
	const char *path = tmp_path(name);
	struct uc_error err = {0};
	struct plan *back;
	char *first, *second;
	size_t n1, n2;

	if (planfile_save(plan, path, &err) != UC_OK)
		fail_msg("save %s: %s", path, err.message);
	back = load_ok(path);
	if (!plan_equal(plan, back))
		fail_msg("%s: the plan read back differs from the plan saved", path);
	/* Writing is deterministic. */
	assert_int_equal(planfile_serialize(plan, &first, &n1, &err), UC_OK);
	assert_int_equal(planfile_serialize(back, &second, &n2, &err), UC_OK);
	assert_int_equal(n1, n2);
	assert_memory_equal(first, second, n1);
	assert_int_equal(strlen(first), n1);
	free(first);
	free(second);
	plan_free(back);
}

/* ---- examples ---------------------------------------------------------------- */

static void test_examples_load_and_validate(void **state)
{
	static const char *const names[] = {"one-site.xml", "two-sites.xml", "lync2013-nat.xml"};

	(void)state;
	for (size_t i = 0; i < 3; i++) {
		struct plan *p = load_ok(example_path(names[i]));
		assert_int_equal(count_errors(p), 0);
		assert_round_trip(p, names[i]);
		plan_free(p);
	}
}

static void test_example_two_sites_uses_everything(void **state)
{
	struct plan *p = load_ok(example_path("two-sites.xml"));
	const struct site *a, *b;

	(void)state;
	assert_int_equal(p->version, PRODUCT_SFB2015);
	assert_int_equal(p->federation, FEDERATION_SIP | FEDERATION_PUBLIC_IM | FEDERATION_XMPP);
	assert_true(p->ocs2007_federation);
	assert_true(p->ipsec);
	assert_int_equal(p->client_media.first, 50000);
	assert_int_equal(p->client_media.last, 50019);
	assert_int_equal(p->n_sites, 2);
	a = &p->sites[0];
	b = &p->sites[1];
	assert_true(a->cms);
	assert_false(b->cms);
	assert_int_equal(a->edition, EDITION_ENTERPRISE);
	assert_int_equal(a->pool_lb, POOL_LB_HARDWARE);
	assert_int_equal(b->pool_lb, POOL_LB_DNS);
	assert_true(a->director && b->director);
	assert_int_equal(a->mediation, MEDIATION_STANDALONE);
	assert_int_equal(b->mediation, MEDIATION_COLLOCATED);
	assert_true(a->mediation_pool.n_servers >= 1 && a->n_gateways >= 1 && b->n_gateways >= 1);
	assert_int_equal(a->edge, EDGE_SCALED_HLB);
	assert_int_equal(a->edge_addressing, EDGE_ADDR_PUBLIC);
	assert_non_null(a->edge_vip_av);
	assert_int_equal(b->edge, EDGE_SCALED_DNS);
	assert_int_equal(b->edge_addressing, EDGE_ADDR_NAT);
	assert_non_null(b->edges[1].av_nat);
	assert_true(a->reverse_proxy && b->reverse_proxy);
	assert_true(a->persistent_chat && a->pchat_pool.n_servers >= 1);
	assert_true(a->office_web_apps && a->owas_pool.n_servers >= 1);
	assert_int_equal(a->um, UM_TLS);
	assert_int_equal(b->um, UM_DUAL);
	assert_false(b->um_servers[1].client_access);
	assert_true(b->um_servers[1].mailbox);
	assert_int_equal(a->n_branches, 1);
	assert_int_equal(a->branches[0].kind, BRANCH_SBA);
	assert_int_equal(b->branches[0].kind, BRANCH_SBS);
	assert_int_equal(b->branches[1].kind, BRANCH_NONE);
	assert_null(b->branches[1].fqdn);
	plan_free(p);

	p = load_ok(example_path("lync2013-nat.xml"));
	assert_int_equal(p->version, PRODUCT_LYNC2013);
	assert_int_equal(p->sites[0].edge, EDGE_SINGLE);
	assert_int_equal(p->sites[0].edge_addressing, EDGE_ADDR_NAT);
	assert_int_equal(p->sites[0].n_edges, 1);
	plan_free(p);

	p = load_ok(example_path("one-site.xml"));
	assert_int_equal(p->sites[0].edge, EDGE_SINGLE);
	assert_int_equal(p->sites[0].edge_addressing, EDGE_ADDR_PUBLIC);
	assert_true(p->sites[0].reverse_proxy);
	plan_free(p);
}

/* ---- round trips -------------------------------------------------------------- */

static void test_round_trip_default(void **state)
{
	struct plan *p = plan_new_default();

	(void)state;
	assert_round_trip(p, "default.xml");
	plan_free(p);
}

static void test_round_trip_everything(void **state)
{
	struct plan *p = plan_new_default();
	struct site *s;

	(void)state;
	for (size_t i = 0; i < 3; i++) {
		if (i > 0)
			plan_add_site(p, NULL);
		plan_set_director(p, i, true, 2);
		plan_set_mediation(p, i, i == 0 ? MEDIATION_STANDALONE : MEDIATION_COLLOCATED, 2,
				   2);
		plan_set_edge(p, i,
			      i == 0   ? EDGE_SCALED_HLB
			      : i == 1 ? EDGE_SCALED_DNS
				       : EDGE_SINGLE,
			      i == 0 ? EDGE_ADDR_PUBLIC : EDGE_ADDR_NAT, 3);
		plan_set_reverse_proxy(p, i, true);
		plan_set_persistent_chat(p, i, true);
		plan_set_office_web_apps(p, i, true);
		plan_set_um(p, i, (enum um_mode)(1 + i), 2);
		plan_add_branch(p, i, "Branch", (enum branch_kind)i);
	}
	plan_set_pool_lb(p, 0, POOL_LB_HARDWARE);
	plan_set_edition(p, 2, EDITION_STANDARD);
	p->version = PRODUCT_LYNC2013;
	p->federation = FEDERATION_SIP | FEDERATION_XMPP;
	p->ocs2007_federation = true;
	p->ipsec = true;
	p->client_media = (struct port_range){50000, 50000};
	free(p->lang);
	p->lang = strdup("en-US"); /* not a language ucplan knows: kept all the same */
	/* Text that needs escaping, non-ASCII text, odd roles, odd ranges. */
	s = &p->sites[1];
	free(s->name);
	s->name = strdup("Mál<a>ga & \"Norte\" 'x' 北京");
	free(p->name);
	p->name = strdup("Plan <&> ü");
	s->um_servers[0].client_access = false;
	s->um_servers[1].client_access = false;
	s->um_servers[1].mailbox = false;
	s->um_rtp = (struct port_range){1, 65535};
	/* Absent optional values stay absent; an empty value stays empty. */
	free(s->frontend.vip);
	s->frontend.vip = NULL;
	free(s->rp_internal);
	s->rp_internal = strdup("");
	assert_round_trip(p, "everything.xml");

	/* No site at all, no SIP domain, no name. */
	while (p->n_sites)
		plan_remove_site(p, 0);
	free(p->sip_domain);
	p->sip_domain = NULL;
	free(p->name);
	p->name = NULL;
	assert_round_trip(p, "empty-plan.xml");
	plan_free(p);
}

/* The names the DNS and certificate reports need survive a save. */
static void test_round_trip_names(void **state)
{
	struct plan *p = plan_new_default();
	struct site *s;

	(void)state;
	plan_set_director(p, 0, true, 2);
	plan_set_edge(p, 0, EDGE_SCALED_DNS, EDGE_ADDR_NAT, 2);
	plan_set_office_web_apps(p, 0, true);
	s = &p->sites[0];
	assert_non_null(s->frontend.web_internal);
	assert_non_null(s->frontend.web_external);
	assert_non_null(s->director_pool.web_external);
	assert_non_null(s->owas_pool.web_external);
	assert_non_null(s->edge_access_fqdn);
	assert_string_equal(p->meet_url, "meet.example.com");
	assert_string_equal(p->dialin_url, "dialin.example.com");
	assert_true(plan_add_domain(p, "fabrikam.example.net"));
	assert_string_equal(p->domains[0].meet, "meet.fabrikam.example.net");
	assert_true(plan_add_domain(p, "litware.example.org"));
	free(p->xmpp_fqdn);
	p->xmpp_fqdn = strdup("xmpp.example.com");
	free(s->edge_av_fqdn);
	s->edge_av_fqdn = strdup("av-pool.site1.example.com");
	assert_round_trip(p, "names.xml");
	plan_remove_domain(p, 0);
	assert_int_equal(p->n_domains, 1);
	assert_string_equal(p->domains[0].name, "litware.example.org");
	assert_round_trip(p, "names2.xml");
	plan_free(p);
}

/* A plan saved before ucplan knew these names loads with none of them and
 * is written back byte for byte. */
static void test_old_plan_unchanged(void **state)
{
	static const char old[] =
	    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	    "<plan xmlns=\"urn:ucplan:plan:1\" version=\"1\" name=\"Old\" "
	    "sip-domain=\"contoso.test\" product=\"sfb2015\">\n"
	    "  <options federation=\"sip\" ocs2007-federation=\"false\" ipsec=\"false\" "
	    "client-media-ports=\"1024-65535\"/>\n"
	    "  <site name=\"Dublin\" cms=\"true\">\n"
	    "    <frontend edition=\"enterprise\" lb=\"dns\" fqdn=\"pool.contoso.test\" "
	    "vip=\"10.0.0.1\" file-share=\"fs.contoso.test\">\n"
	    "      <server fqdn=\"fe1.contoso.test\" address=\"10.0.0.2\"/>\n"
	    "      <server fqdn=\"fe2.contoso.test\" address=\"10.0.0.3\"/>\n"
	    "    </frontend>\n"
	    "    <edge topology=\"single\" addressing=\"public\" fqdn=\"edge.contoso.test\">\n"
	    "      <server fqdn=\"edge.contoso.test\" internal=\"10.0.1.1\" access=\"192.0.2.1\" "
	    "webconf=\"192.0.2.2\" av=\"192.0.2.3\"/>\n"
	    "    </edge>\n"
	    "  </site>\n"
	    "</plan>\n";
	struct uc_error err = {0};
	struct plan *p = NULL;
	struct findings f;
	char *data;
	size_t n;

	(void)state;
	assert_int_equal(planfile_load_memory(old, strlen(old), "old.xml", &p, &err), UC_OK);
	assert_null(p->meet_url);
	assert_null(p->sites[0].frontend.web_internal);
	assert_null(p->sites[0].edge_access_fqdn);
	assert_int_equal(p->n_domains, 0);
	/* the names it lacks are not errors: the reports fill them */
	plan_validate(p, &f);
	assert_int_equal(f.errors, 0);
	findings_free(&f);
	assert_int_equal(planfile_serialize(p, &data, &n, &err), UC_OK);
	assert_string_equal(data, old);
	free(data);
	plan_free(p);
}

static void test_save_refuses_unwritable_text(void **state)
{
	const char *path = tmp_path("refused.xml");
	struct plan *p = plan_new_default();
	struct uc_error err = {0};
	char *before;

	(void)state;
	assert_int_equal(planfile_save(p, path, &err), UC_OK);
	before = read_text(path);
	free(p->sites[0].name);
	p->sites[0].name = strdup("bad\x01name");
	assert_int_equal(planfile_save(p, path, &err), UC_ERR_INVALID);
	assert_string_equal(err.file, path);
	p->sites[0].name[3] = 'X';
	p->client_media = (struct port_range){0, 0};
	assert_int_equal(planfile_save(p, path, &err), UC_ERR_INVALID);
	p->client_media = (struct port_range){1024, 65535};
	p->sites[0].edition = (enum fe_edition)42;
	assert_int_equal(planfile_save(p, path, &err), UC_ERR_INVALID);
	p->sites[0].edition = EDITION_ENTERPRISE;
	assert_int_equal(planfile_save(NULL, path, &err), UC_ERR_USAGE);
	/* The file on disk is the one saved before. */
	char *after = read_text(path);
	assert_string_equal(before, after);
	free(before);
	free(after);
	plan_free(p);
}

/* ---- atomic saves ---------------------------------------------------------------- */

/* Saves a changed default plan to path as a process that cannot write to
 * its directory.  As root, permissions do not stop writes, so the save runs
 * in a child that drops to an unprivileged user; the child allocates and
 * frees its own plan, so that it leaves nothing behind for leak checkers.
 * Returns the status of the save. */
static enum uc_status save_unprivileged(const char *path)
{
	struct uc_error err = {0};
	enum uc_status s;
	struct plan *p;
	pid_t pid;
	int status;

	if (geteuid() != 0) {
		p = plan_new_default();
		free(p->name);
		p->name = strdup("Changed");
		s = planfile_save(p, path, &err);
		plan_free(p);
		return s;
	}
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		if (setgid(65534) != 0 || setuid(65534) != 0)
			_exit(100);
		p = plan_new_default();
		free(p->name);
		p->name = strdup("Changed");
		s = planfile_save(p, path, &err);
		plan_free(p);
		_exit((int)s);
	}
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFEXITED(status));
	assert_int_not_equal(WEXITSTATUS(status), 100);
	return (enum uc_status)WEXITSTATUS(status);
}

static void test_save_atomic_unwritable_dir(void **state)
{
	const char *dir = tmp_path("locked");
	static char before[1 << 16];
	char path[600];
	struct plan *p = plan_new_default();
	struct uc_error err = {0};
	char *text;

	(void)state;
	assert_int_equal(mkdir(dir, 0755), 0);
	snprintf(path, sizeof path, "%s/plan.xml", dir);
	assert_int_equal(planfile_save(p, path, &err), UC_OK);
	plan_free(p);
	/* Kept off the heap: a forked child would count it as a leak. */
	text = read_text(path);
	assert_true(strlen(text) < sizeof before);
	memcpy(before, text, strlen(text) + 1);
	free(text);
	assert_int_equal(chmod(path, 0666), 0);
	assert_int_equal(chmod(dir, 0555), 0);

	assert_int_equal(save_unprivileged(path), UC_ERR_IO);

	assert_int_equal(chmod(dir, 0755), 0);
	text = read_text(path);
	assert_string_equal(before, text);
	assert_non_null(strstr(text, "New plan"));
	assert_int_equal(count_files(dir, ".plan.xml"), 0);
	assert_int_equal(count_files(dir, "plan.xml"), 1);
	free(text);
}

static void test_save_missing_dir(void **state)
{
	const char *path = tmp_path("no-such-dir/plan.xml");
	struct plan *p = plan_new_default();
	struct uc_error err = {0};
	struct stat st;

	(void)state;
	assert_int_equal(planfile_save(p, path, &err), UC_ERR_IO);
	assert_string_equal(err.file, path);
	assert_true(strlen(err.message) > 5);
	assert_int_not_equal(stat(tmp_path("no-such-dir"), &st), 0);

	/* A directory where the file should go is refused too. */
	assert_int_equal(mkdir(tmp_path("a-dir.xml"), 0755), 0);
	assert_int_equal(planfile_save(p, tmp_path("a-dir.xml"), &err), UC_ERR_IO);
	assert_int_equal(stat(tmp_path("a-dir.xml"), &st), 0);
	assert_true(S_ISDIR(st.st_mode));
	plan_free(p);
}

static void test_save_replaces(void **state)
{
	const char *path = tmp_path("replace.xml");
	struct plan *p = plan_new_default();
	struct plan *back;
	struct uc_error err = {0};

	(void)state;
	write_text(path, "old content");
	assert_int_equal(planfile_save(p, path, &err), UC_OK);
	back = load_ok(path);
	assert_true(plan_equal(p, back));
	assert_int_equal(count_files(tmpdir, ".replace.xml"), 0);
	plan_free(back);
	plan_free(p);
}

/* ---- hostile input ----------------------------------------------------------------- */

static void test_refuse_empty_and_garbage(void **state)
{
	unsigned char garbage[512];
	struct uc_error err;

	(void)state;
	write_text(tmp_path("empty.xml"), "");
	err = expect_refused(tmp_path("empty.xml"), UC_ERR_PARSE, true);
	assert_int_equal(err.line, 1);
	write_text(tmp_path("blank.xml"), "\n\n   \n");
	expect_refused(tmp_path("blank.xml"), UC_ERR_PARSE, true);

	for (size_t i = 0; i < sizeof garbage; i++)
		garbage[i] = (unsigned char)(i * 131u + 7u);
	garbage[3] = 0;
	write_file(tmp_path("binary.xml"), garbage, sizeof garbage);
	expect_refused(tmp_path("binary.xml"), UC_ERR_PARSE, true);

	write_file(tmp_path("nul.xml"), "<plan xmlns=\"urn:ucplan:plan:1\"\0 version=\"1\"/>", 45);
	expect_refused(tmp_path("nul.xml"), UC_ERR_PARSE, true);
}

static void test_refuse_truncated(void **state)
{
	char *full = read_text(example_path("two-sites.xml"));
	size_t n = strlen(full);
	struct uc_error err;

	(void)state;
	write_file(tmp_path("truncated.xml"), full, n / 2);
	err = expect_refused(tmp_path("truncated.xml"), UC_ERR_PARSE, true);
	assert_true(err.line > 5);
	/* Cut at the very end: the closing tag is missing. */
	write_file(tmp_path("truncated2.xml"), full, n - 9);
	expect_refused(tmp_path("truncated2.xml"), UC_ERR_PARSE, true);
	free(full);
}

static void test_refuse_wrong_root(void **state)
{
	struct uc_error err;

	(void)state;
	write_text(tmp_path("root.xml"), "<?xml version=\"1.0\"?>\n<catalog version=\"1\"/>\n");
	err = expect_refused(tmp_path("root.xml"), UC_ERR_SCHEMA, true);
	assert_non_null(strstr(err.message, "not a ucplan plan file"));
	assert_non_null(strstr(err.message, "catalog"));
	assert_int_equal(err.line, 2);

	write_text(tmp_path("nons.xml"), "<plan version=\"1\" product=\"sfb2015\"/>");
	expect_refused(tmp_path("nons.xml"), UC_ERR_SCHEMA, true);
}

static void test_refuse_xxe(void **state)
{
	struct uc_error err;

	(void)state;
	/* The entity in element content: parsed, then refused for the DOCTYPE. */
	write_text(tmp_path("xxe.xml"),
		   "<?xml version=\"1.0\"?>\n"
		   "<!DOCTYPE plan [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>\n"
		   "<plan xmlns=\"urn:ucplan:plan:1\" version=\"1\" product=\"sfb2015\">"
		   "<site name=\"a\">&x;</site></plan>\n");
	err = expect_refused(tmp_path("xxe.xml"), UC_ERR_PARSE, true);
	assert_null(strstr(err.message, "root:"));
	/* The entity in an attribute. */
	write_text(tmp_path("xxe2.xml"),
		   "<?xml version=\"1.0\"?>\n"
		   "<!DOCTYPE plan [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>\n"
		   "<plan xmlns=\"urn:ucplan:plan:1\" version=\"1\" product=\"sfb2015\" "
		   "name=\"&x;\"/>\n");
	err = expect_refused(tmp_path("xxe2.xml"), UC_ERR_PARSE, true);
	assert_null(strstr(err.message, "root:"));
	/* A DOCTYPE without entities is refused as well. */
	write_text(tmp_path("doctype.xml"),
		   "<?xml version=\"1.0\"?>\n<!DOCTYPE plan SYSTEM \"http://example.com/x.dtd\">\n"
		   "<plan xmlns=\"urn:ucplan:plan:1\" version=\"1\" product=\"sfb2015\"/>\n");
	expect_refused(tmp_path("doctype.xml"), UC_ERR_PARSE, true);
}

static void test_refuse_billion_laughs(void **state)
{
	char doc[4096];
	size_t len;

	(void)state;
	len = (size_t)snprintf(doc, sizeof doc,
			       "<?xml version=\"1.0\"?>\n<!DOCTYPE plan [\n<!ENTITY a0 \"lol\">\n");
	for (int i = 1; i < 12; i++) {
		len += (size_t)snprintf(doc + len, sizeof doc - len, "<!ENTITY a%d \"", i);
		for (int k = 0; k < 10; k++)
			len += (size_t)snprintf(doc + len, sizeof doc - len, "&a%d;", i - 1);
		len += (size_t)snprintf(doc + len, sizeof doc - len, "\">\n");
	}
	snprintf(doc + len, sizeof doc - len,
		 "]>\n<plan xmlns=\"urn:ucplan:plan:1\" version=\"1\" product=\"sfb2015\" "
		 "name=\"&a11;\"><site name=\"x\">&a11;</site></plan>\n");
	write_text(tmp_path("laughs.xml"), doc);
	expect_refused(tmp_path("laughs.xml"), UC_ERR_PARSE, true);
}

static void test_refuse_too_large(void **state)
{
	const char *path = tmp_path("huge.xml");
	struct plan *plan = NULL;
	struct uc_error err = {0};
	int fd;

	(void)state;
	/* 20 MB, sparse: the size alone must stop the reader. */
	fd = open(path, O_CREAT | O_WRONLY | O_TRUNC, 0644);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, "<plan>", 6), 6);
	assert_int_equal(ftruncate(fd, 20 * 1024 * 1024), 0);
	close(fd);
	expect_refused(path, UC_ERR_LIMIT, false);

	assert_int_equal(
	    planfile_load_memory("<plan/>", (size_t)PLANFILE_MAX_SIZE + 1, "big", &plan, &err),
	    UC_ERR_LIMIT);
	assert_null(plan);
	assert_string_equal(err.file, "big");
}

static void test_refuse_directory_and_missing(void **state)
{
	(void)state;
	assert_int_equal(mkdir(tmp_path("dir.xml"), 0755), 0);
	expect_refused(tmp_path("dir.xml"), UC_ERR_IO, false);
	expect_refused(tmp_path("missing.xml"), UC_ERR_IO, false);
}

/* Writes the one-site example with from replaced by to. */
static const char *variant(const char *name, const char *from, const char *to)
{
	char *text = read_text(example_path("one-site.xml"));
	char *at = strstr(text, from);
	char *out;
	const char *path = tmp_path(name);

	assert_non_null(at);
	out = malloc(strlen(text) + strlen(to) + 1);
	memcpy(out, text, (size_t)(at - text));
	strcpy(out + (at - text), to);
	strcat(out, at + strlen(from));
	write_text(path, out);
	free(out);
	free(text);
	return path;
}

/* The line of the first occurrence of needle in the one-site example. */
static int example_line(const char *needle)
{
	char *text = read_text(example_path("one-site.xml"));
	char *at = strstr(text, needle);
	int line = 1;

	assert_non_null(at);
	for (char *p = text; p < at; p++)
		if (*p == '\n')
			line++;
	free(text);
	return line;
}

static void test_refuse_bad_values(void **state)
{
	struct uc_error err;
	const char *path;

	(void)state;
	/* An unknown keyword: refused by the schema, at the element's line. */
	path = variant("topology.xml", "topology=\"single\"", "topology=\"scaled-xyz\"");
	err = expect_refused(path, UC_ERR_SCHEMA, true);
	assert_int_equal(err.line, example_line("<edge "));
	assert_non_null(strstr(err.message, "topology"));

	path = variant("product.xml", "product=\"sfb2015\"", "product=\"sfb2019\"");
	expect_refused(path, UC_ERR_SCHEMA, true);
	path = variant("bool.xml", "cms=\"true\"", "cms=\"yes\"");
	expect_refused(path, UC_ERR_SCHEMA, true);
	path = variant("federation.xml", "federation=\"sip\"", "federation=\"sip,xmpp\"");
	expect_refused(path, UC_ERR_SCHEMA, true);
	path = variant("version.xml", "version=\"1\"", "version=\"2\"");
	expect_refused(path, UC_ERR_SCHEMA, true);

	/* Port ranges the schema's pattern lets through: refused with a line. */
	path = variant("range.xml", "client-media-ports=\"1024-65535\"",
		       "client-media-ports=\"70000\"");
	err = expect_refused(path, UC_ERR_SCHEMA, true);
	assert_int_equal(err.line, example_line("<options"));
	path = variant("range2.xml", "client-media-ports=\"1024-65535\"",
		       "client-media-ports=\"5000-4000\"");
	expect_refused(path, UC_ERR_SCHEMA, true);
	path = variant("range3.xml", "client-media-ports=\"1024-65535\"",
		       "client-media-ports=\"1024 - 65535\"");
	expect_refused(path, UC_ERR_SCHEMA, true);
}

static void test_schema_error_line(void **state)
{
	struct uc_error err;
	const char *path;
	char formatted[2048];

	(void)state;
	path = variant("element.xml", "<reverse-proxy ", "<reverse-prox ");
	err = expect_refused(path, UC_ERR_SCHEMA, true);
	assert_int_equal(err.line, example_line("<reverse-proxy "));
	uc_error_format(&err, formatted, sizeof formatted);
	assert_int_equal(strncmp(formatted, path, strlen(path)), 0);

	path = variant("attribute.xml", " cms=\"true\"", " cms=\"true\" colour=\"red\"");
	err = expect_refused(path, UC_ERR_SCHEMA, true);
	assert_int_equal(err.line, example_line("<site "));

	/* A name longer than a plan may hold. */
	char long_name[400];
	memset(long_name, 'x', 300);
	strcpy(long_name + 300, "\"");
	path = variant("long.xml", "Head office\"", long_name);
	err = expect_refused(path, UC_ERR_SCHEMA, true);
	assert_int_equal(err.line, example_line("<site "));
}

static void test_refuse_too_many(void **state)
{
	struct strbuf sb = {0};
	const char *path = tmp_path("many.xml");

	(void)state;
	strbuf_puts(&sb, "<plan xmlns=\"urn:ucplan:plan:1\" version=\"1\" product=\"sfb2015\">\n"
			 "<site name=\"a\">\n<frontend edition=\"enterprise\" lb=\"dns\">\n");
	for (int i = 0; i <= PLAN_MAX_POOL_SERVERS; i++)
		strbuf_printf(&sb, "<server fqdn=\"fe%d.example.com\"/>\n", i);
	strbuf_puts(&sb, "</frontend>\n</site>\n</plan>\n");
	write_text(path, sb.data);
	strbuf_free(&sb);
	expect_refused(path, UC_ERR_LIMIT, true);
}

static void test_load_lenient_values(void **state)
{
	struct plan *p;

	(void)state;
	/* Bad names and addresses load (so they can be corrected) and are
	 * reported by the validator; whitespace around keywords is fine. */
	write_text(tmp_path("lenient.xml"),
		   "<plan xmlns='urn:ucplan:plan:1' version=' 1 ' product=' lync2013 '>\n"
		   "  <options federation='xmpp  sip' ipsec=' 1 '/>\n"
		   "  <site name='A' cms='true'>\n"
		   "    <frontend edition='standard' lb='dns' fqdn='not a name'>\n"
		   "      <server fqdn='se.corp.test.net' address='10.0.0.300'/>\n"
		   "    </frontend>\n"
		   "    <exchange-um mode='tcp'><server fqdn='um.corp.test.net'/></exchange-um>\n"
		   "  </site>\n"
		   "</plan>\n");
	p = load_ok(tmp_path("lenient.xml"));
	assert_int_equal(p->version, PRODUCT_LYNC2013);
	assert_int_equal(p->federation, FEDERATION_SIP | FEDERATION_XMPP);
	assert_true(p->ipsec);
	assert_false(p->ocs2007_federation);
	assert_int_equal(p->client_media.first, MODEL_MEDIA_PORT_FIRST);
	assert_null(p->name);
	assert_null(p->sip_domain);
	assert_string_equal(p->sites[0].frontend.fqdn, "not a name");
	assert_int_equal(p->sites[0].um_rtp.first, MODEL_MEDIA_PORT_FIRST);
	/* Without roles, an Exchange 2013 server holds both. */
	assert_true(p->sites[0].um_servers[0].client_access);
	assert_true(p->sites[0].um_servers[0].mailbox);
	assert_true(count_errors(p) >= 4);
	plan_free(p);
}

/* Random damage to a valid plan never crashes the loader; every refusal
 * names the file. */
static void test_mutations_never_crash(void **state)
{
	char *full = read_text(example_path("two-sites.xml"));
	size_t n = strlen(full);
	char *copy = malloc(n);
	uint32_t seed = 12345;
	size_t refused = 0;

	(void)state;
	for (int round = 0; round < 150; round++) {
		struct plan *p = NULL;
		struct uc_error err = {0};
		enum uc_status s;

		memcpy(copy, full, n);
		for (int k = 0; k < 1 + round % 4; k++) {
			seed = seed * 1103515245u + 12345u;
			size_t at = (seed >> 8) % n;
			seed = seed * 1103515245u + 12345u;
			copy[at] = (char)(seed >> 16);
		}
		s = planfile_load_memory(copy, n, "mutant.xml", &p, &err);
		if (s == UC_OK) {
			struct findings f;
			assert_non_null(p);
			plan_validate(p, &f);
			findings_free(&f);
			plan_free(p);
		} else {
			assert_null(p);
			assert_string_equal(err.file, "mutant.xml");
			assert_true(s == UC_ERR_PARSE || s == UC_ERR_SCHEMA);
			refused++;
		}
	}
	assert_true(refused > 0);
	free(copy);
	free(full);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_examples_load_and_validate),
	    cmocka_unit_test(test_example_two_sites_uses_everything),
	    cmocka_unit_test(test_round_trip_default),
	    cmocka_unit_test(test_round_trip_everything),
	    cmocka_unit_test(test_round_trip_names),
	    cmocka_unit_test(test_old_plan_unchanged),
	    cmocka_unit_test(test_save_refuses_unwritable_text),
	    cmocka_unit_test(test_save_atomic_unwritable_dir),
	    cmocka_unit_test(test_save_missing_dir),
	    cmocka_unit_test(test_save_replaces),
	    cmocka_unit_test(test_refuse_empty_and_garbage),
	    cmocka_unit_test(test_refuse_truncated),
	    cmocka_unit_test(test_refuse_wrong_root),
	    cmocka_unit_test(test_refuse_xxe),
	    cmocka_unit_test(test_refuse_billion_laughs),
	    cmocka_unit_test(test_refuse_too_large),
	    cmocka_unit_test(test_refuse_directory_and_missing),
	    cmocka_unit_test(test_refuse_bad_values),
	    cmocka_unit_test(test_schema_error_line),
	    cmocka_unit_test(test_refuse_too_many),
	    cmocka_unit_test(test_load_lenient_values),
	    cmocka_unit_test(test_mutations_never_crash),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
