package dev.migrationworkbench.ui.backend;

import dev.migrationworkbench.triage.Triage;
import java.time.Duration;

import dev.migrationworkbench.service.ServerPage;

import dev.migrationworkbench.action.MigrationActions;
import dev.migrationworkbench.model.CloudInfo;
import dev.migrationworkbench.model.Evidence;
import dev.migrationworkbench.model.HostTopology;
import dev.migrationworkbench.model.Migration;
import dev.migrationworkbench.model.ProgressSample;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Locale;

/**
 * What the views need from the services below {@code ui}, in the workbench's own records. Every
 * method blocks and is called off the FX thread through the {@code UiExecutor}; failures are thrown
 * as they come (the view models show them in a banner with a retry).
 */
public interface WorkbenchBackend extends AutoCloseable {

    /** The clouds of clouds.yaml and the demo cloud's scenarios, for the Connect view. */
    List<ConnectTarget> targets();

    /** Only the demo cloud's targets: what is left when clouds.yaml cannot be read. */
    default List<ConnectTarget> demoTargets() {
        return List.of(ConnectTarget.demo("demo"));
    }

    /** Where clouds.yaml was looked for, in order (shown when no cloud is configured). */
    default List<String> cloudSearchPlaces() {
        return List.of();
    }

    /** Connects (authenticates, reads the Nova version document) and says to what. */
    CloudInfo connect(ConnectTarget target) throws Exception;

    /** One page of {@code /servers/detail}, all projects; {@code marker} null for the first page. */
    ServerPage servers(String marker, int limit) throws Exception;

    /** Migrations cloud-wide ({@code /os-migrations}), newest first. */
    List<Migration> migrations() throws Exception;

    /** Names of servers by ID (a deleted server has none). */
    Map<String, String> serverNames(Collection<String> serverIds) throws Exception;

    /**
     * The migration as it is now: the in-progress record with its progress bytes while it runs,
     * the final {@code /os-migrations} record once it has ended.
     */
    Migration migration(String serverId, long migrationId) throws Exception;

    /**
     * Diagnoses a server (name or ID): its evidence, the samples the watch panes already took of its
     * running migration, more samples until the verdict is confident (at most 30 s), the findings.
     */
    DiagnosisResult diagnose(String serverQuery) throws Exception;

    /**
     * The progress samples recorded for an ended migration (offline: the libvirt driver's log
     * lines), for its chart; empty when none were recorded.
     */
    default List<ProgressSample> recordedSamples(Migration migration) {
        return List.of();
    }

    /** What the probe agent of a host reports. */
    HostTopology hostTopology(String host) throws Exception;

    /** Host names of the compute services, for the host pickers. */
    List<String> computeHosts() throws Exception;

    /**
     * The convergence analysis of a migration from every sample taken of it on this connection, with
     * the same inputs as the diagnosis (the flavor, the source host's nova.conf).
     */
    ConvergenceEstimate convergence(Migration migration) throws Exception;

    /** Source and destination compared for a server placed on the source (null: none). */
    HostComparison compareHosts(HostTopology source, HostTopology destination, String serverId);

    /** Writes the PDF diagnosis report of this evidence (through a temp file: an existing report is never half-overwritten). */
    void writeReport(Evidence evidence, Locale locale, Path file) throws Exception;

    /** Abort / force-complete on the connected cloud, recorded in the audit log. */
    MigrationActions migrationActions();

    /** Every live migration running or ended within {@code since}, each judged from one reading (the Overview). */
    Triage triage(Duration since) throws Exception;

    /** The triage again with one new reading of each running migration (the Overview's live refresh). */
    Triage refreshTriage(Triage previous) throws Exception;

    @Override
    void close();
}
