package dev.migrationworkbench.democloud;

/** A loaded scenario: the world it describes and the clock speed it suggests for the GUI. */
record Scenario(World world, double speed) {
}
