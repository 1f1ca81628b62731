#!/usr/bin/env bash
# Checks that a package's jlink runtime has every JDK module its jars need: what a modular jar
# `requires` (not `static`) and what jdeps finds in the others. A missing one fails only when that
# code runs (e.g. java-keyring's D-Bus transport needs jdk.net and jdk.security.auth: without them
# the installed workbench said "No available keyring backend found").
# Usage: installer/linux/test/runtime-modules.sh APP_DIR RUNTIME_DIR   (uses this JDK's jar and jdeps, and unzip)
# Exit 0 all present, 1 some missing (listed).
set -uo pipefail
APP=${1:?usage: runtime-modules.sh APP_DIR RUNTIME_DIR}
RUNTIME=${2:?usage: runtime-modules.sh APP_DIR RUNTIME_DIR}
have=$("$RUNTIME/bin/java" --list-modules | sed 's/@.*//')
modular=() plain=()
for jar in "$APP"/*.jar "$APP"/lib/*.jar; do
  [ -f "$jar" ] || continue
  # (grep without -q: reading all of unzip's output, so no SIGPIPE makes pipefail say no)
  if unzip -Z1 "$jar" 2>/dev/null | grep -E '^(META-INF/versions/[0-9]+/)?module-info\.class$' >/dev/null; then modular+=("$jar"); else plain+=("$jar"); fi
done
needed=$(
  for jar in "${modular[@]}"; do
    jar --describe-module --file "$jar" 2>/dev/null | awk -v f="${jar##*/}" '$1 == "requires" && $0 !~ / static/ {print $2, f}'
  done
  jdeps --multi-release 17 -s "${plain[@]}" 2>/dev/null | awk '$1 ~ /\.jar$/ && $2 == "->" && $3 != "not" {print $3, $1}'
)
needed=$(echo "$needed" | grep -E '^(java|jdk)\.' | sort -u)
missing=$(echo "$needed" | while read -r module jar; do
  [[ $'\n'$have$'\n' == *$'\n'$module$'\n'* ]] || echo "$module (needed by $jar)"
done)
if [ -n "$missing" ]; then
  echo "the runtime lacks modules the jars need:"; echo "$missing" | sed 's/^/   /'
  exit 1
fi
echo "   the runtime has every JDK module the jars need: $(echo "$needed" | awk '{print $1}' | sort -u | paste -sd " " -)"
