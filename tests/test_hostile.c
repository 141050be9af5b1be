/* test_hostile.c: plan and catalog files from strangers.
 *
 * Every hostile file is loaded in a child process, so that a crash, a leak
 * or a hang (an alarm) fails only its own case, and so that the time and
 * the peak memory of that one load can be measured.  Each must be refused
 * with the right status and a one-line message that names the file, in
 * bounded time and memory.  The bounds are sanity checks against
 * exponential or unbounded work, not benchmarks (that is `make bench`).
 * The fuzzers' seeds and findings (tests/fuzz/corpus/) are replayed too. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <locale.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include "ucplan/catalog.h"
#include "ucplan/fileio.h"
#include "ucplan/model.h"
#include "ucplan/planfile.h"
#include "ucplan/report.h"
#include "ucplan/wizard.h"

/* Sanity bounds per load; they hold under AddressSanitizer as well. */
#define TIME_LIMIT 2.0
#define RSS_LIMIT_KB (200L * 1024)
/* A load that takes this long is hung: the child is killed. */
#define HANG_SECONDS 20

static char tmpdir[] = "/tmp/ucplan-test-hostile-XXXXXX";
static char *one_site; /* data/examples/one-site.xml */
static size_t one_site_len;

static int setup(void **state)
{
	struct uc_error err = {0};
	char *path;

	(void)state;
	setlocale(LC_ALL, "C.UTF-8");
	if (!getenv("UCPLAN_DATADIR") || !*getenv("UCPLAN_DATADIR"))
		setenv("UCPLAN_DATADIR", "data", 1);
	if (!mkdtemp(tmpdir))
		return -1;
	path = uc_data_path("examples/one-site.xml");
	if (file_read_all(path, PLANFILE_MAX_SIZE, &one_site, &one_site_len, &err) != UC_OK)
		return -1;
	free(path);
	return 0;
}

static int teardown(void **state)
{
	char cmd[256];

	(void)state;
	free(one_site);
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
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

static void write_bytes(const char *path, const void *data, size_t size)
{
	FILE *f = fopen(path, "wb");

	assert_non_null(f);
	assert_int_equal(fwrite(data, 1, size, f), size);
	assert_int_equal(fclose(f), 0);
}

static void write_text(const char *path, const char *text)
{
	write_bytes(path, text, strlen(text));
}

/* one-site.xml with the first occurrence of from replaced by to. */
static char *example_with(const char *from, const char *to)
{
	const char *at = strstr(one_site, from);
	char *out;

	assert_non_null(at);
	out = malloc(one_site_len - strlen(from) + strlen(to) + 1);
	assert_non_null(out);
	sprintf(out, "%.*s%s%s", (int)(at - one_site), one_site, to, at + strlen(from));
	return out;
}

/* What a child reports about one load. */
struct outcome {
	enum uc_status status;
	int line;
	char file[512];
	char message[1024];
	long rss_kb;	/* peak resident memory the load added */
	/* processor time of the load, measured by the child: unlike the time
	 * on the clock it does not grow when the machine is busy */
	double seconds;
	bool exited;	/* the child ran to completion */
};

enum loader { PLAN_FILE, CATALOG_FILE };

/* User and system time in ru, in seconds. */
static double cpu_seconds(const struct rusage *ru)
{
	return (double)(ru->ru_utime.tv_sec + ru->ru_stime.tv_sec) +
	       (double)(ru->ru_utime.tv_usec + ru->ru_stime.tv_usec) / 1e6;
}

static long resident_kb(void)
{
	long size = 0, resident = 0;
	FILE *f = fopen("/proc/self/statm", "r");

	if (f) {
		if (fscanf(f, "%ld %ld", &size, &resident) != 2)
			resident = 0;
		fclose(f);
	}
	return resident * (sysconf(_SC_PAGESIZE) / 1024);
}

/* In the child: loads path and writes an outcome to fd.  exit() rather
 * than _exit(), so that LeakSanitizer checks the child under sanitizers. */
static void child_load(enum loader what, const char *path, int fd)
{
	struct outcome o = {0};
	struct uc_error err = {0};
	struct rusage ru;
	long before;
	double cpu_before;

	alarm(HANG_SECONDS);
	before = resident_kb();
	getrusage(RUSAGE_SELF, &ru);
	cpu_before = cpu_seconds(&ru);
	if (what == PLAN_FILE) {
		struct plan *plan = NULL;
		o.status = planfile_load(path, &plan, &err);
		plan_free(plan);
	} else {
		struct catalog *c = NULL;
		char *schema = uc_data_path("catalog.rng");
		o.status = catalog_load(path, schema, &c, &err);
		catalog_free(c);
		free(schema);
	}
	getrusage(RUSAGE_SELF, &ru);
	o.rss_kb = ru.ru_maxrss - before;
	o.seconds = cpu_seconds(&ru) - cpu_before;
	o.line = err.line;
	memcpy(o.file, err.file, sizeof o.file);
	memcpy(o.message, err.message, sizeof o.message);
	if (write(fd, &o, sizeof o) != (ssize_t)sizeof o)
		exit(2);
	exit(0);
}

static struct outcome load_in_child(enum loader what, const char *path)
{
	struct outcome o = {0};
	int fds[2], status = 0;
	size_t got = 0;
	pid_t pid;

	assert_int_equal(pipe(fds), 0);
	fflush(NULL);
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		close(fds[0]);
		child_load(what, path, fds[1]);
	}
	close(fds[1]);
	while (got < sizeof o) {
		ssize_t n = read(fds[0], (char *)&o + got, sizeof o - got);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		got += (size_t)n;
	}
	close(fds[0]);
	assert_int_equal(waitpid(pid, &status, 0), pid);
	o.exited = got == sizeof o && WIFEXITED(status) && WEXITSTATUS(status) == 0;
	if (!o.exited)
		print_error("%s: the loading process %s %d\n", path,
			    WIFSIGNALED(status) ? "died of signal" : "exited with status",
			    WIFSIGNALED(status) ? WTERMSIG(status) : WEXITSTATUS(status));
	return o;
}

/* Loads path in a child and checks the refusal: status, a one-line
 * message naming the file that contains want (when given), time and
 * memory within bounds. */
static struct outcome refused(enum loader what, const char *path, enum uc_status status,
			      const char *want)
{
	struct outcome o = load_in_child(what, path);

	assert_true(o.exited);
	if (getenv("HOSTILE_VERBOSE"))
		print_message("%s: %.3f s, %ld KB\n", path, o.seconds, o.rss_kb);
	if (o.status != status)
		print_error("%s: status %d, wanted %d: %s\n", path, o.status, status, o.message);
	assert_int_equal(o.status, status);
	assert_string_equal(o.file, path);
	assert_true(o.message[0] != '\0');
	assert_null(strchr(o.message, '\n'));
	if (want && !strstr(o.message, want)) {
		print_error("%s: message \"%s\" lacks \"%s\"\n", path, o.message, want);
		fail();
	}
	if (o.seconds >= TIME_LIMIT || o.rss_kb >= RSS_LIMIT_KB) {
		print_error("%s: %.2f s (limit %.1f), %ld KB more memory (limit %ld)\n", path,
			    o.seconds, TIME_LIMIT, o.rss_kb, RSS_LIMIT_KB);
		fail();
	}
	return o;
}

static struct outcome plan_refused(const char *path, enum uc_status status, const char *want)
{
	return refused(PLAN_FILE, path, status, want);
}

/* ---- not a plan at all ----------------------------------------------------- */

static void test_empty_binary_truncated(void **state)
{
	char bin[512];
	char *half;

	(void)state;
	write_text(tmp_path("empty.xml"), "");
	plan_refused(tmp_path("empty.xml"), UC_ERR_PARSE, "empty");
	write_text(tmp_path("blank.xml"), " \n\t\r\n");
	plan_refused(tmp_path("blank.xml"), UC_ERR_PARSE, "empty");

	for (size_t i = 0; i < sizeof bin; i++)
		bin[i] = (char)(i * 7 + 3);
	write_bytes(tmp_path("binary.xml"), bin, sizeof bin);
	plan_refused(tmp_path("binary.xml"), UC_ERR_PARSE, NULL);

	half = strndup(one_site, one_site_len / 2);
	write_text(tmp_path("truncated.xml"), half);
	assert_true(plan_refused(tmp_path("truncated.xml"), UC_ERR_PARSE, NULL).line > 0);
	free(half);
}

static void test_wrong_root(void **state)
{
	char *no_ns = example_with(" xmlns=\"urn:ucplan:plan:1\"", "");

	(void)state;
	write_text(tmp_path("root.xml"),
		   "<?xml version=\"1.0\"?>\n<catalog xmlns=\"urn:ucplan:catalog:1\"/>\n");
	plan_refused(tmp_path("root.xml"), UC_ERR_SCHEMA, "catalog");
	write_text(tmp_path("html.xml"), "<html><body>plan</body></html>");
	plan_refused(tmp_path("html.xml"), UC_ERR_SCHEMA, "html");
	write_text(tmp_path("nons.xml"), no_ns);
	plan_refused(tmp_path("nons.xml"), UC_ERR_SCHEMA, "urn:ucplan:plan:1");
	free(no_ns);
}

/* ---- encodings ------------------------------------------------------------- */

/* UTF-16 with a byte-order mark is well-formed XML: it loads, and holds
 * the same plan as the UTF-8 original. */
static void test_utf16_loads_the_same(void **state)
{
	char *decl = example_with("encoding=\"UTF-8\"", "encoding=\"UTF-16\"");
	size_t n = strlen(decl);
	unsigned char *u16 = malloc(2 * n + 2);
	struct plan *a = NULL, *b = NULL;
	struct uc_error err = {0};

	(void)state;
	assert_non_null(u16);
	u16[0] = 0xff; /* little-endian BOM; the example is ASCII */
	u16[1] = 0xfe;
	for (size_t i = 0; i < n; i++) {
		u16[2 + 2 * i] = (unsigned char)decl[i];
		u16[3 + 2 * i] = 0;
	}
	write_bytes(tmp_path("utf16.xml"), u16, 2 * n + 2);
	assert_int_equal(planfile_load(tmp_path("utf16.xml"), &a, &err), UC_OK);
	assert_int_equal(planfile_load_memory(one_site, one_site_len, "one-site.xml", &b, &err),
			 UC_OK);
	assert_true(plan_equal(a, b));
	plan_free(a);
	plan_free(b);
	free(u16);
	free(decl);
}

static void test_wrong_encodings(void **state)
{
	char *latin1 = example_with("Example: one site", "Caf\xe9 Z\xfcrich");
	char *ebcdic = example_with("encoding=\"UTF-8\"", "encoding=\"EBCDIC\"");
	char *bad_utf8 = example_with("Example: one site", "\xc3\x28\xed\xa0\x80\xf8\x88");
	size_t n = strlen(one_site);
	char *bom_utf8 = malloc(n + 2);

	(void)state;
	/* Latin-1 bytes in a file that says UTF-8. */
	write_text(tmp_path("latin1.xml"), latin1);
	plan_refused(tmp_path("latin1.xml"), UC_ERR_PARSE, "UTF-8");
	/* An encoding nobody supports here. */
	write_text(tmp_path("ebcdic.xml"), ebcdic);
	plan_refused(tmp_path("ebcdic.xml"), UC_ERR_PARSE, "EBCDIC");
	/* Overlong, surrogate and truncated sequences. */
	write_text(tmp_path("badutf8.xml"), bad_utf8);
	plan_refused(tmp_path("badutf8.xml"), UC_ERR_PARSE, NULL);
	/* A UTF-16 byte-order mark in front of UTF-8 text. */
	assert_non_null(bom_utf8);
	bom_utf8[0] = '\xff';
	bom_utf8[1] = '\xfe';
	memcpy(bom_utf8 + 2, one_site, n);
	write_bytes(tmp_path("bom.xml"), bom_utf8, n + 2);
	plan_refused(tmp_path("bom.xml"), UC_ERR_PARSE, NULL);
	free(latin1);
	free(ebcdic);
	free(bad_utf8);
	free(bom_utf8);
}

/* ---- entities -------------------------------------------------------------- */

static const char plan_head[] =
    "<plan xmlns=\"urn:ucplan:plan:1\" version=\"1\" product=\"sfb2015\"";

static void test_external_entities(void **state)
{
	char text[2048];
	struct outcome o;

	(void)state;
	snprintf(text, sizeof text,
		 "<?xml version=\"1.0\"?>\n"
		 "<!DOCTYPE plan [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>\n"
		 "%s name=\"&x;\"><site name=\"&x;\"/></plan>\n",
		 plan_head);
	write_text(tmp_path("xxe.xml"), text);
	o = plan_refused(tmp_path("xxe.xml"), UC_ERR_PARSE, NULL);
	assert_null(strstr(o.message, "root:"));

	/* A parameter entity naming a local file that, if it were read,
	 * would change the error: its text is not a valid declaration. */
	write_text(tmp_path("secret.dtd"), "LEAKMARKER <!ENTITY");
	snprintf(text, sizeof text,
		 "<?xml version=\"1.0\"?>\n"
		 "<!DOCTYPE plan [<!ENTITY %% p SYSTEM \"file://%s\"> %%p;]>\n"
		 "%s/>\n",
		 tmp_path("secret.dtd"), plan_head);
	write_text(tmp_path("xxe-param.xml"), text);
	o = plan_refused(tmp_path("xxe-param.xml"), UC_ERR_PARSE, "DOCTYPE");
	assert_null(strstr(o.message, "LEAKMARKER"));

	/* An external DTD on the network: never fetched (NONET), refused. */
	snprintf(text, sizeof text,
		 "<?xml version=\"1.0\"?>\n"
		 "<!DOCTYPE plan SYSTEM \"http://192.0.2.1/plan.dtd\">\n%s/>\n",
		 plan_head);
	write_text(tmp_path("xxe-net.xml"), text);
	plan_refused(tmp_path("xxe-net.xml"), UC_ERR_PARSE, "DOCTYPE");
}

static void test_entity_expansion(void **state)
{
	struct strbuf sb = {0};

	(void)state;
	/* Billion laughs: ten levels of ten references. */
	strbuf_puts(&sb, "<?xml version=\"1.0\"?>\n<!DOCTYPE plan [\n<!ENTITY l0 \"lol\">\n");
	for (int i = 1; i < 10; i++) {
		strbuf_printf(&sb, "<!ENTITY l%d \"", i);
		for (int j = 0; j < 10; j++)
			strbuf_printf(&sb, "&l%d;", i - 1);
		strbuf_puts(&sb, "\">\n");
	}
	strbuf_printf(&sb, "]>\n%s name=\"&l9;\"><site name=\"&l9;\">&l9;</site></plan>\n",
		      plan_head);
	write_text(tmp_path("laughs.xml"), sb.data);
	plan_refused(tmp_path("laughs.xml"), UC_ERR_PARSE, NULL);
	strbuf_free(&sb);

	/* Quadratic blowup: one large entity referenced many times. */
	strbuf_puts(&sb, "<?xml version=\"1.0\"?>\n<!DOCTYPE plan [<!ENTITY a \"");
	for (int i = 0; i < 50000; i++)
		strbuf_puts(&sb, "a");
	strbuf_printf(&sb, "\">]>\n%s name=\"", plan_head);
	for (int i = 0; i < 20000; i++)
		strbuf_puts(&sb, "&a;");
	strbuf_puts(&sb, "\"/>\n");
	write_text(tmp_path("quadratic.xml"), sb.data);
	plan_refused(tmp_path("quadratic.xml"), UC_ERR_PARSE, NULL);
	strbuf_free(&sb);
}

/* ---- size and depth -------------------------------------------------------- */

static void test_huge_attribute(void **state)
{
	const size_t n = 8u * 1024 * 1024;
	char *name = malloc(n + 32);
	char *text;

	(void)state;
	assert_non_null(name);
	memcpy(name, "name=\"", 6);
	memset(name + 6, 'A', n);
	strcpy(name + 6 + n, "\"");
	text = example_with("name=\"Example: one site\"", name);
	assert_true(strlen(text) < PLANFILE_MAX_SIZE);
	write_text(tmp_path("huge-attr.xml"), text);
	/* Refused before libxml2 builds a tree: values are bounded. */
	plan_refused(tmp_path("huge-attr.xml"), UC_ERR_LIMIT, "4096");
	free(text);
	free(name);
}

/* A file of exactly the limit loads; one byte more, and any larger file,
 * is refused before it is read. */
static void test_size_limit(void **state)
{
	const char *end = strstr(one_site, "</plan>");
	size_t head = (size_t)(end - one_site), tail = one_site_len - head;
	size_t pad = PLANFILE_MAX_SIZE - one_site_len;
	char *text = malloc(PLANFILE_MAX_SIZE + 2);
	struct outcome o;
	int fd;

	(void)state;
	assert_non_null(text);
	/* libxml2 refuses a single comment over 10 MB: use two. */
	memcpy(text, one_site, head);
	for (size_t part = 0, at = head; part < 2; part++) {
		size_t len = part == 0 ? pad / 2 : pad - pad / 2;
		memcpy(text + at, "<!--", 4);
		memset(text + at + 4, '-' + 1, len - 7);
		memcpy(text + at + len - 3, "-->", 3);
		at += len;
	}
	memcpy(text + head + pad, end, tail);
	write_bytes(tmp_path("limit.xml"), text, PLANFILE_MAX_SIZE);
	o = load_in_child(PLAN_FILE, tmp_path("limit.xml"));
	assert_true(o.exited);
	if (getenv("HOSTILE_VERBOSE"))
		print_message("limit.xml: %.3f s, %ld KB\n", o.seconds, o.rss_kb);
	if (o.status != UC_OK)
		print_error("limit.xml: %s\n", o.message);
	assert_int_equal(o.status, UC_OK);
	assert_true(o.seconds < TIME_LIMIT);
	assert_true(o.rss_kb < RSS_LIMIT_KB);

	text[PLANFILE_MAX_SIZE] = '\n';
	write_bytes(tmp_path("limit1.xml"), text, PLANFILE_MAX_SIZE + 1);
	plan_refused(tmp_path("limit1.xml"), UC_ERR_LIMIT, NULL);
	free(text);

	/* 20 MB, sparse: refused on its size alone. */
	fd = open(tmp_path("20mb.xml"), O_WRONLY | O_CREAT | O_TRUNC, 0644);
	assert_true(fd >= 0);
	assert_int_equal(ftruncate(fd, 20L * 1024 * 1024), 0);
	close(fd);
	plan_refused(tmp_path("20mb.xml"), UC_ERR_LIMIT, NULL);
}

/* file_read_all at its limit, including files whose size says 0. */
static void test_read_limit_exact(void **state)
{
	struct uc_error err = {0};
	char *data = NULL;
	size_t size = 0;

	(void)state;
	write_text(tmp_path("ten.txt"), "0123456789");
	assert_int_equal(file_read_all(tmp_path("ten.txt"), 10, &data, &size, &err), UC_OK);
	assert_int_equal(size, 10);
	assert_string_equal(data, "0123456789");
	free(data);
	assert_int_equal(file_read_all(tmp_path("ten.txt"), 9, &data, &size, &err), UC_ERR_LIMIT);
	assert_null(data);
	assert_int_equal(file_read_all("/proc/self/status", 16, &data, &size, &err), UC_ERR_LIMIT);
	assert_null(data);
	assert_string_equal(err.file, "/proc/self/status");
	assert_int_equal(file_read_all("/proc/self/status", 1u << 20, &data, &size, &err), UC_OK);
	assert_true(size > 16 && strlen(data) == size);
	free(data);
}

static void test_deep_nesting(void **state)
{
	const size_t levels = 100000;
	struct strbuf sb = {0};
	struct outcome o;

	(void)state;
	strbuf_printf(&sb, "%s>", plan_head);
	for (size_t i = 0; i < levels; i++)
		strbuf_puts(&sb, "<site>");
	for (size_t i = 0; i < levels; i++)
		strbuf_puts(&sb, "</site>");
	strbuf_puts(&sb, "</plan>\n");
	write_text(tmp_path("deep.xml"), sb.data);
	o = plan_refused(tmp_path("deep.xml"), UC_ERR_LIMIT, "16 levels");
	/* libxml2's advice is for programmers, not for our users. */
	assert_null(strstr(o.message, "HUGE"));
	strbuf_free(&sb);
}

/* ---- structure: what libxml2 would spend minutes on ------------------------ */

/* A plan whose root holds the start tag "<site" followed by n attributes
 * and then rest (e.g. "/>"), as UTF-8 text. */
static void many_attributes(struct strbuf *sb, size_t n, const char *rest)
{
	strbuf_printf(sb, "%s><site", plan_head);
	for (size_t i = 0; i < n; i++)
		strbuf_printf(sb, " a%zu=\"v\"", i);
	strbuf_printf(sb, "%s</plan>\n", rest);
}

/* The same text in code units of width bytes, little-endian, with a
 * byte-order mark. */
static void write_wide(const char *path, const struct strbuf *sb, size_t width)
{
	unsigned char *out = calloc(sb->len + 1, width);

	assert_non_null(out);
	out[0] = 0xff;
	out[1] = 0xfe;
	for (size_t i = 0; i < sb->len; i++)
		out[width * (i + 1)] = (unsigned char)sb->data[i];
	write_bytes(path, out, width * (sb->len + 1));
	free(out);
}

/* One element with many attributes made libxml2 work for minutes (its
 * duplicate check is quadratic): refused at once, in every encoding. */
static void test_many_attributes(void **state)
{
	struct strbuf sb = {0};
	struct outcome o;

	(void)state;
	many_attributes(&sb, 40000, "/>");
	write_text(tmp_path("attrs.xml"), sb.data);
	o = plan_refused(tmp_path("attrs.xml"), UC_ERR_LIMIT, "more than 32 attributes");
	assert_int_equal(o.line, 1);
	write_wide(tmp_path("attrs16.xml"), &sb, 2);
	plan_refused(tmp_path("attrs16.xml"), UC_ERR_LIMIT, "more than 32 attributes");
	write_wide(tmp_path("attrs32.xml"), &sb, 4);
	plan_refused(tmp_path("attrs32.xml"), UC_ERR_LIMIT, "more than 32 attributes");
	refused(CATALOG_FILE, tmp_path("attrs.xml"), UC_ERR_LIMIT, "more than 32 attributes");
	strbuf_free(&sb);

	/* Many elements at the per-element limit add up. */
	strbuf_printf(&sb, "%s>\n", plan_head);
	for (size_t i = 0; i < 6600; i++) {
		strbuf_puts(&sb, "<site");
		for (int a = 0; a < 31; a++)
			strbuf_printf(&sb, " a%d=\"\"", a);
		strbuf_puts(&sb, "/>\n");
	}
	strbuf_puts(&sb, "</plan>\n");
	write_text(tmp_path("attrs-all.xml"), sb.data);
	o = plan_refused(tmp_path("attrs-all.xml"), UC_ERR_LIMIT, "more than 200000 attributes");
	assert_true(o.line > 6000);
	strbuf_free(&sb);
}

static void test_structure_limits(void **state)
{
	struct strbuf sb = {0};
	char *text;

	(void)state;
	/* Elements. */
	strbuf_printf(&sb, "%s>\n", plan_head);
	for (size_t i = 0; i < 100001; i++)
		strbuf_puts(&sb, "<x/>");
	strbuf_puts(&sb, "</plan>\n");
	write_text(tmp_path("elements.xml"), sb.data);
	plan_refused(tmp_path("elements.xml"), UC_ERR_LIMIT, "more than 100000 elements");
	strbuf_free(&sb);

	/* Names of elements and attributes. */
	strbuf_printf(&sb, "%s><", plan_head);
	for (size_t i = 0; i < 129; i++)
		strbuf_puts(&sb, "n");
	strbuf_puts(&sb, "/></plan>\n");
	write_text(tmp_path("name.xml"), sb.data);
	plan_refused(tmp_path("name.xml"), UC_ERR_LIMIT, "name is longer than 128");
	strbuf_free(&sb);
	strbuf_printf(&sb, "%s><site ", plan_head);
	for (size_t i = 0; i < 20000; i++)
		strbuf_puts(&sb, "n");
	strbuf_puts(&sb, "=\"v\"/></plan>\n");
	write_text(tmp_path("attr-name.xml"), sb.data);
	plan_refused(tmp_path("attr-name.xml"), UC_ERR_LIMIT, "name is longer than 128");
	strbuf_free(&sb);

	/* Text between tags (blanks do not count). */
	strbuf_printf(&sb, "%s>\n<site>", plan_head);
	for (size_t i = 0; i < 20000; i++)
		strbuf_puts(&sb, "&amp;");
	strbuf_puts(&sb, "</site></plan>\n");
	write_text(tmp_path("text.xml"), sb.data);
	plan_refused(tmp_path("text.xml"), UC_ERR_LIMIT, "text is longer than 65536");
	strbuf_free(&sb);

	/* Default attributes from a DOCTYPE would be added by libxml2 itself. */
	strbuf_puts(&sb, "<?xml version=\"1.0\"?>\n<!DOCTYPE plan [<!ATTLIST plan");
	for (size_t i = 0; i < 20000; i++)
		strbuf_printf(&sb, " a%zu CDATA \"v\"", i);
	strbuf_printf(&sb, ">]>\n%s/>\n", plan_head);
	write_text(tmp_path("attlist.xml"), sb.data);
	plan_refused(tmp_path("attlist.xml"), UC_ERR_PARSE, "DOCTYPE");
	strbuf_free(&sb);

	/* Encodings whose markup is not ASCII would hide it from the checks. */
	text = example_with("encoding=\"UTF-8\"", "encoding=\"ISO-2022-JP\"");
	write_text(tmp_path("iso2022.xml"), text);
	plan_refused(tmp_path("iso2022.xml"), UC_ERR_PARSE, "ISO-2022-JP");
	free(text);
	/* "<?xm" in EBCDIC. */
	write_bytes(tmp_path("ebcdic-bytes.xml"), "\x4c\x6f\xa7\x94\x93\x40", 6);
	plan_refused(tmp_path("ebcdic-bytes.xml"), UC_ERR_PARSE, "'<'");
}

/* Each schema error on a sibling made libxml2 walk back over every earlier
 * node (16 s for these 50,000 sites, minutes for 200,000); now the errors
 * cost the same wherever they are. */
static void test_many_schema_errors(void **state)
{
	struct strbuf sb = {0};
	struct outcome o;

	(void)state;
	strbuf_printf(&sb, "%s>\n", plan_head);
	for (size_t i = 0; i < 50000; i++)
		strbuf_puts(&sb, "<site name=\"s\"/>\n");
	strbuf_puts(&sb, "</plan>\n");
	write_text(tmp_path("siblings.xml"), sb.data);
	o = plan_refused(tmp_path("siblings.xml"), UC_ERR_SCHEMA, NULL);
	assert_int_equal(o.line, 2);
	strbuf_free(&sb);
}

/* ---- not a regular file ---------------------------------------------------- */

static void test_special_files(void **state)
{
	char under_file[600];

	(void)state;
	assert_int_equal(mkdir(tmp_path("dir.xml"), 0755), 0);
	plan_refused(tmp_path("dir.xml"), UC_ERR_IO, "directory");

	/* A FIFO without a writer: opening it must not wait. */
	assert_int_equal(mkfifo(tmp_path("fifo.xml"), 0644), 0);
	plan_refused(tmp_path("fifo.xml"), UC_ERR_IO, "regular file");

	plan_refused("/dev/zero", UC_ERR_IO, "regular file");
	plan_refused("/dev/null", UC_ERR_IO, "regular file");

	assert_int_equal(symlink("loop-b.xml", tmp_path("loop-a.xml")), 0);
	assert_int_equal(symlink("loop-a.xml", tmp_path("loop-b.xml")), 0);
	plan_refused(tmp_path("loop-a.xml"), UC_ERR_IO, strerror(ELOOP));

	plan_refused(tmp_path("missing.xml"), UC_ERR_IO, strerror(ENOENT));
	snprintf(under_file, sizeof under_file, "%s/plan.xml", tmp_path("empty.xml"));
	plan_refused(under_file, UC_ERR_IO, strerror(ENOTDIR));

	/* A regular file whose size says 0 but which has content. */
	plan_refused("/proc/self/status", UC_ERR_PARSE, NULL);
}

/* ---- the catalog goes through the same door ------------------------------- */

static void test_catalog_hostile(void **state)
{
	struct catalog *c = NULL;
	struct uc_error err = {0};
	char *schema = uc_data_path("catalog.rng");

	(void)state;
	assert_int_equal(mkfifo(tmp_path("catalog-fifo.xml"), 0644), 0);
	refused(CATALOG_FILE, tmp_path("catalog-fifo.xml"), UC_ERR_IO, "regular file");
	refused(CATALOG_FILE, "/dev/zero", UC_ERR_IO, "regular file");
	write_text(tmp_path("catalog-xxe.xml"),
		   "<!DOCTYPE catalog [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>\n"
		   "<catalog xmlns=\"urn:ucplan:catalog:1\" version=\"1\">&x;</catalog>\n");
	refused(CATALOG_FILE, tmp_path("catalog-xxe.xml"), UC_ERR_PARSE, "DOCTYPE");
	write_text(tmp_path("catalog-plan.xml"), one_site);
	refused(CATALOG_FILE, tmp_path("catalog-plan.xml"), UC_ERR_SCHEMA, NULL);

	/* From memory, as the fuzzer loads it. */
	assert_int_equal(catalog_load_memory("", 0, "mem.xml", schema, &c, &err), UC_ERR_PARSE);
	assert_null(c);
	assert_string_equal(err.file, "mem.xml");
	assert_int_equal(catalog_load_memory(one_site, one_site_len, "mem.xml", schema, &c, &err),
			 UC_ERR_SCHEMA);
	assert_null(c);
	free(schema);
}

/* catalog_load_memory gives the same catalog as catalog_load. */
static void test_catalog_memory_matches_file(void **state)
{
	char *path = uc_data_path("catalog.xml"), *schema = uc_data_path("catalog.rng");
	struct catalog *a = NULL, *b = NULL;
	struct uc_error err = {0};
	char *data;
	size_t size;

	(void)state;
	assert_int_equal(file_read_all(path, PLANFILE_MAX_SIZE, &data, &size, &err), UC_OK);
	assert_int_equal(catalog_load(path, schema, &a, &err), UC_OK);
	assert_int_equal(catalog_load_memory(data, size, path, schema, &b, &err), UC_OK);
	assert_int_equal(a->n_rules, b->n_rules);
	assert_int_equal(a->n_sources, b->n_sources);
	assert_int_equal(a->n_endpoints, b->n_endpoints);
	for (size_t i = 0; i < a->n_rules; i++) {
		assert_string_equal(a->rules[i].id, b->rules[i].id);
		assert_string_equal(a->rules[i].destination_port, b->rules[i].destination_port);
	}
	assert_string_equal(b->path, path);
	catalog_free(a);
	catalog_free(b);
	free(data);
	free(path);
	free(schema);
}

/* ---- fuzz findings --------------------------------------------------------- */

/* fuzz_fields: counting up the digits of a name ("Number the rest") can
 * make its first label longer than 63 characters, or the whole name longer
 * than 253, and the result was stored in the plan as an FQDN although it is
 * not one.  Seed: tests/fuzz/corpus/fields/finding-successor-label-overflow. */
static void test_finding_successor_stays_fqdn(void **state)
{
	char label[128], name[300], next[300];

	(void)state;
	memset(label, 'a', 62);
	strcpy(label + 62, "9.example.com");
	assert_true(model_is_fqdn(label));
	if (address_successor(label, ADDRESS_FQDN, next, sizeof next) && !model_is_fqdn(next)) {
		print_error("the successor of %s is %s, not an FQDN\n", label, next);
		fail();
	}
	/* 253 characters in all, the first label ending in 9. */
	strcpy(name, "fe9");
	while (strlen(name) < 240)
		strcat(name, ".abcdefghi");
	strcat(name, ".example.com");
	name[253] = '\0';
	if (name[252] == '.')
		name[252] = 'x';
	assert_true(model_is_fqdn(name));
	if (address_successor(name, ADDRESS_FQDN, next, sizeof next) && !model_is_fqdn(next)) {
		print_error("the successor of a 253-character name has %zu characters\n",
			    strlen(next));
		fail();
	}
}

/* ---- the fuzzers' corpus --------------------------------------------------- */

/* Calls fn on every file of the committed corpus of one harness. */
static size_t each_seed(const char *harness,
			void (*fn)(const char *name, const char *data, size_t size))
{
	char dir[256];
	struct dirent *e;
	size_t count = 0;
	DIR *d;

	snprintf(dir, sizeof dir, "tests/fuzz/corpus/%s", harness);
	d = opendir(dir);
	if (!d) {
		print_error("%s: %s (run from the top directory)\n", dir, strerror(errno));
		fail();
	}
	while ((e = readdir(d))) {
		char path[600];
		struct uc_error err = {0};
		char *data;
		size_t size;

		if (e->d_name[0] == '.')
			continue;
		snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
		assert_int_equal(file_read_all(path, PLANFILE_MAX_SIZE, &data, &size, &err), UC_OK);
		fn(e->d_name, data, size);
		free(data);
		count++;
	}
	closedir(d);
	return count;
}

/* Seeds named hostile-* must be refused; the others may load. */
static void replay_plan(const char *name, const char *data, size_t size)
{
	struct plan *plan = NULL;
	struct uc_error err = {0};
	enum uc_status s = planfile_load_memory(data, size, name, &plan, &err);

	if (s == UC_OK) {
		struct findings f = {0};

		if (strncmp(name, "hostile-", 8) == 0) {
			print_error("%s: a hostile seed loaded\n", name);
			fail();
		}
		plan_validate(plan, &f);
		findings_free(&f);
		plan_free(plan);
		return;
	}
	assert_null(plan);
	assert_int_equal(err.status, s);
	assert_string_equal(err.file, name);
	assert_true(err.message[0] != '\0');
	assert_null(strchr(err.message, '\n'));
}

static void test_corpus_plan(void **state)
{
	(void)state;
	assert_true(each_seed("plan", replay_plan) >= 10);
}

static void replay_catalog(const char *name, const char *data, size_t size)
{
	char *schema = uc_data_path("catalog.rng");
	struct catalog *c = NULL;
	struct uc_error err = {0};
	enum uc_status s = catalog_load_memory(data, size, name, schema, &c, &err);

	free(schema);
	if (s == UC_OK) {
		struct plan *plan = plan_new_default();
		report_free(report_build(plan, c));
		plan_free(plan);
		catalog_free(c);
		return;
	}
	assert_null(c);
	assert_string_equal(err.file, name);
	assert_true(err.message[0] != '\0');
	assert_null(strchr(err.message, '\n'));
}

static void test_corpus_catalog(void **state)
{
	(void)state;
	assert_true(each_seed("catalog", replay_catalog) >= 5);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_empty_binary_truncated),
	    cmocka_unit_test(test_wrong_root),
	    cmocka_unit_test(test_utf16_loads_the_same),
	    cmocka_unit_test(test_wrong_encodings),
	    cmocka_unit_test(test_external_entities),
	    cmocka_unit_test(test_entity_expansion),
	    cmocka_unit_test(test_huge_attribute),
	    cmocka_unit_test(test_size_limit),
	    cmocka_unit_test(test_read_limit_exact),
	    cmocka_unit_test(test_deep_nesting),
	    cmocka_unit_test(test_many_attributes),
	    cmocka_unit_test(test_structure_limits),
	    cmocka_unit_test(test_many_schema_errors),
	    cmocka_unit_test(test_special_files),
	    cmocka_unit_test(test_catalog_hostile),
	    cmocka_unit_test(test_catalog_memory_matches_file),
	    cmocka_unit_test(test_finding_successor_stays_fqdn),
	    cmocka_unit_test(test_corpus_plan),
	    cmocka_unit_test(test_corpus_catalog),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
