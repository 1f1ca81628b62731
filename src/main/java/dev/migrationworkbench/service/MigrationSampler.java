package dev.migrationworkbench.service;

import dev.migrationworkbench.cloud.NovaGateway;
import dev.migrationworkbench.model.Migration;
import dev.migrationworkbench.model.ProgressSample;
import dev.migrationworkbench.probe.client.HostProbes;
import java.util.List;
import java.util.Optional;

/**
 * Reads a live migration as it is now and turns each reading into a progress sample (Nova's saved
 * bytes, plus libvirt's job statistics when the source host's agent has them). Every sample is
 * kept in the connection's store, so the watch panes, {@code diagnose}, the wizard and the report
 * share one series per migration.
 */
public final class MigrationSampler {

    private final NovaGateway gateway;
    private final HostProbes probes;
    private final SampleStore store;

    MigrationSampler(NovaGateway gateway, HostProbes probes, SampleStore store) {
        this.gateway = gateway;
        this.probes = probes;
        this.store = store;
    }

    /**
     * The migration as it is now (the in-progress record with progress bytes while it runs, the
     * final record once it has ended); a running one's reading is stored as a sample.
     */
    public Migration read(String serverId, long migrationId) {
        Migration now = gateway.currentMigration(serverId, migrationId);
        if (now.inProgress() && now.hasProgress()) {
            record(now);
        }
        return now;
    }

    /** The in-progress live migration of a server with this ID/UUID (null: the first one), if any. */
    Optional<Migration> inProgress(String serverId, String migrationId) {
        List<Migration> live = gateway.listInProgressLiveMigrations(serverId);
        return live.stream()
                .filter(m -> migrationId == null || migrationId.equals(String.valueOf(m.id()))
                        || migrationId.equalsIgnoreCase(m.uuid()))
                .findFirst();
    }

    /** Stores a reading of a running migration as a sample (with the agent's job statistics) and returns it. */
    ProgressSample record(Migration m) {
        ProgressSample s = m.toSample();
        ProgressSample sample = probes.jobStats(m.sourceCompute(), m.serverId())
                .map(stats -> new ProgressSample(s.at(), s.status(), s.memoryTotalBytes(), s.memoryProcessedBytes(),
                        s.memoryRemainingBytes(), s.diskTotalBytes(), s.diskProcessedBytes(), s.diskRemainingBytes(), stats))
                .orElse(s);
        store.add(m.id(), sample);
        return sample;
    }

    /** Every sample this connection has of a migration, oldest first. */
    public List<ProgressSample> samples(long migrationId) {
        return store.get(migrationId);
    }
}
