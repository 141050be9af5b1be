#!/bin/sh
# The generated scripts, checked by the tools that will run them:
#  - every nftables ruleset of tests/golden/ passes `nft -c -f` inside a
#    private network namespace (the check talks to the kernel);
#  - every shell probe passes `sh -n` and shellcheck, and one is run against
#    listeners on loopback addresses: the open port must pass, the closed
#    one fail, with each way the probe knows to connect;
#  - every PowerShell script calls only documented cmdlets and parameter
#    sets (tests/pscheck.py, tests/scripts/netsecurity.txt: PowerShell
#    itself is not available here);
#  - plan names and site names full of quotes, backticks, $(...) and
#    Unicode quotes stay inside their strings and comments in every format.
# The golden files themselves are compared with the output by golden.sh.
set -u
BIN=${UCPLAN_BIN:-build/ucplan}
DATA=${UCPLAN_DATADIR:-data}
G=tests/golden
T=$(mktemp -d /tmp/ucplan-scripts.XXXXXX)
trap '[ -n "${KEEP:-}" ] || rm -rf "$T"' EXIT
export LANGUAGE= LANG=C.UTF-8 LC_ALL=C.UTF-8
pass=0
fail=0
ok() { pass=$((pass + 1)); }
bad() { echo "FAIL: $*"; fail=$((fail + 1)); }

NFT=$(command -v nft || { [ -x /usr/sbin/nft ] && echo /usr/sbin/nft; })
# A private network namespace: as root, or as a user through a user namespace.
NETNS=
if unshare -n true 2>/dev/null; then
	NETNS="unshare -n"
elif unshare -rn true 2>/dev/null; then
	NETNS="unshare -rn"
fi

# ---- nftables ----------------------------------------------------------------
if [ -z "$NFT" ]; then
	bad "nft is not installed (Debian: nftables; sh scripts/deps.sh installs it)"
elif [ -z "$NETNS" ]; then
	echo "SKIP: nft -c: this system does not permit a private network namespace (unshare -n)"
else
	n=0
	for f in "$G"/*.nft; do
		n=$((n + 1))
		if $NETNS "$NFT" -c -f "$f" >"$T/nft.err" 2>&1; then ok; else
			bad "nft -c -f $f"; sed 's/^/  | /' "$T/nft.err" | head -10
		fi
	done
	[ "$n" -gt 0 ] || bad "no nftables ruleset in $G"
	# the check must be able to fail: a set with a name in it
	sed '0,/elements = {/s/elements = { /elements = { not-an-address, /' "$G/example-two-sites.nft" >"$T/broken.nft"
	if $NETNS "$NFT" -c -f "$T/broken.nft" >/dev/null 2>&1; then
		bad "nft -c accepted a ruleset with a bad address"
	else ok; fi
fi

# ---- shell probes: syntax and shellcheck --------------------------------------
n=0
for f in "$G"/*.probe.sh; do
	n=$((n + 1))
	if sh -n "$f" 2>"$T/err"; then ok; else bad "sh -n $f"; sed 's/^/  | /' "$T/err"; fi
	if command -v shellcheck >/dev/null 2>&1; then
		if shellcheck -s sh "$f" >"$T/err" 2>&1; then ok; else
			bad "shellcheck $f"; head -20 "$T/err" | sed 's/^/  | /'
		fi
	fi
done
[ "$n" -gt 0 ] || bad "no shell probe in $G"
command -v shellcheck >/dev/null 2>&1 || bad "shellcheck is not installed (sh scripts/deps.sh installs it)"

# ---- the shell probe against listeners on 127.0.0.3 ---------------------------
# se01 (127.0.0.2) reaches the gateway gw01 (127.0.0.3) on 5081 and 5082:
# 5081 listens, 5082 does not.
"$BIN" report tests/scripts/probe-plan.xml --lang en -f probe-sh -o "$T/probe.sh" 2>"$T/err" ||
	bad "probe-sh for tests/scripts/probe-plan.xml: $(cat "$T/err")"
cat >"$T/listen.py" <<'EOF'
import socket, sys, time
s = socket.socket()
s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.bind(("127.0.0.3", 5081))
s.listen(16)
s.settimeout(1)
open(sys.argv[1], "w").close()
end = time.time() + 60
while time.time() < end:
    try:
        c, _ = s.accept()
        c.close()
    except OSError:
        pass
EOF
cat >"$T/run-probe.sh" <<'EOF'
# in the namespace: loopback up, the listener, then the probe with each method
T=$1
if command -v ip >/dev/null 2>&1; then ip link set lo up 2>/dev/null; fi
python3 "$T/listen.py" "$T/ready" &
listener=$!
i=0
while [ ! -e "$T/ready" ] && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
for m in bash python3 nc; do
	case $m in
	bash) command -v bash >/dev/null 2>&1 && command -v timeout >/dev/null 2>&1 || continue ;;
	*) command -v $m >/dev/null 2>&1 || continue ;;
	esac
	(cd "$T" && sh probe.sh -n se01.probe.test -t 3 -m $m -o "probe-$m.csv" >"probe-$m.out" 2>&1)
	echo $? >"$T/probe-$m.status"
done
kill $listener 2>/dev/null
wait $listener 2>/dev/null
EOF
if [ -n "$NETNS" ] && $NETNS sh -c 'command -v ip >/dev/null && ip link set lo up' 2>/dev/null; then
	$NETNS sh "$T/run-probe.sh" "$T"
else
	echo "note: the probe runs on this host's loopback (no private network namespace)"
	sh "$T/run-probe.sh" "$T"
fi
n=0
for m in bash python3 nc; do
	[ -f "$T/probe-$m.status" ] || continue
	n=$((n + 1))
	csv="$T/probe-$m.csv"
	[ "$(cat "$T/probe-$m.status")" = 1 ] && ok || bad "probe ($m): exit status $(cat "$T/probe-$m.status"), expected 1 (a path closed)"
	grep -q '^"pass","fe-med-5081","gw01.probe.test","127.0.0.3","5081","TCP"' "$csv" && ok ||
		{ bad "probe ($m): the open port 5081 did not pass"; sed 's/^/  | /' "$T/probe-$m.out"; }
	grep -q '^"fail","fe-med-5082","gw01.probe.test","127.0.0.3","5082","TCP"' "$csv" && ok ||
		{ bad "probe ($m): the closed port 5082 did not fail"; sed 's/^/  | /' "$T/probe-$m.out"; }
	# only the paths that start at se01: none from the gateway
	grep -q 'fe-med-5067' "$csv" && bad "probe ($m): ran a path whose source is another host" || ok
	grep -q 'Paths: 1 open' "$T/probe-$m.out" && ok || bad "probe ($m): no summary line"
done
[ "$n" -ge 2 ] || bad "the probe ran with $n ways to connect; expected at least bash and python3"
# a host the plan does not name: exit status 2 and a message
(cd "$T" && sh probe.sh -n stranger.probe.test -o none.csv >"$T/none.out" 2>&1)
[ $? -eq 2 ] && grep -q 'No path of the plan starts at this host' "$T/none.out" && ok ||
	bad "probe on a host the plan does not know: $(cat "$T/none.out")"

# ---- PowerShell: cmdlets and parameter sets ------------------------------------
if python3 tests/pscheck.py params tests/scripts/netsecurity.txt "$G"/*.ps1 >"$T/ps.out" 2>&1; then ok; else
	bad "PowerShell scripts call undocumented cmdlets or parameters"; sed 's/^/  | /' "$T/ps.out" | head -20
fi
# the check must be able to fail: a parameter that Set-NetFirewallRule lacks
sed 's/-NewDisplayName/-NewName/' "$G/example-two-sites.ps1" >"$T/wrong.ps1"
python3 tests/pscheck.py params tests/scripts/netsecurity.txt "$T/wrong.ps1" >/dev/null 2>&1 &&
	bad "pscheck accepted -NewName on Set-NetFirewallRule" || ok

# ---- hostile names ------------------------------------------------------------
# Twin plans from the two-site example: benign names, and names made to break
# out of PowerShell and shell quoting.  Same code in both outputs, and the
# hostile values whole inside strings.
python3 - "$DATA/examples/two-sites.xml" "$T" <<'EOF'
import re, sys
from xml.sax.saxutils import quoteattr
src = open(sys.argv[1], encoding="utf-8").read()
names = {
    "benign": ["Plan A", "Site A", "Site B"],
    "hostile": [
        "x' + $(New-Item -Path pwned) + '\u2018; Remove-Item C:\\ \u2019 \u201c$(whoami)\u201d `$env:PATH #> <# ; exit",
        "Site\u2019; throw 'boom'; \u2018`$(touch pwned)` \"q\" $x",
        "\u5317\u4eac '' \u201b\u201a @(1) { } # \u201e `n `' $(touch pwned)",
    ],
}
for kind, (plan, s1, s2) in names.items():
    out = re.sub(r'(<plan\b[^>]*?\bname=)"[^"]*"', lambda m: m.group(1) + quoteattr(plan), src, count=1)
    sites = iter([s1, s2])
    out = re.sub(r'(<site\b[^>]*?\bname=)"[^"]*"', lambda m: m.group(1) + quoteattr(next(sites)), out)
    open("%s/%s.xml" % (sys.argv[2], kind), "w", encoding="utf-8").write(out)
    for i, v in enumerate((plan, s1, s2)):
        open("%s/%s.value%d" % (sys.argv[2], kind, i), "w", encoding="utf-8").write(v)
EOF
for kind in benign hostile; do
	for fmt in ps1 probe-ps1 probe-sh nft; do
		"$BIN" report "$T/$kind.xml" --lang en -f $fmt -o "$T/$kind.$fmt" 2>"$T/err" ||
			bad "$fmt for the $kind plan: $(cat "$T/err")"
	done
done
v0=$(cat "$T/hostile.value0")
v1=$(cat "$T/hostile.value1")
v2=$(cat "$T/hostile.value2")
python3 tests/pscheck.py same "$T/benign.ps1" "$T/hostile.ps1" "$v0" "$v1" "$v2" && ok ||
	bad "hostile names changed the code of the PowerShell script"
python3 tests/pscheck.py same "$T/benign.probe-ps1" "$T/hostile.probe-ps1" && ok ||
	bad "hostile names changed the code of the PowerShell probe"
python3 tests/pscheck.py params tests/scripts/netsecurity.txt "$T/hostile.ps1" "$T/hostile.probe-ps1" >/dev/null &&
	ok || bad "the hostile PowerShell scripts do not pass pscheck"
# the shell probe and the ruleset: the same lines but for comments, valid,
# and nothing from the names is run
[ "$(grep -vc '^#' "$T/benign.probe-sh")" = "$(grep -vc '^#' "$T/hostile.probe-sh")" ] &&
	cmp -s "$(grep -v '^#' "$T/benign.probe-sh" >"$T/b1"; echo "$T/b1")" \
		"$(grep -v '^#' "$T/hostile.probe-sh" >"$T/h1"; echo "$T/h1")" && ok ||
	bad "hostile names changed the code of the shell probe"
sh -n "$T/hostile.probe-sh" && ok || bad "the hostile shell probe does not parse"
(cd "$T" && sh hostile.probe-sh -n nobody -o h.csv >/dev/null 2>&1)
[ ! -e "$T/pwned" ] && ok || bad "running the hostile shell probe ran a command from a name"
if [ -n "$NFT" ] && [ -n "$NETNS" ]; then
	$NETNS "$NFT" -c -f "$T/hostile.nft" >"$T/err" 2>&1 && ok ||
		{ bad "nft -c refused the ruleset of the hostile plan"; sed 's/^/  | /' "$T/err" | head; }
fi

echo "scripts: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
