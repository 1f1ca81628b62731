package dev.migrationworkbench.ui.backend;

import java.util.List;

/**
 * One finding as the Findings view shows it: severity, code, title and explanation (bundle
 * messages), the facts it rests on with the raw API responses they came from, and the remediation
 * with its exact commands.
 */
public record FindingItem(
        Severity severity,
        String code,
        String subject,
        Text title,
        Text explanation,
        List<Fact> evidence,
        List<Step> remediation) {

    public FindingItem {
        evidence = List.copyOf(evidence);
        remediation = List.copyOf(remediation);
    }

    public enum Severity {
        CRITICAL,
        HIGH,
        MEDIUM,
        LOW
    }

    /** A fact: where it was read, which field, its value, and the raw response of that call when kept. */
    public record Fact(String source, String field, String value, String rawResponse) {
    }

    /** What to do, and the commands that do it. */
    public record Step(Text text, List<String> commands) {

        public Step {
            commands = List.copyOf(commands);
        }
    }
}
