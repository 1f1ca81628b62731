package dev.migrationworkbench.diagnosis.rules;

import dev.migrationworkbench.diagnosis.Confidence;
import dev.migrationworkbench.diagnosis.DiagnosisContext;
import dev.migrationworkbench.diagnosis.FailureText;
import dev.migrationworkbench.diagnosis.Finding;
import dev.migrationworkbench.diagnosis.FindingCode;
import dev.migrationworkbench.diagnosis.Note;
import dev.migrationworkbench.diagnosis.Remediation;
import dev.migrationworkbench.diagnosis.Rule;
import dev.migrationworkbench.diagnosis.Severity;
import dev.migrationworkbench.diagnosis.Subject;
import dev.migrationworkbench.diagnosis.TextRef;
import dev.migrationworkbench.model.ComputeService;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The source or destination nova-compute service is down or forced down now (os-services), or Nova
 * recorded ComputeServiceUnavailable for the migration.
 */
public final class ComputeServiceDownRule implements Rule {

    private static final Pattern HOST_IN_MESSAGE = Pattern.compile("Compute service of (\\S+) is unavailable");

    @Override
    public FindingCode code() {
        return FindingCode.COMPUTE_SERVICE_DOWN;
    }

    @Override
    public Result evaluate(DiagnosisContext context) {
        List<Finding> findings = new ArrayList<>();
        List<Note> notes = new ArrayList<>();
        List<FailureText> texts = NovaError.find(context, NovaError.SERVICE_UNAVAILABLE);
        List<String> reported = new ArrayList<>();
        for (String host : context.involvedHosts()) {
            Optional<ComputeService> service = context.computeService(host);
            if (service.isEmpty()) {
                RuleSupport.failedCall(context, "os-services").ifPresent(call -> notes.add(new Note(code(),
                        TextRef.key("diagnosis.serviceDown.notChecked", host, String.valueOf(call.httpStatus()),
                                String.valueOf(call.errorMessage())))));
                continue;
            }
            ComputeService s = service.get();
            if (s.isUp()) {
                continue;
            }
            reported.add(host);
            boolean forced = Boolean.TRUE.equals(s.forcedDown());
            boolean source = host.equals(context.sourceHost().orElse(null));
            String since = String.valueOf(s.updatedAt());
            Finding.Builder finding = Finding.of(code(), Severity.HIGH, Subject.host(host))
                    .title(TextRef.key("diagnosis.serviceDown.title", host))
                    .explanation(source
                            ? TextRef.key("diagnosis.serviceDown.source.explanation", host, since)
                            : TextRef.key("diagnosis.serviceDown.destination.explanation", host, since))
                    .evidence(RuleSupport.serviceFacts(s))
                    .evidence(RuleSupport.texts(texts))
                    .remediation(Remediation.of(TextRef.key("diagnosis.serviceDown.fix.check", host),
                            Commands.serviceList(host)));
            if (forced) {
                finding.remediation(Remediation.of(TextRef.key("diagnosis.serviceDown.fix.unforce", host),
                        Commands.serviceUp(host)));
            }
            if (context.migrationFailed()) {
                finding.remediation(Remediation.of(TextRef.key("diagnosis.serviceDown.fix.retry"),
                        Commands.liveMigrate(context.serverId(), null)));
            }
            findings.add(finding.build());
        }
        if (!texts.isEmpty() && reported.isEmpty()) {
            Matcher m = HOST_IN_MESSAGE.matcher(texts.get(0).text());
            String host = m.find() ? m.group(1) : context.sourceHost().orElse("?");
            findings.add(Finding.of(code(), Severity.HIGH, Subject.host(host))
                    .confidence(Confidence.HIGH)
                    .title(TextRef.key("diagnosis.serviceDown.title", host))
                    .explanation(TextRef.key("diagnosis.serviceDown.atTheTime.explanation", host, RuleSupport.quote(texts)))
                    .evidence(RuleSupport.texts(texts))
                    .evidence(context.computeService(host).map(RuleSupport::serviceFacts).orElse(List.of()))
                    .remediation(Remediation.of(TextRef.key("diagnosis.serviceDown.fix.check", host),
                            Commands.serviceList(host)))
                    .remediation(Remediation.of(TextRef.key("diagnosis.serviceDown.fix.retry"),
                            Commands.liveMigrate(context.serverId(), null)))
                    .build());
        }
        return new Result(findings, notes);
    }
}
