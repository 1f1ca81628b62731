package dev.migrationworkbench.action;

import dev.migrationworkbench.cloud.CloudException;
import dev.migrationworkbench.cloud.MigrationQuery;
import dev.migrationworkbench.cloud.NovaGateway;
import dev.migrationworkbench.model.CloudInfo;
import dev.migrationworkbench.model.Migration;
import dev.migrationworkbench.model.Server;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Abort and force-complete, done carefully: the server and the migration are read again right
 * before acting, Nova's preconditions are checked on that fresh state, the intent is written to
 * the audit log (fsynced) before the call, the call is sent exactly once (never retried: a second
 * abort or force-complete could act on another migration), and its outcome is logged.
 */
public final class MigrationActions {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(MigrationActions.class);

    /** The status a live migration has while it runs in post-copy mode (libvirt driver). */
    static final String POST_COPY = "running (post-copy)";

    private final NovaGateway gateway;
    private final AuditLog audit;
    private final Clock clock;

    public MigrationActions(NovaGateway gateway, AuditLog audit, Clock clock) {
        this.gateway = gateway;
        this.audit = audit;
        this.clock = clock;
    }

    /** Checks an action against the current state of the server and its in-progress migration. */
    public ActionCheck check(MigrationAction action, String serverId, long migrationId) {
        Server server = gateway.getServer(serverId).server();
        Optional<Migration> migration;
        try {
            migration = gateway.listInProgressLiveMigrations(serverId).stream()
                    .filter(m -> m.id() == migrationId)
                    .findFirst();
        } catch (CloudException e) {
            if (e.kind() != CloudException.Kind.NOT_AVAILABLE) {
                throw e;
            }
            // below 2.23 the progress list does not exist (and neither abort nor force-complete):
            // judge on the os-migrations record, and the microversion blocker says why
            migration = gateway.listMigrations(MigrationQuery.ofServer(serverId)).migrations().stream()
                    .filter(m -> m.id() == migrationId && m.inProgress()).findFirst();
        }
        if (migration.isEmpty()) {
            // Nova's in-progress list (db migration_get_in_progress_by_instance: queued, preparing,
            // running, post-migrating) hides a migration that switched to post-copy; its record says so
            Optional<Migration> postCopy = recorded(serverId, migrationId).filter(m -> POST_COPY.equals(m.status()));
            if (postCopy.isPresent()) {
                return Preconditions.check(action, server, postCopy.get(), maxMinor(), admin());
            }
            Migration gone = new Migration(migrationId, null, serverId, "not in progress", "live-migration", server.host(),
                    null, null, null, null, null, null, null, null, null, null, null, null, null, null);
            ActionCheck check = Preconditions.check(action, server, gone, maxMinor(), admin());
            List<Blocker> blockers = new ArrayList<>(check.blockers());
            blockers.removeIf(b -> b.key().equals("action.blocker.status"));
            blockers.add(0, Blocker.of("action.blocker.notInProgress", migrationId));
            return new ActionCheck(action, server, gone, blockers, check.warnings());
        }
        return Preconditions.check(action, server, migration.get(), maxMinor(), admin());
    }

    /**
     * Takes the action. Throws {@link ActionRefusedException} when the fresh state forbids it (nothing
     * is sent), {@link CloudException} with Nova's message when Nova refuses it. Nova accepts both
     * actions asynchronously (202): follow the migration to see the result.
     */
    public ActionCheck execute(MigrationAction action, String serverId, long migrationId, String ticket) {
        ActionCheck check = check(action, serverId, migrationId);
        if (!check.allowed()) {
            log("refused", check, ticket, String.join("; ", check.blockers().stream().map(Blocker::key).toList()));
            throw new ActionRefusedException(check);
        }
        log("requested", check, ticket, null);
        try {
            switch (action) {
                case ABORT -> gateway.abortLiveMigration(serverId, migrationId);
                case FORCE_COMPLETE -> gateway.forceCompleteLiveMigration(serverId, migrationId);
                default -> throw new IllegalArgumentException(action.name());
            }
        } catch (CloudException e) {
            log("failed", check, ticket, e.kind() + (e.httpStatus() == null ? "" : " HTTP " + e.httpStatus()) + ": " + e.getMessage());
            throw e;
        }
        try {
            log("accepted", check, ticket, null);
        } catch (UncheckedIOException e) {
            // Nova took the action: saying it failed would invite a second one; the "requested" entry is on disk
            LOG.warn("{} of migration {} was accepted by Nova, but its 'accepted' audit entry could not be written: {}",
                    action, migrationId, e.getMessage());
        }
        return check;
    }

    /**
     * The migration's status now: from the in-progress list while it runs, from
     * {@code /os-migrations} once it has ended (cancelled, completed, failed, error).
     */
    public Migration follow(String serverId, long migrationId) {
        return gateway.currentMigration(serverId, migrationId);
    }

    /**
     * Records how an accepted action ended: the migration's final status once followed to its end
     * (completed, cancelled, failed, error).
     */
    public void recordOutcome(ActionCheck check, Migration finalState, String ticket) {
        log("outcome", new ActionCheck(check.action(), check.server(), finalState, check.blockers(), check.warnings()),
                ticket, finalState.status());
    }

    public AuditLog audit() {
        return audit;
    }

    private void log(String phase, ActionCheck check, String ticket, String detail) {
        CloudInfo cloud = gateway.cloudInfo();
        Server server = check.server();
        Migration migration = check.migration();
        audit.append(new AuditLog.Entry(clock.instant(), phase, check.action().name(),
                cloud == null ? null : cloud.cloudName() + " " + cloud.authUrl(),
                System.getProperty("user.name"), server.id(), server.name(), migration.id(), migration.status(),
                migration.sourceCompute(), migration.destCompute(),
                check.action().cliCommand(server.id(), migration.id(), migration.status()), ticket, detail,
                cloud == null ? null : cloud.userName()));
    }

    private Optional<Migration> recorded(String serverId, long migrationId) {
        try {
            return Optional.of(gateway.currentMigration(serverId, migrationId));
        } catch (CloudException e) {
            return Optional.empty();
        }
    }

    private int maxMinor() {
        return gateway.maxMicroversion().minor();
    }

    private boolean admin() {
        CloudInfo cloud = gateway.cloudInfo();
        return cloud != null && cloud.admin();
    }
}
