#!/usr/bin/env bash
# Builds the probe agent's RPM for RHEL 9 family hosts from the packaged jar (run after
# `./mvnw package`; ./mvnw -Pagent-rpm package -DskipTests does both):
#   target/agent/mw-probe-agent-<version>-1.x86_64.rpm
# Content: a jlink runtime of only the modules the agent uses, the jars it loads, the hardened
# systemd unit, /usr/bin/mw-probe-agent. Needs jlink (JDK 17) and rpmbuild (apt-get install rpm).
set -euo pipefail
cd "$(dirname "$0")/../.."
VERSION=${1:?usage: build-rpm.sh VERSION}
OUT=target/agent
STAGE=$OUT/stage
# java.base + the XML parser (libvirt domain XML), the HTTPS server, EC keys (P-256 certificate)
MODULES=java.base,java.xml,jdk.httpserver,jdk.crypto.ec
# the agent's code path: picocli, Jackson (JSON), SLF4J + Logback; nothing of JavaFX or openstack4j
JARS="picocli jackson-core jackson-databind jackson-annotations jackson-datatype-jsr310 slf4j-api logback-classic logback-core"

command -v rpmbuild >/dev/null || { echo "build-rpm.sh: rpmbuild not found (apt-get install rpm / dnf install rpm-build)" >&2; exit 2; }
[ -f target/migration-workbench.jar ] && [ -d target/lib ] || { echo "build-rpm.sh: run ./mvnw package first" >&2; exit 2; }
rm -rf "$STAGE" "$OUT/rpmbuild" "$OUT"/*.rpm
APP=$STAGE/usr/lib/mw-probe-agent
mkdir -p "$APP/lib" "$STAGE/usr/bin" "$STAGE/usr/lib/systemd/system" "$STAGE/etc/mw-probe" "$STAGE/var/lib/mw-probe" "$STAGE/var/log/mw-probe"
cp target/migration-workbench.jar "$APP/lib/"
for name in $JARS; do
  jar=$(ls target/lib/"$name"-[0-9]*.jar 2>/dev/null | head -n 1)
  [ -n "$jar" ] || { echo "build-rpm.sh: $name-*.jar not in target/lib" >&2; exit 1; }
  cp "$jar" "$APP/lib/"
done
jlink --add-modules "$MODULES" --strip-debug --no-header-files --no-man-pages --compress=2 \
      --generate-cds-archive --output "$APP/runtime" >/dev/null
# the unit runs with a 32 MB heap, i.e. compressed oops: the other CDS archive is never used
rm -f "$APP/runtime/lib/server/classes_nocoops.jsa"
install -m 0755 installer/agent/mw-probe-agent "$STAGE/usr/bin/mw-probe-agent"
install -m 0644 installer/agent/mw-probe-agent.service "$STAGE/usr/lib/systemd/system/"

# the runtime's own libraries (libjvm.so, libjava.so, ...): rpm must not require them from the system
private_libs=$(find "$APP/runtime/lib" -name '*.so' -printf '%f\n' | sed 's/\.so$//' | sort | paste -sd'|' -)
rpmbuild -bb --quiet --define "_topdir $PWD/$OUT/rpmbuild" --define "stage $PWD/$STAGE" \
    --define "version $VERSION" --define "private_libs $private_libs" installer/agent/mw-probe-agent.spec
mv "$OUT"/rpmbuild/RPMS/*/mw-probe-agent-*.rpm "$OUT/"
rpm=$(ls "$OUT"/mw-probe-agent-*.rpm)
echo "$rpm: $(du -h "$rpm" | cut -f1) (runtime $(du -sh "$APP/runtime" | cut -f1), jars $(du -sh "$APP/lib" | cut -f1) installed)"
