package dev.migrationworkbench.diagnosis.numa;

import dev.migrationworkbench.diagnosis.EvidenceItem;
import dev.migrationworkbench.model.CpuList;
import dev.migrationworkbench.model.Evidence;
import dev.migrationworkbench.model.Flavor;
import dev.migrationworkbench.model.HostTopology;
import dev.migrationworkbench.model.Server;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What the instance needs from a host, from its flavor's extra specs and its image's properties:
 * RAM, vCPUs, and whether Nova gives it a NUMA topology — exactly when
 * {@code nova/virt/hardware.py numa_get_constraints} does: {@code hw:numa_nodes} (or the image's
 * {@code hw_numa_nodes}), CPU policy {@code dedicated} or {@code mixed} ({@code hw:cpu_policy},
 * {@code hw_cpu_policy}, {@code resources:PCPU}), any {@code hw:mem_page_size} including
 * {@code small}, or vPMEM ({@code hw:pmem}). {@code numaReasons} names the specs that did it.
 */
public record InstanceNeeds(
        String instanceUuid,
        String flavorName,
        int ramMb,
        int vcpus,
        String cpuPolicy,
        int numaNodes,
        Long pageSizeKb,
        boolean anyLargePage,
        String pciNumaAffinityPolicy,
        List<String> numaReasons) {

    public InstanceNeeds {
        numaReasons = numaReasons == null ? List.of() : List.copyOf(numaReasons);
    }

    public static InstanceNeeds of(Evidence evidence) {
        Server server = evidence.server();
        Flavor flavor = evidence.flavor();
        Map<String, String> specs = flavor != null && !flavor.extraSpecs().isEmpty() ? flavor.extraSpecs()
                : server != null ? server.flavorExtraSpecs() : Map.of();
        return of(server == null ? evidence.serverQuery() : server.id(),
                flavor != null ? flavor.name() : server != null ? server.flavorName() : null,
                flavor == null ? 0 : flavor.ramMb(), flavor == null ? 0 : flavor.vcpus(), specs,
                evidence.imageProperties());
    }

    /** The constraints Nova derives from these extra specs and image properties (either map may be empty). */
    public static InstanceNeeds of(String instanceUuid, String flavorName, int ramMb, int vcpus,
            Map<String, String> specs, Map<String, String> image) {
        Map<String, String> img = image == null ? Map.of() : image;
        List<String> reasons = new ArrayList<>();
        // hardware.py get_cpu_policy_constraint: the flavor's policy wins, else the image's
        String policy = lower(specs.get("hw:cpu_policy"));
        String policySource = "hw:cpu_policy";
        if (policy == null && img.get("hw_cpu_policy") != null) {
            policy = lower(img.get("hw_cpu_policy"));
            policySource = "image hw_cpu_policy";
        }
        // hardware.py _get_vcpu_pcpu_resources: resources(N):PCPU means dedicated, resources(N):VCPU shared
        for (Map.Entry<String, String> e : specs.entrySet()) {
            if (e.getKey().matches("resources([1-9][0-9]*)?:PCPU") && positive(e.getValue())) {
                policy = "dedicated";
                policySource = e.getKey();
            } else if (e.getKey().matches("resources([1-9][0-9]*)?:VCPU") && positive(e.getValue())) {
                policy = "shared";
                policySource = e.getKey();
            }
        }
        if ("dedicated".equals(policy) || "mixed".equals(policy)) {
            reasons.add(policySource + "=" + policy);
        }
        // hardware.py _get_numa_node_count_constraint: the flavor's or the image's hw_numa_nodes
        String nodesSpec = specs.get("hw:numa_nodes") != null ? specs.get("hw:numa_nodes") : img.get("hw_numa_nodes");
        int nodes = parseNodes(nodesSpec);
        if (nodes > 0) {
            reasons.add((specs.get("hw:numa_nodes") != null ? "hw:numa_nodes=" : "image hw_numa_nodes=") + nodes);
        }
        // hardware.py _get_numa_pagesize_constraint: only the flavor's request counts (the image may
        // only narrow "any"/"large"); every value, "small" included, gives a NUMA topology
        String page = specs.get("hw:mem_page_size");
        boolean anyLarge = false;
        Long pageKb = null;
        if (page != null && !page.isBlank()) {
            reasons.add("hw:mem_page_size=" + page.trim());
            String request = page.trim();
            String narrowed = img.get("hw_mem_page_size");
            if (narrowed != null && (request.equalsIgnoreCase("any") || request.equalsIgnoreCase("large"))) {
                request = narrowed.trim();
            }
            anyLarge = request.equalsIgnoreCase("large") || request.equalsIgnoreCase("any");
            pageKb = anyLarge || request.equalsIgnoreCase("small") ? null : parsePageSizeKb(request);
        }
        // hardware.py get_vpmems: hw:pmem labels
        String pmem = specs.get("hw:pmem");
        if (pmem != null && !pmem.replace(",", "").isBlank()) {
            reasons.add("hw:pmem=" + pmem.trim());
        }
        int numaNodes = reasons.isEmpty() ? 0 : Math.max(1, nodes);
        String pciPolicy = specs.get("hw:pci_numa_affinity_policy") != null ? specs.get("hw:pci_numa_affinity_policy")
                : img.get("hw_pci_numa_affinity_policy");
        return new InstanceNeeds(instanceUuid, flavorName, ramMb, vcpus, policy, numaNodes, pageKb, anyLarge,
                pciPolicy == null ? null : lower(pciPolicy), reasons);
    }

    /** {@code hw:cpu_policy} dedicated: every vCPU pinned (mixed pins only some). */
    public boolean dedicatedCpus() {
        return "dedicated".equals(cpuPolicy);
    }

    /** The flavor was in the evidence. */
    public boolean known() {
        return ramMb > 0;
    }

    /** The instance has a NUMA topology: Nova fits it on host NUMA nodes. */
    public boolean numaBound() {
        return numaNodes > 0;
    }

    public String summary() {
        StringBuilder s = new StringBuilder().append(vcpus).append(" vCPU, ").append(ramMb).append(" MiB RAM");
        if (cpuPolicy != null && !"shared".equals(cpuPolicy)) {
            s.append(", ").append(cpuPolicy).append(" CPUs");
        }
        if (pageSizeKb != null) {
            s.append(", hugepages ").append(pageSizeLabel(pageSizeKb));
        } else if (anyLargePage) {
            s.append(", large pages");
        }
        if (numaNodes > 1) {
            s.append(", ").append(numaNodes).append(" NUMA nodes");
        }
        return s.toString();
    }

    /**
     * For a NUMA instance: the host nodes' shortages when fewer than {@code numaNodes} nodes can each
     * take one cell (CPUs not pinned by other instances, free hugepages or free memory); empty when it fits.
     */
    public List<EvidenceItem> numaShortages(HostTopology host) {
        if (!numaBound() || host.numaNodes().isEmpty()) {
            return List.of();
        }
        int fitting = 0;
        List<EvidenceItem> reasons = new ArrayList<>();
        for (HostTopology.NumaNode node : host.numaNodes()) {
            List<String> lacks = cellLacks(host, node, dedicatedSet(host));
            if (lacks.isEmpty()) {
                fitting++;
            } else {
                reasons.add(EvidenceItem.probe(host.host(), "numa node " + node.id(), String.join("; ", lacks)));
            }
        }
        return fitting >= numaNodes ? List.of() : reasons;
    }

    /**
     * The host nodes Nova would place this NUMA instance's cells on, as {@code nova/virt/hardware.py
     * numa_fit_instance_to_host} picks them with Zed's default spread strategy
     * ({@code [compute] packing_host_numa_cells_allocation_strategy = False}, or the host's own
     * setting when its agent reported it): host cells ordered by free memory, then (pinned
     * instances) by free pCPUs, most first, or (shared CPUs) by CPU use, least first; the first
     * cells that each fit one instance cell. {@code allowed} narrows the nodes (a PCI device or
     * physnet the instance must be local to), null for any. Empty when it does not fit or the
     * instance has no NUMA topology.
     */
    public List<Integer> predictedNodes(HostTopology host, Set<Integer> allowed) {
        if (!numaBound() || host.numaNodes().size() < numaNodes) {
            return List.of();
        }
        boolean pack = "true".equalsIgnoreCase(NovaConf.get(host.novaConfig(), "packing_host_numa_cells_allocation_strategy"));
        Set<Integer> dedicated = dedicatedSet(host);
        List<HostTopology.NumaNode> cells = new ArrayList<>(host.numaNodes());
        if (host.numaNodes().size() > numaNodes) {
            Comparator<HostTopology.NumaNode> byMemory = Comparator.comparingLong(
                    n -> n.memoryFreeMb() == null ? n.memoryTotalMb() : n.memoryFreeMb());
            cells.sort(pack ? byMemory : byMemory.reversed());
            if (cpuPolicy == null || "shared".equals(cpuPolicy)) {
                Comparator<HostTopology.NumaNode> byUse = Comparator.comparingInt(n -> pinnedByOthers(host, n));
                cells.sort(pack ? byUse.reversed() : byUse);
            } else {
                Comparator<HostTopology.NumaNode> byFree = Comparator.comparingInt(n -> freeCpus(host, n, dedicated).size());
                cells.sort(pack ? byFree : byFree.reversed());
            }
        }
        List<Integer> chosen = new ArrayList<>();
        for (HostTopology.NumaNode node : cells) {
            if (chosen.size() < numaNodes && (allowed == null || allowed.contains(node.id()))
                    && cellLacks(host, node, dedicated).isEmpty()) {
                chosen.add(node.id());
            }
        }
        return chosen.size() == numaNodes ? chosen : List.of();
    }

    /** What one host node lacks for one cell of the instance (empty: it fits). */
    private List<String> cellLacks(HostTopology host, HostTopology.NumaNode node, Set<Integer> dedicatedSet) {
        int cellRam = ramMb / Math.max(1, numaNodes);
        int cellCpus = Math.max(1, vcpus / Math.max(1, numaNodes));
        List<String> lacks = new ArrayList<>();
        if (dedicatedCpus()) {
            int free = freeCpus(host, node, dedicatedSet).size();
            if (free < cellCpus) {
                lacks.add("free pCPUs " + free + " < " + cellCpus);
            }
        }
        if (pageSizeKb != null || anyLargePage) {
            long freePages = node.hugepages().stream()
                    .filter(p -> pageSizeKb == null ? p.sizeKb() > 4 : p.sizeKb() == pageSizeKb)
                    .mapToLong(p -> p.free() * p.sizeKb() / 1024).max().orElse(0);
            if (freePages < cellRam) {
                lacks.add("free hugepage memory " + freePages + " MiB < " + cellRam + " MiB");
            }
        } else if (node.memoryFreeMb() != null && node.memoryFreeMb() < cellRam) {
            lacks.add("free memory " + node.memoryFreeMb() + " MiB < " + cellRam + " MiB");
        }
        return lacks;
    }

    private int pinnedByOthers(HostTopology host, HostTopology.NumaNode node) {
        Set<Integer> cpus = new HashSet<>(node.cpus());
        return (int) host.instances().stream().filter(i -> !i.instanceUuid().equals(instanceUuid))
                .flatMap(i -> i.pinnedCpus().stream()).filter(cpus::contains).count();
    }

    /** The node's CPUs that are usable for pinning and not pinned by another instance. */
    public Set<Integer> freeCpus(HostTopology host, HostTopology.NumaNode node, Set<Integer> dedicatedSet) {
        Set<Integer> free = new HashSet<>(node.cpus());
        if (!dedicatedSet.isEmpty()) {
            free.retainAll(dedicatedSet);
        }
        host.instances().stream().filter(i -> !i.instanceUuid().equals(instanceUuid))
                .forEach(i -> free.removeAll(i.pinnedCpus()));
        return free;
    }

    /** {@code [compute] cpu_dedicated_set} from the host's nova.conf, empty when not reported. */
    public static Set<Integer> dedicatedSet(HostTopology host) {
        String value = NovaConf.get(host.novaConfig(), "cpu_dedicated_set");
        try {
            return value == null ? Set.of() : new HashSet<>(CpuList.parse(value));
        } catch (IllegalArgumentException e) {
            return Set.of();
        }
    }

    /** 1048576 → "1GB", 2048 → "2MB", 4 → "4KB". */
    public static String pageSizeLabel(long sizeKb) {
        if (sizeKb >= 1024 * 1024 && sizeKb % (1024 * 1024) == 0) {
            return sizeKb / (1024 * 1024) + "GB";
        }
        return sizeKb >= 1024 && sizeKb % 1024 == 0 ? sizeKb / 1024 + "MB" : sizeKb + "KB";
    }

    /** "1GB", "2MB", "2048" (KiB, Nova's unit when none is given), "1048576KB". */
    static Long parsePageSizeKb(String text) {
        String t = text.trim().toUpperCase(Locale.ROOT).replace("IB", "B");
        long factor = 1;
        if (t.endsWith("GB") || t.endsWith("G")) {
            factor = 1024 * 1024;
        } else if (t.endsWith("MB") || t.endsWith("M")) {
            factor = 1024;
        }
        String digits = t.replaceAll("[^0-9]", "");
        try {
            return digits.isEmpty() ? null : Long.parseLong(digits) * factor;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static int parseNodes(String text) {
        try {
            return text == null ? 0 : Math.max(0, Integer.parseInt(text.trim()));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static boolean positive(String text) {
        try {
            return text != null && Integer.parseInt(text.trim()) > 0;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static String lower(String text) {
        return text == null ? null : text.trim().toLowerCase(Locale.ROOT);
    }
}
