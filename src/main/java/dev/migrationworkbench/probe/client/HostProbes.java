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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Asks the probe agents of the hosts involved for their topology (and libvirt's job statistics
 * while watching), recording every call as an {@link ApiCall} so a missing agent shows in the
 * diagnosis as "could not check" rather than silently.
 */
public final class HostProbes {

    /** One host's report as asked: its topology (null when the call failed) and the call. */
    private record Asked(HostTopology topology, ApiCall call) {
    }

    private final ProbeClient client;
    /** Reports already asked, by host, when this instance remembers them (a triage); else null. */
    private final Map<String, CompletableFuture<Asked>> remembered;

    public HostProbes(ProbeClient client) {
        this(client, null);
    }

    private HostProbes(ProbeClient client, Map<String, CompletableFuture<Asked>> remembered) {
        this.client = client;
        this.remembered = remembered;
    }

    /**
     * The same agents, each host's report asked once until {@link #forgetReports()}: a triage
     * collects the evidence of 200 migrations whose hosts overlap. Each evidence still gets the
     * call (failed or not) as if it had made it.
     */
    public HostProbes rememberingReports() {
        return new HostProbes(client, new ConcurrentHashMap<>());
    }

    /** Reports are asked again from now on (time passed: instances may have moved). */
    public void forgetReports() {
        if (remembered != null) {
            remembered.clear();
        }
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
            Asked asked = remembered == null ? ask(host) : remembered(host);
            if (asked.topology() != null) {
                topologies.put(host, asked.topology());
            }
            calls.add(asked.call());
        }
        return new Reports(topologies, calls);
    }

    private Asked remembered(String host) {
        CompletableFuture<Asked> mine = new CompletableFuture<>();
        CompletableFuture<Asked> existing = remembered.putIfAbsent(host, mine);
        if (existing != null) {
            return existing.join();
        }
        try {
            mine.complete(ask(host));
        } catch (RuntimeException e) {
            remembered.remove(host, mine);
            mine.completeExceptionally(e);
            throw e;
        }
        return mine.join();
    }

    private Asked ask(String host) {
        long start = System.nanoTime();
        String url = safeUrl(host) + "/v1/host";
        try {
            HostTopology topology = client.host(host).topology();
            return new Asked(topology, new ApiCall("probe.host", "GET", url, null, 200, millisSince(start), null, null, null));
        } catch (ProbeException | IllegalArgumentException e) {
            return new Asked(null, failure("probe.host", url, start, e));
        }
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
