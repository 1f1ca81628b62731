package dev.migrationworkbench.diagnosis.rules;

import dev.migrationworkbench.diagnosis.Diagnosis;
import dev.migrationworkbench.diagnosis.DiagnosisEngine;
import dev.migrationworkbench.diagnosis.Finding;
import dev.migrationworkbench.diagnosis.FindingCode;
import dev.migrationworkbench.model.Evidence;
import java.util.List;

final class RuleTestSupport {

    private RuleTestSupport() {
    }

    static Diagnosis diagnose(Evidence evidence) {
        return new DiagnosisEngine().diagnose(evidence);
    }

    static Finding only(Diagnosis diagnosis, FindingCode code) {
        List<Finding> found = diagnosis.findings().stream().filter(f -> f.code() == code).toList();
        if (found.size() != 1) {
            throw new AssertionError("expected one " + code + " but got " + diagnosis.findings());
        }
        return found.get(0);
    }
}
