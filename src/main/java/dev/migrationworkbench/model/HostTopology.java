package dev.migrationworkbench.model;

import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

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
        List<InstancePlacement> instances,
        Long memoryTotalMb,
        List<String> cpuFlags) {

    public HostTopology {
        cpuFlags = cpuFlags == null ? List.of() : List.copyOf(cpuFlags);
        onlineCpus = onlineCpus == null ? List.of() : List.copyOf(onlineCpus);
        numaNodes = numaNodes == null ? List.of() : List.copyOf(numaNodes);
        nics = nics == null ? List.of() : List.copyOf(nics);
        novaConfig = novaConfig == null ? Map.of() : Map.copyOf(novaConfig);
        instances = instances == null ? List.of() : List.copyOf(instances);
    }

    /** Without the host's total memory and CPU flags (as before those fields existed). */
    public HostTopology(String host, Instant collectedAt, String release, String novaComputeVersion,
            String cpuModel, List<Integer> onlineCpus, List<NumaNode> numaNodes, List<Nic> nics,
            Map<String, String> novaConfig, List<InstancePlacement> instances) {
        this(host, collectedAt, release, novaComputeVersion, cpuModel, onlineCpus, numaNodes, nics,
                novaConfig, instances, null, null);
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
     * locality; {@code physfn} names the PF of an SR-IOV VF, {@code vfs} the VFs of a PF (PCI
     * addresses).
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
            String operState,
            List<String> vfs) {

        public Nic {
            localCpus = localCpus == null ? List.of() : List.copyOf(localCpus);
            vfs = vfs == null ? List.of() : List.copyOf(vfs);
        }

        /** Without the list of VFs. */
        public Nic(String name, String pciAddress, int numaNode, List<Integer> localCpus, Integer speedMbps,
                String driver, String physnet, Integer sriovTotalVfs, Integer sriovNumVfs, String physfn,
                String operState) {
            this(name, pciAddress, numaNode, localCpus, speedMbps, driver, physnet, sriovTotalVfs, sriovNumVfs,
                    physfn, operState, null);
        }

        public boolean localityUnknown() {
            return numaNode < 0;
        }
    }

    /**
     * Where an instance's resources sit on this host (from its libvirt domain XML): pinned host
     * CPUs, the NUMA nodes of its memory, its hugepage size and the host NICs it uses;
     * {@code vcpuPins} maps each vCPU to its host CPUs, {@code memoryMode} is libvirt's numatune mode.
     */
    public record InstancePlacement(
            String instanceUuid,
            String domainName,
            List<Integer> pinnedCpus,
            List<Integer> memoryNodes,
            Long hugepageSizeKb,
            List<String> nics,
            Map<Integer, List<Integer>> vcpuPins,
            List<Integer> emulatorCpus,
            String memoryMode) {

        public InstancePlacement {
            pinnedCpus = pinnedCpus == null ? List.of() : List.copyOf(pinnedCpus);
            memoryNodes = memoryNodes == null ? List.of() : List.copyOf(memoryNodes);
            nics = nics == null ? List.of() : List.copyOf(nics);
            vcpuPins = vcpuPins == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(vcpuPins));
            emulatorCpus = emulatorCpus == null ? List.of() : List.copyOf(emulatorCpus);
        }

        /** Without the per-vCPU pins, emulator CPUs and numatune mode. */
        public InstancePlacement(String instanceUuid, String domainName, List<Integer> pinnedCpus,
                List<Integer> memoryNodes, Long hugepageSizeKb, List<String> nics) {
            this(instanceUuid, domainName, pinnedCpus, memoryNodes, hugepageSizeKb, nics, null, null, null);
        }
    }
}
