package dev.migrationworkbench.democloud;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * What a host can still take: Placement's inventory arithmetic (allocation ratios, reserved memory)
 * and the NUMA fit of the NUMATopologyFilter for pinned / huge-page instances.
 */
final class Placement {

    static final double CPU_ALLOCATION_RATIO = 4.0;
    /** nova/conf/compute.py initial_ram_allocation_ratio: 1.0 since Stein (was 1.5); CPU 4.0 (was 16.0). */
    static final double RAM_ALLOCATION_RATIO = 1.0;
    static final long RESERVED_HOST_MEMORY_MB = 512;

    private final World world;

    Placement(World world) {
        this.world = world;
    }

    static boolean needsNuma(Flavor f) {
        Map<String, String> s = f.extraSpecs();
        return "dedicated".equals(s.get("hw:cpu_policy")) || s.containsKey("hw:numa_nodes")
                || s.containsKey("hw:mem_page_size");
    }

    /** The servers that hold resources on a host: placed there, or arriving by a live migration in flight. */
    List<Server> consumers(Host h, List<Server> arriving) {
        List<Server> list = new ArrayList<>(world.serversOn(h.name));
        list.addAll(arriving);
        return list;
    }

    long freeRamMb(Host h, List<Server> arriving) {
        long used = 0;
        for (Server s : consumers(h, arriving)) {
            used += s.flavor.ramMb();
        }
        return (long) (h.memoryMb * RAM_ALLOCATION_RATIO) - RESERVED_HOST_MEMORY_MB - used;
    }

    /** Null when the server fits; otherwise the resource that is short, in Placement's words. */
    String shortage(Host h, Server s, List<Server> arriving) {
        if (freeRamMb(h, arriving) < s.flavor.ramMb()) {
            return "MEMORY_MB";
        }
        int vcpus = 0;
        long disk = 0;
        for (Server o : consumers(h, arriving)) {
            vcpus += o.flavor.vcpus();
            disk += o.flavor.diskGb() + o.flavor.ephemeralGb();
        }
        if (vcpus + s.flavor.vcpus() > h.vcpus * CPU_ALLOCATION_RATIO) {
            return "VCPU";
        }
        if (disk + s.flavor.diskGb() + s.flavor.ephemeralGb() > h.localGb) {
            return "DISK_GB";
        }
        return null;
    }

    /**
     * The NUMA node Nova's fit gives the instance on this host, or -1 when none can take it
     * (nova/virt/hardware.py numa_fit_instance_to_host with Zed's default spread strategy: host
     * cells by free memory, then — pinned instances — by free pCPUs, most first, or — shared — by
     * CPU use, least first; the first that fits: CPUs to pin, memory, huge pages).
     */
    int numaFit(Host h, Server s, List<Server> arriving) {
        String pageSize = s.flavor.extraSpecs().get("hw:mem_page_size");
        boolean dedicated = "dedicated".equals(s.flavor.extraSpecs().get("hw:cpu_policy"));
        List<long[]> fitting = new ArrayList<>();   // {node, free memory MiB, free CPUs, order, used CPUs}
        for (Host.NumaNode node : h.numa) {
            int usedCpus = 0;
            long usedMb = 0;
            long usedPages = 0;
            for (Server o : consumers(h, arriving)) {
                if (o != s && o.numaNode != null && o.numaNode == node.node() && o.host != null) {
                    usedCpus += o.flavor.vcpus();
                    usedMb += o.flavor.ramMb();
                    if (pageSize != null && pageSize.equals(o.flavor.extraSpecs().get("hw:mem_page_size"))) {
                        usedPages += pagesFor(o.flavor.ramMb(), pageSize);
                    }
                }
            }
            int cpus = CpuSet.size(node.cpus());
            if (dedicated && usedCpus + s.flavor.vcpus() > cpus) {
                continue;
            }
            if (usedMb + s.flavor.ramMb() > node.memoryMb()) {
                continue;
            }
            if (pageSize != null && pageSize.matches("(?i)1GB|2MB")) {
                Host.Hugepages pages = node.hugepages().get(pageSize.toUpperCase());
                if (pages == null || pages.free() - usedPages < pagesFor(s.flavor.ramMb(), pageSize)) {
                    continue;
                }
            }
            fitting.add(new long[] {node.node(), node.memoryMb() - usedMb, cpus - usedCpus, fitting.size(), usedCpus});
        }
        Comparator<long[]> order = Comparator.comparingLong((long[] n) -> dedicated ? -n[2] : n[4])
                .thenComparingLong(n -> -n[1]).thenComparingLong(n -> n[3]);
        return fitting.stream().min(order).map(n -> (int) n[0]).orElse(-1);
    }

    static long pagesFor(long ramMb, String pageSize) {
        return pageSize.equalsIgnoreCase("1GB") ? (ramMb + 1023) / 1024 : (ramMb + 1) / 2;
    }
}
