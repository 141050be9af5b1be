#!/usr/bin/env python3
"""tui-layout.py LANG LOCALEDIR < screen: checks one report table on screen.

Reads a screen captured from the planner (tmux capture-pane) showing a
report table and fails when a column header is cut ("…") or when a cell
under a port or transport header is cut.  The headers of those columns, in
LANG, are read from the language's catalog, so that the check follows the
translations instead of repeating them."""
import gettext
import sys

lang, localedir = sys.argv[1], sys.argv[2]
if lang == "en":
    tr = gettext.NullTranslations()
else:
    tr = gettext.translation("ucplan", localedir, languages=[lang])
whole = set()
for msgid in ("Transport", "Source port", "Destination port", "Port", "Virtual IP"):
    whole.add(tr.gettext(msgid))
for msgid in ("Proto", "Src port", "Dst port", "VIP"):
    whole.add(tr.pgettext("column", msgid))

lines = sys.stdin.read().split("\n")
# the header is the line whose cells are separated by the vertical line
# right under the filter line: the fourth line of the screen
header = lines[3]
if "\u2502" not in header:
    print("no table header on the fourth line: %r" % header)
    sys.exit(1)
body = header[1:]
if body.endswith("\u203a"):
    body = body[:-1]
heads = [h.strip() for h in body.split("\u2502")]
bad = [h for h in heads if "\u2026" in h or not h]
if bad:
    print("cut headers: %r in %r" % (bad, header))
    sys.exit(1)
cols = [i for i, h in enumerate(heads) if h in whole]
rows = 0
for line in lines[4:]:
    cells = line[1:].split("\u2502")
    if len(cells) != len(heads):
        continue
    rows += 1
    for i in cols:
        if "\u2026" in cells[i]:
            print("cut %s cell %r in %r" % (heads[i], cells[i], line))
            sys.exit(1)
if rows == 0:
    print("no rows under %r" % header)
    sys.exit(1)
print("ok %s: %s" % (lang, " | ".join(heads)))
