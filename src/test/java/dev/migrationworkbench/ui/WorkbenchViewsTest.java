package dev.migrationworkbench.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.migrationworkbench.config.AppDirs;
import dev.migrationworkbench.model.Migration;
import dev.migrationworkbench.ui.backend.HostComparison;
import dev.migrationworkbench.ui.instances.ServerRow;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import javafx.scene.Node;
import javafx.scene.control.ComboBox;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.jfree.chart.fx.ChartViewer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Every view of the running workbench on the embedded demo cloud (its {@code demo} scenario, over
 * loopback HTTP through the real gateway, collector and diagnosis), driven through its nodes.
 */
@ExtendWith(ApplicationExtension.class)
class WorkbenchViewsTest {

    @TempDir
    static Path home;

    private AppContext context;

    @Start
    void start(Stage stage) {
        context = new AppContext(AppDirs.under(home), new FxUiExecutor(2), DemoCloudTestSupport.backend(home.resolve("config")));
        context.mainViewModel().localeProperty().set(Locale.ENGLISH);
        WorkbenchApp.show(stage, context);
        context.start(stage);
        context.connectViewModel().useDemo(); // as a new user does on the first run
    }

    @org.junit.jupiter.api.BeforeEach
    void connected() throws Exception {
        WorkbenchViewsTest.waitUntil(() -> context.connectViewModel().connectedProperty().get() != null);
        WaitForAsyncUtils.waitForFxEvents();
    }

    @AfterEach
    void close() {
        context.close();
    }

    @Test
    void instancesLoadAndFilter(FxRobot robot) throws Exception {
        TableView<ServerRow> table = loadedInstances(robot);
        int all = table.getItems().size();
        assertThat(all).isGreaterThanOrEqualTo(200);
        // loaded right after connecting, the demo's migrations may still be accepted: load again until one runs
        waitUntil(() -> {
            boolean running = table.getItems().stream().anyMatch(r -> "running".equals(r.migrationStatus()));
            if (!running && !context.instancesViewModel().state().busyProperty().get()) {
                context.instancesViewModel().refresh();
            }
            return running;
        });
        robot.press(KeyCode.CONTROL, KeyCode.F).release(KeyCode.F, KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#searchField").query().isFocused()).isTrue();
        robot.write("analytics");
        waitUntil(() -> table.getItems().size() == 1);
        assertThat(table.getItems().get(0).server().name()).isEqualTo("analytics-1");
        // Escape in the search field clears it; sent to the field itself, since under Monocle a notification
        // window of the running demo may hold the keyboard focus when the robot presses the key
        javafx.scene.control.TextField search = robot.lookup("#searchField").query();
        waitUntil(() -> {
            if (!search.getText().isEmpty()) {
                search.fireEvent(new javafx.scene.input.KeyEvent(javafx.scene.input.KeyEvent.KEY_PRESSED, "", "",
                        KeyCode.ESCAPE, false, false, false, false));
            }
            // the demo's clock runs on: a refresh meanwhile may have changed the count by a server or two
            return search.getText().isEmpty() && table.getItems().size() >= all - 5;
        });
    }

    @Test
    void runningMigrationChartGainsPoints(FxRobot robot) throws Exception {
        robot.clickOn("#navMigrations");
        TableView<Migration> table = robot.lookup("#table").queryTableView();
        waitUntil(() -> !table.getItems().isEmpty());
        // analytics-1 (compute-4 → compute-5) dirties memory faster than it can be copied: it keeps running
        robot.interact(() -> table.getSelectionModel().select(table.getItems().stream()
                .filter(m -> m.inProgress() && "compute-4".equals(m.sourceCompute())).findFirst().orElseThrow()));
        robot.clickOn("#watchButton");
        waitUntil(() -> robot.lookup("#migrationChart").tryQuery().isPresent());
        ChartViewer chart = robot.lookup("#migrationChart").query();
        waitUntil(() -> chart.getChart().getXYPlot().getDataset(0).getItemCount(0) >= 3);
        waitUntil(() -> robot.lookup("#verdictValue").tryQuery().isPresent());
    }

    @Test
    void findingsOfAFailedMigration(FxRobot robot) throws Exception {
        TableView<ServerRow> table = loadedInstances(robot);
        // db-2 was forced onto the host of its anti-affinity peer: the migration failed
        robot.interact(() -> robot.lookup("#searchField").<javafx.scene.control.TextField>query().setText("db-2"));
        waitUntil(() -> table.getItems().size() < 5);
        ServerRow db2 = table.getItems().stream().filter(r -> r.server().name().equals("db-2")).findFirst().orElseThrow();
        robot.interact(() -> {
            table.getSelectionModel().select(db2);
            table.requestFocus();
        });
        robot.press(KeyCode.ENTER).release(KeyCode.ENTER);
        waitUntil(() -> !robot.lookup(".finding-code").queryAll().isEmpty());
        assertThat(robot.lookup(".finding-code").queryAll()).extracting(n -> ((javafx.scene.control.Label) n).getText())
                .contains("SERVER_GROUP_POLICY_VIOLATION");
        assertThat(context.mainViewModel().sectionProperty().get()).isEqualTo(dev.migrationworkbench.ui.shell.Section.FINDINGS);
        robot.clickOn(robot.lookup(".evidence-pane").<Node>query());
        waitUntil(() -> robot.lookup(".raw-pane").tryQuery().isPresent());
        assertThat(robot.lookup(".copy-command").tryQuery()).isPresent();
    }

    @Test
    void compareHostsFromTheMigrationsViewOpensTheDiffFilledIn(FxRobot robot) throws Exception {
        robot.clickOn("#navMigrations");
        TableView<Migration> table = robot.lookup("#table").queryTableView();
        waitUntil(() -> table.getItems().stream().anyMatch(m -> m.destCompute() != null));
        Migration migration = table.getItems().stream().filter(m -> m.destCompute() != null).findFirst().orElseThrow();
        robot.interact(() -> table.getSelectionModel().select(migration));
        robot.clickOn("#compareHostsButton");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(context.mainViewModel().sectionProperty().get()).isEqualTo(dev.migrationworkbench.ui.shell.Section.HOSTS);
        assertThat(context.hostsViewModel().sourceProperty().get()).isEqualTo(migration.sourceCompute());
        assertThat(context.hostsViewModel().destinationProperty().get()).isEqualTo(migration.destCompute());
        assertThat(context.hostsViewModel().serverIdProperty().get()).isEqualTo(migration.serverId());
    }

    @Test
    void hostDiffHighlightsTheMismatch(FxRobot robot) throws Exception {
        TableView<ServerRow> table = loadedInstances(robot);
        // nfv-router-1 uses ens1f0, on NUMA node 0 at compute-2 but node 1 at compute-3
        ServerRow router = table.getItems().stream().filter(r -> r.server().name().equals("nfv-router-1")).findFirst().orElseThrow();
        robot.interact(() -> context.hostsViewModel().compare(router.server().id(), "compute-2", "compute-3"));
        robot.clickOn("#navHosts");
        var hosts = context.hostsViewModel();
        waitUntil(() -> hosts.comparisonProperty().get() != null || hosts.state().problemProperty().get() != null);
        assertThat(hosts.state().problemProperty().get()).isNull();
        HostComparison.Row nic = hosts.comparisonProperty().get().rows().stream()
                .filter(r -> r.aspect().args().equals(java.util.List.of("ens1f0"))).findFirst().orElseThrow();
        assertThat(nic.sourceValue()).startsWith("node 0");
        assertThat(nic.destinationValue()).startsWith("node 1");
        assertThat(nic.difference()).as("a NIC the instance uses moved to another node: harmful")
                .isEqualTo(HostComparison.Difference.PROBLEM);
        // the value that differs is highlighted, not the row: the NIC's node, not its name or speed
        assertThat(nic.source()).filteredOn(HostComparison.Part::differs).extracting(HostComparison.Part::text)
                .contains("node 0");
        assertThat(nic.source()).as("the NIC's other values are the same on both hosts").anyMatch(p -> !p.differs());
        for (HostComparison.Row row : hosts.comparisonProperty().get().rows()) {
            if (row.sourceValue().equals(row.destinationValue())) {
                assertThat(row.difference()).as("%s reads the same on both hosts", row.aspect()).isEqualTo(HostComparison.Difference.SAME);
                assertThat(row.source()).noneMatch(HostComparison.Part::differs);
            }
        }
        waitUntil(() -> robot.lookup(".diff-value-bad").tryQuery().isPresent());
        assertThat(robot.lookup(".diff-value").queryAllAs(javafx.scene.control.Label.class))
                .extracting(javafx.scene.control.Label::getText).contains("node 0", "node 1");
        assertThat(robot.lookup("#sourceDrawing").tryQuery()).isPresent();
        assertThat(robot.lookup("#destinationDrawing").tryQuery()).isPresent();
        assertThat(robot.lookup("#sourceChoice").<ComboBox<String>>query().getItems()).contains("compute-2", "compute-3");
    }

    @Test
    void languageSwitchKeepsTheState(FxRobot robot) throws Exception {
        TableView<ServerRow> before = loadedInstances(robot);
        int all = before.getItems().size();
        robot.interact(() -> robot.lookup("#languageChoice").<ComboBox<Locale>>query().setValue(Locale.JAPANESE));
        WaitForAsyncUtils.waitForFxEvents();
        TableView<ServerRow> after = robot.lookup("#table").queryTableView();
        assertThat(after).isNotSameAs(before);
        assertThat(after.getItems()).hasSize(all);
        assertThat(after.getColumns().get(0).getText()).isEqualTo("名前");
        assertThat(robot.lookup("#navMigrations").queryLabeled().getText()).isEqualTo("移行");
    }

    private TableView<ServerRow> loadedInstances(FxRobot robot) throws Exception {
        robot.clickOn("#navInstances"); // the Overview is the first view after connecting
        WaitForAsyncUtils.waitForFxEvents();
        TableView<ServerRow> table = robot.lookup("#table").queryTableView();
        waitUntil(() -> context.instancesViewModel().loadedAtProperty().get() != null && !table.getItems().isEmpty());
        return table;
    }

    static void waitUntil(BooleanSupplier condition) throws Exception {
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> WaitForAsyncUtils.asyncFx(condition::getAsBoolean).get());
    }
}
