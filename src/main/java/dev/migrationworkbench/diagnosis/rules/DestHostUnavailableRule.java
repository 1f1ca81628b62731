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
import dev.migrationworkbench.diagnosis.Subject;
import dev.migrationworkbench.diagnosis.TextRef;
import dev.migrationworkbench.model.ComputeService;
import dev.migrationworkbench.model.Hypervisor;
import dev.migrationworkbench.model.InstanceAction;
import java.util.List;
import java.util.Optional;

/**
 * The destination could not take the instance: its compute service is disabled, its hypervisor is
 * down, or a destination pre-check failed (ComputeHostNotFound, UnableToMigrateToSelf, hypervisor or
 * CPU incompatibility, shared/local storage, HypervisorUnavailable, MigrationPreCheckError). A
 * destination whose service is down is {@link ComputeServiceDownRule}'s case.
 */
public final class DestHostUnavailableRule implements Rule {

    private static final NovaError[] DEST_ERRORS = {NovaError.HOST_NOT_FOUND, NovaError.MIGRATE_TO_SELF,
        NovaError.HYPERVISOR_INCOMPATIBLE, NovaError.STORAGE, NovaError.HYPERVISOR_UNAVAILABLE,
        NovaError.DEST_CHECK_FAILED, NovaError.PRE_CHECK};

    @Override
    public FindingCode code() {
        return FindingCode.DEST_HOST_UNAVAILABLE;
    }

    @Override
    public Result evaluate(DiagnosisContext context) {
        Optional<String> dest = context.destHost();
        List<FailureText> texts = NovaError.find(context, DEST_ERRORS);
        Optional<ComputeService> service = dest.flatMap(context::computeService);
        boolean serviceDown = service.map(s -> !s.isUp()).orElse(false);
        boolean disabled = service.map(s -> !s.isEnabled()).orElse(false);
        Optional<Hypervisor> hypervisor = dest.flatMap(h -> context.evidence().hypervisors().stream()
                .filter(hv -> h.equals(hv.serviceHost()) || h.equals(hv.hostname())).findFirst());
        boolean hypervisorDown = hypervisor.map(hv -> "down".equalsIgnoreCase(hv.state())).orElse(false);
        Optional<InstanceAction.Event> destCheck = context.migrationAction().stream().flatMap(a -> a.events().stream())
                .filter(InstanceAction.Event::failed)
                .filter(e -> e.event() != null && e.event().contains("check_can_live_migrate_destination"))
                .findFirst();
        boolean stateSaysSo = context.migrationFailed() && !serviceDown && (disabled || hypervisorDown);
        boolean otherCauseNamed = context.failureTexts().stream().flatMap(t -> NovaError.in(t.text()).stream())
                .anyMatch(e -> e.code() != code() && e.code() != FindingCode.SCHEDULER_NO_VALID_HOST);
        // a refusal by the source's check of the instance is not about the destination
        boolean sourceCheckFailed = context.migrationAction().stream().flatMap(a -> a.events().stream())
                .anyMatch(e -> e.failed() && InstanceNotLiveMigratableRule.SOURCE_CHECK.equals(e.event()));
        if (sourceCheckFailed && destCheck.isEmpty() && texts.stream().allMatch(t -> NovaError.in(t.text()).contains(NovaError.PRE_CHECK))) {
            texts = List.of();
        }
        if (otherCauseNamed) {
            destCheck = Optional.empty();
        }
        if (texts.isEmpty() && !stateSaysSo && destCheck.isEmpty()) {
            return Result.none();
        }
        if (texts.isEmpty() && serviceDown) {
            return Result.none();
        }
        String host = dest.orElse("?");
        Severity severity = context.migrationFailed() ? Severity.HIGH : Severity.MEDIUM;
        Confidence confidence = !texts.isEmpty() ? Confidence.HIGH : Confidence.MEDIUM;
        TextRef explanation;
        if (!texts.isEmpty()) {
            explanation = TextRef.key("diagnosis.destUnavailable.precheck.explanation", host, RuleSupport.quote(texts));
        } else if (disabled) {
            explanation = TextRef.key("diagnosis.destUnavailable.disabled.explanation", host,
                    service.map(ComputeService::disabledReason).orElse("-"));
        } else if (hypervisorDown) {
            explanation = TextRef.key("diagnosis.destUnavailable.hypervisorDown.explanation", host);
        } else {
            explanation = TextRef.key("diagnosis.destUnavailable.checkFailed.explanation", host);
        }
        Finding.Builder finding = Finding.of(code(), severity, dest.isPresent() ? Subject.host(host) : context.migrationSubject())
                .confidence(confidence)
                .title(TextRef.key("diagnosis.destUnavailable.title", host))
                .explanation(explanation)
                .evidence(RuleSupport.migrationFacts(context))
                .evidence(RuleSupport.texts(texts));
        service.ifPresent(s -> finding.evidence(RuleSupport.serviceFacts(s)));
        hypervisor.ifPresent(hv -> finding.evidence(EvidenceItem.field("GET /os-hypervisors/detail", "state/status",
                hv.state() + "/" + hv.status())));
        destCheck.ifPresent(e -> finding.evidence(new EvidenceItem(EvidenceItem.Kind.EVENT,
                "GET /servers/" + context.serverId() + "/os-instance-actions/"
                        + context.migrationAction().map(InstanceAction::requestId).orElse("?"),
                "events[" + e.event() + "].result", e.result(), e.finishTime())));
        finding.remediation(Remediation.of(TextRef.key("diagnosis.destUnavailable.fix.inspect", host),
                Commands.serviceList(host), Commands.hypervisorShow(host)));
        if (disabled) {
            finding.remediation(Remediation.of(TextRef.key("diagnosis.destUnavailable.fix.enable", host),
                    Commands.serviceEnable(host)));
        }
        finding.remediation(Remediation.of(TextRef.key("diagnosis.destUnavailable.fix.otherHost"),
                Commands.liveMigrate(context.serverId(), null)));
        return Result.of(finding.build());
    }
}
