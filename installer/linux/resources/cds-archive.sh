#!/bin/sh
# Makes the class-data-sharing archive of an installed workbench (run by the .deb's postinst and
# the .rpm's %post, by the portable folder's launcher after its first run (ClassDataArchive), and
# by hand after moving an app image): the classes of app/migration-workbench.classlist, loaded from
# the launcher's own class path, dumped to app/migration-workbench.jsa, which the launcher's
# -XX:SharedArchiveFile names. A JVM ignores a missing or unusable archive, so a failure here only
# costs start time.
# Usage: cds-archive.sh [ROOT of the installed application, default /usr/lib/migration-workbench]
ROOT=${1:-/usr/lib/migration-workbench}
APP=$ROOT/app
[ -f "$APP/migration-workbench.classlist" ] || { echo "cds-archive: no class list in $APP" >&2; exit 0; }
# one dump at a time (two portable starts may both ask for it); a lock older than 10 minutes is stale
LOCK=$APP/migration-workbench.jsa.lock
find "$LOCK" -maxdepth 0 -mmin +10 -exec rmdir {} \; 2>/dev/null
mkdir "$LOCK" 2>/dev/null || exit 0
trap 'rmdir "$LOCK"' EXIT
# the class path exactly as the launcher builds it from its .cfg (order matters to CDS)
CP=$(sed -n "s#^app.classpath=\\\$APPDIR#$APP#p" "$APP/migration-workbench.cfg" | paste -sd: -)
# dumped beside it and renamed: a JVM starting meanwhile never maps a half-written archive
TMP=$APP/migration-workbench.jsa.$$
rm -f "$APP/migration-workbench.jsa.made-for"
if nice "$ROOT/runtime/bin/java" -Xshare:dump -XX:SharedClassListFile="$APP/migration-workbench.classlist" \
     -XX:SharedArchiveFile="$TMP" -Xlog:cds=off -Xlog:cds+dynamic=off \
     -cp "$CP" >"$APP/migration-workbench.jsa.log" 2>&1 && chmod 0644 "$TMP" && mv -f "$TMP" "$APP/migration-workbench.jsa"; then
  rm -f "$APP/migration-workbench.jsa.log"
  # the folder it was made for: a moved portable folder makes it again (ClassDataArchive)
  echo "$ROOT" >"$APP/migration-workbench.jsa.made-for"
else
  rm -f "$TMP"
  echo "cds-archive: could not make $APP/migration-workbench.jsa (see $APP/migration-workbench.jsa.log); the workbench starts without it" >&2
fi
exit 0
