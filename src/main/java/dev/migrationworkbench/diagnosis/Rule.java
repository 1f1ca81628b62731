package dev.migrationworkbench.diagnosis;

import java.util.List;

/** One rule per finding code: reads the evidence, returns findings and what it could not check. */
public interface Rule {

    FindingCode code();

    Result evaluate(DiagnosisContext context);

    /**
     * Rules run in phases; a rule sees the findings of the earlier phases through
     * {@link DiagnosisContext#earlierFindings()} (a symptom rule looks for its causes, the "none of
     * the above" rule for any cause).
     */
    default int phase() {
        return 0;
    }

    record Result(List<Finding> findings, List<Note> notes) {

        public Result {
            findings = findings == null ? List.of() : List.copyOf(findings);
            notes = notes == null ? List.of() : List.copyOf(notes);
        }

        public static Result none() {
            return new Result(List.of(), List.of());
        }

        public static Result of(Finding... findings) {
            return new Result(List.of(findings), List.of());
        }

        public static Result of(List<Finding> findings) {
            return new Result(findings, List.of());
        }

        public static Result notChecked(Note... notes) {
            return new Result(List.of(), List.of(notes));
        }
    }
}
