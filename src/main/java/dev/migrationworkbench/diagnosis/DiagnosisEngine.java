package dev.migrationworkbench.diagnosis;

import dev.migrationworkbench.diagnosis.rules.ComputeServiceDownRule;
import dev.migrationworkbench.diagnosis.rules.ConcurrentOperationRule;
import dev.migrationworkbench.diagnosis.rules.DestHostUnavailableRule;
import dev.migrationworkbench.diagnosis.rules.InstanceDeletedRule;
import dev.migrationworkbench.diagnosis.rules.InstanceInErrorStateRule;
import dev.migrationworkbench.diagnosis.rules.InstanceNotFoundRule;
import dev.migrationworkbench.diagnosis.rules.InstanceNotLiveMigratableRule;
import dev.migrationworkbench.diagnosis.rules.InsufficientResourcesRule;
import dev.migrationworkbench.diagnosis.rules.MigrationAbortedRule;
import dev.migrationworkbench.diagnosis.rules.MigrationFailedOtherRule;
import dev.migrationworkbench.diagnosis.rules.MigrationNotConvergingRule;
import dev.migrationworkbench.diagnosis.rules.MigrationSlowConvergingRule;
import dev.migrationworkbench.diagnosis.rules.MigrationTimedOutRule;
import dev.migrationworkbench.diagnosis.rules.MixedReleasesRule;
import dev.migrationworkbench.diagnosis.rules.NicNumaAffinityRule;
import dev.migrationworkbench.diagnosis.rules.NicNumaUnknownRule;
import dev.migrationworkbench.diagnosis.rules.NumaNodeContendedRule;
import dev.migrationworkbench.diagnosis.rules.NumaTopologyMismatchRule;
import dev.migrationworkbench.diagnosis.rules.SchedulerNoValidHostRule;
import dev.migrationworkbench.diagnosis.rules.ServerGroupPolicyRule;
import dev.migrationworkbench.model.ApiCall;
import dev.migrationworkbench.model.Evidence;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The entry point: {@code new DiagnosisEngine().diagnose(evidence)}. Runs every rule on the
 * evidence, phase by phase, and orders the findings: severity, then causes before their symptoms,
 * then confidence, then the order of {@link FindingCode}. Pure and thread-safe.
 */
public final class DiagnosisEngine {

    private static final Comparator<Finding> ORDER = Comparator.comparing(Finding::severity)
            .thenComparing(Finding::isSymptom)
            .thenComparing(Finding::confidence)
            .thenComparing(Finding::code);

    private final List<Rule> rules;

    public DiagnosisEngine() {
        this(defaultRules());
    }

    public DiagnosisEngine(List<Rule> rules) {
        this.rules = List.copyOf(rules);
    }

    /** One rule per finding code. */
    public static List<Rule> defaultRules() {
        return List.of(new InstanceNotFoundRule(), new InstanceDeletedRule(), new InstanceInErrorStateRule(),
                new ComputeServiceDownRule(), new MixedReleasesRule(), new DestHostUnavailableRule(),
                new ServerGroupPolicyRule(), new InsufficientResourcesRule(), new SchedulerNoValidHostRule(),
                new ConcurrentOperationRule(), new InstanceNotLiveMigratableRule(), new MigrationFailedOtherRule(), new MigrationTimedOutRule(),
                new MigrationAbortedRule(), new MigrationNotConvergingRule(),
                new MigrationSlowConvergingRule(), new NumaTopologyMismatchRule(), new NicNumaAffinityRule(),
                new NumaNodeContendedRule(), new NicNumaUnknownRule());
    }

    public List<Rule> rules() {
        return rules;
    }

    public Diagnosis diagnose(Evidence evidence) {
        return diagnose(evidence, null);
    }

    /** Diagnoses the evidence, focused on the migration with this ID or UUID (null: the current or newest one). */
    public Diagnosis diagnose(Evidence evidence, String migrationId) {
        DiagnosisContext context = new DiagnosisContext(evidence, migrationId);
        List<Finding> findings = new ArrayList<>();
        Map<TextRef, Note> notes = new LinkedHashMap<>();
        rules.stream().map(Rule::phase).distinct().sorted().forEach(phase -> {
            context.setEarlierFindings(findings);
            List<Finding> found = new ArrayList<>();
            for (Rule rule : rules) {
                if (rule.phase() == phase) {
                    Rule.Result result = rule.evaluate(context);
                    found.addAll(result.findings());
                    result.notes().forEach(n -> notes.putIfAbsent(n.text(), n));
                }
            }
            findings.addAll(found);
        });
        for (ApiCall call : context.failedCalls()) {
            Note note = new Note(null, TextRef.key("diagnosis.note.callFailed", call.method() + " " + call.url(),
                    call.httpStatus() == null ? String.valueOf(call.errorKind()) : "HTTP " + call.httpStatus(),
                    String.valueOf(call.errorMessage())));
            notes.putIfAbsent(note.text(), note);
        }
        findings.sort(ORDER);
        return new Diagnosis(context.serverSubject(), context.migration().orElse(null), findings,
                new ArrayList<>(notes.values()), context.convergence().orElse(null), context.numaDiff().orElse(null),
                context.failedEssentialCalls());
    }
}
