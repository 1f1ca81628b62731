package dev.migrationworkbench.democloud;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves the world through virtual time: the scenario's timeline, delayed effects (a guest that
 * takes a while to stop) and the migration engine, in steps of Nova's 0.5 s monitor loop.
 * Callers hold the world's lock.
 */
final class Simulation {

    private static final Logger LOG = LoggerFactory.getLogger(Simulation.class);
    private static final Duration STEP = Duration.ofMillis(500);

    private record Delayed(Instant at, Runnable effect) {
    }

    final World world;
    final MigrationEngine engine;
    private final Instant start;
    private final List<TimelineEvent> pending;
    private final List<Delayed> delayed = new ArrayList<>();
    private final Runnable expireTokens;

    Simulation(World world, List<TimelineEvent> timeline, Runnable expireTokens) {
        this.world = world;
        this.expireTokens = expireTokens;
        this.engine = new MigrationEngine(world);
        this.start = world.now();
        this.pending = new ArrayList<>(timeline);
        pending.sort(Comparator.comparing(TimelineEvent::at));
        runDue();
    }

    /** Advances to {@code t}: the world's clock moves in monitor-loop steps and everything due happens. */
    void advanceTo(Instant t) {
        while (world.now().isBefore(t)) {
            Instant next = world.now().plus(STEP);
            if (next.isAfter(t)) {
                next = t;
            }
            double dt = Duration.between(world.now(), next).toNanos() / 1e9;
            world.setNow(next);
            runDue();
            engine.step(dt);
        }
    }

    private void runDue() {
        Instant now = world.now();
        while (!pending.isEmpty() && !start.plus(pending.get(0).at()).isAfter(now)) {
            TimelineEvent e = pending.remove(0);
            try {
                apply(e);
            } catch (ApiError err) {
                LOG.warn("scenario '{}' line {}: {} was refused with HTTP {}: {}", world.name, e.line(), e.kind(),
                        err.status, err.getMessage());
            }
        }
        for (Delayed d : new ArrayList<>(delayed)) {
            if (!d.at().isAfter(now)) {
                delayed.remove(d);
                d.effect().run();
            }
        }
    }

    private Server server(TimelineEvent e) {
        String name = e.arg("server");
        for (Server s : world.servers) {
            if (!s.deleted && s.name.equals(name)) {
                return s;
            }
        }
        throw ApiError.notFound("Instance " + name + " could not be found.");
    }

    private void apply(TimelineEvent e) {
        Host host = e.arg("host") == null ? null : world.hosts.get(e.arg("host"));
        switch (e.kind()) {
            case "live_migrate" -> engine.liveMigrate(server(e), e.arg("dest"),
                    Boolean.parseBoolean(e.arg("block_migration")), Boolean.parseBoolean(e.arg("force")), false);
            case "abort" -> engine.abort(server(e), currentMigration(server(e)), world.maxVersion);
            case "force_complete" -> engine.forceComplete(server(e), currentMigration(server(e)));
            case "service_down" -> {
                host.up = false;
                host.serviceUpdatedAt = world.now();
            }
            case "service_up" -> {
                host.up = true;
                host.serviceUpdatedAt = world.now();
            }
            case "service_disable" -> {
                host.enabled = false;
                host.disabledReason = e.arg("reason");
            }
            case "service_enable" -> {
                host.enabled = true;
                host.disabledReason = null;
            }
            case "force_down" -> host.forcedDown = true;
            case "unset_force_down" -> host.forcedDown = false;
            case "compute_restart" -> engine.restartCompute(host.name);
            case "delete_server" -> engine.deleteServer(server(e));
            case "stop_server" -> stop(server(e), ScenarioFields.parseDuration(e.args().getOrDefault("takes", "5s")));
            case "workload" -> {
                Server s = server(e);
                if (e.arg("dirty_rate_mbps") != null) {
                    s.dirtyRateBytes = Double.parseDouble(e.arg("dirty_rate_mbps")) * 1e6 / 8;
                }
                if (e.arg("working_set_mb") != null) {
                    s.workingSetBytes = Long.parseLong(e.arg("working_set_mb")) * 1024 * 1024;
                }
            }
            case "expire_tokens" -> expireTokens.run();
            default -> throw new IllegalStateException("unknown timeline kind " + e.kind());
        }
    }

    /** The id of the server's live migration in flight (what an operator would look up first). */
    private String currentMigration(Server s) {
        for (MigrationEngine.Flight f : engine.flights()) {
            if (f.migration.server == s && f.phase != MigrationEngine.Phase.DONE) {
                return String.valueOf(f.migration.id);
            }
        }
        throw ApiError.notFound("No live migration in progress for instance " + s.id);
    }

    /** os-stop: task_state powering-off until the guest has shut down. */
    private void stop(Server s, Duration takes) {
        if (s.taskState != null) {
            throw ApiError.conflict("Cannot 'stop' instance " + s.id + " while it is in task_state " + s.taskState);
        }
        s.taskState = "powering-off";
        InstanceAction action = engine.recordAction(s, "stop");
        InstanceAction.Event event = engine.startEvent(action, "compute_stop_instance", s.host);
        delayed.add(new Delayed(world.now().plus(takes), () -> {
            if (s.deleted) {
                return;
            }
            s.taskState = null;
            s.vmState = "stopped";
            s.powerState = 4;
            s.updated = world.now();
            engine.finishEvent(action, event, null);
        }));
    }
}
