package dev.migrationworkbench.diagnosis.rules;

import dev.migrationworkbench.diagnosis.Confidence;
import dev.migrationworkbench.diagnosis.DiagnosisContext;
import dev.migrationworkbench.diagnosis.EvidenceItem;
import dev.migrationworkbench.diagnosis.FailureText;
import dev.migrationworkbench.diagnosis.Finding;
import dev.migrationworkbench.diagnosis.FindingCode;
import dev.migrationworkbench.diagnosis.Note;
import dev.migrationworkbench.diagnosis.Remediation;
import dev.migrationworkbench.diagnosis.Rule;
import dev.migrationworkbench.diagnosis.Severity;
import dev.migrationworkbench.diagnosis.TextRef;
import dev.migrationworkbench.model.ApiCall;
import dev.migrationworkbench.model.InstanceAction;
import dev.migrationworkbench.model.Migration;
import dev.migrationworkbench.model.Server;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The instance was deleted on the source before its live migration completed: the server is gone
 * (or DELETED) while a migration of it exists that did not complete first, a delete action
 * started inside the migration's window, or Nova recorded InstanceNotFound /
 * UnexpectedDeletingTaskStateError for the migration.
 */
public final class InstanceDeletedRule implements Rule {

    @Override
    public FindingCode code() {
        return FindingCode.INSTANCE_DELETED_DURING_MIGRATION;
    }

    @Override
    public Result evaluate(DiagnosisContext context) {
        Optional<Migration> migration = context.migration();
        if (migration.isEmpty()) {
            return Result.none();
        }
        Migration m = migration.get();
        Server server = context.evidence().server();
        boolean gone = server == null || "DELETED".equalsIgnoreCase(server.status())
                || "deleted".equalsIgnoreCase(server.vmState()) || "soft-delete".equalsIgnoreCase(server.vmState());
        Optional<InstanceAction> delete = context.evidence().actions().stream()
                .filter(a -> "delete".equals(a.action()) || "forceDelete".equals(a.action()))
                .filter(a -> a.startTime() != null)
                .findFirst();
        boolean deletedDuring = delete.map(a -> startedBeforeEnd(a.startTime(), m)).orElse(false);
        List<FailureText> texts = NovaError.find(context, NovaError.INSTANCE_GONE);
        Optional<ApiCall> lookupFailed = context.serverLookupFailure();
        boolean goneWhileUnfinished = gone && lookupFailed.isEmpty() && (m.inProgress() || m.isFailed());
        if (!deletedDuring && texts.isEmpty() && !goneWhileUnfinished) {
            // a server missing because its lookup failed is not a deleted server: say it was not checked
            return lookupFailed.map(call -> Result.notChecked(new Note(code(), TextRef.key("diagnosis.deleted.notChecked",
                    context.serverId(), call.method() + " " + call.url(), RuleSupport.failure(call)))))
                    .orElse(Result.none());
        }
        Confidence confidence = deletedDuring || !texts.isEmpty() ? Confidence.HIGH
                : m.inProgress() ? Confidence.MEDIUM : Confidence.LOW;
        Finding.Builder finding = Finding.of(code(), Severity.HIGH, context.serverSubject())
                .confidence(confidence)
                .title(TextRef.key("diagnosis.deleted.title", context.serverId()))
                .explanation(TextRef.key("diagnosis.deleted.explanation", context.serverId(),
                        String.valueOf(m.id()), String.valueOf(m.status()),
                        delete.map(a -> a.startTime().toString()).orElse("?")))
                .evidence(RuleSupport.migrationFacts(context));
        if (server == null) {
            context.failedCall("servers.show").filter(c -> lookupFailed.isEmpty())
                    .ifPresent(call -> finding.evidence(RuleSupport.callFailure(call)));
        } else {
            finding.evidence(RuleSupport.serverField(server, "status", server.status()));
        }
        delete.ifPresent(a -> finding.evidence(new EvidenceItem(EvidenceItem.Kind.EVENT,
                "GET /servers/" + context.serverId() + "/os-instance-actions/" + a.requestId(), "action",
                a.action() + " by user " + a.userId(), a.startTime())));
        finding.evidence(RuleSupport.texts(texts));
        return Result.of(finding
                .remediation(Remediation.of(TextRef.key("diagnosis.deleted.fix"),
                        Commands.migrationList(context.serverId()), Commands.eventList(context.serverId())))
                .build());
    }

    /** The delete started after the migration did and before it ended (with a little slack for the rollback). */
    private static boolean startedBeforeEnd(Instant deleteStart, Migration m) {
        boolean afterStart = m.createdAt() == null || !deleteStart.isBefore(m.createdAt());
        boolean beforeEnd = m.inProgress() || m.updatedAt() == null
                || !deleteStart.isAfter(m.updatedAt().plusSeconds("completed".equals(m.status()) ? 0 : 30));
        return afterStart && beforeEnd;
    }
}
