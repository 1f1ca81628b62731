package dev.migrationworkbench.service;

import dev.migrationworkbench.diagnosis.numa.NumaDiff;
import dev.migrationworkbench.diagnosis.numa.NumaDiffer;
import dev.migrationworkbench.model.HostTopology;
import java.util.stream.Stream;

/** Source and destination hosts side by side for a server (the Hosts view, the report). */
public final class HostComparisonService {

    HostComparisonService() {
    }

    /**
     * The NUMA/NIC diff of two probe reports; {@code serverId} (may be null) names the instance whose
     * placement decides what is harmful. It counts as NUMA-bound when an agent reports it pinned or
     * bound to nodes on either host (before the migration on the source, after it on the destination).
     */
    public NumaDiff compare(HostTopology source, HostTopology destination, String serverId) {
        boolean numaBound = serverId != null && Stream.concat(source.instances().stream(), destination.instances().stream())
                .anyMatch(p -> serverId.equals(p.instanceUuid()) && (!p.pinnedCpus().isEmpty() || !p.memoryNodes().isEmpty()));
        return new NumaDiffer().diff(source, destination, serverId, numaBound);
    }
}
