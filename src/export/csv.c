/* csv.c: RFC 4180 CSV through libcsv, the only file that uses it.
 *
 * Every field is quoted, records end with CRLF and the text is UTF-8; the
 * files are meant for spreadsheets, so every cell is neutralized. */
#include <csv.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "ucplan/export.h"
#include "ucplan/i18n.h"

/* State of one write: the stream, a scratch buffer for neutralized cells
 * (grown so that no cell is ever truncated) and the first write error. */
struct csv_out {
	FILE *out;
	char *buf;
	size_t size;
	int error; /* errno of the first failed write, or 0 */
};

/* Records a failed write; errno was cleared before it. */
static bool csv_fail(struct csv_out *co)
{
	if (!co->error)
		co->error = errno ? errno : EIO;
	return false;
}

static bool csv_put_raw(struct csv_out *co, const char *s)
{
	errno = 0;
	return fputs(s, co->out) != EOF || csv_fail(co);
}

static bool csv_put_field(struct csv_out *co, const char *text)
{
	const char *safe;
	size_t need;

	if (!text)
		text = "";
	need = strlen(text) + 2; /* apostrophe and NUL */
	if (need > co->size) {
		co->buf = xrealloc(co->buf, need);
		co->size = need;
	}
	safe = export_neutralize(text, co->buf, co->size);
	errno = 0;
	return csv_fwrite(co->out, safe, strlen(safe)) == 0 || csv_fail(co);
}

static bool csv_put_record(struct csv_out *co, const char *const *fields, size_t n, const char *sep,
			   bool translate)
{
	for (size_t i = 0; i < n; i++) {
		if (i > 0 && !csv_put_raw(co, sep))
			return false;
		if (!csv_put_field(co, translate ? _(fields[i]) : fields[i]))
			return false;
	}
	return csv_put_raw(co, "\r\n");
}

static bool csv_put_table(struct csv_out *co, const struct report_table *table, const char *sep)
{
	const char **labels = xcalloc(table->n_columns, sizeof *labels);
	bool ok;

	for (size_t i = 0; i < table->n_columns; i++)
		labels[i] =
		    table->columns[i].label ? table->columns[i].label : table->columns[i].key;
	ok = csv_put_record(co, labels, table->n_columns, sep, true);
	free(labels);
	for (size_t r = 0; ok && r < table->n_rows; r++)
		ok = csv_put_record(co, table->rows[r].cells, table->n_columns, sep, false);
	return ok;
}

static enum uc_status export_csv_write(const struct report *report,
				       const struct export_options *opts, FILE *out,
				       struct uc_error *err)
{
	struct export_options defaults;
	struct csv_out co = {.out = out};
	unsigned tables;
	bool ok = true, first = true;
	char sep[2] = {',', '\0'};

	if (!opts) {
		export_default_options(&defaults);
		opts = &defaults;
	}
	tables = opts->tables ? opts->tables : EXPORT_ALL_TABLES;
	/* A quote, CR or LF as separator would make the file unreadable. */
	if (opts->separator && !strchr("\"\r\n", opts->separator))
		sep[0] = opts->separator;

	if (opts->bom)
		ok = csv_put_raw(&co, "\xEF\xBB\xBF");
	for (int k = 0; ok && k < CATALOG_TABLE_COUNT; k++) {
		if (!(tables & EXPORT_TABLE_BIT(k)))
			continue;
		if (!first)
			ok = csv_put_raw(&co, "\r\n");
		first = false;
		if (ok)
			ok = csv_put_table(&co, &report->tables[k], sep);
	}
	free(co.buf);
	errno = 0;
	if (fflush(out) == EOF)
		csv_fail(&co);
	if (ferror(out) && !co.error)
		co.error = EIO;
	if (co.error)
		return uc_error_set(err, UC_ERR_IO, NULL, 0,
				    _("could not write the CSV report (%s); check that the disk "
				      "has free space and that the output file can be written"),
				    strerror(co.error));
	return UC_OK;
}

const struct exporter export_csv = {
    .name = "csv",
    .extension = "csv",
    .write = export_csv_write,
};
