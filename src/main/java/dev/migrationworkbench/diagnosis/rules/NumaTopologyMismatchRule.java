package dev.migrationworkbench.diagnosis.rules;

import dev.migrationworkbench.diagnosis.Confidence;
import dev.migrationworkbench.diagnosis.DiagnosisContext;
import dev.migrationworkbench.diagnosis.Finding;
import dev.migrationworkbench.diagnosis.FindingCode;
import dev.migrationworkbench.diagnosis.Remediation;
import dev.migrationworkbench.diagnosis.Rule;
import dev.migrationworkbench.diagnosis.Severity;
import dev.migrationworkbench.diagnosis.Subject;
import dev.migrationworkbench.diagnosis.TextRef;
import dev.migrationworkbench.diagnosis.numa.NumaDiff;
import dev.migrationworkbench.diagnosis.numa.NumaDiff.Field;
import java.util.List;
import java.util.Set;

/**
 * Source and destination NUMA layouts differ where it matters for an instance with a NUMA topology:
 * node count, a node's CPUs, memory, hugepage sizes or distances.
 */
public final class NumaTopologyMismatchRule implements Rule {

    private static final Set<Field> LAYOUT = Set.of(Field.PRESENCE, Field.CPUS, Field.MEMORY, Field.HUGEPAGES,
            Field.DISTANCES);

    @Override
    public FindingCode code() {
        return FindingCode.NUMA_TOPOLOGY_MISMATCH;
    }

    @Override
    public Result evaluate(DiagnosisContext context) {
        NumaDiff diff = context.numaDiff().orElse(null);
        if (diff == null) {
            return NumaRules.notChecked(context, code());
        }
        List<NumaDiff.Difference> found = NumaRules.harmful(diff, d -> d.kind() != NumaDiff.Difference.Kind.NIC
                && LAYOUT.contains(d.field()));
        if (found.isEmpty()) {
            return Result.none();
        }
        return Result.of(Finding.of(code(), Severity.MEDIUM, Subject.host(diff.destHost()))
                .confidence(Confidence.MEDIUM)
                .title(TextRef.key("diagnosis.numaMismatch.title", diff.sourceHost(), diff.destHost()))
                .explanation(TextRef.key("diagnosis.numaMismatch.explanation", diff.sourceHost(), diff.destHost(),
                        NumaRules.summary(found)))
                .evidence(NumaRules.evidence(diff, found))
                .remediation(Remediation.of(TextRef.key("diagnosis.numaMismatch.fix.sameLayout"),
                        Commands.hypervisorShow(diff.sourceHost()), Commands.hypervisorShow(diff.destHost())))
                .remediation(Remediation.of(TextRef.key("diagnosis.numa.fix.otherHost"),
                        Commands.liveMigrate(context.serverId(), "<host-with-the-same-numa-layout>")))
                .build());
    }
}
