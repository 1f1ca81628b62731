package dev.migrationworkbench.service;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Writes the fleet-scale demo scenario of the triage benchmark (docs/PERFORMANCE.md): 1,000 hosts,
 * 10,000 servers, and a maintenance window in which 20 hosts are disabled and drained at once:
 * 200 concurrent live migrations over their 1 Gbit/s migration network, most converging, some
 * slowly, one per host never (a guest dirtying memory faster than the link copies it), plus ten
 * migrations forced onto a host whose nova-compute is down, which fail.
 */
public final class FleetScenario {

    static final int HOSTS = 1000;
    static final int SERVERS = 10_000;
    static final int DRAINED_HOSTS = 20;
    static final int PER_DRAINED_HOST = 10;
    static final int FORCED_FAILURES = 10;
    /** the host whose nova-compute is down (the forced migrations' destination) */
    static final String DOWN_HOST = host(HOSTS - 1);

    private FleetScenario() {
    }

    static String host(int i) {
        return String.format(Locale.ROOT, "compute-%04d", i);
    }

    static String drainServer(int host, int k) {
        return String.format(Locale.ROOT, "drain-%04d-%d", host, k);
    }

    /** The drain of the benchmark: most guests converge, some slowly, one per host never. */
    public static Path write(Path file) throws IOException {
        Files.writeString(file, yaml(false));
        return file;
    }

    /** For an hour of watching: every guest of the drain dirties memory faster than its link copies it, and Nova's completion timeout is off. */
    static Path writeStuck(Path file) throws IOException {
        Files.writeString(file, yaml(true));
        return file;
    }

    static String yaml(boolean stuck) {
        StringBuilder y = new StringBuilder(1 << 20);
        y.append("name: fleet\n");
        y.append("description: 1,000 hosts, 10,000 servers; 20 hosts drained at once (200 concurrent live migrations).\n");
        y.append("clock: {speed: 1}\n");
        y.append("nova:\n  max_microversion: \"2.96\"\n");
        if (stuck) {
            y.append("  libvirt: {live_migration_completion_timeout: 0}\n");
        }
        y.append("hosts:\n");
        for (int i = 0; i < HOSTS; i++) {
            y.append("  - name: ").append(host(i)).append('\n');
            y.append("    hypervisor: {type: QEMU, version: 8002000, vcpus: 128, memory_mb: 524288, local_gb: 4000}\n");
            y.append("    migration_bandwidth_mbps: ").append(i < DRAINED_HOSTS ? 1000 : 10000).append('\n');
            if (i == HOSTS - 1) {
                y.append("    service: {state: down, status: enabled}\n");
            }
            y.append("    numa:\n");
            y.append("      - {node: 0, cpus: \"0-63\", memory_mb: 262144}\n");
            y.append("      - {node: 1, cpus: \"64-127\", memory_mb: 262144}\n");
        }
        y.append("flavors:\n");
        y.append("  - {name: m1.small, id: \"1\", vcpus: 1, ram_mb: 2048, disk_gb: 20}\n");
        y.append("  - {name: m1.medium, id: \"2\", vcpus: 2, ram_mb: 4096, disk_gb: 40}\n");
        y.append("  - {name: m1.xlarge, id: \"4\", vcpus: 8, ram_mb: 16384, disk_gb: 160}\n");
        y.append("servers:\n");
        for (int h = 0; h < DRAINED_HOSTS; h++) {
            for (int k = 0; k < PER_DRAINED_HOST; k++) {
                // 7 converge, 2 converge slowly, 1 never does (1 Gbit/s link = 1000 Mbit/s)
                int dirty = stuck ? 2500 : k < 7 ? 600 : k < 9 ? 850 : 2500;
                y.append("  - {name: ").append(drainServer(h, k)).append(", flavor: m1.xlarge, host: ").append(host(h))
                        .append(", workload: {dirty_rate_mbps: ").append(dirty).append(", working_set_mb: 8192}}\n");
            }
        }
        for (int i = 0; i < FORCED_FAILURES; i++) {
            y.append("  - {name: forced-").append(i).append(", flavor: m1.medium, host: ").append(host(DRAINED_HOSTS + i))
                    .append(", workload: {dirty_rate_mbps: 40, working_set_mb: 512}}\n");
        }
        int rest = SERVERS - DRAINED_HOSTS * PER_DRAINED_HOST - FORCED_FAILURES;
        y.append("server_pools:\n");
        y.append("  - {name_prefix: vm-, count: ").append(rest).append(", flavors: [m1.small, m1.medium], hosts: [");
        for (int i = DRAINED_HOSTS; i < HOSTS - 1; i++) {
            y.append(i == DRAINED_HOSTS ? "" : ", ").append(host(i));
        }
        y.append("], workload: {dirty_rate_mbps: 40, working_set_mb: 512}}\n");
        y.append("timeline:\n");
        for (int h = 0; h < DRAINED_HOSTS; h++) {
            y.append("  - {at: 0s, service_disable: {host: ").append(host(h)).append(", reason: \"maintenance window\"}}\n");
        }
        for (int i = 0; i < FORCED_FAILURES; i++) {
            y.append("  - {at: 1s, live_migrate: {server: forced-").append(i).append(", dest: ").append(DOWN_HOST)
                    .append(", force: true}}\n");
        }
        for (int h = 0; h < DRAINED_HOSTS; h++) {
            for (int k = 0; k < PER_DRAINED_HOST; k++) {
                y.append("  - {at: 2s, live_migrate: {server: ").append(drainServer(h, k)).append("}}\n");
            }
        }
        return y.toString();
    }
}
