package dev.migrationworkbench.diagnosis.rules;

import dev.migrationworkbench.diagnosis.Confidence;
import dev.migrationworkbench.diagnosis.DiagnosisContext;
import dev.migrationworkbench.diagnosis.EvidenceItem;
import dev.migrationworkbench.diagnosis.FailureText;
import dev.migrationworkbench.diagnosis.Finding;
import dev.migrationworkbench.diagnosis.FindingCode;
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
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A race: another operation on the instance overlapped the live migration. Nova's task_state
 * conflicts (UnexpectedTaskStateError, "Conflict updating instance", a 409 "while it is in
 * task_state ..."), or another instance action that ran inside the migration's time window.
 */
public final class ConcurrentOperationRule implements Rule {

    /** Actions that belong to a live migration or are its own rule's business (delete). */
    private static final Set<String> NOT_A_RACE = Set.of(DiagnosisContext.LIVE_MIGRATION_ACTION, "live_migration",
            "live_migration_cancel", "live_migration_force_complete", "delete", "forceDelete", "create");

    @Override
    public FindingCode code() {
        return FindingCode.CONCURRENT_OPERATION;
    }

    @Override
    public Result evaluate(DiagnosisContext context) {
        List<FailureText> texts = NovaError.find(context, NovaError.TASK_STATE_CONFLICT);
        List<InstanceAction> overlapping = overlapping(context);
        List<ApiCall> conflicts = context.evidence().calls().stream()
                .filter(c -> c.httpStatus() != null && c.httpStatus() == 409 && NovaError.TASK_STATE_CONFLICT.matches(c.errorMessage()))
                .toList();
        if (texts.isEmpty() && overlapping.isEmpty() && conflicts.isEmpty()) {
            return busy(context);
        }
        String others = overlapping.stream().map(a -> a.action() + " (" + a.requestId() + ", " + a.startTime() + ")")
                .collect(Collectors.joining(", "));
        Severity severity = context.migrationFailed() ? Severity.HIGH : Severity.MEDIUM;
        Finding.Builder finding = Finding.of(code(), severity, context.serverSubject())
                .confidence(!texts.isEmpty() || !conflicts.isEmpty() ? Confidence.HIGH : Confidence.MEDIUM)
                .title(TextRef.key("diagnosis.race.title", context.serverId()))
                .explanation(texts.isEmpty() && conflicts.isEmpty()
                        ? TextRef.key("diagnosis.race.overlap.explanation", others)
                        : TextRef.key("diagnosis.race.explanation",
                                texts.isEmpty() ? conflicts.get(0).errorMessage() : RuleSupport.quote(texts),
                                others.isEmpty() ? "-" : others))
                .evidence(RuleSupport.migrationFacts(context))
                .evidence(RuleSupport.texts(texts));
        conflicts.forEach(c -> finding.evidence(RuleSupport.callFailure(c)));
        overlapping.forEach(a -> finding.evidence(new EvidenceItem(EvidenceItem.Kind.EVENT,
                "GET /servers/" + context.serverId() + "/os-instance-actions/" + a.requestId(), "action",
                a.action() + " by user " + a.userId(), a.startTime())));
        return Result.of(finding
                .remediation(Remediation.of(TextRef.key("diagnosis.race.fix.wait"),
                        Commands.eventList(context.serverId()), Commands.serverShow(context.serverId())))
                .remediation(Remediation.of(TextRef.key("diagnosis.race.fix.retry"),
                        Commands.liveMigrate(context.serverId(), context.destHost().orElse(null))))
                .build());
    }

    /**
     * No migration record, but the instance is busy with another operation that has not finished
     * (a task_state other than migrating, its action still open): a live migration requested now is
     * refused with 409 "... while it is in task_state ...", before Nova records anything.
     */
    private Result busy(DiagnosisContext context) {
        Server server = context.evidence().server();
        if (server == null || server.taskState() == null || server.taskState().isBlank()
                || "migrating".equals(server.taskState()) || context.migrationInProgress()) {
            return Result.none();
        }
        java.util.Optional<InstanceAction> open = context.evidence().actions().stream()
                .filter(a -> !NOT_A_RACE.contains(a.action()) && a.startTime() != null)
                .filter(a -> a.events().isEmpty() || a.events().stream().anyMatch(e -> e.finishTime() == null))
                .findFirst();
        if (open.isEmpty()) {
            return Result.none();
        }
        InstanceAction a = open.get();
        return Result.of(Finding.of(code(), Severity.MEDIUM, context.serverSubject())
                .confidence(Confidence.MEDIUM)
                .title(TextRef.key("diagnosis.race.title", context.serverId()))
                .explanation(TextRef.key("diagnosis.race.busy.explanation", context.serverId(), server.taskState(),
                        a.action(), String.valueOf(a.startTime())))
                .evidence(RuleSupport.serverField(server, "OS-EXT-STS:task_state", server.taskState()))
                .evidence(new EvidenceItem(EvidenceItem.Kind.EVENT, "GET /servers/" + context.serverId()
                        + "/os-instance-actions/" + a.requestId(), "action", a.action() + " (not finished)", a.startTime()))
                .remediation(Remediation.of(TextRef.key("diagnosis.race.fix.wait"),
                        Commands.eventList(context.serverId()), Commands.serverShow(context.serverId())))
                .remediation(Remediation.of(TextRef.key("diagnosis.race.fix.retry"),
                        Commands.liveMigrate(context.serverId(), null)))
                .build());
    }

    /** Other actions whose span (start to last event) intersects the live migration's. */
    private static List<InstanceAction> overlapping(DiagnosisContext context) {
        InstanceAction live = context.migrationAction().orElse(null);
        if (live == null || live.startTime() == null) {
            return List.of();
        }
        Instant start = live.startTime();
        Instant end = context.migration().filter(m -> !m.inProgress()).map(Migration::updatedAt)
                .or(() -> lastEvent(live)).orElse(context.now());
        if (context.migrationInProgress()) {
            end = context.now();
        }
        Instant windowEnd = end;
        return context.evidence().actions().stream()
                .filter(a -> a != live && a.startTime() != null && !NOT_A_RACE.contains(a.action()))
                .filter(a -> {
                    Instant aEnd = lastEvent(a).orElse(a.updatedAt() != null ? a.updatedAt() : a.startTime());
                    return !a.startTime().isAfter(windowEnd) && !aEnd.isBefore(start);
                })
                .toList();
    }

    private static java.util.Optional<Instant> lastEvent(InstanceAction action) {
        return action.events().stream()
                .flatMap(e -> Stream.of(e.startTime(), e.finishTime()))
                .filter(Objects::nonNull)
                .max(Instant::compareTo);
    }
}
