package dev.migrationworkbench.offline;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Nova log messages about a live migration, in every format Nova has written them. Each pattern
 * cites the function that logs it; the libvirt driver's ones are in
 * {@code nova/virt/libvirt/driver.py:_live_migration_monitor} and
 * {@code nova/virt/libvirt/migration.py}.
 */
public final class MigrationLines {

    /** What a line says. */
    public enum Kind {
        /** progress of the monitor loop (INFO every 30 s, DEBUG every 5 s) */
        PROGRESS,
        /** Queens–Stein: "Data remaining N bytes, low watermark N bytes N seconds ago" */
        DATA_REMAINING,
        /** Queens–Stein: "Live migration stuck for N sec" (live_migration_progress_timeout, removed in Train) */
        STUCK,
        /** migration.py should_trigger_timeout_action / should_abort: "Live migration not completed after N sec" */
        TIMEOUT,
        /** migration.py update_downtime: "Increasing downtime to N ms after N sec elapsed time" */
        DOWNTIME,
        /** migration.py trigger_postcopy_switch */
        POST_COPY,
        COMPLETED,
        ABORTED,
        CANCELLED,
        /** driver.py _live_migration_operation: "Live Migration failure: %s" */
        FAILURE,
        /** driver.py _live_migration_monitor: "Starting monitoring of live migration" */
        MONITOR_START,
        /** compute/manager.py _do_live_migration: "Took N seconds for pre_live_migration on destination host D." */
        PRE_LIVE_MIGRATION_DONE,
        /** compute/manager.py _do_live_migration: "Pre live migration failed at D" */
        PRE_LIVE_MIGRATION_FAILED,
        /** compute/manager.py live_migration: "Live migration failed." (the traceback follows) */
        LIVE_MIGRATION_FAILED,
        /** compute/manager.py post_live_migration_at_destination: "Post operation of migration started" */
        POST_AT_DESTINATION,
        /** compute/manager.py _post_live_migration: "Migrating instance to D finished successfully." */
        FINISHED,
        /** scheduler/utils.py set_vm_state_and_notify: "Failed to compute_task_migrate_server: ..." */
        CONDUCTOR_FAILED,
        /** conductor/manager.py _live_migrate: "Migration of instance X to host D unexpectedly failed." */
        CONDUCTOR_UNEXPECTED,
        /** nova/filters.py get_filtered_objects: "Filtering removed all hosts ... Filter results: [...]" */
        FILTERED_ALL,
        /** the last line of a traceback: "nova.exception.MigrationPreCheckError: Migration pre-check error: ..." */
        EXCEPTION,
        /** compute/resource_tracker.py _update_usage_from_migration: "Updating resource usage from migration UUID" */
        MIGRATION_UUID,
        /** oslo.config's option dump at service start (DEBUG): "libvirt.live_migration_completion_timeout = 800" */
        OPTION
    }

    /** A classified line with the figures it carries. */
    public record Match(Kind kind, long[] numbers, String text) {
    }

    private static final String N = "(\\d+)";
    // Train and later (nova 20.0.0, commit 9570e75 "Log disk transfer stats in live migration monitor")
    private static final Pattern PROGRESS_TRAIN = Pattern.compile("^Migration running for " + N + " secs, memory " + N
            + "% remaining \\(bytes processed=" + N + ", remaining=" + N + ", total=" + N + "\\); disk " + N
            + "% remaining \\(bytes processed=" + N + ", remaining=" + N + ", total=" + N + "\\)\\.?");
    // Kilo–Stein ("secs" is n / 2: the monitor loop's ticks halved)
    private static final Pattern PROGRESS_OLD = Pattern.compile("^Migration running for " + N + " secs, memory " + N
            + "% remaining; \\(bytes processed=" + N + ", remaining=" + N + ", total=" + N + "\\)");
    private static final Pattern DATA_REMAINING = Pattern.compile(
            "^Data remaining " + N + " bytes, low watermark " + N + " bytes " + N + " seconds ago");
    private static final Pattern STUCK = Pattern.compile("^Live migration stuck for " + N + " sec");
    private static final Pattern TIMEOUT = Pattern.compile("^Live migration not completed after " + N + " sec");
    private static final Pattern DOWNTIME = Pattern.compile("^Increasing downtime to " + N + " ms after " + N + " sec elapsed time");
    private static final Pattern PRE_DONE = Pattern.compile(
            "^Took ([0-9.]+) seconds for pre_live_migration on destination host (\\S+?)\\.?$");
    private static final Pattern PRE_FAILED = Pattern.compile("^Pre live migration failed at (\\S+?)\\.?(?::.*)?$");
    private static final Pattern FINISHED = Pattern.compile("^Migrating instance to (\\S+?) finished successfully\\.?");
    private static final Pattern CONDUCTOR_FAILED = Pattern.compile("^Failed to compute_task_migrate_server: (.*)$");
    private static final Pattern CONDUCTOR_UNEXPECTED = Pattern.compile(
            "^Migration of instance (\\S+) to host (\\S+) unexpectedly failed\\.?");
    private static final Pattern FILTERED = Pattern.compile(
            "^Filtering removed all hosts for the request with instance ID '([0-9a-fA-F-]{36})'\\. Filter results: (.*)$");
    private static final Pattern EXCEPTION = Pattern.compile(
            "^(?:nova\\.exception\\.|nova\\.exception_wrapper\\.|libvirt\\.|oslo_messaging\\.[\\w.]*)?"
                    + "([A-Z]\\w*(?:Error|Exception|NoValidHost|Timeout|Failure|Failed|Unavailable))(?:_Remote)?: (.+)$");
    private static final Pattern MIGRATION_UUID = Pattern.compile(
            "^Updating resource usage from migration ([0-9a-fA-F]{8}-[0-9a-fA-F-]{27})");
    private static final Pattern OPTION = Pattern.compile(
            "^(host|libvirt\\.live_migration_\\w+|compute\\.cpu_dedicated_set|compute\\.cpu_shared_set|vcpu_pin_set)"
                    + "\\s+= (.*)$");

    private MigrationLines() {
    }

    /** What the message says, or null when it is none of the lines above. */
    public static Match classify(String message) {
        if (message == null || message.isEmpty()) {
            return null;
        }
        Matcher m;
        switch (message.charAt(0)) {
            case 'M' -> {
                if ((m = PROGRESS_TRAIN.matcher(message)).lookingAt()) {
                    return new Match(Kind.PROGRESS, numbers(m, 9), null);
                }
                if ((m = PROGRESS_OLD.matcher(message)).lookingAt()) {
                    long[] n = numbers(m, 5);
                    return new Match(Kind.PROGRESS, new long[] {n[0], n[1], n[2], n[3], n[4], -1, -1, -1, -1}, null);
                }
                if (message.startsWith("Migration operation has completed")) {
                    return new Match(Kind.COMPLETED, null, null);
                }
                if (message.startsWith("Migration operation has aborted")) {
                    return new Match(Kind.ABORTED, null, null);
                }
                if (message.startsWith("Migration operation was cancelled")) {
                    return new Match(Kind.CANCELLED, null, null);
                }
                if ((m = FINISHED.matcher(message)).lookingAt()) {
                    return new Match(Kind.FINISHED, null, m.group(1));
                }
                if ((m = CONDUCTOR_UNEXPECTED.matcher(message)).lookingAt()) {
                    return new Match(Kind.CONDUCTOR_UNEXPECTED, null, m.group(2));
                }
            }
            case 'D' -> {
                if ((m = DATA_REMAINING.matcher(message)).lookingAt()) {
                    return new Match(Kind.DATA_REMAINING, numbers(m, 3), null);
                }
            }
            case 'L' -> {
                if ((m = TIMEOUT.matcher(message)).lookingAt()) {
                    return new Match(Kind.TIMEOUT, numbers(m, 1), null);
                }
                if ((m = STUCK.matcher(message)).lookingAt()) {
                    return new Match(Kind.STUCK, numbers(m, 1), null);
                }
                if (message.startsWith("Live Migration failure: ")) {
                    return new Match(Kind.FAILURE, null, message.substring("Live Migration failure: ".length()));
                }
                if (message.startsWith("Live migration failed.")) {
                    return new Match(Kind.LIVE_MIGRATION_FAILED, null, null);
                }
            }
            case 'I' -> {
                if ((m = DOWNTIME.matcher(message)).lookingAt()) {
                    return new Match(Kind.DOWNTIME, numbers(m, 2), null);
                }
            }
            case 'S' -> {
                if (message.startsWith("Switching to post-copy migration mode")) {
                    return new Match(Kind.POST_COPY, null, null);
                }
                if (message.startsWith("Starting monitoring of live migration")) {
                    return new Match(Kind.MONITOR_START, null, null);
                }
            }
            case 'U' -> {
                if ((m = MIGRATION_UUID.matcher(message)).lookingAt()) {
                    return new Match(Kind.MIGRATION_UUID, null, m.group(1).toLowerCase(Locale.ROOT));
                }
            }
            case 'T' -> {
                if ((m = PRE_DONE.matcher(message)).lookingAt()) {
                    return new Match(Kind.PRE_LIVE_MIGRATION_DONE, null, m.group(2));
                }
            }
            case 'P' -> {
                if ((m = PRE_FAILED.matcher(message)).lookingAt()) {
                    return new Match(Kind.PRE_LIVE_MIGRATION_FAILED, null, m.group(1));
                }
                if (message.startsWith("Post operation of migration started")) {
                    return new Match(Kind.POST_AT_DESTINATION, null, null);
                }
            }
            case 'F' -> {
                if ((m = CONDUCTOR_FAILED.matcher(message)).lookingAt()) {
                    return new Match(Kind.CONDUCTOR_FAILED, null, m.group(1));
                }
                if ((m = FILTERED.matcher(message)).lookingAt()) {
                    return new Match(Kind.FILTERED_ALL, null, m.group(1).toLowerCase(Locale.ROOT));
                }
            }
            default -> {
                // the rest is matched below
            }
        }
        if ((m = OPTION.matcher(message)).lookingAt()) {
            return new Match(Kind.OPTION, null, m.group(1) + "=" + m.group(2).trim());
        }
        if (message.indexOf(": ") > 0 && (m = EXCEPTION.matcher(message)).lookingAt()) {
            return new Match(Kind.EXCEPTION, null, m.group(1) + ": " + m.group(2));
        }
        return null;
    }

    private static long[] numbers(Matcher m, int count) {
        long[] n = new long[count];
        for (int i = 0; i < count; i++) {
            n[i] = Long.parseLong(m.group(i + 1));
        }
        return n;
    }
}
