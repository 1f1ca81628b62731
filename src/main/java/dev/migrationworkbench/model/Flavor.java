package dev.migrationworkbench.model;

import java.util.Map;

public record Flavor(String id, String name, int vcpus, int ramMb, int diskGb, Map<String, String> extraSpecs) {

    public Flavor {
        extraSpecs = extraSpecs == null ? Map.of() : Map.copyOf(extraSpecs);
    }
}
