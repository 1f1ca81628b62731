package dev.migrationworkbench.democloud;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

/**
 * Everything the emulated cloud knows: hosts, flavors, servers, groups, migrations and instance
 * actions. Not thread-safe by itself: callers hold the world's monitor ({@code synchronized (world)}).
 */
final class World {

    final String name;
    final String description;
    final Microversion maxVersion;
    final String projectId;
    final String userId;
    final Map<String, Host> hosts = new LinkedHashMap<>();
    final Map<String, Flavor> flavors = new LinkedHashMap<>();
    final Map<String, ServerGroup> groups = new LinkedHashMap<>();
    final List<Server> servers = new ArrayList<>();
    final Map<String, Server> serversById = new HashMap<>();
    final List<Migration> migrations = new ArrayList<>();
    final Map<String, List<InstanceAction>> actions = new HashMap<>();
    /** {@link #serversOn} by host, rebuilt after a placement change (a fleet has 10,000 servers and 1,000 hosts). */
    private Map<String, List<Server>> serversByHost;
    final String imageId;
    LibvirtOptions libvirt = LibvirtOptions.DEFAULTS;
    private final Random random;
    private Instant now;

    World(String name, String description, Microversion maxVersion, long seed, Instant start) {
        this.name = name;
        this.description = description;
        this.maxVersion = maxVersion;
        this.random = new Random(seed);
        this.now = start;
        this.projectId = newUuid().replace("-", "");
        this.userId = newUuid().replace("-", "");
        this.imageId = newUuid();
    }

    /** Ids are drawn from the scenario's seed so a scenario always produces the same ids. */
    String newUuid() {
        long hi = (random.nextLong() & ~0xF000L) | 0x4000L;
        long lo = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(hi, lo).toString();
    }

    String newRequestId() {
        return "req-" + newUuid();
    }

    Instant now() {
        return now;
    }

    void setNow(Instant t) {
        now = t;
    }

    void addServer(Server s) {
        servers.add(s);
        serversById.put(s.id, s);
        placementChanged();
    }

    /** A server moved to another host or was deleted: {@link #serversOn} is indexed again on its next use. */
    void placementChanged() {
        serversByHost = null;
    }

    Server server(String id) {
        Server s = serversById.get(id);
        return s == null || s.deleted ? null : s;
    }

    Flavor flavorById(String id) {
        for (Flavor f : flavors.values()) {
            if (f.id().equals(id)) {
                return f;
            }
        }
        return null;
    }

    Host hostByHypervisorId(String id) {
        for (Host h : hosts.values()) {
            if (h.hypervisorUuid.equals(id) || String.valueOf(h.hypervisorId()).equals(id)) {
                return h;
            }
        }
        return null;
    }

    List<InstanceAction> actionsOf(String serverId) {
        return actions.computeIfAbsent(serverId, k -> new ArrayList<>());
    }

    /**
     * Adds {@code count} servers of the smallest flavor for scale tests, named {@code scale-00001}...,
     * and one extra host (a copy of the first host's hardware, {@code scale-host-001}...) per 50 of
     * them, so the cloud stays as full as a real one of that size.
     */
    void scaleOut(int count) {
        if (count <= 0) {
            return;
        }
        Host template = hosts.values().iterator().next();
        Flavor smallest = flavors.values().stream().min(java.util.Comparator.comparingLong(Flavor::ramMb))
                .orElseThrow(() -> new IllegalStateException("the scenario has no flavor to scale out with"));
        List<Host> added = new ArrayList<>();
        int hostCount = (count + 49) / 50;
        for (int i = 1; i <= hostCount; i++) {
            Host h = new Host(String.format("scale-host-%03d", i), hosts.size() + 3, newUuid(), newUuid());
            h.release = template.release;
            h.novaVersion = template.novaVersion;
            h.hostIp = "192.168." + (100 + i / 250) + "." + (i % 250 + 1);
            h.migrationBandwidthMbps = template.migrationBandwidthMbps;
            h.serviceUpdatedAt = now;
            h.hypervisorType = template.hypervisorType;
            h.hypervisorVersion = template.hypervisorVersion;
            h.cpuModel = template.cpuModel;
            h.vcpus = template.vcpus;
            h.memoryMb = template.memoryMb;
            h.localGb = template.localGb;
            h.numa = template.numa;
            h.nics = template.nics;
            hosts.put(h.name, h);
            added.add(h);
        }
        int base = servers.size();
        for (int i = 0; i < count; i++) {
            Server s = new Server(newUuid(), String.format("scale-%05d", i + 1), smallest,
                    now.minus(java.time.Duration.ofMinutes(10L * (base + count - i))), base + i);
            s.host = added.get(i % added.size()).name;
            s.workingSetBytes = s.ramBytes() / 4;
            addServer(s);
        }
    }

    /** The servers currently placed on a host (not deleted). */
    List<Server> serversOn(String host) {
        if (serversByHost == null) {
            Map<String, List<Server>> index = new HashMap<>();
            for (Server s : servers) {
                if (!s.deleted && s.host != null) {
                    index.computeIfAbsent(s.host, h -> new ArrayList<>()).add(s);
                }
            }
            serversByHost = index;
        }
        return new ArrayList<>(serversByHost.getOrDefault(host, List.of()));
    }
}
