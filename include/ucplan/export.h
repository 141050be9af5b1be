/* export.h: one strategy per output format behind one small interface.
 *
 * Contract of write(): it writes the selected tables of report to out, in
 * the order firewall, lb, ipsec, and returns UC_OK, or UC_ERR_IO when a
 * write to out failed (err says so).  It does not close out and does not
 * print anything else.  Cells are written as the report holds them, except
 * that spreadsheet-bound formats neutralize cells starting with = + - @. */
#ifndef UCPLAN_EXPORT_H
#define UCPLAN_EXPORT_H

#include <stdbool.h>
#include <stdio.h>

#include "ucplan/report.h"
#include "ucplan/view.h"
#include "ucplan/util.h"

/* Bit for each table, from enum catalog_table (catalog.h). */
#define EXPORT_TABLE_BIT(kind) CATALOG_TABLE_BIT(kind)
#define EXPORT_ALL_TABLES CATALOG_ALL_TABLES

struct export_options {
	unsigned tables;  /* EXPORT_TABLE_BIT set; 0 means all */
	char separator;   /* CSV field separator: ',' or ';' */
	bool bom;         /* CSV: start with a UTF-8 byte-order mark */
	size_t width;     /* text: fit lines to this many columns; 0 = no limit */
	bool ascii;       /* text: ASCII ellipsis instead of U+2026 */
	bool wrap;        /* text: wrap long cells within width instead of cutting them */
	bool header_keys; /* CSV, XLSX: machine keys as the header instead of labels */
	/* XLSX: the plan's errors and warnings for the Warnings sheet
	 * (borrowed; NULL: none) */
	const struct findings *findings;
};

struct exporter {
	const char *name;      /* "text", "csv", "xml", "json", "xlsx", "ps1", ... */
	const char *extension; /* file name extension without the dot */
	/* every table in one file (a workbook): a directory gets one file,
	 * not one per table */
	bool one_file;
	/* reads the rows through report_part_first/next (report.h), so that it
	 * may be given a streamed report (report_stream_open) */
	bool streams;
	enum uc_status (*write)(const struct report *report, const struct export_options *opts,
				FILE *out, struct uc_error *err);
};

extern const struct exporter export_text;
extern const struct exporter export_csv;
extern const struct exporter export_xml;
extern const struct exporter export_json;
extern const struct exporter export_xlsx;
/* Scripts generated from the rows (src/export/ps1.c, nft.c, probe.c). */
extern const struct exporter export_ps1;
extern const struct exporter export_nft;
extern const struct exporter export_probe_ps1;
extern const struct exporter export_probe_sh;

/* The file name of a one_file export written into a directory. */
#define EXPORT_ONE_FILE_NAME "report"

/* Writes the report to path through a temporary file renamed into place
 * only when complete (fileio.h), so that a failure leaves the previous
 * file and no partial one.  err names path on failure. */
enum uc_status export_to_file(const struct exporter *ex, const struct report *report,
			      const struct export_options *opts, const char *path,
			      struct uc_error *err);

/* The exporter called name, or NULL. */
const struct exporter *export_find(const char *name);

/* Default options for the current language: ',' and no BOM for English;
 * ';' for Spanish and Italian; a BOM for every language but English. */
void export_default_options(struct export_options *opts);

/* Returns the text that a spreadsheet would not evaluate: cell itself, or
 * when it starts with = + - @ (or a tab or carriage return) a copy prefixed
 * with an apostrophe written into buf (of size bytes, truncated if needed). */
const char *export_neutralize(const char *cell, char *buf, size_t size);

#endif
