package dev.migrationworkbench.diagnosis.rules;

import dev.migrationworkbench.diagnosis.Confidence;
import dev.migrationworkbench.diagnosis.DiagnosisContext;
import dev.migrationworkbench.diagnosis.Finding;
import dev.migrationworkbench.diagnosis.FindingCode;
import dev.migrationworkbench.diagnosis.Note;
import dev.migrationworkbench.diagnosis.Remediation;
import dev.migrationworkbench.diagnosis.Rule;
import dev.migrationworkbench.diagnosis.Severity;
import dev.migrationworkbench.diagnosis.TextRef;
import java.util.ArrayList;
import java.util.List;

/**
 * The migration failed and no other finding explains why: the raw error is quoted as Nova recorded
 * it, and what could not be read (event details before 2.84, tracebacks without admin) is said.
 */
public final class MigrationFailedOtherRule implements Rule {

    @Override
    public FindingCode code() {
        return FindingCode.MIGRATION_FAILED_OTHER;
    }

    @Override
    public int phase() {
        return 2;
    }

    @Override
    public Result evaluate(DiagnosisContext context) {
        if (!context.migrationFailed()
                || context.earlierFindings().stream().anyMatch(f -> FindingCode.FAILURE_CAUSES.contains(f.code()))) {
            return Result.none();
        }
        String status = context.migration().map(m -> m.status()).orElse("?");
        List<dev.migrationworkbench.model.ApiCall> blind = context.failedEssentialCalls();
        if (!blind.isEmpty()) {
            // "none of the known causes" needs the calls that would show them: a failure to look is no finding
            String calls = blind.stream().map(c -> c.method() + " " + c.url()).distinct()
                    .collect(java.util.stream.Collectors.joining(", "));
            return Result.notChecked(new Note(code(), TextRef.key("diagnosis.failedOther.notChecked",
                    context.migrationId(), status, calls)));
        }
        List<Note> notes = new ArrayList<>();
        if (context.microversionBelow("2.84")) {
            notes.add(new Note(code(), TextRef.key("diagnosis.failedOther.noDetails",
                    context.evidence().cloud().novaMaxVersion())));
        }
        if (context.migrationAction().isEmpty()) {
            notes.add(new Note(code(), TextRef.key("diagnosis.failedOther.noAction")));
        }
        String raw = RuleSupport.quote(context.failureTexts());
        Finding finding = Finding.of(code(), Severity.HIGH, context.migrationSubject())
                .confidence(raw.isEmpty() ? Confidence.LOW : Confidence.MEDIUM)
                .title(TextRef.key("diagnosis.failedOther.title", context.migrationId()))
                .explanation(raw.isEmpty()
                        ? TextRef.key("diagnosis.failedOther.noMessage.explanation", context.migrationId(), status)
                        : TextRef.key("diagnosis.failedOther.explanation", context.migrationId(), status, raw))
                .evidence(RuleSupport.migrationFacts(context))
                .evidence(RuleSupport.texts(context.failureTexts()))
                .remediation(Remediation.of(TextRef.key("diagnosis.failedOther.fix.events"),
                        Commands.eventList(context.serverId()),
                        Commands.eventShow(context.serverId(),
                                context.migrationAction().map(a -> a.requestId()).orElse(null))))
                .remediation(Remediation.of(TextRef.key("diagnosis.failedOther.fix.logs",
                        context.sourceHost().orElse("?"), context.destHost().orElse("?"))))
                .build();
        return new Result(List.of(finding), notes);
    }
}
