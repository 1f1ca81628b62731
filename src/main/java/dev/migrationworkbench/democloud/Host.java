package dev.migrationworkbench.democloud;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** One emulated compute host: its nova-compute service, hypervisor and hardware topology. */
final class Host {

    record Hugepages(int total, int free) {
    }

    record NumaNode(int node, String cpus, long memoryMb, Map<String, Hugepages> hugepages) {
    }

    record Nic(String name, String pci, int numaNode, long speedMbps, String physnet, int sriovTotalVfs) {
    }

    final String name;
    final String serviceUuid;
    final String hypervisorUuid;
    final int serviceId;
    String release;
    String novaVersion;
    boolean up = true;
    boolean enabled = true;
    boolean forcedDown;
    String disabledReason;
    Instant serviceUpdatedAt;
    String hypervisorType;
    long hypervisorVersion;
    String cpuModel;
    int vcpus;
    long memoryMb;
    long localGb;
    String hostIp;
    long migrationBandwidthMbps;
    /** False when the host cannot reach the block-storage network (volume attachments fail there). */
    boolean storageReachable = true;
    List<NumaNode> numa = List.of();
    List<Nic> nics = List.of();

    Host(String name, int serviceId, String serviceUuid, String hypervisorUuid) {
        this.name = name;
        this.serviceId = serviceId;
        this.serviceUuid = serviceUuid;
        this.hypervisorUuid = hypervisorUuid;
    }

    /** What the servicegroup driver reports: forced down counts as down. */
    boolean serviceUp() {
        return up && !forcedDown;
    }

    /** The hypervisor id before 2.53 is the compute node's integer id; we reuse the service's. */
    int hypervisorId() {
        return serviceId;
    }
}
