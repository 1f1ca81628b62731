package dev.migrationworkbench.offline;

import dev.migrationworkbench.model.CpuList;
import dev.migrationworkbench.model.HostTopology;
import dev.migrationworkbench.model.HostTopology.InstancePlacement;
import dev.migrationworkbench.probe.agent.DomainXml;
import dev.migrationworkbench.probe.agent.NovaConfig;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The host facts of one sosreport (its small files, kept in memory while the archive streams by)
 * turned into the same {@link HostTopology} a probe agent reports, with the file each fact came from
 * and, per item, what this sosreport does not hold ("not in this sosreport: ..."). Nothing is
 * guessed: a NIC whose NUMA node no file states stays unknown (-1).
 *
 * <p>Read, in order of preference (sos plugins in brackets): NUMA nodes from
 * {@code sys/devices/system/node/node*} [processor/numa], else {@code sos_commands/numa/numactl_--hardware}
 * [numa]; CPU model, flags and online CPUs from {@code sos_commands/processor/lscpu} [processor];
 * NIC locality from {@code sys/class/net/IF/device/numa_node} [networking, links resolved inside
 * the archive], else the {@code NUMA node:} line of {@code sos_commands/pci/lspci_-nnvv} [pci] for the
 * PCI address {@code sos_commands/networking/ethtool_-i_IF} names; memory and the default hugepage
 * size from {@code proc/meminfo}; nova.conf from
 * {@code var/lib/config-data/puppet-generated/nova_libvirt/etc/nova/} (RHOSP 16/17),
 * {@code var/lib/openstack/config/nova/} (RHOSO 18) or {@code etc/nova/} [openstack_nova]; guests
 * from {@code run/libvirt/qemu/*.xml}, {@code sos_commands/virsh/virsh_-r_dumpxml_*} and
 * {@code etc/libvirt/qemu/*.xml} [libvirt, virsh].
 */
public final class HostFacts {

    /** The largest host-fact file kept in memory; larger ones are skipped with a warning. */
    public static final int MAX_FACT_BYTES = 8 * 1024 * 1024;

    private static final Pattern FACT = Pattern.compile("^(?:"
            + "hostname|etc/hostname|sos_commands/(?:host|general)/hostname(?:_-f)?|date|sos_commands/(?:date|general)/date"
            + "|etc/rhosp-release|etc/redhat-release|etc/os-release"
            + "|sys/devices/system/node/node\\d+/(?:cpulist|meminfo|distance|hugepages/hugepages-\\d+kB/(?:nr|free)_hugepages)"
            + "|sys/devices/system/cpu/online"
            + "|sos_commands/numa/numactl_--hardware|sos_commands/processor/lscpu|sos_commands/pci/lspci_-nnvv"
            + "|sys/class/net/[^/]+/device/(?:numa_node|local_cpulist)|sys/devices/.*/(?:numa_node|local_cpulist)"
            + "|sos_commands/networking/ethtool_-i_[^/]+|proc/cmdline|proc/meminfo"
            + "|var/lib/config-data/puppet-generated/nova_libvirt/etc/nova/nova\\.conf|etc/nova/nova\\.conf"
            + "|etc/nova/nova\\.conf\\.d/[^/]+\\.conf|var/lib/openstack/config/nova/[^/]+\\.conf"
            + "|run/libvirt/qemu/[^/]+\\.xml|etc/libvirt/qemu/[^/]+\\.xml|sos_commands/virsh/virsh_-r_dumpxml_[^/]+"
            + "|sos_commands/libvirt/virsh_-r_dumpxml_[^/]+"
            + ")$");
    private static final List<String> NOVA_CONF = List.of(
            "var/lib/config-data/puppet-generated/nova_libvirt/etc/nova/nova.conf", "etc/nova/nova.conf");

    private final String origin;
    private final Map<String, String> files = new TreeMap<>();
    private final Map<String, String> links = new TreeMap<>();
    private final List<String> warnings = new ArrayList<>();

    public HostFacts(String origin) {
        this.origin = origin;
    }

    /** A file of the sosreport this reader wants in memory. */
    public static boolean wanted(String path) {
        return FACT.matcher(path).matches();
    }

    public void file(String path, String text) {
        files.put(path, text);
    }

    public void link(String path, String target) {
        links.put(path, target);
    }

    public void warning(String message) {
        warnings.add(message);
    }

    public String origin() {
        return origin;
    }

    public List<String> warnings() {
        return warnings;
    }

    /** The sosreport holds any host fact at all (a plain log file holds none). */
    public boolean isHost() {
        return !files.isEmpty();
    }

    public SourceRef ref(String path) {
        return new SourceRef(origin, path, 0);
    }

    /** The kernel's host name, as sos recorded it. */
    public Optional<String> kernelHostName() {
        for (String p : List.of("sos_commands/host/hostname", "sos_commands/general/hostname", "hostname", "etc/hostname")) {
            String t = files.get(p);
            if (t != null && !t.isBlank()) {
                return Optional.of(t.strip().split("\\s+")[0]);
            }
        }
        return Optional.empty();
    }

    /** The sosreport's whitelisted nova.conf options (section.key), every file merged in Nova's order. */
    public Map<String, String> novaConfig() {
        Map<String, String> values = new TreeMap<>();
        for (String p : novaConfFiles()) {
            values.putAll(NovaConfig.allowedValues(files.get(p)));
        }
        return values;
    }

    private List<String> novaConfFiles() {
        List<String> found = new ArrayList<>();
        NOVA_CONF.stream().filter(files::containsKey).findFirst().ifPresent(found::add);
        files.keySet().stream().filter(p -> p.startsWith("etc/nova/nova.conf.d/") || p.startsWith("var/lib/openstack/config/nova/"))
                .forEach(found::add);
        return found;
    }

    /** Nova's name for this host: nova.conf [DEFAULT] host, else the kernel's host name. */
    public Optional<String> novaHostName() {
        String configured = novaConfig().get("DEFAULT.host");
        return configured != null && !configured.isBlank() ? Optional.of(configured.strip()) : kernelHostName();
    }

    /** The year sos ran in (for syslog time stamps without a year). */
    public Optional<Integer> year() {
        for (String p : List.of("sos_commands/date/date", "sos_commands/general/date", "date")) {
            String t = files.get(p);
            if (t != null) {
                Matcher m = Pattern.compile("\\b(20\\d\\d)\\b").matcher(t);
                if (m.find()) {
                    return Optional.of(Integer.parseInt(m.group(1)));
                }
            }
        }
        return Optional.empty();
    }

    /** The host as a probe agent would report it, the sources of its facts and what is missing. */
    public Reading read(String hostName, Instant collectedAt) {
        Map<String, SourceRef> sources = new LinkedHashMap<>();
        List<String> missing = new ArrayList<>();
        Long hugepageDefault = meminfo("Hugepagesize").orElse(null);
        List<HostTopology.NumaNode> nodes = numaFromSys(sources);
        if (nodes.isEmpty()) {
            nodes = numaFromNumactl(sources);
        }
        if (nodes.isEmpty()) {
            missing.add("NUMA nodes (sys/devices/system/node/node*/, sos_commands/numa/numactl_--hardware)");
        }
        String lscpu = files.get("sos_commands/processor/lscpu");
        String cpuModel = lscpu == null ? null : field(lscpu, "Model name");
        List<Integer> online = List.of();
        String onlineText = files.containsKey("sys/devices/system/cpu/online") ? files.get("sys/devices/system/cpu/online")
                : lscpu == null ? null : field(lscpu, "On-line CPU\\(s\\) list");
        if (onlineText != null) {
            online = cpus(onlineText.strip());
        }
        List<String> flags = lscpu == null || field(lscpu, "Flags") == null ? List.of()
                : Arrays.asList(field(lscpu, "Flags").trim().split("\\s+"));
        if (lscpu == null) {
            missing.add("CPU model and flags (sos_commands/processor/lscpu)");
        } else {
            sources.put("cpu", ref("sos_commands/processor/lscpu"));
        }
        List<HostTopology.Nic> nics = nics(sources, missing);
        Map<String, String> nova = novaConfig();
        if (novaConfFiles().isEmpty()) {
            missing.add("nova.conf (var/lib/config-data/puppet-generated/nova_libvirt/etc/nova/nova.conf, "
                    + "var/lib/openstack/config/nova/, etc/nova/nova.conf)");
        } else {
            sources.put("novaconf", ref(novaConfFiles().get(0)));
        }
        List<InstancePlacement> instances = instances(hugepageDefault, sources);
        if (instances.isEmpty()) {
            missing.add("guest domain XML (run/libvirt/qemu/*.xml, sos_commands/virsh/virsh_-r_dumpxml_*, etc/libvirt/qemu/*.xml)");
        }
        Long memTotalMb = meminfo("MemTotal").map(kb -> kb / 1024).orElse(null);
        if (memTotalMb == null) {
            missing.add("host memory (proc/meminfo)");
        }
        String release = Optional.ofNullable(files.get("etc/rhosp-release")).map(String::strip).orElse(null);
        HostTopology topology = new HostTopology(hostName, collectedAt, release, null, cpuModel, online, nodes, nics,
                nova, instances, memTotalMb, flags);
        return new Reading(topology, sources, missing, List.copyOf(warnings));
    }

    /** A host's facts: the topology, where each came from (by key: node:N, nic:NAME, instance:UUID), what is missing. */
    public record Reading(HostTopology topology, Map<String, SourceRef> sources, List<String> missing, List<String> warnings) {
    }

    private List<HostTopology.NumaNode> numaFromSys(Map<String, SourceRef> sources) {
        Pattern p = Pattern.compile("^sys/devices/system/node/node(\\d+)/cpulist$");
        List<HostTopology.NumaNode> nodes = new ArrayList<>();
        for (String path : files.keySet()) {
            Matcher m = p.matcher(path);
            if (!m.matches()) {
                continue;
            }
            int id = Integer.parseInt(m.group(1));
            String dir = "sys/devices/system/node/node" + id + "/";
            String meminfo = files.getOrDefault(dir + "meminfo", "");
            long total = kb(meminfo, "MemTotal").orElse(0L) / 1024;
            Long free = kb(meminfo, "MemFree").map(v -> v / 1024).orElse(null);
            List<Integer> distances = new ArrayList<>();
            String distance = files.get(dir + "distance");
            if (distance != null) {
                for (String d : distance.trim().split("\\s+")) {
                    if (d.matches("\\d+")) {
                        distances.add(Integer.parseInt(d));
                    }
                }
            }
            List<HostTopology.HugepagePool> pools = new ArrayList<>();
            Pattern hp = Pattern.compile("^" + Pattern.quote(dir) + "hugepages/hugepages-(\\d+)kB/nr_hugepages$");
            for (String f : files.keySet()) {
                Matcher h = hp.matcher(f);
                if (h.matches()) {
                    String base = f.substring(0, f.length() - "nr_hugepages".length());
                    pools.add(new HostTopology.HugepagePool(Long.parseLong(h.group(1)), intOf(files.get(f)),
                            intOf(files.getOrDefault(base + "free_hugepages", "0"))));
                }
            }
            nodes.add(new HostTopology.NumaNode(id, cpus(files.get(path).strip()), total, free, distances, pools));
            sources.put("node:" + id, ref(path));
        }
        nodes.sort(java.util.Comparator.comparingInt(HostTopology.NumaNode::id));
        return nodes;
    }

    private List<HostTopology.NumaNode> numaFromNumactl(Map<String, SourceRef> sources) {
        String text = files.get("sos_commands/numa/numactl_--hardware");
        if (text == null) {
            return List.of();
        }
        Map<Integer, List<Integer>> cpus = new TreeMap<>();
        Map<Integer, Long> size = new TreeMap<>();
        Map<Integer, Long> free = new TreeMap<>();
        Map<Integer, List<Integer>> distances = new TreeMap<>();
        boolean inDistances = false;
        for (String line : text.split("\\R")) {
            Matcher m;
            if ((m = Pattern.compile("^node (\\d+) cpus:\\s*(.*)$").matcher(line)).matches()) {
                List<Integer> list = new ArrayList<>();
                for (String c : m.group(2).trim().split("\\s+")) {
                    if (c.matches("\\d+")) {
                        list.add(Integer.parseInt(c));
                    }
                }
                cpus.put(Integer.parseInt(m.group(1)), list);
            } else if ((m = Pattern.compile("^node (\\d+) size: (\\d+) MB").matcher(line)).find()) {
                size.put(Integer.parseInt(m.group(1)), Long.parseLong(m.group(2)));
            } else if ((m = Pattern.compile("^node (\\d+) free: (\\d+) MB").matcher(line)).find()) {
                free.put(Integer.parseInt(m.group(1)), Long.parseLong(m.group(2)));
            } else if (line.startsWith("node distances")) {
                inDistances = true;
            } else if (inDistances && (m = Pattern.compile("^\\s*(\\d+):\\s+(.*)$").matcher(line)).matches()) {
                List<Integer> row = new ArrayList<>();
                for (String d : m.group(2).trim().split("\\s+")) {
                    row.add(Integer.parseInt(d));
                }
                distances.put(Integer.parseInt(m.group(1)), row);
            }
        }
        List<HostTopology.NumaNode> nodes = new ArrayList<>();
        cpus.forEach((id, list) -> {
            nodes.add(new HostTopology.NumaNode(id, list, size.getOrDefault(id, 0L), free.get(id),
                    distances.getOrDefault(id, List.of()), List.of()));
            sources.put("node:" + id, ref("sos_commands/numa/numactl_--hardware"));
        });
        return nodes;
    }

    private List<HostTopology.Nic> nics(Map<String, SourceRef> sources, List<String> missing) {
        Map<String, String> busInfo = new TreeMap<>();
        Map<String, String> drivers = new TreeMap<>();
        for (Map.Entry<String, String> e : files.entrySet()) {
            if (e.getKey().startsWith("sos_commands/networking/ethtool_-i_")) {
                String name = e.getKey().substring("sos_commands/networking/ethtool_-i_".length());
                String bus = field(e.getValue(), "bus-info");
                if (bus != null && bus.trim().matches("[0-9a-fA-F]{4}:[0-9a-fA-F]{2}:[0-9a-fA-F]{2}\\.[0-7]")) {
                    busInfo.put(name, bus.trim().toLowerCase(Locale.ROOT));
                    drivers.put(name, Optional.ofNullable(field(e.getValue(), "driver")).map(String::trim).orElse(null));
                }
            }
        }
        // interfaces sos saw under sys/class/net (links or copied folders)
        Pattern sysNet = Pattern.compile("^sys/class/net/([^/]+)(?:/.*)?$");
        java.util.Set<String> names = new java.util.TreeSet<>(busInfo.keySet());
        for (String p : files.keySet()) {
            Matcher m = sysNet.matcher(p);
            if (m.matches()) {
                names.add(m.group(1));
            }
        }
        for (String p : links.keySet()) {
            Matcher m = sysNet.matcher(p);
            if (m.matches()) {
                names.add(m.group(1));
            }
        }
        String lspci = files.get("sos_commands/pci/lspci_-nnvv");
        List<HostTopology.Nic> nics = new ArrayList<>();
        List<String> unknown = new ArrayList<>();
        for (String name : names) {
            String pci = busInfo.get(name);
            String path = resolve("sys/class/net/" + name + "/device/numa_node");
            Integer node = null;
            SourceRef where = null;
            if (path != null && files.containsKey(path)) {
                node = intOrNull(files.get(path));
                where = ref(path);
                if (pci == null) {
                    Matcher addr = Pattern.compile("([0-9a-f]{4}:[0-9a-f]{2}:[0-9a-f]{2}\\.[0-7])/numa_node$").matcher(path);
                    pci = addr.find() ? addr.group(1) : null;
                }
            }
            if (node == null && pci != null && lspci != null) {
                node = lspciNumaNode(lspci, pci);
                where = node == null ? null : ref("sos_commands/pci/lspci_-nnvv");
            }
            if (pci == null && node == null) {
                continue; // a virtual interface (bridge, tap, veth): no device, no locality to speak of
            }
            if (node == null) {
                unknown.add(name);
            } else {
                sources.put("nic:" + name, where);
            }
            String cpulist = Optional.ofNullable(resolve("sys/class/net/" + name + "/device/local_cpulist"))
                    .map(files::get).orElse(null);
            nics.add(new HostTopology.Nic(name, pci, node == null ? -1 : node,
                    cpulist == null ? List.of() : cpus(cpulist.strip()), null, drivers.get(name), null, null, null,
                    null, null));
        }
        if (!unknown.isEmpty()) {
            missing.add("NUMA node of " + String.join(", ", unknown)
                    + " (no sys/class/net/IF/device/numa_node, no 'NUMA node:' in sos_commands/pci/lspci_-nnvv)");
        }
        if (names.isEmpty()) {
            missing.add("NICs (sys/class/net/*, sos_commands/networking/ethtool_-i_*)");
        }
        return nics;
    }

    /** The "NUMA node: N" line of one device's block in lspci -nnvv output. */
    static Integer lspciNumaNode(String lspci, String pci) {
        String shortAddr = pci.startsWith("0000:") ? pci.substring(5) : pci;
        boolean inBlock = false;
        for (String line : lspci.split("\\R")) {
            if (!line.isEmpty() && !Character.isWhitespace(line.charAt(0))) {
                String addr = line.split("\\s+", 2)[0].toLowerCase(Locale.ROOT);
                inBlock = addr.equals(shortAddr) || addr.equals(pci);
            } else if (inBlock) {
                Matcher m = Pattern.compile("^\\s+NUMA node:\\s*(-?\\d+)").matcher(line);
                if (m.find()) {
                    return Integer.parseInt(m.group(1));
                }
            }
        }
        return null;
    }

    private List<InstancePlacement> instances(Long hugepageDefault, Map<String, SourceRef> sources) {
        Map<String, InstancePlacement> byUuid = new LinkedHashMap<>();
        // running guests first, then virsh's dump, then the persistent definitions
        for (String prefix : List.of("run/libvirt/qemu/", "sos_commands/virsh/virsh_-r_dumpxml_",
                "sos_commands/libvirt/virsh_-r_dumpxml_", "etc/libvirt/qemu/")) {
            for (Map.Entry<String, String> e : files.entrySet()) {
                if (!e.getKey().startsWith(prefix)) {
                    continue;
                }
                String xml = e.getValue();
                int start = xml.indexOf("<domain");
                if (start < 0) {
                    continue;
                }
                // run/libvirt/qemu/*.xml wraps the domain in <domstatus>
                int end = xml.indexOf("</domain>", start);
                String domain = end < 0 ? xml.substring(start) : xml.substring(start, end + "</domain>".length());
                try {
                    InstancePlacement p = DomainXml.parse(domain, hugepageDefault);
                    if (p.instanceUuid() != null && !byUuid.containsKey(p.instanceUuid())) {
                        byUuid.put(p.instanceUuid(), p);
                        sources.put("instance:" + p.instanceUuid(), ref(e.getKey()));
                        novaName(domain).ifPresent(n -> sources.put("name:" + p.instanceUuid() + ":" + n, ref(e.getKey())));
                    }
                } catch (RuntimeException ex) {
                    warnings.add(e.getKey() + ": not a readable domain XML (" + ex.getMessage() + ")");
                }
            }
        }
        return new ArrayList<>(byUuid.values());
    }

    /** The server's name Nova wrote into the domain's metadata ({@code <nova:name>}). */
    static Optional<String> novaName(String domainXml) {
        Matcher m = Pattern.compile("<nova:name>([^<]*)</nova:name>").matcher(domainXml);
        return m.find() ? Optional.of(m.group(1).trim()) : Optional.empty();
    }

    /** The path with links inside the archive followed; null when a link leaves the archive or loops. */
    String resolve(String path) {
        String current = path;
        for (int hops = 0; hops < 40; hops++) {
            String[] parts = current.split("/");
            String prefix = "";
            boolean replaced = false;
            for (int i = 0; i < parts.length; i++) {
                prefix = prefix.isEmpty() ? parts[i] : prefix + "/" + parts[i];
                String target = links.get(prefix);
                if (target != null) {
                    String base;
                    if (target.startsWith("/")) {
                        base = target.substring(1);
                    } else {
                        int slash = prefix.lastIndexOf('/');
                        base = (slash < 0 ? "" : prefix.substring(0, slash + 1)) + target;
                    }
                    String rest = String.join("/", Arrays.asList(parts).subList(i + 1, parts.length));
                    String next = ArchiveWalker.relative(rest.isEmpty() ? base : base + "/" + rest, "");
                    if (next == null) {
                        return null;
                    }
                    current = next;
                    replaced = true;
                    break;
                }
            }
            if (!replaced) {
                return current;
            }
        }
        return null;
    }

    private Optional<Long> meminfo(String key) {
        String text = files.get("proc/meminfo");
        return text == null ? Optional.empty() : kb(text, key);
    }

    private static Optional<Long> kb(String text, String key) {
        Matcher m = Pattern.compile("(?m)^(?:Node \\d+ )?" + key + ":\\s+(\\d+)").matcher(text);
        return m.find() ? Optional.of(Long.parseLong(m.group(1))) : Optional.empty();
    }

    private static String field(String text, String key) {
        Matcher m = Pattern.compile("(?m)^" + key + ":\\s*(.*)$").matcher(text);
        return m.find() ? m.group(1) : null;
    }

    private static List<Integer> cpus(String text) {
        try {
            return text.isEmpty() ? List.of() : CpuList.parse(text);
        } catch (IllegalArgumentException e) {
            return List.of();
        }
    }

    private static int intOf(String text) {
        Integer v = intOrNull(text);
        return v == null ? 0 : v;
    }

    private static Integer intOrNull(String text) {
        try {
            return text == null ? null : Integer.parseInt(text.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
