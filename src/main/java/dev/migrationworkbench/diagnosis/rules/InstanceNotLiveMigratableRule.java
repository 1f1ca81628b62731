package dev.migrationworkbench.diagnosis.rules;

import dev.migrationworkbench.diagnosis.Confidence;
import dev.migrationworkbench.diagnosis.DiagnosisContext;
import dev.migrationworkbench.diagnosis.EvidenceItem;
import dev.migrationworkbench.diagnosis.FailureText;
import dev.migrationworkbench.diagnosis.Finding;
import dev.migrationworkbench.diagnosis.FindingCode;
import dev.migrationworkbench.diagnosis.Remediation;
import dev.migrationworkbench.diagnosis.Rule;
import dev.migrationworkbench.diagnosis.Severity;
import dev.migrationworkbench.diagnosis.TextRef;
import dev.migrationworkbench.model.InstanceAction;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Nova refused the live migration because of the instance itself, not a destination: its devices
 * cannot be live-migrated. {@code nova/conductor/tasks/live_migrate.py _check_can_migrate_pci}
 * ("non-VIF related PCI requests for instance are not allowed for live migration", "Cannot live
 * migrate VIF with related PCI, ..."), {@code _check_can_migrate_specific_resources} ("Cannot live
 * migrate with virtual persistent memory, ..."), {@code nova/compute/api.py}'s
 * {@code OperationNotSupportedForVTPM/SEV/VDPAInterface}, or a failed source-side check
 * ({@code compute_check_can_live_migrate_source}: the source host judged the instance). When the
 * scheduler path hid the reason (every candidate skipped, then NoValidHost), a flavor asking for a
 * PCI passthrough alias ({@code pci_passthrough:alias}) says it with medium confidence: Nova skips
 * every host for such an instance ({@code _find_destination}).
 */
public final class InstanceNotLiveMigratableRule implements Rule {

    static final String SOURCE_CHECK = "compute_check_can_live_migrate_source";

    @Override
    public FindingCode code() {
        return FindingCode.INSTANCE_NOT_LIVE_MIGRATABLE;
    }

    @Override
    public Result evaluate(DiagnosisContext context) {
        if (!context.migrationFailed()) {
            return Result.none();
        }
        List<FailureText> texts = NovaError.find(context, NovaError.NOT_LIVE_MIGRATABLE);
        Optional<InstanceAction.Event> sourceCheck = sourceCheckFailed(context);
        boolean otherCauseNamed = context.failureTexts().stream().flatMap(t -> NovaError.in(t.text()).stream())
                .anyMatch(e -> e.code() != code() && e != NovaError.PRE_CHECK);
        Map<String, String> specs = context.evidence().flavor() != null ? context.evidence().flavor().extraSpecs()
                : context.server().map(s -> s.flavorExtraSpecs()).orElse(Map.of());
        String alias = specs.get("pci_passthrough:alias");
        boolean hiddenByScheduler = alias != null && !NovaError.find(context, NovaError.NO_VALID_HOST,
                NovaError.MAX_RETRIES).isEmpty();
        if (texts.isEmpty() && (sourceCheck.isEmpty() || otherCauseNamed) && !hiddenByScheduler) {
            return Result.none();
        }
        String server = context.serverId();
        Finding.Builder f = Finding.of(code(), Severity.HIGH, context.serverSubject())
                .confidence(texts.isEmpty() && sourceCheck.isEmpty() || texts.isEmpty() && otherCauseNamed
                        ? Confidence.MEDIUM : Confidence.HIGH)
                .title(TextRef.key("diagnosis.notLiveMigratable.title", context.serverSubject().name()))
                .evidence(RuleSupport.migrationFacts(context));
        if (!texts.isEmpty()) {
            f.explanation(TextRef.key("diagnosis.notLiveMigratable.explanation", RuleSupport.quote(texts)))
                    .evidence(RuleSupport.texts(texts));
        } else if (sourceCheck.isPresent() && !otherCauseNamed) {
            List<FailureText> all = context.failureTexts();
            f.explanation(TextRef.key("diagnosis.notLiveMigratable.sourceCheck.explanation",
                            sourceCheck.get().host() == null ? context.sourceHost().orElse("?") : sourceCheck.get().host(),
                            all.isEmpty() ? "-" : RuleSupport.quote(all)))
                    .evidence(new EvidenceItem(EvidenceItem.Kind.EVENT, "GET /servers/" + server + "/os-instance-actions/"
                            + context.migrationAction().map(InstanceAction::requestId).orElse("?"),
                            "events[" + SOURCE_CHECK + "].result", sourceCheck.get().result(), sourceCheck.get().finishTime()))
                    .evidence(RuleSupport.texts(all));
        } else {
            f.explanation(TextRef.key("diagnosis.notLiveMigratable.pciAlias.explanation", alias))
                    .evidence(EvidenceItem.field("GET /flavors/" + context.server().map(s -> s.flavorId()).orElse("?"),
                            "extra_specs.pci_passthrough:alias", alias))
                    .evidence(RuleSupport.texts(NovaError.find(context, NovaError.NO_VALID_HOST, NovaError.MAX_RETRIES)));
        }
        f.remediation(Remediation.of(TextRef.key("diagnosis.notLiveMigratable.fix.inspect"),
                Commands.serverShow(server), Commands.eventList(server)));
        f.remediation(Remediation.of(TextRef.key("diagnosis.notLiveMigratable.fix.cold"),
                "openstack server migrate " + Commands.quote(server), "openstack server resize confirm " + Commands.quote(server)));
        return Result.of(f.build());
    }

    private static Optional<InstanceAction.Event> sourceCheckFailed(DiagnosisContext context) {
        return context.migrationAction().stream().flatMap(a -> a.events().stream())
                .filter(e -> e.failed() && SOURCE_CHECK.equals(e.event())).findFirst();
    }
}
