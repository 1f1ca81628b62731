package dev.migrationworkbench.diagnosis.rules;

import dev.migrationworkbench.diagnosis.DiagnosisContext;
import dev.migrationworkbench.diagnosis.EvidenceItem;
import dev.migrationworkbench.diagnosis.FindingCode;
import dev.migrationworkbench.diagnosis.Note;
import dev.migrationworkbench.diagnosis.Rule;
import dev.migrationworkbench.diagnosis.TextRef;
import dev.migrationworkbench.diagnosis.numa.NumaDiff;
import java.util.List;
import java.util.function.Predicate;

/** What the NUMA/NIC rules share: the harmful differences they pick from the diff, as evidence. */
final class NumaRules {

    private NumaRules() {
    }

    static List<NumaDiff.Difference> harmful(NumaDiff diff, Predicate<NumaDiff.Difference> which) {
        return diff.harmful().stream().filter(which).toList();
    }

    static List<EvidenceItem> evidence(NumaDiff diff, List<NumaDiff.Difference> differences) {
        return differences.stream().map(d -> EvidenceItem.probe(diff.sourceHost() + " ↔ " + diff.destHost(),
                d.subject() + " " + d.field().name().toLowerCase(java.util.Locale.ROOT),
                d.sourceValue() + " → " + d.destValue())).toList();
    }

    static String summary(List<NumaDiff.Difference> differences) {
        return String.join("; ", differences.stream()
                .map(d -> d.subject() + " " + d.field().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ')
                        + ": " + d.sourceValue() + " → " + d.destValue())
                .toList());
    }

    /** No diff: say which hosts lack probe data, when the instance has a NUMA topology worth checking. */
    static Rule.Result notChecked(DiagnosisContext context, FindingCode code) {
        if (context.migration().isEmpty() || !context.needs().numaBound()) {
            return Rule.Result.none();
        }
        List<String> missing = context.involvedHosts().stream().filter(h -> context.topology(h).isEmpty()).toList();
        return missing.isEmpty() ? Rule.Result.none()
                : Rule.Result.notChecked(new Note(code, TextRef.key("diagnosis.numa.notChecked", String.join(", ", missing))));
    }
}
