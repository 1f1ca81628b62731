package dev.migrationworkbench.model;

import java.time.Instant;

/**
 * One observation of a running live migration: Nova's saved progress bytes (written every ~5 s),
 * and libvirt job statistics when a probe agent could read them.
 */
public record ProgressSample(
        Instant at,
        String status,
        Long memoryTotalBytes,
        Long memoryProcessedBytes,
        Long memoryRemainingBytes,
        Long diskTotalBytes,
        Long diskProcessedBytes,
        Long diskRemainingBytes,
        MigrationJobStats jobStats) {
}
