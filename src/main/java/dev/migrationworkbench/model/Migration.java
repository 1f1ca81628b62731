package dev.migrationworkbench.model;

import java.time.Instant;
import java.util.Set;

/**
 * A Nova migration record, from {@code /servers/{id}/migrations} (with progress bytes) or
 * {@code /os-migrations} (without). Status keeps Nova's own string ({@code running (post-copy)}
 * included); progress fields are null when the source did not report them.
 */
public record Migration(
        long id,
        String uuid,
        String serverId,
        String status,
        String migrationType,
        String sourceCompute,
        String sourceNode,
        String destCompute,
        String destHost,
        String destNode,
        Long memoryTotalBytes,
        Long memoryProcessedBytes,
        Long memoryRemainingBytes,
        Long diskTotalBytes,
        Long diskProcessedBytes,
        Long diskRemainingBytes,
        String userId,
        String projectId,
        Instant createdAt,
        Instant updatedAt) {

    public static final Set<String> IN_PROGRESS = Set.of("queued", "preparing", "running", "post-migrating",
            "running (post-copy)", "accepted", "pre-migrating");
    public static final Set<String> FAILED = Set.of("error", "failed");

    public boolean isLive() {
        return migrationType == null || "live-migration".equals(migrationType);
    }

    public boolean inProgress() {
        return status != null && IN_PROGRESS.contains(status);
    }

    public boolean isFailed() {
        return status != null && FAILED.contains(status);
    }

    public boolean isRunning() {
        return "running".equals(status) || "running (post-copy)".equals(status);
    }

    public boolean hasProgress() {
        return memoryTotalBytes != null && memoryRemainingBytes != null && memoryTotalBytes > 0;
    }

    public ProgressSample toSample() {
        return new ProgressSample(updatedAt, status, memoryTotalBytes, memoryProcessedBytes, memoryRemainingBytes,
                diskTotalBytes, diskProcessedBytes, diskRemainingBytes, null);
    }
}
