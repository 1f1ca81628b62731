package dev.migrationworkbench.ui;

import dev.migrationworkbench.action.MigrationActions;
import dev.migrationworkbench.diagnosis.Diagnosis;
import dev.migrationworkbench.diagnosis.DiagnosisEngine;
import dev.migrationworkbench.model.CloudInfo;
import dev.migrationworkbench.model.Evidence;
import dev.migrationworkbench.model.HostTopology;
import dev.migrationworkbench.model.Migration;
import dev.migrationworkbench.model.ProgressSample;
import dev.migrationworkbench.model.Server;
import dev.migrationworkbench.diagnosis.convergence.ConvergenceAnalyzer;
import dev.migrationworkbench.diagnosis.numa.InstanceNeeds;
import dev.migrationworkbench.diagnosis.numa.NumaDiff;
import dev.migrationworkbench.diagnosis.numa.NumaDiffer;
import dev.migrationworkbench.diagnosis.convergence.LiveMigrationSettings;
import dev.migrationworkbench.offline.OfflineCase;
import dev.migrationworkbench.offline.OfflineDiagnosis;
import dev.migrationworkbench.offline.OfflineException;
import dev.migrationworkbench.service.DiagnosisRun;
import dev.migrationworkbench.service.ServerPage;
import dev.migrationworkbench.report.PdfReport;
import dev.migrationworkbench.ui.backend.ConnectTarget;
import dev.migrationworkbench.ui.backend.ConvergenceEstimate;
import dev.migrationworkbench.ui.backend.DiagnosisResult;
import dev.migrationworkbench.ui.backend.HostComparison;
import dev.migrationworkbench.ui.backend.WorkbenchBackend;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * The views' backend over offline evidence — an {@link OfflineCase} read from sosreports and logs,
 * or the evidence of one bundle: read-only (no connection, no actions). The convergence estimate and
 * the NUMA/NIC comparison are the workbench's own analyses run on that evidence, so the views show
 * it exactly as they show a cloud's; findings carry the file and line of each fact.
 */
final class OfflineBackend implements WorkbenchBackend {

    private final WorkbenchBackend pure;
    private final OfflineCase offlineCase;
    private final Evidence bundle;
    private final String bundleMigration;
    private final DiagnosisEngine engine = new DiagnosisEngine();
    private final String label;

    private OfflineBackend(WorkbenchBackend pure, OfflineCase offlineCase, Evidence bundle, String bundleMigration,
            String label) {
        this.pure = pure;
        this.offlineCase = offlineCase;
        this.bundle = bundle;
        this.bundleMigration = bundleMigration;
        this.label = label;
    }

    static OfflineBackend of(WorkbenchBackend pure, OfflineCase offlineCase) {
        return new OfflineBackend(pure, offlineCase, null, null,
                String.join(", ", offlineCase.inputs().stream().map(OfflineCase.Input::origin).toList()));
    }

    static OfflineBackend ofBundle(WorkbenchBackend pure, Evidence evidence, String migrationId, String name) {
        return new OfflineBackend(pure, null, evidence, migrationId, name);
    }

    /** What was opened, for the status line. */
    String label() {
        return label;
    }

    @Override
    public List<ConnectTarget> targets() {
        return pure.targets();
    }

    @Override
    public List<ConnectTarget> demoTargets() {
        return pure.demoTargets();
    }

    @Override
    public List<String> cloudSearchPlaces() {
        return pure.cloudSearchPlaces();
    }

    @Override
    public CloudInfo connect(ConnectTarget target) {
        throw new IllegalStateException("offline evidence is open: connect through the cloud backend");
    }

    @Override
    public ServerPage servers(String marker, int limit) {
        Map<String, Server> servers = new LinkedHashMap<>();
        if (bundle != null && bundle.server() != null) {
            servers.put(bundle.server().id(), bundle.server());
        }
        if (offlineCase != null) {
            for (OfflineCase.FoundMigration f : offlineCase.migrations()) {
                Migration m = f.migration();
                String host = "completed".equals(m.status()) && m.destCompute() != null ? m.destCompute() : m.sourceCompute();
                servers.put(m.serverId(), new Server(m.serverId(), f.serverName(), null, null, null, null, host, null, null,
                        null, null, null, null, null, null, null, null, null, m.updatedAt()));
            }
        }
        List<Server> all = new ArrayList<>(servers.values());
        int from = 0;
        if (marker != null) {
            for (int i = 0; i < all.size(); i++) {
                if (all.get(i).id().equals(marker)) {
                    from = i + 1;
                }
            }
        }
        List<Server> page = all.subList(Math.min(from, all.size()), Math.min(all.size(), from + limit));
        String next = from + limit < all.size() && !page.isEmpty() ? page.get(page.size() - 1).id() : null;
        return new ServerPage(page, next);
    }

    @Override
    public List<Migration> migrations() {
        List<Migration> all = new ArrayList<>();
        if (offlineCase != null) {
            offlineCase.migrations().forEach(f -> all.add(f.migration()));
        } else {
            all.addAll(bundle.liveMigrations());
            bundle.migrations().stream().filter(m -> all.stream().noneMatch(x -> x.id() == m.id())).forEach(all::add);
        }
        all.sort(Comparator.comparing(Migration::createdAt, Comparator.nullsFirst(Comparator.naturalOrder())).reversed());
        return all;
    }

    @Override
    public Migration migration(String serverId, long migrationId) {
        return migrations().stream().filter(m -> m.id() == migrationId).findFirst()
                .orElseThrow(() -> new NoSuchElementException("no migration " + migrationId + " in " + label));
    }

    @Override
    public List<ProgressSample> recordedSamples(Migration migration) {
        if (offlineCase != null) {
            return offlineCase.migration(migration.id())
                    .map(f -> f.episode().samples().stream().map(s -> s.sample()).toList()).orElse(List.of());
        }
        return bundle.samples();
    }

    @Override
    public Map<String, String> serverNames(Collection<String> serverIds) {
        Map<String, String> names = new LinkedHashMap<>();
        if (offlineCase != null) {
            offlineCase.migrations().stream().filter(f -> f.serverName() != null && serverIds.contains(f.instanceUuid()))
                    .forEach(f -> names.put(f.instanceUuid(), f.serverName()));
        } else if (bundle.server() != null && bundle.server().name() != null && serverIds.contains(bundle.server().id())) {
            names.put(bundle.server().id(), bundle.server().name());
        }
        return names;
    }

    @Override
    public DiagnosisResult diagnose(String serverQuery) throws OfflineException {
        if (offlineCase == null) {
            Diagnosis d = engine.diagnose(bundle, bundleMigration);
            return ServicesBackend.result(new DiagnosisRun(bundle, d, DiagnosisRun.outcomeOf(d)));
        }
        return ServicesBackend.result(new OfflineDiagnosis(engine).diagnose(offlineCase, serverQuery, null).run());
    }

    @Override
    public HostTopology hostTopology(String host) {
        if (offlineCase == null) {
            HostTopology t = bundle.hostTopologies().get(host);
            if (t == null) {
                throw new NoSuchElementException("no host facts of " + host + " in " + label);
            }
            return t;
        }
        return offlineCase.host(host).map(h -> h.facts().topology())
                .orElseThrow(() -> new NoSuchElementException("no sosreport of host " + host + " in " + label));
    }

    @Override
    public List<String> computeHosts() {
        return offlineCase != null ? offlineCase.hosts().stream().map(OfflineCase.Host::name).toList()
                : List.copyOf(bundle.hostTopologies().keySet());
    }

    private Diagnosis diagnosis(Evidence evidence) {
        Diagnosis d = engine.diagnose(evidence, offlineCase == null ? bundleMigration : null);
        return offlineCase == null ? d : offlineCase.cite(d, evidence);
    }

    /** The convergence of a migration as its recorded samples up to the reading show it. */
    @Override
    public ConvergenceEstimate convergence(Migration migration) {
        List<ProgressSample> samples = recordedSamples(migration).stream()
                .filter(s -> migration.updatedAt() == null || !s.at().isAfter(migration.updatedAt())).toList();
        LiveMigrationSettings settings = offlineCase == null ? LiveMigrationSettings.defaults()
                : offlineCase.host(migration.sourceCompute()).map(h -> LiveMigrationSettings.from(h.facts().topology().novaConfig()))
                        .orElse(LiveMigrationSettings.defaults());
        long ram = migration.memoryTotalBytes() == null ? 0 : migration.memoryTotalBytes();
        return ServicesBackend.estimate(new ConvergenceAnalyzer().analyze(samples, new ConvergenceAnalyzer.MigrationFacts(
                migration.status(), migration.createdAt(), ram, 0, settings, null)));
    }

    /** The diff with the instance's needs as the offline evidence states them (no flavor: its pinning and page size). */
    @Override
    public HostComparison compareHosts(HostTopology source, HostTopology destination, String serverId) {
        Evidence evidence = serverId == null || serverId.isBlank() ? null
                : offlineCase != null ? offlineCase.evidence(serverId, null).orElse(null) : bundle;
        NumaDiff diff = evidence == null ? new NumaDiffer().diff(source, destination, null, false)
                : new NumaDiffer().diff(source, destination, InstanceNeeds.of(evidence));
        return ServicesBackend.comparison(source, destination, diff);
    }

    @Override
    public void writeReport(Evidence evidence, Locale locale, Path file) throws Exception {
        new PdfReport(locale, ZoneId.systemDefault()).write(evidence, diagnosis(evidence), file);
    }

    @Override
    public MigrationActions migrationActions() {
        throw new IllegalStateException("offline evidence is read-only: abort and force-complete need the cloud");
    }

    @Override
    public dev.migrationworkbench.triage.Triage triage(java.time.Duration since) {
        throw new IllegalStateException("the cloud-wide triage needs the cloud: offline evidence is shown in the "
                + "Migrations and Findings views");
    }

    @Override
    public dev.migrationworkbench.triage.Triage refreshTriage(dev.migrationworkbench.triage.Triage previous) {
        return triage(previous.since());
    }

    @Override
    public void close() {
        // nothing open: the evidence is in memory
    }
}
