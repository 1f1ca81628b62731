package dev.migrationworkbench.democloud;

import java.time.Instant;

/** A row of Nova's migrations table, plus the live state of the copy when it is a live migration. */
final class Migration {

    static final String LIVE = "live-migration";

    final int id;
    final String uuid;
    final Server server;
    final String type;
    final String sourceCompute;
    final Instant created;
    final String userId;
    final String projectId;
    String destCompute;
    String status;
    Instant updated;
    long memoryTotal;
    long memoryProcessed;
    long memoryRemaining;
    long diskTotal;
    long diskProcessed;
    long diskRemaining;

    Migration(int id, String uuid, Server server, String type, String sourceCompute, String destCompute,
              String status, Instant created, String userId, String projectId) {
        this.id = id;
        this.uuid = uuid;
        this.server = server;
        this.type = type;
        this.sourceCompute = sourceCompute;
        this.destCompute = destCompute;
        this.status = status;
        this.created = created;
        this.updated = created;
        this.userId = userId;
        this.projectId = projectId;
    }

    /** The statuses GET /servers/{id}/migrations lists (migration_get_in_progress_by_instance). */
    boolean inProgress() {
        return switch (status) {
            case "queued", "preparing", "running", "post-migrating" -> true;
            default -> false;
        };
    }

    boolean isLive() {
        return LIVE.equals(type);
    }
}
