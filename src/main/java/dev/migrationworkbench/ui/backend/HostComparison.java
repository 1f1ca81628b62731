package dev.migrationworkbench.ui.backend;

import dev.migrationworkbench.model.HostTopology;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Two hosts side by side: their topologies, one row per compared aspect, and the findings the
 * comparison raises. Each side of a row is a list of values (CPUs, memory, a hugepage pool, ...),
 * each marked when it differs from the other side's, so the view highlights the values, not rows.
 */
public record HostComparison(HostTopology source, HostTopology destination, List<Row> rows, List<FindingItem> findings) {

    public HostComparison {
        rows = List.copyOf(rows);
        findings = List.copyOf(findings);
    }

    /** One value of one side, and whether it differs from the other side's value of the same kind. */
    public record Part(String text, boolean differs) {
    }

    /**
     * One aspect: a label, the source's and the destination's values, and whether they differ in a
     * way that matters. A row differs only when one of its shown values does.
     */
    public record Row(Text aspect, List<Part> source, List<Part> destination, Difference difference) {

        public Row {
            source = List.copyOf(source);
            destination = List.copyOf(destination);
        }

        /** A row of one value per side. */
        public Row(Text aspect, String sourceValue, String destinationValue, Difference difference) {
            this(aspect, List.of(new Part(sourceValue, !sourceValue.equals(destinationValue))),
                    List.of(new Part(destinationValue, !sourceValue.equals(destinationValue))), difference);
        }

        public String sourceValue() {
            return source.stream().map(Part::text).collect(Collectors.joining(" · "));
        }

        public String destinationValue() {
            return destination.stream().map(Part::text).collect(Collectors.joining(" · "));
        }
    }

    public enum Difference {
        SAME,
        DIFFERENT,
        PROBLEM
    }
}
