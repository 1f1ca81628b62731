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
 * the instance performance are marked harmful, and only for an instance Nova gave a NUMA topology
 * ({@link InstanceNeeds#numaBound()}, or pinned CPUs seen on a host): layout differences of the
 * nodes it uses, a NIC it is known to use on another node than the instance at the destination,
 * its destination node busier than its source node.
 *
 * <p>Where the instance sits at the destination: where the destination's agent sees it (after the
 * move), else where Nova would place it. NUMA-aware live migration (Train and later,
 * {@code nova/conductor/tasks/live_migrate.py _check_instance_has_no_numa} and the destination's
 * {@code check_can_live_migrate_destination} claim) recalculates the placement on the destination
 * with {@code numa_fit_instance_to_host}; the source's node IDs are never assumed. A PCI device the
 * instance uses (an SR-IOV VF or a passed-through NIC) under the {@code legacy} (default) or
 * {@code required} PCI NUMA affinity policy, and a physnet with {@code [neutron_physnet_*]
 * numa_nodes} in the destination's nova.conf, confine that placement to their nodes, as Nova's fit
 * does.
 */
public final class NumaDiffer {

    /** Relative difference of memory sizes below which two nodes count as the same size. */
    private static final double MEMORY_TOLERANCE = 0.02;

    /**
     * For a caller without the instance's flavor: {@code numaBound} says whether it has a NUMA
     * topology; its destination nodes are then only known from the destination's agent.
     */
    public NumaDiff diff(HostTopology source, HostTopology dest, String instanceUuid, boolean numaBound) {
        return diff(source, dest, new InstanceNeeds(instanceUuid, null, 0, 0, null, numaBound ? 1 : 0, null, false,
                null, numaBound ? List.of("placement") : List.of()));
    }

    public NumaDiff diff(HostTopology source, HostTopology dest, InstanceNeeds needs) {
        String instanceUuid = needs.instanceUuid();
        Optional<InstancePlacement> atSource = placement(source, instanceUuid);
        Optional<InstancePlacement> atDest = placement(dest, instanceUuid);
        NumaDiff.InstanceSide srcSide = atSource.map(p -> side(source, p)).orElse(null);
        NumaDiff.InstanceSide destSide = atDest.map(p -> side(dest, p)).orElse(null);
        boolean numaBound = needs.numaBound() || atSource.map(p -> !p.pinnedCpus().isEmpty()).orElse(false)
                || atDest.map(p -> !p.pinnedCpus().isEmpty()).orElse(false);
        Set<String> usedNics = new LinkedHashSet<>();
        if (srcSide != null) {
            usedNics.addAll(srcSide.nics());
        }
        if (destSide != null) {
            usedNics.addAll(destSide.nics());
        }
        // where the instance is, or will be, at the destination (empty: unknown)
        List<Integer> destNodes = List.of();
        boolean predicted = false;
        if (numaBound && destSide != null && !destSide.nodes().isEmpty()) {
            destNodes = destSide.nodes();
        } else if (numaBound && needs.known()) {
            destNodes = needs.predictedNodes(dest, requiredNodes(source, dest, atSource.orElse(null), needs));
            predicted = true;
        }
        Set<Integer> instanceNodes = new TreeSet<>(destNodes);
        if (srcSide != null) {
            instanceNodes.addAll(srcSide.nodes());
        }
        List<Difference> differences = new ArrayList<>();
        if (source.numaNodes().size() != dest.numaNodes().size()) {
            differences.add(Difference.topology(Field.PRESENCE, String.valueOf(source.numaNodes().size()),
                    String.valueOf(dest.numaNodes().size()), numaBound));
        }
        List<NumaDiff.NodeRow> nodes = nodeRows(source, dest, instanceUuid, instanceNodes, srcSide, destSide,
                new TreeSet<>(destNodes), numaBound, differences);
        List<NumaDiff.NicRow> nics = nicRows(source, dest, usedNics, numaBound ? destNodes : List.of(), differences);
        return new NumaDiff(source.host(), dest.host(), instanceUuid, nodes, nics, srcSide, destSide, destNodes,
                predicted, differences);
    }

    /**
     * The destination nodes the instance must be local to: those of a PCI device it uses at the
     * source (legacy or required policy; Nova's default for PCI devices is legacy, which requires
     * locality when the device reports a node), and those of {@code [neutron_physnet_X] numa_nodes}
     * for the physnets of the NICs it uses. Null when nothing confines it.
     */
    private static Set<Integer> requiredNodes(HostTopology source, HostTopology dest, InstancePlacement atSource,
            InstanceNeeds needs) {
        if (atSource == null) {
            return null;
        }
        Set<Integer> required = null;
        String policy = needs.pciNumaAffinityPolicy() == null ? "legacy" : needs.pciNumaAffinityPolicy();
        for (String entry : atSource.nics()) {
            Optional<HostTopology.Nic> nic = source.nics().stream().filter(n -> matches(n, entry)).findFirst();
            if (nic.isEmpty()) {
                continue;
            }
            String physnet = nic.get().physnet();
            boolean pciDevice = !entry.equals(nic.get().name());
            Optional<HostTopology.Nic> there = dest.nics().stream()
                    .filter(n -> n.name().equals(nic.get().physfn() == null ? nic.get().name() : physfnName(source, nic.get()))
                            || physnet != null && physnet.equals(n.physnet()))
                    .filter(n -> n.numaNode() >= 0).findFirst();
            if (pciDevice && there.isPresent() && ("legacy".equals(policy) || "required".equals(policy))) {
                required = intersect(required, Set.of(there.get().numaNode()));
            }
            String physnetNodes = physnet == null ? null
                    : dest.novaConfig().get("neutron_physnet_" + physnet + ".numa_nodes");
            if (!pciDevice && physnetNodes != null) {
                try {
                    required = intersect(required, new TreeSet<>(CpuList.parse(physnetNodes.replace(" ", ""))));
                } catch (IllegalArgumentException e) {
                    // not a node list: Nova would refuse to start; nothing to narrow by
                }
            }
        }
        return required;
    }

    private static Set<Integer> intersect(Set<Integer> a, Set<Integer> b) {
        if (a == null) {
            return new TreeSet<>(b);
        }
        Set<Integer> both = new TreeSet<>(a);
        both.retainAll(b);
        return both;
    }

    private static boolean matches(HostTopology.Nic n, String entry) {
        return entry.equals(n.name()) || entry.equalsIgnoreCase(n.pciAddress())
                || n.vfs().stream().anyMatch(entry::equalsIgnoreCase);
    }

    private List<NumaDiff.NodeRow> nodeRows(HostTopology source, HostTopology dest, String uuid, Set<Integer> instanceNodes,
            NumaDiff.InstanceSide srcSide, NumaDiff.InstanceSide destSide, Set<Integer> target, boolean numaBound,
            List<Difference> differences) {
        Map<Integer, HostTopology.NumaNode> a = byId(source.numaNodes(), HostTopology.NumaNode::id);
        Map<Integer, HostTopology.NumaNode> b = byId(dest.numaNodes(), HostTopology.NumaNode::id);
        List<NumaDiff.NodeRow> rows = new ArrayList<>();
        for (int id : union(a.keySet(), b.keySet())) {
            NumaDiff.NodeSide s = a.containsKey(id) ? nodeSide(source, a.get(id), uuid, srcSide) : null;
            NumaDiff.NodeSide d = b.containsKey(id) ? nodeSide(dest, b.get(id), uuid, destSide) : null;
            boolean matters = numaBound && (instanceNodes.isEmpty() || instanceNodes.contains(id));
            Set<Field> differing = EnumSet.noneOf(Field.class);
            if (s == null || d == null) {
                differing.add(Field.PRESENCE);
                differences.add(Difference.node(id, Field.PRESENCE, s == null ? "-" : "present",
                        d == null ? "-" : "present", matters));
            } else {
                compare(differences, differing, id, Field.CPUS, CpuList.format(s.cpus()), CpuList.format(d.cpus()),
                        !s.cpus().equals(d.cpus()), matters);
                compare(differences, differing, id, Field.MEMORY, s.memoryTotalMb() + " MiB", d.memoryTotalMb() + " MiB",
                        relativelyDifferent(s.memoryTotalMb(), d.memoryTotalMb()), matters);
                compare(differences, differing, id, Field.HUGEPAGES, pools(s.hugepages()), pools(d.hugepages()),
                        !totals(s.hugepages()).equals(totals(d.hugepages())), matters);
                compare(differences, differing, id, Field.DISTANCES, s.distances().toString(), d.distances().toString(),
                        !s.distances().equals(d.distances()), matters);
                compare(differences, differing, id, Field.FREE_MEMORY, s.memoryFreeMb() + " MiB", d.memoryFreeMb() + " MiB",
                        s.memoryFreeMb() != null && d.memoryFreeMb() != null
                                && relativelyDifferent(s.memoryFreeMb(), d.memoryFreeMb()), false);
                // busier than the node the instance had at the source (not the same node ID: Nova re-places it)
                NumaDiff.NodeSide was = srcSide == null || srcSide.nodes().isEmpty() ? s
                        : nodeSide(source, a.getOrDefault(srcSide.nodes().get(0), a.get(id)), uuid, srcSide);
                boolean busier = numaBound && target.contains(id) && !d.otherInstances().isEmpty()
                        && (d.pinnedByOthers().size() > was.pinnedByOthers().size()
                                || d.otherInstances().size() > was.otherInstances().size());
                compare(differences, differing, id, Field.PINNED_BY_OTHERS,
                        describeUse(was), describeUse(d), busier || !s.pinnedByOthers().equals(d.pinnedByOthers()), busier);
            }
            rows.add(new NumaDiff.NodeRow(id, s, d, differing));
        }
        return rows;
    }

    /**
     * NIC rows. A NIC's use is known only from the instance's interfaces on a host (its agent's
     * libvirt view); a NIC nobody is known to use is never harmful. Its node differing between the
     * hosts is shown; what costs performance is the used NIC away from the instance's nodes at the
     * destination ({@link Field#NIC_NODE_VS_INSTANCE}), judged only when those nodes are known.
     */
    private List<NumaDiff.NicRow> nicRows(HostTopology source, HostTopology dest, Set<String> usedNics,
            List<Integer> destNodes, List<Difference> differences) {
        Map<String, HostTopology.Nic> a = byId(source.nics(), HostTopology.Nic::name);
        Map<String, HostTopology.Nic> b = byId(dest.nics(), HostTopology.Nic::name);
        List<NumaDiff.NicRow> rows = new ArrayList<>();
        for (String name : union(a.keySet(), b.keySet())) {
            HostTopology.Nic s = a.get(name);
            HostTopology.Nic d = b.get(name);
            boolean used = usedNics.contains(name);
            Set<Field> differing = EnumSet.noneOf(Field.class);
            if (s == null || d == null) {
                differing.add(Field.PRESENCE);
                differences.add(Difference.nic(name, Field.PRESENCE, s == null ? "-" : s.pciAddress(),
                        d == null ? "-" : d.pciAddress(), used));
            } else {
                compareNic(differences, differing, name, Field.NUMA_NODE, node(s.numaNode()), node(d.numaNode()),
                        s.numaNode() != d.numaNode(), false);
                compareNic(differences, differing, name, Field.PCI_ADDRESS, s.pciAddress(), d.pciAddress(),
                        !Objects.equals(s.pciAddress(), d.pciAddress()), false);
                compareNic(differences, differing, name, Field.PHYSNET, String.valueOf(s.physnet()), String.valueOf(d.physnet()),
                        !Objects.equals(s.physnet(), d.physnet()), used);
                compareNic(differences, differing, name, Field.SRIOV, s.sriovTotalVfs() + " VFs", d.sriovTotalVfs() + " VFs",
                        !Objects.equals(s.sriovTotalVfs(), d.sriovTotalVfs()), false);
                compareNic(differences, differing, name, Field.SPEED, s.speedMbps() + " Mb/s", d.speedMbps() + " Mb/s",
                        !Objects.equals(s.speedMbps(), d.speedMbps()), false);
            }
            if (d != null && used && d.numaNode() >= 0 && !destNodes.isEmpty() && !destNodes.contains(d.numaNode())) {
                differing.add(Field.NIC_NODE_VS_INSTANCE);
                differences.add(Difference.nic(name, Field.NIC_NODE_VS_INSTANCE, nodes(destNodes), node(d.numaNode()), true));
            }
            rows.add(new NumaDiff.NicRow(name, nicSide(s), nicSide(d), differing, used));
        }
        // a NIC the instance uses that the destination names differently: the one on the same physnet
        for (String name : usedNics) {
            HostTopology.Nic s = a.get(name);
            if (s == null || b.containsKey(name) || s.physnet() == null || destNodes.isEmpty()) {
                continue;
            }
            dest.nics().stream().filter(n -> s.physnet().equals(n.physnet()) && n.numaNode() >= 0)
                    .filter(n -> !destNodes.contains(n.numaNode())).findFirst()
                    .ifPresent(n -> differences.add(new Difference(Difference.Kind.NIC, null, name, n.name(),
                            Field.NIC_NODE_VS_INSTANCE, nodes(destNodes), node(n.numaNode()), true)));
        }
        return rows;
    }

    private static void compare(List<Difference> differences, Set<Field> differing, int node, Field field,
            String source, String dest, boolean different, boolean harmful) {
        if (different) {
            differing.add(field);
            differences.add(Difference.node(node, field, source, dest, harmful));
        }
    }

    private static void compareNic(List<Difference> differences, Set<Field> differing, String nic, Field field,
            String source, String dest, boolean different, boolean harmful) {
        if (different) {
            differing.add(field);
            differences.add(Difference.nic(nic, field, source, dest, harmful));
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
                    .filter(n -> matches(n, entry)).findFirst().ifPresent(n -> names.add(n.physfn() != null ? physfnName(host, n) : n.name()));
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
