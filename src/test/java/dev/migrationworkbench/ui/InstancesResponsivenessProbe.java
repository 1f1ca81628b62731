package dev.migrationworkbench.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.migrationworkbench.config.AppDirs;
import dev.migrationworkbench.ui.instances.ServerRow;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javafx.animation.AnimationTimer;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
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
 * Not a test: measures the Instances view on the demo cloud scaled to 10,000 servers for
 * docs/PERFORMANCE.md (load time, longest stall of the FX thread while loading, filter and sort
 * times). Runs only with {@code -Dperformance=true}; figures go to the log (at WARN, which the test
 * log shows), never into assertions.
 */
@ExtendWith(ApplicationExtension.class)
class InstancesResponsivenessProbe {

    private static final Logger LOG = LoggerFactory.getLogger(InstancesResponsivenessProbe.class);
    private static final int SERVERS = 10_000;

    @TempDir
    static Path home;

    private AppContext context;

    @Start
    void start(Stage stage) {
        assumeTrue(Boolean.getBoolean("performance"), "set -Dperformance=true to measure");
        context = new AppContext(AppDirs.under(home), new FxUiExecutor(2), DemoCloudTestSupport.scaledBackend(home.resolve("config")));
        context.mainViewModel().localeProperty().set(Locale.ENGLISH);
        WorkbenchApp.show(stage, context);
    }

    @Test
    void tenThousandServers(FxRobot robot) throws Exception {
        assumeTrue(Boolean.getBoolean("performance"));
        robot.interact(() -> context.mainViewModel().show(dev.migrationworkbench.ui.shell.Section.INSTANCES));
        TableView<ServerRow> table = robot.lookup("#table").queryTableView();

        AtomicLong last = new AtomicLong();
        AtomicLong worstGap = new AtomicLong();
        AtomicLong frames = new AtomicLong();
        AnimationTimer timer = new AnimationTimer() {
            @Override
            public void handle(long now) {
                long previous = last.getAndSet(now);
                if (previous != 0) {
                    worstGap.accumulateAndGet(now - previous, Math::max);
                }
                frames.incrementAndGet();
            }
        };
        long started = System.nanoTime();
        robot.interact(() -> {
            timer.start();
            context.connectViewModel().connect();
        });
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> WaitForAsyncUtils.asyncFx(
                () -> table.getItems().size() == SERVERS && !context.instancesViewModel().state().busyProperty().get()).get());
        long loadMillis = (System.nanoTime() - started) / 1_000_000;
        robot.interact(timer::stop);
        long firstFrames = frames.get();

        long filterMicros = timeOnFx(robot, () -> {
            context.instancesViewModel().filterProperty().set("vm-0042");
            table.layout();
        });
        int matches = table.getItems().size();
        long clearMicros = timeOnFx(robot, () -> {
            context.instancesViewModel().filterProperty().set("");
            table.layout();
        });
        TableColumn<ServerRow, ?> host = table.getColumns().get(4);
        long sortMicros = timeOnFx(robot, () -> {
            table.getSortOrder().setAll(host);
            table.layout();
        });
        long scrollMicros = timeOnFx(robot, () -> {
            table.scrollTo(SERVERS / 2);
            table.layout();
        });

        LOG.warn("PERFORMANCE instances: {} servers loaded in {} ms; {} frames while loading, longest FX-thread gap {} ms;"
                        + " filter to {} rows {} ms; clear filter {} ms; sort by host {} ms; jump-scroll {} ms; heap used {} MiB",
                SERVERS, loadMillis, firstFrames, worstGap.get() / 1_000_000, matches, filterMicros / 1000.0,
                clearMicros / 1000.0, sortMicros / 1000.0, scrollMicros / 1000.0,
                (Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory()) / (1024 * 1024));
        assertThat(table.getItems()).hasSize(SERVERS);
        context.close();
    }

    private static long timeOnFx(FxRobot robot, Runnable action) throws Exception {
        return WaitForAsyncUtils.asyncFx(() -> {
            long t = System.nanoTime();
            action.run();
            return (System.nanoTime() - t) / 1000;
        }).get();
    }
}
