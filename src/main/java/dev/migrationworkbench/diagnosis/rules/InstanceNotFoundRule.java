package dev.migrationworkbench.diagnosis.rules;

import dev.migrationworkbench.diagnosis.Confidence;
import dev.migrationworkbench.diagnosis.DiagnosisContext;
import dev.migrationworkbench.diagnosis.EvidenceItem;
import dev.migrationworkbench.diagnosis.Finding;
import dev.migrationworkbench.diagnosis.FindingCode;
import dev.migrationworkbench.diagnosis.Note;
import dev.migrationworkbench.diagnosis.Remediation;
import dev.migrationworkbench.diagnosis.Rule;
import dev.migrationworkbench.diagnosis.Severity;
import dev.migrationworkbench.diagnosis.Subject;
import dev.migrationworkbench.diagnosis.TextRef;
import dev.migrationworkbench.model.ApiCall;
import dev.migrationworkbench.model.InstanceAction;
import dev.migrationworkbench.model.Server;
import java.util.Optional;

/**
 * The server asked for does not exist (404 by ID, no name match; deleted, when its actions say so)
 * or the name matches several. A server deleted while a migration of it ran is
 * {@link InstanceDeletedRule}'s case.
 */
public final class InstanceNotFoundRule implements Rule {

    @Override
    public FindingCode code() {
        return FindingCode.INSTANCE_NOT_FOUND;
    }

    @Override
    public Result evaluate(DiagnosisContext context) {
        var evidence = context.evidence();
        if (evidence.server() != null || context.migration().isPresent()) {
            return Result.none();
        }
        String query = evidence.serverQuery();
        Subject subject = Subject.server(query, query);
        if (evidence.nameMatches().size() > 1) {
            Finding.Builder finding = Finding.of(code(), Severity.HIGH, subject)
                    .title(TextRef.key("diagnosis.notFound.ambiguous.title", query))
                    .explanation(TextRef.key("diagnosis.notFound.ambiguous.explanation", query,
                            evidence.nameMatches().size()));
            for (Server match : evidence.nameMatches()) {
                finding.evidence(EvidenceItem.field("GET /servers?name=" + query, "servers[].id", match.id()
                        + " (" + match.name() + ", " + match.status() + ", " + match.host() + ")"));
            }
            String[] commands = evidence.nameMatches().stream().map(s -> Commands.serverShow(s.id())).toArray(String[]::new);
            return Result.of(finding.remediation(Remediation.of(
                    TextRef.key("diagnosis.notFound.ambiguous.fix"), commands)).build());
        }
        // any failure but Nova's 404 (an error status, a timeout, a dropped connection, a malformed body) shows nothing
        Optional<ApiCall> lookupFailed = context.serverLookupFailure();
        if (lookupFailed.isPresent()) {
            ApiCall call = lookupFailed.get();
            return Result.notChecked(new Note(code(), TextRef.key("diagnosis.notFound.notChecked", query,
                    call.method() + " " + call.url(), RuleSupport.failure(call))));
        }
        Optional<ApiCall> notFound = context.failedCall("servers.show");
        Optional<InstanceAction> deleted = evidence.actions().stream()
                .filter(a -> "delete".equals(a.action()) || "forceDelete".equals(a.action())).findFirst();
        Finding.Builder finding = Finding.of(code(), Severity.HIGH, subject)
                .confidence(notFound.isPresent() || deleted.isPresent() ? Confidence.HIGH : Confidence.MEDIUM)
                .title(TextRef.key("diagnosis.notFound.title", query))
                .explanation(deleted.isPresent()
                        ? TextRef.key("diagnosis.notFound.deleted.explanation", query,
                                String.valueOf(deleted.get().startTime()), String.valueOf(deleted.get().userId()))
                        : TextRef.key("diagnosis.notFound.explanation", query));
        deleted.ifPresent(a -> finding.evidence(new EvidenceItem(EvidenceItem.Kind.EVENT,
                "GET /servers/" + query + "/os-instance-actions/" + a.requestId(), "action", a.action(), a.startTime())));
        notFound.ifPresent(call -> finding.evidence(RuleSupport.callFailure(call)));
        finding.evidence(EvidenceItem.field("GET /servers?name=" + query, "servers", "[] (no match)"));
        return Result.of(finding.remediation(Remediation.of(TextRef.key("diagnosis.notFound.fix"),
                Commands.serverSearch(query), Commands.serverShow(query))).build());
    }
}
