/* export.c: the exporter registry, per-language defaults and the one home
 * of formula neutralization for spreadsheet-bound formats. */
#include "ucplan/export.h"

#include <stdio.h>
#include <string.h>

#include "ucplan/fileio.h"
#include "ucplan/i18n.h"

static const struct exporter *const exporters[] = {
    &export_text, &export_csv, &export_xml,       &export_json,    &export_xlsx,
    &export_ps1,  &export_nft, &export_probe_ps1, &export_probe_sh};

const struct exporter *export_find(const char *name)
{
	if (!name)
		return NULL;
	for (size_t i = 0; i < sizeof exporters / sizeof exporters[0]; i++)
		if (strcmp(exporters[i]->name, name) == 0)
			return exporters[i];
	return NULL;
}

void export_default_options(struct export_options *opts)
{
	const char *lang = i18n_language();

	memset(opts, 0, sizeof *opts);
	opts->tables = EXPORT_ALL_TABLES;
	/* Spanish and Italian spreadsheets use the comma as decimal mark, so
	 * they expect ';' between fields. */
	opts->separator = str_eq(lang, "es") || str_eq(lang, "it") ? ';' : ',';
	/* Excel reads a CSV file without a BOM in the ANSI code page, which
	 * garbles every non-English text. */
	opts->bom = !str_eq(lang, "en");
	opts->width = 0;
	opts->ascii = false;
}

/* Whether s starts with the UTF-8 string prefix; returns its length or 0. */
static size_t starts_with(const char *s, const char *prefix)
{
	size_t n = strlen(prefix);

	return strncmp(s, prefix, n) == 0 ? n : 0;
}

/* A cell a spreadsheet would read as a formula: one that starts with
 * = + - @, or with their fullwidth forms, possibly after characters that
 * spreadsheets skip or that a reader does not see (spaces, no-break and
 * ideographic spaces, zero-width space, byte-order mark, tab, CR, LF).
 * A leading tab or CR is neutralized in any case: some spreadsheets strip
 * them before looking. */
static bool cell_is_formula(const char *cell)
{
	static const char *const skipped[] = {" ", "\t", "\r", "\n", "\xc2\xa0" /* NBSP */,
					      "\xe3\x80\x80" /* U+3000 */,
					      "\xe2\x80\x8b" /* U+200B */,
					      "\xef\xbb\xbf" /* U+FEFF */};
	static const char *const formula[] = {"=", "+", "-", "@", "\xef\xbc\x9d" /* ＝ */,
					      "\xef\xbc\x8b" /* ＋ */, "\xef\xbc\x8d" /* － */,
					      "\xef\xbc\xa0" /* ＠ */};
	const char *p = cell;
	size_t n;
	unsigned char first = (unsigned char)cell[0];

	if (cell[0] == '\t' || cell[0] == '\r')
		return true;
	/* most cells start with a letter or a digit: nothing to look for */
	if ((first >= '0' && first <= '9') || (first >= 'A' && first <= 'Z') ||
	    (first >= 'a' && first <= 'z') || first == '"' || first == '\0')
		return false;
	for (bool more = true; more;) {
		more = false;
		for (size_t i = 0; i < sizeof skipped / sizeof skipped[0]; i++) {
			n = starts_with(p, skipped[i]);
			if (n) {
				p += n;
				more = true;
				break;
			}
		}
	}
	for (size_t i = 0; i < sizeof formula / sizeof formula[0]; i++)
		if (starts_with(p, formula[i]))
			return true;
	return false;
}

const char *export_neutralize(const char *cell, char *buf, size_t size)
{
	size_t n;

	if (!cell)
		return "";
	if (!cell_is_formula(cell))
		return cell;
	/* A truncated result must still carry the apostrophe. */
	if (size < 2)
		return "'";
	n = strlen(cell);
	if (n > size - 2) {
		n = size - 2;
		/* Do not cut a UTF-8 character in half. */
		while (n > 0 && ((unsigned char)cell[n] & 0xC0) == 0x80)
			n--;
	}
	buf[0] = '\'';
	memcpy(buf + 1, cell, n);
	buf[n + 1] = '\0';
	return buf;
}

/* What export_to_file hands to the atomic writer. */
struct export_job {
	const struct exporter *ex;
	const struct report *report;
	const struct export_options *opts;
};

static enum uc_status export_job_write(FILE *out, const void *context, struct uc_error *err)
{
	const struct export_job *job = context;

	return job->ex->write(job->report, job->opts, out, err);
}

enum uc_status export_to_file(const struct exporter *ex, const struct report *report,
			      const struct export_options *opts, const char *path,
			      struct uc_error *err)
{
	struct export_job job = {ex, report, opts};

	return atomic_file_write(path, export_job_write, &job, err);
}
