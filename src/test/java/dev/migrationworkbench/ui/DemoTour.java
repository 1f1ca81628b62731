package dev.migrationworkbench.ui;

import dev.migrationworkbench.model.Migration;
import dev.migrationworkbench.ui.shell.Section;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/** Brings the workbench on the demo cloud into a state worth a screenshot: data loaded, migrations watched, a diagnosis, a host diff. */
final class DemoTour {

    private final AppContext context;
    private final FxRobot robot;

    DemoTour(AppContext context, FxRobot robot) {
        this.context = context;
        this.robot = robot;
    }

    void prepare() throws Exception {
        waitUntil(() -> !context.instancesViewModel().rows().isEmpty() && !context.instancesViewModel().state().busyProperty().get());
        waitUntil(() -> !context.migrationsViewModel().migrations().isEmpty());
        // the stuck analytics-1 (compute-4 → compute-5) and whatever else still runs
        robot.interact(() -> context.migrationsViewModel().migrations().stream().filter(Migration::inProgress)
                .sorted((a, b) -> "compute-4".equals(a.sourceCompute()) ? 1 : -1)
                .forEach(context.migrationsViewModel()::watch));
        robot.interact(() -> context.findingsViewModel().diagnose("db-2"));
        String router = context.instancesViewModel().rows().stream().filter(r -> r.server().name().equals("nfv-router-1"))
                .findFirst().orElseThrow().server().id();
        robot.interact(() -> context.hostsViewModel().compare(router, "compute-2", "compute-3"));
        waitUntil(() -> context.hostsViewModel().comparisonProperty().get() != null);
        waitUntil(() -> !context.findingsViewModel().findings().isEmpty());
        waitUntil(() -> context.migrationsViewModel().selectedProperty().get() != null
                && context.migrationsViewModel().selectedProperty().get().samples().size() >= 30);
        // the Overview with the stuck drain of compute-4 open
        waitUntil(() -> context.overviewViewModel().migrations().size() >= 8);
        robot.interact(() -> {
            context.overviewViewModel().selectedProperty().set(context.overviewViewModel().migrations().get(0));
            context.overviewViewModel().drains().stream().filter(d -> d.host().equals("compute-4")).findFirst()
                    .ifPresent(d -> context.overviewViewModel().selectedDrainProperty().set(d));
        });
    }

    void settle(Section section) throws Exception {
        WaitForAsyncUtils.waitForFxEvents();
        Thread.sleep(300);
        WaitForAsyncUtils.waitForFxEvents();
    }

    private static void waitUntil(BooleanSupplier condition) throws Exception {
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> WaitForAsyncUtils.asyncFx(condition::getAsBoolean).get());
    }
}
