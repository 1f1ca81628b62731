package dev.migrationworkbench.diagnosis;

import java.util.ArrayList;
import java.util.List;

/**
 * One diagnosis: what was found ({@code code}), how bad and how sure, about what, a title and an
 * explanation (bundle keys with arguments), the evidence it rests on, and what to do.
 * {@code explainedBy} lists the findings that are the deeper cause of this one (a NoValidHost that
 * insufficient resources explain); such a finding is a symptom and sorts after its causes.
 */
public record Finding(
        FindingCode code,
        Severity severity,
        Confidence confidence,
        Subject subject,
        TextRef title,
        TextRef explanation,
        List<EvidenceItem> evidence,
        List<Remediation> remediation,
        List<FindingCode> explainedBy) {

    public Finding {
        evidence = evidence == null ? List.of() : List.copyOf(evidence);
        remediation = remediation == null ? List.of() : List.copyOf(remediation);
        explainedBy = explainedBy == null ? List.of() : List.copyOf(explainedBy);
    }

    public static Builder of(FindingCode code, Severity severity, Subject subject) {
        return new Builder(code, severity, subject);
    }

    public boolean isSymptom() {
        return !explainedBy.isEmpty();
    }

    public static final class Builder {
        private final FindingCode code;
        private final Severity severity;
        private final Subject subject;
        private Confidence confidence = Confidence.HIGH;
        private TextRef title;
        private TextRef explanation;
        private final List<EvidenceItem> evidence = new ArrayList<>();
        private final List<Remediation> remediation = new ArrayList<>();
        private final List<FindingCode> explainedBy = new ArrayList<>();

        private Builder(FindingCode code, Severity severity, Subject subject) {
            this.code = code;
            this.severity = severity;
            this.subject = subject;
        }

        public Builder confidence(Confidence value) {
            this.confidence = value;
            return this;
        }

        public Builder title(TextRef value) {
            this.title = value;
            return this;
        }

        public Builder explanation(TextRef value) {
            this.explanation = value;
            return this;
        }

        public Builder evidence(EvidenceItem item) {
            evidence.add(item);
            return this;
        }

        public Builder evidence(List<EvidenceItem> items) {
            evidence.addAll(items);
            return this;
        }

        public Builder remediation(Remediation item) {
            remediation.add(item);
            return this;
        }

        /** Names the findings that are the deeper cause of this one. */
        public Builder explainedBy(List<FindingCode> causes) {
            explainedBy.addAll(causes);
            return this;
        }

        public Finding build() {
            if (title == null || explanation == null) {
                throw new IllegalStateException(code + ": a finding needs a title and an explanation");
            }
            return new Finding(code, severity, confidence, subject, title, explanation, evidence, remediation,
                    explainedBy);
        }
    }
}
