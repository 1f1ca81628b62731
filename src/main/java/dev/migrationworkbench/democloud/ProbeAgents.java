package dev.migrationworkbench.democloud;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Simulated host probe agents, one per emulated host, serving the probe agent API v1 of
 * docs/PROBE-AGENT.md from the world's state. Unlike the real agent they speak plain HTTP on the
 * demo cloud's loopback port, under {@code /probe/<host>} (base URL {@code http://127.0.0.1:PORT/probe/compute-0});
 * the bearer token check is the same.
 */
final class ProbeAgents {

    static final String PREFIX = "/probe";
    static final String AGENT_VERSION = "0.1.0-simulated";
    private static final Pattern UUID = Pattern.compile(
            "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$");
    private static final long GIB_KB = 1_048_576;

    private final World world;
    private final MigrationEngine engine;
    private final String token;
    private final Instant startedAt;

    ProbeAgents(World world, MigrationEngine engine) {
        this.world = world;
        this.engine = engine;
        byte[] raw = new byte[24];
        new SecureRandom().nextBytes(raw);
        this.token = HexFormat.of().formatHex(raw);
        this.startedAt = world.now();
    }

    String token() {
        return token;
    }

    void handle(HttpCall call) throws IOException {
        // the raw path, before percent-decoding, as the real agent checks it
        String[] raw = call.path.substring(PREFIX.length()).split("/", -1);
        if (raw.length < 2 || raw[1].isEmpty()) {
            error(call, 404, "not_found", "no such path: " + call.path);
            return;
        }
        Host host;
        ObjectNode body;
        synchronized (world) {
            host = world.hosts.get(raw[1]);
        }
        if (host == null) {
            error(call, 404, "not_found", "no simulated agent for host '" + raw[1] + "'");
            return;
        }
        String auth = call.header("Authorization");
        if (auth == null || !auth.startsWith("Bearer ")
                || !MessageDigest.isEqual(auth.substring(7).trim().getBytes(StandardCharsets.UTF_8),
                        token.getBytes(StandardCharsets.UTF_8))) {
            call.addHeader("WWW-Authenticate", "Bearer realm=\"mw-probe\"");
            error(call, 401, "unauthorized", "missing or wrong bearer token");
            return;
        }
        if (!call.method.equals("GET")) {
            call.addHeader("Allow", "GET");
            error(call, 405, "method_not_allowed", "only GET is allowed, not " + call.method);
            return;
        }
        if (call.exchange.getRequestURI().getRawQuery() != null) {
            error(call, 400, "bad_request", "query strings are not accepted");
            return;
        }
        String length = call.header("Content-Length");
        if ((length != null && !length.equals("0")) || call.header("Transfer-Encoding") != null) {
            error(call, 413, "request_too_large", "requests must not have a body");
            return;
        }
        List<String> rest = List.of(raw).subList(2, raw.length);
        synchronized (world) {
            body = route(call, host, rest);
        }
        if (body != null) {
            call.sendBytes(200, Json.bytes(body), "application/json; charset=utf-8");
        }
    }

    private ObjectNode route(HttpCall call, Host host, List<String> rest) throws IOException {
        String path = String.join("/", rest);
        if (path.equals("v1/health")) {
            ObjectNode o = envelope();
            o.put("status", "ok").put("agentVersion", AGENT_VERSION).put("host", host.name)
                    .put("startedAt", time(startedAt)).put("virshAvailable", true);
            return o;
        }
        if (path.equals("v1/host")) {
            ObjectNode o = envelope();
            o.set("topology", topology(host));
            o.putArray("warnings");
            return o;
        }
        if (path.equals("v1/instances")) {
            ObjectNode o = envelope();
            ArrayNode arr = o.putArray("instances");
            world.serversOn(host.name).forEach(s -> arr.add(placement(host, s)));
            o.putArray("warnings");
            return o;
        }
        if (rest.size() >= 3 && rest.size() <= 4 && rest.get(0).equals("v1") && rest.get(1).equals("instances")
                && (rest.size() == 3 || rest.get(3).equals("jobinfo"))) {
            String uuid = rest.get(2);
            if (!UUID.matcher(uuid).matches()) {
                error(call, 400, "bad_uuid", "path parameter is not a UUID: '" + uuid + "'");
                return null;
            }
            Server s = world.server(uuid.toLowerCase(Locale.ROOT));
            if (s == null || !host.name.equals(s.host)) {
                error(call, 404, "instance_not_found", "no libvirt domain " + uuid.toLowerCase(Locale.ROOT)
                        + " on this host");
                return null;
            }
            ObjectNode o = envelope();
            if (rest.size() == 3) {
                o.set("placement", placement(host, s));
            } else {
                jobInfo(o, s);
            }
            return o;
        }
        error(call, 404, "not_found", "no such path: " + call.path);
        return null;
    }

    private static ObjectNode envelope() {
        ObjectNode o = Json.object();
        o.put("schemaVersion", 1);
        return o;
    }

    private static void error(HttpCall call, int status, String code, String message) throws IOException {
        ObjectNode o = envelope();
        o.putObject("error").put("code", code).put("message", message);
        call.sendBytes(status, Json.bytes(o), "application/json; charset=utf-8");
    }

    private static String time(Instant t) {
        return DateTimeFormatter.ISO_INSTANT.format(t.truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
    }

    private static ArrayNode ints(List<Integer> values) {
        ArrayNode a = Json.array();
        values.forEach(a::add);
        return a;
    }

    private ObjectNode topology(Host h) {
        ObjectNode t = Json.object();
        t.put("host", h.name).put("collectedAt", time(world.now())).put("release", h.release)
                .put("novaComputeVersion", h.novaVersion).put("cpuModel", h.cpuModel);
        List<Server> on = world.serversOn(h.name);
        List<Integer> online = new java.util.ArrayList<>();
        h.numa.forEach(n -> online.addAll(CpuSet.parse(n.cpus())));
        if (online.isEmpty()) {
            for (int i = 0; i < h.vcpus; i++) {
                online.add(i);
            }
        }
        online.sort(null);
        t.set("onlineCpus", ints(online));
        ArrayNode nodes = t.putArray("numaNodes");
        long unplacedMb = on.stream().filter(s -> s.numaNode == null).mapToLong(s -> s.flavor.ramMb()).sum();
        for (Host.NumaNode n : h.numa) {
            ObjectNode node = nodes.addObject();
            node.put("id", n.node()).set("cpus", ints(CpuSet.parse(n.cpus())));
            long used = unplacedMb / Math.max(1, h.numa.size());
            long pages1g = 0;
            long pages2m = 0;
            for (Server s : on) {
                if (s.numaNode != null && s.numaNode == n.node()) {
                    String size = s.flavor.extraSpecs().get("hw:mem_page_size");
                    if ("1GB".equalsIgnoreCase(size)) {
                        pages1g += Placement.pagesFor(s.flavor.ramMb(), "1GB");
                    } else if ("2MB".equalsIgnoreCase(size)) {
                        pages2m += Placement.pagesFor(s.flavor.ramMb(), "2MB");
                    } else {
                        used += s.flavor.ramMb();
                    }
                }
            }
            long hugeMb = 0;
            ArrayNode pages = Json.array();
            for (String size : List.of("2MB", "1GB")) {
                Host.Hugepages hp = n.hugepages().get(size);
                long sizeKb = size.equals("1GB") ? GIB_KB : 2048;
                int total = hp == null ? 0 : hp.total();
                long free = hp == null ? 0 : Math.max(0, hp.free() - (size.equals("1GB") ? pages1g : pages2m));
                hugeMb += total * sizeKb / 1024;
                pages.addObject().put("sizeKb", sizeKb).put("total", total).put("free", free);
            }
            node.put("memoryTotalMb", n.memoryMb())
                    .put("memoryFreeMb", Math.max(0, n.memoryMb() - hugeMb - used - 2048));
            ArrayNode distances = node.putArray("distances");
            h.numa.forEach(other -> distances.add(other.node() == n.node() ? 10 : 21));
            node.set("hugepages", pages);
        }
        ArrayNode nics = t.putArray("nics");
        for (Host.Nic nic : h.nics) {
            ObjectNode o = nics.addObject();
            o.put("name", nic.name()).put("pciAddress", nic.pci()).put("numaNode", nic.numaNode());
            List<Integer> local = new java.util.ArrayList<>();
            h.numa.stream().filter(n -> n.node() == nic.numaNode()).forEach(n -> local.addAll(CpuSet.parse(n.cpus())));
            o.set("localCpus", ints(local));
            o.put("speedMbps", nic.speedMbps()).put("driver", "ice").put("physnet", nic.physnet())
                    .put("sriovTotalVfs", nic.sriovTotalVfs()).put("sriovNumVfs", nic.sriovTotalVfs() > 0 ? 2 : 0)
                    .putNull("physfn").put("operState", "up");
            ArrayNode vfs = o.putArray("vfs");
            for (int i = 0; i < (nic.sriovTotalVfs() > 0 ? 2 : 0); i++) {
                vfs.add(vf(nic, i));
            }
        }
        ObjectNode conf = t.putObject("novaConfig");
        LibvirtOptions l = world.libvirt;
        conf.put("libvirt.live_migration_downtime", String.valueOf(l.downtimeMs()))
                .put("libvirt.live_migration_downtime_steps", String.valueOf(l.downtimeSteps()))
                .put("libvirt.live_migration_downtime_delay", String.valueOf(l.downtimeDelay()))
                .put("libvirt.live_migration_completion_timeout", String.valueOf(l.completionTimeout()))
                .put("libvirt.live_migration_timeout_action", l.timeoutAction())
                .put("libvirt.live_migration_permit_post_copy", String.valueOf(l.permitPostCopy()))
                .put("libvirt.live_migration_permit_auto_converge", String.valueOf(l.permitAutoConverge()))
                .put("workarounds.enable_numa_live_migration", "false")
                .put("DEFAULT.reserved_host_memory_mb", String.valueOf(Placement.RESERVED_HOST_MEMORY_MB))
                .put("DEFAULT.ram_allocation_ratio", String.valueOf(Placement.RAM_ALLOCATION_RATIO));
        ArrayNode instances = t.putArray("instances");
        on.forEach(s -> instances.add(placement(h, s)));
        t.put("memoryTotalMb", h.memoryMb);
        ArrayNode flags = t.putArray("cpuFlags");
        List.of("avx", "avx2", "avx512f", "fpu", "pdpe1gb", "vme", "vmx").forEach(flags::add);
        return t;
    }

    private static String vf(Host.Nic nic, int i) {
        String pci = nic.pci();
        int dot = pci.lastIndexOf(':');
        return dot < 0 ? pci : pci.substring(0, dot) + String.format(":%02x.%d", 1 + i / 8, i % 8);
    }

    private ObjectNode placement(Host h, Server s) {
        ObjectNode p = Json.object();
        p.put("instanceUuid", s.id).put("domainName", String.format("instance-%08x", s.index + 1));
        List<Integer> pinned = CpuSet.parse(s.pinnedCpus);
        p.set("pinnedCpus", ints(pinned));
        p.set("memoryNodes", s.numaNode == null ? Json.array() : ints(List.of(s.numaNode)));
        String size = s.flavor.extraSpecs().get("hw:mem_page_size");
        if ("1GB".equalsIgnoreCase(size)) {
            p.put("hugepageSizeKb", GIB_KB);
        } else if ("2MB".equalsIgnoreCase(size)) {
            p.put("hugepageSizeKb", 2048);
        } else {
            p.putNull("hugepageSizeKb");
        }
        // the scenario's placement NICs carry the guest's ports through the vswitch (not PCI devices,
        // which Nova's fit would keep on their own node): libvirt names the host NIC
        ArrayNode nics = p.putArray("nics");
        for (String name : s.nics) {
            h.nics.stream().filter(n -> n.name().equals(name)).findFirst()
                    .ifPresentOrElse(n -> nics.add(n.name()),
                            () -> nics.add("tap" + s.id.substring(0, 11)));
        }
        if (s.nics.isEmpty()) {
            nics.add("tap" + s.id.substring(0, 11));
        }
        ObjectNode pins = p.putObject("vcpuPins");
        for (int i = 0; i < pinned.size(); i++) {
            pins.set(String.valueOf(i), ints(List.of(pinned.get(i))));
        }
        p.set("emulatorCpus", ints(pinned));
        if (s.numaNode != null) {
            p.put("memoryMode", "strict");
        } else {
            p.putNull("memoryMode");
        }
        return p;
    }

    /** virsh domjobinfo of the domain on its source host, from the copy in flight. */
    private void jobInfo(ObjectNode o, Server s) {
        o.put("instanceUuid", s.id).put("collectedAt", time(world.now()));
        LiveCopy c = null;
        for (MigrationEngine.Flight f : engine.flights()) {
            if (f.migration.server == s && f.phase == MigrationEngine.Phase.RUNNING) {
                c = f.copy;
            }
        }
        ObjectNode raw = Json.object();
        if (c == null) {
            o.put("jobType", "none");
            o.putNull("stats");
            raw.put("Job type", "None");
            o.set("raw", raw);
            return;
        }
        long expected = Math.round((c.remaining + c.dirtied) / c.bandwidth * 1000);
        Integer throttle = c.options.permitAutoConverge() && !c.options.permitPostCopy()
                ? (int) Math.round(c.throttle * 100) : null;
        o.put("jobType", "unbounded");
        ObjectNode st = o.putObject("stats");
        st.put("elapsedMillis", Math.round(c.elapsed * 1000)).put("memoryTotalBytes", c.memoryTotal)
                .put("memoryProcessedBytes", c.memoryProcessed).put("memoryRemainingBytes", Math.round(c.remaining))
                .put("memoryBytesPerSecond", Math.round(c.bandwidth))
                .put("dirtyBytesPerSecond", Math.round(c.lastDirtyRate / 4096) * 4096)
                .put("iteration", c.iteration).put("autoConvergeThrottlePercent", throttle)
                .put("expectedDowntimeMillis", expected).put("postCopy", c.postCopy);
        raw.put("Job type", "Unbounded").put("Operation", "Outgoing migration")
                .put("Time elapsed", Math.round(c.elapsed * 1000) + " ms")
                .put("Memory processed", mib(c.memoryProcessed)).put("Memory remaining", mib(c.remaining))
                .put("Memory total", mib(c.memoryTotal))
                .put("Memory bandwidth", String.format(Locale.ROOT, "%.3f MiB/s", c.bandwidth / 1048576))
                .put("Dirty rate", Math.round(c.lastDirtyRate / 4096) + " pages/s").put("Page size", "4096 bytes")
                .put("Iteration", String.valueOf(c.iteration)).put("Expected downtime", expected + " ms");
        if (throttle != null) {
            raw.put("Auto converge throttle", throttle + "%");
        }
        o.set("raw", raw);
    }

    private static String mib(double bytes) {
        return String.format(Locale.ROOT, "%.3f MiB", bytes / 1048576);
    }
}
