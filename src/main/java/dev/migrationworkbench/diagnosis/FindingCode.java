package dev.migrationworkbench.diagnosis;

import java.util.Set;

/**
 * The stable finding codes of {@code SCENARIOS.md}. The order is the tie-breaker when findings of
 * the same severity and confidence are sorted: the more fundamental cause comes first.
 */
public enum FindingCode {
    INSTANCE_NOT_FOUND,
    INSTANCE_DELETED_DURING_MIGRATION,
    INSTANCE_IN_ERROR_STATE,
    COMPUTE_SERVICE_DOWN,
    MIXED_RELEASES,
    DEST_HOST_UNAVAILABLE,
    SERVER_GROUP_POLICY_VIOLATION,
    INSUFFICIENT_RESOURCES,
    SCHEDULER_NO_VALID_HOST,
    CONCURRENT_OPERATION,
    INSTANCE_NOT_LIVE_MIGRATABLE,
    MIGRATION_FAILED_OTHER,
    MIGRATION_TIMED_OUT,
    MIGRATION_ABORTED,
    MIGRATION_NOT_CONVERGING,
    MIGRATION_SLOW_CONVERGING,
    NIC_NUMA_AFFINITY_MISMATCH,
    NUMA_NODE_CONTENDED,
    NUMA_TOPOLOGY_MISMATCH,
    NIC_NUMA_UNKNOWN;

    /** Codes that name why a migration failed (as opposed to how it runs or performs). */
    public static final Set<FindingCode> FAILURE_CAUSES = Set.of(INSTANCE_NOT_FOUND, INSTANCE_DELETED_DURING_MIGRATION,
            INSTANCE_IN_ERROR_STATE, COMPUTE_SERVICE_DOWN, MIXED_RELEASES, DEST_HOST_UNAVAILABLE,
            SERVER_GROUP_POLICY_VIOLATION, INSUFFICIENT_RESOURCES, SCHEDULER_NO_VALID_HOST, CONCURRENT_OPERATION,
            INSTANCE_NOT_LIVE_MIGRATABLE);

    /** The kebab-case name the built-in scenario for this code carries ({@code mixed-releases}). */
    public String scenarioName() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}
