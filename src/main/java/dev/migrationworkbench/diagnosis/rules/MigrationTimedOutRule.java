package dev.migrationworkbench.diagnosis.rules;

import dev.migrationworkbench.diagnosis.Confidence;
import dev.migrationworkbench.diagnosis.DiagnosisContext;
import dev.migrationworkbench.diagnosis.EvidenceItem;
import dev.migrationworkbench.diagnosis.Finding;
import dev.migrationworkbench.diagnosis.FindingCode;
import dev.migrationworkbench.diagnosis.Remediation;
import dev.migrationworkbench.diagnosis.Rule;
import dev.migrationworkbench.diagnosis.Severity;
import dev.migrationworkbench.diagnosis.TextRef;
import dev.migrationworkbench.diagnosis.convergence.LiveMigrationSettings;
import dev.migrationworkbench.diagnosis.convergence.NovaSchedule;
import dev.migrationworkbench.model.Migration;
import java.time.Duration;
import java.util.Locale;

/**
 * Nova's completion timeout ended the live migration. {@code nova/virt/libvirt/driver.py
 * _live_migration_monitor}: once {@code elapsed} (from the monitor's start, after
 * pre_live_migration) exceeds {@code int(live_migration_completion_timeout × data_gb)}
 * ({@code migration.py should_trigger_timeout_action}; data_gb from {@code _live_migration_data_gb}:
 * RAM GiB, at least 2, plus each block-migrated disk's GiB, each at least 2), it either aborts the
 * job — the migration ends {@code cancelled} with no fault and no failed event, and no
 * {@code live_migration_cancel} action — or, with {@code live_migration_timeout_action =
 * force_complete}, force-completes it (paused or switched to post-copy) and it ends
 * {@code completed} without a {@code live_migration_force_complete} action.
 */
public final class MigrationTimedOutRule implements Rule {

    static final String CANCEL_ACTION = "live_migration_cancel";
    static final String FORCE_COMPLETE_ACTION = "live_migration_force_complete";

    @Override
    public FindingCode code() {
        return FindingCode.MIGRATION_TIMED_OUT;
    }

    @Override
    public Result evaluate(DiagnosisContext context) {
        Migration m = context.migration().filter(Migration::isLive).orElse(null);
        if (m == null || m.updatedAt() == null) {
            return Result.none();
        }
        boolean cancelled = "cancelled".equals(m.status());
        boolean completed = "completed".equals(m.status());
        if (!cancelled && !completed || context.monitorStart().isEmpty()) {
            return Result.none();
        }
        LiveMigrationSettings settings = context.liveMigrationSettings();
        NovaSchedule schedule = NovaSchedule.of(settings, context.guestRamBytes(), context.blockDiskBytes());
        if (schedule.timeoutSeconds() == null) {
            return Result.none();
        }
        DiagnosisContext.MonitorStart start = context.monitorStart().get();
        long elapsed = Duration.between(start.at(), m.updatedAt()).toSeconds();
        boolean pastTimeout = elapsed >= schedule.timeoutSeconds();
        boolean actionsKnown = RuleSupport.failedCall(context, "os-instance-actions").isEmpty();
        Confidence confidence;
        if (cancelled) {
            if (!context.actionsDuringMigration(CANCEL_ACTION).isEmpty()) {
                return Result.none();
            }
            // a cancelled job that ran past the timeout Nova would have used; shorter with the host's options
            // unknown: its own lower timeout (a job cancelled outside Nova, virsh domjobabort, is the rare other way)
            confidence = pastTimeout && actionsKnown ? (start.fromEvent() ? Confidence.HIGH : Confidence.MEDIUM)
                    : !settings.fromHost() && actionsKnown ? Confidence.MEDIUM : null;
        } else {
            boolean byTimeout = settings.fromHost() && LiveMigrationSettings.FORCE_COMPLETE.equals(settings.timeoutAction())
                    && pastTimeout && actionsKnown && context.actionsDuringMigration(FORCE_COMPLETE_ACTION).isEmpty();
            confidence = byTimeout ? Confidence.MEDIUM : null;
        }
        if (confidence == null) {
            return Result.none();
        }
        String server = context.serverId();
        String gb = String.format(Locale.ROOT, "%.2f", schedule.dataGb());
        String source = "GET /os-migrations?instance_uuid=" + server + " #" + m.id();
        Finding.Builder f = Finding.of(code(), cancelled ? Severity.HIGH : Severity.MEDIUM, context.migrationSubject())
                .confidence(confidence)
                .title(TextRef.key(cancelled ? "diagnosis.timedOut.title" : "diagnosis.timedOut.forced.title",
                        context.migrationId(), schedule.timeoutSeconds()))
                .explanation(TextRef.key(pastTimeout
                                ? cancelled ? "diagnosis.timedOut.explanation" : "diagnosis.timedOut.forced.explanation"
                                : "diagnosis.timedOut.shorter.explanation",
                        context.migrationId(), elapsed, schedule.timeoutSeconds(), settings.completionTimeoutSeconds(), gb,
                        m.updatedAt().toString(), settings.fromHost() ? context.sourceHost().orElse("?") : "-",
                        Math.round(elapsed / schedule.dataGb())))
                .evidence(EvidenceItem.field(source, "status", m.status()))
                .evidence(EvidenceItem.field(source, "updated_at", m.updatedAt()))
                .evidence(start.fromEvent()
                        ? new EvidenceItem(EvidenceItem.Kind.EVENT, "GET /servers/" + server + "/os-instance-actions/"
                                + context.migrationAction().map(a -> a.requestId()).orElse("?"),
                                "events[compute_pre_live_migration].finish_time", start.at().toString(), start.at())
                        : EvidenceItem.field(source, "created_at", start.at()))
                .evidence(EvidenceItem.derived("elapsed since Nova's monitor started (s)", elapsed))
                .evidence(EvidenceItem.derived("completion timeout (s)", settings.completionTimeoutSeconds() + " × "
                        + gb + " GiB = " + schedule.timeoutSeconds()))
                .evidence(settings.fromHost()
                        ? EvidenceItem.probe(context.sourceHost().orElse("?"), "[libvirt] live_migration_completion_timeout / "
                                + "live_migration_timeout_action", settings.completionTimeoutSeconds() + " / " + settings.timeoutAction())
                        : EvidenceItem.derived("[libvirt] live_migration_completion_timeout / live_migration_timeout_action",
                                "Nova's defaults " + settings.completionTimeoutSeconds() + " / " + settings.timeoutAction()))
                .evidence(EvidenceItem.derived(cancelled ? CANCEL_ACTION + " actions" : FORCE_COMPLETE_ACTION + " actions",
                        "none while the migration ran"));
        f.remediation(Remediation.of(TextRef.key("diagnosis.timedOut.fix.workload"),
                Commands.serverShow(server), Commands.eventList(server)));
        f.remediation(Remediation.of(TextRef.key("diagnosis.timedOut.fix.settings", context.sourceHost().orElse("?"))));
        f.remediation(Remediation.of(TextRef.key("diagnosis.timedOut.fix.retry"),
                Commands.liveMigrate(server, null), Commands.migrationList(server)));
        return Result.of(f.build());
    }
}
