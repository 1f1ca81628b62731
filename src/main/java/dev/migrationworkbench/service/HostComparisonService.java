package dev.migrationworkbench.service;

import dev.migrationworkbench.cloud.EvidenceCollector;
import dev.migrationworkbench.cloud.NovaGateway;
import dev.migrationworkbench.diagnosis.numa.InstanceNeeds;
import dev.migrationworkbench.diagnosis.numa.NumaDiff;
import dev.migrationworkbench.diagnosis.numa.NumaDiffer;
import dev.migrationworkbench.model.Evidence;
import dev.migrationworkbench.model.HostTopology;

/** Source and destination hosts side by side for a server (the Hosts view). */
public final class HostComparisonService {

    private final NovaGateway gateway;

    HostComparisonService(NovaGateway gateway) {
        this.gateway = gateway;
    }

    /**
     * The NUMA/NIC diff of two probe reports; {@code serverId} (may be null) names the instance whose
     * needs decide what is harmful: read from its flavor and image as the diagnosis reads them
     * (Nova's numa_get_constraints), so the Hosts view and the findings agree.
     */
    public NumaDiff compare(HostTopology source, HostTopology destination, String serverId) {
        if (serverId == null || serverId.isBlank()) {
            return new NumaDiffer().diff(source, destination, null, false);
        }
        Evidence evidence;
        try (EvidenceCollector collector = new EvidenceCollector(gateway)) {
            evidence = collector.collect(serverId);
        }
        return new NumaDiffer().diff(source, destination, InstanceNeeds.of(evidence));
    }
}
