package dev.migrationworkbench.diagnosis;

import dev.migrationworkbench.model.ApiCall;
import dev.migrationworkbench.model.CloudInfo;
import dev.migrationworkbench.model.ComputeService;
import dev.migrationworkbench.model.Evidence;
import dev.migrationworkbench.model.Flavor;
import dev.migrationworkbench.model.HostTopology;
import dev.migrationworkbench.model.Hypervisor;
import dev.migrationworkbench.model.InstanceAction;
import dev.migrationworkbench.model.Migration;
import dev.migrationworkbench.model.ProgressSample;
import dev.migrationworkbench.model.Server;
import dev.migrationworkbench.model.ServerGroup;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Synthetic evidence for rule tests: small worlds built from the model records, no scenario names. */
public final class Worlds {

    public static final Instant T0 = Instant.parse("2026-11-26T10:00:00Z");
    public static final String VM = "6f1c8a52-0d3b-4c55-9a3e-1f0b2c3d4e5f";

    private Worlds() {
    }

    public static Server server(String status, String host) {
        return server(VM, "web-1", status, host, null);
    }

    public static Server server(String id, String name, String status, String host, Server.Fault fault) {
        return new Server(id, name, status, "ERROR".equals(status) ? "error" : status.toLowerCase(), null, 1, host, host,
                "UP", "f1", "m1.large", Map.of(), "p1", "u1", 0, false, fault, T0.minusSeconds(86400), T0);
    }

    public static Migration migration(long id, String status, String source, String dest, int createdSecondsAfterT0) {
        Instant created = T0.plusSeconds(createdSecondsAfterT0);
        return new Migration(id, "mig-uuid-" + id, VM, status, "live-migration", source, source, dest, null, dest,
                null, null, null, null, null, null, "u1", "p1", created, created.plusSeconds(20));
    }

    public static InstanceAction liveMigration(String requestId, int startSecondsAfterT0, InstanceAction.Event... events) {
        return action("live-migration", requestId, startSecondsAfterT0, events);
    }

    public static InstanceAction action(String name, String requestId, int startSecondsAfterT0, InstanceAction.Event... events) {
        Instant start = T0.plusSeconds(startSecondsAfterT0);
        boolean failed = List.of(events).stream().anyMatch(InstanceAction.Event::failed);
        return new InstanceAction(name, requestId, VM, failed ? "Error" : null, "p1", "u1", start,
                start.plusSeconds(10), List.of(events));
    }

    public static InstanceAction.Event failed(String event, String details) {
        return new InstanceAction.Event(event, T0.plusSeconds(1), T0.plusSeconds(3), "Error",
                "Traceback (most recent call last):\n  File \"nova/conductor/manager.py\", line 1\n", null, null, details);
    }

    public static InstanceAction.Event ok(String event, int startSecondsAfterT0, int finishSecondsAfterT0) {
        return new InstanceAction.Event(event, T0.plusSeconds(startSecondsAfterT0), T0.plusSeconds(finishSecondsAfterT0),
                "Success", null, null, null, null);
    }

    public static ComputeService service(String host, String state, String status) {
        return new ComputeService("svc-" + host, "nova-compute", host, "nova", status, state, false,
                "disabled".equals(status) ? "maintenance" : null, T0.minusSeconds(3600));
    }

    public static Hypervisor hypervisor(String host, int memoryMb, int usedMb, List<String> serverIds) {
        return new Hypervisor("hv-" + host, host, "QEMU", 8002000L, "10.0.0.1", "up", "enabled", host, null, 64, 8,
                memoryMb, usedMb, memoryMb - usedMb, 2000, 100, serverIds.size(), null, serverIds);
    }

    public static Flavor flavor(int vcpus, int ramMb, Map<String, String> extraSpecs) {
        return new Flavor("f1", "m1.large", vcpus, ramMb, 40, extraSpecs);
    }

    public static ApiCall failedCall(String method, String url, int status, String message) {
        return new ApiCall(method + " " + url, method, url, "2.96", status, 12, null, "HTTP_" + status, message);
    }

    public static Builder evidence() {
        return new Builder();
    }

    /** Fluent builder of an Evidence; everything not set is empty. */
    public static final class Builder {
        private String query = VM;
        private CloudInfo cloud = new CloudInfo("test", "http://127.0.0.1/v3", "admin", "RegionOne", "2.1", "2.96", true, false);
        private Server server;
        private final List<Server> matches = new ArrayList<>();
        private final List<Migration> live = new ArrayList<>();
        private final List<Migration> migrations = new ArrayList<>();
        private final List<InstanceAction> actions = new ArrayList<>();
        private final List<ComputeService> services = new ArrayList<>();
        private final List<Hypervisor> hypervisors = new ArrayList<>();
        private ServerGroup group;
        private Flavor flavor;
        private final Map<String, HostTopology> topologies = new LinkedHashMap<>();
        private final List<ProgressSample> samples = new ArrayList<>();
        private final List<Server> others = new ArrayList<>();
        private final List<ApiCall> calls = new ArrayList<>();
        private Instant collectedAt = T0.plusSeconds(600);
        private Map<String, String> image = Map.of();

        public Builder query(String value) {
            query = value;
            return this;
        }

        public Builder maxMicroversion(String value) {
            cloud = new CloudInfo("test", "http://127.0.0.1/v3", "admin", "RegionOne", "2.1", value, true, false);
            return this;
        }

        public Builder server(Server value) {
            server = value;
            return this;
        }

        public Builder nameMatch(Server value) {
            matches.add(value);
            return this;
        }

        /** An in-progress migration (also in the history). */
        public Builder live(Migration value) {
            live.add(value);
            migrations.add(value);
            return this;
        }

        public Builder migration(Migration value) {
            migrations.add(value);
            return this;
        }

        public Builder action(InstanceAction value) {
            actions.add(value);
            return this;
        }

        public Builder service(ComputeService value) {
            services.add(value);
            return this;
        }

        public Builder hypervisor(Hypervisor value) {
            hypervisors.add(value);
            return this;
        }

        public Builder group(ServerGroup value) {
            group = value;
            return this;
        }

        public Builder flavor(Flavor value) {
            flavor = value;
            return this;
        }

        public Builder topology(HostTopology value) {
            topologies.put(value.host(), value);
            return this;
        }

        public Builder samples(List<ProgressSample> value) {
            samples.addAll(value);
            return this;
        }

        public Builder other(Server value) {
            others.add(value);
            return this;
        }

        public Builder call(ApiCall value) {
            calls.add(value);
            return this;
        }

        public Builder image(Map<String, String> properties) {
            image = properties;
            return this;
        }

        public Builder collectedAt(Instant value) {
            collectedAt = value;
            return this;
        }

        public Evidence build() {
            return new Evidence(query, collectedAt, cloud, server, matches, live, migrations, actions, services,
                    hypervisors, group, flavor, topologies, samples, others, calls, image);
        }
    }
}
