package dev.migrationworkbench.diagnosis.numa;

import dev.migrationworkbench.diagnosis.numa.NumaDiff.Difference;
import dev.migrationworkbench.diagnosis.numa.NumaDiff.Field;
import dev.migrationworkbench.model.CpuList;
import dev.migrationworkbench.model.HostTopology;
import dev.migrationworkbench.model.HostTopology.InstancePlacement;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Compares two hosts' NUMA and NIC layout for one instance (DOMAIN-NOTES.md 2.6): node count, CPUs,
 * memory, hugepages and distances of each node; each NIC's node, PCI address, physnet and SR-IOV;
 * the CPUs other instances pin per node; where the instance and its NICs sit. Differences that cost
 * the instance performance are marked harmful: layout differences for an instance with a NUMA
 * topology, a NIC it uses that changes node or is away from its CPUs, its node busier at the
 * destination than at the source.
 */
public final class NumaDiffer {

    /** Relative difference of memory sizes below which two nodes count as the same size. */
    private static final double MEMORY_TOLERANCE = 0.02;

    public NumaDiff diff(HostTopology source, HostTopology dest, String instanceUuid, boolean instanceHasNumaTopology) {
        Optional<InstancePlacement> atSource = placement(source, instanceUuid);
        Optional<InstancePlacement> atDest = placement(dest, instanceUuid);
        NumaDiff.InstanceSide srcSide = atSource.map(p -> side(source, p)).orElse(null);
        NumaDiff.InstanceSide destSide = atDest.map(p -> side(dest, p)).orElse(null);
        Set<Integer> instanceNodes = new TreeSet<>();
        if (srcSide != null) {
            instanceNodes.addAll(srcSide.nodes());
        }
        if (destSide != null) {
            instanceNodes.addAll(destSide.nodes());
        }
        boolean numaBound = instanceHasNumaTopology || atSource.map(p -> !p.pinnedCpus().isEmpty()).orElse(false)
                || atDest.map(p -> !p.pinnedCpus().isEmpty()).orElse(false);
        List<Difference> differences = new ArrayList<>();
        if (source.numaNodes().size() != dest.numaNodes().size()) {
            differences.add(new Difference(Difference.Kind.TOPOLOGY, "NUMA nodes", Field.PRESENCE,
                    String.valueOf(source.numaNodes().size()), String.valueOf(dest.numaNodes().size()), numaBound));
        }
        List<NumaDiff.NodeRow> nodes = nodeRows(source, dest, instanceUuid, instanceNodes, srcSide, destSide, numaBound,
                differences);
        Set<String> usedNics = new LinkedHashSet<>();
        if (srcSide != null) {
            usedNics.addAll(srcSide.nics());
        }
        if (destSide != null) {
            usedNics.addAll(destSide.nics());
        }
        List<NumaDiff.NicRow> nics = nicRows(source, dest, usedNics, destSide, differences);
        return new NumaDiff(source.host(), dest.host(), instanceUuid, nodes, nics, srcSide, destSide, differences);
    }

    private List<NumaDiff.NodeRow> nodeRows(HostTopology source, HostTopology dest, String uuid, Set<Integer> instanceNodes,
            NumaDiff.InstanceSide srcSide, NumaDiff.InstanceSide destSide, boolean numaBound, List<Difference> differences) {
        Map<Integer, HostTopology.NumaNode> a = byId(source.numaNodes(), HostTopology.NumaNode::id);
        Map<Integer, HostTopology.NumaNode> b = byId(dest.numaNodes(), HostTopology.NumaNode::id);
        // where the instance is or will be: its destination nodes, else the same node IDs as at the source
        Set<Integer> target = destSide != null ? new TreeSet<>(destSide.nodes())
                : srcSide != null ? new TreeSet<>(srcSide.nodes()) : Set.of();
        List<NumaDiff.NodeRow> rows = new ArrayList<>();
        for (int id : union(a.keySet(), b.keySet())) {
            NumaDiff.NodeSide s = a.containsKey(id) ? nodeSide(source, a.get(id), uuid, srcSide) : null;
            NumaDiff.NodeSide d = b.containsKey(id) ? nodeSide(dest, b.get(id), uuid, destSide) : null;
            boolean matters = numaBound && (instanceNodes.isEmpty() || instanceNodes.contains(id));
            String subject = "node " + id;
            Set<Field> differing = EnumSet.noneOf(Field.class);
            if (s == null || d == null) {
                differing.add(Field.PRESENCE);
                differences.add(new Difference(Difference.Kind.NODE, subject, Field.PRESENCE, s == null ? "-" : "present",
                        d == null ? "-" : "present", matters));
            } else {
                compare(differences, differing, subject, Field.CPUS, CpuList.format(s.cpus()), CpuList.format(d.cpus()),
                        !s.cpus().equals(d.cpus()), matters);
                compare(differences, differing, subject, Field.MEMORY, s.memoryTotalMb() + " MiB", d.memoryTotalMb() + " MiB",
                        relativelyDifferent(s.memoryTotalMb(), d.memoryTotalMb()), matters);
                compare(differences, differing, subject, Field.HUGEPAGES, pools(s.hugepages()), pools(d.hugepages()),
                        !totals(s.hugepages()).equals(totals(d.hugepages())), matters);
                compare(differences, differing, subject, Field.DISTANCES, s.distances().toString(), d.distances().toString(),
                        !s.distances().equals(d.distances()), matters);
                compare(differences, differing, subject, Field.FREE_MEMORY, s.memoryFreeMb() + " MiB", d.memoryFreeMb() + " MiB",
                        s.memoryFreeMb() != null && d.memoryFreeMb() != null
                                && relativelyDifferent(s.memoryFreeMb(), d.memoryFreeMb()), false);
                boolean busier = target.contains(id) && !d.otherInstances().isEmpty()
                        && (d.pinnedByOthers().size() > s.pinnedByOthers().size()
                                || d.otherInstances().size() > s.otherInstances().size());
                compare(differences, differing, subject, Field.PINNED_BY_OTHERS,
                        describeUse(s), describeUse(d), busier || !s.pinnedByOthers().equals(d.pinnedByOthers()), busier);
            }
            rows.add(new NumaDiff.NodeRow(id, s, d, differing));
        }
        return rows;
    }

    private List<NumaDiff.NicRow> nicRows(HostTopology source, HostTopology dest, Set<String> usedNics,
            NumaDiff.InstanceSide destSide, List<Difference> differences) {
        Map<String, HostTopology.Nic> a = byId(source.nics(), HostTopology.Nic::name);
        Map<String, HostTopology.Nic> b = byId(dest.nics(), HostTopology.Nic::name);
        List<NumaDiff.NicRow> rows = new ArrayList<>();
        for (String name : union(a.keySet(), b.keySet())) {
            HostTopology.Nic s = a.get(name);
            HostTopology.Nic d = b.get(name);
            boolean used = usedNics.contains(name)
                    || usedNics.isEmpty() && (s != null && s.physnet() != null || d != null && d.physnet() != null);
            Set<Field> differing = EnumSet.noneOf(Field.class);
            if (s == null || d == null) {
                differing.add(Field.PRESENCE);
                differences.add(new Difference(Difference.Kind.NIC, name, Field.PRESENCE, s == null ? "-" : s.pciAddress(),
                        d == null ? "-" : d.pciAddress(), usedNics.contains(name)));
            } else {
                boolean known = s.numaNode() >= 0 && d.numaNode() >= 0;
                compare(differences, differing, name, Field.NUMA_NODE, node(s.numaNode()), node(d.numaNode()),
                        s.numaNode() != d.numaNode(), used && known);
                compare(differences, differing, name, Field.PCI_ADDRESS, s.pciAddress(), d.pciAddress(),
                        !Objects.equals(s.pciAddress(), d.pciAddress()), false);
                compare(differences, differing, name, Field.PHYSNET, String.valueOf(s.physnet()), String.valueOf(d.physnet()),
                        !Objects.equals(s.physnet(), d.physnet()), used);
                compare(differences, differing, name, Field.SRIOV, s.sriovTotalVfs() + " VFs", d.sriovTotalVfs() + " VFs",
                        !Objects.equals(s.sriovTotalVfs(), d.sriovTotalVfs()), false);
                compare(differences, differing, name, Field.SPEED, s.speedMbps() + " Mb/s", d.speedMbps() + " Mb/s",
                        !Objects.equals(s.speedMbps(), d.speedMbps()), false);
            }
            if (d != null && destSide != null && used && d.numaNode() >= 0 && !destSide.nodes().isEmpty()
                    && !destSide.nodes().contains(d.numaNode())) {
                differing.add(Field.NUMA_NODE);
                differing.add(Field.NIC_NODE_VS_INSTANCE);
                differences.add(new Difference(Difference.Kind.NIC, name, Field.NIC_NODE_VS_INSTANCE,
                        nodes(destSide.nodes()), node(d.numaNode()), true));
            }
            rows.add(new NumaDiff.NicRow(name, nicSide(s), nicSide(d), differing, usedNics.contains(name)));
        }
        // a NIC the instance uses that the destination names differently: the one on the same physnet
        for (String name : usedNics) {
            HostTopology.Nic s = a.get(name);
            if (s == null || b.containsKey(name) || s.physnet() == null || s.numaNode() < 0) {
                continue;
            }
            dest.nics().stream().filter(n -> s.physnet().equals(n.physnet()) && n.numaNode() >= 0)
                    .filter(n -> n.numaNode() != s.numaNode()).findFirst()
                    .ifPresent(n -> differences.add(new Difference(Difference.Kind.NIC, name + " → " + n.name(),
                            Field.NUMA_NODE, node(s.numaNode()), node(n.numaNode()), true)));
        }
        return rows;
    }

    private static void compare(List<Difference> differences, Set<Field> differing, String subject, Field field,
            String source, String dest, boolean different, boolean harmful) {
        if (different) {
            differing.add(field);
            differences.add(new Difference(subject.startsWith("node ") ? Difference.Kind.NODE : Difference.Kind.NIC,
                    subject, field, source, dest, harmful));
        }
    }

    private static NumaDiff.NodeSide nodeSide(HostTopology host, HostTopology.NumaNode node, String uuid,
            NumaDiff.InstanceSide instance) {
        Map<Long, NumaDiff.Pool> pools = new TreeMap<>();
        node.hugepages().forEach(p -> pools.put(p.sizeKb(), new NumaDiff.Pool(p.total(), p.free())));
        Set<Integer> cpus = new TreeSet<>(node.cpus());
        List<Integer> pinned = new ArrayList<>();
        List<String> others = new ArrayList<>();
        for (InstancePlacement p : host.instances()) {
            if (p.instanceUuid().equals(uuid)) {
                continue;
            }
            List<Integer> here = p.pinnedCpus().stream().filter(cpus::contains).toList();
            pinned.addAll(here);
            if (!here.isEmpty() || p.memoryNodes().contains(node.id())) {
                others.add(p.domainName() != null ? p.domainName() : p.instanceUuid());
            }
        }
        return new NumaDiff.NodeSide(node.cpus(), node.memoryTotalMb(), node.memoryFreeMb(), pools, node.distances(),
                new ArrayList<>(new TreeSet<>(pinned)), others, instance != null && instance.nodes().contains(node.id()));
    }

    private static NumaDiff.InstanceSide side(HostTopology host, InstancePlacement p) {
        Map<Integer, Integer> cpuNode = new HashMap<>();
        host.numaNodes().forEach(n -> n.cpus().forEach(c -> cpuNode.put(c, n.id())));
        Set<Integer> nodes = new TreeSet<>(p.memoryNodes());
        p.pinnedCpus().stream().map(cpuNode::get).filter(Objects::nonNull).forEach(nodes::add);
        return new NumaDiff.InstanceSide(new ArrayList<>(nodes), p.pinnedCpus(), p.hugepageSizeKb(), hostNics(host, p),
                p.nics());
    }

    /** The host NICs behind the instance's interfaces: a NIC named so, at that PCI address, or owning that VF. */
    public static List<String> hostNics(HostTopology host, InstancePlacement p) {
        Set<String> names = new LinkedHashSet<>();
        for (String entry : p.nics()) {
            host.nics().stream()
                    .filter(n -> entry.equals(n.name()) || entry.equalsIgnoreCase(n.pciAddress())
                            || n.vfs().stream().anyMatch(entry::equalsIgnoreCase))
                    .findFirst().ifPresent(n -> names.add(n.physfn() != null ? physfnName(host, n) : n.name()));
        }
        return new ArrayList<>(names);
    }

    /** A VF listed as a NIC of its own counts as its PF. */
    private static String physfnName(HostTopology host, HostTopology.Nic vf) {
        return host.nics().stream().filter(n -> vf.physfn().equalsIgnoreCase(n.pciAddress()) || vf.physfn().equals(n.name()))
                .map(HostTopology.Nic::name).findFirst().orElse(vf.name());
    }

    private static Optional<InstancePlacement> placement(HostTopology host, String uuid) {
        return host.instances().stream().filter(p -> p.instanceUuid().equals(uuid)).findFirst();
    }

    private static NumaDiff.NicSide nicSide(HostTopology.Nic nic) {
        return nic == null ? null : new NumaDiff.NicSide(nic.pciAddress(), nic.numaNode(), nic.physnet(),
                nic.sriovTotalVfs(), nic.sriovNumVfs(), nic.speedMbps());
    }

    private static String describeUse(NumaDiff.NodeSide side) {
        return side.pinnedByOthers().size() + " CPUs pinned by " + side.otherInstances().size() + " other instance(s)"
                + (side.otherInstances().isEmpty() ? "" : " " + side.otherInstances());
    }

    private static String pools(Map<Long, NumaDiff.Pool> pools) {
        if (pools.isEmpty()) {
            return "-";
        }
        StringBuilder s = new StringBuilder();
        pools.forEach((size, p) -> s.append(s.length() == 0 ? "" : ", ").append(InstanceNeeds.pageSizeLabel(size))
                .append(": ").append(p.free()).append('/').append(p.total()).append(" free"));
        return s.toString();
    }

    /** Page sizes with their page counts (free pages are usage, not layout). */
    private static Map<Long, Integer> totals(Map<Long, NumaDiff.Pool> pools) {
        Map<Long, Integer> t = new TreeMap<>();
        pools.forEach((size, p) -> {
            if (p.total() > 0) {
                t.put(size, p.total());
            }
        });
        return t;
    }

    private static boolean relativelyDifferent(long a, long b) {
        return Math.abs(a - b) > MEMORY_TOLERANCE * Math.max(a, b);
    }

    static String node(int id) {
        return id < 0 ? "unknown (-1)" : "node " + id;
    }

    private static String nodes(List<Integer> ids) {
        return ids.size() == 1 ? "node " + ids.get(0) : "nodes " + ids;
    }

    private static <K extends Comparable<K>, V> Map<K, V> byId(List<V> items, Function<V, K> id) {
        Map<K, V> map = new TreeMap<>();
        items.forEach(i -> map.putIfAbsent(id.apply(i), i));
        return map;
    }

    private static <K extends Comparable<K>> Set<K> union(Set<K> a, Set<K> b) {
        Set<K> all = new TreeSet<>(a);
        all.addAll(b);
        return all;
    }
}
