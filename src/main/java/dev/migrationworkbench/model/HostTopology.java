package dev.migrationworkbench.model;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What a host probe agent reports about one compute host: its NUMA nodes, NICs and their locality,
 * the release it runs, whitelisted nova.conf keys and the placement of each instance it hosts.
 */
public record HostTopology(
        String host,
        Instant collectedAt,
        String release,
        String novaComputeVersion,
        String cpuModel,
        List<Integer> onlineCpus,
        List<NumaNode> numaNodes,
        List<Nic> nics,
        Map<String, String> novaConfig,
        List<InstancePlacement> instances) {

    public HostTopology {
        onlineCpus = onlineCpus == null ? List.of() : List.copyOf(onlineCpus);
        numaNodes = numaNodes == null ? List.of() : List.copyOf(numaNodes);
        nics = nics == null ? List.of() : List.copyOf(nics);
        novaConfig = novaConfig == null ? Map.of() : Map.copyOf(novaConfig);
        instances = instances == null ? List.of() : List.copyOf(instances);
    }

    /** One NUMA node. {@code distances} is the node's row of the SLIT table, by node index. */
    public record NumaNode(
            int id,
            List<Integer> cpus,
            long memoryTotalMb,
            Long memoryFreeMb,
            List<Integer> distances,
            List<HugepagePool> hugepages) {

        public NumaNode {
            cpus = cpus == null ? List.of() : List.copyOf(cpus);
            distances = distances == null ? List.of() : List.copyOf(distances);
            hugepages = hugepages == null ? List.of() : List.copyOf(hugepages);
        }
    }

    public record HugepagePool(long sizeKb, int total, int free) {
    }

    /**
     * A network interface. {@code numaNode} is -1 when the kernel does not know the device's
     * locality; {@code physfn} names the PF of an SR-IOV VF.
     */
    public record Nic(
            String name,
            String pciAddress,
            int numaNode,
            List<Integer> localCpus,
            Integer speedMbps,
            String driver,
            String physnet,
            Integer sriovTotalVfs,
            Integer sriovNumVfs,
            String physfn,
            String operState) {

        public Nic {
            localCpus = localCpus == null ? List.of() : List.copyOf(localCpus);
        }

        public boolean localityUnknown() {
            return numaNode < 0;
        }
    }

    /**
     * Where an instance's resources sit on this host (from its libvirt domain XML): pinned host
     * CPUs, the NUMA nodes of its memory, its hugepage size and the host NICs it uses.
     */
    public record InstancePlacement(
            String instanceUuid,
            String domainName,
            List<Integer> pinnedCpus,
            List<Integer> memoryNodes,
            Long hugepageSizeKb,
            List<String> nics) {

        public InstancePlacement {
            pinnedCpus = pinnedCpus == null ? List.of() : List.copyOf(pinnedCpus);
            memoryNodes = memoryNodes == null ? List.of() : List.copyOf(memoryNodes);
            nics = nics == null ? List.of() : List.copyOf(nics);
        }
    }
}
