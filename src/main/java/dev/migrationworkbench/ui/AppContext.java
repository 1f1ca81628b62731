package dev.migrationworkbench.ui;

import dev.migrationworkbench.config.AppDirs;
import dev.migrationworkbench.i18n.Messages;
import dev.migrationworkbench.model.Migration;
import dev.migrationworkbench.monitor.MigrationMonitor;
import dev.migrationworkbench.diagnosis.convergence.ConvergenceAnalysis;
import dev.migrationworkbench.triage.MigrationVerdict;
import dev.migrationworkbench.triage.Triage;
import dev.migrationworkbench.service.CloudSetup;
import dev.migrationworkbench.ui.addcloud.AddCloudView;
import dev.migrationworkbench.ui.addcloud.AddCloudViewModel;
import dev.migrationworkbench.ui.backend.WorkbenchBackend;
import dev.migrationworkbench.ui.overview.OverviewView;
import dev.migrationworkbench.ui.overview.OverviewViewModel;
import dev.migrationworkbench.ui.overview.TriageSource;
import dev.migrationworkbench.ui.connect.ConnectView;
import dev.migrationworkbench.ui.connect.ConnectViewModel;
import dev.migrationworkbench.ui.findings.FindingsView;
import dev.migrationworkbench.ui.findings.FindingsViewModel;
import dev.migrationworkbench.ui.hosts.HostsView;
import dev.migrationworkbench.ui.hosts.HostsViewModel;
import dev.migrationworkbench.ui.instances.InstancesView;
import dev.migrationworkbench.ui.instances.InstancesViewModel;
import dev.migrationworkbench.ui.migrations.MigrationsView;
import dev.migrationworkbench.ui.migrations.MigrationsViewModel;
import dev.migrationworkbench.ui.shell.MainView;
import dev.migrationworkbench.ui.shell.MainViewModel;
import dev.migrationworkbench.ui.shell.Section;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.stage.FileChooser;
import dev.migrationworkbench.model.Evidence;
import dev.migrationworkbench.offline.EvidenceBundle;
import dev.migrationworkbench.ui.offline.OfflineViewModel;
import java.util.List;
import javafx.stage.Window;
import dev.migrationworkbench.ui.backend.ConvergenceEstimate;
import dev.migrationworkbench.ui.migrations.WatchedMigration;
import dev.migrationworkbench.ui.wizard.MigrationActionWizardView;
import dev.migrationworkbench.ui.wizard.MigrationActionWizardViewModel;
import dev.migrationworkbench.ui.wizard.WizardTarget;

/**
 * The composition root: builds every service and view model once and hands them to the
 * controllers through the {@link ViewLoader}. Nothing else creates services.
 */
public final class AppContext implements AutoCloseable {

    /** How often a watched migration is read (Nova itself saves progress every 5 s). */
    static final Duration POLL_INTERVAL = Duration.ofSeconds(1);
    static final Duration MAX_BACKOFF = Duration.ofSeconds(30);
    static final int MAX_CONCURRENT_POLLS = 3;
    static final Duration OVERVIEW_TICK = Duration.ofSeconds(5);

    private final AppDirs dirs;
    private final UiSettings settings;
    private final UiExecutor executor;
    private final SwitchableBackend backend;
    private final OfflineViewModel offlineViewModel;
    private final MigrationMonitor monitor;
    private final MainViewModel mainViewModel;
    private final ConnectViewModel connectViewModel;
    private final InstancesViewModel instancesViewModel;
    private final MigrationsViewModel migrationsViewModel;
    private final FindingsViewModel findingsViewModel;
    private final HostsViewModel hostsViewModel;
    private final OverviewViewModel overviewViewModel;
    private final Navigator navigator;
    private final java.util.concurrent.ScheduledExecutorService overviewTicker;
    private final Supplier<CloudSetup> cloudSetup;
    private Window window;

    public AppContext(AppDirs dirs, UiExecutor executor, WorkbenchBackend cloudBackend) {
        this(dirs, executor, cloudBackend, CloudSetup::standard);
    }

    /** @param cloudSetup what the add-cloud form writes to (the user's clouds.yaml and keyring) */
    public AppContext(AppDirs dirs, UiExecutor executor, WorkbenchBackend cloudBackend, Supplier<CloudSetup> cloudSetup) {
        this.cloudSetup = cloudSetup;
        this.dirs = dirs;
        this.settings = UiSettings.load(dirs.config());
        this.executor = executor;
        this.backend = new SwitchableBackend(cloudBackend);
        Locale locale = Messages.supportedOrEnglish(settings.locale(Locale.getDefault()));
        this.mainViewModel = new MainViewModel(locale, settings.theme());
        mainViewModel.localeProperty().addListener((obs, old, now) -> settings.setLocale(now));
        mainViewModel.themeProperty().addListener((obs, old, now) -> settings.setTheme(now));

        this.monitor = new MigrationMonitor(backend::migration, POLL_INTERVAL, MAX_BACKOFF, MAX_CONCURRENT_POLLS);
        OncePerChange notifier = new OncePerChange(new ControlsFxNotifier(() -> window,
                () -> Messages.bundle(mainViewModel.localeProperty().get())));
        this.connectViewModel = new ConnectViewModel(backend, executor);
        this.findingsViewModel = new FindingsViewModel(backend, executor);
        this.hostsViewModel = new HostsViewModel(backend, executor);
        this.migrationsViewModel = new MigrationsViewModel(backend, executor, monitor, notifier);
        Navigator navigator = new Navigator() {
            @Override
            public void diagnose(String serverId) {
                mainViewModel.show(Section.FINDINGS);
                findingsViewModel.diagnose(serverId);
            }

            @Override
            public void openMigration(Migration migration) {
                mainViewModel.show(Section.MIGRATIONS);
                migrationsViewModel.watch(migration);
            }

            @Override
            public void compareHosts(String serverId, String sourceHost, String destinationHost) {
                mainViewModel.show(Section.HOSTS);
                hostsViewModel.compare(serverId, sourceHost, destinationHost);
            }
        };
        this.instancesViewModel = new InstancesViewModel(backend, executor, navigator);
        this.navigator = navigator;
        this.overviewViewModel = new OverviewViewModel(new TriageSource() {
            @Override
            public Triage triage(Duration since) throws Exception {
                return backend.triage(since);
            }

            @Override
            public Triage refresh(Triage previous) throws Exception {
                return backend.refreshTriage(previous);
            }
        }, executor, notifier);
        // the Overview's live refresh: one tick every 5 s while it is shown (a tick never overlaps a running one)
        this.overviewTicker = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "overview-ticker");
            t.setDaemon(true);
            return t;
        });
        this.offlineViewModel = new OfflineViewModel(executor, this::showOffline);
        overviewTicker.scheduleWithFixedDelay(() -> executor.onUiThread(() -> {
            if (mainViewModel.sectionProperty().get() == Section.OVERVIEW && connectViewModel.connectedProperty().get() != null) {
                overviewViewModel.tick();
            }
        }), OVERVIEW_TICK.toMillis(), OVERVIEW_TICK.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        connectViewModel.connectedProperty().addListener((obs, old, cloud) -> {
            if (cloud != null) {
                var target = connectViewModel.connectedTargetProperty().get();
                mainViewModel.setStatusKey(target.isDemo() ? /*i18n*/"status.connectedDemo" : /*i18n*/"status.connected");
                mainViewModel.setDemoScenario(target.isDemo() ? target.scenario() : null);
                // nothing of the previous cloud stays on screen
                notifier.forget();
                migrationsViewModel.clear();
                instancesViewModel.clear();
                findingsViewModel.clear();
                hostsViewModel.clear();
                overviewViewModel.clear();
                // the first view after connecting: what is wrong in this cloud right now
                mainViewModel.show(Section.OVERVIEW);
                overviewViewModel.refresh();
                instancesViewModel.refresh();
                migrationsViewModel.refresh();
                hostsViewModel.loadHosts();
            }
        });
    }

    /**
     * Shows offline evidence in every view (read-only, until the next connect): the migrations found,
     * their servers, the hosts of the sosreports; a bundle opens on its diagnosis.
     */
    private void showOffline(OfflineViewModel.Opened opened) {
        OfflineBackend offline = opened.offlineCase() != null ? OfflineBackend.of(backend.cloud(), opened.offlineCase())
                : OfflineBackend.ofBundle(backend.cloud(), opened.bundle().evidence(), opened.bundle().migrationId(),
                        opened.name());
        backend.useOffline(offline);
        mainViewModel.setDemoScenario(null);
        mainViewModel.setStatus(/*i18n*/"status.offline", offline.label());
        migrationsViewModel.unwatchAll();
        instancesViewModel.refresh();
        migrationsViewModel.refresh();
        hostsViewModel.loadHosts();
        if (opened.bundle() != null) {
            mainViewModel.show(Section.FINDINGS);
            findingsViewModel.diagnose(opened.bundle().evidence().serverQuery());
        } else {
            mainViewModel.show(Section.MIGRATIONS);
        }
    }

    public OfflineViewModel offlineViewModel() {
        return offlineViewModel;
    }

    /** Asks for the sosreports, logs or evidence bundle to open. */
    List<java.nio.file.Path> chooseFilesToOpen() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(Messages.forLocale(mainViewModel.localeProperty().get()).get("offline.open.title"));
        chooser.getExtensionFilters().addAll(
                new FileChooser.ExtensionFilter(Messages.forLocale(mainViewModel.localeProperty().get())
                        .get("offline.open.filter"), "*.tar.xz", "*.tar.gz", "*.tar", "*.tgz", "*.txz", "*.log", "*.gz",
                        "*.json", "*"));
        List<java.io.File> files = chooser.showOpenMultipleDialog(window);
        return files == null ? List.of() : files.stream().map(java.io.File::toPath).toList();
    }

    /** Saves the evidence of the diagnosis shown in Findings as an evidence bundle. */
    void saveEvidenceBundle() {
        Evidence evidence = findingsViewModel.evidenceProperty().get();
        Messages messages = Messages.forLocale(mainViewModel.localeProperty().get());
        if (evidence == null) {
            mainViewModel.setStatusKey(/*i18n*/"status.bundleNothing");
            return;
        }
        FileChooser chooser = new FileChooser();
        chooser.setTitle(messages.get("offline.saveBundle.title"));
        chooser.setInitialFileName((evidence.server() != null && evidence.server().name() != null
                ? evidence.server().name() : evidence.serverQuery()).replaceAll("[^A-Za-z0-9._-]", "_") + ".evidence.json");
        java.io.File file = chooser.showSaveDialog(window);
        if (file != null) {
            saveEvidenceBundle(evidence, file.toPath());
        }
    }

    /** Writes the bundle in the background; the status line says where, or why not. */
    public void saveEvidenceBundle(Evidence evidence, java.nio.file.Path file) {
        executor.submit("save evidence bundle", () -> {
            EvidenceBundle.write(evidence, null, "Migration Workbench", file);
            return file;
        }, written -> mainViewModel.setStatus(/*i18n*/"status.bundleSaved", written.toString()),
                error -> mainViewModel.setStatus(/*i18n*/"status.bundleFailed", file + ": " + error.getMessage()));
    }

    /**
     * Opens on the Connect view: it lists the configured clouds or, with none, says where it looked
     * and offers the demo cloud and the form that adds a cloud (never a silent fallback to the demo).
     */
    public void start(Window mainWindow) {
        this.window = mainWindow;
        mainViewModel.show(Section.CONNECT);
    }

    public AppDirs dirs() {
        return dirs;
    }

    public UiSettings settings() {
        return settings;
    }

    public UiExecutor executor() {
        return executor;
    }

    public MainViewModel mainViewModel() {
        return mainViewModel;
    }

    public ConnectViewModel connectViewModel() {
        return connectViewModel;
    }

    public InstancesViewModel instancesViewModel() {
        return instancesViewModel;
    }

    public MigrationsViewModel migrationsViewModel() {
        return migrationsViewModel;
    }

    public FindingsViewModel findingsViewModel() {
        return findingsViewModel;
    }

    public OverviewViewModel overviewViewModel() {
        return overviewViewModel;
    }

    public HostsViewModel hostsViewModel() {
        return hostsViewModel;
    }

    /** A loader for the current language: a language switch builds the views anew with a new one. */
    public ViewLoader newLoader() {
        Locale locale = mainViewModel.localeProperty().get();
        ViewLoader[] self = new ViewLoader[1];
        Map<Class<?>, Supplier<?>> controllers = Map.of(
                MainView.class, () -> new MainView(mainViewModel, section -> sectionView(self[0], section),
                        offlineViewModel, new MainView.FileActions() {
                            @Override
                            public List<java.nio.file.Path> chooseFilesToOpen() {
                                return AppContext.this.chooseFilesToOpen();
                            }

                            @Override
                            public void saveEvidenceBundle() {
                                AppContext.this.saveEvidenceBundle();
                            }
                        }),
                ConnectView.class, () -> new ConnectView(connectViewModel, this::openAddCloud),
                OverviewView.class, () -> new OverviewView(overviewViewModel, navigator, this::openActionWizard),
                InstancesView.class, () -> new InstancesView(instancesViewModel),
                MigrationsView.class, () -> new MigrationsView(migrationsViewModel, this::openActionWizard,
                        m -> navigator.compareHosts(m.serverId(), m.sourceCompute(), m.destCompute())),
                FindingsView.class, () -> new FindingsView(findingsViewModel, this::chooseReportFile),
                HostsView.class, () -> new HostsView(hostsViewModel));
        self[0] = new ViewLoader(Messages.bundle(locale), controllers);
        return self[0];
    }

    /** The guided abort / force-complete wizard for a watched migration, as a dialog of the main window. */
    void openActionWizard(WatchedMigration watched) {
        ConvergenceEstimate estimate = watched.estimateProperty().get();
        openActionWizard(watched.migrationProperty().get(), watched.serverName(), estimate == null ? null : estimate.analysis());
    }

    /** The wizard for a migration of the Overview, with the analysis of its triage. */
    void openActionWizard(MigrationVerdict verdict) {
        openActionWizard(verdict.migration(), verdict.serverName(), verdict.diagnosis().convergence());
    }

    private void openActionWizard(Migration migration, String serverName, ConvergenceAnalysis analysis) {
        if (backend.offline()) {
            mainViewModel.setStatusKey(/*i18n*/"status.offlineReadOnly");
            return;
        }
        Locale locale = mainViewModel.localeProperty().get();
        WizardTarget target = new WizardTarget(migration.serverId(), serverName, migration, analysis);
        var viewModel = new MigrationActionWizardViewModel(target, backend.migrationActions(), executor, locale);
        viewModel.finishedProperty().addListener((obs, was, done) -> {
            if (done) {
                // what the action changed shows everywhere
                migrationsViewModel.refresh();
                instancesViewModel.refresh();
                overviewViewModel.refresh();
            }
        });
        Messages messages = Messages.forLocale(locale);
        String scenario = mainViewModel.demoScenarioProperty().get();
        new DialogService(this::newLoader).open(window, FxmlView.MIGRATION_ACTION_WIZARD, new MigrationActionWizardView(viewModel),
                scenario == null ? messages.get("wizard.title") : messages.get("app.title.demo", messages.get("wizard.title"), scenario));
    }

    /** The form that adds a cloud to clouds.yaml (password in the OS keyring), as a dialog of the main window. */
    void openAddCloud() {
        Locale locale = mainViewModel.localeProperty().get();
        var viewModel = new AddCloudViewModel(cloudSetup.get(), executor, connectViewModel::added);
        new DialogService(this::newLoader).open(window, FxmlView.ADD_CLOUD, new AddCloudView(viewModel),
                Messages.forLocale(locale).get("addCloud.title"));
    }

    /** Asks where to save the PDF report; null when the user cancels. */
    java.nio.file.Path chooseReportFile(String suggestedName) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(Messages.forLocale(mainViewModel.localeProperty().get()).get("findings.export.title"));
        chooser.setInitialFileName(suggestedName);
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("PDF", "*.pdf"));
        java.io.File file = chooser.showSaveDialog(window);
        return file == null ? null : file.toPath();
    }

    public Parent loadMainView() {
        return Layouts.keepWhole(newLoader().load(FxmlView.MAIN));
    }

    private Node sectionView(ViewLoader loader, Section section) {
        return loader.load(switch (section) {
            case CONNECT -> FxmlView.CONNECT;
            case OVERVIEW -> FxmlView.OVERVIEW;
            case INSTANCES -> FxmlView.INSTANCES;
            case MIGRATIONS -> FxmlView.MIGRATIONS;
            case HOSTS -> FxmlView.HOSTS;
            case FINDINGS -> FxmlView.FINDINGS;
        });
    }

    @Override
    public void close() {
        settings.save();
        overviewTicker.shutdownNow();
        monitor.close();
        executor.close();
        backend.close();
    }
}
