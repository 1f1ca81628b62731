package dev.migrationworkbench.service;

import dev.migrationworkbench.cloud.CloudException;
import dev.migrationworkbench.cloud.EvidenceCollector;
import dev.migrationworkbench.cloud.NovaGateway;
import dev.migrationworkbench.diagnosis.numa.InstanceNeeds;
import dev.migrationworkbench.diagnosis.numa.NumaDiff;
import dev.migrationworkbench.diagnosis.numa.NumaDiffer;
import dev.migrationworkbench.model.ApiCall;
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
        if (evidence.server() == null && !evidence.failedCalls().isEmpty()) {
            // without the instance nothing can be judged harmful for it: never a diff that looks harmless
            ApiCall failed = evidence.failedCalls().stream().filter(c -> c.name() != null && c.name().startsWith("servers."))
                    .findFirst().orElse(evidence.failedCalls().get(0));
            throw new CloudException(kind(failed), "instance " + serverId + " could not be read, so what matters for it"
                    + " cannot be judged: " + (failed.method() == null ? failed.name() : failed.method() + " " + failed.url())
                    + " failed ("
                    + (failed.httpStatus() == null ? failed.errorKind() : "HTTP " + failed.httpStatus()) + ": "
                    + failed.errorMessage() + ")", failed.httpStatus(), failed.method(), failed.url(), null, null);
        }
        return new NumaDiffer().diff(source, destination, InstanceNeeds.of(evidence));
    }

    private static CloudException.Kind kind(ApiCall call) {
        try {
            return CloudException.Kind.valueOf(call.errorKind());
        } catch (IllegalArgumentException | NullPointerException e) {
            return CloudException.Kind.SERVER_ERROR;
        }
    }
}
