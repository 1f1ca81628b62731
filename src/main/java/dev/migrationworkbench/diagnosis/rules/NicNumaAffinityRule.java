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
 * A NIC the instance uses sits on another NUMA node at the destination than at the source (the
 * guide's NIC 1 on node 0 at the source, node 5 at the destination), or on another node than the
 * instance's CPUs at the destination: its traffic crosses the interconnect.
 */
public final class NicNumaAffinityRule implements Rule {

    @Override
    public FindingCode code() {
        return FindingCode.NIC_NUMA_AFFINITY_MISMATCH;
    }

    @Override
    public Result evaluate(DiagnosisContext context) {
        NumaDiff diff = context.numaDiff().orElse(null);
        if (diff == null) {
            return Result.none();
        }
        List<Finding> findings = new ArrayList<>();
        for (NumaDiff.Difference d : NumaRules.harmful(diff, x -> x.kind() == NumaDiff.Difference.Kind.NIC
                && (x.field() == NumaDiff.Field.NUMA_NODE || x.field() == NumaDiff.Field.NIC_NODE_VS_INSTANCE))) {
            boolean againstCpus = d.field() == NumaDiff.Field.NIC_NODE_VS_INSTANCE;
            findings.add(Finding.of(code(), Severity.MEDIUM, Subject.host(diff.destHost()))
                    .confidence(Confidence.HIGH)
                    .title(TextRef.key("diagnosis.nicAffinity.title", d.subject(), diff.destHost()))
                    .explanation(againstCpus
                            ? TextRef.key("diagnosis.nicAffinity.cpus.explanation", d.subject(), diff.destHost(),
                                    d.sourceValue(), d.destValue())
                            : TextRef.key("diagnosis.nicAffinity.explanation", d.subject(), diff.sourceHost(),
                                    d.sourceValue(), diff.destHost(), d.destValue()))
                    .evidence(NumaRules.evidence(diff, List.of(d)))
                    .remediation(Remediation.of(TextRef.key("diagnosis.nicAffinity.fix.physnet", diff.destHost())))
                    .remediation(Remediation.of(TextRef.key("diagnosis.numa.fix.otherHost"),
                            Commands.liveMigrate(context.serverId(), "<host-with-the-nic-on-the-same-node>")))
                    .build());
        }
        return Result.of(findings);
    }
}
