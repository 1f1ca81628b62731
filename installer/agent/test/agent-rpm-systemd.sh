#!/usr/bin/env bash
# The probe agent's RPM installed by rpm itself (its %pre/%post scriptlets: the mw-probe user, the
# token, the certificate) into a Debian 12 root with systemd, which is then booted with
# systemd-nspawn: the hardened unit runs the agent from the package's runtime under real systemd,
# and the agent must answer on this machine's real /sys. Then `rpm -e` (%preun/%postun).
# No RHEL 9 root: its packages are not reachable from the project's machine; rpm and the scriptlets
# are the package's own, the shell tools they call (getent, useradd, runuser) are Debian's.
# Usage: installer/agent/test/agent-rpm-systemd.sh [target/agent/mw-probe-agent-*.rpm]
# Needs root, rpm, debootstrap, systemd-nspawn (apt-get install systemd-container) and
# deb.debian.org. MW_SYSTEMD_TARBALL=<file> unpacks a debootstrap --make-tarball instead of
# downloading. Exit 0 pass, 1 fail, 77 skipped (said loudly).
set -uo pipefail
cd "$(dirname "$0")/../../.."
RPM=${1:-$(ls target/agent/mw-probe-agent-*.x86_64.rpm 2>/dev/null | head -n 1)}
MIRROR=${MW_DEBIAN_MIRROR:-http://deb.debian.org/debian}
PORT=${MW_AGENT_TEST_PORT:-18443}
skip() {
  echo "=================================================================="
  echo "SKIPPED: agent RPM under systemd — $1"
  echo "=================================================================="
  exit 77
}
fail() { echo "FAIL: $1" >&2; exit 1; }
[ -n "$RPM" ] && [ -f "$RPM" ] || skip "no RPM (./mvnw -Pagent-rpm package -DskipTests)"
[ "$(id -u)" = 0 ] || skip "needs root (rpm --root, systemd-nspawn)"
for tool in rpm debootstrap systemd-nspawn nsenter curl python3; do
  command -v $tool >/dev/null || skip "$tool not found (apt-get install rpm debootstrap systemd-container util-linux curl)"
done
ss -ltn | grep -q ":$PORT " && skip "port $PORT is in use (MW_AGENT_TEST_PORT=<free port>)"

ROOT=$(mktemp -d "${TMPDIR:-/tmp}/mw-agent-systemd.XXXXXX")
NSPAWN=
cleanup() {
  [ -n "$NSPAWN" ] && kill "$NSPAWN" 2>/dev/null && wait "$NSPAWN" 2>/dev/null
  umount -l "$ROOT/proc" 2>/dev/null
  rm -rf --one-file-system "$ROOT"
}
trap cleanup EXIT
RPM=$(readlink -f "$RPM")

echo "== Debian 12 with systemd in $ROOT"
pkgs=systemd,systemd-sysv,dbus,procps
if [ -n "${MW_SYSTEMD_TARBALL:-}" ]; then
  debootstrap --variant=minbase --include=$pkgs --unpack-tarball="$(readlink -f "$MW_SYSTEMD_TARBALL")" bookworm "$ROOT" \
    >"$ROOT.log" 2>&1 || skip "debootstrap from $MW_SYSTEMD_TARBALL failed: $(tail -n 1 "$ROOT.log")"
else
  debootstrap --variant=minbase --include=$pkgs bookworm "$ROOT" "$MIRROR" >"$ROOT.log" 2>&1 \
    || skip "debootstrap failed (network?): $(tail -n 1 "$ROOT.log")"
fi
rm -f "$ROOT.log"
chmod 755 "$ROOT"   # mktemp made it 0700: mw-probe could not reach anything in the root
echo mw-agent-test >"$ROOT/etc/hostname"

echo "== rpm -i (the package's scriptlets run in the root)"
mount -t proc proc "$ROOT/proc" || skip "cannot mount /proc into the root"
rpm --root "$ROOT" --initdb || fail "rpm --initdb failed"
# --nodeps: the root's packages are Debian's, unknown to its empty RPM database
out=$(rpm --root "$ROOT" -i --nodeps "$RPM" 2>&1) || { echo "$out"; fail "rpm -i failed"; }
echo "$out" | sed 's/^/   /'
umount "$ROOT/proc"
uid=$(chroot "$ROOT" id -u mw-probe 2>/dev/null) || fail "%pre made no mw-probe user"
chroot "$ROOT" getent passwd mw-probe | grep -q ':/var/lib/mw-probe:/sbin/nologin$' || fail "mw-probe has a login shell or another home"
[ "$(chroot "$ROOT" stat -c '%a %U' /etc/mw-probe/token)" = "400 mw-probe" ] || fail "the token is not 0400 mw-probe"
grep -qE '^[0-9a-f]{64}$' "$ROOT/etc/mw-probe/token" || fail "the token is not 64 hex characters"
[ "$(chroot "$ROOT" stat -c '%U' /var/lib/mw-probe/agent-keystore.p12)" = mw-probe ] || fail "no certificate of mw-probe after %post"
for d in etc/mw-probe var/lib/mw-probe var/log/mw-probe; do
  [ "$(chroot "$ROOT" stat -c '%a %U' "/$d")" = "700 mw-probe" ] || fail "/$d is not 0700 mw-probe"
done
echo "   user mw-probe ($uid), token 0400, certificate, folders 0700: made by the scriptlets"

echo "== boot it (systemd-nspawn) and start the unit"
mkdir -p "$ROOT/etc/systemd/system/mw-probe-agent.service.d"
# the documented way to add options (docs/PROBE-AGENT.md): here another port, the host's 8443 may be taken
printf '[Service]\nEnvironment=MW_PROBE_ARGS="--port %s"\n' "$PORT" >"$ROOT/etc/systemd/system/mw-probe-agent.service.d/port.conf"
systemd-nspawn -q -D "$ROOT" --register=no --keep-unit --console=pipe -b </dev/null >"$ROOT.boot.log" 2>&1 &
NSPAWN=$!
leader=
for _ in $(seq 1 60); do
  leader=$(pgrep -P "$NSPAWN" 2>/dev/null | head -n 1)
  [ -n "$leader" ] && nsenter -t "$leader" -a systemctl is-system-running 2>/dev/null | grep -qE 'running|degraded' && break
  kill -0 "$NSPAWN" 2>/dev/null || { cat "$ROOT.boot.log"; rm -f "$ROOT.boot.log"; skip "systemd-nspawn could not boot the root here"; }
  sleep 1
done
rm -f "$ROOT.boot.log"
[ -n "$leader" ] || skip "the root did not boot within 60 s"
in_box() { nsenter -t "$leader" -a "$@"; }
in_box systemctl enable --now mw-probe-agent.service || fail "systemctl enable --now failed"
for _ in $(seq 1 60); do
  curl -sk -o /dev/null "https://127.0.0.1:$PORT/" && break
  in_box systemctl is-failed -q mw-probe-agent.service && break
  sleep 1
done
in_box systemctl status --no-pager -n 8 mw-probe-agent.service | sed 's/^/   /'
in_box systemctl is-active -q mw-probe-agent.service || fail "the unit is not active"
user=$(in_box ps -o user= -C java | head -n 1)
[ "$user" = mw-probe ] || fail "the agent runs as '$user', not mw-probe"

echo "== the agent answers on this machine's /sys"
token=$(cat "$ROOT/etc/mw-probe/token")
health=$(curl -sk -H "Authorization: Bearer $token" "https://127.0.0.1:$PORT/v1/health")
echo "   /v1/health: $health"
echo "$health" | grep -q '"status":"ok"' || fail "/v1/health did not answer ok"
host=$(curl -sk -H "Authorization: Bearer $token" "https://127.0.0.1:$PORT/v1/host")
echo "$host" | installer/agent/test/matches-sys.py || fail "/v1/host does not describe this machine's /sys"
[ "$(curl -sk -o /dev/null -w '%{http_code}' "https://127.0.0.1:$PORT/v1/host")" = 401 ] || fail "a request without the token was answered"
in_box journalctl -u mw-probe-agent --no-pager | grep -q 'fingerprint' || fail "the journal does not show the certificate's fingerprint"
echo "   exposure: $(in_box systemd-analyze security mw-probe-agent.service 2>/dev/null | tail -n 1)"

echo "== rpm -e"
in_box systemctl poweroff >/dev/null 2>&1
for _ in $(seq 1 60); do kill -0 "$NSPAWN" 2>/dev/null || break; sleep 1; done
kill -9 "$NSPAWN" 2>/dev/null; wait "$NSPAWN" 2>/dev/null; NSPAWN=
out=$(rpm --root "$ROOT" -e mw-probe-agent 2>&1) || { echo "$out"; fail "rpm -e failed"; }
for f in /usr/lib/mw-probe-agent /usr/bin/mw-probe-agent /usr/lib/systemd/system/mw-probe-agent.service; do
  [ ! -e "$ROOT$f" ] || fail "$f is left after rpm -e"
done
echo "PASS: rpm installs the agent (user, token, certificate), its hardened unit runs it under systemd, it answers on this machine, rpm -e removes it"
