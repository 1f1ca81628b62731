package dev.migrationworkbench.democloud;

import java.util.Map;

/** A Nova flavor with its extra specs. */
record Flavor(String id, String name, int vcpus, long ramMb, int diskGb, int ephemeralGb, int swapMb,
              Map<String, String> extraSpecs) {
}
