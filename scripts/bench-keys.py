#!/usr/bin/env python3
"""The planner's cost per key, for `make bench`.

    bench-keys.py UCPLAN PLAN [IR_PER_MS]

Runs the real planner on PLAN in a private tmux server under callgrind with
--dump-before=wget_wch: the planner dumps its instruction count every time
it goes back to wait for a key, so each dump holds exactly the work of one
key (handling it and redrawing the screen).  Idle dumps (the 250 ms input
timeout) hold a few hundred instructions and are summed in, harmlessly.

KEEP=1 in the environment keeps the dumps (cg.out.N, one per key) for
callgrind_annotate.

Prints one line per key: its name, millions of instructions and, when
IR_PER_MS is given (instructions per millisecond of this machine, measured
by scripts/bench.sh), an estimate in milliseconds.  Instruction counts do
not vary from run to run, so they compare versions; the milliseconds are an
estimate, for the targets.
"""
import glob
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

# Work dumps are far above this; idle ones (a timeout) are about 500.
WORK_IR = 20000
TIMEOUT = 600  # seconds per key: callgrind is about 50 times slower


def dumps(prefix):
    """Instruction counts of the dumps written so far, in order."""
    found = []
    for path in glob.glob(prefix + ".*"):
        m = re.search(r"\.(\d+)$", path)
        if m:
            found.append((int(m.group(1)), path))
    counts = []
    for _, path in sorted(found):
        with open(path, encoding="utf-8", errors="replace") as f:
            total = None
            for line in f:
                if line.startswith("summary:") or line.startswith("totals:"):
                    total = int(line.split()[1])
            if total is None:  # still being written
                break
            counts.append(total)
    return counts


def main():
    if len(sys.argv) not in (3, 4):
        sys.exit(__doc__)
    binary, plan = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
    ir_per_ms = float(sys.argv[3]) if len(sys.argv) == 4 else 0.0
    tmp = tempfile.mkdtemp(prefix="ucplan-bench-keys.")
    sock = "ucplan-bench-%d" % os.getpid()
    prefix = os.path.join(tmp, "cg.out")
    os.makedirs(os.path.join(tmp, "state"))

    def tmux(*args):
        return subprocess.run(["tmux", "-L", sock, "-f", "/dev/null"] + list(args),
                              check=True, capture_output=True, text=True).stdout

    def wait_key(before, name):
        """Waits until the work of a key was dumped and the planner waits
        again; returns the instructions since `before` dumps."""
        deadline = time.time() + TIMEOUT
        while time.time() < deadline:
            counts = dumps(prefix)[before:]
            work = [i for i, c in enumerate(counts) if c >= WORK_IR]
            if work and len(counts) > work[-1] + 1:
                return sum(counts), len(dumps(prefix))
            time.sleep(0.05)
        sys.exit("bench-keys: %s: no answer within %d s" % (name, TIMEOUT))

    results = []

    def key(name, *keys, literal=False):
        before = len(dumps(prefix))
        tmux("send-keys", "-t", "b", *(["-l"] if literal else []), *keys)
        ir, _ = wait_key(before, name)
        results.append((name, ir))

    def sort_key():
        """o, named after the planner's own message ("Sorted by Source,
        ascending")."""
        key("o", "o", literal=True)
        m = re.search(r"Sorted by (.+?), (ascending|descending)", tmux("capture-pane", "-p", "-t", "b"))
        results[-1] = ("o: sort by %s, %s" % m.groups() if m else "o: sort", results[-1][1])

    env = ("env HOME=%s XDG_STATE_HOME=%s/state LC_ALL=C.UTF-8 LANGUAGE= TERM=screen"
           % (tmp, tmp))
    cmd = ("%s valgrind --tool=callgrind --dump-before=wget_wch --callgrind-out-file=%s "
           "%s %s 2>%s/valgrind.log" % (env, prefix, binary, plan, tmp))
    try:
        tmux("new-session", "-d", "-s", "b", "-x", "120", "-y", "40", cmd)
        ir, _ = wait_key(0, "first frame")
        results.append(("first frame (start, plan load, interview)", ir))
        key("PgDn in the interview", "NPage")
        key("F6: first Reports view", "F6")
        key("PgDn in the firewall table", "NPage")
        key("PgDn again", "NPage")
        # The search: a text no row holds, so every row is read.
        key("/ (search prompt)", "/", literal=True)
        key("search typing", "zzz-none", literal=True)
        key("Enter: search, no match (every row)", "Enter")
        key("/ (search prompt)", "/", literal=True)
        key("search typing", "site4999.", literal=True)
        key("Enter: search, match near the end", "Enter")
        # Sort by each column in turn (o sorts by the column under the sort
        # cursor, > moves it), then the last one again: descending.
        sort_key()
        for _ in range(9):
            key("> (next sort column)", ">", literal=True)
            sort_key()
            if results[-1][0].endswith("descending"):
                break  # the cursor is on the last column drawn
        else:
            sort_key()
        key("PgDn in the sorted table", "NPage")
        tmux("send-keys", "-t", "b", "F10")
    finally:
        subprocess.run(["tmux", "-L", sock, "kill-server"], capture_output=True)
        time.sleep(0.5)
        if os.environ.get("KEEP"):
            print("bench-keys: dumps kept in", tmp, file=sys.stderr)
        else:
            shutil.rmtree(tmp, ignore_errors=True)

    for name, ir in results:
        if name.startswith(("/ (", "search typing", "> (")):
            continue  # steps of a measured key, not the keys the targets speak of
        est = " %9.1f" % (ir / ir_per_ms) if ir_per_ms else ""
        print("%-44s %10.1f%s" % (name, ir / 1e6, est))


if __name__ == "__main__":
    main()
