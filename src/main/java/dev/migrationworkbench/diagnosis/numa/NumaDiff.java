package dev.migrationworkbench.diagnosis.numa;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Source and destination host side by side (UI rows): NUMA nodes by ID, NICs by name, with what
 * the instance uses on each side and which fields differ. A side is null when that host lacks the
 * node or NIC. {@code differences} lists every difference; {@code harmful} marks those that cost
 * the instance performance (they become findings).
 */
public record NumaDiff(
        String sourceHost,
        String destHost,
        String instanceUuid,
        List<NodeRow> nodes,
        List<NicRow> nics,
        InstanceSide instanceAtSource,
        InstanceSide instanceAtDest,
        List<Difference> differences) {

    public NumaDiff {
        nodes = List.copyOf(nodes);
        nics = List.copyOf(nics);
        differences = List.copyOf(differences);
    }

    public enum Field {
        PRESENCE,
        CPUS,
        MEMORY,
        FREE_MEMORY,
        HUGEPAGES,
        DISTANCES,
        PINNED_BY_OTHERS,
        NUMA_NODE,
        /** a NIC the instance uses sits, at the destination, on another node than the instance (sourceValue: the instance's nodes) */
        NIC_NODE_VS_INSTANCE,
        PCI_ADDRESS,
        PHYSNET,
        SRIOV,
        SPEED
    }

    public record NodeRow(int node, NodeSide source, NodeSide dest, Set<Field> differing) {

        public NodeRow {
            differing = Set.copyOf(differing);
        }
    }

    /**
     * One host's node: CPUs, memory (MiB), hugepage pools by page size in KiB, its distance row,
     * the CPUs other instances pin there and whether the instance itself sits on it.
     */
    public record NodeSide(List<Integer> cpus, long memoryTotalMb, Long memoryFreeMb, Map<Long, Pool> hugepages,
            List<Integer> distances, List<Integer> pinnedByOthers, List<String> otherInstances, boolean usedByInstance) {

        public NodeSide {
            cpus = List.copyOf(cpus);
            hugepages = Map.copyOf(hugepages);
            distances = List.copyOf(distances);
            pinnedByOthers = List.copyOf(pinnedByOthers);
            otherInstances = List.copyOf(otherInstances);
        }
    }

    public record Pool(int total, int free) {
    }

    public record NicRow(String name, NicSide source, NicSide dest, Set<Field> differing, boolean usedByInstance) {

        public NicRow {
            differing = Set.copyOf(differing);
        }
    }

    /** A NIC on one host; {@code numaNode} −1 when its locality is unknown. */
    public record NicSide(String pciAddress, int numaNode, String physnet, Integer sriovTotalVfs, Integer sriovNumVfs,
            Integer speedMbps) {
    }

    /**
     * Where the instance sits on one host: its NUMA nodes, pinned CPUs, hugepage size, the host NICs
     * it uses ({@code nics}: by name, PCI address or one of their VFs) and its interfaces as libvirt
     * names them ({@code interfaces}: VF PCI addresses, tap devices).
     */
    public record InstanceSide(List<Integer> nodes, List<Integer> pinnedCpus, Long hugepageSizeKb, List<String> nics,
            List<String> interfaces) {

        public InstanceSide {
            nodes = List.copyOf(nodes);
            pinnedCpus = List.copyOf(pinnedCpus);
            nics = List.copyOf(nics);
            interfaces = List.copyOf(interfaces);
        }
    }

    /** One difference: which node or NIC ({@code subject}), which field, both values as shown. */
    public record Difference(Kind kind, String subject, Field field, String sourceValue, String destValue,
            boolean harmful) {

        public enum Kind {
            NODE,
            NIC,
            TOPOLOGY
        }
    }

    public List<Difference> harmful() {
        return differences.stream().filter(Difference::harmful).toList();
    }
}
