#!/usr/bin/env bash
# Checks the probe agent's RPM on this machine: unpacks it (rpm2cpio; it cannot be installed on
# Debian), runs its scripts' setup step with the package's own runtime, starts the agent from that
# runtime on a fixture tree and asks it over HTTPS with the token. Prints the runtime's size.
# Usage: installer/agent/test/agent-rpm.sh [target/agent/mw-probe-agent-*.rpm]
# Exit 0 pass, 1 fail, 77 skipped (said loudly).
set -uo pipefail
cd "$(dirname "$0")/../../.."
RPM=${1:-$(ls target/agent/mw-probe-agent-*.x86_64.rpm 2>/dev/null | head -n 1)}
skip() { echo "SKIPPED: agent RPM check — $1"; exit 77; }
fail() { echo "FAIL: $1" >&2; exit 1; }
[ -n "$RPM" ] && [ -f "$RPM" ] || skip "no RPM (./mvnw -Pagent-rpm package -DskipTests)"
for tool in rpm2cpio cpio curl; do command -v $tool >/dev/null || skip "$tool not found"; done
RPM=$(readlink -f "$RPM")

ROOT=$(mktemp -d "${TMPDIR:-/tmp}/mw-agent-rpm.XXXXXX")
AGENT_PID=
cleanup() { [ -n "$AGENT_PID" ] && kill "$AGENT_PID" 2>/dev/null; rm -rf "$ROOT"; }
trap cleanup EXIT
(cd "$ROOT" && rpm2cpio "$RPM" | cpio -idm --quiet) || fail "cannot unpack $RPM"

RT=$ROOT/usr/lib/mw-probe-agent/runtime
for f in usr/bin/mw-probe-agent usr/lib/systemd/system/mw-probe-agent.service "${RT#$ROOT/}/bin/java" "${RT#$ROOT/}/bin/keytool"; do
  [ -e "$ROOT/$f" ] || fail "/$f is not in the package"
done
modules=$("$RT/bin/java" --list-modules | sed 's/@.*//' | tr '\n' ' ')
echo "runtime: $(du -sh "$RT" | cut -f1) installed, modules: $modules"
echo "$modules" | grep -q 'javafx\|java.desktop' && fail "the agent runtime carries desktop modules"
grep -q '^ExecStart=/usr/lib/mw-probe-agent/runtime/bin/java' "$ROOT/usr/lib/systemd/system/mw-probe-agent.service" \
  || fail "the unit does not start the package's runtime"

echo "== what the RPM requires from the system (dnf must find all of it on RHEL 9)"
if command -v rpm >/dev/null; then
  reqs=$(rpm -qpR "$RPM" 2>/dev/null)
  for lib in $(find "$RT/lib" -name '*.so' -printf '%f\n'); do
    ! grep -q "^$lib" <<<"$reqs" || fail "the RPM requires $lib from the system, but carries it in its runtime (dnf: nothing provides $lib)"
  done
  echo "   $(grep -vE '^(rpmlib|rtld|/bin/sh)' <<<"$reqs" | sed 's/(.*//' | sort -u | paste -sd' ' -)"
else
  echo "   not checked: rpm not found"
fi

java() { "$RT/bin/java" -Xss256k -Xmx32m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 \
           -Dmw.log.dir="$ROOT/log" -cp "$ROOT/usr/lib/mw-probe-agent/lib/*" dev.migrationworkbench.Launcher agent "$@"; }

echo "== --setup (what %post runs as mw-probe)"
java --setup --token-file "$ROOT/etc/mw-probe/token" --state-dir "$ROOT/var/lib/mw-probe" --host-name compute-0 \
  || fail "--setup failed"
[ "$(stat -c %a "$ROOT/etc/mw-probe/token")" = 400 ] || fail "the token is not mode 0400"
[ -f "$ROOT/var/lib/mw-probe/agent-keystore.p12" ] || fail "no certificate after --setup"
java --setup --token-file "$ROOT/etc/mw-probe/token" --state-dir "$ROOT/var/lib/mw-probe" --host-name compute-0 \
  | grep -q '^token ' || fail "a second --setup did not keep the token"

echo "== the agent from the package's runtime, on a fixture host"
java --port 0 --bind 127.0.0.1 --token-file "$ROOT/etc/mw-probe/token" --state-dir "$ROOT/var/lib/mw-probe" \
     --root src/test/resources/probe/fixtures/two-node >"$ROOT/agent.log" 2>&1 &
AGENT_PID=$!
port=
for _ in $(seq 1 60); do
  port=$(sed -n 's#.*listening on https://127.0.0.1:\([0-9]*\).*#\1#p' "$ROOT/agent.log")
  [ -n "$port" ] && break
  kill -0 $AGENT_PID 2>/dev/null || { cat "$ROOT/agent.log"; fail "the agent exited"; }
  sleep 1
done
[ -n "$port" ] || { cat "$ROOT/agent.log"; fail "the agent did not start within 60 s"; }
sed 's/^/   /' "$ROOT/agent.log"
token=$(cat "$ROOT/etc/mw-probe/token")
health=$(curl -sk -H "Authorization: Bearer $token" "https://127.0.0.1:$port/v1/health")
echo "   /v1/health: $health"
echo "$health" | grep -q '"status":"ok"' || fail "/v1/health did not answer ok"
curl -sk -H "Authorization: Bearer $token" "https://127.0.0.1:$port/v1/host" | grep -q '"numaNodes"' || fail "/v1/host has no NUMA nodes"
[ "$(curl -sk -o /dev/null -w '%{http_code}' "https://127.0.0.1:$port/v1/host")" = 401 ] || fail "no token was accepted"
echo "PASS: the agent RPM's runtime sets up, starts and answers ($(du -h "$RPM" | cut -f1) package)"
