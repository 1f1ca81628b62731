package dev.migrationworkbench.diagnosis.rules;

import dev.migrationworkbench.diagnosis.Confidence;
import dev.migrationworkbench.diagnosis.DiagnosisContext;
import dev.migrationworkbench.diagnosis.EvidenceItem;
import dev.migrationworkbench.diagnosis.FailureText;
import dev.migrationworkbench.diagnosis.Finding;
import dev.migrationworkbench.diagnosis.FindingCode;
import dev.migrationworkbench.diagnosis.Note;
import dev.migrationworkbench.diagnosis.Remediation;
import dev.migrationworkbench.diagnosis.Rule;
import dev.migrationworkbench.diagnosis.Severity;
import dev.migrationworkbench.diagnosis.Subject;
import dev.migrationworkbench.diagnosis.TextRef;
import dev.migrationworkbench.diagnosis.numa.InstanceNeeds;
import dev.migrationworkbench.diagnosis.numa.NovaConf;
import dev.migrationworkbench.model.HostTopology;
import dev.migrationworkbench.model.Hypervisor;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The destination lacks what the instance needs: Nova said so (ComputeResourcesUnavailable, "Lack of
 * memory", "Disk of instance is too large", "not enough capacity"), or, for a failed migration, the
 * destination's free RAM (os-hypervisors, before 2.88) or free hugepages / unpinned CPUs on any one
 * NUMA node (probe agent) are below the flavor's.
 */
public final class InsufficientResourcesRule implements Rule {

    @Override
    public FindingCode code() {
        return FindingCode.INSUFFICIENT_RESOURCES;
    }

    @Override
    public Result evaluate(DiagnosisContext context) {
        List<FailureText> texts = NovaError.find(context, NovaError.NOT_ENOUGH_CAPACITY);
        InstanceNeeds needs = InstanceNeeds.of(context.evidence());
        List<String> candidates = candidateHosts(context);
        List<EvidenceItem> shortages = new ArrayList<>();
        List<String> short_ = new ArrayList<>();
        List<Note> notes = new ArrayList<>();
        if (context.migrationFailed() && needs.known()) {
            for (String host : candidates) {
                List<EvidenceItem> lacking = lacking(context, host, needs);
                if (lacking == null) {
                    notes.add(new Note(code(), TextRef.key("diagnosis.resources.notChecked", host)));
                } else if (!lacking.isEmpty()) {
                    short_.add(host);
                    shortages.addAll(lacking);
                }
            }
        }
        boolean everyCandidateShort = !candidates.isEmpty() && short_.size() == candidates.size();
        if (texts.isEmpty() && !everyCandidateShort) {
            return new Result(List.of(), texts.isEmpty() && context.migrationFailed() ? notes : List.of());
        }
        String host = context.destHost().orElse(short_.isEmpty() ? "?" : String.join(", ", short_));
        Finding.Builder finding = Finding.of(code(), Severity.HIGH,
                        context.destHost().map(Subject::host).orElse(context.migrationSubject()))
                .confidence(texts.isEmpty() ? Confidence.MEDIUM : Confidence.HIGH)
                .title(TextRef.key("diagnosis.resources.title", host))
                .explanation(texts.isEmpty()
                        ? TextRef.key("diagnosis.resources.state.explanation", host, needs.summary())
                        : TextRef.key("diagnosis.resources.explanation", host, RuleSupport.quote(texts), needs.summary()))
                .evidence(RuleSupport.migrationFacts(context))
                .evidence(RuleSupport.texts(texts))
                .evidence(shortages);
        if (needs.flavorName() != null) {
            finding.remediation(Remediation.of(TextRef.key("diagnosis.resources.fix.inspect", host),
                    Commands.flavorShow(needs.flavorName()), Commands.hypervisorShow(host)));
        } else {
            finding.remediation(Remediation.of(TextRef.key("diagnosis.resources.fix.inspect", host),
                    Commands.hypervisorShow(host)));
        }
        finding.remediation(Remediation.of(TextRef.key("diagnosis.resources.fix.otherHost"),
                Commands.hypervisorList(), Commands.liveMigrate(context.serverId(), null)));
        return Result.of(finding.build());
    }

    /** The requested destination, else every host of the evidence but the source (what the scheduler had). */
    private static List<String> candidateHosts(DiagnosisContext context) {
        if (context.destHost().isPresent()) {
            return List.of(context.destHost().get());
        }
        String source = context.sourceHost().orElse(null);
        return context.evidence().hypervisors().stream()
                .map(hv -> hv.serviceHost() != null ? hv.serviceHost() : hv.hostname())
                .filter(h -> h != null && !h.equals(source)).distinct().toList();
    }

    /** nova/conf/compute.py initial_ram_allocation_ratio (1.0 since Stein): what a compute node gets unless set. */
    static final double DEFAULT_RAM_ALLOCATION_RATIO = 1.0;

    /** The host's ram_allocation_ratio, else its initial_ram_allocation_ratio, from its agent's nova.conf; null when unknown. */
    static Double ramAllocationRatio(HostTopology host) {
        if (host == null) {
            return null;
        }
        for (String key : List.of("ram_allocation_ratio", "initial_ram_allocation_ratio")) {
            String value = NovaConf.get(host.novaConfig(), key);
            try {
                if (value != null && Double.parseDouble(value) > 0) {
                    return Double.parseDouble(value);
                }
            } catch (NumberFormatException e) {
                // not a number: Nova would not start with it; look at the next option
            }
        }
        return null;
    }

    /** What the host lacks (empty: enough), or null when neither the API nor an agent reports its capacity. */
    private static List<EvidenceItem> lacking(DiagnosisContext context, String host, InstanceNeeds needs) {
        Optional<Hypervisor> hypervisor = context.evidence().hypervisors().stream()
                .filter(hv -> host.equals(hv.serviceHost()) || host.equals(hv.hostname())).findFirst();
        Optional<HostTopology> topology = context.topology(host);
        List<EvidenceItem> lacking = new ArrayList<>();
        boolean checked = false;
        if (hypervisor.isPresent()) {
            Hypervisor hv = hypervisor.get();
            if (hv.memoryMb() != null && hv.memoryMbUsed() != null) {
                // conductor/tasks/live_migrate.py _check_destination_has_enough_memory (the RAMFilter's
                // logic): avail = memory_mb × ram_allocation_ratio − (memory_mb − free_ram_mb), where the
                // used memory includes reserved_host_memory_mb; refused when avail <= the flavor's RAM
                checked = true;
                Double hostRatio = ramAllocationRatio(topology.orElse(null));
                double ratio = hostRatio == null ? DEFAULT_RAM_ALLOCATION_RATIO : hostRatio;
                double avail = hv.memoryMb() * ratio - hv.memoryMbUsed();
                if (avail <= needs.ramMb()) {
                    lacking.add(EvidenceItem.field("GET /os-hypervisors/detail (" + host + ")",
                            "memory_mb × ram_allocation_ratio − memory_mb_used",
                            String.format(Locale.ROOT, "%d × %s − %d = %.0f <= %d (flavor ram; ratio %s)", hv.memoryMb(),
                                    ratio, hv.memoryMbUsed(), avail, needs.ramMb(),
                                    hostRatio == null ? "Nova's default, no agent data" : "from " + host + "'s nova.conf")));
                }
            } else if (hv.freeRamMb() != null) {
                checked = true;
                if (hv.freeRamMb() <= needs.ramMb()) {
                    lacking.add(EvidenceItem.field("GET /os-hypervisors/detail (" + host + ")", "free_ram_mb",
                            hv.freeRamMb() + " <= " + needs.ramMb() + " (flavor ram)"));
                }
            }
        }
        if (topology.isPresent()) {
            checked = true;
            lacking.addAll(needs.numaShortages(topology.get()));
        }
        return checked ? lacking : null;
    }
}
