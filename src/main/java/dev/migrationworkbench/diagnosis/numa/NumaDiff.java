package dev.migrationworkbench.diagnosis.numa;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Source and destination host side by side (UI rows): NUMA nodes by ID, NICs by name, with what
 * the instance uses on each side and which fields differ. A side is null when that host lacks the
 * node or NIC. {@code differences} lists every difference; {@code harmful} marks those that cost
 * the instance performance (they become findings). {@code instanceDestNodes}: the destination
 * nodes the instance is on (seen by the destination's agent) or that Nova's fit would give it
 * ({@code instanceDestNodesPredicted}); empty when unknown or the instance has no NUMA topology.
 */
public record NumaDiff(
        String sourceHost,
        String destHost,
        String instanceUuid,
        List<NodeRow> nodes,
        List<NicRow> nics,
        InstanceSide instanceAtSource,
        InstanceSide instanceAtDest,
        List<Integer> instanceDestNodes,
        boolean instanceDestNodesPredicted,
        List<Difference> differences) {

    public NumaDiff {
        nodes = List.copyOf(nodes);
        nics = List.copyOf(nics);
        instanceDestNodes = List.copyOf(instanceDestNodes);
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

    /**
     * One difference, typed: the host's node count ({@code TOPOLOGY}), a NUMA node ({@code node}) or a
     * NIC ({@code nic}; {@code destNic} when the destination's NIC on the same physnet has another
     * name), which field, and both values as shown to a person. Decide on {@code kind},
     * {@code node}, {@code nic} and {@code field}; the values are display text.
     */
    public record Difference(Kind kind, Integer node, String nic, String destNic, Field field, String sourceValue,
            String destValue, boolean harmful) {

        public enum Kind {
            NODE,
            NIC,
            TOPOLOGY
        }

        static Difference topology(Field field, String sourceValue, String destValue, boolean harmful) {
            return new Difference(Kind.TOPOLOGY, null, null, null, field, sourceValue, destValue, harmful);
        }

        static Difference node(int node, Field field, String sourceValue, String destValue, boolean harmful) {
            return new Difference(Kind.NODE, node, null, null, field, sourceValue, destValue, harmful);
        }

        static Difference nic(String nic, Field field, String sourceValue, String destValue, boolean harmful) {
            return new Difference(Kind.NIC, null, nic, null, field, sourceValue, destValue, harmful);
        }

        /** What it is about, for display only: "NUMA nodes", "node 1", "ens1f0", "ens1f0 → ens2f0". */
        public String subject() {
            return switch (kind) {
                case TOPOLOGY -> "NUMA nodes";
                case NODE -> "node " + node;
                case NIC -> destNic == null ? nic : nic + " → " + destNic;
            };
        }
    }

    /** The hosts' node counts differ and that matters to the instance. */
    public boolean harmfulTopology() {
        return differences.stream().anyMatch(d -> d.harmful() && d.kind() == Difference.Kind.TOPOLOGY);
    }

    /** A difference of this NUMA node matters to the instance. */
    public boolean harmfulAtNode(int node) {
        return differences.stream().anyMatch(d -> d.harmful() && d.kind() == Difference.Kind.NODE
                && d.node() != null && d.node() == node);
    }

    /** A difference of this NIC (by its name on either host) matters to the instance. */
    public boolean harmfulForNic(String name) {
        return differences.stream().anyMatch(d -> d.harmful() && d.kind() == Difference.Kind.NIC
                && (name.equals(d.nic()) || name.equals(d.destNic())));
    }

    public List<Difference> harmful() {
        return differences.stream().filter(Difference::harmful).toList();
    }
}
