package dev.migrationworkbench.democloud;

import java.time.Instant;
import java.util.List;

/** One emulated instance. vm_state/task_state drive the API status the way Nova maps them. */
final class Server {

    record Fault(int code, String message, String details, Instant created) {
    }

    final String id;
    final String name;
    final Flavor flavor;
    final Instant created;
    final int index;
    String host;
    String vmState = "active";
    String taskState;
    int powerState = 1;
    Instant updated;
    Instant launchedAt;
    Fault fault;
    int progress;
    boolean locked;
    boolean deleted;
    Instant deletedAt;
    ServerGroup group;
    /** Guest memory writes: bytes per second and the writable working set in bytes. */
    double dirtyRateBytes;
    long workingSetBytes;
    Integer numaNode;
    String pinnedCpus;
    List<String> nics = List.of();

    Server(String id, String name, Flavor flavor, Instant created, int index) {
        this.id = id;
        this.name = name;
        this.flavor = flavor;
        this.created = created;
        this.updated = created;
        this.launchedAt = created;
        this.index = index;
    }

    /** nova/api/openstack/common.py _STATE_MAP. */
    String status() {
        if (deleted) {
            return "DELETED";
        }
        if ("migrating".equals(taskState) && ("active".equals(vmState) || "paused".equals(vmState))) {
            return "MIGRATING";
        }
        return switch (vmState) {
            case "active" -> "ACTIVE";
            case "error" -> "ERROR";
            case "stopped" -> "SHUTOFF";
            case "paused" -> "PAUSED";
            case "suspended" -> "SUSPENDED";
            case "building" -> "BUILD";
            case "shelved_offloaded" -> "SHELVED_OFFLOADED";
            default -> "UNKNOWN";
        };
    }

    long ramBytes() {
        return flavor.ramMb() * 1024L * 1024L;
    }
}
