#!/usr/bin/env python3
"""Reads an agent's GET /v1/host answer on stdin and checks that it describes this machine: the
same NUMA nodes with the same CPUs, and the same network interfaces, as /sys shows (not a fixture).
Prints what it compared; exit 1 when they differ. Used by the agent package tests."""
import json
import os
import sys


def cpu_list(text):
    cpus = []
    for part in text.strip().split(","):
        if part:
            first, _, last = part.partition("-")
            cpus += range(int(first), int(last or first) + 1)
    return cpus


topology = json.load(sys.stdin)["topology"]
seen = {"nodes": {n["id"]: n["cpus"] for n in topology["numaNodes"]},
        "nics": sorted(n["name"] for n in topology["nics"])}
node_dir = "/sys/devices/system/node"
expected = {"nodes": {int(d[4:]): cpu_list(open(f"{node_dir}/{d}/cpulist").read())
                      for d in os.listdir(node_dir) if d.startswith("node") and d[4:].isdigit()},
            "nics": sorted(os.listdir("/sys/class/net"))}
print(f"   /v1/host: NUMA nodes {seen['nodes']}, NICs {', '.join(seen['nics'])}")
if seen != expected:
    print(f"   this machine's /sys: NUMA nodes {expected['nodes']}, NICs {', '.join(expected['nics'])}")
    sys.exit(1)
