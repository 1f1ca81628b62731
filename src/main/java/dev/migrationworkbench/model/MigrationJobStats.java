package dev.migrationworkbench.model;

/**
 * libvirt's live migration job statistics ({@code virsh domjobinfo}) as read on the source host.
 * Rates in bytes per second; the dirty rate is libvirt's pages/s × page size.
 */
public record MigrationJobStats(
        Long elapsedMillis,
        Long memoryTotalBytes,
        Long memoryProcessedBytes,
        Long memoryRemainingBytes,
        Long memoryBytesPerSecond,
        Long dirtyBytesPerSecond,
        Long iteration,
        Integer autoConvergeThrottlePercent,
        Long expectedDowntimeMillis,
        Boolean postCopy) {
}
