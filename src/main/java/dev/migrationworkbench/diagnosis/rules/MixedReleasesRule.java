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
import dev.migrationworkbench.diagnosis.TextRef;
import dev.migrationworkbench.diagnosis.numa.NovaConf;
import dev.migrationworkbench.model.HostTopology;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The hosts involved run different releases or nova-compute versions (probe agents), or Nova
 * refused the migration because a compute service is too old (TooOldComputeService, the
 * "older than" pre-checks). The REST API does not show service versions, so without agents only
 * Nova's messages can tell.
 */
public final class MixedReleasesRule implements Rule {

    @Override
    public FindingCode code() {
        return FindingCode.MIXED_RELEASES;
    }

    @Override
    public Result evaluate(DiagnosisContext context) {
        List<FailureText> texts = NovaError.find(context, NovaError.OLD_COMPUTE);
        Map<String, HostTopology> reports = new LinkedHashMap<>();
        List<String> unprobed = new ArrayList<>();
        for (String host : context.involvedHosts()) {
            context.topology(host).ifPresentOrElse(t -> reports.put(host, t), () -> unprobed.add(host));
        }
        context.evidence().hostTopologies().forEach(reports::putIfAbsent);
        Map<String, String> versions = reports.values().stream()
                .filter(t -> version(t) != null)
                .collect(Collectors.toMap(HostTopology::host, MixedReleasesRule::version, (a, b) -> a, LinkedHashMap::new));
        boolean differ = versions.values().stream().distinct().count() > 1;
        if (!differ && texts.isEmpty()) {
            if (!unprobed.isEmpty() && context.migration().isPresent()) {
                return Result.notChecked(new Note(code(), TextRef.key("diagnosis.mixedReleases.notChecked",
                        String.join(", ", unprobed))));
            }
            return Result.none();
        }
        String summary = versions.entrySet().stream().map(e -> e.getKey() + ": " + e.getValue())
                .collect(Collectors.joining(", "));
        boolean involvedDiffer = context.involvedHosts().stream().map(versions::get).filter(Objects::nonNull)
                .distinct().count() > 1;
        Severity severity = !texts.isEmpty() || involvedDiffer && context.migrationFailed() ? Severity.HIGH
                : involvedDiffer ? Severity.MEDIUM : Severity.LOW;
        Finding.Builder finding = Finding.of(code(), severity, context.migrationSubject())
                .confidence(!texts.isEmpty() ? Confidence.HIGH : involvedDiffer ? Confidence.MEDIUM : Confidence.LOW)
                .title(TextRef.key("diagnosis.mixedReleases.title"))
                .explanation(texts.isEmpty()
                        ? TextRef.key("diagnosis.mixedReleases.explanation", summary.isEmpty() ? "-" : summary)
                        : TextRef.key("diagnosis.mixedReleases.refused.explanation", RuleSupport.quote(texts),
                                summary.isEmpty() ? "-" : summary));
        for (HostTopology t : reports.values()) {
            if (t.release() != null) {
                finding.evidence(EvidenceItem.probe(t.host(), "release", t.release()));
            }
            if (t.novaComputeVersion() != null) {
                finding.evidence(EvidenceItem.probe(t.host(), "nova_compute_version", t.novaComputeVersion()));
            }
        }
        finding.evidence(RuleSupport.texts(texts));
        String oldest = oldestHost(versions).orElse(context.destHost().orElse("<host>"));
        // conductor/tasks/live_migrate.py _check_instance_has_no_numa reads the workaround in the
        // conductor's nova.conf; the computes' value (what agents report) is never consulted
        if (texts.stream().anyMatch(t -> t.text().contains("enable_numa_live_migration"))) {
            List<String> setOnComputes = reports.values().stream()
                    .filter(t -> "true".equalsIgnoreCase(NovaConf.get(t.novaConfig(), "enable_numa_live_migration")))
                    .map(HostTopology::host).toList();
            finding.remediation(Remediation.of(setOnComputes.isEmpty()
                    ? TextRef.key("diagnosis.mixedReleases.fix.numaWorkaround")
                    : TextRef.key("diagnosis.mixedReleases.fix.numaWorkaroundOnComputes", String.join(", ", setOnComputes))));
        }
        return Result.of(finding
                .remediation(Remediation.of(TextRef.key("diagnosis.mixedReleases.fix.upgrade", oldest),
                        "openstack compute service list --service nova-compute"))
                .remediation(Remediation.of(TextRef.key("diagnosis.mixedReleases.fix.sameRelease"),
                        Commands.hypervisorList()))
                .build());
    }

    private static String version(HostTopology t) {
        if (t.release() == null && t.novaComputeVersion() == null) {
            return null;
        }
        return Objects.toString(t.release(), "?") + " / nova " + Objects.toString(t.novaComputeVersion(), "?");
    }

    /** The host whose version sorts lowest (dotted numeric comparison), the one to upgrade. */
    private static Optional<String> oldestHost(Map<String, String> versions) {
        return versions.entrySet().stream().min((a, b) -> compareVersions(a.getValue(), b.getValue())).map(Map.Entry::getKey);
    }

    static int compareVersions(String a, String b) {
        String[] x = a.split("[^0-9]+");
        String[] y = b.split("[^0-9]+");
        for (int i = 0; i < Math.max(x.length, y.length); i++) {
            long p = i < x.length && !x[i].isEmpty() ? Long.parseLong(x[i]) : 0;
            long q = i < y.length && !y[i].isEmpty() ? Long.parseLong(y[i]) : 0;
            if (p != q) {
                return Long.compare(p, q);
            }
        }
        return 0;
    }
}
