package dev.migrationworkbench.diagnosis.numa;

import dev.migrationworkbench.diagnosis.EvidenceItem;
import dev.migrationworkbench.model.CpuList;
import dev.migrationworkbench.model.Evidence;
import dev.migrationworkbench.model.Flavor;
import dev.migrationworkbench.model.HostTopology;
import dev.migrationworkbench.model.Server;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What the instance needs from a host, from its flavor: RAM, vCPUs, and for a NUMA instance
 * ({@code hw:cpu_policy=dedicated}, {@code hw:mem_page_size}, {@code hw:numa_nodes}) the pinned CPUs
 * and hugepages each of its NUMA cells needs on one host node.
 */
public record InstanceNeeds(
        String instanceUuid,
        String flavorName,
        int ramMb,
        int vcpus,
        boolean dedicatedCpus,
        int numaNodes,
        Long pageSizeKb,
        boolean anyLargePage) {

    public static InstanceNeeds of(Evidence evidence) {
        Server server = evidence.server();
        Flavor flavor = evidence.flavor();
        Map<String, String> specs = flavor != null && !flavor.extraSpecs().isEmpty() ? flavor.extraSpecs()
                : server != null ? server.flavorExtraSpecs() : Map.of();
        String page = specs.get("hw:mem_page_size");
        boolean anyLarge = page != null && (page.equalsIgnoreCase("large") || page.equalsIgnoreCase("any"));
        Long pageKb = page == null || anyLarge || page.equalsIgnoreCase("small") ? null : parsePageSizeKb(page);
        boolean dedicated = "dedicated".equalsIgnoreCase(specs.get("hw:cpu_policy"));
        int nodes = parseInt(specs.get("hw:numa_nodes"), dedicated || pageKb != null || anyLarge ? 1 : 0);
        return new InstanceNeeds(server == null ? evidence.serverQuery() : server.id(),
                flavor != null ? flavor.name() : server != null ? server.flavorName() : null,
                flavor == null ? 0 : flavor.ramMb(), flavor == null ? 0 : flavor.vcpus(), dedicated, nodes, pageKb, anyLarge);
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
        if (dedicatedCpus) {
            s.append(", dedicated CPUs");
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
        int cellRam = ramMb / numaNodes;
        int cellCpus = Math.max(1, vcpus / numaNodes);
        int fitting = 0;
        List<EvidenceItem> reasons = new ArrayList<>();
        Set<Integer> dedicatedSet = dedicatedSet(host);
        for (HostTopology.NumaNode node : host.numaNodes()) {
            List<String> lacks = new ArrayList<>();
            if (dedicatedCpus) {
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
            if (lacks.isEmpty()) {
                fitting++;
            } else {
                reasons.add(EvidenceItem.probe(host.host(), "numa node " + node.id(), String.join("; ", lacks)));
            }
        }
        return fitting >= numaNodes ? List.of() : reasons;
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

    private static int parseInt(String text, int fallback) {
        try {
            return text == null ? fallback : Math.max(1, Integer.parseInt(text.trim()));
        } catch (NumberFormatException e) {
            return fallback;
        }
    }
}
