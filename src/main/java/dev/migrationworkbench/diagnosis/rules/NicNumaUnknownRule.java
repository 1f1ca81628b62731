package dev.migrationworkbench.diagnosis.rules;

import dev.migrationworkbench.diagnosis.Confidence;
import dev.migrationworkbench.diagnosis.DiagnosisContext;
import dev.migrationworkbench.diagnosis.EvidenceItem;
import dev.migrationworkbench.diagnosis.Finding;
import dev.migrationworkbench.diagnosis.FindingCode;
import dev.migrationworkbench.diagnosis.Remediation;
import dev.migrationworkbench.diagnosis.Rule;
import dev.migrationworkbench.diagnosis.Severity;
import dev.migrationworkbench.diagnosis.Subject;
import dev.migrationworkbench.diagnosis.TextRef;
import dev.migrationworkbench.diagnosis.numa.NumaDiffer;
import dev.migrationworkbench.model.HostTopology;
import java.util.ArrayList;
import java.util.List;

/**
 * A NIC of a host involved reports {@code numa_node = -1}: neither Nova nor the operator can know
 * its locality. MEDIUM when the instance uses it, LOW for another NIC on a physical network.
 */
public final class NicNumaUnknownRule implements Rule {

    @Override
    public FindingCode code() {
        return FindingCode.NIC_NUMA_UNKNOWN;
    }

    @Override
    public Result evaluate(DiagnosisContext context) {
        List<Finding> findings = new ArrayList<>();
        for (String host : context.involvedHosts()) {
            HostTopology topology = context.topology(host).orElse(null);
            if (topology == null) {
                continue;
            }
            List<String> used = context.involvedHosts().stream().flatMap(h -> context.topology(h).stream())
                    .flatMap(t -> t.instances().stream().filter(p -> p.instanceUuid().equals(context.serverId()))
                            .flatMap(p -> NumaDiffer.hostNics(t, p).stream()))
                    .distinct().toList();
            for (HostTopology.Nic nic : topology.nics()) {
                boolean usedByInstance = used.contains(nic.name());
                if (!nic.localityUnknown() || !usedByInstance && nic.physnet() == null) {
                    continue;
                }
                findings.add(Finding.of(code(), usedByInstance ? Severity.MEDIUM : Severity.LOW, Subject.host(host))
                        .confidence(Confidence.HIGH)
                        .title(TextRef.key("diagnosis.nicUnknown.title", nic.name(), host))
                        .explanation(usedByInstance
                                ? TextRef.key("diagnosis.nicUnknown.used.explanation", nic.name(), host, nic.pciAddress())
                                : TextRef.key("diagnosis.nicUnknown.explanation", nic.name(), host, nic.pciAddress(),
                                        nic.physnet()))
                        .evidence(EvidenceItem.probe(host, "nics[" + nic.name() + "].numa_node", nic.numaNode()))
                        .evidence(EvidenceItem.probe(host, "nics[" + nic.name() + "].pci", nic.pciAddress()))
                        .remediation(Remediation.of(TextRef.key("diagnosis.nicUnknown.fix", host, nic.pciAddress())))
                        .build());
            }
        }
        return Result.of(findings);
    }
}
