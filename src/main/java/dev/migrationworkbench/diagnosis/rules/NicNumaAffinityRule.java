package dev.migrationworkbench.diagnosis.rules;

import dev.migrationworkbench.diagnosis.Confidence;
import dev.migrationworkbench.diagnosis.DiagnosisContext;
import dev.migrationworkbench.diagnosis.Finding;
import dev.migrationworkbench.diagnosis.FindingCode;
import dev.migrationworkbench.diagnosis.Note;
import dev.migrationworkbench.diagnosis.Remediation;
import dev.migrationworkbench.diagnosis.Rule;
import dev.migrationworkbench.diagnosis.Severity;
import dev.migrationworkbench.diagnosis.Subject;
import dev.migrationworkbench.diagnosis.TextRef;
import dev.migrationworkbench.diagnosis.numa.NumaDiff;
import java.util.ArrayList;
import java.util.List;

/**
 * A NIC the instance is known to use (its interfaces as a host's agent sees them) sits, at the
 * destination, on another NUMA node than the instance — where the destination's agent sees it, or
 * where Nova's NUMA fit would place it (NUMA-aware live migration re-places it; the source's node
 * IDs are not assumed). Only for an instance with a NUMA topology: a floating guest has no node to
 * be away from. The guide's example: NIC 1 on node 0 at the source, node 5 at the destination.
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
                && x.field() == NumaDiff.Field.NIC_NODE_VS_INSTANCE)) {
            String nic = d.destNic() == null ? d.nic() : d.destNic();
            findings.add(Finding.of(code(), Severity.MEDIUM, Subject.host(diff.destHost()))
                    .confidence(diff.instanceDestNodesPredicted() ? Confidence.MEDIUM : Confidence.HIGH)
                    .title(TextRef.key("diagnosis.nicAffinity.title", nic, diff.destHost()))
                    .explanation(diff.instanceDestNodesPredicted()
                            ? TextRef.key("diagnosis.nicAffinity.predicted.explanation", nic, diff.destHost(),
                                    d.sourceValue(), d.destValue())
                            : TextRef.key("diagnosis.nicAffinity.cpus.explanation", nic, diff.destHost(),
                                    d.sourceValue(), d.destValue()))
                    .evidence(NumaRules.evidence(diff, List.of(d)))
                    .remediation(Remediation.of(TextRef.key("diagnosis.nicAffinity.fix.physnet", diff.destHost())))
                    .remediation(Remediation.of(TextRef.key("diagnosis.numa.fix.otherHost"),
                            Commands.liveMigrate(context.serverId(), "<host-with-the-nic-on-the-same-node>")))
                    .build());
        }
        boolean useKnown = diff.instanceAtSource() != null && !diff.instanceAtSource().interfaces().isEmpty()
                || diff.instanceAtDest() != null && !diff.instanceAtDest().interfaces().isEmpty();
        if (findings.isEmpty() && context.needs().numaBound() && !useKnown) {
            return Result.notChecked(new Note(code(), TextRef.key("diagnosis.nicAffinity.useUnknown", diff.sourceHost(),
                    diff.destHost())));
        }
        return Result.of(findings);
    }
}
