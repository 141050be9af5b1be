/* test_util.c: display widths, strings, crash-safe files, language choice. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "ucplan/fileio.h"
#include "ucplan/i18n.h"
#include "ucplan/textwidth.h"
#include "ucplan/util.h"

static char dir[] = "/tmp/ucplan-test-util-XXXXXX";

static int setup(void **state)
{
	(void)state;
	setlocale(LC_ALL, "C.UTF-8");
	return mkdtemp(dir) ? 0 : -1;
}

static int teardown(void **state)
{
	char cmd[128];

	(void)state;
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	return system(cmd) == 0 ? 0 : -1;
}

static void test_widths(void **state)
{
	size_t used;

	(void)state;
	assert_int_equal(tw_width("Firewall"), 8);
	assert_int_equal(tw_width("Dirección"), 9);   /* 10 bytes, 9 columns */
	assert_int_equal(tw_width("前端服务器"), 10); /* 15 bytes, 5 wide characters */
	assert_int_equal(tw_width(""), 0);
	assert_int_equal(tw_width("a\xff"
				  "b"),
			 3); /* an invalid byte counts as one column */
	/* fitting never splits a character */
	assert_int_equal(tw_fit("前端服务器", 5, &used), 6);
	assert_int_equal(used, 4);
	assert_int_equal(tw_fit("año", 2, &used), 3);
	assert_int_equal(used, 2);
}

static void test_fit_pad(void **state)
{
	char buf[64];

	(void)state;
	assert_string_equal(tw_fit_pad(buf, sizeof buf, "abc", 5, 1, 0), "abc  ");
	assert_string_equal(tw_fit_pad(buf, sizeof buf, "abcdef", 4, 1, 0), "abc…");
	assert_string_equal(tw_fit_pad(buf, sizeof buf, "abcdef", 4, 1, 1), "abc~");
	/* a wide character that does not fit before the ellipsis is padded */
	assert_string_equal(tw_fit_pad(buf, sizeof buf, "前端服务器", 6, 1, 0), "前端… ");
	assert_int_equal(tw_width(tw_fit_pad(buf, sizeof buf, "前端服务器", 7, 1, 0)), 7);
	assert_string_equal(tw_fit_pad(buf, sizeof buf, "abc", 5, 0, 0), "abc");
}

static void test_strbuf_and_errors(void **state)
{
	struct strbuf sb = {0};
	struct uc_error err = {0};
	char line[256];
	char *s;

	(void)state;
	strbuf_puts(&sb, "fe");
	strbuf_printf(&sb, "%02d", 7);
	strbuf_add(&sb, ".example.com", 12);
	s = strbuf_detach(&sb);
	assert_string_equal(s, "fe07.example.com");
	assert_null(sb.data);
	free(s);
	s = xasprintf("%s:%d", "a", 42);
	assert_string_equal(s, "a:42");
	free(s);

	assert_int_equal(uc_error_set(&err, UC_ERR_PARSE, "plan.xml", 12, "bad %s", "tag"),
			 UC_ERR_PARSE);
	uc_error_format(&err, line, sizeof line);
	assert_string_equal(line, "plan.xml:12: bad tag");
	uc_error_set(&err, UC_ERR_IO, "out.csv", 0, "disk full");
	uc_error_format(&err, line, sizeof line);
	assert_string_equal(line, "out.csv: disk full");
	assert_int_equal(uc_status_exit_code(UC_OK), 0);
	assert_int_equal(uc_status_exit_code(UC_ERR_INVALID), 1);
	assert_int_equal(uc_status_exit_code(UC_ERR_USAGE), 2);
	assert_int_equal(uc_status_exit_code(UC_ERR_IO), 3);
	assert_int_equal(uc_status_exit_code(UC_ERR_SCHEMA), 3);
	assert_true(strlen(uc_status_message(UC_ERR_LIMIT)) > 0);
}

static char *slurp(const char *path)
{
	struct uc_error err = {0};
	char *data;
	size_t size;

	if (file_read_all(path, 1 << 20, &data, &size, &err) != UC_OK)
		return NULL;
	return data;
}

static size_t count_entries(void)
{
	char cmd[256];
	FILE *p;
	size_t n = 0;
	int c;

	snprintf(cmd, sizeof cmd, "ls -A '%s'", dir);
	p = popen(cmd, "r");
	while ((c = fgetc(p)) != EOF)
		n += c == '\n';
	pclose(p);
	return n;
}

static void test_atomic_file(void **state)
{
	struct atomic_file af;
	struct uc_error err = {0};
	char *path = xasprintf("%s/out.csv", dir), *text;
	size_t before;

	(void)state;
	assert_int_equal(atomic_file_open(&af, path, &err), UC_OK);
	fputs("first\n", af.fp);
	assert_int_equal(atomic_file_commit(&af, &err), UC_OK);
	text = slurp(path);
	assert_string_equal(text, "first\n");
	free(text);

	/* an aborted write leaves the previous version and no temporary file */
	before = count_entries();
	assert_int_equal(atomic_file_open(&af, path, &err), UC_OK);
	fputs("second, never finished\n", af.fp);
	atomic_file_abort(&af);
	text = slurp(path);
	assert_string_equal(text, "first\n");
	free(text);
	assert_int_equal(count_entries(), before);

	/* a directory that does not exist: a clear error naming the path */
	free(path);
	path = xasprintf("%s/missing/out.csv", dir);
	assert_int_equal(atomic_file_open(&af, path, &err), UC_ERR_IO);
	assert_string_equal(err.file, path);
	free(path);

	/* a full device reports the failure at commit */
	assert_int_equal(atomic_file_open(&af, "/dev/full", &err), UC_OK);
	fputs("data", af.fp);
	assert_int_equal(atomic_file_commit(&af, &err), UC_ERR_IO);
	assert_string_equal(err.file, "/dev/full");
}

static void test_read_limits(void **state)
{
	struct uc_error err = {0};
	char *path = xasprintf("%s/big.txt", dir), *data;
	size_t size;
	FILE *f = fopen(path, "w");

	(void)state;
	for (int i = 0; i < 2000; i++)
		fputs("0123456789", f);
	fclose(f);
	assert_int_equal(file_read_all(path, 1000, &data, &size, &err), UC_ERR_LIMIT);
	assert_int_equal(file_read_all(path, 100000, &data, &size, &err), UC_OK);
	assert_int_equal(size, 20000);
	free(data);
	assert_int_equal(file_read_all(dir, 1000, &data, &size, &err), UC_ERR_IO);
	assert_non_null(strstr(err.message, "directory"));
	assert_int_equal(file_read_all("/dev/null", 1000, &data, &size, &err), UC_ERR_IO);
	free(path);
}

static void test_state_path(void **state)
{
	char *old = getenv("XDG_STATE_HOME") ? xstrdup(getenv("XDG_STATE_HOME")) : NULL;
	char *expect = xasprintf("%s/state/ucplan", dir), *path = NULL, *sub;
	struct uc_error err = {0};
	struct stat st;

	(void)state;
	sub = xasprintf("%s/state", dir);
	setenv("XDG_STATE_HOME", sub, 1);
	assert_int_equal(uc_state_dir(&path, &err), UC_OK);
	assert_string_equal(path, expect);
	assert_int_equal(stat(path, &st), 0);
	assert_true(S_ISDIR(st.st_mode));
	/* Private, and made private again when someone opened it up. */
	assert_int_equal(st.st_mode & 0777, 0700);
	assert_int_equal(chmod(path, 0755), 0);
	free(path);
	assert_int_equal(uc_state_dir(&path, &err), UC_OK);
	assert_int_equal(stat(path, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0700);
	free(path);
	free(sub);
	/* A state "directory" that is a file: an error that names it. */
	sub = xasprintf("%s/plainfile", dir);
	fclose(fopen(sub, "w"));
	setenv("XDG_STATE_HOME", sub, 1);
	assert_int_equal(uc_state_dir(&path, &err), UC_ERR_IO);
	assert_null(path);
	assert_non_null(strstr(err.file, "plainfile/ucplan"));
	free(sub);
	free(expect);
	if (old)
		setenv("XDG_STATE_HOME", old, 1);
	else
		unsetenv("XDG_STATE_HOME");
	free(old);
}

static void test_absolute_path_and_stamps(void **state)
{
	char cwd[4096], *abs, *path = xasprintf("%s/stamped.xml", dir);
	struct file_stamp a, b;
	FILE *f;

	(void)state;
	assert_non_null(getcwd(cwd, sizeof cwd));
	abs = uc_absolute_path("./plan.xml");
	assert_true(strncmp(abs, cwd, strlen(cwd)) == 0);
	assert_string_equal(abs + strlen(cwd), "/plan.xml");
	free(abs);
	abs = uc_absolute_path("/etc/x.xml");
	assert_string_equal(abs, "/etc/x.xml");
	free(abs);

	file_stamp_get(path, &a);
	assert_false(a.exists);
	f = fopen(path, "w");
	fputs("one", f);
	fclose(f);
	file_stamp_get(path, &b);
	assert_true(b.exists);
	assert_false(file_stamp_equal(&a, &b));
	file_stamp_get(path, &a);
	assert_true(file_stamp_equal(&a, &b));
	/* Another program's save: same second, same size, a new file. */
	f = fopen(path, "a");
	fputs("!", f);
	fclose(f);
	file_stamp_get(path, &b);
	assert_false(file_stamp_equal(&a, &b));
	free(path);
}

/* Text from files reaches a terminal only through tw_neutralize: nothing
 * in it can move the cursor, start an escape sequence or reorder a line. */
static void check_neutral(const char *in, const char *want)
{
	char *out = tw_neutralize(in);

	assert_string_equal(out, want);
	assert_true(tw_is_clean(out));
	free(out);
}

static void test_neutralize(void **state)
{
	(void)state;
	check_neutral(NULL, "");
	check_neutral("Dublin 北京 Málaga <&>", "Dublin 北京 Málaga <&>");
	assert_true(tw_is_clean("Dublin 北京 Málaga"));
	check_neutral("a\rb\nc\td", "a\\u000Db\\u000Ac\\u0009d");
	check_neutral("\x1b[2J", "\\u001B[2J");
	check_neutral("\x7f", "\\u007F");
	check_neutral("\xc2\x9b""31m", "\\u009B31m");
	check_neutral("x\xe2\x80\xa8y\xe2\x80\xa9z", "x\\u2028y\\u2029z");
	check_neutral("\xe2\x80\xae" "evil", "\\u202Eevil");
	check_neutral("\xe2\x81\xa6\xe2\x81\xa9\xe2\x80\x8e\xd8\x9c", "\\u2066\\u2069\\u200E\\u061C");
	check_neutral("bad \xff \xc0\xaf", "bad \\xFF \\xC0\\xAF");
	assert_false(tw_is_clean("a\nb"));
	assert_false(tw_is_clean("\xe2\x80\xae"));
	assert_true(tw_is_clean(NULL));
}

static void test_language_choice(void **state)
{
	(void)state;
	/* --lang wins over the environment */
	setenv("LANG", "it_IT.UTF-8", 1);
	assert_true(i18n_init("es"));
	assert_string_equal(i18n_language(), "es");
	assert_false(i18n_init("fr"));
	/* the environment: LC_ALL, then LC_MESSAGES, then LANG; a missing
	 * system locale does not matter */
	unsetenv("LANGUAGE");
	unsetenv("LC_ALL");
	unsetenv("LC_MESSAGES");
	setenv("LANG", "it_IT.UTF-8", 1);
	assert_true(i18n_init(NULL));
	assert_string_equal(i18n_language(), "it");
	setenv("LC_ALL", "zh_CN.UTF-8", 1);
	assert_true(i18n_init(NULL));
	assert_string_equal(i18n_language(), "zh_CN");
	assert_string_equal(i18n_language_tag(), "zh-CN");
	/* LANGUAGE comes first unless the locale is plain C */
	unsetenv("LC_ALL");
	setenv("LANGUAGE", "fr:es", 1);
	assert_true(i18n_init(NULL));
	assert_string_equal(i18n_language(), "es");
	setenv("LANG", "C", 1);
	assert_true(i18n_init(NULL));
	assert_string_equal(i18n_language(), "en");
	/* character handling stays UTF-8 when the locale is missing */
	setenv("LANG", "es_ES.UTF-8", 1);
	unsetenv("LANGUAGE");
	assert_true(i18n_init(NULL));
	assert_int_equal(tw_width("año"), 3);
	unsetenv("LANG");
	setenv("LC_ALL", "C.UTF-8", 1);
	i18n_init("en");
}

/* A plan's saved language applies only when the user named none: not over
 * --lang, not over a language of ours in the environment, not over the
 * planner's setting; LANG=C, unset or a language we lack name none. */
static void test_plan_language(void **state)
{
	(void)state;
	unsetenv("LANGUAGE");
	unsetenv("LC_MESSAGES");
	unsetenv("LC_ALL");
	setenv("LANG", "es_ES.UTF-8", 1);
	assert_true(i18n_init("it"));
	assert_true(i18n_user_chose());
	assert_false(i18n_use_plan_language("zh_CN"));
	assert_string_equal(i18n_language(), "it");
	assert_true(i18n_init(NULL));
	assert_false(i18n_use_plan_language("zh_CN"));
	assert_string_equal(i18n_language(), "es");
	setenv("LANG", "en_GB.UTF-8", 1);
	assert_true(i18n_init(NULL));
	assert_false(i18n_use_plan_language("zh_CN"));
	assert_string_equal(i18n_language(), "en");
	const char *none[] = {"C", "POSIX", "C.UTF-8", "fr_FR.UTF-8", NULL};
	for (size_t i = 0; none[i]; i++) {
		setenv("LANG", none[i], 1);
		assert_true(i18n_init(NULL));
		assert_false(i18n_user_chose());
		assert_string_equal(i18n_language(), "en");
		assert_true(i18n_use_plan_language("zh_CN"));
		assert_string_equal(i18n_language(), "zh_CN");
		/* the plan's language does not become the user's choice */
		assert_true(i18n_use_plan_language("it"));
		assert_string_equal(i18n_language(), "it");
	}
	assert_false(i18n_use_plan_language("fr"));
	assert_false(i18n_use_plan_language(NULL));
	/* the planner's setting is a choice: the next plan does not undo it */
	assert_true(i18n_set_language("es"));
	assert_false(i18n_use_plan_language("zh_CN"));
	assert_string_equal(i18n_language(), "es");
	unsetenv("LANG");
	setenv("LC_ALL", "C.UTF-8", 1);
	i18n_init("en");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_widths),        cmocka_unit_test(test_fit_pad),
		cmocka_unit_test(test_strbuf_and_errors), cmocka_unit_test(test_atomic_file),
		cmocka_unit_test(test_read_limits),   cmocka_unit_test(test_state_path),
		cmocka_unit_test(test_absolute_path_and_stamps),
		cmocka_unit_test(test_language_choice), cmocka_unit_test(test_neutralize),
		cmocka_unit_test(test_plan_language),
	};

	return cmocka_run_group_tests_name("util", tests, setup, teardown);
}
