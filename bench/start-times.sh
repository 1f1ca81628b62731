#!/usr/bin/env bash
# Cold start times, median of N runs (docs/PERFORMANCE.md, "Start times"). Each run is a new
# process. Prints wall time and the CPU time (user+sys) of the process tree, which depends less
# on what else the machine runs.
#   bench/start-times.sh version  CMD...       CMD --version
#   bench/start-times.sh diagnose SERVER CMD... CMD diagnose --server SERVER (OS_CLOUD etc. from the environment)
#   bench/start-times.sh demo     CMD...       CMD diagnose --demo migration-not-converging --server db-1 (no cloud needed)
#   bench/start-times.sh openstack SERVER      the openstack client gathering the same facts as diagnose
#   bench/start-times.sh window   CMD...       CMD with no arguments (no cloud configured) until its window is mapped (Xvfb, xwininfo)
# CMD is e.g. "java -jar target/migration-workbench.jar" or an installed "migration-workbench".
# N=5 by default (N=9 bench/start-times.sh ...).
set -uo pipefail
N=${N:-5}
what=${1:?usage: start-times.sh version|diagnose|demo|openstack|window ...}; shift

median() { sort -n | awk '{a[NR]=$1} END {m=(NR%2)?a[(NR+1)/2]:(a[NR/2]+a[NR/2+1])/2; printf "%.2f", m}'; }
# one timed run: prints "wall cpu" in seconds
timed() {
  local t
  t=$(mktemp)
  /usr/bin/time -o "$t" -f '%e %U %S' "$@" >/dev/null 2>&1
  tail -n 1 "$t" | awk '{printf "%s %.2f\n", $1, $2+$3}'
  rm -f "$t"
}
report() {
  local label=$1 file=$2
  echo "$label: wall median $(cut -d' ' -f1 "$file" | median) s, cpu median $(cut -d' ' -f2 "$file" | median) s" \
       "(runs: $(cut -d' ' -f1 "$file" | tr '\n' ' '))"
}
runs=$(mktemp)
trap 'rm -f "$runs"' EXIT

case $what in
  version)
    for _ in $(seq "$N"); do timed "$@" --version >>"$runs"; done
    report "--version" "$runs" ;;
  diagnose)
    server=$1; shift
    for _ in $(seq "$N"); do timed "$@" diagnose --server "$server" >>"$runs"; done
    report "diagnose --server $server" "$runs" ;;
  demo)
    for _ in $(seq "$N"); do timed "$@" diagnose --demo migration-not-converging --server db-1 >>"$runs"; done
    report "diagnose --demo migration-not-converging --server db-1" "$runs" ;;
  openstack)
    server=$1
    facts() {
      local id req
      id=$(openstack server show "$server" -f value -c id)
      openstack server migration list --server "$id" -f value >/dev/null
      req=$(openstack server event list "$id" -f value -c "Request ID" | head -n 1)
      openstack server event show "$id" "$req" -f value >/dev/null
      openstack compute service list -f value >/dev/null
      openstack hypervisor list --long -f value >/dev/null
      openstack server group list --all-projects -f value >/dev/null
    }
    export -f facts; export server
    for _ in $(seq "$N"); do timed bash -c facts >>"$runs"; done
    report "openstack client, same facts (7 commands)" "$runs" ;;
  window)
    command -v Xvfb >/dev/null && command -v xwininfo >/dev/null || { echo "needs Xvfb and xwininfo (apt-get install xvfb x11-utils)"; exit 77; }
    Xvfb :91 -screen 0 1280x800x24 -nolisten tcp >/dev/null 2>&1 & xvfb=$!
    sleep 1
    home=$(mktemp -d)
    for _ in $(seq "$N"); do
      start=$(date +%s.%N)
      env -i PATH="$PATH" HOME="$home" DISPLAY=:91 LANG=C.UTF-8 "$@" >/dev/null 2>&1 & app=$!
      until DISPLAY=:91 xwininfo -root -tree 2>/dev/null | grep -q '"Migration Workbench'; do
        kill -0 $app 2>/dev/null || { echo "the window process exited"; break; }
        sleep 0.02
      done
      end=$(date +%s.%N)
      cpu=$(awk '{print ($14+$15)/100}' /proc/$app/stat 2>/dev/null)
      kill $app; wait $app 2>/dev/null
      echo "$(echo "$end - $start" | bc) ${cpu:-0}" >>"$runs"
    done
    kill $xvfb; rm -rf "$home"
    report "window visible (no cloud configured: the Connect view)" "$runs" ;;
  *) echo "unknown: $what"; exit 2 ;;
esac
