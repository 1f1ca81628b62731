#!/usr/bin/env bash
# Installs the workbench's .deb into a clean Debian 12 chroot (debootstrap; no container engine
# needed) and checks, in the chroot, what a new user does first:
#   migration-workbench --version
#   migration-workbench diagnose --demo migration-not-converging --server db-1
#   migration-workbench            (the window appears, under Xvfb)
#   apt-get remove                 (desktop entry and icon go away)
# Usage: installer/linux/test/deb-in-chroot.sh [path/to/migration-workbench_*.deb]
# Needs root, debootstrap and network access to deb.debian.org. Exit 0 pass, 1 fail,
# 77 skipped (printed loudly with the reason): CI must not fail for a missing environment.
# MW_DEBIAN_BASE=<dir> reuses an already debootstrapped tree (copied, never modified);
# MW_KEEP_CHROOT=1 keeps the chroot with the package installed (for bench/start-times.sh).
set -uo pipefail
cd "$(dirname "$0")/../../.."
DEB=${1:-$(ls target/installer/migration-workbench_*_amd64.deb 2>/dev/null | head -n 1)}
MIRROR=${MW_DEBIAN_MIRROR:-http://deb.debian.org/debian}

skip() {
  echo "=================================================================="
  echo "SKIPPED: .deb install test in a clean Debian chroot — $1"
  echo "=================================================================="
  exit 77
}
fail() { echo "FAIL: $1" >&2; exit 1; }

[ -n "$DEB" ] && [ -f "$DEB" ] || skip "no .deb (build it: ./mvnw -Pinstaller package -DskipTests -Djpackage.type=deb)"
[ "$(id -u)" = 0 ] || skip "needs root (chroot, mount)"
command -v debootstrap >/dev/null || skip "debootstrap is not installed (apt-get install -y debootstrap)"

ROOT=$(mktemp -d "${TMPDIR:-/tmp}/mw-deb-chroot.XXXXXX")
cleanup() {
  for m in dev/pts dev proc; do umount -l "$ROOT/$m" 2>/dev/null; done
  rm -rf --one-file-system "$ROOT"
}
trap cleanup EXIT

echo "== clean Debian 12 in $ROOT"
if [ -n "${MW_DEBIAN_BASE:-}" ]; then
  cp -a "$MW_DEBIAN_BASE/." "$ROOT/" || skip "cannot copy $MW_DEBIAN_BASE"
else
  debootstrap --variant=minbase bookworm "$ROOT" "$MIRROR" >"$ROOT.debootstrap.log" 2>&1 \
    || skip "debootstrap failed (network?): $(tail -n 1 "$ROOT.debootstrap.log")"
  rm -f "$ROOT.debootstrap.log"
fi
mount -t proc proc "$ROOT/proc" && mount --bind /dev "$ROOT/dev" && mount --bind /dev/pts "$ROOT/dev/pts" \
  || skip "cannot mount /proc and /dev into the chroot"
cp /etc/resolv.conf "$ROOT/etc/resolv.conf" 2>/dev/null
in_root() { chroot "$ROOT" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root LANG=C.UTF-8 DEBIAN_FRONTEND=noninteractive "$@"; }

echo "== no Java before the install"
in_root sh -c 'command -v java' && fail "the clean chroot already has a java"

cp "$DEB" "$ROOT/tmp/mw.deb"
in_root apt-get update -qq >/dev/null 2>&1 || skip "apt-get update failed in the chroot (network?)"
# the dependencies first, download only: a failure here is the network, not the package
in_root apt-get install -y -qq --download-only /tmp/mw.deb xvfb x11-utils >/dev/null 2>&1 \
  || skip "the package's dependencies could not be downloaded (network?)"

echo "== apt-get install ./migration-workbench.deb"
in_root apt-get install -y -qq --no-install-recommends /tmp/mw.deb >"$ROOT/tmp/install.log" 2>&1 \
  || { cat "$ROOT/tmp/install.log"; fail "the .deb did not install"; }
in_root sh -c 'command -v java' && fail "the package should not need a system java, but one was installed"
for f in /usr/bin/migration-workbench /usr/share/applications/migration-workbench.desktop \
         /usr/share/icons/hicolor/256x256/apps/migration-workbench.png /usr/lib/migration-workbench/app/migration-workbench.jsa; do
  [ -e "$ROOT$f" ] || fail "$f is missing after the install"
done
in_root dpkg -s fonts-ipaexfont-gothic >/dev/null || fail "the Japanese font was not pulled in"
echo "   installed: $(du -sh "$ROOT/usr/lib/migration-workbench" | cut -f1) in /usr/lib/migration-workbench"

echo "== the runtime has every JDK module the jars need"
if command -v jdeps >/dev/null && command -v unzip >/dev/null; then
  installer/linux/test/runtime-modules.sh "$ROOT/usr/lib/migration-workbench/app" "$ROOT/usr/lib/migration-workbench/runtime" \
    || fail "the package's jlink runtime lacks modules (installer/jpackage.args --add-modules)"
else
  echo "   not checked: jdeps or unzip not found (a full JDK 17; apt-get install unzip)"
fi

echo "== the class-data-sharing archive made by postinst is the one the launcher maps"
in_root env JAVA_TOOL_OPTIONS=-Xshare:on migration-workbench --version >/dev/null 2>"$ROOT/tmp/cds.log" \
  || { cat "$ROOT/tmp/cds.log"; fail "the launcher cannot use /usr/lib/migration-workbench/app/migration-workbench.jsa"; }

echo "== migration-workbench --version"
out=$(in_root migration-workbench --version 2>&1) || fail "--version exited $?: $out"
echo "$out" | sed 's/^/   /'
echo "$out" | grep -q '^Migration Workbench ' || fail "--version did not name the program"

echo "== migration-workbench diagnose --demo migration-not-converging --server db-1"
out=$(in_root migration-workbench diagnose --demo migration-not-converging --server db-1 2>&1); rc=$?
echo "$out" | head -n 6 | sed 's/^/   /'
case $rc in 0|1|4) ;; *) fail "diagnose --demo exited $rc (expected 0, 1 or 4)";; esac
echo "$out" | grep -q 'db-1' || fail "diagnose --demo did not report on db-1"

echo "== window start under Xvfb"
in_root apt-get install -y -qq --no-install-recommends xvfb x11-utils >/dev/null 2>&1 || fail "cannot install xvfb in the chroot"
in_root sh -c 'Xvfb :77 -screen 0 1280x800x24 -nolisten tcp >/tmp/xvfb.log 2>&1 & echo $! >/tmp/xvfb.pid
  mkdir -p /tmp/h; sleep 1
  HOME=/tmp/h DISPLAY=:77 migration-workbench >/tmp/window.log 2>&1 & echo $! >/tmp/app.pid'
seen=""
for _ in $(seq 1 90); do
  if in_root sh -c 'DISPLAY=:77 xwininfo -root -tree' 2>/dev/null | grep -q '"Migration Workbench'; then seen=yes; break; fi
  sleep 1
done
in_root sh -c 'DISPLAY=:77 xwininfo -root -tree' 2>/dev/null | grep '"Migration Workbench' | head -n 1 | sed 's/^ */   window: /'
alive=$(in_root sh -c 'kill -0 $(cat /tmp/app.pid) && echo yes')
in_root sh -c 'kill $(cat /tmp/app.pid) $(cat /tmp/xvfb.pid)' 2>/dev/null
[ -n "$seen" ] || { tail -n 20 "$ROOT/tmp/window.log"; fail "no 'Migration Workbench' window within 90 s"; }
[ "$alive" = yes ] || { tail -n 20 "$ROOT/tmp/window.log"; fail "the window process died"; }
grep -qi 'exception' "$ROOT/tmp/window.log" && { tail -n 20 "$ROOT/tmp/window.log"; fail "the window logged an exception"; }

echo "== apt-get remove"
in_root apt-get remove -y -qq migration-workbench >/dev/null 2>&1 || fail "apt-get remove failed"
for f in /usr/bin/migration-workbench /usr/share/applications/migration-workbench.desktop /usr/lib/migration-workbench; do
  [ ! -e "$ROOT$f" ] || fail "$f is left after apt-get remove"
done
if [ -n "${MW_KEEP_CHROOT:-}" ]; then
  in_root apt-get install -y -qq --no-install-recommends /tmp/mw.deb >/dev/null 2>&1
  trap - EXIT
  echo "kept (installed again) for measurements: $ROOT (umount -l $ROOT/dev/pts $ROOT/dev $ROOT/proc; rm -rf $ROOT)"
fi
echo "PASS: .deb installs in a clean Debian 12, runs --version, diagnose --demo and the window, and removes cleanly"
