package dev.migrationworkbench.democloud;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Reads a scenario file (format: docs/SCENARIOS.md) into a {@link World}, reporting every problem with its line. */
final class ScenarioLoader {

    /** Where the built-in scenarios live on the classpath (copied from assets/scenarios by the build). */
    static final String BUILT_IN_DIR = "/scenarios/";
    static final String DEFAULT_MAX_VERSION = "2.96";
    static final int MAX_CPU_ID = 16_383;

    private static final Set<String> TOP = Set.of("name", "description", "clock", "nova", "hosts", "flavors",
            "server_groups", "servers", "server_pools", "timeline", "faults");
    private static final Set<String> HOST = Set.of("name", "release", "nova_version", "service", "hypervisor",
            "host_ip", "migration_bandwidth_mbps", "storage_reachable", "numa", "nics");
    private static final Set<String> SERVER = Set.of("name", "id", "flavor", "host", "status", "fault", "locked",
            "workload", "placement");
    private static final Map<String, String> VM_STATES = Map.of("ACTIVE", "active", "ERROR", "error",
            "SHUTOFF", "stopped", "PAUSED", "paused", "SUSPENDED", "suspended");

    private final ScenarioFields f;
    private final Instant start;
    private final long seed;
    private World world;

    private ScenarioLoader(String file, Instant start, long seed) {
        this.f = new ScenarioFields(file);
        this.start = start;
        this.seed = seed;
    }

    /** Loads a built-in scenario by name, e.g. {@code demo}. */
    static Scenario builtIn(String name, Instant start, long seed) {
        String resource = BUILT_IN_DIR + name + ".yaml";
        try (InputStream in = ScenarioLoader.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new ScenarioException(List.of(new ScenarioException.Problem(name, 0, "",
                        "no built-in scenario of this name; built-in ones are listed in docs/SCENARIOS.md,"
                                + " or give the path of a scenario file")));
            }
            return load(new InputStreamReader(in, StandardCharsets.UTF_8), name + ".yaml", start, seed);
        } catch (IOException e) {
            throw new ScenarioException(List.of(new ScenarioException.Problem(name, 0, "", "cannot read: " + e)));
        }
    }

    static Scenario file(Path path, Instant start, long seed) {
        try (Reader in = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
            return load(in, path.toString(), start, seed);
        } catch (IOException e) {
            throw new ScenarioException(List.of(new ScenarioException.Problem(path.toString(), 0, "",
                    "cannot read the scenario file: " + e.getMessage())));
        }
    }

    static Scenario load(Reader reader, String file, Instant start, long seed) throws IOException {
        return new ScenarioLoader(file, start, seed).read(YamlNode.read(reader, file));
    }

    private Scenario read(YamlNode root) {
        Map<String, YamlNode> top = f.mapping(root, TOP);
        f.throwIfAny();
        String name = f.required(top, root, "name", "the scenario's name in kebab case");
        String description = f.string(top, root, "description", "");
        double speed = 1;
        if (top.containsKey("clock")) {
            YamlNode clock = top.get("clock");
            speed = f.number(f.mapping(clock, Set.of("speed")), clock, "speed", 1, 0);
        }
        Microversion max = Microversion.of(DEFAULT_MAX_VERSION);
        if (top.containsKey("nova")) {
            YamlNode nova = top.get("nova");
            Map<String, YamlNode> n = f.mapping(nova, Set.of("max_microversion", "libvirt"));
            String text = f.string(n, nova, "max_microversion", DEFAULT_MAX_VERSION);
            Microversion parsed = Microversion.parse(text);
            if (parsed == null || parsed.major() != 2 || parsed.minor() < 1) {
                f.problem(n.get("max_microversion"), "expected a Nova microversion like \"2.96\" (quote it)");
            } else {
                max = parsed;
            }
        }
        world = new World(name == null ? "unnamed" : name, description, max, seed, start);
        if (top.containsKey("nova") && top.get("nova").isMap() && top.get("nova").map().containsKey("libvirt")) {
            world.libvirt = readLibvirt(top.get("nova").map().get("libvirt"));
        }
        for (YamlNode h : f.list(top, root, "hosts")) {
            readHost(h);
        }
        if (world.hosts.isEmpty() && f.problems.isEmpty()) {
            f.missing(root, "hosts", "at least one host");
        }
        for (YamlNode fl : f.list(top, root, "flavors")) {
            readFlavor(fl);
        }
        Map<String, List<YamlNode>> groupMembers = new LinkedHashMap<>();
        for (YamlNode g : f.list(top, root, "server_groups")) {
            readGroup(g, groupMembers);
        }
        List<ServerSpec> specs = new ArrayList<>();
        for (YamlNode s : f.list(top, root, "servers")) {
            specs.add(readServer(s));
        }
        for (YamlNode p : f.list(top, root, "server_pools")) {
            specs.addAll(readPool(p, specs.size()));
        }
        f.throwIfAny();
        createServers(specs);
        joinGroups(groupMembers);
        List<TimelineEvent> timeline = new ArrayList<>();
        for (YamlNode t : f.list(top, root, "timeline")) {
            TimelineEvent e = readTimelineEvent(t);
            if (e != null) {
                timeline.add(e);
            }
        }
        List<Fault> faults = new ArrayList<>();
        for (YamlNode fn : f.list(top, root, "faults")) {
            Fault fault = readFault(fn);
            if (fault != null) {
                faults.add(fault);
            }
        }
        f.throwIfAny();
        return new Scenario(world, speed, timeline, faults);
    }

    /** {@code {kind: status, status: 503, probability: 0.1, times: 3, paths: "/compute/.*"}} and the other kinds. */
    private Fault readFault(YamlNode node) {
        Map<String, YamlNode> m = f.mapping(node, Set.of("kind", "status", "delay", "retry_after", "probability",
                "times", "paths", "stall", "interval", "duration", "from", "until"));
        String kind = f.oneOf(m, node, "kind", null, Set.of("latency", "status", "rate_limited", "drop_connection",
                "reset", "malformed_body", "truncated_body", "stall", "trickle", "endless_body", "gzip_bomb"));
        if (kind == null) {
            if (!m.containsKey("kind")) {
                f.missing(node, "kind", "one of latency, status, rate_limited, drop_connection, reset, malformed_body, "
                        + "truncated_body, stall, trickle, endless_body, gzip_bomb");
            }
            return null;
        }
        Fault fault = switch (kind) {
            case "latency" -> Fault.latency(f.duration(m, node, "delay", Duration.ofSeconds(1)));
            case "status" -> {
                long status = f.integer(m, node, "status", 503, 400);
                if (status > 599) {
                    f.problem(m.get("status"), "expected an HTTP error status 400..599, found " + status);
                    status = 503;
                }
                yield Fault.status((int) status);
            }
            case "rate_limited" -> Fault.rateLimited(f.duration(m, node, "retry_after", Duration.ofSeconds(1)));
            case "drop_connection" -> Fault.dropConnection();
            case "reset" -> Fault.reset();
            case "endless_body" -> Fault.endlessBody();
            case "gzip_bomb" -> Fault.gzipBomb();
            case "truncated_body" -> Fault.truncatedBody();
            case "stall" -> Fault.stall(f.duration(m, node, "stall", Duration.ofMinutes(5)));
            case "trickle" -> Fault.trickle(f.duration(m, node, "interval", Duration.ofSeconds(1)),
                    f.duration(m, node, "duration", Duration.ofMinutes(5)));
            default -> Fault.malformedBody();
        };
        double p = f.number(m, node, "probability", 1, 0);
        if (p > 1) {
            f.problem(m.get("probability"), "a probability is between 0 and 1, found " + p);
        } else {
            fault.probability(p);
        }
        Long times = f.optionalInteger(m, node, "times", 1);
        if (times != null) {
            fault.times(times.intValue());
        }
        Duration from = f.duration(m, node, "from", null);
        Duration until = f.duration(m, node, "until", null);
        if (from != null && until != null && until.compareTo(from) <= 0) {
            f.problem(m.get("until"), "until (" + m.get("until").text().trim() + ") must come after from ("
                    + m.get("from").text().trim() + ")");
        } else {
            fault.during(from, until);
        }
        String paths = f.string(m, node, "paths", null);
        if (paths != null) {
            try {
                fault.onPaths(paths);
            } catch (java.util.regex.PatternSyntaxException e) {
                f.problem(m.get("paths"), "not a regular expression: " + e.getDescription());
            }
        }
        return fault;
    }

    private LibvirtOptions readLibvirt(YamlNode node) {
        LibvirtOptions d = LibvirtOptions.DEFAULTS;
        Map<String, YamlNode> m = f.mapping(node, Set.of("live_migration_downtime", "live_migration_downtime_steps",
                "live_migration_downtime_delay", "live_migration_completion_timeout", "live_migration_timeout_action",
                "live_migration_permit_post_copy", "live_migration_permit_auto_converge"));
        return new LibvirtOptions(
                (int) f.integer(m, node, "live_migration_downtime", d.downtimeMs(), 100),
                (int) f.integer(m, node, "live_migration_downtime_steps", d.downtimeSteps(), 3),
                (int) f.integer(m, node, "live_migration_downtime_delay", d.downtimeDelay(), 3),
                (int) f.integer(m, node, "live_migration_completion_timeout", d.completionTimeout(), 0),
                f.oneOf(m, node, "live_migration_timeout_action", d.timeoutAction(), Set.of("abort", "force_complete")),
                f.bool(m, node, "live_migration_permit_post_copy", d.permitPostCopy()),
                f.bool(m, node, "live_migration_permit_auto_converge", d.permitAutoConverge()));
    }

    /** {@code {at: 30s, <kind>: {fields}}}, checked against the world (servers and hosts must exist). */
    private TimelineEvent readTimelineEvent(YamlNode node) {
        if (!node.isMap()) {
            f.problem(node, "expected a mapping like {at: 30s, live_migrate: {server: db-1}}, found " + node.kind());
            return null;
        }
        Map<String, YamlNode> m = node.map();
        Duration at = f.duration(m, node, "at", null);
        if (at == null && !m.containsKey("at")) {
            f.missing(node, "at", "the virtual time after the start, e.g. 30s");
        }
        List<String> kinds = m.keySet().stream().filter(k -> !k.equals("at")).toList();
        if (kinds.size() != 1 || !TimelineEvent.KINDS.containsKey(kinds.get(0))) {
            f.problem(node, "expected exactly one of " + new java.util.TreeSet<>(TimelineEvent.KINDS.keySet())
                    + " next to 'at', found " + kinds);
            return null;
        }
        String kind = kinds.get(0);
        YamlNode body = m.get(kind);
        Map<String, YamlNode> fields = f.mapping(body, TimelineEvent.KINDS.get(kind));
        Map<String, String> args = new LinkedHashMap<>();
        fields.forEach((k, v) -> {
            if (v.isScalar()) {
                args.put(k, v.text());
            } else if (!v.isNull()) {
                f.problem(v, "expected a single value, found " + v.kind());
            }
        });
        Set<String> accepted = TimelineEvent.KINDS.get(kind);
        if (accepted.contains("server")) {
            String server = f.required(fields, body, "server", "the name of a server under servers");
            long named = server == null ? 1 : world.servers.stream().filter(s -> s.name.equals(server)).count();
            if (named == 0) {
                f.problem(fields.get("server"), "unknown server '" + server + "'; expected the name of a server");
            } else if (named > 1) {
                f.problem(fields.get("server"), "server name '" + server + "' is used by " + named
                        + " servers; the timeline needs a unique name");
            }
        }
        for (String hostField : List.of("host", "dest")) {
            if (!accepted.contains(hostField)) {
                continue;
            }
            String host = hostField.equals("host") ? f.required(fields, body, "host", "the name of a host under hosts")
                    : args.get("dest");
            if (host != null && !world.hosts.containsKey(host)) {
                f.problem(fields.get(hostField), "unknown host '" + host + "'; expected one of " + world.hosts.keySet());
            }
        }
        for (String b : List.of("block_migration", "force")) {
            if (accepted.contains(b)) {
                f.bool(fields, body, b, false);
            }
        }
        if (accepted.contains("takes")) {
            f.duration(fields, body, "takes", null);
        }
        if (kind.equals("workload")) {
            f.number(fields, body, "dirty_rate_mbps", 0, 0);
            f.integer(fields, body, "working_set_mb", 0, 0);
        }
        return at == null ? null : new TimelineEvent(at, kind, Map.copyOf(args), node.line);
    }

    private void readHost(YamlNode node) {
        Map<String, YamlNode> m = f.mapping(node, HOST);
        String name = f.required(m, node, "name", "the host name, e.g. compute-0");
        if (name == null) {
            return;
        }
        if (world.hosts.containsKey(name)) {
            f.problem(m.get("name"), "host '" + name + "' is defined twice");
            return;
        }
        Host h = new Host(name, world.hosts.size() + 3, world.newUuid(), world.newUuid());
        h.release = f.string(m, node, "release", "17.1");
        h.novaVersion = f.string(m, node, "nova_version", "23.2.3");
        h.hostIp = f.string(m, node, "host_ip", "192.168.24." + (10 + world.hosts.size()));
        h.migrationBandwidthMbps = f.integer(m, node, "migration_bandwidth_mbps", 10_000, 1);
        h.storageReachable = f.bool(m, node, "storage_reachable", true);
        h.serviceUpdatedAt = start;
        if (m.containsKey("service")) {
            YamlNode sn = m.get("service");
            Map<String, YamlNode> s = f.mapping(sn, Set.of("state", "status", "forced_down", "disabled_reason"));
            h.up = "up".equals(f.oneOf(s, sn, "state", "up", Set.of("up", "down")));
            h.enabled = "enabled".equals(f.oneOf(s, sn, "status", "enabled", Set.of("enabled", "disabled")));
            h.forcedDown = f.bool(s, sn, "forced_down", false);
            h.disabledReason = f.string(s, sn, "disabled_reason", null);
            if (!h.up) {
                h.serviceUpdatedAt = start.minus(Duration.ofMinutes(7));
            }
        }
        h.hypervisorType = "QEMU";
        h.hypervisorVersion = 8_002_000;
        h.cpuModel = "Cascadelake-Server";
        h.vcpus = 64;
        h.memoryMb = 262_144;
        h.localGb = 2000;
        if (m.containsKey("hypervisor")) {
            YamlNode hn = m.get("hypervisor");
            Map<String, YamlNode> hv = f.mapping(hn, Set.of("type", "version", "cpu_model", "vcpus", "memory_mb",
                    "local_gb"));
            h.hypervisorType = f.string(hv, hn, "type", h.hypervisorType);
            h.hypervisorVersion = f.integer(hv, hn, "version", h.hypervisorVersion, 0);
            h.cpuModel = f.string(hv, hn, "cpu_model", h.cpuModel);
            h.vcpus = (int) f.integer(hv, hn, "vcpus", h.vcpus, 1);
            h.memoryMb = f.integer(hv, hn, "memory_mb", h.memoryMb, 1);
            h.localGb = f.integer(hv, hn, "local_gb", h.localGb, 0);
        }
        List<Host.NumaNode> numa = new ArrayList<>();
        for (YamlNode nn : f.list(m, node, "numa")) {
            Map<String, YamlNode> n = f.mapping(nn, Set.of("node", "cpus", "memory_mb", "hugepages"));
            Map<String, Host.Hugepages> pages = new LinkedHashMap<>();
            YamlNode hp = n.get("hugepages");
            if (hp != null && !hp.isNull()) {
                Map<String, YamlNode> sizes = hp.isMap() ? hp.map() : f.mapping(hp, Set.of());
                for (Map.Entry<String, YamlNode> e : sizes.entrySet()) {
                    if (!Set.of("2MB", "1GB").contains(e.getKey())) {
                        f.problem(e.getValue(), "unknown hugepage size; expected 2MB or 1GB");
                        continue;
                    }
                    Map<String, YamlNode> p = f.mapping(e.getValue(), Set.of("total", "free"));
                    long total = f.integer(p, e.getValue(), "total", 0, 0);
                    pages.put(e.getKey(), new Host.Hugepages((int) total,
                            (int) f.integer(p, e.getValue(), "free", total, 0)));
                }
            }
            numa.add(new Host.NumaNode((int) f.integer(n, nn, "node", numa.size(), 0),
                    cpuList(n, nn, "cpus", true),
                    f.integer(n, nn, "memory_mb", 0, 0), pages));
        }
        h.numa = List.copyOf(numa);
        List<Host.Nic> nics = new ArrayList<>();
        for (YamlNode cn : f.list(m, node, "nics")) {
            Map<String, YamlNode> c = f.mapping(cn, Set.of("name", "pci", "numa_node", "speed_mbps", "physnet",
                    "sriov_totalvfs"));
            nics.add(new Host.Nic(f.required(c, cn, "name", "the interface name, e.g. ens1f0"),
                    f.string(c, cn, "pci", "0000:3b:00." + nics.size()),
                    (int) f.integer(c, cn, "numa_node", -1, -1),
                    f.integer(c, cn, "speed_mbps", 25_000, 0),
                    f.string(c, cn, "physnet", null),
                    (int) f.integer(c, cn, "sriov_totalvfs", 0, 0)));
        }
        h.nics = List.copyOf(nics);
        world.hosts.put(name, h);
    }

    private void readFlavor(YamlNode node) {
        Map<String, YamlNode> m = f.mapping(node, Set.of("name", "id", "vcpus", "ram_mb", "disk_gb", "ephemeral_gb",
                "swap_mb", "extra_specs"));
        String name = f.required(m, node, "name", "the flavor name, e.g. m1.small");
        if (name == null) {
            return;
        }
        if (world.flavors.containsKey(name)) {
            f.problem(m.get("name"), "flavor '" + name + "' is defined twice");
            return;
        }
        Map<String, String> specs = new LinkedHashMap<>();
        YamlNode es = m.get("extra_specs");
        if (es != null && !es.isNull()) {
            if (!es.isMap()) {
                f.problem(es, "expected a mapping of extra spec names to values, found " + es.kind());
            } else {
                es.map().forEach((k, v) -> {
                    if (v.isScalar()) {
                        specs.put(k, v.text());
                    } else {
                        f.problem(v, "expected a text value, found " + v.kind());
                    }
                });
            }
        }
        String id = f.string(m, node, "id", String.valueOf(world.flavors.size() + 1));
        world.flavors.put(name, new Flavor(id, name, (int) f.integer(m, node, "vcpus", 1, 1),
                f.integer(m, node, "ram_mb", 512, 1), (int) f.integer(m, node, "disk_gb", 1, 0),
                (int) f.integer(m, node, "ephemeral_gb", 0, 0), (int) f.integer(m, node, "swap_mb", 0, 0),
                Map.copyOf(specs)));
    }

    private void readGroup(YamlNode node, Map<String, List<YamlNode>> members) {
        Map<String, YamlNode> m = f.mapping(node, Set.of("name", "policy", "max_server_per_host", "members"));
        String name = f.required(m, node, "name", "the group's name");
        String policy = f.oneOf(m, node, "policy", "anti-affinity",
                Set.of("affinity", "anti-affinity", "soft-affinity", "soft-anti-affinity"));
        Long max = f.optionalInteger(m, node, "max_server_per_host", 1);
        if (max != null && !"anti-affinity".equals(policy)) {
            f.problem(m.get("max_server_per_host"), "only allowed with policy anti-affinity");
        }
        if (name == null) {
            return;
        }
        world.groups.put(name, new ServerGroup(world.newUuid(), name, policy, max == null ? null : max.intValue()));
        members.put(name, f.list(m, node, "members"));
    }

    /** A server as declared, resolved against hosts and flavors before it is created. */
    private record ServerSpec(YamlNode node, String name, String id, Flavor flavor, String host, String vmState,
                              Server.Fault fault, boolean locked, double dirtyRateBytes, long workingSetBytes,
                              Integer numaNode, String pinnedCpus, List<String> nics) {
    }

    private ServerSpec readServer(YamlNode node) {
        Map<String, YamlNode> m = f.mapping(node, SERVER);
        String name = f.required(m, node, "name", "the server's name");
        Flavor flavor = flavor(m, node, f.required(m, node, "flavor", "the name of a flavor under flavors"));
        String host = host(m, node, f.required(m, node, "host", "the name of a host under hosts"));
        String status = f.oneOf(m, node, "status", "ACTIVE", VM_STATES.keySet());
        Server.Fault fault = null;
        if (m.containsKey("fault")) {
            YamlNode fn = m.get("fault");
            Map<String, YamlNode> fm = f.mapping(fn, Set.of("code", "message", "details"));
            fault = new Server.Fault((int) f.integer(fm, fn, "code", 500, 100),
                    f.required(fm, fn, "message", "the fault message Nova recorded"),
                    f.string(fm, fn, "details", ""), start);
            if (!"ERROR".equals(status)) {
                f.problem(fn, "a fault is only shown for status ERROR; set status: ERROR or remove the fault");
            }
        }
        double[] workload = workload(m.get("workload"));
        Integer numaNode = null;
        String pinned = null;
        List<String> nics = List.of();
        if (m.containsKey("placement")) {
            YamlNode pn = m.get("placement");
            Map<String, YamlNode> p = f.mapping(pn, Set.of("numa_node", "pinned_cpus", "nics"));
            Long nn = f.optionalInteger(p, pn, "numa_node", 0);
            numaNode = nn == null ? null : nn.intValue();
            pinned = cpuList(p, pn, "pinned_cpus", false);
            List<String> names = new ArrayList<>();
            for (YamlNode n : f.list(p, pn, "nics")) {
                if (n.isScalar()) {
                    names.add(n.text());
                } else {
                    f.problem(n, "expected a NIC name of the server's host, found " + n.kind());
                }
            }
            nics = List.copyOf(names);
        }
        return new ServerSpec(node, name, f.string(m, node, "id", null), flavor, host, VM_STATES.get(status), fault,
                f.bool(m, node, "locked", false), workload[0], (long) workload[1], numaNode, pinned, nics);
    }

    /** A server pool; {@code before} servers are declared already (the total is capped, or a typo costs the heap). */
    private List<ServerSpec> readPool(YamlNode node, int before) {
        Map<String, YamlNode> m = f.mapping(node, Set.of("name_prefix", "count", "flavors", "hosts", "workload"));
        String prefix = f.required(m, node, "name_prefix", "the prefix of the generated names, e.g. web-");
        long asked = f.integer(m, node, "count", 0, 0);
        int count = (int) asked;
        if (asked > DemoCloudOptions.MAX_SERVERS - before) {
            f.problem(m.get("count"), "a scenario holds at most " + DemoCloudOptions.MAX_SERVERS + " servers (servers "
                    + "and server_pools together); with this pool it would hold " + (before + asked)
                    + ". Use a smaller count (docs/SCENARIOS.md)");
            count = 0;
        }
        List<Flavor> flavors = new ArrayList<>();
        for (YamlNode n : f.list(m, node, "flavors")) {
            Flavor fl = n.isScalar() ? world.flavors.get(n.text()) : null;
            if (fl == null) {
                f.problem(n, "unknown flavor " + n.kind() + "; expected one of " + world.flavors.keySet());
            } else {
                flavors.add(fl);
            }
        }
        if (flavors.isEmpty() && !m.containsKey("flavors")) {
            f.missing(node, "flavors", "a list of flavor names");
        }
        List<String> hosts = new ArrayList<>();
        for (YamlNode n : f.list(m, node, "hosts")) {
            if (n.isScalar() && world.hosts.containsKey(n.text())) {
                hosts.add(n.text());
            } else {
                f.problem(n, "unknown host " + n.kind() + "; expected one of " + world.hosts.keySet());
            }
        }
        if (hosts.isEmpty()) {
            hosts.addAll(world.hosts.keySet());
        }
        double[] workload = workload(m.get("workload"));
        List<ServerSpec> specs = new ArrayList<>();
        if (prefix == null || flavors.isEmpty() || hosts.isEmpty()) {
            return specs;
        }
        int width = Math.max(3, String.valueOf(count).length());
        for (int i = 1; i <= count; i++) {
            specs.add(new ServerSpec(node, prefix + String.format("%0" + width + "d", i), null,
                    flavors.get(i % flavors.size()), hosts.get(i % hosts.size()), "active", null, false,
                    workload[0], (long) workload[1], null, null, List.of()));
        }
        return specs;
    }

    private String cpuList(Map<String, YamlNode> m, YamlNode parent, String key, boolean required) {
        String text = required ? f.required(m, parent, key, "a CPU list like \"0-31\"") : f.string(m, parent, key, null);
        if (text != null && !text.matches("\\s*\\d+(\\s*-\\s*\\d+)?(\\s*,\\s*\\d+(\\s*-\\s*\\d+)?)*\\s*")) {
            f.problem(m.get(key), "'" + text + "' is not a CPU list; expected something like \"0-31\" or \"2-9,12\"");
            return required ? "0" : null;
        }
        if (text != null && java.util.Arrays.stream(text.split("[^0-9]+")).filter(d -> !d.isEmpty())
                .anyMatch(d -> d.length() > 5 || Integer.parseInt(d) > MAX_CPU_ID)) {
            f.problem(m.get(key), "'" + text + "' names a CPU above " + MAX_CPU_ID + "; no host has that many");
            return required ? "0" : null;
        }
        return text;
    }

    /** {@code workload: {dirty_rate_mbps, working_set_mb}} as bytes/s and bytes; zeros when absent. */
    private double[] workload(YamlNode wn) {
        if (wn == null || wn.isNull()) {
            return new double[] {0, 0};
        }
        Map<String, YamlNode> w = f.mapping(wn, Set.of("dirty_rate_mbps", "working_set_mb"));
        return new double[] {f.number(w, wn, "dirty_rate_mbps", 0, 0) * 1e6 / 8,
            f.integer(w, wn, "working_set_mb", 0, 0) * 1024.0 * 1024.0};
    }

    private Flavor flavor(Map<String, YamlNode> m, YamlNode node, String name) {
        if (name == null) {
            return null;
        }
        Flavor fl = world.flavors.get(name);
        if (fl == null) {
            f.problem(m.get("flavor"), "unknown flavor '" + name + "'; expected one of " + world.flavors.keySet());
        }
        return fl;
    }

    private String host(Map<String, YamlNode> m, YamlNode node, String name) {
        if (name != null && !world.hosts.containsKey(name)) {
            f.problem(m.get("host"), "unknown host '" + name + "'; expected one of " + world.hosts.keySet());
            return null;
        }
        return name;
    }

    private void createServers(List<ServerSpec> specs) {
        int n = specs.size();
        for (int i = 0; i < n; i++) {
            ServerSpec s = specs.get(i);
            if (s.id() != null && world.serversById.containsKey(s.id())) {
                f.problem(s.node(), "server id '" + s.id() + "' is used twice; ids must be unique");
                continue;
            }
            // Older servers first: creation times are spread over the days before the scenario starts.
            Instant created = start.minus(Duration.ofMinutes(10L * (n - i)));
            Server server = new Server(s.id() == null ? world.newUuid() : s.id(), s.name(), s.flavor(), created, i);
            server.host = s.host();
            server.vmState = s.vmState();
            server.powerState = "active".equals(s.vmState()) || "paused".equals(s.vmState())
                    ? ("paused".equals(s.vmState()) ? 3 : 1) : 4;
            server.fault = s.fault();
            server.locked = s.locked();
            server.dirtyRateBytes = s.dirtyRateBytes();
            server.workingSetBytes = s.workingSetBytes() > 0 ? s.workingSetBytes() : server.ramBytes();
            server.numaNode = s.numaNode();
            server.pinnedCpus = s.pinnedCpus();
            server.nics = s.nics();
            Host host = world.hosts.get(s.host());
            for (String nic : s.nics()) {
                if (host.nics.stream().noneMatch(x -> x.name().equals(nic))) {
                    f.problem(s.node(), "placement.nics: host '" + host.name + "' has no NIC '" + nic + "'");
                }
            }
            world.addServer(server);
        }
    }

    private void joinGroups(Map<String, List<YamlNode>> members) {
        Map<String, Server> byName = new HashMap<>();
        world.servers.forEach(s -> byName.putIfAbsent(s.name, s));
        members.forEach((group, names) -> {
            ServerGroup g = world.groups.get(group);
            for (YamlNode n : names) {
                Server s = n.isScalar() ? byName.get(n.text()) : null;
                if (s == null) {
                    f.problem(n, "unknown server " + n.kind() + "; expected the name of a server under servers");
                } else if (s.group != null) {
                    f.problem(n, "server '" + s.name + "' is already in group '" + s.group.name
                            + "'; a server belongs to one group at most");
                } else {
                    s.group = g;
                    g.memberIds.add(s.id);
                }
            }
        });
    }
}
