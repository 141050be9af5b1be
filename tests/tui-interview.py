#!/usr/bin/env python3
"""tui-interview.py < screen: checks an interview page as drawn at 80 columns.

Fails when a choice or a number is cut without its closing arrow (cut text
ends in "…" inside the arrows), when a field label runs into its value
without a space, or when the help of the focused field (between the last
rule and the buttons) is cut: its last line must end a sentence."""
import sys

lines = sys.stdin.read().rstrip("\n").split("\n")
for line in lines:
    if "\u2039" in line and "\u203a" not in line:
        print("a choice cut without its arrow: %r" % line)
        sys.exit(1)
rules = [i for i, l in enumerate(lines) if l.startswith("\u2500" * 20)]
buttons = [i for i, l in enumerate(lines) if "[ " in l and " ]" in l and l.strip().startswith("[")]
if len(rules) >= 2 and buttons and buttons[-1] > rules[-1]:
    help_lines = [l.strip() for l in lines[rules[-1] + 1:buttons[-1]] if l.strip()]
    if help_lines and not help_lines[-1].endswith((".", ")", "\u3002", "\uff09", ":", "\u00bb")):
        print("the field help is cut: %r" % help_lines[-1])
        sys.exit(1)
print("ok")
