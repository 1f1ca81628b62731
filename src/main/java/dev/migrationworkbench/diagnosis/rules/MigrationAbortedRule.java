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
import dev.migrationworkbench.model.InstanceAction;
import dev.migrationworkbench.model.Migration;
import java.util.Comparator;
import java.util.List;

/**
 * Someone aborted the live migration: it ended {@code cancelled} and a {@code live_migration_cancel}
 * instance action started while it ran ({@code nova/compute/api.py live_migrate_abort} records it
 * with the caller's user and request ID before casting {@code live_migration_abort} to the source).
 */
public final class MigrationAbortedRule implements Rule {

    @Override
    public FindingCode code() {
        return FindingCode.MIGRATION_ABORTED;
    }

    @Override
    public Result evaluate(DiagnosisContext context) {
        Migration m = context.migration().filter(Migration::isLive).orElse(null);
        if (m == null || !"cancelled".equals(m.status())) {
            return Result.none();
        }
        List<InstanceAction> cancels = context.actionsDuringMigration(MigrationTimedOutRule.CANCEL_ACTION);
        if (cancels.isEmpty()) {
            return Result.none();
        }
        InstanceAction cancel = cancels.stream().min(Comparator.comparing(InstanceAction::startTime)).get();
        String server = context.serverId();
        String source = "GET /servers/" + server + "/os-instance-actions/" + cancel.requestId();
        String user = cancel.userId() == null ? "?" : cancel.userId();
        return Result.of(Finding.of(code(), Severity.MEDIUM, context.migrationSubject())
                .confidence(Confidence.HIGH)
                .title(TextRef.key("diagnosis.aborted.title", context.migrationId(), user))
                .explanation(TextRef.key("diagnosis.aborted.explanation", context.migrationId(), user,
                        cancel.startTime().toString(), cancel.requestId(), String.valueOf(cancel.projectId())))
                .evidence(EvidenceItem.field("GET /os-migrations?instance_uuid=" + server + " #" + m.id(), "status", m.status()))
                .evidence(new EvidenceItem(EvidenceItem.Kind.EVENT, source, "action", cancel.action(), cancel.startTime()))
                .evidence(EvidenceItem.field(source, "user_id", user))
                .evidence(EvidenceItem.field(source, "request_id", cancel.requestId()))
                .evidence(EvidenceItem.field(source, "start_time", cancel.startTime()))
                .remediation(Remediation.of(TextRef.key("diagnosis.aborted.fix.ask", user),
                        Commands.eventShow(server, cancel.requestId())))
                .remediation(Remediation.of(TextRef.key("diagnosis.timedOut.fix.retry"),
                        Commands.liveMigrate(server, null), Commands.migrationList(server)))
                .build());
    }
}
