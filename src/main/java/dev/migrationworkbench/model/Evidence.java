package dev.migrationworkbench.model;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An immutable snapshot of everything fetched for one server: what the diagnosis reads, and what a
 * report or evidence bundle keeps. Anything that could not be fetched is null/empty and its failed
 * call is in {@link #calls()}, so a rule can say what it could not check.
 *
 * @param serverQuery        the name or ID the user asked for
 * @param server             null when not found or ambiguous
 * @param nameMatches        servers whose name matched the query (more than one: ambiguous)
 * @param liveMigrations     in-progress live migrations with progress bytes ({@code /servers/{id}/migrations})
 * @param migrations         the server's migration history ({@code /os-migrations?instance_uuid=}), newest first
 * @param actions            instance actions with their events, newest first
 * @param services           nova-compute services of the hosts involved (source, destinations)
 * @param hypervisors        hypervisors of the hosts involved
 * @param hostTopologies     probe agent reports by host name
 * @param samples            progress samples of the watched migration, oldest first
 * @param otherServersOnHosts other servers on the hosts involved (for contention and groups)
 * @param imageProperties    the properties of the server's image (Glance), empty when not fetched
 */
public record Evidence(
        String serverQuery,
        Instant collectedAt,
        CloudInfo cloud,
        Server server,
        List<Server> nameMatches,
        List<Migration> liveMigrations,
        List<Migration> migrations,
        List<InstanceAction> actions,
        List<ComputeService> services,
        List<Hypervisor> hypervisors,
        ServerGroup serverGroup,
        Flavor flavor,
        Map<String, HostTopology> hostTopologies,
        List<ProgressSample> samples,
        List<Server> otherServersOnHosts,
        List<ApiCall> calls,
        Map<String, String> imageProperties) {

    /** Evidence without image properties. */
    public Evidence(String serverQuery, Instant collectedAt, CloudInfo cloud, Server server, List<Server> nameMatches,
            List<Migration> liveMigrations, List<Migration> migrations, List<InstanceAction> actions,
            List<ComputeService> services, List<Hypervisor> hypervisors, ServerGroup serverGroup, Flavor flavor,
            Map<String, HostTopology> hostTopologies, List<ProgressSample> samples, List<Server> otherServersOnHosts,
            List<ApiCall> calls) {
        this(serverQuery, collectedAt, cloud, server, nameMatches, liveMigrations, migrations, actions, services,
                hypervisors, serverGroup, flavor, hostTopologies, samples, otherServersOnHosts, calls, Map.of());
    }

    public Evidence {
        nameMatches = nameMatches == null ? List.of() : List.copyOf(nameMatches);
        liveMigrations = liveMigrations == null ? List.of() : List.copyOf(liveMigrations);
        migrations = migrations == null ? List.of() : List.copyOf(migrations);
        actions = actions == null ? List.of() : List.copyOf(actions);
        services = services == null ? List.of() : List.copyOf(services);
        hypervisors = hypervisors == null ? List.of() : List.copyOf(hypervisors);
        hostTopologies = hostTopologies == null ? Map.of() : Map.copyOf(hostTopologies);
        samples = samples == null ? List.of() : List.copyOf(samples);
        otherServersOnHosts = otherServersOnHosts == null ? List.of() : List.copyOf(otherServersOnHosts);
        calls = calls == null ? List.of() : List.copyOf(calls);
        imageProperties = imageProperties == null ? Map.of() : Map.copyOf(imageProperties);
    }

    public Optional<ComputeService> computeService(String host) {
        return services.stream()
                .filter(s -> host != null && host.equals(s.host()) && "nova-compute".equals(s.binary()))
                .findFirst();
    }

    public Optional<HostTopology> topology(String host) {
        return Optional.ofNullable(host == null ? null : hostTopologies.get(host));
    }

    public List<ApiCall> failedCalls() {
        return calls.stream().filter(c -> !c.succeeded()).toList();
    }

    /** A copy with host probe reports added, and the calls that fetched them (failed ones included). */
    public Evidence withHostData(Map<String, HostTopology> topologies, List<ApiCall> moreCalls) {
        Map<String, HostTopology> all = new java.util.LinkedHashMap<>(hostTopologies);
        all.putAll(topologies);
        List<ApiCall> allCalls = new java.util.ArrayList<>(calls);
        allCalls.addAll(moreCalls);
        return new Evidence(serverQuery, collectedAt, cloud, server, nameMatches, liveMigrations, migrations,
                actions, services, hypervisors, serverGroup, flavor, all, samples, otherServersOnHosts, allCalls, imageProperties);
    }

    /** A copy with more progress samples appended (for watch mode). */
    public Evidence withSamples(List<ProgressSample> more) {
        List<ProgressSample> all = new java.util.ArrayList<>(samples);
        all.addAll(more);
        return new Evidence(serverQuery, collectedAt, cloud, server, nameMatches, liveMigrations, migrations,
                actions, services, hypervisors, serverGroup, flavor, hostTopologies, all, otherServersOnHosts, calls, imageProperties);
    }
}
