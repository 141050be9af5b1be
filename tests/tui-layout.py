#!/usr/bin/env python3
"""tui-layout.py LANG LOCALEDIR TAB FINDINGS < screen: checks one Reports tab.

Reads a screen captured from the planner (tmux capture-pane) showing the
Reports tab number TAB (0 firewall ... 6 summary, 7 warnings) and fails
- when the tab bar does not show that tab, or hides tabs without an arrow
  saying so;
- on a table tab: when a column header is cut ("…") or empty, or when a
  cell is cut under a header whose column is never cut (ports, transport,
  VIP, DNS names, types and SRV fields, summary addresses);
- on the Warnings tab: when a finding's line is neither the whole message
  nor a beginning of it ending with "…".  FINDINGS is the output of
  `ucplan check --lang LANG PLAN`, which has the same messages.
The words are read from the language's catalog, so that the check follows
the translations instead of repeating them."""
import gettext
import sys

lang, localedir, tab, findings_path = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
if lang == "en":
    tr = gettext.NullTranslations()
else:
    tr = gettext.translation("ucplan", localedir, languages=[lang])
ELLIPSIS, BAR, LEFT, RIGHT = "\u2026", "\u2502", "\u2039", "\u203a"

lines = sys.stdin.read().split("\n")
while len(lines) < 5:
    lines.append("")


def fail(message):
    print(message)
    sys.exit(1)


# The tab bar (second line): the tab's full or short name, and an arrow
# wherever tabs are left out.
TABS = ["Firewall", "Load balancers", "IPsec", "Programs", "DNS", "Certificates",
        "Summary", "Warnings"]
SHORT = {1: "LB", 3: "Programs", 5: "Certs", 7: "Warnings"}


def names(k):
    found = {tr.gettext(TABS[k])}
    if k in SHORT:
        found.add(tr.pgettext("tab", SHORT[k]))
    return found


# "Firewall (238)": the name and what comes before the count
COUNTED = tr.gettext("%s (%zu)").split("%zu")[0]


def shown(k):
    return any(COUNTED.replace("%s", name) in lines[1] for name in names(k))


if not shown(tab):
    fail("tab %d (%s) is not in the tab bar: %r" % (tab, "/".join(names(tab)), lines[1]))
hidden = [k for k in range(len(TABS)) if not shown(k)]
if hidden and LEFT not in lines[1] and RIGHT not in lines[1]:
    fail("tabs %s are left out of the tab bar without an arrow: %r" % (hidden, lines[1]))

if tab == 7:
    kinds = [tr.gettext("warning"), tr.gettext("error")]
    messages = []
    for line in open(findings_path, encoding="utf-8"):
        line = line.rstrip("\n")
        for kind in kinds:
            mark = ": %s: " % kind
            if mark in line:
                messages.append(line.split(mark, 1)[1])
                break
    if not messages:
        fail("no findings in %s" % findings_path)
    seen = 0
    for line in lines[3:]:
        text = line.strip()
        if not text.startswith(("\u26a0 ", "\u2716 ")):
            continue
        text = text[2:]
        seen += 1
        if text in messages:
            continue
        if text.endswith(ELLIPSIS) and any(m.startswith(text[:-1]) for m in messages):
            continue
        fail("a finding cut without %s, or unknown: %r" % (ELLIPSIS, line))
    if seen == 0:
        fail("no findings on the Warnings tab")
    print("ok %s warnings: %d findings" % (lang, seen))
    sys.exit(0)

whole = set()
for msgid in ("Transport", "Source port", "Destination port", "Port", "Virtual IP", "Type",
              "Priority", "Weight", "TTL", "Address", "Public address (NAT)"):
    whole.add(tr.gettext(msgid))
for msgid in ("Proto", "Src port", "Dst port", "VIP"):
    whole.add(tr.pgettext("column", msgid))
if tab == 4:
    whole.add(tr.gettext("Name"))  # a DNS record's name is never cut

# the header is the line whose cells are separated by the vertical line
# right under the filter line: the fourth line of the screen
header = lines[3]
if BAR not in header:
    fail("no table header on the fourth line: %r" % header)
body = header[1:]
if body.endswith(RIGHT):
    body = body[:-1]
heads = [h.strip() for h in body.split(BAR)]
bad = [h for h in heads if ELLIPSIS in h or not h]
if bad:
    fail("cut headers: %r in %r" % (bad, header))
cols = [i for i, h in enumerate(heads) if h in whole]
rows = 0
for line in lines[4:]:
    cells = line[1:].split(BAR)
    if len(cells) != len(heads):
        continue
    rows += 1
    for i in cols:
        if ELLIPSIS in cells[i]:
            fail("cut %s cell %r in %r" % (heads[i], cells[i], line))
if rows == 0:
    fail("no rows under %r" % header)
print("ok %s: %s" % (lang, " | ".join(heads)))
