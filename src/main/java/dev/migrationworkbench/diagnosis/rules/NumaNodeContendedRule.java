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
import java.util.ArrayList;
import java.util.List;

/**
 * The destination NUMA node the instance needs is already partly used by other instances, more than
 * its node at the source was (the guide's second example): CPUs, memory bandwidth and caches are shared.
 */
public final class NumaNodeContendedRule implements Rule {

    @Override
    public FindingCode code() {
        return FindingCode.NUMA_NODE_CONTENDED;
    }

    @Override
    public Result evaluate(DiagnosisContext context) {
        NumaDiff diff = context.numaDiff().orElse(null);
        if (diff == null) {
            return Result.none();
        }
        List<Finding> findings = new ArrayList<>();
        for (NumaDiff.Difference d : NumaRules.harmful(diff, x -> x.field() == NumaDiff.Field.PINNED_BY_OTHERS)) {
            findings.add(Finding.of(code(), Severity.MEDIUM, Subject.host(diff.destHost()))
                    .confidence(diff.instanceAtDest() != null ? Confidence.HIGH : Confidence.MEDIUM)
                    .title(TextRef.key("diagnosis.contended.title", d.subject(), diff.destHost()))
                    .explanation(TextRef.key("diagnosis.contended.explanation", d.subject(), diff.destHost(),
                            d.destValue(), diff.sourceHost(), d.sourceValue()))
                    .evidence(NumaRules.evidence(diff, List.of(d)))
                    .remediation(Remediation.of(TextRef.key("diagnosis.contended.fix"),
                            Commands.hypervisorShow(diff.destHost()),
                            Commands.liveMigrate(context.serverId(), "<host-with-a-free-numa-node>")))
                    .build());
        }
        return Result.of(findings);
    }
}
