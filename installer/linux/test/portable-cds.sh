#!/usr/bin/env bash
# The portable archive (Linux) as a user meets it: unzipped, run, and its class-data-sharing archive
# made after the first run (ClassDataArchive, cds-archive.sh), mapped by the next start, made again
# after the folder is moved; a missing or stale archive never shows a message.
# Usage: installer/linux/test/portable-cds.sh [target/installer/migration-workbench-*-linux-*.zip]
# Exit 0 pass, 1 fail, 77 skipped (said loudly).
set -uo pipefail
cd "$(dirname "$0")/../../.."
ZIP=${1:-$(ls target/installer/migration-workbench-*-linux-*.zip 2>/dev/null | head -n 1)}
skip() {
  echo "=================================================================="
  echo "SKIPPED: portable archive check — $1"
  echo "=================================================================="
  exit 77
}
fail() { echo "FAIL: $1" >&2; exit 1; }
[ -n "$ZIP" ] && [ -f "$ZIP" ] || skip "no portable zip (./mvnw -Pinstaller,portable package -DskipTests)"
ZIP=$(readlink -f "$ZIP")
command -v unzip >/dev/null || skip "unzip not found (apt-get install unzip)"

WORK=$(mktemp -d "${TMPDIR:-/tmp}/mw-portable.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
mkdir "$WORK/a" "$WORK/b" "$WORK/home"
(cd "$WORK/a" && unzip -q "$ZIP") || fail "cannot unzip $ZIP"
grep -q '^app.classpath=' "$WORK/a/migration-workbench/lib/app/migration-workbench.cfg" || fail "no launcher configuration in the zip"
[ -f "$WORK/a/migration-workbench/lib/app/migration-workbench.classlist" ] || skip "the zip has no class list (built without installer/linux/classlist.sh)"
[ ! -e "$WORK/a/migration-workbench/lib/app/migration-workbench.jsa" ] || fail "the zip carries an archive (it only works where it was made)"

run() { # folder, arguments: the portable launcher as a user starts it; stdout+stderr in $WORK/out
  env -i PATH=/usr/bin:/bin HOME="$WORK/home" LANG=C.UTF-8 "$1/migration-workbench/bin/migration-workbench" "${@:2}" >"$WORK/out" 2>&1
}
demo() { # folder: diagnose --demo, exit 0/1/4, no CDS message
  local rc=0
  run "$1" diagnose --demo migration-not-converging --server db-1 || rc=$?
  case $rc in 0|1|4) ;; *) cat "$WORK/out"; fail "diagnose --demo exited $rc in $1";; esac
  grep -q 'db-1' "$WORK/out" || { cat "$WORK/out"; fail "diagnose --demo did not report on db-1"; }
  if grep -qiE 'cds|shared archive|sharing' "$WORK/out"; then cat "$WORK/out"; fail "a class-data-sharing message was shown"; fi
}
wait_archive() { # folder: the archive made for it, the background dump finished
  local app=$1/migration-workbench/lib/app
  for _ in $(seq 1 180); do
    if [ -f "$app/migration-workbench.jsa" ] && [ ! -e "$app/migration-workbench.jsa.lock" ] \
        && [ "$(cat "$app/migration-workbench.jsa.made-for" 2>/dev/null)" = "$1/migration-workbench/lib" ]; then
      return 0
    fi
    # (the dump writes its log while it runs, and keeps it only when it failed)
    if [ -f "$app/migration-workbench.jsa.log" ] && [ ! -e "$app/migration-workbench.jsa.lock" ] && ! pgrep -f "cds-archive.sh $1/" >/dev/null; then
      cat "$app/migration-workbench.jsa.log"; fail "the archive could not be made"
    fi
    sleep 1
  done
  ls -l "$app"; fail "no archive made for $1 within 180 s of the first run"
}
maps() { # folder: the launcher maps the archive (-Xshare:on refuses to start otherwise)
  JAVA_TOOL_OPTIONS=-Xshare:on run "$1" --version || { cat "$WORK/out"; fail "the launcher in $1 does not map its archive"; }
}

echo "== first run of the unzipped folder: no archive yet"
demo "$WORK/a"
wait_archive "$WORK/a"
echo "   archive made after the first run: $(du -h "$WORK/a/migration-workbench/lib/app/migration-workbench.jsa" | cut -f1)"
maps "$WORK/a"
demo "$WORK/a"

echo "== the folder moved: the old archive is not used, no message, and it is made again"
mv "$WORK/a/migration-workbench" "$WORK/b/"
demo "$WORK/b"
wait_archive "$WORK/b"
maps "$WORK/b"
echo "PASS: the portable folder makes its class-data archive after the first run, maps it, and makes it again when moved"
