#!/bin/bash
# Stop what up.sh RUN_FOLDER started: the guests of its two daemons, then the daemons (by the PIDs
# it recorded). Touches no other libvirt or QEMU process. Leaves the folder (logs) in place.
set -u
[ $# -eq 1 ] && [ -d "$1" ] || { echo "usage: down.sh RUN_FOLDER" >&2; exit 2; }
RUN=$(cd "$1" && pwd)
for name in source destination; do
  uri="qemu:///system?socket=$RUN/$name/run/libvirt-sock"
  if [ -S "$RUN/$name/run/libvirt-sock" ]; then
    for dom in $(timeout 20 virsh -q -c "$uri" list --uuid 2>/dev/null); do
      timeout 20 virsh -q -c "$uri" destroy "$dom" > /dev/null 2>&1 || true
    done
  fi
  # a QEMU left behind by a daemon that died: its pid file is in the daemon's run folder
  for pidfile in "$RUN/$name"/run/qemu/*.pid; do
    [ -f "$pidfile" ] || continue
    pid=$(cat "$pidfile")
    if [ -n "$pid" ] && grep -qs qemu-system "/proc/$pid/cmdline"; then kill "$pid" 2>/dev/null || true; fi
  done
  if [ -f "$RUN/$name.pid" ]; then
    pid=$(cat "$RUN/$name.pid")
    # the recorded PID is the unshare'd shell that exec'd libvirtd
    if grep -qs libvirtd "/proc/$pid/cmdline"; then
      kill "$pid" 2>/dev/null
      for _ in $(seq 1 20); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
      kill -9 "$pid" 2>/dev/null || true
    fi
    rm -f "$RUN/$name.pid"
  fi
done
echo "down.sh: stopped the guests and daemons of $RUN"
