package dev.migrationworkbench.service;

import dev.migrationworkbench.action.ActionCheck;
import dev.migrationworkbench.action.MigrationAction;
import dev.migrationworkbench.action.MigrationActions;
import dev.migrationworkbench.cloud.CloudException;
import dev.migrationworkbench.cloud.MigrationQuery;
import dev.migrationworkbench.cloud.NovaGateway;
import dev.migrationworkbench.diagnosis.convergence.ConvergenceAnalysis;
import dev.migrationworkbench.model.Migration;
import dev.migrationworkbench.model.Server;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Abort / force-complete of one server's live migration for the command line, with the wizard's
 * steps: find the migration, check Nova's conditions on fresh state, estimate what it costs, act
 * once (audit entry first), follow the migration to its end and write that outcome to the audit log.
 */
public final class MigrationActionService {

    /** The server and the migration an action is about. */
    public record Target(Server server, Migration migration) {
    }

    private final CloudConnection connection;
    private final MigrationActions actions;

    public MigrationActionService(CloudConnection connection) {
        this.connection = connection;
        this.actions = connection.actions();
    }

    /**
     * The server (name or ID) and its migration: the one with this ID or UUID, else the live
     * migration in progress. A migration that is not in progress is still returned (with its final
     * status from {@code /os-migrations}), so the check can say why nothing will be sent.
     *
     * @throws CloudException NOT_FOUND when the server has no such migration, or none in progress
     */
    public Target target(String server, String migrationId) {
        NovaGateway gateway = connection.gateway();
        Server s = gateway.resolveServer(server).server();
        Optional<Migration> chosen;
        try {
            chosen = gateway.listInProgressLiveMigrations(s.id()).stream().filter(m -> matches(m, migrationId)).findFirst();
        } catch (CloudException e) {
            if (e.kind() != CloudException.Kind.NOT_AVAILABLE) {
                throw e;
            }
            chosen = Optional.empty(); // below 2.23: the os-migrations record, and the check says what is missing
        }
        if (chosen.isEmpty()) {
            chosen = connection.migrations(MigrationQuery.ofServer(s.id())).stream()
                    .filter(m -> migrationId != null ? matches(m, migrationId) : m.isLive() && m.inProgress())
                    .findFirst();
        }
        return new Target(s, chosen.orElseThrow(() -> new CloudException(CloudException.Kind.NOT_FOUND,
                migrationId == null ? "Server " + s.name() + " (" + s.id() + ") has no live migration in progress."
                        : "Server " + s.name() + " (" + s.id() + ") has no migration " + migrationId + ".")));
    }

    /** Nova's conditions, checked on the state read now (nothing is sent). */
    public ActionCheck check(MigrationAction action, Target target) {
        return actions.check(action, target.server().id(), target.migration().id());
    }

    /**
     * The convergence analysis behind the expected downtime: the migration diagnosed as
     * {@code diagnose} does it (sampled until the verdict is confident, at most 30 s).
     */
    public Optional<ConvergenceAnalysis> analysis(Target target) throws InterruptedException {
        if (!target.migration().inProgress()) {
            return Optional.empty();
        }
        return Optional.ofNullable(connection.diagnosis().diagnose(target.server().id(),
                String.valueOf(target.migration().id()), SamplingPolicy.standard(), s -> { }).diagnosis().convergence());
    }

    /** Checks again and acts once; see {@link MigrationActions#execute}. */
    public ActionCheck execute(MigrationAction action, Target target, String caseReference) {
        return actions.execute(action, target.server().id(), target.migration().id(), caseReference);
    }

    /**
     * Reads the migration every 5 s until it has ended (or {@code bound} passed), hands each reading
     * to {@code onReading}, and writes the final status to the audit log.
     *
     * @return the last reading (still in progress when the bound passed)
     */
    public Migration followToEnd(ActionCheck check, String caseReference, Duration bound, Consumer<Migration> onReading)
            throws InterruptedException {
        String serverId = check.server().id();
        long id = check.migration().id();
        Migration now = actions.follow(serverId, id);
        onReading.accept(now);
        for (long waited = 0; now.inProgress() && waited < bound.toSeconds(); waited += SamplingPolicy.INTERVAL.toSeconds()) {
            connection.pacer().await(SamplingPolicy.INTERVAL);
            now = actions.follow(serverId, id);
            onReading.accept(now);
        }
        if (!now.inProgress()) {
            actions.recordOutcome(check, now, caseReference);
        }
        return now;
    }

    private static boolean matches(Migration m, String migrationId) {
        return migrationId == null || migrationId.equals(String.valueOf(m.id())) || migrationId.equalsIgnoreCase(m.uuid());
    }
}
