package dev.migrationworkbench.diagnosis.rules;

import dev.migrationworkbench.diagnosis.DiagnosisContext;
import dev.migrationworkbench.diagnosis.FailureText;
import dev.migrationworkbench.diagnosis.Finding;
import dev.migrationworkbench.diagnosis.FindingCode;
import dev.migrationworkbench.diagnosis.Remediation;
import dev.migrationworkbench.diagnosis.Rule;
import dev.migrationworkbench.diagnosis.Severity;
import dev.migrationworkbench.diagnosis.TextRef;
import java.util.List;
import java.util.Set;

/**
 * The scheduler raised: NoValidHost, MaxRetriesExceeded or MigrationSchedulerRPCError. When
 * another finding says why no host qualified (resources, group policy, services, the destination),
 * this one is its symptom.
 */
public final class SchedulerNoValidHostRule implements Rule {

    private static final Set<FindingCode> REASONS = Set.of(FindingCode.INSUFFICIENT_RESOURCES, FindingCode.INSTANCE_NOT_LIVE_MIGRATABLE,
            FindingCode.SERVER_GROUP_POLICY_VIOLATION, FindingCode.COMPUTE_SERVICE_DOWN,
            FindingCode.DEST_HOST_UNAVAILABLE, FindingCode.MIXED_RELEASES);

    @Override
    public FindingCode code() {
        return FindingCode.SCHEDULER_NO_VALID_HOST;
    }

    @Override
    public int phase() {
        return 1;
    }

    @Override
    public Result evaluate(DiagnosisContext context) {
        List<FailureText> texts = NovaError.find(context, NovaError.NO_VALID_HOST, NovaError.MAX_RETRIES,
                NovaError.SCHEDULER_RPC, NovaError.SCHEDULER_REFUSAL_TRACE);
        if (texts.isEmpty()) {
            return Result.none();
        }
        String requested = context.destHost().orElse(null);
        List<FindingCode> reasons = context.earlierFindings().stream().map(Finding::code)
                .filter(REASONS::contains).distinct().toList();
        // explained by a deeper cause, the scheduler's refusal is only its symptom
        Finding.Builder finding = Finding.of(code(), reasons.isEmpty() ? Severity.HIGH : Severity.MEDIUM,
                        context.migrationSubject())
                .title(TextRef.key("diagnosis.noValidHost.title"))
                .explanation(onlyTraces(texts)
                        // the trace's last line ("raise result") says nothing: say what the trace shows
                        ? TextRef.key("diagnosis.noValidHost.trace.explanation")
                        : requested == null
                        ? TextRef.key("diagnosis.noValidHost.explanation", RuleSupport.quote(texts))
                        : TextRef.key("diagnosis.noValidHost.requested.explanation", RuleSupport.quote(texts), requested))
                .evidence(RuleSupport.migrationFacts(context))
                .evidence(RuleSupport.texts(texts))
                .explainedBy(reasons)
                .remediation(Remediation.of(TextRef.key("diagnosis.noValidHost.fix.inspect"),
                        Commands.eventShow(context.serverId(),
                                context.migrationAction().map(a -> a.requestId()).orElse(null)),
                        Commands.hypervisorList(), "openstack compute service list --service nova-compute"));
        if (requested != null) {
            finding.remediation(Remediation.of(TextRef.key("diagnosis.noValidHost.fix.letSchedulerPick"),
                    Commands.liveMigrate(context.serverId(), null)));
        }
        return Result.of(finding.build());
    }

    private static boolean onlyTraces(List<FailureText> texts) {
        return texts.stream().allMatch(t -> NovaError.in(t.text()).equals(List.of(NovaError.SCHEDULER_REFUSAL_TRACE)));
    }
}
