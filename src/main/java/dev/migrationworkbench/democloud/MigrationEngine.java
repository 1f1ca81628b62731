package dev.migrationworkbench.democloud;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Nova's live-migration flow on the virtual clock: the API's state rules, the conductor's pre-checks
 * and scheduling, the compute hosts' checks, the copy (LiveCopy) with Nova's monitor (stats every
 * 5 s, downtime steps, timeout action, force-complete, abort) and the outcome, with the instance
 * actions and events Nova records. Outcomes follow from the world; callers hold the world's lock.
 */
final class MigrationEngine {

    private static final Logger LOG = LoggerFactory.getLogger(MigrationEngine.class);
    private static final double STATS_INTERVAL = 5;
    static final String CONDUCTOR_HOST = "controller-0";
    /** nova.conf [DEFAULT] rpc_response_timeout: how long a call to a dead service waits. */
    static final long RPC_RESPONSE_TIMEOUT_SECONDS = 60;

    enum Phase { ACCEPTED, QUEUED, PREPARING, RUNNING, POST, DONE }

    /** One live migration in flight. */
    final class Flight {
        final Migration migration;
        final InstanceAction action;
        final String requestedHost;
        final boolean force;
        final boolean blockMigration;
        Phase phase = Phase.ACCEPTED;
        Instant nextAt;
        LiveCopy copy;
        double lastSaved;
        boolean forceCompleteQueued;
        boolean abortQueued;
        InstanceAction.Event conductorEvent;
        Instant rpcDeadline;

        Flight(Migration migration, InstanceAction action, String requestedHost, boolean force, boolean block) {
            this.migration = migration;
            this.action = action;
            this.requestedHost = requestedHost;
            this.force = force;
            this.blockMigration = block;
        }
    }

    /** A pre-check that refused the migration, raised from the conductor or a compute host. */
    static final class PreCheckFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final transient NovaException exception;
        final String eventName;
        final String eventHost;

        PreCheckFailure(NovaException exception, String eventName, String eventHost) {
            super(exception.message(), null, false, false);
            this.exception = exception;
            this.eventName = eventName;
            this.eventHost = eventHost;
        }
    }

    private final World world;
    private final Placement placement;
    private final List<Flight> flights = new ArrayList<>();
    private int nextMigrationId = 1;

    MigrationEngine(World world) {
        this.world = world;
        this.placement = new Placement(world);
    }

    List<Flight> flights() {
        return flights;
    }

    Flight flightOf(Migration m) {
        for (Flight f : flights) {
            if (f.migration == m) {
                return f;
            }
        }
        return null;
    }

    // ---- API entry points ----------------------------------------------------------------------

    /**
     * os-migrateLive after the body was validated. Returns the flight; with {@code synchronous}
     * (microversions before 2.34) the conductor's checks run now and a failure is thrown as a 400.
     */
    Flight liveMigrate(Server s, String host, boolean block, boolean force, boolean synchronous) {
        requireActiveIdle(s, "os-migrateLive");
        if (host != null && !world.hosts.containsKey(host)) {
            throw ApiError.badRequest("Compute host " + host + " could not be found.");
        }
        Instant now = world.now();
        s.taskState = "migrating";
        s.updated = now;
        InstanceAction action = recordAction(s, "live-migration");
        // conductor _live_migrate: migration.dest_compute = the requested host, forced or not
        Migration m = new Migration(nextMigrationId++, world.newUuid(), s, Migration.LIVE, s.host,
                host, "accepted", now, world.userId, world.projectId);
        world.migrations.add(m);
        Flight f = new Flight(m, action, host, force, block);
        f.conductorEvent = startEvent(action, "conductor_live_migrate_instance", CONDUCTOR_HOST);
        f.nextAt = now.plusSeconds(1);
        flights.add(f);
        if (synchronous) {
            try {
                conductorChecks(f);
            } catch (PreCheckFailure e) {
                throw ApiError.badRequest(e.exception.message());
            }
        }
        return f;
    }

    /**
     * nova/compute/api.py live_migrate: ACTIVE or PAUSED, no task in progress; check_instance_state
     * looks at vm_state before task_state, and the API words the refusal as
     * common.raise_http_conflict_for_instance_invalid_state does.
     */
    private void requireActiveIdle(Server s, String action) {
        if (!"active".equals(s.vmState) && !"paused".equals(s.vmState)) {
            throw ApiError.conflict("Cannot '" + action + "' instance " + s.id + " while it is in vm_state "
                    + s.vmState);
        }
        if (s.taskState != null) {
            throw ApiError.conflict("Cannot '" + action + "' instance " + s.id + " while it is in task_state "
                    + s.taskState);
        }
    }

    private static ApiError invalidState(Server s, String action, String attr, String state) {
        if (state == null) {
            return ApiError.conflict("Instance " + s.id + " is in an invalid state for '" + action + "'");
        }
        return ApiError.conflict("Cannot '" + action + "' instance " + s.id + " while it is in " + attr + " " + state);
    }

    /** DELETE /servers/{id}/migrations/{mid}. */
    void abort(Server s, String migrationId, Microversion v) {
        if (!"migrating".equals(s.taskState)) {
            throw invalidState(s, "abort live migration", "task_state", s.taskState);
        }
        Migration m = migrationOf(s, migrationId);
        if (m == null) {
            throw ApiError.notFound("Migration " + migrationId + " not found for instance " + s.id);
        }
        boolean allowed = "running".equals(m.status)
                || (v.atLeast(65) && ("queued".equals(m.status) || "preparing".equals(m.status)));
        if (!allowed) {
            throw ApiError.badRequest("Migration " + m.id + " state of instance " + s.id + " is " + m.status
                    + ". Cannot abort live migration while the migration is in this state.");
        }
        Flight f = flightOf(m);
        InstanceAction action = recordAction(s, "live_migration_cancel");
        InstanceAction.Event e = startEvent(action, "compute_live_migration_abort", m.sourceCompute);
        if (f != null) {
            f.abortQueued = true;
        }
        finishEvent(action, e, null);
    }

    /** POST /servers/{id}/migrations/{mid}/action {"force_complete": null}. */
    void forceComplete(Server s, String migrationId) {
        if (!"active".equals(s.vmState)) {
            throw invalidState(s, "force_complete", "vm_state", s.vmState);
        }
        if (!"migrating".equals(s.taskState)) {
            throw invalidState(s, "force_complete", "task_state", s.taskState);
        }
        Migration m = migrationOf(s, migrationId);
        if (m == null) {
            throw ApiError.badRequest("Migration " + migrationId + " not found for instance " + s.id);
        }
        if (!"running".equals(m.status)) {
            throw ApiError.badRequest("Migration " + m.id + " state of instance " + s.id + " is " + m.status
                    + ". Cannot force complete while the migration is in this state.");
        }
        InstanceAction action = recordAction(s, "live_migration_force_complete");
        InstanceAction.Event e = startEvent(action, "compute_live_migration_force_complete", m.sourceCompute);
        Flight f = flightOf(m);
        f.forceCompleteQueued = true;
        finishEvent(action, e, null);
    }

    Migration migrationOf(Server s, String migrationId) {
        for (Migration m : world.migrations) {
            if (m.server == s && (String.valueOf(m.id).equals(migrationId) || m.uuid.equals(migrationId))) {
                return m;
            }
        }
        return null;
    }

    /** DELETE /servers/{id} (or the timeline): the instance disappears, whatever it was doing. */
    void deleteServer(Server s) {
        InstanceAction action = recordAction(s, "delete");
        InstanceAction.Event e = startEvent(action, "compute_terminate_instance", s.host);
        for (Flight f : new ArrayList<>(flights)) {
            if (f.migration.server == s && f.phase != Phase.DONE) {
                fail(f, NovaException.compute("_post_live_migration", "InstanceNotFound",
                        "Instance " + s.id + " could not be found."),
                        "compute_post_live_migration_at_destination", f.migration.destCompute, "error", false);
            }
        }
        s.deleted = true;
        world.placementChanged();
        s.deletedAt = world.now();
        s.vmState = "deleted";
        s.taskState = null;
        s.updated = world.now();
        finishEvent(action, e, null);
    }

    /** A nova-compute restart: instances it was live-migrating are reset (_reset_live_migration). */
    void restartCompute(String host) {
        for (Flight f : new ArrayList<>(flights)) {
            if (f.phase != Phase.DONE && host.equals(f.migration.sourceCompute)) {
                LOG.info("{}: Instance found in migrating state during startup. Resetting task_state", f.migration.server.id);
                finish(f, "error");
                f.migration.server.taskState = null;
            }
        }
        Host h = world.hosts.get(host);
        h.serviceUpdatedAt = world.now();
    }

    // ---- the clock ---------------------------------------------------------------------------

    /** Advances every flight to the world's current time, in steps of the monitor loop (0.5 s). */
    void step(double dt) {
        Instant now = world.now();
        for (Flight f : new ArrayList<>(flights)) {
            switch (f.phase) {
                case ACCEPTED -> {
                    if (!now.isBefore(f.nextAt)) {
                        try {
                            conductorChecks(f);
                        } catch (PreCheckFailure e) {
                            // recorded by conductorChecks
                        }
                    }
                }
                case QUEUED -> {
                    if (f.abortQueued) {
                        rollback(f, "cancelled");
                    } else if (!now.isBefore(f.nextAt)) {
                        f.migration.status = "preparing";
                        f.migration.updated = now;
                        f.phase = Phase.PREPARING;
                        f.nextAt = now.plusSeconds(2);
                    }
                }
                case PREPARING -> {
                    if (f.abortQueued) {
                        rollback(f, "cancelled");
                    } else if (!now.isBefore(f.nextAt)) {
                        preLiveMigration(f);
                    }
                }
                case RUNNING -> run(f, dt);
                case POST -> {
                    if (!now.isBefore(f.nextAt)) {
                        postLiveMigration(f);
                    }
                }
                default -> flights.remove(f);
            }
        }
    }

    private void conductorChecks(Flight f) {
        if (f.phase != Phase.ACCEPTED) {
            return;
        }
        Server s = f.migration.server;
        Host source = world.hosts.get(s.host);
        try {
            if (Placement.needsNuma(s.flavor) && cellHasPreTrainCompute()) {
                throw conductorFailure("MigrationPreCheckError", "Migration pre-check error: Instance has an "
                        + "associated NUMA topology, cell contains compute nodes older than train, but the "
                        + "enable_numa_live_migration workaround is disabled. Refusing to perform the live migration, "
                        + "as the instance NUMA topology, including related attributes such as CPU pinning, huge page "
                        + "and emulator thread pinning information, cannot be recalculated. See bug #1289064 for "
                        + "more information.");
            }
            if (!source.serviceUp()) {
                throw conductorFailure("ComputeServiceUnavailable",
                        "Compute service of " + source.name + " is unavailable at this time.");
            }
            Host dest;
            if (f.requestedHost != null && f.force) {
                dest = world.hosts.get(f.requestedHost);
                forcedHostChecks(f, s, source, dest);
            } else {
                dest = schedule(f, s, source);
            }
            f.migration.destCompute = dest.name;
            f.migration.status = "queued";
            f.migration.updated = world.now();
            f.phase = Phase.QUEUED;
            f.nextAt = world.now().plusSeconds(1);
            finishEvent(f.action, f.conductorEvent, null);
            InstanceAction.Event live = startEvent(f.action, "compute_live_migration", source.name);
            finishEvent(f.action, live, null);
        } catch (PreCheckFailure e) {
            InstanceAction.Event failed = e.eventName == null ? null : startEvent(f.action, e.eventName, e.eventHost);
            if (failed != null) {
                finishEvent(f.action, failed, e.exception);
            }
            finishEvent(f.action, f.conductorEvent, e.exception);
            s.taskState = null;
            s.updated = world.now();
            finish(f, "error");
            throw e;
        }
    }

    private boolean cellHasPreTrainCompute() {
        for (Host h : world.hosts.values()) {
            if (majorVersion(h.novaVersion) < 20) {
                return true;
            }
        }
        return false;
    }

    private static int majorVersion(String version) {
        try {
            return Integer.parseInt(version.split("\\.")[0]);
        } catch (RuntimeException e) {
            return Integer.MAX_VALUE;
        }
    }

    private static PreCheckFailure conductorFailure(String name, String message) {
        return new PreCheckFailure(NovaException.conductor(name, message), null, null);
    }

    /** LiveMigrationTask with a forced host: the checks the scheduler would otherwise make. */
    private void forcedHostChecks(Flight f, Server s, Host source, Host dest) {
        if (dest == source) {
            throw conductorFailure("UnableToMigrateToSelf",
                    "Unable to migrate instance (" + s.id + ") to current host (" + dest.name + ").");
        }
        if (!dest.serviceUp()) {
            throw conductorFailure("ComputeServiceUnavailable",
                    "Compute service of " + dest.name + " is unavailable at this time.");
        }
        long free = placement.freeRamMb(dest, arrivingAt(dest, s));
        if (free <= s.flavor.ramMb()) {
            // Nova computes avail as a float: total * ratio - used
            throw conductorFailure("MigrationPreCheckError", "Migration pre-check error: Unable to migrate " + s.id
                    + " to " + dest.name + ": Lack of memory(host:" + free + ".0 <= instance:" + s.flavor.ramMb() + ")");
        }
        hypervisorCompatible(source, dest);
        instanceChecks(s);
        destinationChecks(s, source, dest);
        if (placement.shortage(dest, s, arrivingAt(dest, s)) != null) {
            throw conductorFailure("NoValidHost", "No valid host was found. Unable to move instance " + s.id
                    + " to host " + dest.name + ". There is not enough capacity on the host for the instance.");
        }
    }

    private static void hypervisorCompatible(Host source, Host dest) {
        if (!source.hypervisorType.equals(dest.hypervisorType)) {
            throw conductorFailure("InvalidHypervisorType", "The supplied hypervisor type of is invalid.");
        }
        if (dest.hypervisorVersion < source.hypervisorVersion) {
            throw conductorFailure("DestinationHypervisorTooOld",
                    "The instance requires a newer hypervisor version than has been provided.");
        }
    }

    /**
     * conductor/tasks/live_migrate.py _call_livem_checks_on_host → _check_can_migrate_pci: only
     * VIF-related PCI requests (SR-IOV ports) may be live-migrated, a flavor's PCI alias may not.
     */
    private static void instanceChecks(Server s) {
        if (s.flavor.extraSpecs().containsKey("pci_passthrough:alias")) {
            throw conductorFailure("MigrationPreCheckError", "Migration pre-check error: non-VIF related PCI requests "
                    + "for instance are not allowed for live migration.");
        }
    }

    /** check_can_live_migrate_destination on the destination (then _source on the source). */
    private void destinationChecks(Server s, Host source, Host dest) {
        String violation = groupViolation(s, dest);
        if (violation != null) {
            throw new PreCheckFailure(NovaException.destinationCheck("GroupAffinityViolation",
                    violation + " instance group policy was violated"),
                    "compute_check_can_live_migrate_destination", dest.name);
        }
        if (Placement.needsNuma(s.flavor) && placement.numaFit(dest, s, arrivingAt(dest, s)) < 0) {
            throw new PreCheckFailure(NovaException.destinationCheck("MigrationPreCheckError",
                    "Migration pre-check error: Insufficient compute resources: Requested instance NUMA topology "
                            + "cannot fit the given host NUMA topology."),
                    "compute_check_can_live_migrate_destination", dest.name);
        }
    }

    /** "Anti-affinity" / "Affinity" when placing the server on dest breaks its group's policy, else null. */
    private String groupViolation(Server s, Host dest) {
        ServerGroup g = s.group;
        if (g == null) {
            return null;
        }
        int others = 0;
        int elsewhere = 0;
        for (String id : g.memberIds) {
            Server o = world.server(id);
            if (o == null || o == s) {
                continue;
            }
            if (dest.name.equals(o.host)) {
                others++;
            } else {
                elsewhere++;
            }
        }
        if ("anti-affinity".equals(g.policy) && others + 1 > g.maxPerHost()) {
            return "Anti-affinity";
        }
        if ("affinity".equals(g.policy) && elsewhere > 0) {
            return "Affinity";
        }
        return null;
    }

    /** Servers whose live migration to this host is in flight (their resources are claimed there). */
    private List<Server> arrivingAt(Host h, Server except) {
        List<Server> arriving = new ArrayList<>();
        for (Flight f : flights) {
            Server s = f.migration.server;
            if (f.phase != Phase.DONE && s != except && h.name.equals(f.migration.destCompute) && !h.name.equals(s.host)) {
                arriving.add(f.migration.server);
            }
        }
        return arriving;
    }

    /** The scheduler (filters, then the RAM weigher) and the conductor's retries over alternates. */
    private Host schedule(Flight f, Server s, Host source) {
        List<Host> candidates = new ArrayList<>();
        for (Host h : world.hosts.values()) {
            if (h == source || (f.requestedHost != null && !h.name.equals(f.requestedHost))) {
                continue;
            }
            if (!h.serviceUp() || !h.enabled) {
                continue;
            }
            if (placement.shortage(h, s, arrivingAt(h, s)) != null) {
                continue;
            }
            if (Placement.needsNuma(s.flavor) && placement.numaFit(h, s, arrivingAt(h, s)) < 0) {
                continue;
            }
            if (groupViolation(s, h) != null) {
                continue;
            }
            candidates.add(h);
        }
        candidates.sort(Comparator.comparingLong((Host h) -> -placement.freeRamMb(h, arrivingAt(h, s))));
        for (Host dest : candidates) {
            try {
                hypervisorCompatible(source, dest);
                instanceChecks(s);
                destinationChecks(s, source, dest);
                return dest;
            } catch (PreCheckFailure e) {
                LOG.debug("Skipping host {}: {}", dest.name, e.exception.message());
            }
        }
        throw conductorFailure("NoValidHost", "No valid host was found. There are not enough hosts available.");
    }

    private void preLiveMigration(Flight f) {
        Migration m = f.migration;
        Host dest = world.hosts.get(m.destCompute);
        if (!dest.serviceUp()) {
            // the RPC call goes unanswered: the destination never runs pre_live_migration (so no event
            // is recorded); after rpc_response_timeout the source's _do_pre_live_migration_from_source
            // gets MessagingTimeout, _cleanup_pre_live_migration rolls back, status ends "failed"
            if (f.rpcDeadline == null) {
                f.rpcDeadline = world.now().plusSeconds(RPC_RESPONSE_TIMEOUT_SECONDS);
                return;
            }
            if (world.now().isBefore(f.rpcDeadline)) {
                return;
            }
            LOG.error("{}: Pre live migration failed at {}: MessagingTimeout", m.server.id, dest.name);
            rollback(f, "failed");
            return;
        }
        f.rpcDeadline = null;
        InstanceAction.Event pre = startEvent(f.action, "compute_pre_live_migration", dest.name);
        Server s = f.migration.server;
        if (s.flavor.diskGb() == 0 && !dest.storageReachable) {
            NovaException iscsi = new NovaException("oslo_concurrency.processutils.ProcessExecutionError",
                    "Unexpected error while running command.\nCommand: iscsiadm -m node -T iqn.2010-10.org.openstack:volume-"
                            + s.id + " -p 172.17.3.10:3260 --login\nExit code: 8\nStdout: ''\nStderr: 'iscsiadm: "
                            + "Could not login to [iface: default, target: iqn.2010-10.org.openstack:volume-" + s.id
                            + ", portal: 172.17.3.10,3260].\niscsiadm: initiator reported error (8 - connection timed out)\n'",
                    List.of("nova/compute/manager.py\", line 8862, in pre_live_migration\n"
                            + "    migrate_data = self.driver.pre_live_migration(context,",
                            "os_brick/initiator/connectors/iscsi.py\", line 1006, in _connect_vol\n"
                            + "    self._run_iscsiadm(connection_properties, ('--login',),"));
            finishEvent(f.action, pre, iscsi);
            // _cleanup_pre_live_migration sets "error", then _rollback_live_migration its default "failed"
            rollback(f, "failed");
            return;
        }
        finishEvent(f.action, pre, null);
        Host source = world.hosts.get(m.sourceCompute);
        double bandwidth = Math.min(source.migrationBandwidthMbps, dest.migrationBandwidthMbps) * 1e6 / 8;
        long disk = f.blockMigration ? (s.flavor.diskGb() + (long) s.flavor.ephemeralGb()) * 1024L * 1024 * 1024 : 0;
        f.copy = new LiveCopy(s.ramBytes(), disk, bandwidth, world.libvirt);
        m.status = "running";
        m.updated = world.now();
        m.memoryTotal = s.ramBytes();
        m.memoryRemaining = s.ramBytes();
        m.diskTotal = disk;
        m.diskRemaining = disk;
        f.phase = Phase.RUNNING;
    }

    private void run(Flight f, double dt) {
        LiveCopy c = f.copy;
        Server s = f.migration.server;
        Migration m = f.migration;
        if (f.abortQueued) {
            f.abortQueued = false;
            if (!c.postCopy) {
                rollback(f, "cancelled");
                return;
            }
        }
        if (f.forceCompleteQueued) {
            f.forceCompleteQueued = false;
            forceCompleteNow(f);
        }
        LiveCopy.Outcome outcome = c.step(dt, s.dirtyRateBytes, s.workingSetBytes);
        if (c.elapsed - f.lastSaved >= STATS_INTERVAL || outcome != LiveCopy.Outcome.RUNNING) {
            saveStats(f);
        }
        if (outcome == LiveCopy.Outcome.COMPLETED) {
            m.status = c.postCopy ? "running (post-copy)" : m.status;
            f.phase = Phase.POST;
            f.nextAt = world.now().plusSeconds(2);
            s.powerState = 1;
        } else if (outcome == LiveCopy.Outcome.TIMED_OUT) {
            LOG.warn("{}: Live migration not completed after {} sec", s.id, (int) c.options.completionTimeoutSeconds(c.dataGb));
            if ("force_complete".equals(c.options.timeoutAction())) {
                forceCompleteNow(f);
            } else {
                rollback(f, "cancelled");
            }
        }
    }

    private void forceCompleteNow(Flight f) {
        LiveCopy c = f.copy;
        if (c.postCopy) {
            LOG.warn("{}: Live-migration is already in post-copy", f.migration.server.id);
        } else if (c.options.permitPostCopy()) {
            c.startPostCopy();
            f.migration.status = "running (post-copy)";
            f.migration.updated = world.now();
        } else {
            c.pause();
            f.migration.server.powerState = 3;
        }
    }

    /** migration.py save_stats: the six byte counters and instance.progress = 100 − remaining%. */
    private void saveStats(Flight f) {
        LiveCopy c = f.copy;
        Migration m = f.migration;
        f.lastSaved = c.elapsed;
        m.memoryProcessed = c.memoryProcessed;
        m.memoryRemaining = (long) c.remaining;
        m.diskProcessed = c.diskProcessed;
        m.diskRemaining = c.diskRemaining();
        m.updated = world.now();
        m.server.progress = c.memoryTotal == 0 ? 0 : (int) (100 - Math.round(c.remaining * 100.0 / c.memoryTotal));
    }

    private void postLiveMigration(Flight f) {
        Migration m = f.migration;
        Server s = m.server;
        InstanceAction.Event post = startEvent(f.action, "compute_post_live_migration_at_destination", m.destCompute);
        finishEvent(f.action, post, null);
        Host dest = world.hosts.get(m.destCompute);
        if (!dest.serviceUp()) {
            NovaException timeout = new NovaException("oslo_messaging.exceptions.MessagingTimeout",
                    "Timed out waiting for a reply to message ID " + world.newUuid().replace("-", ""),
                    List.of("nova/compute/manager.py\", line 9117, in _post_live_migration\n"
                            + "    self.compute_rpcapi.post_live_migration_at_destination(ctxt,"));
            post.result = "Error";
            post.traceback = timeout.traceback();
            post.details = timeout.message();
            s.host = dest.name;
            world.placementChanged();
            s.vmState = "error";
            s.taskState = null;
            s.fault = new Server.Fault(500, timeout.message(), timeout.traceback(), world.now());
            s.updated = world.now();
            finish(f, "error");
            return;
        }
        if (Placement.needsNuma(s.flavor) && s.numaNode != null) {
            int node = placement.numaFit(dest, s, List.of());
            s.numaNode = node < 0 ? s.numaNode : node;
            s.pinnedCpus = pinOn(dest, s);
        }
        s.host = dest.name;
        world.placementChanged();
        s.taskState = null;
        s.powerState = 1;
        s.progress = 0;
        s.updated = world.now();
        finish(f, "completed");
    }

    /** The lowest free CPUs of the instance's NUMA node on the host. */
    private String pinOn(Host h, Server s) {
        if (s.pinnedCpus == null) {
            return null;
        }
        List<Integer> used = new ArrayList<>();
        for (Server o : world.serversOn(h.name)) {
            if (o != s && o.pinnedCpus != null) {
                used.addAll(CpuSet.parse(o.pinnedCpus));
            }
        }
        List<Integer> picked = new ArrayList<>();
        for (Host.NumaNode n : h.numa) {
            if (n.node() == s.numaNode) {
                for (int cpu : CpuSet.parse(n.cpus())) {
                    if (!used.contains(cpu) && picked.size() < s.flavor.vcpus()) {
                        picked.add(cpu);
                    }
                }
            }
        }
        return picked.isEmpty() ? s.pinnedCpus : CpuSet.format(picked);
    }

    /** The guest stays on the source: abort, timeout abort (status cancelled) or a failure (error/failed). */
    private void rollback(Flight f, String status) {
        Host dest = f.migration.destCompute == null ? null : world.hosts.get(f.migration.destCompute);
        if (dest != null && dest.serviceUp()) {
            // recorded by the destination itself (wrap_instance_event): a dead one records nothing
            InstanceAction.Event rb = startEvent(f.action, "compute_rollback_live_migration_at_destination", dest.name);
            finishEvent(f.action, rb, null);
        }
        Server s = f.migration.server;
        s.taskState = null;
        s.powerState = "paused".equals(s.vmState) ? 3 : 1;
        s.progress = 0;
        s.updated = world.now();
        finish(f, status);
    }

    private void fail(Flight f, NovaException e, String eventName, String eventHost, String status, boolean rollback) {
        if (eventName != null) {
            finishEvent(f.action, startEvent(f.action, eventName, eventHost), e);
        }
        if (rollback) {
            rollback(f, status);
        } else {
            f.migration.server.taskState = null;
            finish(f, status);
        }
    }

    private void finish(Flight f, String status) {
        if (f.copy != null) {
            saveStats(f);
        }
        f.migration.status = status;
        f.migration.updated = world.now();
        f.phase = Phase.DONE;
        f.action.updated = world.now();
    }

    // ---- instance actions ---------------------------------------------------------------------

    InstanceAction recordAction(Server s, String name) {
        InstanceAction a = new InstanceAction(world.newRequestId(), name, s.id, world.userId, world.projectId, world.now());
        world.actionsOf(s.id).add(a);
        return a;
    }

    InstanceAction.Event startEvent(InstanceAction a, String name, String host) {
        InstanceAction.Event e = new InstanceAction.Event(name, world.now(), host);
        a.events.add(e);
        a.updated = world.now();
        return e;
    }

    void finishEvent(InstanceAction a, InstanceAction.Event e, NovaException failure) {
        e.finish = world.now().plus(Duration.ofMillis(250));
        e.result = failure == null ? "Success" : "Error";
        if (failure != null) {
            e.traceback = failure.traceback();
            e.details = failure.message();
        }
        a.updated = e.finish;
    }
}
