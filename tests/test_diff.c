/* test_diff.c: comparing two XML reports (diff.h).
 *
 * Every fixture is made here, the way a user makes one: a plan (the
 * two-site example, edited), its report built by the engine and written by
 * the XML exporter into a temporary directory, then loaded back.  The
 * cases are the edits of a change request: none, rows added, rows removed,
 * an address changed, a site renamed, sites reordered, another language;
 * and files that are not reports, refused with a message that names the
 * file and says what to do. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "ucplan/catalog.h"
#include "ucplan/cli.h"
#include "ucplan/diff.h"
#include "ucplan/export.h"
#include "ucplan/fileio.h"
#include "ucplan/i18n.h"
#include "ucplan/model.h"
#include "ucplan/planfile.h"
#include "ucplan/report.h"

static char tmpdir[] = "/tmp/ucplan-test-diff-XXXXXX";
static struct catalog *catalog;

static int setup(void **state)
{
	struct uc_error err = {0};
	const char *datadir = getenv("UCPLAN_DATADIR");

	(void)state;
	/* Run from the source tree by hand: report.rng, the catalog and the
	 * examples in data/, the translations in build/locale/ (tests/run.sh
	 * sets both). */
	if (!datadir || !*datadir)
		setenv("UCPLAN_DATADIR", "data", 1);
	if (!getenv("UCPLAN_LOCALEDIR"))
		setenv("UCPLAN_LOCALEDIR", "build/locale", 1);
	setlocale(LC_ALL, "C.UTF-8");
	i18n_init("en");
	if (!mkdtemp(tmpdir))
		return -1;
	return catalog_load_default(&catalog, &err) == UC_OK ? 0 : -1;
}

static int teardown(void **state)
{
	char cmd[256];

	(void)state;
	catalog_free(catalog);
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
	return system(cmd) == 0 ? 0 : -1;
}

/* ---- fixtures ------------------------------------------------------------------ */

/* A path in the temporary directory; caller frees. */
static char *tmp_path(const char *name)
{
	return xasprintf("%s/%s", tmpdir, name);
}

static void write_text(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");

	assert_non_null(f);
	assert_int_equal(fputs(text, f) >= 0, 1);
	assert_int_equal(fclose(f), 0);
}

/* The whole file as a string; caller frees. */
static char *read_text(const char *path)
{
	struct uc_error err = {0};
	char *data = NULL;
	size_t size = 0;

	if (file_read_all(path, 64u << 20, &data, &size, &err) != UC_OK)
		fail_msg("%s: %s", path, err.message);
	return data;
}

/* The shipped two-site example (Dublin, Madrid); caller frees. */
static struct plan *example_plan(void)
{
	struct uc_error err = {0};
	char *path = uc_data_path("examples/two-sites.xml");
	struct plan *plan = NULL;

	assert_int_equal(planfile_load(path, &plan, &err), UC_OK);
	free(path);
	assert_int_equal(plan->n_sites, 2);
	assert_string_equal(plan->sites[0].name, "Dublin");
	return plan;
}

/* Writes plan's report as `ucplan report -f xml --lang lang` would, to
 * name in the temporary directory; returns the path (caller frees). */
static char *write_report(const struct plan *plan, const char *lang, const char *name)
{
	struct uc_error err = {0};
	struct report *r = report_build(plan, catalog);
	char *path = tmp_path(name);

	assert_true(i18n_set_language(lang));
	assert_int_equal(export_to_file(&export_xml, r, NULL, path, &err), UC_OK);
	assert_true(i18n_set_language("en"));
	report_free(r);
	return path;
}

static struct diff_report *load(const char *path)
{
	struct uc_error err = {0};
	struct diff_report *r = NULL;
	enum uc_status s = diff_load_report(path, &r, &err);

	if (s != UC_OK)
		fail_msg("%s:%d: %s", err.file, err.line, err.message);
	assert_non_null(r);
	return r;
}

/* Two plans' reports compared: the reports are kept with the diff and
 * freed by free_compared(). */
struct compared {
	struct diff_report *old_report, *new_report;
	struct diff *diff;
};

static struct compared compare_plans(const struct plan *a, const char *lang_a, const struct plan *b,
				     const char *lang_b)
{
	char *pa = write_report(a, lang_a, "old.xml");
	char *pb = write_report(b, lang_b, "new.xml");
	struct compared c;

	c.old_report = load(pa);
	c.new_report = load(pb);
	c.diff = diff_compare(c.old_report, c.new_report, 0);
	free(pa);
	free(pb);
	return c;
}

static void free_compared(struct compared *c)
{
	diff_free(c->diff);
	diff_free_report(c->old_report);
	diff_free_report(c->new_report);
}

/* The diff rendered by writer into a string; caller frees. */
static char *render(const struct diff_writer *w, const struct diff *d)
{
	struct diff_options opts;
	struct uc_error err = {0};
	char *text = NULL;
	size_t size = 0;
	FILE *f = open_memstream(&text, &size);

	assert_non_null(f);
	diff_default_options(&opts);
	opts.catalog = catalog;
	assert_int_equal(w->write(d, &opts, f, &err), UC_OK);
	assert_int_equal(fclose(f), 0);
	return text;
}

static size_t count_rows(const struct diff_report *r)
{
	size_t n = 0;

	for (int k = 0; k < CATALOG_TABLE_COUNT; k++)
		n += r->tables[k].n_rows;
	return n;
}

/* The field key of an entry, or NULL. */
static const struct diff_field *find_field(const struct diff_entry *e, const char *key)
{
	for (size_t i = 0; i < e->n_fields; i++)
		if (strcmp(e->fields[i].key, key) == 0)
			return &e->fields[i];
	return NULL;
}

/* The entries of table with change, counted. */
static size_t count_entries(const struct diff *d, enum catalog_table table,
			    enum diff_change change)
{
	size_t n = 0;

	for (size_t i = 0; i < d->n_entries; i++)
		n += d->entries[i].table == table && d->entries[i].change == change;
	return n;
}

/* The first entry of table with change whose record has the name (DNS),
 * holder (certificates) or FQDN (summary) name; NULL when none. */
static const struct diff_entry *find_record(const struct diff *d, enum catalog_table table,
					    enum diff_change change, const char *name)
{
	for (size_t i = 0; i < d->n_entries; i++) {
		const struct diff_entry *e = &d->entries[i];
		const struct diff_row *r = e->new_row ? e->new_row : e->old_row;
		const char *id;

		if (e->table != table || e->change != change || !r->record)
			continue;
		id = table == CATALOG_DNS		? r->record->name
		     : table == CATALOG_CERTIFICATES ? r->record->assigned_to
						      : r->record->fqdn;
		if (id && strcmp(id, name) == 0)
			return e;
	}
	return NULL;
}

/* ---- equal, added, removed -------------------------------------------------------- */

static void test_equal(void **state)
{
	struct plan *plan = example_plan();
	struct compared c = compare_plans(plan, "en", plan, "en");
	char *text;

	(void)state;
	assert_true(count_rows(c.old_report) > 100);
	assert_int_equal(c.diff->n_entries, 0);
	assert_int_equal(c.diff->compared, CATALOG_ALL_TABLES);
	assert_int_equal(c.diff->only_old | c.diff->only_new, 0);
	text = render(&diff_text, c.diff);
	assert_non_null(strstr(text, "No differences"));
	free(text);
	free_compared(&c);
	plan_free(plan);
}

/* Persistent Chat in Dublin: its own rows appear, and its servers join the
 * rows toward all servers, which change rather than come and go. */
static void test_added_and_removed(void **state)
{
	struct plan *a = example_plan(), *b = plan_clone(a);
	struct compared c;
	bool pchat_added = false;

	(void)state;
	/* the example has Persistent Chat in Dublin; Madrid gets it */
	assert_false(a->sites[1].persistent_chat);
	plan_set_persistent_chat(b, 1, true);
	plan_fill_defaults(b);
	c = compare_plans(a, "en", b, "en");
	assert_true(c.diff->n_added > 0);
	assert_int_equal(c.diff->n_removed, 0);
	for (size_t i = 0; i < c.diff->n_entries; i++) {
		const struct diff_entry *e = &c.diff->entries[i];

		if (e->change != DIFF_ADDED)
			continue;
		assert_null(e->old_row);
		assert_string_equal(e->new_row->site, "Madrid");
		if (strncmp(e->new_row->rule, "pchat-", 6) == 0)
			pchat_added = true;
	}
	assert_true(pchat_added);
	free_compared(&c);

	/* the other way round: the same rows removed, nothing added */
	c = compare_plans(b, "en", a, "en");
	assert_true(c.diff->n_removed > 0);
	assert_int_equal(c.diff->n_added, 0);
	for (size_t i = 0; i < c.diff->n_entries; i++)
		if (c.diff->entries[i].change == DIFF_REMOVED)
			assert_null(c.diff->entries[i].new_row);
	free_compared(&c);
	plan_free(a);
	plan_free(b);
}

/* ---- changes ----------------------------------------------------------------------- */

/* One server's address: every row with that server changes (in Madrid
 * too, toward Dublin's Central Management store), naming the old and the
 * new address; nothing is added or removed. */
static void test_changed_address(void **state)
{
	struct plan *a = example_plan(), *b = plan_clone(a);
	struct server *fe01 = &b->sites[0].frontend.servers[0];
	struct compared c;
	size_t with_address = 0;
	char *text;

	(void)state;
	assert_string_equal(fe01->address, "192.0.2.11");
	free(fe01->address);
	fe01->address = xstrdup("192.0.2.199");
	c = compare_plans(a, "en", b, "en");
	assert_int_equal(c.diff->n_added, 0);
	assert_int_equal(c.diff->n_removed, 0);
	assert_true(c.diff->n_changed > 0);
	for (size_t i = 0; i < c.diff->n_entries; i++) {
		const struct diff_entry *e = &c.diff->entries[i];
		const struct diff_field *f = find_field(e, "destination_address");

		/* the records (fe01's A record, its summary line) have tests
		 * of their own */
		if (CATALOG_IS_RECORDS(e->table))
			continue;
		if (!f)
			f = find_field(e, "source_address");
		assert_non_null(f);
		assert_string_equal(f->old_value, "192.0.2.11");
		assert_string_equal(f->new_value, "192.0.2.199");
		assert_string_equal(f->member, "fe01.dub.example.com");
		assert_null(find_field(e, "site"));
		with_address++;
	}
	assert_int_equal(with_address, c.diff->n_changed - count_entries(c.diff, CATALOG_DNS,
									   DIFF_CHANGED) -
					   count_entries(c.diff, CATALOG_SUMMARY, DIFF_CHANGED));
	assert_non_null(find_record(c.diff, CATALOG_DNS, DIFF_CHANGED, "fe01.dub.example.com"));
	assert_non_null(find_record(c.diff, CATALOG_SUMMARY, DIFF_CHANGED, "fe01.dub.example.com"));

	text = render(&diff_text, c.diff);
	assert_non_null(strstr(text, "Firewall rules\n"));
	assert_non_null(
	    strstr(text, "~ fe-sip-5061 (Dublin): Any \xE2\x86\x92 Front End Servers, TCP 5061\n"));
	assert_non_null(strstr(text, "    destination address 192.0.2.11 \xE2\x86\x92 192.0.2.199 "
				     "(fe01.dub.example.com)\n"));
	assert_non_null(strstr(text, "Rows added: 0, removed: 0, changed: "));
	free(text);
	free_compared(&c);
	plan_free(a);
	plan_free(b);
}

/* A renamed site: its rows pair up with the old ones and change only in
 * the site; the other site's rows do not change. */
static void test_rename_only(void **state)
{
	struct plan *a = example_plan(), *b = plan_clone(a);
	struct compared c;
	size_t dublin_rows = 0;

	(void)state;
	free(b->sites[0].name);
	b->sites[0].name = xstrdup("Dublin DC");
	c = compare_plans(a, "en", b, "en");
	assert_int_equal(c.diff->n_added, 0);
	assert_int_equal(c.diff->n_removed, 0);
	for (int k = 0; k < CATALOG_TABLE_COUNT; k++)
		for (size_t i = 0; i < c.old_report->tables[k].n_rows; i++)
			if (c.old_report->tables[k].rows[i].site &&
			    strcmp(c.old_report->tables[k].rows[i].site, "Dublin") == 0)
				dublin_rows++;
	assert_int_equal(c.diff->n_changed, dublin_rows);
	for (size_t i = 0; i < c.diff->n_entries; i++) {
		const struct diff_entry *e = &c.diff->entries[i];

		assert_int_equal(e->change, DIFF_CHANGED);
		assert_int_equal(e->n_fields, 1);
		assert_string_equal(e->fields[0].key, "site");
		assert_string_equal(e->fields[0].old_value, "Dublin");
		assert_string_equal(e->fields[0].new_value, "Dublin DC");
	}
	free_compared(&c);
	plan_free(a);
	plan_free(b);
}

/* Sites in another order: the same rows, so no difference at all (the
 * rows are matched by site name, server lists compared as sets). */
static void test_reorder_only(void **state)
{
	struct plan *a = example_plan(), *b = plan_clone(a);
	struct site swap = b->sites[0];
	struct compared c;

	(void)state;
	b->sites[0] = b->sites[1];
	b->sites[1] = swap;
	assert_string_equal(b->sites[0].name, "Madrid");
	c = compare_plans(a, "en", b, "en");
	assert_int_equal(c.diff->n_entries, 0);
	free_compared(&c);
	plan_free(a);
	plan_free(b);
}

/* The same plan reported in English and in Chinese: the labels and titles
 * differ, the machine values do not. */
static void test_language_only(void **state)
{
	struct plan *plan = example_plan();
	char *en_path, *zh_path, *en, *zh;
	struct compared c;

	(void)state;
	c = compare_plans(plan, "en", plan, "zh_CN");
	assert_int_equal(c.diff->n_entries, 0);
	assert_string_equal(c.old_report->lang, "en");
	assert_string_equal(c.new_report->lang, "zh-CN");
	free_compared(&c);
	en_path = tmp_path("old.xml");
	zh_path = tmp_path("new.xml");
	en = read_text(en_path);
	zh = read_text(zh_path);
	/* the labels really are in Chinese, so that equality means something */
	assert_non_null(strstr(en, "title=\"Firewall rules\""));
	if (strstr(zh, "title=\"Firewall rules\""))
		fail_msg("no zh_CN translations in %s: build them (make all) or set "
			 "UCPLAN_LOCALEDIR",
			 i18n_localedir());
	free(en);
	free(zh);
	free(en_path);
	free(zh_path);
	plan_free(plan);
}

/* A table that one report left out (report -t) is named, not compared. */
static void test_table_left_out(void **state)
{
	struct plan *plan = example_plan();
	struct report *r = report_build(plan, catalog);
	struct export_options eo;
	struct uc_error err = {0};
	char *full = write_report(plan, "en", "full.xml"), *fw = tmp_path("fw.xml");
	struct diff_report *a, *b;
	struct diff *d;

	(void)state;
	export_default_options(&eo);
	eo.tables = CATALOG_TABLE_BIT(CATALOG_FIREWALL);
	assert_int_equal(export_to_file(&export_xml, r, &eo, fw, &err), UC_OK);
	a = load(full);
	b = load(fw);
	d = diff_compare(a, b, 0);
	assert_int_equal(d->n_entries, 0);
	assert_int_equal(d->compared, CATALOG_TABLE_BIT(CATALOG_FIREWALL));
	assert_true(d->only_old & CATALOG_TABLE_BIT(CATALOG_LB));
	assert_int_equal(d->only_new, 0);
	diff_free(d);
	diff_free_report(a);
	diff_free_report(b);
	free(full);
	free(fw);
	report_free(r);
	plan_free(plan);
}

/* ---- the lb table's settings and the record tables ------------------------------- */

/* Replaces the first what after offset from in *text (which is
 * reallocated) by with; returns where with now is. */
static char *replace_after(char **text, size_t from, const char *what, const char *with)
{
	char *p = strstr(*text + from, what), *out;

	assert_non_null(p);
	out = xasprintf("%.*s%s%s", (int)(p - *text), *text, with, p + strlen(what));
	from = (size_t)(p - *text);
	free(*text);
	*text = out;
	return out + from;
}

/* The report of plan with one lb row's settings edited as a vendor's
 * answer would: a timeout and a persistence where Microsoft gives none. */
static void test_lb_settings(void **state)
{
	struct plan *plan = example_plan();
	char *old_path = write_report(plan, "en", "lb-old.xml"), *text = read_text(old_path);
	char *new_path = tmp_path("lb-new.xml"), *p;
	struct diff_report *a, *b;
	const struct diff_entry *e;
	struct diff *d;
	char *csv, *out;

	(void)state;
	p = strstr(text, "<lb-settings>");
	assert_non_null(p);
	p = replace_after(&text, p - text, ">not-documented</persistence>", ">none</persistence>");
	replace_after(&text, p - text, ">not-documented</idle-timeout>", ">1800</idle-timeout>");
	write_text(new_path, text);
	a = load(old_path);
	b = load(new_path);
	d = diff_compare(a, b, 0);
	assert_int_equal(d->n_entries, 1);
	e = &d->entries[0];
	assert_int_equal(e->change, DIFF_CHANGED);
	assert_int_equal(e->table, CATALOG_LB);
	assert_int_equal(e->n_fields, 2);
	assert_string_equal(find_field(e, "persistence")->old_value, "not-documented");
	assert_string_equal(find_field(e, "persistence")->new_value, "none");
	assert_string_equal(find_field(e, "idle_timeout")->new_value, "1800");
	out = render(&diff_text, d);
	assert_non_null(strstr(out, "Hardware load balancer ports\n~ lb-"));
	assert_non_null(strstr(out, "    TCP idle timeout (s) not-documented \xE2\x86\x92 1800\n"));
	free(out);
	csv = render(&diff_csv, d);
	assert_non_null(strstr(csv, "\"idle_timeout\",\"not-documented\",\"1800\","));
	free(csv);
	diff_free(d);
	/* the other way round: the same fields, old and new swapped */
	d = diff_compare(b, a, 0);
	assert_int_equal(d->n_entries, 1);
	assert_string_equal(find_field(&d->entries[0], "persistence")->old_value, "none");
	assert_string_equal(find_field(&d->entries[0], "persistence")->new_value,
			    "not-documented");
	diff_free(d);
	diff_free_report(a);
	diff_free_report(b);
	free(text);
	free(old_path);
	free(new_path);
	plan_free(plan);
}

/* Front End pools on DNS load balancing: the pool's name has an A record
 * per member.  One member's new address changes that member's records,
 * and only those, in the DNS and summary tables. */
static void test_records_changed(void **state)
{
	struct plan *a = example_plan(), *b;
	struct server *fe02;
	struct compared c;
	const struct diff_entry *e;
	size_t pool_changes = 0;
	char *text, *csv, *json;
	json_t *root;
	json_error_t jerr;

	(void)state;
	plan_set_pool_lb(a, 0, POOL_LB_DNS);
	plan_fill_defaults(a);
	b = plan_clone(a);
	fe02 = &b->sites[0].frontend.servers[1];
	assert_string_equal(fe02->fqdn, "fe02.dub.example.com");
	free(fe02->address);
	fe02->address = xstrdup("192.0.2.122");
	c = compare_plans(a, "en", b, "es");
	for (int k = CATALOG_DNS; k < CATALOG_TABLE_COUNT; k++) {
		assert_int_equal(count_entries(c.diff, (enum catalog_table)k, DIFF_ADDED), 0);
		assert_int_equal(count_entries(c.diff, (enum catalog_table)k, DIFF_REMOVED), 0);
	}
	/* the server's own A record */
	e = find_record(c.diff, CATALOG_DNS, DIFF_CHANGED, "fe02.dub.example.com");
	assert_non_null(e);
	assert_int_equal(e->n_fields, 1);
	assert_string_equal(e->fields[0].key, "value");
	assert_string_equal(e->fields[0].old_value, "192.0.2.12");
	assert_string_equal(e->fields[0].new_value, "192.0.2.122");
	/* the pool's records: only the one with fe02's address changes, the
	 * others pair with themselves even though they share the name */
	for (size_t i = 0; i < c.diff->n_entries; i++) {
		e = &c.diff->entries[i];
		if (e->table == CATALOG_DNS &&
		    strcmp(e->new_row->record->name, "pool.dub.example.com") == 0) {
			assert_string_equal(find_field(e, "value")->old_value, "192.0.2.12");
			pool_changes++;
		}
	}
	assert_true(pool_changes >= 1);
	assert_true(pool_changes <= 2); /* internal and external zone at most */
	e = find_record(c.diff, CATALOG_SUMMARY, DIFF_CHANGED, "fe02.dub.example.com");
	assert_non_null(e);
	assert_string_equal(find_field(e, "address")->new_value, "192.0.2.122");
	assert_null(find_field(e, "site"));

	text = render(&diff_text, c.diff);
	assert_non_null(strstr(text, "DNS records\n"));
	assert_non_null(strstr(text, "~ dns-fe-servers (Dublin): Internal A fe02.dub.example.com "
				     "\xE2\x86\x92 192.0.2.122\n"
				     "    address or target 192.0.2.12 \xE2\x86\x92 192.0.2.122\n"));
	assert_non_null(strstr(text, "Summary\n~ "));
	free(text);
	csv = render(&diff_csv, c.diff);
	assert_non_null(strstr(csv, "\"changed\",\"dns\",\"dns-fe-servers\",\"Dublin\",\"value\","
				    "\"192.0.2.12\",\"192.0.2.122\",\"internal A "
				    "fe02.dub.example.com\"\r\n"));
	free(csv);
	json = render(&diff_json, c.diff);
	root = json_loads(json, 0, &jerr);
	if (!root)
		fail_msg("JSON: %s at line %d", jerr.text, jerr.line);
	{
		json_t *changed = json_object_get(root, "changed"), *x;
		size_t i;
		bool found = false;

		json_array_foreach(changed, i, x)
		{
			if (strcmp(json_string_value(json_object_get(x, "table")), "dns") != 0 ||
			    strcmp(json_string_value(json_object_get(x, "name")),
				   "fe02.dub.example.com") != 0)
				continue;
			assert_string_equal(json_string_value(json_object_get(x, "zone")),
					    "internal");
			assert_string_equal(json_string_value(json_object_get(x, "type")), "A");
			assert_string_equal(json_string_value(json_object_get(x, "value")),
					    "192.0.2.122");
			assert_null(json_object_get(x, "from"));
			found = true;
		}
		assert_true(found);
	}
	json_decref(root);
	free(json);
	free_compared(&c);
	plan_free(a);
	plan_free(b);
}

/* A third SIP domain: its DNS records are added, the certificates whose
 * SAN list names every SIP domain change (the whole list, old and new),
 * nothing is removed; the other way round, the records are removed. */
static void test_records_added_and_removed(void **state)
{
	struct plan *a = example_plan(), *b = plan_clone(a);
	struct compared c;
	size_t san_changes = 0;
	bool sip_record = false;

	(void)state;
	assert_true(plan_add_domain(b, "example.org"));
	plan_fill_defaults(b);
	c = compare_plans(a, "en", b, "en");
	assert_int_equal(c.diff->n_removed, 0);
	assert_true(count_entries(c.diff, CATALOG_DNS, DIFF_ADDED) > 0);
	for (size_t i = 0; i < c.diff->n_entries; i++) {
		const struct diff_entry *e = &c.diff->entries[i];
		const struct diff_field *f;

		if (e->table == CATALOG_DNS && e->change == DIFF_ADDED &&
		    strstr(e->new_row->record->name, "example.org"))
			sip_record = true;
		if (e->table != CATALOG_CERTIFICATES || e->change != DIFF_CHANGED)
			continue;
		f = find_field(e, "san");
		assert_non_null(f);
		/* the new list is the old one and the new domain's names */
		assert_non_null(strstr(f->new_value, "example.org"));
		assert_null(strstr(f->old_value, "example.org"));
		/* the subject comes first in both */
		assert_memory_equal(f->new_value, f->old_value, strcspn(f->old_value, " "));
		san_changes++;
	}
	assert_true(sip_record);
	assert_true(san_changes > 0);
	free_compared(&c);

	c = compare_plans(b, "en", a, "en");
	assert_int_equal(c.diff->n_added, 0);
	assert_true(count_entries(c.diff, CATALOG_DNS, DIFF_REMOVED) > 0);
	for (size_t i = 0; i < c.diff->n_entries; i++)
		if (c.diff->entries[i].change == DIFF_REMOVED)
			assert_int_equal(c.diff->entries[i].table, CATALOG_DNS);
	free_compared(&c);
	plan_free(a);
	plan_free(b);
}

/* A Front End server more: its certificate and its summary record are
 * added, and removed the other way round; in text, CSV and JSON. */
static void test_records_server_added(void **state)
{
	struct plan *a = example_plan(), *b = plan_clone(a);
	struct compared c;
	const struct diff_entry *e;
	size_t n = b->sites[0].frontend.n_servers;
	char *fqdn, *text, *csv, *json;

	(void)state;
	plan_set_frontend_count(b, 0, n + 1);
	plan_fill_defaults(b);
	fqdn = xstrdup(b->sites[0].frontend.servers[n].fqdn);
	c = compare_plans(a, "en", b, "en");
	e = find_record(c.diff, CATALOG_CERTIFICATES, DIFF_ADDED, fqdn);
	assert_non_null(e);
	assert_null(e->old_row);
	e = find_record(c.diff, CATALOG_SUMMARY, DIFF_ADDED, fqdn);
	assert_non_null(e);
	assert_string_equal(e->new_row->site, "Dublin");
	text = render(&diff_text, c.diff);
	assert_non_null(strstr(text, "Certificates\n"));
	assert_non_null(strstr(text, "+ cert-fe-default (Dublin): "));
	free(text);
	csv = render(&diff_csv, c.diff);
	assert_non_null(strstr(csv, "\"added\",\"summary\",\"sum-fe-servers\",\"Dublin\",\"\",\"\","
				    "\"\",\""));
	free(csv);
	json = render(&diff_json, c.diff);
	assert_non_null(strstr(json, "\"table\":\"certificates\",\"rule\":\"cert-fe-default\","
				     "\"site\":\"Dublin\",\"assigned_to\":\""));
	assert_non_null(strstr(json, "\"san\":[\""));
	free(json);
	free_compared(&c);

	c = compare_plans(b, "en", a, "en");
	assert_non_null(find_record(c.diff, CATALOG_CERTIFICATES, DIFF_REMOVED, fqdn));
	assert_non_null(find_record(c.diff, CATALOG_SUMMARY, DIFF_REMOVED, fqdn));
	free_compared(&c);
	free(fqdn);
	plan_free(a);
	plan_free(b);
}

/* ---- rendering ---------------------------------------------------------------------- */

/* CSV: the header, one record per changed field; a site name that a
 * spreadsheet would evaluate comes out inert.  JSON: the documented shape. */
static void test_csv_and_json(void **state)
{
	struct plan *a = example_plan(), *b = plan_clone(a);
	struct compared c;
	json_error_t jerr;
	json_t *root, *changed, *first;
	char *csv, *json;

	(void)state;
	free(b->sites[1].name);
	b->sites[1].name = xstrdup("=HYPERLINK(\"http://x\")");
	plan_set_persistent_chat(b, 1, true);
	plan_fill_defaults(b);
	c = compare_plans(a, "en", b, "en");
	assert_true(c.diff->n_added > 0 && c.diff->n_changed > 0);

	csv = render(&diff_csv, c.diff);
	assert_memory_equal(csv,
			    "\"change\",\"table\",\"rule\",\"site\",\"field\",\"old\",\"new\","
			    "\"item\"\r\n",
			    strlen("\"change\",\"table\",\"rule\",\"site\",\"field\",\"old\","
				   "\"new\",\"item\"\r\n"));
	assert_non_null(strstr(csv, ",\"site\",\"Madrid\",\"'=HYPERLINK(\"\"http://x\"\")\",\""));
	assert_non_null(strstr(csv, "\"added\",\"firewall\",\"pchat-sip-5041\","
				    "\"'=HYPERLINK(\"\"http://x\"\")\",\"\",\"\",\"\",\"any>"));
	assert_null(strstr(csv, ",\"=HYPERLINK"));
	free(csv);

	json = render(&diff_json, c.diff);
	root = json_loads(json, 0, &jerr);
	if (!root)
		fail_msg("JSON: %s at line %d", jerr.text, jerr.line);
	assert_string_equal(json_string_value(json_object_get(root, "format")), "ucplan-diff");
	assert_int_equal(json_integer_value(json_object_get(root, "version")), 1);
	assert_int_equal(json_array_size(json_object_get(root, "added")), c.diff->n_added);
	assert_int_equal(json_array_size(json_object_get(root, "removed")), 0);
	changed = json_object_get(root, "changed");
	assert_int_equal(json_array_size(changed), c.diff->n_changed);
	first = json_array_get(changed, 0);
	assert_non_null(json_object_get(first, "rule"));
	assert_non_null(json_object_get(first, "table"));
	assert_true(json_array_size(json_object_get(first, "fields")) > 0);
	assert_non_null(
	    json_object_get(json_array_get(json_object_get(first, "fields"), 0), "field"));
	assert_true(json_is_integer(json_object_get(
	    json_array_get(json_object_get(root, "added"), 0), "destination_port")));
	json_decref(root);
	free(json);
	free_compared(&c);
	plan_free(a);
	plan_free(b);
}

/* ---- files that are not reports ----------------------------------------------------- */

/* Loading path fails with status; the message names the file and contains
 * hint. */
static void expect_refused(const char *path, enum uc_status status, const char *hint)
{
	struct uc_error err = {0};
	struct diff_report *r = (struct diff_report *)1;

	assert_int_equal(diff_load_report(path, &r, &err), status);
	assert_null(r);
	assert_int_equal(uc_status_exit_code(status), 3);
	assert_string_equal(err.file, path);
	if (!strstr(err.message, hint))
		fail_msg("%s: '%s' not in: %s", path, hint, err.message);
}

static void test_not_a_report(void **state)
{
	struct plan *plan = example_plan();
	struct report *r = report_build(plan, catalog);
	struct uc_error err = {0};
	char *report = write_report(plan, "en", "good.xml"), *text = read_text(report);
	char *p, *path;
	char *plan_path = tmp_path("plan.xml"), *csv = tmp_path("report.csv");

	(void)state;
	/* a plan instead of its report */
	assert_int_equal(planfile_save(plan, plan_path, &err), UC_OK);
	expect_refused(plan_path, UC_ERR_SCHEMA, "ucplan report PLAN -f xml");
	/* the CSV report */
	assert_int_equal(export_to_file(&export_csv, r, NULL, csv, &err), UC_OK);
	expect_refused(csv, UC_ERR_PARSE, "-f xml");
	/* another kind of XML */
	path = tmp_path("other.xml");
	write_text(path, "<?xml version=\"1.0\"?>\n<html><body/></html>\n");
	expect_refused(path, UC_ERR_SCHEMA, "<html>");
	free(path);
	/* another format version */
	path = tmp_path("v3.xml");
	p = strstr(text, "version=\"2\"");
	assert_non_null(p);
	p[9] = '3';
	write_text(path, text);
	expect_refused(path, UC_ERR_SCHEMA, "ucplan report -f xml");
	p[9] = '2';
	free(path);
	/* a row naming a site the list does not have: the line is given */
	path = tmp_path("badsite.xml");
	p = strstr(text, "site=\"1\"");
	assert_non_null(p);
	p[6] = '9';
	write_text(path, text);
	{
		struct diff_report *bad = NULL;
		assert_int_equal(diff_load_report(path, &bad, &err), UC_ERR_SCHEMA);
		assert_true(err.line > 1);
		assert_non_null(strstr(err.message, "ucplan report -f xml"));
	}
	p[6] = '1';
	free(path);
	/* against the schema */
	path = tmp_path("schema.xml");
	p = strstr(text, "<transport>");
	assert_non_null(p);
	memcpy(p + 11, "XYZ", 3);
	write_text(path, text);
	expect_refused(path, UC_ERR_SCHEMA, "report.rng");
	free(path);
	/* hostile, empty, cut short, missing */
	path = tmp_path("xxe.xml");
	write_text(path, "<?xml version=\"1.0\"?>\n<!DOCTYPE report [<!ENTITY x SYSTEM "
			 "\"file:///etc/passwd\">]>\n<report>&x;</report>\n");
	expect_refused(path, UC_ERR_PARSE, "DOCTYPE");
	free(path);
	path = tmp_path("empty.xml");
	write_text(path, "  \n");
	expect_refused(path, UC_ERR_PARSE, "empty");
	free(path);
	path = tmp_path("cut.xml");
	text[2000] = '\0';
	write_text(path, text);
	expect_refused(path, UC_ERR_PARSE, "not well-formed");
	free(path);
	path = tmp_path("missing.xml");
	expect_refused(path, UC_ERR_IO, "");
	free(path);

	free(text);
	free(report);
	free(plan_path);
	free(csv);
	report_free(r);
	plan_free(plan);
}

/* ---- the command line ---------------------------------------------------------------- */

static enum uc_status parse(struct cli_options *o, struct uc_error *err, ...)
{
	char *argv[16] = {"ucplan"};
	int argc = 1;
	va_list ap;

	va_start(ap, err);
	for (char *w; argc < 15 && (w = va_arg(ap, char *)); argc++)
		argv[argc] = w;
	va_end(ap);
	argv[argc] = NULL;
	return cli_parse(argc, argv, o, err);
}

static void test_cli(void **state)
{
	struct cli_options o;
	struct uc_error err = {0};

	(void)state;
	assert_int_equal(parse(&o, &err, "diff", "a.xml", "b.xml", "-f", "json", NULL), UC_OK);
	assert_int_equal(o.command, CLI_DIFF);
	assert_string_equal(o.old_report, "a.xml");
	assert_string_equal(o.new_report, "b.xml");
	assert_string_equal(o.format, "json");
	assert_non_null(diff_find_writer(o.format));
	assert_int_equal(
	    parse(&o, &err, "--lang", "es", "diff", "-o", "d.csv", "a.xml", "b.xml", NULL), UC_OK);
	assert_int_equal(o.command, CLI_DIFF);
	assert_string_equal(o.output, "d.csv");
	assert_int_equal(parse(&o, &err, "diff", NULL), UC_ERR_USAGE);
	assert_non_null(strstr(err.message, "OLD NEW"));
	assert_int_equal(parse(&o, &err, "diff", "a.xml", NULL), UC_ERR_USAGE);
	assert_non_null(strstr(err.message, "a.xml"));
	assert_int_equal(parse(&o, &err, "diff", "a.xml", "b.xml", "c.xml", NULL), UC_ERR_USAGE);
	assert_non_null(strstr(err.message, "c.xml"));
	assert_int_equal(parse(&o, &err, "diff", "a.xml", "b.xml", "-f", "xml", NULL),
			 UC_ERR_USAGE);
	assert_non_null(strstr(err.message, "xml"));
	assert_int_equal(parse(&o, &err, "diff", "a.xml", "b.xml", "--edge", "single", NULL),
			 UC_ERR_USAGE);
	assert_int_equal(parse(&o, &err, "diff", "--help", NULL), UC_OK);
	assert_int_equal(o.command, CLI_HELP);
	assert_null(diff_find_writer("xml"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_equal),	    cmocka_unit_test(test_added_and_removed),
	    cmocka_unit_test(test_changed_address), cmocka_unit_test(test_rename_only),
	    cmocka_unit_test(test_reorder_only),    cmocka_unit_test(test_language_only),
	    cmocka_unit_test(test_table_left_out),  cmocka_unit_test(test_csv_and_json),
	    cmocka_unit_test(test_lb_settings),	    cmocka_unit_test(test_records_changed),
	    cmocka_unit_test(test_records_added_and_removed),
	    cmocka_unit_test(test_records_server_added),
	    cmocka_unit_test(test_not_a_report),    cmocka_unit_test(test_cli),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
