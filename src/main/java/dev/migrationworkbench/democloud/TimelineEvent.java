package dev.migrationworkbench.democloud;

import java.time.Duration;
import java.util.Map;
import java.util.Set;

/**
 * One entry of a scenario's timeline: at a virtual time after the start, something an operator or
 * the infrastructure does. {@code args} are already validated by the loader.
 */
record TimelineEvent(Duration at, String kind, Map<String, String> args, int line) {

    /** The kinds of timeline entries and the fields each accepts. */
    static final Map<String, Set<String>> KINDS = Map.ofEntries(
            Map.entry("live_migrate", Set.of("server", "dest", "block_migration", "force")),
            Map.entry("abort", Set.of("server")),
            Map.entry("force_complete", Set.of("server")),
            Map.entry("service_down", Set.of("host")),
            Map.entry("service_up", Set.of("host")),
            Map.entry("service_disable", Set.of("host", "reason")),
            Map.entry("service_enable", Set.of("host")),
            Map.entry("force_down", Set.of("host")),
            Map.entry("unset_force_down", Set.of("host")),
            Map.entry("compute_restart", Set.of("host")),
            Map.entry("delete_server", Set.of("server")),
            Map.entry("stop_server", Set.of("server", "takes")),
            Map.entry("workload", Set.of("server", "dirty_rate_mbps", "working_set_mb")),
            Map.entry("expire_tokens", Set.of()));

    String arg(String name) {
        return args.get(name);
    }
}
