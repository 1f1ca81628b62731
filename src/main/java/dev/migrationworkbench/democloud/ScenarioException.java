package dev.migrationworkbench.democloud;

import java.util.List;
import java.util.stream.Collectors;

/** A scenario file that cannot be used, with every problem found: file, line, field and what is expected. */
public final class ScenarioException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** One problem; {@code line} is 1-based, 0 when unknown; {@code field} is a path like {@code servers[2].flavor}. */
    public record Problem(String file, int line, String field, String message) {
        @Override
        public String toString() {
            return file + (line > 0 ? ":" + line : "") + (field.isEmpty() ? "" : ": " + field) + ": " + message;
        }
    }

    private final transient List<Problem> problems;

    public ScenarioException(List<Problem> problems) {
        super(problems.stream().map(Problem::toString).collect(Collectors.joining(System.lineSeparator())));
        this.problems = List.copyOf(problems);
    }

    public List<Problem> problems() {
        return problems;
    }
}
