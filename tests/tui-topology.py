#!/usr/bin/env python3
"""tui-topology.py: checks screens of the planner's Topology view.

  tui-topology.py picture utf8|ascii COLUMNS < screen
      prints the rows of the picture (between the line above it and the
      line under it that names the highlighted flow) and fails when a box is
      broken on a row (a corner without its partner: the picture is wider
      than the screen or was cut), when a row is wider than the screen, or,
      for ascii, when a row holds anything but ASCII.
  tui-topology.py rows CSV SITE RULE... < screen
      fails unless the Reports screen shows exactly the rows of the firewall
      table (CSV, machine header) whose rule is one of RULE and whose site is
      SITE or none: their count in the tab and the position, and a rule of
      that set on every row on screen."""
import csv
import re
import sys
import unicodedata


def width(s):
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in s)


def picture(mode, cols):
    lines = sys.stdin.read().split("\n")
    while lines and lines[-1] == "":
        lines.pop()
    # title, the line above the picture ... the flow, message, status
    if len(lines) < 8:
        print("screen too short: %d lines" % len(lines))
        return 1
    rows = lines[2:-3]
    pairs = [("\u250c", "\u2510"), ("\u2514", "\u2518"), ("\u251c", "\u2524"),
             ("\u2554", "\u2557"), ("\u255a", "\u255d")]
    for row in rows:
        if width(row) > cols:
            print("row wider than the screen: %r" % row)
            return 1
        if mode == "ascii":
            if any(ord(c) > 127 for c in row):
                print("not ASCII: %r" % row)
                return 1
        else:
            # the margins (first and last columns) hold the scroll marks
            inner = row[1:-1] if width(row) == cols else row[1:]
            for a, b in pairs:
                if inner.count(a) != inner.count(b):
                    print("broken box (%s %s) on row %r" % (a, b, row))
                    return 1
        print(row)
    return 0


def rows(path, site, rules):
    with open(path, newline="", encoding="utf-8") as f:
        table = list(csv.DictReader(f))
    want = [r for r in table if r["rule"] in rules and r["site"] in (site, "")]
    screen = sys.stdin.read().split("\n")
    while screen and screen[-1] == "":
        screen.pop()
    # the first tab is the firewall table's, with its count of rows
    first = re.search(r"\((\d+)\)", screen[1])
    if not first or int(first.group(1)) != len(want):
        print("the tab does not count %d rows: %r" % (len(want), screen[1]))
        return 1
    if ("of %d" % len(want)) not in screen[2]:
        print("the position is not of %d rows: %r" % (len(want), screen[2]))
        return 1
    shown = 0
    for line in screen[4:]:
        cells = line[1:].split("\u2502")
        if len(cells) < 3:
            continue
        rule = cells[0].strip()
        # a rule id cut with "…" still starts like one of the flow's
        stem = rule.rstrip("\u2026")
        if not any(r == rule or (rule.endswith("\u2026") and r.startswith(stem))
                   for r in rules):
            print("row of another rule: %r" % line)
            return 1
        shown += 1
    # title, tabs, filters, header; the search, message and status lines
    if shown != min(len(want), len(screen) - 7):
        print("%d rows on screen, %d expected" % (shown, len(want)))
        return 1
    print("# %d rows of %s" % (len(want), ", ".join(rules)))
    return 0


if __name__ == "__main__":
    if sys.argv[1] == "picture":
        sys.exit(picture(sys.argv[2], int(sys.argv[3])))
    if sys.argv[1] == "rows":
        sys.exit(rows(sys.argv[2], sys.argv[3], sys.argv[4:]))
    print("usage: tui-topology.py picture utf8|ascii COLUMNS | rows CSV SITE RULE...")
    sys.exit(2)
