/* csv.c: RFC 4180 CSV through libcsv, the only file that uses it.
 *
 * Every field is quoted, records end with CRLF and the text is UTF-8; the
 * files are meant for spreadsheets, so every cell is neutralized. */
#include <csv.h>
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "ucplan/export.h"
#include "ucplan/i18n.h"
#include "ucplan/textwidth.h"

/* State of one write: the stream, the record being built, a scratch
 * buffer for neutralized cells and the first write error.  A record is
 * quoted by libcsv into memory and written with one call. */
struct quoted {
	const char *cell; /* the report's pointer: cells are interned, so one
			   * quoting serves every row that shows the text */
	size_t offset, length;
};

struct csv_out {
	FILE *out;
	struct strbuf line;
	struct strbuf quoted_text; /* every distinct cell, quoted */
	struct quoted *cache;
	size_t cache_cap, cache_count;
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

/* Quotes text (neutralized) onto the end of sb with libcsv. */
static void csv_quote(struct csv_out *co, struct strbuf *sb, const char *text)
{
	/* Control characters from the catalog or the plan (an escape
	 * sequence, a C1 control) would reach whoever views the file. */
	char *clean = tw_neutralize(text);
	const char *safe;
	size_t n, room;

	text = clean;
	n = strlen(text);
	if (n + 2 > co->size) {
		co->buf = xrealloc(co->buf, n + 2); /* apostrophe and NUL */
		co->size = n + 2;
	}
	safe = export_neutralize(text, co->buf, co->size);
	if (safe != text)
		n = strlen(safe);
	/* quoted, every quote doubled: at most 2n + 2 bytes */
	strbuf_reserve(sb, 2 * n + 2);
	room = sb->cap - sb->len;
	sb->len += csv_write(sb->data + sb->len, room, safe, n);
	sb->data[sb->len] = '\0';
	free(clean);
}

static size_t cache_slot(const struct csv_out *co, const char *cell)
{
	uintptr_t h = (uintptr_t)cell;

	h ^= h >> 17;
	h *= 0x9e3779b97f4a7c15u;
	return (size_t)(h >> 7) & (co->cache_cap - 1);
}

static void cache_grow(struct csv_out *co)
{
	struct quoted *old = co->cache;
	size_t old_cap = co->cache_cap;

	co->cache_cap = old_cap ? old_cap * 2 : 4096;
	co->cache = xcalloc(co->cache_cap, sizeof *co->cache);
	for (size_t i = 0; i < old_cap; i++) {
		size_t slot;
		if (!old[i].cell)
			continue;
		slot = cache_slot(co, old[i].cell);
		while (co->cache[slot].cell)
			slot = (slot + 1) & (co->cache_cap - 1);
		co->cache[slot] = old[i];
	}
	free(old);
}

/* Appends the quoted form of a report cell, quoting each distinct cell
 * once. */
static void csv_add_field(struct csv_out *co, const char *text)
{
	struct quoted *q;
	size_t slot;

	if (!text)
		text = "";
	if ((co->cache_count + 1) * 2 > co->cache_cap)
		cache_grow(co);
	slot = cache_slot(co, text);
	while (co->cache[slot].cell && co->cache[slot].cell != text)
		slot = (slot + 1) & (co->cache_cap - 1);
	q = &co->cache[slot];
	if (!q->cell) {
		q->cell = text;
		q->offset = co->quoted_text.len;
		csv_quote(co, &co->quoted_text, text);
		q->length = co->quoted_text.len - q->offset;
		co->cache_count++;
	}
	strbuf_add(&co->line, co->quoted_text.data + q->offset, q->length);
}

static bool csv_put_record(struct csv_out *co, const char *const *fields, size_t n, char sep,
			   bool translate)
{
	co->line.len = 0;
	for (size_t i = 0; i < n; i++) {
		if (i > 0)
			strbuf_add(&co->line, &sep, 1);
		if (translate) /* header labels: not cells of the report */
			csv_quote(co, &co->line, _(fields[i]));
		else
			csv_add_field(co, fields[i]);
	}
	strbuf_add(&co->line, "\r\n", 2);
	errno = 0;
	return fwrite(co->line.data, 1, co->line.len, co->out) == co->line.len || csv_fail(co);
}

static bool csv_put_table(struct csv_out *co, const struct report_table *table, char sep)
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
	char sep = ',';

	if (!opts) {
		export_default_options(&defaults);
		opts = &defaults;
	}
	tables = opts->tables ? opts->tables : EXPORT_ALL_TABLES;
	/* A quote, CR or LF as separator would make the file unreadable. */
	if (opts->separator && !strchr("\"\r\n", opts->separator))
		sep = opts->separator;

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
	free(co.cache);
	strbuf_free(&co.line);
	strbuf_free(&co.quoted_text);
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
