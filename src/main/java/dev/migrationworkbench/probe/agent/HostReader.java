package dev.migrationworkbench.probe.agent;

import dev.migrationworkbench.model.CpuList;
import dev.migrationworkbench.model.HostTopology;
import dev.migrationworkbench.model.HostTopology.HugepagePool;
import dev.migrationworkbench.model.HostTopology.InstancePlacement;
import dev.migrationworkbench.model.HostTopology.Nic;
import dev.migrationworkbench.model.HostTopology.NumaNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Reads a host's layout from sysfs, procfs and /etc under a root directory ("/" on a real host, a
 * fixture tree in tests). Read-only; every path it opens is fixed or found by listing a fixed
 * directory, never taken from a request. What cannot be read becomes a warning and a null/empty
 * value, never a made-up default.
 */
public final class HostReader {

    /** The upstream version in a distribution's file name: nova-27.1.0.dist-info, nova-23.2.3-py3.9.egg-info. */
    private static final Pattern NOVA_DIST = Pattern.compile("nova-([0-9][0-9A-Za-z.+]*?)(-py[0-9.]+)?\\.(dist-info|egg-info)");
    private static final Pattern PCI_ADDRESS = Pattern.compile("[0-9a-f]{4}:[0-9a-f]{2}:[0-9a-f]{2}\\.[0-7]");
    private static final Pattern NODE_DIR = Pattern.compile("node([0-9]+)");
    private static final Pattern HUGEPAGE_DIR = Pattern.compile("hugepages-([0-9]+)kB");
    private static final Pattern VIRTFN = Pattern.compile("virtfn([0-9]+)");
    private static final List<String> SITE_PACKAGE_PARENTS = List.of(
            "usr/lib", "usr/lib64", "usr/local/lib", "var/lib/kolla/venv/lib", "openstack/venvs");

    private final Path root;
    private final Path realRoot;
    private final String hostName;
    private final NovaConfig novaConfig;

    public HostReader(Path root, String hostName, NovaConfig novaConfig) {
        this.root = root.toAbsolutePath().normalize();
        Path real;
        try {
            real = this.root.toRealPath();
        } catch (IOException e) {
            real = this.root;
        }
        this.realRoot = real;
        this.hostName = hostName;
        this.novaConfig = novaConfig;
    }

    /** The kernel's host name under a root, or "localhost" when it cannot be read. */
    public static String kernelHostName(Path root) {
        try {
            return Files.readString(root.resolve("proc/sys/kernel/hostname"), StandardCharsets.UTF_8).trim();
        } catch (IOException e) {
            return "localhost";
        }
    }

    public record Reading(HostTopology topology, List<String> warnings) {
    }

    /** Reads everything but the instances, which come from virsh. */
    public Reading read(List<InstancePlacement> instances, List<String> extraWarnings) {
        List<String> warnings = new ArrayList<>(extraWarnings);
        Map<String, String> cpuInfo = firstCpu(warnings);
        Map<String, Long> meminfo = procMeminfo(warnings);
        NovaConfig.Result conf = novaConfig.read(root);
        warnings.addAll(conf.warnings());
        List<String> flags = cpuInfo.containsKey("flags")
                ? Arrays.stream(cpuInfo.get("flags").trim().split("\\s+")).filter(f -> !f.isEmpty()).sorted().toList()
                : List.of();
        HostTopology topology = new HostTopology(
                hostName,
                Instant.now(),
                release(),
                novaComputeVersion(),
                cpuInfo.get("model name"),
                cpuList("sys/devices/system/cpu/online", warnings),
                numaNodes(warnings),
                nics(physnets(), warnings),
                conf.values(),
                instances,
                meminfo.containsKey("MemTotal") ? meminfo.get("MemTotal") / 1024 : null,
                flags);
        return new Reading(topology, List.copyOf(warnings));
    }

    /** The default hugepage size (KiB) from /proc/meminfo, for domains with {@code <hugepages/>} and no size. */
    public Long defaultHugepageSizeKb() {
        return procMeminfo(new ArrayList<>()).get("Hugepagesize");
    }

    private Map<String, String> firstCpu(List<String> warnings) {
        Map<String, String> fields = new LinkedHashMap<>();
        Optional<String> text = readOptional("proc/cpuinfo", warnings);
        if (text.isEmpty()) {
            return fields;
        }
        for (String line : text.get().split("\n")) {
            if (line.isBlank()) {
                if (!fields.isEmpty()) {
                    break;
                }
                continue;
            }
            int colon = line.indexOf(':');
            if (colon > 0) {
                fields.putIfAbsent(line.substring(0, colon).trim(), line.substring(colon + 1).trim());
            }
        }
        return fields;
    }

    /** {@code Key: value kB} lines of /proc/meminfo, or {@code Node N Key: value kB} of a node's meminfo, in kB. */
    private static Map<String, Long> meminfo(String text) {
        Map<String, Long> values = new LinkedHashMap<>();
        for (String line : text.split("\n")) {
            int colon = line.indexOf(':');
            if (colon < 0) {
                continue;
            }
            String key = line.substring(0, colon).trim().replaceFirst("^Node [0-9]+ ", "");
            String[] value = line.substring(colon + 1).trim().split("\\s+");
            try {
                values.put(key, Long.parseLong(value[0]));
            } catch (NumberFormatException e) {
                // a line we do not need
            }
        }
        return values;
    }

    private Map<String, Long> procMeminfo(List<String> warnings) {
        return readOptional("proc/meminfo", warnings).map(HostReader::meminfo).orElse(Map.of());
    }

    private String release() {
        Path rhosp = root.resolve("etc/rhosp-release");
        String text = readQuietly(rhosp);
        if (text != null) {
            Matcher m = Pattern.compile("release\\s+([0-9][0-9.]*)").matcher(text);
            return m.find() ? m.group(1) : text.trim();
        }
        String osRelease = readQuietly(root.resolve("etc/os-release"));
        if (osRelease != null) {
            for (String line : osRelease.split("\n")) {
                if (line.startsWith("PRETTY_NAME=")) {
                    return line.substring("PRETTY_NAME=".length()).trim().replaceAll("^\"|\"$", "");
                }
            }
        }
        return null;
    }

    private String novaComputeVersion() {
        for (String parent : SITE_PACKAGE_PARENTS) {
            for (Path packages : sitePackageDirs(root.resolve(parent))) {
                for (Path entry : list(packages)) {
                    Matcher m = NOVA_DIST.matcher(entry.getFileName().toString());
                    if (m.matches()) {
                        return m.group(1);
                    }
                }
            }
        }
        String status = readQuietly(root.resolve("var/lib/dpkg/status"));
        if (status != null) {
            for (String stanza : status.split("\n\n")) {
                if (stanza.startsWith("Package: nova-compute\n") || stanza.contains("\nPackage: nova-compute\n")) {
                    Matcher m = Pattern.compile("(?m)^Version: (?:[0-9]+:)?([^-\\s]+)").matcher(stanza);
                    if (m.find()) {
                        return m.group(1);
                    }
                }
            }
        }
        return null;
    }

    /** python3*&#47;site-packages and dist-packages directly under a lib dir, and one level deeper (venvs). */
    private static List<Path> sitePackageDirs(Path lib) {
        List<Path> dirs = new ArrayList<>();
        for (Path child : list(lib)) {
            String name = child.getFileName().toString();
            if (name.startsWith("python3")) {
                dirs.add(child.resolve("site-packages"));
                dirs.add(child.resolve("dist-packages"));
            } else if (Files.isDirectory(child.resolve("lib"))) {
                dirs.addAll(sitePackageDirs(child.resolve("lib")));
            }
        }
        return dirs;
    }

    private List<NumaNode> numaNodes(List<String> warnings) {
        Path nodesDir = root.resolve("sys/devices/system/node");
        if (!Files.isDirectory(nodesDir)) {
            warnings.add("no NUMA information: " + nodesDir + " does not exist");
            return List.of();
        }
        TreeMap<Integer, Path> nodes = new TreeMap<>();
        for (Path entry : list(nodesDir)) {
            Matcher m = NODE_DIR.matcher(entry.getFileName().toString());
            if (m.matches()) {
                nodes.put(Integer.parseInt(m.group(1)), entry);
            }
        }
        List<NumaNode> result = new ArrayList<>();
        nodes.forEach((id, dir) -> {
            Map<String, Long> mem = readOptional(root.relativize(dir.resolve("meminfo")).toString(), warnings)
                    .map(HostReader::meminfo).orElse(Map.of());
            List<Integer> distances = readOptional(root.relativize(dir.resolve("distance")).toString(), warnings)
                    .map(text -> integers(text, dir.resolve("distance"), warnings)).orElse(List.of());
            List<HugepagePool> pools = new ArrayList<>();
            for (Path pool : list(dir.resolve("hugepages"))) {
                Matcher m = HUGEPAGE_DIR.matcher(pool.getFileName().toString());
                Integer total = intOrNull(pool.resolve("nr_hugepages"));
                Integer free = intOrNull(pool.resolve("free_hugepages"));
                if (m.matches() && total != null && free != null) {
                    pools.add(new HugepagePool(Long.parseLong(m.group(1)), total, free));
                }
            }
            pools.sort(Comparator.comparingLong(HugepagePool::sizeKb));
            result.add(new NumaNode(id,
                    cpuList(root.relativize(dir.resolve("cpulist")).toString(), warnings),
                    mem.getOrDefault("MemTotal", 0L) / 1024,
                    mem.containsKey("MemFree") ? mem.get("MemFree") / 1024 : null,
                    distances,
                    pools));
        });
        return result;
    }

    private List<Nic> nics(Map<String, String> physnets, List<String> warnings) {
        Path netDir = root.resolve("sys/class/net");
        if (!Files.isDirectory(netDir)) {
            warnings.add("no network interfaces: " + netDir + " does not exist");
            return List.of();
        }
        List<Nic> nics = new ArrayList<>();
        for (Path entry : list(netDir)) {
            String name = entry.getFileName().toString();
            Path device = insideRoot(entry.resolve("device"));
            Path pci = device == null ? null : pciAncestor(device);
            Integer speed = intOrNull(entry.resolve("speed"));
            String operState = readQuietly(entry.resolve("operstate"));
            List<String> vfs = new ArrayList<>();
            TreeMap<Integer, String> byIndex = new TreeMap<>();
            if (pci != null) {
                for (Path link : list(pci)) {
                    Matcher m = VIRTFN.matcher(link.getFileName().toString());
                    Path vf = m.matches() ? insideRoot(link) : null;
                    if (vf != null) {
                        byIndex.put(Integer.parseInt(m.group(1)), vf.getFileName().toString());
                    }
                }
                vfs.addAll(byIndex.values());
            }
            Path physfn = pci == null ? null : insideRoot(pci.resolve("physfn"));
            Path driver = device == null ? null : insideRoot(device.resolve("driver"));
            Integer numaNode = pci == null ? null : intOrNull(pci.resolve("numa_node"));
            String localCpus = pci == null ? null : readQuietly(pci.resolve("local_cpulist"));
            List<Integer> local = List.of();
            if (localCpus != null) {
                try {
                    local = CpuList.parse(localCpus);
                } catch (IllegalArgumentException e) {
                    warnings.add(name + ": unreadable local_cpulist: " + e.getMessage());
                }
            }
            nics.add(new Nic(name,
                    pci == null ? null : pci.getFileName().toString(),
                    numaNode == null ? -1 : numaNode,
                    local,
                    speed == null || speed < 0 ? null : speed,
                    driver == null ? null : driver.getFileName().toString(),
                    physnets.get(name),
                    pci == null ? null : intOrNull(pci.resolve("sriov_totalvfs")),
                    pci == null ? null : intOrNull(pci.resolve("sriov_numvfs")),
                    physfn == null ? null : physfn.getFileName().toString(),
                    operState == null ? "unknown" : operState.trim(),
                    vfs));
        }
        nics.sort(Comparator.comparing(Nic::name));
        return nics;
    }

    /** Interface → physnet from the SR-IOV agent's physical_device_mappings (physnet:iface,...). */
    private Map<String, String> physnets() {
        Map<String, String> byInterface = new LinkedHashMap<>();
        String ini = readQuietly(root.resolve("etc/neutron/plugins/ml2/sriov_agent.ini"));
        if (ini == null) {
            return byInterface;
        }
        String value = NovaConfig.parseIni(ini).getOrDefault("sriov_nic", Map.of()).get("physical_device_mappings");
        if (value != null) {
            for (String mapping : value.split(",")) {
                String[] parts = mapping.trim().split(":");
                if (parts.length == 2 && !parts[0].isBlank() && !parts[1].isBlank()) {
                    byInterface.put(parts[1].trim(), parts[0].trim());
                }
            }
        }
        return byInterface;
    }

    /** The nearest directory at or above a device whose name is a PCI address. */
    private Path pciAncestor(Path device) {
        for (Path p = device; p != null && p.startsWith(realRoot); p = p.getParent()) {
            if (PCI_ADDRESS.matcher(p.getFileName() == null ? "" : p.getFileName().toString()).matches()) {
                return p;
            }
        }
        return null;
    }

    /** Resolves symlinks; null when the path does not exist or leads outside the root. */
    private Path insideRoot(Path path) {
        try {
            Path real = path.toRealPath();
            return real.startsWith(realRoot) ? real : null;
        } catch (IOException e) {
            return null;
        }
    }

    private List<Integer> cpuList(String relative, List<String> warnings) {
        Optional<String> text = readOptional(relative, warnings);
        if (text.isEmpty()) {
            return List.of();
        }
        try {
            return CpuList.parse(text.get());
        } catch (IllegalArgumentException e) {
            warnings.add(relative + ": " + e.getMessage());
            return List.of();
        }
    }

    private Optional<String> readOptional(String relative, List<String> warnings) {
        Path path = root.resolve(relative);
        try {
            return Optional.of(Files.readString(path, StandardCharsets.UTF_8));
        } catch (IOException e) {
            warnings.add("cannot read " + path + ": " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : " " + e.getMessage()));
            return Optional.empty();
        }
    }

    private static String readQuietly(Path path) {
        try {
            return Files.isRegularFile(path) ? Files.readString(path, StandardCharsets.UTF_8) : null;
        } catch (IOException e) {
            // sysfs attributes such as speed fail with EINVAL when a link is down: unknown, not an error
            return null;
        }
    }

    private static Integer intOrNull(Path path) {
        String text = readQuietly(path);
        try {
            return text == null ? null : Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static List<Integer> integers(String text, Path source, List<String> warnings) {
        List<Integer> values = new ArrayList<>();
        for (String part : text.trim().split("\\s+")) {
            try {
                if (!part.isEmpty()) {
                    values.add(Integer.parseInt(part));
                }
            } catch (NumberFormatException e) {
                warnings.add(source + ": not a number: '" + part + "'");
                return List.of();
            }
        }
        return values;
    }

    private static List<Path> list(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.sorted().toList();
        } catch (IOException e) {
            return List.of();
        }
    }
}
