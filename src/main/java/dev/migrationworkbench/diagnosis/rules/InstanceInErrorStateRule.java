package dev.migrationworkbench.diagnosis.rules;

import dev.migrationworkbench.diagnosis.DiagnosisContext;
import dev.migrationworkbench.diagnosis.FailureText;
import dev.migrationworkbench.diagnosis.Finding;
import dev.migrationworkbench.diagnosis.FindingCode;
import dev.migrationworkbench.diagnosis.Remediation;
import dev.migrationworkbench.diagnosis.Rule;
import dev.migrationworkbench.diagnosis.Severity;
import dev.migrationworkbench.diagnosis.TextRef;
import dev.migrationworkbench.model.Server;
import java.util.List;

/**
 * The instance is in ERROR (vm_state error), quoted with its fault; or Nova refused the migration
 * because it was (InstanceInvalidState "in vm_state error"). When the ERROR is the consequence of
 * a migration failure another finding explains, it names that cause; it stays CRITICAL, as the
 * instance needs recovery whatever put it there.
 */
public final class InstanceInErrorStateRule implements Rule {

    @Override
    public FindingCode code() {
        return FindingCode.INSTANCE_IN_ERROR_STATE;
    }

    @Override
    public int phase() {
        return 1;
    }

    @Override
    public Result evaluate(DiagnosisContext context) {
        Server server = context.evidence().server();
        List<FailureText> refused = NovaError.find(context, NovaError.VM_STATE_ERROR);
        boolean inError = server != null && server.isError();
        if (!inError && refused.isEmpty()) {
            return Result.none();
        }
        String id = context.serverId();
        Server.Fault fault = server == null ? null : server.fault();
        String faultMessage = fault == null || fault.message() == null ? "-" : fault.message();
        Finding.Builder finding = Finding.of(code(), inError ? Severity.CRITICAL : Severity.HIGH, context.serverSubject())
                .title(TextRef.key("diagnosis.errorState.title", id))
                .explanation(inError
                        ? TextRef.key("diagnosis.errorState.explanation", id, faultMessage)
                        : TextRef.key("diagnosis.errorState.refused.explanation", id, RuleSupport.quote(refused)));
        if (server != null) {
            finding.evidence(RuleSupport.serverField(server, "status", server.status()))
                    .evidence(RuleSupport.serverField(server, "OS-EXT-STS:vm_state", server.vmState()));
            if (fault != null) {
                finding.evidence(RuleSupport.serverField(server, "fault.message", faultMessage));
                if (fault.created() != null) {
                    finding.evidence(RuleSupport.serverField(server, "fault.created", fault.created()));
                }
            }
        }
        finding.evidence(RuleSupport.texts(refused));
        if (inError && causedByMigration(context, fault)) {
            List<FindingCode> causes = context.earlierFindings().stream().map(Finding::code)
                    .filter(FindingCode.FAILURE_CAUSES::contains).distinct().toList();
            finding.explainedBy(causes);
        }
        if (inError) {
            finding.remediation(Remediation.of(TextRef.key("diagnosis.errorState.fix.inspect"),
                    Commands.serverShow(id), Commands.eventList(id)));
            finding.remediation(Remediation.of(TextRef.key("diagnosis.errorState.fix.reset"),
                    Commands.resetStateActive(id)));
        } else {
            finding.remediation(Remediation.of(TextRef.key("diagnosis.errorState.fix.retry"),
                    Commands.serverShow(id), Commands.liveMigrate(id, null)));
        }
        return Result.of(finding.build());
    }

    /** The fault was written after the focus migration started: the migration's failure put it in ERROR. */
    private static boolean causedByMigration(DiagnosisContext context, Server.Fault fault) {
        return context.migrationFailed() && context.migration()
                .map(m -> fault == null || fault.created() == null || m.createdAt() == null
                        || !fault.created().isBefore(m.createdAt()))
                .orElse(false);
    }
}
