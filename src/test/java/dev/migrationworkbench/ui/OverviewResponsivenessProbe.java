package dev.migrationworkbench.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.migrationworkbench.config.AppDirs;
import dev.migrationworkbench.service.FleetScenario;
import dev.migrationworkbench.triage.Triage;
import dev.migrationworkbench.ui.shell.Section;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import javafx.animation.AnimationTimer;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Not a test: the frame-gap probe of docs/PERFORMANCE.md. The workbench on the fleet benchmark's
 * demo cloud (1,000 hosts, 10,000 servers, 200 concurrent live migrations, running in this JVM),
 * the Overview shown and refreshing live by itself (every 5 s; every 12th tick a full triage); an
 * AnimationTimer records the gap between consecutive frames (pulses) for a minute of watching, and a
 * thread that only sleeps tells stalls of the whole JVM or machine (GC, CPU) from the window's own work.
 * Runs only with {@code -Dperformance=true}; figures go to the log at WARN, never into assertions:
 * {@code ./mvnw test -Dtest=OverviewResponsivenessProbe -Dperformance=true}
 */
@ExtendWith(ApplicationExtension.class)
class OverviewResponsivenessProbe {

    private static final Logger LOG = LoggerFactory.getLogger(OverviewResponsivenessProbe.class);
    private static final long WATCH_SECONDS = 60;

    @TempDir
    static Path home;

    private AppContext context;

    @Start
    void start(Stage stage) throws Exception {
        assumeTrue(Boolean.getBoolean("performance"), "set -Dperformance=true to measure");
        Path scenario = FleetScenario.write(home.resolve("fleet.yaml"));
        context = new AppContext(AppDirs.under(home), new FxUiExecutor(2),
                DemoCloudTestSupport.scenarioBackend(home.resolve("config"), "fleet", scenario));
        context.mainViewModel().localeProperty().set(Locale.ENGLISH);
        WorkbenchApp.show(stage, context);
    }

    private static long gcMillis() {
        return java.lang.management.ManagementFactory.getGarbageCollectorMXBeans().stream()
                .mapToLong(java.lang.management.GarbageCollectorMXBean::getCollectionTime).filter(t -> t > 0).sum();
    }

    @Test
    void liveRefreshOfTwoHundredMigrations(FxRobot robot) throws Exception {
        assumeTrue(Boolean.getBoolean("performance"));
        robot.interact(() -> context.connectViewModel().connect());
        // the drain's migrations start 2 s into the scenario: a full triage until all of them run
        WaitForAsyncUtils.waitFor(150, TimeUnit.SECONDS, () -> WaitForAsyncUtils.asyncFx(() -> {
            Triage t = context.overviewViewModel().triageProperty().get();
            boolean ready = t != null && t.running().size() >= 200;
            if (!ready && context.connectViewModel().connectedProperty().get() != null
                    && !context.overviewViewModel().state().busyProperty().get()) {
                context.mainViewModel().show(Section.OVERVIEW);
                context.overviewViewModel().refresh();
            }
            return ready;
        }).get());

        List<long[]> gaps = new ArrayList<>(); // {frame time, gap} in ns
        List<long[]> updates = new ArrayList<>(); // {time, running}
        long[] last = {0};
        AnimationTimer timer = new AnimationTimer() {
            @Override
            public void handle(long now) {
                if (last[0] != 0) {
                    gaps.add(new long[] {now, now - last[0]});
                }
                last[0] = now;
            }
        };
        robot.interact(() -> {
            context.overviewViewModel().triageProperty().addListener((obs, old, t) -> {
                if (t != null) {
                    updates.add(new long[] {System.nanoTime(), t.running().size()});
                }
            });
            timer.start();
        });
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        long fxThread = WaitForAsyncUtils.asyncFx(() -> Thread.currentThread().getId()).get();
        long fxCpuBefore = threads.getThreadCpuTime(fxThread);
        long gcBefore = gcMillis();
        long started = System.nanoTime();
        StallCanary canary = new StallCanary(20);
        Thread.sleep(TimeUnit.SECONDS.toMillis(WATCH_SECONDS));
        canary.close();
        long gc = gcMillis() - gcBefore;
        long fxCpu = threads.getThreadCpuTime(fxThread) - fxCpuBefore;
        List<long[]> seen = WaitForAsyncUtils.asyncFx(() -> {
            timer.stop();
            return List.copyOf(gaps);
        }).get();
        List<long[]> shown = WaitForAsyncUtils.asyncFx(() -> List.copyOf(updates)).get();
        long worst = seen.stream().mapToLong(g -> g[1]).max().orElse(0);
        long over100 = seen.stream().filter(g -> g[1] > 100_000_000L).count();
        long over50 = seen.stream().filter(g -> g[1] > 50_000_000L).count();
        double meanMs = seen.stream().mapToLong(g -> g[1]).average().orElse(0) / 1e6;
        List<long[]> jvmStalls = canary.stalls();
        // a frame gap the canary shared (a stall of 50 ms or more within it) was the JVM or the machine, not the window's work
        long sharedWithCanary = seen.stream().filter(g -> g[1] > 100_000_000L).filter(g -> jvmStalls.stream()
                .anyMatch(st -> st[1] >= 50_000_000L && st[0] > g[0] - g[1] && st[0] - st[1] < g[0])).count();
        long worstCanary = jvmStalls.stream().mapToLong(st -> st[1]).max().orElse(0);
        List<String> perUpdate = new ArrayList<>();
        long from = started;
        for (long[] u : shown) {
            long f = from;
            long worstBefore = seen.stream().filter(g -> g[0] > f && g[0] <= u[0] + 50_000_000L).mapToLong(g -> g[1]).max().orElse(0);
            perUpdate.add(String.format(Locale.ROOT, "%.1fs:%d running, worst gap %d ms", (u[0] - started) / 1e9, u[1],
                    worstBefore / 1_000_000));
            from = u[0];
        }
        LOG.warn("PERFORMANCE overview: {} s of live watching, {} Overview updates; {} frames, mean frame interval {} ms, "
                        + "longest frame gap {} ms, {} gaps over 100 ms ({} of them while a plain sleeping thread was stalled "
                        + "50 ms or more too: GC or CPU), {} over 50 ms; sleeping thread's longest stall {} ms; GC time {} ms; "
                        + "CPU time of the FX thread {} ms; "
                        + "per update: {}; heap used {} MiB",
                WATCH_SECONDS, shown.size(), seen.size(), String.format(Locale.ROOT, "%.1f", meanMs), worst / 1_000_000,
                over100, sharedWithCanary, over50, worstCanary / 1_000_000, gc, fxCpu / 1_000_000, perUpdate,
                (Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory()) / (1024 * 1024));
        assertThat(shown).isNotEmpty();
        context.close();
    }
}
