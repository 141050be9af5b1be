/* csv.c: RFC 4180 CSV through libcsv, the only file that uses it.
 *
 * Every field is quoted, records end with CRLF and the text is UTF-8; the
 * files are meant for spreadsheets, so every cell is neutralized. */
#include <csv.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "ucplan/export.h"
#include "ucplan/fields.h"
#include "ucplan/i18n.h"
#include "ucplan/strpool.h"
#include "ucplan/textwidth.h"

/* A cache of quoted cells: a value shown by many rows (an endpoint, a
 * note) is quoted once.  Each site's values go into a cache emptied when the
 * next site begins, so that memory stays that of one site. */
struct csv_cache {
	struct strpool *quoted;
	struct ptrmap map;
};

/* State of one write: the stream, the record being built, a scratch
 * buffer for neutralized cells, the caches and the first write error.  A
 * record is quoted by libcsv into memory and written with one call. */
struct csv_out {
	FILE *out;
	struct strbuf line; /* the record being built, quoted */
	struct strbuf cell; /* the field being rendered */
	struct csv_cache shared; /* catalog strings: every site */
	struct csv_cache site;   /* endpoints and names of the current site */
	int cached_site;         /* the site whose values are in site */
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

/* Quotes text (neutralized) onto the end of sb.  A cell without a quote,
 * which is nearly every cell, is copied between two quotes as it is;
 * libcsv doubles the quotes of the others. */
static void csv_quote(struct csv_out *co, struct strbuf *sb, const char *text)
{
	const unsigned char *p = (const unsigned char *)text;
	bool quotes = false;
	char *clean = NULL;
	const char *safe;
	size_t n, room;

	/* printable ASCII needs no check */
	while (*p >= 0x20 && *p < 0x7f && *p != '"')
		p++;
	if (*p) {
		/* Control characters from the catalog or the plan (an escape
		 * sequence, a C1 control) would reach whoever views the file. */
		if (!tw_is_clean((const char *)p))
			text = clean = tw_neutralize(text);
		quotes = strchr(clean ? clean : (const char *)p, '"') != NULL;
		n = strlen(text);
	} else {
		n = (size_t)(p - (const unsigned char *)text);
	}
	if (n + 2 > co->size) {
		co->buf = xrealloc(co->buf, n + 2); /* apostrophe and NUL */
		co->size = n + 2;
	}
	safe = export_neutralize(text, co->buf, co->size);
	if (safe != text)
		n = strlen(safe);
	/* quoted, every quote doubled: at most 2n + 2 bytes */
	strbuf_reserve(sb, 2 * n + 2);
	if (!quotes) {
		char *d = sb->data + sb->len;
		d[0] = '"';
		memcpy(d + 1, safe, n);
		d[n + 1] = '"';
		sb->len += n + 2;
	} else {
		room = sb->cap - sb->len;
		sb->len += csv_write(sb->data + sb->len, room, safe, n);
	}
	sb->data[sb->len] = '\0';
	free(clean);
}

/* Appends the quoted form of a field to the record being built. */
static void csv_add_field(struct csv_out *co, const char *text)
{
	csv_quote(co, &co->line, text ? text : "");
}

static bool csv_end_record(struct csv_out *co)
{
	strbuf_add(&co->line, "\r\n", 2);
	errno = 0;
	return fwrite(co->line.data, 1, co->line.len, co->out) == co->line.len || csv_fail(co);
}

static void csv_cache_clear(struct csv_cache *c)
{
	strpool_clear(c->quoted);
	ptrmap_clear(&c->map);
}

static void csv_cache_free(struct csv_cache *c)
{
	strpool_free(c->quoted);
	ptrmap_free(&c->map);
}

/* The value of a field of a flow (f) or of a record (r), quoted; from a
 * cache when the field says what its value depends on. */
static void csv_add_value(struct csv_out *co, const struct report *report,
			  const struct report_flow *f, const struct report_record *r,
			  const struct field *field, size_t index)
{
	const void *same = f ? (field->same ? field->same(report, f) : NULL)
			     : (field->same_record ? field->same_record(r) : NULL);
	struct csv_cache *cache = field->site_bound ? &co->site : &co->shared;
	const char *q = same ? ptrmap_get(&cache->map, (unsigned)index, same) : NULL;

	if (q) {
		strbuf_puts(&co->line, q);
		return;
	}
	co->cell.len = 0;
	if (co->cell.data)
		co->cell.data[0] = '\0';
	if (f)
		field->put(&co->cell, report, f);
	else
		field->put_record(&co->cell, report, r);
	if (!same) {
		csv_add_field(co, co->cell.data);
		return;
	}
	{
		size_t start = co->line.len;
		csv_add_field(co, co->cell.data);
		size_t len = co->line.len - start;
		char *copy = strpool_alloc(cache->quoted, len + 1);

		memcpy(copy, co->line.data + start, len + 1);
		q = copy;
		ptrmap_put(&cache->map, (unsigned)index, same, q);
	}
}

/* The rows of a table or of a part of it: one record per row, written as
 * it is rendered. */
static bool csv_put_rows(struct csv_out *co, const struct report *report,
			 const struct report_flows *table, const struct field *fields, size_t n,
			 char sep)
{
	bool ok = true;

	/* DNS, certificates, summary: records, a few per site */
	for (size_t r = 0; ok && r < table->n_records; r++) {
		co->line.len = 0;
		for (size_t i = 0; i < n; i++) {
			if (i > 0)
				strbuf_add(&co->line, &sep, 1);
			csv_add_value(co, report, NULL, &table->records[r], &fields[i], i);
		}
		ok = csv_end_record(co);
	}
	for (size_t r = 0; ok && r < table->n_flows; r++) {
		const struct report_flow *f = &table->flows[r];

		/* a plan-wide row between two rows of a site keeps the cache */
		if (f->site >= 0 && f->site != co->cached_site) {
			csv_cache_clear(&co->site);
			co->cached_site = f->site;
		}
		co->line.len = 0;
		for (size_t i = 0; i < n; i++) {
			if (i > 0)
				strbuf_add(&co->line, &sep, 1);
			csv_add_value(co, report, f, NULL, &fields[i], i);
		}
		ok = csv_end_record(co);
	}
	return ok;
}

/* One table: its header (machine keys, or labels in the user's language),
 * then its rows, part after part. */
static bool csv_put_table(struct csv_out *co, const struct report *report,
			  const struct report_flows *table, char sep, bool keys)
{
	size_t n;
	const struct field *fields = fields_of(table->kind, &n);
	struct report_part part;
	bool ok;

	co->line.len = 0;
	for (size_t i = 0; i < n; i++) {
		if (i > 0)
			strbuf_add(&co->line, &sep, 1);
		csv_add_field(co, keys ? fields[i].key : _(fields[i].label));
	}
	ok = csv_end_record(co);
	for (const struct report_flows *t = report_part_first(report, table->kind, &part); ok && t;
	     t = report_part_next(&part)) {
		/* a new part: the endpoints of the last one are gone */
		csv_cache_clear(&co->site);
		co->cached_site = -1;
		ok = csv_put_rows(co, report, t, fields, n, sep);
	}
	report_part_end(&part);
	return ok;
}

static enum uc_status export_csv_write(const struct report *report,
				       const struct export_options *opts, FILE *out,
				       struct uc_error *err)
{
	struct export_options defaults;
	struct csv_out co = {
	    .out = out,
	    .shared = {.quoted = strpool_new()},
	    .site = {.quoted = strpool_new()},
	    .cached_site = -1,
	};
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
			ok = csv_put_table(&co, report, &report->tables[k], sep, opts->header_keys);
		/* the caches are per table: field positions differ between tables */
		csv_cache_clear(&co.shared);
		csv_cache_clear(&co.site);
		co.cached_site = -1;
	}
	free(co.buf);
	strbuf_free(&co.line);
	strbuf_free(&co.cell);
	csv_cache_free(&co.shared);
	csv_cache_free(&co.site);
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
    .streams = true,
    .write = export_csv_write,
};
