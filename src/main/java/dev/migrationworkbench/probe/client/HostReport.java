package dev.migrationworkbench.probe.client;

import dev.migrationworkbench.model.HostTopology;
import java.util.List;

/** {@code GET /v1/host}: the topology and what the agent could not read (one line each). */
public record HostReport(HostTopology topology, List<String> warnings) {

    public HostReport {
        warnings = warnings == null ? List.of() : List.copyOf(warnings);
    }
}
