package dev.migrationworkbench.ui;

import dev.migrationworkbench.action.MigrationActions;
import dev.migrationworkbench.model.CloudInfo;
import dev.migrationworkbench.model.Evidence;
import dev.migrationworkbench.model.HostTopology;
import dev.migrationworkbench.model.Migration;
import dev.migrationworkbench.model.ProgressSample;
import dev.migrationworkbench.service.ServerPage;
import dev.migrationworkbench.ui.backend.ConnectTarget;
import dev.migrationworkbench.ui.backend.ConvergenceEstimate;
import dev.migrationworkbench.ui.backend.DiagnosisResult;
import dev.migrationworkbench.ui.backend.HostComparison;
import dev.migrationworkbench.ui.backend.WorkbenchBackend;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Map;
import java.util.List;
import java.util.Locale;

/**
 * The backend the view models hold: the cloud's, or, after File → Open, the offline evidence's
 * (read-only). Connecting to a cloud again switches back.
 */
final class SwitchableBackend implements WorkbenchBackend {

    private final WorkbenchBackend cloud;
    private volatile WorkbenchBackend current;

    SwitchableBackend(WorkbenchBackend cloud) {
        this.cloud = cloud;
        this.current = cloud;
    }

    void useOffline(OfflineBackend offline) {
        current = offline;
    }

    boolean offline() {
        return current != cloud;
    }

    /** The cloud's backend, for what offline evidence does not change (the pure analyses). */
    WorkbenchBackend cloud() {
        return cloud;
    }

    @Override
    public List<ConnectTarget> targets() {
        return cloud.targets();
    }

    @Override
    public List<ConnectTarget> demoTargets() {
        return cloud.demoTargets();
    }

    @Override
    public List<String> cloudSearchPlaces() {
        return cloud.cloudSearchPlaces();
    }

    @Override
    public CloudInfo connect(ConnectTarget target) throws Exception {
        current = cloud;
        return cloud.connect(target);
    }

    @Override
    public ServerPage servers(String marker, int limit) throws Exception {
        return current.servers(marker, limit);
    }

    @Override
    public List<Migration> migrations() throws Exception {
        return current.migrations();
    }

    @Override
    public Migration migration(String serverId, long migrationId) throws Exception {
        return current.migration(serverId, migrationId);
    }

    @Override
    public List<ProgressSample> recordedSamples(Migration migration) {
        return current.recordedSamples(migration);
    }

    @Override
    public Map<String, String> serverNames(Collection<String> serverIds) throws Exception {
        return current.serverNames(serverIds);
    }

    @Override
    public DiagnosisResult diagnose(String serverQuery) throws Exception {
        return current.diagnose(serverQuery);
    }

    @Override
    public HostTopology hostTopology(String host) throws Exception {
        return current.hostTopology(host);
    }

    @Override
    public List<String> computeHosts() throws Exception {
        return current.computeHosts();
    }

    @Override
    public ConvergenceEstimate convergence(Migration migration) throws Exception {
        return current.convergence(migration);
    }

    @Override
    public HostComparison compareHosts(HostTopology source, HostTopology destination, String serverId) {
        return current.compareHosts(source, destination, serverId);
    }

    @Override
    public void writeReport(Evidence evidence, Locale locale, Path file) throws Exception {
        current.writeReport(evidence, locale, file);
    }

    @Override
    public MigrationActions migrationActions() {
        return current.migrationActions();
    }

    @Override
    public dev.migrationworkbench.triage.Triage triage(java.time.Duration since) throws Exception {
        return current.triage(since);
    }

    @Override
    public dev.migrationworkbench.triage.Triage refreshTriage(dev.migrationworkbench.triage.Triage previous) throws Exception {
        return current.refreshTriage(previous);
    }

    @Override
    public void close() {
        cloud.close();
    }
}
