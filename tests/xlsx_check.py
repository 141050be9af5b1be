#!/usr/bin/python3
"""Reads a workbook written by `ucplan report -f xlsx` with openpyxl, the way
a spreadsheet user's tools read it, and checks it against the CSV, XML and
`ucplan check` outputs of the same plan in the same language:

  xlsx_check.py WORKBOOK CSV SEPARATOR XML CHECK_OUTPUT LANG LOCALEDIR

- one sheet per table of the XML report, in its order, named after the
  table's translated title (Excel's rules: at most 31 characters, none of
  []:*?/\\), then a Warnings sheet named in the report language;
- the document title is the plan's name;
- each table sheet equals the CSV table cell for cell, header included;
  a cell is a number only where the CSV holds a bare port number, every
  other cell is stored as text and formatted as text ("@"), so that no
  port range or address becomes a date or a number;
- the header row is frozen and the autofilter covers the whole table;
- each column is at least as wide as its widest text (display columns, a
  wide CJK character counting two) up to the wrap width, and longer texts
  wrap;
- the Warnings sheet lists what `ucplan check` says, in the same words;
- with the firewall table, a last sheet named Diagram (in the report
  language) holds the plan's picture: a PNG drawn on that sheet, or, when
  Graphviz could not draw it, a sentence saying how to get it.
"""
import csv
import gettext
import zipfile
import re
import sys
import unicodedata
import xml.etree.ElementTree as ET

import openpyxl
from openpyxl.utils import get_column_letter

WRAP_WIDTH = 60  # the documented cap: longer texts wrap


def fail(msg):
    print("FAIL: " + msg)
    sys.exit(1)


def display_width(s):
    return max((sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in line)
                for line in s.split("\n")), default=0)


def sheet_name(title):
    """Excel's rules; a title cut mid-word ends at the word before (when
    more than ten characters remain)."""
    name = re.sub(r"[\[\]:*?/\\]", "-", title).lstrip("'")
    cut = name[:31]
    if len(name) > 31 and name[31] != " " and cut.rfind(" ") + 1 > 10:
        cut = cut[:cut.rfind(" ") + 1]
    return cut.rstrip("' ")


def main():
    xlsx, csv_path, sep, xml_path, check_path, lang, localedir = sys.argv[1:8]
    tr = gettext.translation("ucplan", localedir=localedir, languages=[lang], fallback=True)

    ns = {"r": "urn:ucplan:report:2"}
    root = ET.parse(xml_path).getroot()
    titles = [t.get("title") for t in root.findall("r:table", ns)]
    has_firewall = any(t.get("name") == "firewall" for t in root.findall("r:table", ns))
    plan_name = root.get("plan")

    with open(csv_path, newline="", encoding="utf-8-sig") as f:
        records = list(csv.reader(f, delimiter=sep, strict=True))
    tables, current = [], []
    for rec in records:
        if not rec:
            tables.append(current)
            current = []
        else:
            current.append(rec)
    tables.append(current)

    wb = openpyxl.load_workbook(xlsx)
    want_names = [sheet_name(t) for t in titles] + [tr.gettext("Warnings")]
    if has_firewall:
        want_names.append(tr.gettext("Diagram"))
    if wb.sheetnames != want_names:
        fail("sheet names %r, wanted %r" % (wb.sheetnames, want_names))
    for name in wb.sheetnames:
        if len(name) > 31 or re.search(r"[\[\]:*?/\\]", name):
            fail("sheet name %r breaks Excel's rules" % name)
    if wb.properties.title != plan_name:
        fail("document title %r, wanted the plan name %r" % (wb.properties.title, plan_name))
    if len(tables) != len(titles):
        fail("the CSV has %d tables, the XML %d" % (len(tables), len(titles)))

    for ws, table in zip(wb.worksheets, tables):
        check_sheet(ws, table)

    # the Warnings sheet says what `ucplan check` says
    findings = []
    line_re = re.compile(r"^.*?:(?:\d+:)? (%s|%s): (.*)$" %
                         (re.escape(tr.gettext("error")), re.escape(tr.gettext("warning"))))
    with open(check_path, encoding="utf-8") as f:
        for line in f:
            m = line_re.match(line.rstrip("\n"))
            if m:
                findings.append([m.group(1), m.group(2)])
    ws = wb[tr.gettext("Warnings")]
    rows = [[cell_text(c) for c in r] for r in ws.iter_rows()]
    if len(rows[0]) != 3:
        fail("Warnings sheet header %r" % rows[0])
    got = [[r[0], r[2]] for r in rows[1:]]
    if got != findings:
        fail("Warnings sheet %r, check said %r" % (got[:3], findings[:3]))
    check_layout(ws, len(rows))
    picture = check_diagram(xlsx, wb, tr) if has_firewall else "no diagram"
    print("ok: %s: %d sheets, %s, %d table rows, %d findings" %
          (xlsx, len(wb.sheetnames), picture, sum(len(t) - 1 for t in tables), len(findings)))


def check_diagram(xlsx, wb, tr):
    """The Diagram sheet: its title sentence, then a PNG anchored on it, or
    the sentence that says why there is none.  Returns which it was."""
    name = tr.gettext("Diagram")
    ws = wb[name]
    title = tr.gettext("The plan's networks, servers and the flows of the firewall "
                       "table between them (ucplan diagram).")
    if ws["A1"].value != title:
        fail("%s!A1 is %r, wanted %r" % (name, ws["A1"].value, title))
    index = wb.sheetnames.index(name) + 1
    with zipfile.ZipFile(xlsx) as z:
        names = z.namelist()
        rels = "xl/worksheets/_rels/sheet%d.xml.rels" % index
        media = [n for n in names if n.startswith("xl/media/")]
        if not media:
            why = ws["A3"].value or ""
            if "Graphviz" not in why or "ucplan diagram" not in why:
                fail("%s: no picture and no sentence saying how to get one: %r" % (name, why))
            return "no picture (%s)" % why[:40]
        if len(media) != 1 or not z.read(media[0]).startswith(b"\x89PNG\r\n"):
            fail("%s: the picture is not one PNG: %r" % (name, media))
        if rels not in names or b"drawing" not in z.read(rels):
            fail("%s: the picture is not drawn on the sheet (%s)" % (name, rels))
        for other in range(1, len(wb.sheetnames) + 1):
            r = "xl/worksheets/_rels/sheet%d.xml.rels" % other
            if other != index and r in names and b"drawing" in z.read(r):
                fail("sheet %d has a drawing too" % other)
    return "a PNG picture"


def cell_text(c):
    if c.value is None:
        return ""
    if isinstance(c.value, float) and c.value.is_integer():
        return str(int(c.value))
    return str(c.value)


def check_layout(ws, n_rows):
    if ws.freeze_panes != "A2":
        fail("%s: frozen pane %r, wanted the header row (A2)" % (ws.title, ws.freeze_panes))
    want = "A1:%s%d" % (get_column_letter(ws.max_column), n_rows)
    if ws.auto_filter.ref != want:
        fail("%s: autofilter %r, wanted %r" % (ws.title, ws.auto_filter.ref, want))


def check_sheet(ws, table):
    rows = list(ws.iter_rows())
    if len(rows) != len(table):
        fail("%s: %d rows, the CSV has %d" % (ws.title, len(rows), len(table)))
    widest = {}
    for r, (xrow, crow) in enumerate(zip(rows, table)):
        if len(xrow) != len(crow):
            fail("%s row %d: %d cells, the CSV has %d" % (ws.title, r + 1, len(xrow), len(crow)))
        for c, (cell, text) in enumerate(zip(xrow, crow)):
            where = "%s!%s" % (ws.title, cell.coordinate)
            if cell_text(cell) != text:
                fail("%s is %r, the CSV says %r" % (where, cell.value, text))
            if cell.value is None:
                continue
            if cell.data_type == "n":
                if r == 0 or not re.fullmatch(r"[0-9]+", text):
                    fail("%s: %r stored as a number" % (where, text))
            elif cell.data_type != "s":
                fail("%s: %r stored as %r, not text" % (where, text, cell.data_type))
            elif cell.number_format != "@":
                fail("%s: text cell formatted %r, not as text" % (where, cell.number_format))
            w = display_width(text)
            widest[c] = max(widest.get(c, 0), w)
            if w > WRAP_WIDTH and not cell.alignment.wrap_text:
                fail("%s: a text of %d columns does not wrap" % (where, w))
    for c, w in widest.items():
        letter = get_column_letter(c + 1)
        width = ws.column_dimensions[letter].width
        if width < min(w, WRAP_WIDTH):
            fail("%s column %s is %.1f wide for a text of %d columns" % (ws.title, letter, width, w))
    check_layout(ws, len(table))


main()
