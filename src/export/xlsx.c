/* xlsx.c: one workbook, a sheet per table plus a Warnings sheet, through
 * libxlsxwriter (the only file that uses it).
 *
 * Each table sheet holds what the CSV export of the same table holds, cell
 * for cell (the same fields, the same neutralization), so that a workbook
 * and a CSV file never disagree.  A single port is a number; every other
 * cell is text, stored as text and formatted as text ("@"), so that a
 * spreadsheet never turns a range such as 3478-3481 into a date or a
 * number.  Header row frozen, autofilter on, columns as wide as their
 * widest text in display columns (a CJK character counts two), long texts
 * wrapped in a capped column.
 *
 * A Diagram sheet holds the picture of the plan (diagram.h) as a PNG made
 * by Graphviz's dot; without dot, a sentence saying how to get it.
 *
 * libxlsxwriter writes to a file name, not to a stream: the workbook is
 * made in a temporary file and copied to the exporter's stream, so that
 * export_to_file's atomic replacement and standard output work as for
 * every other format. */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>
#include <xlsxwriter.h>

#include "ucplan/diagram.h"
#include "ucplan/export.h"
#include "ucplan/fields.h"
#include "ucplan/i18n.h"
#include "ucplan/textwidth.h"

/* A column is never wider than this many display columns: longer texts
 * (notes, references, warnings) wrap inside it. */
#define XLSX_WRAP_WIDTH 60
/* Room for the autofilter's drop-down button next to a header. */
#define XLSX_FILTER_ROOM 3
/* The longest text a cell holds (Excel's limit, in characters; bytes are
 * at least as many). */
#define XLSX_CELL_MAX 32767

struct xlsx_out {
	lxw_workbook *wb;
	lxw_format *header, *text, *wrap, *number;
	struct strbuf cell;
	char *buf; /* neutralized copy of a cell */
	size_t size;
	lxw_error error; /* the first libxlsxwriter error */
	char *failure;   /* or what else went wrong (owned) */
	/* sheet names given so far, to keep them distinct */
	char **names;
	size_t n_names;
	/* per column of the sheet being written: its width so far */
	size_t *widths;
	size_t n_widths;
};

static bool xlsx_check(struct xlsx_out *xo, lxw_error e)
{
	if (e != LXW_NO_ERROR && xo->error == LXW_NO_ERROR && !xo->failure)
		xo->error = e;
	return e == LXW_NO_ERROR;
}

/* The widest line of s in display columns. */
static size_t widest_line(const char *s)
{
	size_t widest = 0;

	for (;;) {
		const char *nl = strchr(s, '\n');
		char *line = nl ? xstrndup(s, (size_t)(nl - s)) : NULL;
		size_t w = tw_width(line ? line : s);
		free(line);
		if (w > widest)
			widest = w;
		if (!nl)
			return widest;
		s = nl + 1;
	}
}

/* A cell as the CSV export writes it: control characters made visible,
 * a leading formula character neutralized, cut to what a cell holds. */
static const char *xlsx_clean(struct xlsx_out *xo, const char *text, char **owned)
{
	char *clean = tw_neutralize(text ? text : "");
	size_t n = strlen(clean);
	const char *safe;

	if (n + 2 > xo->size) {
		xo->buf = xrealloc(xo->buf, n + 2);
		xo->size = n + 2;
	}
	safe = export_neutralize(clean, xo->buf, xo->size);
	if (safe == clean) {
		*owned = clean;
	} else {
		*owned = NULL;
		free(clean);
	}
	n = strlen(safe);
	if (n > XLSX_CELL_MAX) {
		char *cut = *owned ? *owned : xo->buf;
		n = XLSX_CELL_MAX;
		while (n > 0 && ((unsigned char)cut[n] & 0xC0) == 0x80)
			n--;
		cut[n] = '\0';
		safe = cut;
	}
	return safe;
}

/* Writes a text cell and widens its column. */
static bool xlsx_put_text(struct xlsx_out *xo, lxw_worksheet *ws, lxw_row_t row, lxw_col_t col,
			  const char *text, lxw_format *format)
{
	char *owned;
	const char *safe = xlsx_clean(xo, text, &owned);
	size_t w = widest_line(safe);
	bool ok;

	if (col < xo->n_widths && w > xo->widths[col])
		xo->widths[col] = w;
	if (!format)
		format = w > XLSX_WRAP_WIDTH || strchr(safe, '\n') ? xo->wrap : xo->text;
	ok = xlsx_check(xo, worksheet_write_string(ws, row, col, safe, format));
	free(owned);
	return ok;
}

static bool xlsx_put_number(struct xlsx_out *xo, lxw_worksheet *ws, lxw_row_t row, lxw_col_t col,
			    unsigned value)
{
	char digits[16];
	size_t w = (size_t)snprintf(digits, sizeof digits, "%u", value);

	if (col < xo->n_widths && w > xo->widths[col])
		xo->widths[col] = w;
	return xlsx_check(xo, worksheet_write_number(ws, row, col, value, xo->number));
}

/* A sheet name from a title: none of []:*?/\ (Excel refuses them), no
 * apostrophe at either end, at most 31 characters, distinct from the names
 * given before (Excel compares them without case). */
static char *xlsx_sheet_name(struct xlsx_out *xo, const char *title)
{
	struct strbuf sb = {0};
	char *name;

	while (*title == '\'')
		title++;
	for (const char *p = title; *p; p++)
		strbuf_add(&sb, strchr("[]:*?/\\", *p) ? "-" : p, 1);
	name = xstrdup(sb.data ? sb.data : "");
	strbuf_free(&sb);
	for (int attempt = 1;; attempt++) {
		char suffix[16] = "";
		size_t chars = 0, cut = 0, room;
		char *candidate;
		bool taken = false;

		if (attempt > 1)
			snprintf(suffix, sizeof suffix, " (%d)", attempt);
		room = LXW_SHEETNAME_MAX - strlen(suffix);
		/* keep at most room characters, whole */
		for (const char *p = name; *p && chars < room; chars++) {
			size_t n = tw_char_len(p);
			p += n ? n : 1;
			cut = (size_t)(p - name);
		}
		/* a title cut in the middle of a word ends at the word before,
		 * unless that leaves too little of it */
		if (name[cut] && name[cut] != ' ') {
			size_t space = cut;
			while (space > 0 && name[space - 1] != ' ')
				space--;
			if (space > 10)
				cut = space;
		}
		while (cut > 0 && (name[cut - 1] == '\'' || name[cut - 1] == ' '))
			cut--;
		candidate = xasprintf("%.*s%s", (int)cut, name, suffix);
		if (!candidate[0]) {
			free(candidate);
			candidate = xasprintf("%d", attempt);
		}
		for (size_t i = 0; i < xo->n_names && !taken; i++)
			taken = strcasecmp(xo->names[i], candidate) == 0;
		if (!taken && workbook_validate_sheet_name(xo->wb, candidate) == LXW_NO_ERROR) {
			free(name);
			xo->names = xrealloc(xo->names, (xo->n_names + 1) * sizeof *xo->names);
			xo->names[xo->n_names++] = candidate;
			return candidate;
		}
		free(candidate);
		if (attempt > 99) {
			free(name);
			return NULL;
		}
	}
}

/* A new sheet with n_columns columns; NULL (and the failure recorded) when
 * libxlsxwriter refuses it. */
static lxw_worksheet *xlsx_sheet(struct xlsx_out *xo, const char *title, size_t n_columns)
{
	const char *name = xlsx_sheet_name(xo, title);
	lxw_worksheet *ws = name ? workbook_add_worksheet(xo->wb, name) : NULL;

	if (!ws) {
		if (!xo->failure)
			xo->failure = xasprintf(_("the sheet '%s' could not be added"), title);
		return NULL;
	}
	free(xo->widths);
	xo->widths = xcalloc(n_columns ? n_columns : 1, sizeof *xo->widths);
	xo->n_widths = n_columns;
	return ws;
}

/* What every sheet has once its rows are written: the header frozen, the
 * autofilter over every row, the columns fitted to their texts. */
static bool xlsx_finish_sheet(struct xlsx_out *xo, lxw_worksheet *ws, size_t n_rows)
{
	bool ok = true;

	if (!xo->n_widths)
		return true;
	worksheet_freeze_panes(ws, 1, 0);
	ok = xlsx_check(xo, worksheet_autofilter(ws, 0, 0, (lxw_row_t)n_rows,
						 (lxw_col_t)(xo->n_widths - 1)));
	for (size_t c = 0; ok && c < xo->n_widths; c++) {
		size_t w = xo->widths[c] > XLSX_WRAP_WIDTH ? XLSX_WRAP_WIDTH : xo->widths[c];
		ok = xlsx_check(xo, worksheet_set_column(ws, (lxw_col_t)c, (lxw_col_t)c,
							 (double)(w + 2), NULL));
	}
	return ok;
}

/* Refuses a table longer than a worksheet, before writing any of it. */
static bool xlsx_rows_fit(struct xlsx_out *xo, const char *title, size_t n_rows)
{
	if (n_rows < LXW_ROW_MAX)
		return true;
	if (!xo->failure)
		xo->failure = xasprintf(_("the table \"%s\" has %zu rows, more than a worksheet "
					  "holds (%u); export it as CSV instead"),
					_(title), n_rows, (unsigned)LXW_ROW_MAX - 1);
	return false;
}

/* One table: the header (labels in the report language, or the machine
 * keys), then a row per flow, each cell as the CSV export writes it. */
static bool xlsx_put_table(struct xlsx_out *xo, const struct report *report,
			   const struct report_flows *table, bool keys)
{
	size_t n;
	const struct field *fields = fields_of(table->kind, &n);
	lxw_worksheet *ws;
	bool ok = true;

	if (!xlsx_rows_fit(xo, table->title, report_table_rows(table)))
		return false;
	ws = xlsx_sheet(xo, _(table->title), n);
	if (!ws)
		return false;
	for (size_t c = 0; ok && c < n; c++) {
		const char *label = keys ? fields[c].key : _(fields[c].label);
		ok = xlsx_put_text(xo, ws, 0, (lxw_col_t)c, label, xo->header);
		/* the filter button sits on the header */
		xo->widths[c] = widest_line(label) + XLSX_FILTER_ROOM;
	}
	/* DNS, certificates, summary: records, as the CSV writes them */
	for (size_t r = 0; ok && r < table->n_records; r++)
		for (size_t c = 0; ok && c < n; c++) {
			xo->cell.len = 0;
			if (xo->cell.data)
				xo->cell.data[0] = '\0';
			fields[c].put_record(&xo->cell, report, &table->records[r]);
			ok = xlsx_put_text(xo, ws, (lxw_row_t)(r + 1), (lxw_col_t)c,
					   xo->cell.data ? xo->cell.data : "", NULL);
		}
	for (size_t r = 0; ok && r < table->n_flows; r++) {
		const struct report_flow *f = &table->flows[r];
		lxw_row_t row = (lxw_row_t)(r + 1);
		for (size_t c = 0; ok && c < n; c++) {
			const struct field *field = &fields[c];
			if (field->type == FIELD_PORT && field->port) {
				struct report_port p = field->port(f);
				if (p.kind == REPORT_PORT_SINGLE) {
					ok = xlsx_put_number(xo, ws, row, (lxw_col_t)c, p.first);
					continue;
				}
			}
			xo->cell.len = 0;
			if (xo->cell.data)
				xo->cell.data[0] = '\0';
			field->put(&xo->cell, report, f);
			ok = xlsx_put_text(xo, ws, row, (lxw_col_t)c,
					   xo->cell.data ? xo->cell.data : "", NULL);
		}
	}
	return ok && xlsx_finish_sheet(xo, ws, report_table_rows(table));
}

/* The plan's errors and warnings: what the tables cannot show. */
static bool xlsx_put_findings(struct xlsx_out *xo, const struct report *report,
			      const struct findings *findings, bool keys)
{
	static const char *const labels[] = {N_("Severity"), N_("Site"), N_("Message")};
	static const char *const key_names[] = {"severity", "site", "message"};
	size_t n = findings ? findings->count : 0;
	lxw_worksheet *ws;
	bool ok = true;

	if (!xlsx_rows_fit(xo, N_("Warnings"), n))
		return false;
	ws = xlsx_sheet(xo, _("Warnings"), 3);
	if (!ws)
		return false;
	for (size_t c = 0; ok && c < 3; c++) {
		const char *label = keys ? key_names[c] : _(labels[c]);
		ok = xlsx_put_text(xo, ws, 0, (lxw_col_t)c, label, xo->header);
		xo->widths[c] = widest_line(label) + XLSX_FILTER_ROOM;
	}
	for (size_t i = 0; ok && i < n; i++) {
		const struct finding *x = &findings->items[i];
		const char *site = report_site_name(report, x->site);
		lxw_row_t row = (lxw_row_t)(i + 1);
		ok = xlsx_put_text(xo, ws, row, 0,
				   x->severity == FINDING_ERROR ? _("error") : _("warning"), NULL) &&
		     xlsx_put_text(xo, ws, row, 1, site ? site : "", NULL) &&
		     xlsx_put_text(xo, ws, row, 2, x->message, NULL);
	}
	return ok && xlsx_finish_sheet(xo, ws, n);
}

/* The width of a PNG in pixels (from its IHDR chunk), or 0. */
static unsigned png_width(const char *path)
{
	unsigned char head[24];
	FILE *f = fopen(path, "rb");
	size_t n = f ? fread(head, 1, sizeof head, f) : 0;

	if (f)
		fclose(f);
	if (n < sizeof head || memcmp(head + 1, "PNG", 3) != 0)
		return 0;
	return (unsigned)head[16] << 24 | (unsigned)head[17] << 16 | (unsigned)head[18] << 8 |
	       head[19];
}

/* A picture wider than this many pixels is scaled down to it: the whole
 * plan on a screen, and Excel's zoom for the details. */
#define XLSX_PICTURE_WIDTH 2400

/* The Diagram sheet: the picture of every site as a PNG (written into
 * *png, a temporary file the caller removes once the workbook is closed,
 * since libxlsxwriter reads it then), or when Graphviz cannot draw it, the
 * reason and how to get it. */
static bool xlsx_put_diagram(struct xlsx_out *xo, const struct report *report,
			     const char *tmpdir, char **png)
{
	struct diagram *d = diagram_build(report, -1);
	struct uc_error err = {0};
	lxw_worksheet *ws = xlsx_sheet(xo, _("Diagram"), 1);
	enum uc_status s = UC_ERR_IO;
	bool ok = ws != NULL;
	FILE *f = NULL;
	int fd;

	*png = xasprintf("%s/ucplan-diagram-XXXXXX", tmpdir);
	fd = mkstemp(*png);
	if (fd >= 0)
		f = fdopen(fd, "wb");
	if (!f) {
		if (fd >= 0)
			close(fd);
		uc_error_set(&err, UC_ERR_IO, NULL, 0, _("cannot create a temporary file: %s"),
			     strerror(errno));
	} else {
		s = diagram_write_graphviz(d, "png", f, &err);
		if (fclose(f) != 0 && s == UC_OK)
			s = uc_error_set(&err, UC_ERR_IO, NULL, 0, _("writing failed: %s"),
					 strerror(errno));
	}
	if (ok) {
		ok = xlsx_put_text(xo, ws, 0, 0,
				   _("The plan's networks, servers and the flows of the firewall "
				     "table between them (ucplan diagram)."),
				   xo->header);
	}
	if (ok && s == UC_OK) {
		lxw_image_options io = {0};
		unsigned width = png_width(*png);
		io.x_offset = 4;
		io.y_offset = 4;
		/* what a screen reader says, rather than the temporary name */
		io.description = (char *)_("Diagram");
		io.x_scale = io.y_scale = width > XLSX_PICTURE_WIDTH
						  ? (double)XLSX_PICTURE_WIDTH / width
						  : 1.0;
		ok = xlsx_check(xo, worksheet_insert_image_opt(ws, 2, 0, *png, &io));
	} else if (ok) {
		/* TRANSLATORS: %s says why Graphviz could not draw the picture
		   and how to install it */
		char *why = xasprintf(_("No picture here: %s.  Then export the workbook again; "
					"meanwhile 'ucplan diagram PLAN' draws the plan as text."),
				      err.message);
		ok = xlsx_put_text(xo, ws, 2, 0, why, xo->wrap);
		free(why);
		xo->widths[0] = XLSX_WRAP_WIDTH;
	}
	if (ok)
		ok = xlsx_check(xo, worksheet_set_column(ws, 0, 0, (double)XLSX_WRAP_WIDTH + 2,
							  NULL));
	diagram_free(d);
	return ok;
}

/* Copies the finished workbook at path to out. */
static bool xlsx_copy(const char *path, FILE *out, int *error)
{
	char buf[65536];
	FILE *in = fopen(path, "rb");
	size_t n;
	bool ok = true;

	if (!in) {
		*error = errno;
		return false;
	}
	while (ok && (n = fread(buf, 1, sizeof buf, in)) > 0) {
		errno = 0;
		if (fwrite(buf, 1, n, out) != n) {
			*error = errno ? errno : EIO;
			ok = false;
		}
	}
	if (ok && ferror(in)) {
		*error = EIO;
		ok = false;
	}
	fclose(in);
	errno = 0;
	if (ok && (fflush(out) == EOF || ferror(out))) {
		*error = errno ? errno : EIO;
		ok = false;
	}
	return ok;
}

/* The directory for temporary files: TMPDIR, or /tmp. */
static const char *xlsx_tmpdir(void)
{
	const char *dir = getenv("TMPDIR");

	return str_empty(dir) ? "/tmp" : dir;
}

static enum uc_status export_xlsx_write(const struct report *report,
					const struct export_options *opts, FILE *out,
					struct uc_error *err)
{
	struct export_options defaults;
	struct xlsx_out xo = {0};
	lxw_workbook_options wo = {0};
	lxw_doc_properties props = {0};
	char *temp, *tmpdir = xstrdup(xlsx_tmpdir()), *png = NULL;
	unsigned tables;
	enum uc_status status = UC_OK;
	bool ok = true;
	int fd, copy_error = 0;
	lxw_error closed;

	if (!opts) {
		export_default_options(&defaults);
		opts = &defaults;
	}
	tables = opts->tables ? opts->tables : EXPORT_ALL_TABLES;
	temp = xasprintf("%s/ucplan-xlsx-XXXXXX", tmpdir);
	fd = mkstemp(temp);
	if (fd < 0) {
		status = uc_error_set(err, UC_ERR_IO, NULL, 0,
				      _("could not create a temporary file in %s for the workbook "
					"(%s); set TMPDIR to a writable directory"),
				      tmpdir, strerror(errno));
		free(temp);
		free(tmpdir);
		return status;
	}
	close(fd);
	/* rows go to disk as they are written: a table of a million rows
	 * does not have to fit in memory */
	wo.constant_memory = 1;
	wo.tmpdir = tmpdir;
	xo.wb = workbook_new_opt(temp, &wo);
	if (!xo.wb) {
		unlink(temp);
		status = uc_error_set(err, UC_ERR_IO, NULL, 0,
				      _("could not start the workbook in %s"), tmpdir);
		free(temp);
		free(tmpdir);
		return status;
	}
	xo.header = workbook_add_format(xo.wb);
	format_set_bold(xo.header);
	format_set_num_format(xo.header, "@");
	format_set_bottom(xo.header, LXW_BORDER_THIN);
	xo.text = workbook_add_format(xo.wb);
	format_set_num_format(xo.text, "@");
	format_set_align(xo.text, LXW_ALIGN_VERTICAL_TOP);
	xo.wrap = workbook_add_format(xo.wb);
	format_set_num_format(xo.wrap, "@");
	format_set_align(xo.wrap, LXW_ALIGN_VERTICAL_TOP);
	format_set_text_wrap(xo.wrap);
	xo.number = workbook_add_format(xo.wb);
	format_set_align(xo.number, LXW_ALIGN_VERTICAL_TOP);
	format_set_align(xo.number, LXW_ALIGN_LEFT);

	props.title = (char *)(report->plan_name ? report->plan_name : "");
	props.subject = (char *)_("Network planning tables for Lync Server 2013 and Skype for "
				  "Business Server 2015");
	props.comments = (char *)_("Made by ucplan");
	ok = xlsx_check(&xo, workbook_set_properties(xo.wb, &props));
	for (int k = 0; ok && k < CATALOG_TABLE_COUNT; k++)
		if (tables & EXPORT_TABLE_BIT(k))
			ok = xlsx_put_table(&xo, report, &report->tables[k], opts->header_keys);
	if (ok)
		ok = xlsx_put_findings(&xo, report, opts->findings, opts->header_keys);
	/* the picture of the firewall table's flows, with that table */
	if (ok && (tables & EXPORT_TABLE_BIT(CATALOG_FIREWALL)))
		ok = xlsx_put_diagram(&xo, report, tmpdir, &png);
	/* workbook_close writes the file and frees the workbook in any case */
	closed = workbook_close(xo.wb);
	if (png) {
		unlink(png);
		free(png);
	}
	if (ok)
		ok = xlsx_check(&xo, closed);
	if (ok && !xlsx_copy(temp, out, &copy_error))
		status = uc_error_set(err, UC_ERR_IO, NULL, 0,
				      _("could not write the workbook (%s); check that the disk "
					"has free space and that the output file can be written"),
				      strerror(copy_error));
	else if (!ok && xo.failure)
		status = uc_error_set(err, UC_ERR_IO, NULL, 0, "%s", xo.failure);
	else if (!ok)
		status = uc_error_set(err, UC_ERR_IO, NULL, 0,
				      _("could not make the workbook (%s); check that %s has "
					"free space"),
				      lxw_strerror(xo.error), tmpdir);
	unlink(temp);
	free(temp);
	free(tmpdir);
	for (size_t i = 0; i < xo.n_names; i++)
		free(xo.names[i]);
	free(xo.names);
	free(xo.widths);
	free(xo.buf);
	free(xo.failure);
	strbuf_free(&xo.cell);
	return status;
}

const struct exporter export_xlsx = {
    .name = "xlsx",
    .extension = "xlsx",
    .write = export_xlsx_write,
    .one_file = true,
};
