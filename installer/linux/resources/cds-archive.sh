#!/bin/sh
# Makes the class-data-sharing archive of an installed workbench (run by the .deb's postinst and
# the .rpm's %post; also by hand after moving an app image): the classes of
# app/migration-workbench.classlist, loaded from the launcher's own class path, dumped to
# app/migration-workbench.jsa, which the launcher's -XX:SharedArchiveFile names. A JVM ignores a
# missing or unusable archive, so a failure here only costs start time.
# Usage: cds-archive.sh [ROOT of the installed application, default /usr/lib/migration-workbench]
ROOT=${1:-/usr/lib/migration-workbench}
APP=$ROOT/app
[ -f "$APP/migration-workbench.classlist" ] || { echo "cds-archive: no class list in $APP" >&2; exit 0; }
# the class path exactly as the launcher builds it from its .cfg (order matters to CDS)
CP=$(sed -n "s#^app.classpath=\\\$APPDIR#$APP#p" "$APP/migration-workbench.cfg" | paste -sd: -)
rm -f "$APP/migration-workbench.jsa"
if "$ROOT/runtime/bin/java" -Xshare:dump -XX:SharedClassListFile="$APP/migration-workbench.classlist" \
     -XX:SharedArchiveFile="$APP/migration-workbench.jsa" -Xlog:cds=off -Xlog:cds+dynamic=off \
     -cp "$CP" >"$APP/migration-workbench.jsa.log" 2>&1; then
  chmod 0644 "$APP/migration-workbench.jsa"
  rm -f "$APP/migration-workbench.jsa.log"
else
  echo "cds-archive: could not make $APP/migration-workbench.jsa (see $APP/migration-workbench.jsa.log); the workbench starts without it" >&2
fi
exit 0
