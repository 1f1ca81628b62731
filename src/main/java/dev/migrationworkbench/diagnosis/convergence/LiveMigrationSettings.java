package dev.migrationworkbench.diagnosis.convergence;

import dev.migrationworkbench.diagnosis.numa.NovaConf;
import java.util.Locale;
import java.util.Map;

/**
 * The {@code [libvirt]} options of nova.conf that decide how Nova drives a live migration, with
 * Nova's defaults and minimums (nova/conf/libvirt.py). {@code fromHost} is true when read from the
 * source host's nova.conf (probe agent), false when these are the defaults.
 */
public record LiveMigrationSettings(
        int downtimeMs,
        int downtimeSteps,
        int downtimeDelaySeconds,
        int completionTimeoutSeconds,
        String timeoutAction,
        boolean permitPostCopy,
        boolean permitAutoConverge,
        boolean fromHost) {

    public static final String ABORT = "abort";
    public static final String FORCE_COMPLETE = "force_complete";

    public LiveMigrationSettings {
        downtimeMs = Math.max(100, downtimeMs);
        downtimeSteps = Math.max(3, downtimeSteps);
        downtimeDelaySeconds = Math.max(3, downtimeDelaySeconds);
        completionTimeoutSeconds = Math.max(0, completionTimeoutSeconds);
        timeoutAction = FORCE_COMPLETE.equals(timeoutAction) ? FORCE_COMPLETE : ABORT;
    }

    public static LiveMigrationSettings defaults() {
        return new LiveMigrationSettings(500, 10, 75, 800, ABORT, false, false, false);
    }

    /** The options a host's nova.conf sets, Nova's defaults for the rest; defaults when the map is empty. */
    public static LiveMigrationSettings from(Map<String, String> novaConfig) {
        LiveMigrationSettings d = defaults();
        if (novaConfig == null || novaConfig.isEmpty()) {
            return d;
        }
        return new LiveMigrationSettings(
                intOr(novaConfig, "live_migration_downtime", d.downtimeMs),
                intOr(novaConfig, "live_migration_downtime_steps", d.downtimeSteps),
                intOr(novaConfig, "live_migration_downtime_delay", d.downtimeDelaySeconds),
                intOr(novaConfig, "live_migration_completion_timeout", d.completionTimeoutSeconds),
                valueOr(novaConfig, "live_migration_timeout_action", d.timeoutAction),
                boolOr(novaConfig, "live_migration_permit_post_copy", d.permitPostCopy),
                boolOr(novaConfig, "live_migration_permit_auto_converge", d.permitAutoConverge),
                true);
    }

    /** Auto-converge is applied only when post-copy is not permitted (driver.py). */
    public boolean autoConvergeActive() {
        return permitAutoConverge && !permitPostCopy;
    }

    private static String valueOr(Map<String, String> config, String key, String fallback) {
        String v = NovaConf.get(config, key);
        return v == null || v.isBlank() ? fallback : v.toLowerCase(Locale.ROOT);
    }

    private static int intOr(Map<String, String> config, String key, int fallback) {
        try {
            String v = NovaConf.get(config, key);
            return v == null ? fallback : Integer.parseInt(v);
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    private static boolean boolOr(Map<String, String> config, String key, boolean fallback) {
        String v = NovaConf.get(config, key);
        if (v == null) {
            return fallback;
        }
        return switch (v.toLowerCase(Locale.ROOT)) {
            case "true", "1", "yes", "on" -> true;
            case "false", "0", "no", "off" -> false;
            default -> fallback;
        };
    }
}
