package dev.migrationworkbench.democloud;

import java.util.List;

/**
 * A loaded scenario: the world it describes, the clock speed it suggests for the GUI, its timeline
 * and the faults injected from the start.
 */
record Scenario(World world, double speed, List<TimelineEvent> timeline, List<Fault> faults) {
}
