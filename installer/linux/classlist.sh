#!/usr/bin/env bash
# Records which classes starting the workbench loads (the JVM's -XX:DumpLoadedClassList) into
# target/jpackage-input/migration-workbench.classlist, for the .deb and .rpm: their install
# scripts turn it into a class-data-sharing archive at the installed paths (cds-archive.sh), which
# is what makes the window and `diagnose` start faster (docs/PERFORMANCE.md). Two training runs:
# the window on the demo cloud under Xvfb (skipped, with a message, without Xvfb and xwininfo) and
# `diagnose --demo`. Never fails the build: without a list the packages just start without it.
set -uo pipefail
cd "$(dirname "$0")/../.."
IN=target/jpackage-input
OUT=$IN/migration-workbench.classlist
JAVA=${JAVA_HOME:+$JAVA_HOME/bin/}java
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
rm -f "$OUT"

echo "classlist: diagnose --demo"
env -i PATH="$PATH" HOME="$work/home" LANG=C.UTF-8 "$JAVA" -XX:DumpLoadedClassList="$work/cli.lst" \
    -Dmw.log.dir="$work/log" -jar "$IN/migration-workbench.jar" diagnose --demo migration-not-converging \
    --server db-1 >/dev/null 2>&1

if command -v Xvfb >/dev/null && command -v xwininfo >/dev/null; then
  echo "classlist: the window on the demo cloud (Xvfb)"
  exec 3>"$work/display"
  Xvfb -displayfd 3 -screen 0 1280x800x24 -nolisten tcp >/dev/null 2>&1 & xvfb=$!
  for _ in $(seq 50); do [ -s "$work/display" ] && break; sleep 0.1; done
  display=:$(head -n 1 "$work/display")
  env -i PATH="$PATH" HOME="$work/home" DISPLAY="$display" LANG=C.UTF-8 "$JAVA" \
      -XX:DumpLoadedClassList="$work/window.lst" -Dmw.log.dir="$work/log" -jar "$IN/migration-workbench.jar" \
      >/dev/null 2>&1 & app=$!
  for _ in $(seq 600); do
    DISPLAY=$display xwininfo -root -tree 2>/dev/null | grep -q '"Migration Workbench' && break
    kill -0 $app 2>/dev/null || break
    sleep 0.1
  done
  sleep 5   # the first view fills in from the demo cloud
  kill $app 2>/dev/null; wait $app 2>/dev/null
  kill $xvfb 2>/dev/null
else
  echo "classlist: no Xvfb/xwininfo: the window's classes are not recorded (apt-get install xvfb x11-utils)"
fi
cat "$work"/window.lst "$work"/cli.lst 2>/dev/null | grep -v '^#' | awk '!seen[$0]++' >"$OUT"
echo "classlist: $(grep -vc '^@' "$OUT") classes in $OUT"
