#!/bin/bash
# Bring up two real libvirt daemons (Debian 12's libvirtd 9 with QEMU 7.2) on this machine for
# the real-libvirt suite, without systemd, each with its own run folder, sockets, state and
# host_uuid, so that a guest can be live-migrated from one to the other over loopback.
# Also builds what the guests boot: the kernel of Debian's linux-image-*-cloud-amd64 package and
# an initramfs whose /init (guest-init.c, compiled statically here) dirties memory at a chosen rate.
#
# Usage: up.sh RUN_FOLDER        (a new or empty folder)
# Stop:  down.sh RUN_FOLDER      (stops the guests and the daemons started here, nothing else)
#
# Needs root (apt-get, daemons that run QEMU, mount namespaces). No /dev/kvm needed: the guests
# use TCG. On failure it says which step failed, stops what it started and exits 1.
set -Eeu

HERE=$(cd "$(dirname "$0")" && pwd)
PKGS="libvirt-daemon libvirt-daemon-driver-qemu libvirt-clients qemu-system-x86 busybox-static gcc libc6-dev"
T0=$(date +%s)
ts() { echo "[$(( $(date +%s) - T0 ))s] $*"; }

[ $# -eq 1 ] || { echo "usage: up.sh RUN_FOLDER" >&2; exit 2; }
RUN=$1
if [ -e "$RUN" ] && [ -n "$(ls -A "$RUN" 2>/dev/null)" ]; then
  echo "up.sh: $RUN exists and is not empty; give a new or empty folder" >&2; exit 2
fi
mkdir -p "$RUN"
RUN=$(cd "$RUN" && pwd)
[ "$(id -u)" = 0 ] || { echo "up.sh: refuses: must run as root (installs packages, runs libvirtd)" >&2; exit 1; }

STARTED=0
fail() {
  trap - ERR
  echo "up.sh: FAILED after $(( $(date +%s) - T0 ))s: $1" >&2
  shift
  for f in "$@"; do [ -s "$f" ] && { echo "----- last lines of $f -----" >&2; tail -n 25 "$f" >&2; }; done
  if [ "$STARTED" = 1 ]; then "$HERE/down.sh" "$RUN" >&2 || true; fi
  exit 1
}
trap 'fail "command failed (up.sh line $LINENO): $BASH_COMMAND"' ERR
mkdir -p "$RUN/logs" "$RUN/images"

# ---------------- packages ----------------
missing=""
for p in $PKGS; do dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed' || missing="$missing $p"; done
if [ -n "$missing" ]; then
  ts "installing:$missing"
  command -v apt-get >/dev/null || fail "apt-get not found; install$missing by hand"
  DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y -q --no-install-recommends $missing \
      >> "$RUN/logs/apt.log" 2>&1 \
    || { apt-get update -q >> "$RUN/logs/apt.log" 2>&1 && DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 \
           install -y -q --no-install-recommends $missing >> "$RUN/logs/apt.log" 2>&1; } \
    || fail "apt-get install$missing" "$RUN/logs/apt.log"
fi
LIBVIRTD=$(command -v libvirtd || echo /usr/sbin/libvirtd)
[ -x "$LIBVIRTD" ] || fail "libvirtd not found after installing libvirt-daemon"
QEMU=/usr/bin/qemu-system-x86_64
[ -x "$QEMU" ] || fail "$QEMU not found after installing qemu-system-x86"

# What libvirt-daemon-system would set up (it needs systemd, so it is not installed).
getent group kvm >/dev/null || groupadd --system kvm
getent group libvirt >/dev/null || groupadd --system libvirt
getent group libvirt-qemu >/dev/null || groupadd --system libvirt-qemu
getent passwd libvirt-qemu >/dev/null \
  || useradd --system --gid libvirt-qemu --groups kvm --home-dir /var/lib/libvirt --no-create-home --shell /usr/sbin/nologin libvirt-qemu
mkdir -p /var/log/libvirt /var/lib/libvirt /var/cache/libvirt /run/libvirt /etc/libvirt

# ---------------- guest kernel and initramfs ----------------
ts "guest kernel"
kdir="$RUN/images/kernel"
mkdir -p "$kdir"
( cd "$kdir" && apt-get download -q linux-image-cloud-amd64 >> "$RUN/logs/apt.log" 2>&1 ) || fail "apt-get download linux-image-cloud-amd64" "$RUN/logs/apt.log"
kpkg=$(dpkg-deb -f "$kdir"/linux-image-cloud-amd64_*.deb Depends | grep -o 'linux-image-[^ ,]*-cloud-amd64' | head -n 1)
[ -n "$kpkg" ] || fail "linux-image-cloud-amd64 names no kernel package"
( cd "$kdir" && apt-get download -q "$kpkg" >> "$RUN/logs/apt.log" 2>&1 ) || fail "apt-get download $kpkg" "$RUN/logs/apt.log"
dpkg-deb --fsys-tarfile "$kdir/${kpkg}"_*.deb | tar -x -C "$kdir" --wildcards './boot/vmlinuz-*'
mv "$kdir"/boot/vmlinuz-* "$RUN/images/vmlinuz"
rm -rf "$kdir"

ts "guest initramfs"
root="$RUN/images/initramfs-root"
mkdir -p "$root/dev" "$root/proc"
gcc -static -O2 -Wall -o "$root/init" "$HERE/guest-init.c" > "$RUN/logs/gcc.log" 2>&1 || fail "gcc -static guest-init.c" "$RUN/logs/gcc.log"
( cd "$root" && find . | busybox cpio -o -H newc > "$RUN/images/initramfs.cpio" 2>> "$RUN/logs/gcc.log" ) || fail "busybox cpio" "$RUN/logs/gcc.log"
rm -rf "$root"

# ---------------- two daemons ----------------
# Each daemon runs in its own mount namespace in which the fixed paths of a privileged libvirtd
# (/run/libvirt, /var/lib/libvirt, /var/cache/libvirt, /var/log/libvirt, /etc/libvirt) are bind
# mounts of folders under RUN/<host>; from outside, its socket is RUN/<host>/run/libvirt-sock.
start_daemon() {  # start_daemon NAME HOST_UUID
  local name=$1 uuid=$2 d="$RUN/$1"
  mkdir -p "$d"/{run,lib,cache,log,etc}
  cat > "$d/etc/libvirtd.conf" <<EOF
host_uuid = "$uuid"
unix_sock_group = "root"
unix_sock_rw_perms = "0700"
auth_unix_ro = "none"
auth_unix_rw = "none"
log_outputs = "3:file:/var/log/libvirt/libvirtd.log"
EOF
  # No cgroups, no per-QEMU mount namespace, no security driver: none of these is what is under
  # test, and they need host set-up a CI container does not have. vCPU pinning still applies
  # (sched_setaffinity), the NUMA policy too (set_mempolicy when there is no cpuset cgroup).
  cat > "$d/etc/qemu.conf" <<EOF
user = "root"
group = "root"
dynamic_ownership = 0
security_driver = "none"
cgroup_controllers = [ ]
namespaces = [ ]
stdio_handler = "file"
EOF
  : > "$d/log/libvirtd.log"
  nohup unshare --mount --propagation private /bin/sh -c '
      set -e
      d=$1; shift
      mount --bind "$d/run" /run/libvirt
      mount --bind "$d/lib" /var/lib/libvirt
      mount --bind "$d/cache" /var/cache/libvirt
      mount --bind "$d/log" /var/log/libvirt
      mount --bind "$d/etc" /etc/libvirt
      exec "$@"' sh "$d" "$LIBVIRTD" --config /etc/libvirt/libvirtd.conf --pid-file /run/libvirt/libvirtd.pid \
      > "$RUN/logs/$name.out" 2>&1 < /dev/null &
  echo $! > "$RUN/$name.pid"
  STARTED=1
}
wait_daemon() {  # wait_daemon NAME
  local name=$1 uri="qemu:///system?socket=$RUN/$1/run/libvirt-sock" i
  for i in $(seq 1 60); do
    if virsh -q -c "$uri" version > /dev/null 2>&1; then return 0; fi
    kill -0 "$(cat "$RUN/$name.pid")" 2>/dev/null || fail "libvirtd $name exited" "$RUN/logs/$name.out" "$RUN/$name/log/libvirtd.log"
    sleep 1
  done
  fail "libvirtd $name did not answer within 60 s" "$RUN/logs/$name.out" "$RUN/$name/log/libvirtd.log"
}
ts "libvirtd source and destination"
start_daemon source "$(cat /proc/sys/kernel/random/uuid)"
start_daemon destination "$(cat /proc/sys/kernel/random/uuid)"
wait_daemon source
wait_daemon destination
virsh -c "qemu:///system?socket=$RUN/source/run/libvirt-sock" capabilities > "$RUN/logs/capabilities.xml"
grep -q "<domain type='qemu'" "$RUN/logs/capabilities.xml" || fail "libvirt offers no QEMU (TCG) domains" "$RUN/logs/capabilities.xml"

cat > "$RUN/real-libvirt.properties" <<EOF
source.uri=qemu:///system?socket=$RUN/source/run/libvirt-sock
destination.uri=qemu:///system?socket=$RUN/destination/run/libvirt-sock
kernel=$RUN/images/vmlinuz
initrd=$RUN/images/initramfs.cpio
qemu=$QEMU
EOF
ts "ready: $RUN/real-libvirt.properties"
