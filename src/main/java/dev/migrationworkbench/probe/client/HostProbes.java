package dev.migrationworkbench.probe.client;

import dev.migrationworkbench.model.ApiCall;
import dev.migrationworkbench.model.Evidence;
import dev.migrationworkbench.model.HostTopology;
import dev.migrationworkbench.model.LibvirtJob;
import dev.migrationworkbench.model.MigrationJobStats;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Asks the probe agents of the hosts involved for their topology (and libvirt's job statistics
 * while watching), recording every call as an {@link ApiCall} so a missing agent shows in the
 * diagnosis as "could not check" rather than silently.
 */
public final class HostProbes {

    private final ProbeClient client;

    public HostProbes(ProbeClient client) {
        this.client = client;
    }

    public record Reports(Map<String, HostTopology> topologies, List<ApiCall> calls) {
    }

    /** The evidence with the reports of these hosts' agents, and a recorded call for each (failed or not). */
    public Evidence addTo(Evidence evidence, Collection<String> hosts) {
        Reports reports = topologies(hosts);
        return evidence.withHostData(reports.topologies(), reports.calls());
    }

    public Reports topologies(Collection<String> hosts) {
        Map<String, HostTopology> topologies = new LinkedHashMap<>();
        List<ApiCall> calls = new ArrayList<>();
        for (String host : hosts) {
            long start = System.nanoTime();
            String url = safeUrl(host) + "/v1/host";
            try {
                topologies.put(host, client.host(host).topology());
                calls.add(new ApiCall("probe.host", "GET", url, null, 200, millisSince(start), null, null, null));
            } catch (ProbeException | IllegalArgumentException e) {
                calls.add(failure("probe.host", url, start, e));
            }
        }
        return new Reports(topologies, calls);
    }

    /** libvirt's statistics of the instance's migration job on the source host, when its agent has them. */
    public Optional<MigrationJobStats> jobStats(String sourceHost, String instanceUuid) {
        try {
            LibvirtJob job = client.jobInfo(sourceHost, instanceUuid);
            return job.running() ? Optional.ofNullable(job.stats()) : Optional.empty();
        } catch (ProbeException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private String safeUrl(String host) {
        try {
            return client.agentUrl(host).toString();
        } catch (IllegalArgumentException e) {
            return "probe agent of " + host;
        }
    }

    private static ApiCall failure(String name, String url, long start, Exception e) {
        String kind = e instanceof ProbeException p ? p.kind().name() : "BAD_HOST";
        return new ApiCall(name, "GET", url, null, null, millisSince(start), null, kind, e.getMessage());
    }

    private static long millisSince(long nanos) {
        return (System.nanoTime() - nanos) / 1_000_000;
    }
}
