package dev.migrationworkbench.ui.backend;

import dev.migrationworkbench.model.HostTopology;
import java.util.List;

/**
 * Two hosts side by side: their topologies, one row per compared aspect (differences marked), and
 * the findings the comparison raises.
 */
public record HostComparison(HostTopology source, HostTopology destination, List<Row> rows, List<FindingItem> findings) {

    public HostComparison {
        rows = List.copyOf(rows);
        findings = List.copyOf(findings);
    }

    /** One aspect: a label, the source's and the destination's value, and whether they differ in a way that matters. */
    public record Row(Text aspect, String sourceValue, String destinationValue, Difference difference) {
    }

    public enum Difference {
        SAME,
        DIFFERENT,
        PROBLEM
    }
}
