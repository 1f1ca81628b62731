package dev.migrationworkbench.cloud;

import java.time.Instant;

/**
 * Filters of {@code GET /os-migrations}; null means not filtered. {@code migrationType} is Nova's
 * ({@code live-migration}, {@code migration}, {@code resize}, {@code evacuation}).
 * {@code changesSince}, {@code limit} and {@code marker} need microversion 2.59.
 */
public record MigrationQuery(String serverId, String host, String status, String migrationType,
        Instant changesSince, Integer limit, String marker) {

    public static MigrationQuery all() {
        return new MigrationQuery(null, null, null, null, null, null, null);
    }

    public static MigrationQuery ofServer(String serverId) {
        return new MigrationQuery(serverId, null, null, null, null, null, null);
    }

    public MigrationQuery withPage(Integer pageLimit, String pageMarker) {
        return new MigrationQuery(serverId, host, status, migrationType, changesSince, pageLimit, pageMarker);
    }
}
