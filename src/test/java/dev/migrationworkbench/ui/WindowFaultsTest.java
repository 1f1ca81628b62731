package dev.migrationworkbench.ui;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import dev.migrationworkbench.cloud.CloudProfiles;
import dev.migrationworkbench.config.AppDirs;
import dev.migrationworkbench.democloud.DemoCloud;
import dev.migrationworkbench.democloud.DemoCloudOptions;
import dev.migrationworkbench.democloud.Fault;
import dev.migrationworkbench.model.Migration;
import dev.migrationworkbench.probe.agent.AgentCertificate;
import dev.migrationworkbench.probe.agent.AgentServer;
import dev.migrationworkbench.probe.agent.AgentService;
import dev.migrationworkbench.probe.agent.HostReader;
import dev.migrationworkbench.probe.agent.NovaConfig;
import dev.migrationworkbench.probe.agent.ProbeFixtures;
import dev.migrationworkbench.probe.client.CertificatePins;
import dev.migrationworkbench.service.Connector;
import dev.migrationworkbench.service.DiagnosisRun;
import dev.migrationworkbench.triage.MigrationVerdict;
import dev.migrationworkbench.triage.Triage;
import dev.migrationworkbench.triage.Verdict;
import dev.migrationworkbench.ui.backend.FindingItem;
import dev.migrationworkbench.ui.backend.HostComparison;
import dev.migrationworkbench.ui.migrations.WatchedMigration;
import dev.migrationworkbench.ui.shell.Section;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import javafx.animation.AnimationTimer;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The window under every fault the demo cloud can inject and every probe agent fault, as a user
 * sees it: the workbench connected through clouds.yaml to the embedded demo cloud over real
 * loopback HTTP (its simulated agents for four hosts, a real agent over HTTPS with a pinned
 * certificate for the fifth), the Overview refreshing live, a stuck migration watched on the
 * Migrations view's live chart, the findings of a failed migration, and the NUMA/NIC diff of two
 * hosts for a pinned guest. For each fault, while it lasts and after it ends:
 * <ul>
 * <li>no uncaught exception on any thread and nothing logged at ERROR;</li>
 * <li>the FX thread never runs network code (its stack is sampled every 10 ms) and frames go on
 * being drawn while a call is stalled; the longest frame gap per fault is recorded, not asserted;</li>
 * <li>no false finding: no verdict, finding code or harmful-difference judgement that the healthy
 * cloud does not give, and a failed call is a "could not read" banner or note with the call and
 * its error, never "No problem found";</li>
 * <li>no dialog opens (no error dialog storm);</li>
 * <li>when the fault ends, every view shows fresh data again without a restart (the Overview and the
 * watch pane by themselves, Findings and Hosts with the banner's Retry).</li>
 * </ul>
 * The figures (longest frame gap, recovery time per fault) are logged at WARN as "WINDOW FAULTS"
 * and recorded in docs/RELIABILITY.md.
 */
@ExtendWith(ApplicationExtension.class)
class WindowFaultsTest {

    private static final org.slf4j.Logger LOG = LoggerFactory.getLogger(WindowFaultsTest.class);
    private static final String AGENT_HOST = "compute-4";
    private static final String AGENT_TOKEN = "window-faults-agent-token-0123456789abcdef";
    private static final String NOVA = "/compute/v2\\.1/.+";
    private static final String AGENTS = "/probe/.*";
    /** Frames of the FX thread that mean it is waiting on the network. */
    private static final List<String> NETWORK_CODE = List.of("java.net.Socket", "sun.nio.ch.NioSocketImpl",
            "sun.nio.ch.SocketChannelImpl", "sun.nio.ch.SocketDispatcher", "sun.nio.ch.Net", "java.net.http.", "jdk.internal.net.http.", "sun.net.www.protocol.http", "sun.security.ssl.",
            "dev.migrationworkbench.cloud.HttpTransport", "dev.migrationworkbench.cloud.OpenStackNovaGateway",
            "dev.migrationworkbench.cloud.EvidenceCollector", "dev.migrationworkbench.probe.client.ProbeClient",
            "dev.migrationworkbench.probe.client.HostProbes", "dev.migrationworkbench.service.CloudConnection",
            "dev.migrationworkbench.service.TriageService", "dev.migrationworkbench.service.DiagnosisService",
            "dev.migrationworkbench.service.MigrationSampler", "org.openstack4j.");

    /**
     * {@code -Dscreenshots=<dir>}: every view of every fault as a PNG, to look at; in a real window:
     * {@code xvfb-run -a ./mvnw test -Dtest=WindowFaultsTest -Dheadless=false -Dscreenshots=DIR -Dwindow.faults=503,certificate}.
     */
    private static final String SHOTS = System.getProperty("screenshots");

    @TempDir
    static Path home;

    private Stage stage;
    private DemoCloud demo;
    private AppContext context;
    private Path agentRoot;
    private AgentCertificate certificate;
    private AgentCertificate otherCertificate;
    private AgentServer agent;
    private int agentPort;

    private final List<String> uncaught = new CopyOnWriteArrayList<>();
    private final List<String> errorsLogged = new CopyOnWriteArrayList<>();
    private final List<String> fxInNetworkCode = new CopyOnWriteArrayList<>();
    private final List<Long> frames = Collections.synchronizedList(new ArrayList<>());
    private long refreshes;
    /** The last diagnosis: how long it ran (ms), the frames drawn meanwhile, the longest frame gap (ms). */
    private long[] lastDiagnosis;
    private AppenderBase<ILoggingEvent> errorAppender;
    private AnimationTimer frameTimer;
    private Thread stackSampler;
    private StallCanary canary;

    @Start
    void start(Stage stage) throws Exception {
        this.stage = stage;
        demo = DemoCloud.start(DemoCloudOptions.defaults()
                .withScenario(Path.of("src/test/resources/scenarios/window-faults.yaml")).withPort(0));
        Path openstack = Files.createDirectories(home.resolve("openstack"));
        Files.writeString(openstack.resolve("clouds.yaml"), """
                clouds:
                  faulty:
                    auth:
                      auth_url: %s
                      username: %s
                      password: %s
                      project_name: %s
                      user_domain_name: %s
                      project_domain_name: %s
                    region_name: %s
                """.formatted(demo.authUrl(), demo.username(), demo.password(), demo.projectName(), demo.userDomainName(),
                demo.projectDomainName(), demo.regionName()));
        AppDirs dirs = AppDirs.under(home.resolve("workbench"));
        Files.createDirectories(dirs.config());

        // the fifth host's agent is a real one over HTTPS (fixture tree), its certificate pinned as a user trusts it
        agentRoot = ProbeFixtures.materialize("two-node", home.resolve("agent-root"));
        certificate = AgentCertificate.loadOrCreate(home.resolve("agent-state-a"), AGENT_HOST);
        otherCertificate = AgentCertificate.loadOrCreate(home.resolve("agent-state-b"), AGENT_HOST);
        agent = startAgent(certificate, 0, AGENT_TOKEN);
        agentPort = agent.port();
        CertificatePins.load(dirs.config()).pin("127.0.0.1:" + agentPort, certificate.fingerprint());
        Path demoToken = Files.writeString(home.resolve("demo-agent-token"), demo.probeToken() + "\n");
        Path agentToken = Files.writeString(home.resolve("agent-token"), AGENT_TOKEN + "\n");
        StringBuilder agents = new StringBuilder();
        for (String host : demo.hostNames()) {
            agents.append("host.").append(host).append('=').append(host.equals(AGENT_HOST)
                    ? "https://127.0.0.1:" + agentPort : demo.probeUrl(host)).append('\n');
        }
        agents.append("token.file=").append(demoToken).append('\n');
        agents.append("token.file.").append(AGENT_HOST).append('=').append(agentToken).append('\n');
        Files.writeString(dirs.config().resolve("probe-agents.properties"), agents);

        ServicesBackend backend = new ServicesBackend(new Connector(new CloudProfiles(Map.of(), List.of(openstack)), dirs),
                List.of(), null);
        context = new AppContext(dirs, new FxUiExecutor(4), backend);
        context.mainViewModel().localeProperty().set(Locale.ENGLISH);
        WorkbenchApp.show(stage, context);
        context.start(stage);
        watchForTrouble();
    }

    private AgentServer startAgent(AgentCertificate cert, int port, String token) throws Exception {
        AgentService service = new AgentService(new HostReader(agentRoot, AGENT_HOST, new NovaConfig(null)), null, AGENT_HOST);
        return AgentServer.start(new AgentServer.Options(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), token,
                1000, 1000), cert.sslContext(), service);
    }

    /** Uncaught exceptions, ERROR log entries, frames drawn, and the FX thread's stack every 10 ms. */
    private void watchForTrouble() {
        Thread.setDefaultUncaughtExceptionHandler((t, e) -> uncaught.add(t.getName() + ": " + e));
        Thread fx = Thread.currentThread();
        fx.setUncaughtExceptionHandler((t, e) -> uncaught.add("FX thread: " + e));
        ch.qos.logback.classic.Logger root = (ch.qos.logback.classic.Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        errorAppender = new AppenderBase<>() {
            @Override
            protected void append(ILoggingEvent event) {
                // the demo cloud's MigrationEngine writes the emulated Nova's own error log lines
                if (event.getLevel().isGreaterOrEqual(Level.ERROR) && !event.getLoggerName().endsWith("democloud.MigrationEngine")) {
                    errorsLogged.add(event.getLoggerName() + ": " + event.getFormattedMessage()
                            + (event.getThrowableProxy() == null ? "" : " " + event.getThrowableProxy().getMessage()));
                }
            }
        };
        errorAppender.setContext(root.getLoggerContext());
        errorAppender.start();
        root.addAppender(errorAppender);
        frameTimer = new AnimationTimer() {
            @Override
            public void handle(long now) {
                frames.add(System.nanoTime());
            }
        };
        frameTimer.start();
        stackSampler = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                StackTraceElement[] stack = fx.getStackTrace();
                for (StackTraceElement e : stack) {
                    if (NETWORK_CODE.stream().anyMatch(e.getClassName()::startsWith)) {
                        fxInNetworkCode.add(java.util.Arrays.stream(stack).limit(25).map(String::valueOf)
                                .collect(Collectors.joining("\n  ")));
                        break;
                    }
                }
                try {
                    Thread.sleep(10);
                } catch (InterruptedException ie) {
                    return;
                }
            }
        }, "fx-stack-sampler");
        stackSampler.setDaemon(true);
        stackSampler.start();
        canary = new StallCanary(50);
    }

    @AfterEach
    void close() throws Exception {
        if (stackSampler != null) {
            stackSampler.interrupt();
            canary.close();
        }
        if (frameTimer != null) {
            WaitForAsyncUtils.asyncFx(frameTimer::stop).get();
        }
        ch.qos.logback.classic.Logger root = (ch.qos.logback.classic.Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.detachAppender(errorAppender);
        Thread.setDefaultUncaughtExceptionHandler(null);
        context.close();
        agent.close();
        demo.close();
    }

    /** What the healthy cloud shows, to tell a false finding from a true one. */
    private record Baseline(Map<Long, Verdict> verdicts, Map<Long, Set<String>> overviewCodes, Set<String> findingCodes,
            List<HostComparison.Difference> hostDifferences, List<HostComparison.Difference> agentHostDifferences) {
    }

    /** One fault: how to start it and end it, and what it hits. */
    private record FaultCase(String name, ThrowingRunnable start, ThrowingRunnable end, boolean hitsNova, boolean failsCalls) {
    }

    @FunctionalInterface
    private interface ThrowingRunnable {
        void run() throws Exception;
    }

    /** The figures of one fault. */
    private record Figures(String fault, long longestFrameGapMs, int frames, long machineStallMs, long[] diagnosis, String overviewSaid, String watchSaid,
            String findingsSaid, String hostsSaid, long overviewRecoveryMs, long watchRecoveryMs, long findingsRecoveryMs,
            long hostsRecoveryMs) {
    }

    @Test
    @org.junit.jupiter.api.Timeout(value = 15, unit = TimeUnit.MINUTES) // seventeen faults, each through four views
    void everyFaultLeavesTheWindowResponsiveTruthfulAndRecovering(FxRobot robot) throws Exception {
        robot.interact(() -> context.overviewViewModel().triageProperty().addListener((obs, old, now) -> refreshes++));
        robot.clickOn("#connectButton");
        waitUntil("connected", 60, () -> context.connectViewModel().connectedProperty().get() != null);
        Baseline baseline = healthy(robot);
        String serverOfWatch = watchedMigration().migrationProperty().get().serverId();

        List<FaultCase> faults = new ArrayList<>();
        faults.add(nova("latency 1.5 s", () -> demo.faults().add(Fault.latency(Duration.ofMillis(1500)).onPaths(NOVA)), false));
        faults.add(nova("500 on every compute call", () -> demo.faults().add(Fault.status(500).onPaths(NOVA)), true));
        faults.add(nova("503 on every compute call", () -> demo.faults().add(Fault.status(503).onPaths(NOVA)), true));
        faults.add(nova("429 with Retry-After 1 s", () -> demo.faults().add(Fault.rateLimited(Duration.ofSeconds(1)).onPaths(NOVA)),
                true));
        faults.add(nova("connection closed without an answer (reset)", () -> demo.faults().add(Fault.dropConnection().onPaths(NOVA)),
                true));
        faults.add(nova("malformed body", () -> demo.faults().add(Fault.malformedBody().onPaths(NOVA)), true));
        faults.add(nova("truncated body", () -> demo.faults().add(Fault.truncatedBody().onPaths(NOVA)), true));
        faults.add(nova("stall 8 s after the headers", () -> demo.faults().add(Fault.stall(Duration.ofSeconds(8)).onPaths(NOVA)),
                true));
        faults.add(nova("trickle a byte per 300 ms for 6 s", () -> demo.faults()
                .add(Fault.trickle(Duration.ofMillis(300), Duration.ofSeconds(6)).onPaths(NOVA)), true));
        faults.add(nova("tokens expired, Keystone 503", () -> {
            demo.faults().add(Fault.status(503).onPaths("/identity/v3/auth/tokens"));
            demo.faults().expireTokens();
        }, true));
        faults.add(nova("the cloud gone (every call closed, Keystone and agents too)",
                () -> demo.faults().add(Fault.dropConnection().onPaths(".*")), true));

        List<Figures> figures = new ArrayList<>();
        for (FaultCase fault : faults) {
            if (chosen(fault)) {
                figures.add(run(robot, fault, baseline, serverOfWatch));
            }
        }
        // agent faults: the simulated agents of the demo cloud, and the real agent of compute-4 over HTTPS
        List<FaultCase> agentFaults = new ArrayList<>();
        agentFaults.add(agentFault("agent unreachable (stopped: connection refused)", () -> agent.close(),
                this::restartAgentAsBefore));
        agentFaults.add(agentFault("agent certificate changed", () -> {
            agent.close();
            agent = startAgent(otherCertificate, agentPort, AGENT_TOKEN);
        }, this::restartAgentAsBefore));
        agentFaults.add(agentFault("agent refuses the token (token changed on the host)", () -> {
            agent.close();
            agent = startAgent(certificate, agentPort, "rotated-" + AGENT_TOKEN);
        }, this::restartAgentAsBefore));
        agentFaults.add(agentFault("agents slow (2.5 s)", () -> demo.faults().add(Fault.latency(Duration.ofMillis(2500))
                .onPaths(AGENTS)), () -> demo.faults().clear()));
        agentFaults.add(agentFault("agents stalled after the headers (20 s)", () -> demo.faults().add(Fault.stall(Duration.ofSeconds(20))
                .onPaths(AGENTS)), () -> demo.faults().clear()));
        agentFaults.add(agentFault("agents answer garbage", () -> demo.faults().add(Fault.malformedBody().onPaths(AGENTS)),
                () -> demo.faults().clear()));
        // the agent faults in Japanese: what the window says must be Japanese too
        robot.interact(() -> context.mainViewModel().localeProperty().set(Locale.JAPANESE));
        for (FaultCase fault : agentFaults) {
            if (chosen(fault)) {
                figures.add(run(robot, fault, baseline, serverOfWatch));
            }
        }

        LOG.warn("WINDOW FAULTS (load average {})\n{}", Files.exists(Path.of("/proc/loadavg")) ? Files.readString(Path.of("/proc/loadavg")).trim() : "not known", figures.stream().map(f -> String.format(Locale.ROOT,
                "| %s | %d ms (%d frames; a sleeping thread stalled %d ms within it; diagnosis %.1f s, %d frames, gap %d ms) | %s | %s | %s | %s | overview %s, watch %s, findings %s, hosts %s |",
                f.fault(), f.longestFrameGapMs(), f.frames(), f.machineStallMs(), f.diagnosis()[0] / 1000.0, f.diagnosis()[1],
                f.diagnosis()[2],
                f.overviewSaid(), f.watchSaid(), f.findingsSaid(), f.hostsSaid(),
                ms(f.overviewRecoveryMs()), ms(f.watchRecoveryMs()), ms(f.findingsRecoveryMs()), ms(f.hostsRecoveryMs())))
                .collect(Collectors.joining("\n")));
        assertThat(uncaught).as("uncaught exceptions").isEmpty();
        assertThat(errorsLogged).as("errors logged").isEmpty();
        assertThat(fxInNetworkCode).as("the FX thread in network code").isEmpty();
    }

    /** {@code -Dwindow.faults=503,certificate}: only the faults whose name contains one of these (all by default). */
    private static boolean chosen(FaultCase fault) {
        String only = System.getProperty("window.faults", "");
        return only.isBlank() || java.util.Arrays.stream(only.split(",")).anyMatch(part -> fault.name().contains(part.strip()));
    }

    private static String ms(long millis) {
        return millis < 0 ? "—" : String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
    }

    private FaultCase nova(String name, ThrowingRunnable start, boolean failsCalls) {
        return new FaultCase(name, start, () -> demo.faults().clear(), true, failsCalls);
    }

    private FaultCase agentFault(String name, ThrowingRunnable start, ThrowingRunnable end) {
        return new FaultCase(name, start, end, false, true);
    }

    private void restartAgentAsBefore() throws Exception {
        agent.close();
        agent = startAgent(certificate, agentPort, AGENT_TOKEN);
    }

    /** Waits for the picture of the healthy cloud on every view and keeps it. */
    private Baseline healthy(FxRobot robot) throws Exception {
        // the Overview: once the stuck migration is judged not converging (a few samples)
        show(robot, Section.OVERVIEW);
        waitUntil("the stuck migration judged on the Overview", 120, () -> {
            Triage t = context.overviewViewModel().triageProperty().get();
            return t != null && t.migrations().stream().anyMatch(v -> v.verdict() == Verdict.NOT_CONVERGING)
                    && t.migrations().stream().anyMatch(v -> v.verdict() == Verdict.FAILED);
        });
        Triage triage = fx(() -> context.overviewViewModel().triageProperty().get());
        Map<Long, Verdict> verdicts = new HashMap<>();
        Map<Long, Set<String>> codes = new HashMap<>();
        for (MigrationVerdict v : triage.migrations()) {
            verdicts.put(v.migration().id(), v.verdict());
            codes.put(v.migration().id(), v.codes().stream().map(Enum::name).collect(Collectors.toSet()));
        }
        assertThat(fx(() -> context.overviewViewModel().state().problemProperty().get())).isNull();

        // the Migrations view: the stuck migration watched on its live chart
        show(robot, Section.MIGRATIONS);
        waitUntil("the migrations listed", 30, () -> context.migrationsViewModel().migrations().stream()
                .anyMatch(m -> m.inProgress() && "compute-0".equals(m.sourceCompute())));
        javafx.scene.control.TableView<Migration> table = robot.lookup("#table").queryTableView();
        robot.interact(() -> table.getSelectionModel().select(table.getItems().stream()
                .filter(m -> m.inProgress() && "compute-0".equals(m.sourceCompute())).findFirst().orElseThrow()));
        robot.clickOn("#watchButton");
        waitUntil("the chart drawing samples", 60, () -> !context.migrationsViewModel().watched().isEmpty()
                && context.migrationsViewModel().watched().get(0).samples().size() >= 3
                && context.migrationsViewModel().watched().get(0).estimateProperty().get() != null);
        assertThat(robot.lookup("#migrationChart").tryQuery()).isPresent();
        // the host's nova.conf, not Nova's defaults: the completion timeout is off on this cloud
        waitUntil("the watch pane judging on the host's settings", 30,
                () -> robot.lookup("#timeoutValue").tryQuery().map(n -> ((Label) n).getText().equals(
                        messages("migrations.timeout.disabled"))).orElse(false));

        // Findings of the failed migration
        Set<String> findingCodes = diagnose(robot, "db-2");
        assertThat(fx(() -> context.findingsViewModel().state().problemProperty().get())).isNull();
        assertThat(findingCodes).contains("SERVER_GROUP_POLICY_VIOLATION");

        // Hosts: the pinned guest's NIC on another NUMA node at the destination (harmful), and the real agent's host
        List<HostComparison.Difference> differences = compare(robot, "compute-2", "compute-3", demo.serverId("nfv-router-1"));
        assertThat(fx(() -> context.hostsViewModel().state().problemProperty().get())).isNull();
        assertThat(differences).contains(HostComparison.Difference.PROBLEM);
        List<HostComparison.Difference> agentDifferences = compare(robot, "compute-2", AGENT_HOST, null);
        assertThat(fx(() -> context.hostsViewModel().state().problemProperty().get())).isNull();
        return new Baseline(verdicts, codes, findingCodes, differences, agentDifferences);
    }

    /** Runs one fault through every view, then ends it and waits for every view to recover. */
    private Figures run(FxRobot robot, FaultCase fault, Baseline baseline, String serverOfWatch) throws Exception {
        String name = fault.name();
        long from = System.nanoTime();
        fault.start().run();
        WatchedMigration watch = watchedMigration();

        // the Overview, refreshing by itself every 5 s
        show(robot, Section.OVERVIEW);
        String overviewSaid;
        if (fault.hitsNova() && fault.failsCalls()) {
            waitUntil(name + ": the Overview says what it could not read", 60,
                    () -> context.overviewViewModel().state().problemProperty().get() != null);
            overviewSaid = bannerText(robot);
            assertThat(overviewSaid).as(name + ": the Overview's banner").isNotBlank();
        } else {
            // the Overview does not ask the agents on a live refresh; a slow cloud is slow, not failed
            long refreshes = refreshesSeen();
            waitUntil(name + ": the Overview refreshed during the fault", 60, () -> refreshesSeen() > refreshes);
            overviewSaid = bannerText(robot).isBlank() ? "fresh data" : bannerText(robot);
        }
        assertNoFalseVerdict(name, baseline);
        shoot(name, "overview");

        // the Migrations view: the watch pane says the figures are stale and why, and stores no wrong sample
        show(robot, Section.MIGRATIONS);
        String watchSaid;
        if (fault.hitsNova() && fault.failsCalls()) {
            waitUntil(name + ": the watch pane marked stale", 60, () -> watch.staleProperty().get()
                    && watch.failureProperty().get() != null);
            waitUntil(name + ": the watch pane says why", 10, () -> robot.lookup("#readFailedValue").tryQuery().isPresent());
            watchSaid = ((Label) robot.lookup("#readFailedValue").query()).getText();
        } else {
            int samples = fx(() -> watch.samples().size());
            waitUntil(name + ": the chart goes on", 60, () -> watch.samples().size() > samples);
            watchSaid = "chart goes on";
        }
        shoot(name, "migrations");
        assertThat(fx(() -> List.copyOf(watch.samples()))).as(name + ": every sample is a reading")
                .allSatisfy(s -> assertThat(s.memoryTotalBytes()).isPositive());
        assertThat(fx(() -> watch.migrationProperty().get().status())).as(name).isEqualTo("running");

        // Findings of the failed migration: never a finding the healthy cloud does not give, never "No problem found"
        Set<String> codes = diagnose(robot, "db-2");
        long[] diagnosisUnderFault = lastDiagnosis;
        String findingsSaid = findingsSaid(robot, name, codes, baseline);
        shoot(name, "findings");

        // Hosts: never a harmless-looking diff for a guest that could not be read
        String hostsSaid;
        if (fault.hitsNova()) {
            List<HostComparison.Difference> differences = compare(robot, "compute-2", "compute-3", demo.serverId("nfv-router-1"));
            hostsSaid = hostsSaid(robot, name, differences, baseline.hostDifferences());
        } else {
            List<HostComparison.Difference> differences = compare(robot, "compute-2", AGENT_HOST, null);
            hostsSaid = hostsSaid(robot, name, differences, baseline.agentHostDifferences());
        }
        shoot(name, "hosts");
        assertThat(fx(() -> Window.getWindows().stream().filter(w -> w instanceof Stage).count()))
                .as(name + ": no dialog opened").isEqualTo(1);

        // the fault ends
        long ended = System.nanoTime();
        fault.end().run();
        int samplesAtEnd = fx(() -> watch.samples().size());
        Triage triageAtEnd = fx(() -> context.overviewViewModel().triageProperty().get());
        show(robot, Section.OVERVIEW);
        long[] overviewBack = {-1};
        long[] watchBack = {-1};
        waitUntil(name + ": the Overview and the watch pane recover by themselves", 120, () -> {
            long now = System.nanoTime();
            Triage t = context.overviewViewModel().triageProperty().get();
            if (overviewBack[0] < 0 && t != triageAtEnd && context.overviewViewModel().state().problemProperty().get() == null
                    && t.migrations().stream().allMatch(v -> v.verdict() == baseline.verdicts().get(v.migration().id()))) {
                overviewBack[0] = (now - ended) / 1_000_000;
            }
            if (watchBack[0] < 0 && !watch.staleProperty().get() && watch.samples().size() > samplesAtEnd) {
                watchBack[0] = (now - ended) / 1_000_000;
            }
            return overviewBack[0] >= 0 && watchBack[0] >= 0;
        });
        show(robot, Section.MIGRATIONS);
        assertThat(robot.lookup("#readFailedValue").tryQuery()).as(name + ": the watch pane's failure is gone").isEmpty();
        assertThat(fx(() -> watch.migrationProperty().get().serverId())).isEqualTo(serverOfWatch);

        long findingsFrom = System.nanoTime();
        show(robot, Section.FINDINGS);
        retryOrRefresh(robot);
        waitUntil(name + ": the findings again", 90, () -> !context.findingsViewModel().state().busyProperty().get()
                && context.findingsViewModel().state().problemProperty().get() == null
                && context.findingsViewModel().outcomeProperty().get() == DiagnosisRun.Outcome.FINDINGS
                && codes(context.findingsViewModel().findings()).equals(baseline.findingCodes()));
        long findingsBack = (System.nanoTime() - findingsFrom) / 1_000_000;

        long hostsFrom = System.nanoTime();
        show(robot, Section.HOSTS);
        retryOrRefresh(robot);
        List<HostComparison.Difference> expected = fault.hitsNova() ? baseline.hostDifferences() : baseline.agentHostDifferences();
        waitUntil(name + ": the host diff again", 60, () -> !context.hostsViewModel().state().busyProperty().get()
                && context.hostsViewModel().state().problemProperty().get() == null
                && differences(context.hostsViewModel().comparisonProperty().get()).equals(expected));
        long hostsBack = (System.nanoTime() - hostsFrom) / 1_000_000;

        if (Locale.JAPANESE.equals(fx(() -> context.mainViewModel().localeProperty().get()))) {
            for (String said : List.of(overviewSaid, watchSaid, findingsSaid, hostsSaid)) {
                if (!said.isBlank() && !said.equals("fresh data") && !said.equals("chart goes on") && !said.equals("same findings")
                        && !said.equals("same diff") && !said.startsWith("FINDINGS") && !said.startsWith("INCONCLUSIVE")) {
                    assertThat(said).as(name + ": said in Japanese").containsPattern("[\\p{IsHiragana}\\p{IsKatakana}\\p{IsHan}]");
                }
            }
        }
        long to = System.nanoTime();
        long[] gap = frameGap(from, to);
        assertThat(gap[1]).as(name + ": frames were drawn throughout").isGreaterThan(10);
        assertThat(uncaught).as(name + ": uncaught exceptions").isEmpty();
        assertThat(fxInNetworkCode).as(name + ": the FX thread in network code").isEmpty();
        return new Figures(name, gap[0] / 1_000_000, (int) gap[1], gap[2] / 1_000_000, diagnosisUnderFault, overviewSaid, watchSaid, findingsSaid, hostsSaid,
                overviewBack[0], watchBack[0], findingsBack, hostsBack);
    }

    /** Triages the Overview has shown (counted on the FX thread). */
    private long refreshesSeen() {
        return refreshes;
    }

    /** Every verdict on the Overview is the healthy one, or Inconclusive; no finding code the healthy cloud did not give. */
    private void assertNoFalseVerdict(String name, Baseline baseline) throws Exception {
        Triage t = fx(() -> context.overviewViewModel().triageProperty().get());
        for (MigrationVerdict v : t.migrations()) {
            long id = v.migration().id();
            assertThat(v.verdict()).as(name + ": verdict of migration " + id).isIn(baseline.verdicts().get(id), Verdict.INCONCLUSIVE);
            assertThat(v.codes().stream().map(Enum::name).toList()).as(name + ": findings of migration " + id)
                    .isSubsetOf(baseline.overviewCodes().get(id));
        }
    }

    private String findingsSaid(FxRobot robot, String name, Set<String> codes, Baseline baseline) throws Exception {
        assertThat(codes).as(name + ": findings during the fault").isSubsetOf(baseline.findingCodes());
        if (fx(() -> context.findingsViewModel().state().problemProperty().get()) != null) {
            return bannerText(robot);
        }
        DiagnosisRun.Outcome outcome = fx(() -> context.findingsViewModel().outcomeProperty().get());
        assertThat(outcome).as(name + ": never \"No problem found\"").isNotEqualTo(DiagnosisRun.Outcome.NO_PROBLEM);
        List<String> notes = fx(() -> context.findingsViewModel().notes().stream()
                .map(n -> n.resolve(dev.migrationworkbench.i18n.Messages.bundle(context.mainViewModel().localeProperty().get())))
                .toList());
        if (Locale.JAPANESE.equals(context.mainViewModel().localeProperty().get())) {
            assertThat(notes).as(name + ": the notes in Japanese")
                    .allSatisfy(n -> assertThat(n).containsPattern("[\\p{IsHiragana}\\p{IsKatakana}\\p{IsHan}]"));
        }
        if (!codes.equals(baseline.findingCodes())) {
            assertThat(outcome == DiagnosisRun.Outcome.INCONCLUSIVE || !notes.isEmpty())
                    .as(name + ": a finding missing is explained by a note").isTrue();
        }
        return codes.equals(baseline.findingCodes()) && notes.isEmpty() ? "same findings"
                : outcome + ", " + codes + (notes.isEmpty() ? "" : "; notes: " + String.join(" / ", notes));
    }

    private String hostsSaid(FxRobot robot, String name, List<HostComparison.Difference> differences,
            List<HostComparison.Difference> expected) throws Exception {
        if (fx(() -> context.hostsViewModel().state().problemProperty().get()) != null) {
            return bannerText(robot);
        }
        assertThat(differences).as(name + ": the host diff is the healthy one").isEqualTo(expected);
        return "same diff";
    }

    /** What a user does once the cloud is back: the banner's Retry, else Refresh. */
    private void retryOrRefresh(FxRobot robot) throws Exception {
        java.util.Optional<Node> retry = fx(() -> robot.lookup(".error-banner").queryAll().stream().filter(Node::isVisible)
                .map(b -> b.lookup("#retryButton")).filter(java.util.Objects::nonNull).findFirst());
        if (retry.isPresent()) {
            robot.clickOn(retry.get());
        } else {
            robot.clickOn("#refreshButton");
        }
    }

    private Set<String> diagnose(FxRobot robot, String server) throws Exception {
        show(robot, Section.FINDINGS);
        robot.interact(() -> robot.lookup("#searchField").<TextField>query().setText(server));
        long from = System.nanoTime();
        robot.clickOn("#refreshButton");
        waitUntil("the diagnosis of " + server, 120, () -> !context.findingsViewModel().state().busyProperty().get());
        long to = System.nanoTime();
        long[] gap = frameGap(from, to);
        lastDiagnosis = new long[] {(to - from) / 1_000_000, gap[1], gap[0] / 1_000_000};
        if (to - from > TimeUnit.SECONDS.toNanos(3)) {
            // the diagnosis waited on the network for seconds: frames went on being drawn meanwhile
            assertThat(gap[1]).as("frames drawn while the diagnosis of " + server + " waited on the network").isGreaterThan(10);
        }
        return fx(() -> codes(context.findingsViewModel().findings()));
    }

    private static Set<String> codes(List<FindingItem> findings) {
        return findings.stream().map(FindingItem::code).collect(Collectors.toSet());
    }

    private List<HostComparison.Difference> compare(FxRobot robot, String source, String destination, String server)
            throws Exception {
        show(robot, Section.HOSTS);
        robot.interact(() -> context.hostsViewModel().compare(server, source, destination));
        waitUntil("the comparison of " + source + " and " + destination, 60,
                () -> !context.hostsViewModel().state().busyProperty().get());
        return fx(() -> differences(context.hostsViewModel().comparisonProperty().get()));
    }

    private static List<HostComparison.Difference> differences(HostComparison comparison) {
        return comparison == null ? List.of() : comparison.rows().stream().map(HostComparison.Row::difference).toList();
    }

    private WatchedMigration watchedMigration() throws Exception {
        return fx(() -> context.migrationsViewModel().watched().get(0));
    }

    /** The text of the error banners on the view shown. */
    private String bannerText(FxRobot robot) throws Exception {
        return fx(() -> robot.lookup(".error-banner").queryAll().stream().filter(Node::isVisible)
                .flatMap(b -> ((javafx.scene.Parent) b).getChildrenUnmodifiable().stream())
                .filter(n -> n instanceof Label).map(n -> ((Label) n).getText()).collect(Collectors.joining(" ")));
    }

    private void show(FxRobot robot, Section section) {
        robot.clickOn("#nav" + section.name().charAt(0) + section.name().substring(1).toLowerCase(Locale.ROOT));
        WaitForAsyncUtils.waitForFxEvents();
    }

    private void shoot(String fault, String view) throws Exception {
        if (SHOTS == null) {
            return;
        }
        Path dir = Files.createDirectories(Path.of(SHOTS));
        String language = fx(() -> context.mainViewModel().localeProperty().get().getLanguage());
        javafx.scene.image.WritableImage image = fx(() -> stage.getScene().snapshot(null));
        javax.imageio.ImageIO.write(javafx.embed.swing.SwingFXUtils.fromFXImage(image, null), "png", dir.resolve("fault-"
                + fault.replaceAll("[^A-Za-z0-9]+", "-").replaceAll("-$", "") + "-" + view + "-" + language + ".png").toFile());
    }

    private String messages(String key) {
        return dev.migrationworkbench.i18n.Messages.bundle(context.mainViewModel().localeProperty().get()).getString(key);
    }

    /**
     * The longest gap between two frames within [from, to] (ns), the number of frames drawn then, and
     * the longest stall of the sleeping canary thread within that gap (ns; 0: the machine did not stall).
     */
    private long[] frameGap(long from, long to) {
        List<Long> within;
        synchronized (frames) {
            within = frames.stream().filter(t -> t >= from && t <= to).toList();
        }
        long longest = 0;
        long gapEnd = from;
        long last = from;
        for (long t : within) {
            if (t - last > longest) {
                longest = t - last;
                gapEnd = t;
            }
            last = t;
        }
        if (to - last > longest) {
            longest = to - last;
            gapEnd = to;
        }
        return new long[] {longest, within.size(), canary.longestWithin(gapEnd - longest, gapEnd)};
    }

    private static <T> T fx(Callable<T> what) throws Exception {
        return WaitForAsyncUtils.asyncFx(what).get(30, TimeUnit.SECONDS);
    }

    private static void waitUntil(String what, int seconds, BooleanSupplier condition) throws Exception {
        try {
            WaitForAsyncUtils.waitFor(seconds, TimeUnit.SECONDS, () -> WaitForAsyncUtils.asyncFx(condition::getAsBoolean).get());
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("waited " + seconds + " s for " + what, e);
        }
    }
}
