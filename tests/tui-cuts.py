#!/usr/bin/env python3
"""tui-cuts.py LANG LOCALEDIR < screen: the export dialog's table names.

Reads a screen captured from the planner (tmux capture-pane) with the
export dialog open and fails when a table's name next to its checkbox is
neither whole nor cut with "…" (a name cut short without one reads as
another word: "Reglas de programa del F").  The names, in LANG, come from
the language's catalog."""
import gettext
import re
import sys

lang, localedir = sys.argv[1], sys.argv[2]
tr = gettext.NullTranslations() if lang == "en" else \
    gettext.translation("ucplan", localedir, languages=[lang])
ELLIPSIS = "\u2026"
names = [tr.gettext(m) for m in ("Firewall", "Load balancers", "IPsec",
                                 "Windows Firewall program rules", "DNS records",
                                 "Certificates", "Summary")]
screen = sys.stdin.read()
# a checkbox, then its label up to two spaces, the next checkbox, the
# box's side or the end
labels = re.findall(r"\[[x ]\] (.+?)(?=  | \[[x ]\] |\u2502|$)", screen, re.M)
if len(labels) != len(names):
    print("%d checkboxes on screen, wanted %d: %r" % (len(labels), len(names), labels))
    sys.exit(1)
for label in labels:
    label = label.rstrip()
    if label in names:
        continue
    if label.endswith(ELLIPSIS) and any(n.startswith(label[:-1]) for n in names):
        continue
    print("a table name cut without %s: %r (names: %r)" % (ELLIPSIS, label, names))
    sys.exit(1)
print("ok %s: %s" % (lang, " | ".join(labels)))
