/* test_export.c: the text, CSV and XML exporters on a report built by hand.
 *
 * The report holds the awkward cells on purpose: formulas (= + - @), a
 * comma, a double quote and a newline in one cell, Chinese text (two
 * columns per character) and accented Spanish. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/relaxng.h>
#include <libxml/tree.h>

#include "ucplan/export.h"
#include "ucplan/i18n.h"
#include "ucplan/textwidth.h"

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

static const char *fw_row0[] = {
    "fw-sip",
    "Internal firewall",
    "前端服务器",
    "edge01.contoso.com",
    "TCP",
    "Any",
    "5061",
    "SIP/MTLS",
    "=HYPERLINK(\"http://evil.example/\")",
    "@SUM(1)",
};
static const char *fw_row1[] = {
    "fw-media",
    "External firewall",
    "Dirección IP pública",
    "-1",
    "UDP",
    "+x",
    "50000-59999",
    "RTP",
    "a, \"b\"\nc — media for audio and video between the Edge and the clients",
    "Seed 2.2",
};
/* The empty last cell would leave padding at the end of its text line. */
static const char *lb_row0[] = {
    "Front End pool", "10.0.0.10", "TCP", "443", "HTTPS", "Web services, 前端", "",
};

static struct report_row fw_rows[] = {
    {"fw-sip", "internal-firewall", 0, NULL, fw_row0},
    {"fw-media", "external-firewall", -1, NULL, fw_row1},
};
static struct report_row lb_rows[] = {
    {"lb-web", "load-balancer", 1, NULL, lb_row0},
};

static char report_lang[] = "en";
static char report_plan[] = "Contoso & Co <test>";

/* Columns come from report_columns() in setup_report(). */
static struct report test_report = {
    .tables =
	{
	    {CATALOG_FIREWALL, "firewall", "Firewall rules", NULL, 0, fw_rows, COUNT(fw_rows)},
	    {CATALOG_LB, "lb", "Load balancing", NULL, 0, lb_rows, COUNT(lb_rows)},
	    {CATALOG_IPSEC, "ipsec", "IPsec exceptions", NULL, 0, NULL, 0},
	},
    .lang = report_lang,
    .plan_name = report_plan,
};

static int setup_report(void **state)
{
	(void)state;
	for (int k = 0; k < CATALOG_TABLE_COUNT; k++) {
		struct report_table *t = &test_report.tables[k];

		t->columns = report_columns((enum catalog_table)k, &t->n_columns);
	}
	return 0;
}

static struct export_options options(unsigned tables, char sep, bool bom)
{
	struct export_options o = {.tables = tables, .separator = sep, .bom = bom};

	return o;
}

/* Runs an exporter into memory; the caller frees the result. */
static char *export_string(const struct exporter *e, const struct report *r,
			   const struct export_options *o, size_t *len)
{
	struct uc_error err = {0};
	char *buf = NULL;
	size_t size = 0;
	FILE *f = open_memstream(&buf, &size);

	assert_non_null(f);
	assert_int_equal(e->write(r, o, f, &err), UC_OK);
	assert_int_equal(fclose(f), 0);
	if (len)
		*len = size;
	return buf;
}

/* Splits text at '\n' in place; the last line must end with a newline. */
static size_t split_lines(char *text, char **lines, size_t max)
{
	size_t n = 0;
	char *p = text, *nl;

	while (*p) {
		nl = strchr(p, '\n');
		assert_non_null(nl);
		*nl = '\0';
		assert_in_range(n, 0, max - 1);
		lines[n++] = p;
		p = nl + 1;
	}
	return n;
}

static int setup_english(void **state)
{
	(void)state;
	assert_true(i18n_set_language("en"));
	return 0;
}

/* ---- registry and defaults ---- */

static void test_find(void **state)
{
	(void)state;
	assert_ptr_equal(export_find("text"), &export_text);
	assert_ptr_equal(export_find("csv"), &export_csv);
	assert_ptr_equal(export_find("xml"), &export_xml);
	assert_null(export_find("xlsx"));
	assert_null(export_find(""));
	assert_null(export_find(NULL));
	assert_string_equal(export_csv.extension, "csv");
	assert_string_equal(export_xml.extension, "xml");
	assert_string_equal(export_text.extension, "txt");
}

static void check_defaults(const char *lang, char sep, bool bom)
{
	struct export_options o;

	assert_true(i18n_set_language(lang));
	memset(&o, 0x5a, sizeof o);
	export_default_options(&o);
	assert_int_equal(o.separator, sep);
	assert_int_equal(o.bom, bom);
	assert_int_equal(o.tables, EXPORT_ALL_TABLES);
	assert_int_equal(o.width, 0);
	assert_false(o.ascii);
}

static void test_default_options(void **state)
{
	(void)state;
	check_defaults("en", ',', false);
	check_defaults("es", ';', true);
	check_defaults("it", ';', true);
	check_defaults("zh_CN", ',', true);
	assert_true(i18n_set_language("en"));
}

static void test_neutralize(void **state)
{
	const char *plain = "5061";
	char buf[64], small[4];

	(void)state;
	assert_ptr_equal(export_neutralize(plain, buf, sizeof buf), plain);
	assert_string_equal(export_neutralize("", buf, sizeof buf), "");
	assert_string_equal(export_neutralize(NULL, buf, sizeof buf), "");
	assert_string_equal(export_neutralize("50000-59999", buf, sizeof buf), "50000-59999");
	assert_string_equal(export_neutralize("=1+1", buf, sizeof buf), "'=1+1");
	assert_string_equal(export_neutralize("+x", buf, sizeof buf), "'+x");
	assert_string_equal(export_neutralize("-1", buf, sizeof buf), "'-1");
	assert_string_equal(export_neutralize("@SUM(1)", buf, sizeof buf), "'@SUM(1)");
	assert_string_equal(export_neutralize("\tx", buf, sizeof buf), "'\tx");
	assert_string_equal(export_neutralize("\rx", buf, sizeof buf), "'\rx");
	/* What spreadsheets skip before a formula, or what a reader cannot
	 * see, and the fullwidth forms. */
	assert_string_equal(export_neutralize(" =1", buf, sizeof buf), "' =1");
	assert_string_equal(export_neutralize("  \t+1", buf, sizeof buf), "'  \t+1");
	assert_string_equal(export_neutralize("\xc2\xa0=1", buf, sizeof buf), "'\xc2\xa0=1");
	assert_string_equal(export_neutralize("\xe3\x80\x80-1", buf, sizeof buf),
			    "'\xe3\x80\x80-1");
	assert_string_equal(export_neutralize("\xe2\x80\x8b@x", buf, sizeof buf),
			    "'\xe2\x80\x8b@x");
	assert_string_equal(export_neutralize("\xef\xbb\xbf=1", buf, sizeof buf),
			    "'\xef\xbb\xbf=1");
	assert_string_equal(export_neutralize("\n=1", buf, sizeof buf), "'\n=1");
	assert_string_equal(export_neutralize("\xef\xbc\x9d" "1", buf, sizeof buf),
			    "'\xef\xbc\x9d" "1");
	assert_string_equal(export_neutralize("\xef\xbc\x8b" "1", buf, sizeof buf),
			    "'\xef\xbc\x8b" "1");
	assert_string_equal(export_neutralize("\xef\xbc\x8d" "1", buf, sizeof buf),
			    "'\xef\xbc\x8d" "1");
	assert_string_equal(export_neutralize("\xef\xbc\xa0x", buf, sizeof buf),
			    "'\xef\xbc\xa0x");
	/* Spaces before ordinary text are left alone. */
	assert_string_equal(export_neutralize("  5061", buf, sizeof buf), "  5061");
	/* Truncated, still neutral, never half a character. */
	assert_string_equal(export_neutralize("=abcdef", small, sizeof small), "'=a");
	assert_string_equal(export_neutralize("=é", small, sizeof small), "'=");
	assert_string_equal(export_neutralize("=x", small, 1), "'");
}

/* ---- CSV ---- */

#define FW_HEADER_COMMA                                                                            \
	"\"Rule\",\"Scope\",\"Source\",\"Destination\",\"Transport\",\"Source port\","             \
	"\"Destination port\",\"Service\",\"Note\",\"Reference\"\r\n"
#define FW_ROWS_COMMA                                                                                  \
	"\"fw-sip\",\"Internal firewall\",\"前端服务器\",\"edge01.contoso.com\",\"TCP\",\"Any\"," \
	"\"5061\",\"SIP/MTLS\",\"'=HYPERLINK(\"\"http://evil.example/\"\")\",\"'@SUM(1)\"\r\n"         \
	"\"fw-media\",\"External firewall\",\"Dirección IP pública\",\"'-1\",\"UDP\",\"'+x\","       \
	"\"50000-59999\",\"RTP\",\"a, \"\"b\"\"\\u000Ac — media for audio and video between the Edge "    \
	"and the clients\",\"Seed 2.2\"\r\n"
#define LB_COMMA                                                                                   \
	"\"Load balancer\",\"Virtual IP\",\"Transport\",\"Port\",\"Service\",\"Note\","            \
	"\"Reference\"\r\n"                                                                        \
	"\"Front End pool\",\"10.0.0.10\",\"TCP\",\"443\",\"HTTPS\",\"Web services, 前端\","     \
	"\"\"\r\n"
#define IPSEC_COMMA                                                                                \
	"\"Rule\",\"Source\",\"Destination\",\"Transport\",\"Source port\",\"Destination port\","  \
	"\"Authentication\",\"Reference\"\r\n"

static void test_csv_comma_no_bom(void **state)
{
	struct export_options o = options(EXPORT_TABLE_BIT(CATALOG_FIREWALL), ',', false);
	size_t len;
	char *s = export_string(&export_csv, &test_report, &o, &len);

	(void)state;
	assert_int_equal(len, strlen(s));
	assert_string_equal(s, FW_HEADER_COMMA FW_ROWS_COMMA);
	free(s);
}

static void test_csv_semicolon_bom(void **state)
{
	struct export_options o = options(EXPORT_TABLE_BIT(CATALOG_LB), ';', true);
	char *s = export_string(&export_csv, &test_report, &o, NULL);

	(void)state;
	assert_string_equal(s, "\xEF\xBB\xBF"
			       "\"Load balancer\";\"Virtual IP\";\"Transport\";\"Port\";"
			       "\"Service\";\"Note\";\"Reference\"\r\n"
			       "\"Front End pool\";\"10.0.0.10\";\"TCP\";\"443\";\"HTTPS\";"
			       "\"Web services, 前端\";\"\"\r\n");
	free(s);
}

/* Several tables: one after another, each with its header, one empty
 * record between them, one BOM at the very start. */
static void test_csv_all_tables(void **state)
{
	struct export_options o = options(0, ',', false);
	char *s = export_string(&export_csv, &test_report, &o, NULL);

	(void)state;
	assert_string_equal(s, FW_HEADER_COMMA FW_ROWS_COMMA "\r\n" LB_COMMA "\r\n" IPSEC_COMMA);
	free(s);

	o = options(EXPORT_ALL_TABLES, ',', true);
	s = export_string(&export_csv, &test_report, &o, NULL);
	assert_string_equal(s, "\xEF\xBB\xBF" FW_HEADER_COMMA FW_ROWS_COMMA "\r\n" LB_COMMA
			       "\r\n" IPSEC_COMMA);
	free(s);

	/* Table order is fixed, whatever bits are set. */
	o = options(EXPORT_TABLE_BIT(CATALOG_IPSEC) | EXPORT_TABLE_BIT(CATALOG_LB), ',', false);
	s = export_string(&export_csv, &test_report, &o, NULL);
	assert_string_equal(s, LB_COMMA "\r\n" IPSEC_COMMA);
	free(s);
}

/* Headers are neutralized too: a translation could start with '-'. */
/* ESC and C1 controls in a cell (from a catalog note or a plan's name)
 * reach neither a terminal nor a spreadsheet. */
static void test_exports_neutralize_controls(void **state)
{
	static const char *row[] = {"r", "s", "\x1b]0;title\x07", "\xc2\x9b""31mred",
				    "TCP", "Any", "5061", "SIP", "\xe2\x80\xae" "evil", "x"};
	struct report_row rows[] = {{"r", "internal-firewall", 0, NULL, row}};
	struct report r = test_report;
	struct export_options o = options(EXPORT_TABLE_BIT(CATALOG_FIREWALL), ',', false);
	const struct exporter *exporters[] = {&export_text, &export_csv};

	(void)state;
	r.tables[CATALOG_FIREWALL].rows = rows;
	r.tables[CATALOG_FIREWALL].n_rows = 1;
	for (size_t i = 0; i < COUNT(exporters); i++) {
		char *s = export_string(exporters[i], &r, &o, NULL);

		assert_null(strchr(s, '\x1b'));
		assert_null(strchr(s, '\x07'));
		assert_null(strstr(s, "\xc2\x9b"));
		assert_null(strstr(s, "\xe2\x80\xae"));
		assert_non_null(strstr(s, "\\u001B]0;title\\u0007"));
		assert_non_null(strstr(s, "\\u009B31mred"));
		free(s);
	}
}

static void test_csv_neutralizes_header(void **state)
{
	static const struct report_column cols[] = {{"rule", "-Rule"}, {"note", "@Note"}};
	static const char *cells[] = {"=1", "ok"};
	static struct report_row rows[] = {{"r", "server", -1, NULL, cells}};
	struct report r = {0};
	struct export_options o = options(EXPORT_TABLE_BIT(CATALOG_FIREWALL), ',', false);
	char *s;

	(void)state;
	r.tables[CATALOG_FIREWALL] =
	    (struct report_table){CATALOG_FIREWALL, "firewall", "F", cols, 2, rows, 1};
	s = export_string(&export_csv, &r, &o, NULL);
	assert_string_equal(s, "\"'-Rule\",\"'@Note\"\r\n\"'=1\",\"ok\"\r\n");
	free(s);
}

/* ---- text ---- */

/* Pointer into line at display column col (which must start a character). */
static const char *at_column(const char *line, size_t col)
{
	size_t used;
	size_t bytes = tw_fit(line, col, &used);

	assert_int_equal(used, col);
	return line + bytes;
}

static bool starts_with(const char *s, const char *prefix)
{
	return strncmp(s, prefix, strlen(prefix)) == 0;
}

/* The cell as a text table shows it: control characters become visible
 * escapes. */
static void clean_cell(const char *cell, char *out, size_t size)
{
	char *clean = tw_neutralize(cell);

	snprintf(out, size, "%s", clean);
	free(clean);
}

/* What a column of cols display columns shows of cell (no padding). */
static void fitted_cell(const char *cell, size_t cols, bool ascii, char *out, size_t size)
{
	char clean[256];
	size_t used, bytes;

	clean_cell(cell, clean, sizeof clean);
	if (tw_width(clean) <= cols) {
		snprintf(out, size, "%s", clean);
		return;
	}
	bytes = tw_fit(clean, cols - 1, &used);
	snprintf(out, size, "%.*s%s", (int)bytes, clean, ascii ? "~" : "…");
}

/* Reads the column starts and widths from a separator line of '-' runs. */
static size_t read_separator(const char *line, size_t *start, size_t *width, size_t max)
{
	size_t n = 0;

	for (size_t i = 0; line[i]; i++) {
		if (line[i] == ' ')
			continue;
		assert_int_equal(line[i], '-');
		if (i == 0 || line[i - 1] == ' ') {
			assert_in_range(n, 0, max - 1);
			if (n > 0)
				assert_true(i >= 2 && line[i - 1] == ' ' && line[i - 2] == ' ');
			start[n] = i;
			width[n] = 0;
			n++;
		}
		width[n - 1]++;
	}
	return n;
}

/* Checks one table block of text output: title, header, separator, rows,
 * every cell starting at its column's display column.  Returns the number
 * of lines used. */
static size_t check_text_table(char **lines, size_t n_lines, const struct report_table *t,
			       size_t limit, bool ascii)
{
	size_t start[16], width[16], n_cols, used = 3;
	char expect[512];

	assert_true(n_lines >= 4);
	assert_string_equal(lines[0], t->title);
	n_cols = read_separator(lines[2], start, width, 16);
	assert_int_equal(n_cols, t->n_columns);
	for (size_t c = 0; c < n_cols; c++) {
		size_t natural = tw_width(t->columns[c].label);

		for (size_t r = 0; r < t->n_rows; r++) {
			clean_cell(t->rows[r].cells[c], expect, sizeof expect);
			if (tw_width(expect) > natural)
				natural = tw_width(expect);
		}
		if (!limit)
			assert_int_equal(width[c], natural);
		else
			assert_true(width[c] <= natural);
		fitted_cell(t->columns[c].label, width[c], ascii, expect, sizeof expect);
		assert_true(starts_with(at_column(lines[1], start[c]), expect));
		if (c > 0)
			assert_true(starts_with(at_column(lines[1], start[c] - 2), "  "));
	}
	if (t->n_rows == 0) {
		assert_string_equal(lines[3], "(no rows)");
		return 4;
	}
	for (size_t r = 0; r < t->n_rows; r++, used++) {
		const char *line = lines[3 + r];

		assert_true(3 + r < n_lines);
		for (size_t c = 0; c < n_cols; c++) {
			fitted_cell(t->rows[r].cells[c], width[c], ascii, expect, sizeof expect);
			/* Trailing empty cells are trimmed with the spaces. */
			if (!expect[0] && tw_width(line) <= start[c])
				continue;
			assert_true(starts_with(at_column(line, start[c]), expect));
			if (c > 0)
				assert_true(starts_with(at_column(line, start[c] - 2), "  "));
		}
	}
	return used;
}

static void check_lines_common(char **lines, size_t n, size_t limit)
{
	for (size_t i = 0; i < n; i++) {
		size_t len = strlen(lines[i]);

		/* Valid UTF-8 throughout: nothing cut in half. */
		assert_int_not_equal(mbstowcs(NULL, lines[i], 0), (size_t)-1);
		if (len > 0)
			assert_int_not_equal(lines[i][len - 1], ' ');
		if (limit)
			assert_true(tw_width(lines[i]) <= limit);
	}
}

static void test_text_alignment(void **state)
{
	struct export_options o = options(0, ',', false);
	char *s = export_string(&export_text, &test_report, &o, NULL);
	char *lines[64];
	size_t n, i = 0;

	(void)state;
	/* The precondition for everything below: a UTF-8 locale. */
	assert_int_equal(tw_width("前端服务器"), 10);
	assert_true(s[strlen(s) - 1] == '\n' && s[strlen(s) - 2] != '\n');
	/* The newline inside a cell does not break the row. */
	assert_non_null(strstr(s, "a, \"b\"\\u000Ac"));
	n = split_lines(s, lines, 64);
	check_lines_common(lines, n, 0);

	i += check_text_table(lines + i, n - i, &test_report.tables[CATALOG_FIREWALL], 0, false);
	assert_string_equal(lines[i++], "");
	i += check_text_table(lines + i, n - i, &test_report.tables[CATALOG_LB], 0, false);
	assert_string_equal(lines[i++], "");
	i += check_text_table(lines + i, n - i, &test_report.tables[CATALOG_IPSEC], 0, false);
	assert_int_equal(i, n);
	free(s);
}

/* Natural display width of firewall column c in the test report. */
static size_t natural_width(size_t c)
{
	const struct report_table *t = &test_report.tables[CATALOG_FIREWALL];
	size_t w = tw_width(t->columns[c].label);
	char clean[256];

	for (size_t r = 0; r < t->n_rows; r++) {
		clean_cell(t->rows[r].cells[c], clean, sizeof clean);
		if (tw_width(clean) > w)
			w = tw_width(clean);
	}
	return w;
}

static void test_text_fit_width(void **state)
{
	const struct report_table *t = &test_report.tables[CATALOG_FIREWALL];
	struct export_options o = options(EXPORT_TABLE_BIT(CATALOG_FIREWALL), ',', false);
	char *s, *lines[16];
	size_t start[16], width[16], n, total = 0;

	(void)state;
	for (size_t c = 0; c < t->n_columns; c++)
		total += natural_width(c) + (c ? 2 : 0);
	assert_true(total > 150);

	/* A little too wide: only the note gives way. */
	o.width = 150;
	s = export_string(&export_text, &test_report, &o, NULL);
	n = split_lines(s, lines, 16);
	check_lines_common(lines, n, 150);
	assert_int_equal(check_text_table(lines, n, t, 150, false), n);
	assert_int_equal(read_separator(lines[2], start, width, 16), t->n_columns);
	for (size_t c = 0; c < t->n_columns; c++)
		if (c == 8)
			assert_int_equal(width[c], natural_width(c) - (total - 150));
		else
			assert_int_equal(width[c], natural_width(c));
	assert_non_null(strstr(lines[4], "…"));
	free(s);

	/* Much too wide: every column shares the cut. */
	o.width = 100;
	s = export_string(&export_text, &test_report, &o, NULL);
	assert_non_null(strstr(s, "…"));
	n = split_lines(s, lines, 16);
	check_lines_common(lines, n, 100);
	assert_int_equal(check_text_table(lines, n, t, 100, false), n);
	/* The line uses the room it has. */
	assert_int_equal(tw_width(lines[2]), 100);
	free(s);

	/* ASCII ellipsis on request. */
	o.ascii = true;
	s = export_string(&export_text, &test_report, &o, NULL);
	assert_null(strstr(s, "…"));
	n = split_lines(s, lines, 16);
	check_lines_common(lines, n, 100);
	assert_int_equal(check_text_table(lines, n, t, 100, true), n);
	assert_non_null(strstr(lines[4], "~"));
	free(s);
}

/* Very narrow: every column shrinks, Chinese cells are cut whole. */
static void test_text_narrow(void **state)
{
	struct export_options o = options(0, ',', false);
	char *s, *lines[64];
	size_t n, i = 0;

	(void)state;
	o.width = 30;
	s = export_string(&export_text, &test_report, &o, NULL);
	n = split_lines(s, lines, 64);
	check_lines_common(lines, n, 30);
	i += check_text_table(lines + i, n - i, &test_report.tables[CATALOG_FIREWALL], 30, false);
	assert_string_equal(lines[i++], "");
	i += check_text_table(lines + i, n - i, &test_report.tables[CATALOG_LB], 30, false);
	assert_string_equal(lines[i++], "");
	i += check_text_table(lines + i, n - i, &test_report.tables[CATALOG_IPSEC], 30, false);
	assert_int_equal(i, n);
	free(s);
}

/* ---- XML ---- */

static const char *schema_path(char *buf, size_t size)
{
	const char *dir = getenv("UCPLAN_DATADIR");

	if (!dir || !*dir)
		return "data/report.rng";
	snprintf(buf, size, "%s/report.rng", dir);
	return buf;
}

static xmlDocPtr parse_xml(const char *s, size_t len)
{
	xmlDocPtr doc = xmlReadMemory(s, (int)len, "report.xml", NULL,
				      XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);

	assert_non_null(doc);
	return doc;
}

/* Swallows the validator's messages where a failure is expected. */
static void quiet(void *context, const char *msg, ...)
{
	(void)context;
	(void)msg;
}

/* 0 when doc follows data/report.rng. */
static int validate(xmlDocPtr doc, bool expect_valid)
{
	char buf[4096];
	xmlRelaxNGParserCtxtPtr pctx = xmlRelaxNGNewParserCtxt(schema_path(buf, sizeof buf));
	xmlRelaxNGPtr schema;
	xmlRelaxNGValidCtxtPtr vctx;
	int rc;

	assert_non_null(pctx);
	schema = xmlRelaxNGParse(pctx);
	assert_non_null(schema);
	vctx = xmlRelaxNGNewValidCtxt(schema);
	assert_non_null(vctx);
	if (!expect_valid)
		xmlRelaxNGSetValidErrors(vctx, quiet, quiet, NULL);
	rc = xmlRelaxNGValidateDoc(vctx, doc);
	xmlRelaxNGFreeValidCtxt(vctx);
	xmlRelaxNGFree(schema);
	xmlRelaxNGFreeParserCtxt(pctx);
	return rc;
}

static xmlNodePtr next_element(xmlNodePtr n)
{
	while (n && n->type != XML_ELEMENT_NODE)
		n = n->next;
	return n;
}

static xmlNodePtr first_child(xmlNodePtr n, const char *name)
{
	for (xmlNodePtr c = next_element(n->children); c; c = next_element(c->next))
		if (xmlStrEqual(c->name, (const xmlChar *)name))
			return c;
	return NULL;
}

static void assert_prop(xmlNodePtr n, const char *name, const char *value)
{
	xmlChar *v = xmlGetNoNsProp(n, (const xmlChar *)name);

	if (!value) {
		assert_null(v);
		return;
	}
	assert_non_null(v);
	assert_string_equal((const char *)v, value);
	xmlFree(v);
}

static void assert_content(xmlNodePtr n, const char *value)
{
	xmlChar *v = xmlNodeGetContent(n);

	assert_non_null(v);
	assert_string_equal((const char *)v, value);
	xmlFree(v);
}

static void test_xml_valid(void **state)
{
	size_t len;
	char *s = export_string(&export_xml, &test_report, NULL, &len);
	xmlDocPtr doc = parse_xml(s, len);
	xmlNodePtr root = xmlDocGetRootElement(doc), table, row, col;
	xmlChar *lang;
	size_t n_tables = 0, n_rows = 0, c = 0;

	(void)state;
	assert_true(starts_with(s, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<report"));
	assert_true(len > 10 && strcmp(s + len - 10, "</report>\n") == 0);
	/* Indented for people. */
	assert_non_null(strstr(s, "\n  <table"));
	assert_int_equal(validate(doc, true), 0);

	assert_string_equal((const char *)root->name, "report");
	assert_non_null(root->ns);
	assert_string_equal((const char *)root->ns->href, "urn:ucplan:report:1");
	lang = xmlGetNsProp(root, (const xmlChar *)"lang", XML_XML_NAMESPACE);
	assert_non_null(lang);
	assert_string_equal((const char *)lang, "en");
	xmlFree(lang);
	assert_prop(root, "plan", "Contoso & Co <test>");
	assert_prop(root, "generator", "ucplan");
	assert_prop(root, "version", "1");

	for (table = next_element(root->children); table; table = next_element(table->next))
		n_tables++;
	assert_int_equal(n_tables, 3);

	table = first_child(root, "table");
	assert_prop(table, "name", "firewall");
	assert_prop(table, "title", "Firewall rules");
	for (col = next_element(first_child(table, "columns")->children); col;
	     col = next_element(col->next), c++) {
		assert_prop(col, "key", test_report.tables[CATALOG_FIREWALL].columns[c].key);
		assert_prop(col, "label", test_report.tables[CATALOG_FIREWALL].columns[c].label);
	}
	assert_int_equal(c, test_report.tables[CATALOG_FIREWALL].n_columns);

	for (row = first_child(table, "row"); row; row = next_element(row->next), n_rows++) {
		const char **cells = n_rows == 0 ? fw_row0 : fw_row1;

		assert_string_equal((const char *)row->name, "row");
		assert_prop(row, "rule", fw_rows[n_rows].rule_id);
		assert_prop(row, "scope", fw_rows[n_rows].scope);
		assert_prop(row, "site", n_rows == 0 ? "0" : NULL);
		c = 0;
		/* One element per column, in order, cells as they are: XML is
		 * not neutralized. */
		for (col = next_element(row->children); col; col = next_element(col->next), c++) {
			assert_string_equal((const char *)col->name,
					    test_report.tables[CATALOG_FIREWALL].columns[c].key);
			assert_content(col, cells[c]);
		}
		assert_int_equal(c, test_report.tables[CATALOG_FIREWALL].n_columns);
	}
	assert_int_equal(n_rows, 2);
	xmlFreeDoc(doc);
	free(s);
}

static void test_xml_language_and_selection(void **state)
{
	struct export_options o = options(EXPORT_TABLE_BIT(CATALOG_IPSEC), ',', false);
	size_t len;
	char *s;
	xmlDocPtr doc;
	xmlNodePtr root, table;
	xmlChar *lang;

	(void)state;
	assert_true(i18n_set_language("zh_CN"));
	s = export_string(&export_xml, &test_report, &o, &len);
	assert_true(i18n_set_language("en"));
	doc = parse_xml(s, len);
	assert_int_equal(validate(doc, true), 0);
	root = xmlDocGetRootElement(doc);
	lang = xmlGetNsProp(root, (const xmlChar *)"lang", XML_XML_NAMESPACE);
	assert_string_equal((const char *)lang, "zh-CN");
	xmlFree(lang);
	/* Only the selected table, with no rows. */
	table = first_child(root, "table");
	assert_non_null(table);
	assert_prop(table, "name", "ipsec");
	assert_null(next_element(table->next));
	assert_null(first_child(table, "row"));
	xmlFreeDoc(doc);
	free(s);
}

/* What XML cannot carry becomes U+FFFD; the output stays well-formed. */
static void test_xml_bad_characters(void **state)
{
	static const char *cells[] = {
	    "r\x01",
	    "a\xff"
	    "b",
	    "ok\xe4\xb8",
	    "UDP",
	    "any",
	    "any",
	    "auth",
	    "ref",
	};
	static struct report_row rows[] = {{"r", "server", -1, NULL, cells}};
	struct report r = {0};
	struct export_options o = options(EXPORT_TABLE_BIT(CATALOG_IPSEC), ',', false);
	size_t len;
	char *s;
	xmlDocPtr doc;
	xmlNodePtr row;

	(void)state;
	r.tables[CATALOG_IPSEC] =
	    (struct report_table){CATALOG_IPSEC, "ipsec", "IPsec", NULL, 0, rows, 1};
	r.tables[CATALOG_IPSEC].columns =
	    report_columns(CATALOG_IPSEC, &r.tables[CATALOG_IPSEC].n_columns);
	r.lang = report_lang;
	s = export_string(&export_xml, &r, &o, &len);
	doc = parse_xml(s, len);
	assert_int_equal(validate(doc, true), 0);
	row = first_child(first_child(xmlDocGetRootElement(doc), "table"), "row");
	assert_non_null(row);
	assert_prop(row, "site", NULL);
	assert_content(first_child(row, "rule"), "r\xEF\xBF\xBD");
	assert_content(first_child(row, "source"), "a\xEF\xBF\xBD"
						   "b");
	assert_content(first_child(row, "destination"), "ok\xEF\xBF\xBD\xEF\xBF\xBD");
	xmlFreeDoc(doc);
	free(s);
}

/* The schema is not a blank cheque: a wrong cell name or a missing
 * xml:lang is refused. */
static void test_xml_schema_rejects(void **state)
{
	static const char *const bad[] = {
	    "<report xmlns='urn:ucplan:report:1' version='1' xml:lang='en' generator='u'>"
	    "<table name='lb' title='t'><columns>"
	    "<column key='load_balancer' label='a'/><column key='vip' label='a'/>"
	    "<column key='transport' label='a'/><column key='port' label='a'/>"
	    "<column key='service' label='a'/><column key='note' label='a'/>"
	    "<column key='reference' label='a'/></columns>"
	    "<row rule='x' scope='load-balancer'><load_balancer/><vip/><transport/>"
	    "<ports/><service/><note/><reference/></row></table></report>",
	    "<report xmlns='urn:ucplan:report:1' version='1' generator='u'/>",
	};

	(void)state;
	for (size_t i = 0; i < COUNT(bad); i++) {
		xmlDocPtr doc = parse_xml(bad[i], strlen(bad[i]));

		assert_int_not_equal(validate(doc, false), 0);
		xmlFreeDoc(doc);
	}
}

/* ---- write errors ---- */

/* The write fails with UC_ERR_IO; reason, when given, is in the message. */
static void check_write_error(FILE *f, const struct exporter *e, const char *reason)
{
	struct uc_error err = {0};
	struct export_options o = options(0, ',', true);

	assert_int_equal(e->write(&test_report, &o, f, &err), UC_ERR_IO);
	assert_int_equal(err.status, UC_ERR_IO);
	assert_true(strlen(err.message) > 0);
	if (reason)
		assert_non_null(strstr(err.message, reason));
	/* A NULL err is allowed. */
	clearerr(f);
	assert_int_equal(e->write(&test_report, &o, f, NULL), UC_ERR_IO);
}

static void test_write_error_full_disk(void **state)
{
	const struct exporter *all[] = {&export_text, &export_csv, &export_xml};

	(void)state;
	for (size_t i = 0; i < COUNT(all); i++) {
		FILE *f = fopen("/dev/full", "w");

		if (!f)
			skip();
		check_write_error(f, all[i], strerror(ENOSPC));
		fclose(f);
	}
}

static void test_write_error_small_buffer(void **state)
{
	const struct exporter *all[] = {&export_text, &export_csv, &export_xml};
	char buf[64];

	(void)state;
	for (size_t i = 0; i < COUNT(all); i++) {
		FILE *f = fmemopen(buf, sizeof buf, "w");

		assert_non_null(f);
		check_write_error(f, all[i], NULL);
		fclose(f);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup(test_find, setup_english),
	    cmocka_unit_test_setup(test_default_options, setup_english),
	    cmocka_unit_test_setup(test_neutralize, setup_english),
	    cmocka_unit_test_setup(test_csv_comma_no_bom, setup_english),
	    cmocka_unit_test_setup(test_csv_semicolon_bom, setup_english),
	    cmocka_unit_test_setup(test_csv_all_tables, setup_english),
	    cmocka_unit_test_setup(test_csv_neutralizes_header, setup_english),
	    cmocka_unit_test_setup(test_exports_neutralize_controls, setup_english),
	    cmocka_unit_test_setup(test_text_alignment, setup_english),
	    cmocka_unit_test_setup(test_text_fit_width, setup_english),
	    cmocka_unit_test_setup(test_text_narrow, setup_english),
	    cmocka_unit_test_setup(test_xml_valid, setup_english),
	    cmocka_unit_test_setup(test_xml_language_and_selection, setup_english),
	    cmocka_unit_test_setup(test_xml_bad_characters, setup_english),
	    cmocka_unit_test_setup(test_xml_schema_rejects, setup_english),
	    cmocka_unit_test_setup(test_write_error_full_disk, setup_english),
	    cmocka_unit_test_setup(test_write_error_small_buffer, setup_english),
	};
	int failed;

	/* UTF-8 character handling for the width checks; English messages. */
	i18n_init("en");
	failed = cmocka_run_group_tests(tests, setup_report, NULL);
	xmlCleanupParser();
	return failed;
}
