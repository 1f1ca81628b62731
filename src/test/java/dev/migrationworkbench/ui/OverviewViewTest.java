package dev.migrationworkbench.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.migrationworkbench.cloud.CloudProfiles;
import dev.migrationworkbench.config.AppDirs;
import dev.migrationworkbench.service.CloudConnection;
import dev.migrationworkbench.service.Connector;
import dev.migrationworkbench.service.SamplingPolicy;
import dev.migrationworkbench.service.TriageService;
import dev.migrationworkbench.triage.MigrationVerdict;
import dev.migrationworkbench.triage.Triage;
import dev.migrationworkbench.triage.Verdict;
import dev.migrationworkbench.ui.shell.Section;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The Overview in the running workbench on the demo cloud: first after connecting, the triage's verdicts, navigation. */
@ExtendWith(ApplicationExtension.class)
class OverviewViewTest {

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
    void theOverviewComesFirstAndAgreesWithTheCommandLineTriage(FxRobot robot) throws Exception {
        assertThat(context.mainViewModel().sectionProperty().get()).isEqualTo(Section.OVERVIEW);
        TableView<MigrationVerdict> table = robot.lookup("#overviewTable").queryTableView();
        // the demo's timeline starts its last migration at 60 s of virtual time (3 s at speed 20); a full
        // triage (the Refresh button) picks up migrations started after the last one
        WorkbenchViewsTest.waitUntil(() -> {
            if (table.getItems().size() < 8 && !context.overviewViewModel().state().busyProperty().get()) {
                context.overviewViewModel().refresh();
            }
            return table.getItems().size() >= 8;
        });
        List<MigrationVerdict> shown = List.copyOf(table.getItems());
        assertThat(shown.get(0).verdict().needsAttention()).isTrue();
        assertThat(shown.stream().map(MigrationVerdict::verdict).toList())
                .isSortedAccordingTo(Verdict::compareTo);

        Triage cli;
        try (CloudConnection c = new Connector(new CloudProfiles(Map.of(), List.of()), AppDirs.under(home.resolve("cli")))
                .demoOnVirtualClock("demo", Duration.ofMinutes(3))) {
            cli = new TriageService(c).triage(Duration.ofHours(24), null, SamplingPolicy.standard());
        }
        // a failed migration does not change with time: the window says what triage --format json says
        for (MigrationVerdict failed : cli.migrations().stream().filter(v -> v.verdict() == Verdict.FAILED).toList()) {
            MigrationVerdict row = shown.stream().filter(v -> v.serverId().equals(failed.serverId())
                    && v.migration().id() == failed.migration().id()).findFirst().orElseThrow();
            assertThat(row.verdict()).isEqualTo(Verdict.FAILED);
            assertThat(row.cause()).isEqualTo(failed.cause());
            assertThat(row.codes()).isEqualTo(failed.codes());
        }

        MigrationVerdict db2 = shown.stream().filter(v -> "db-2".equals(v.serverName())).findFirst().orElseThrow();
        robot.interact(() -> table.getSelectionModel().select(db2));
        robot.clickOn("#findingsButton");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(context.mainViewModel().sectionProperty().get()).isEqualTo(Section.FINDINGS);

        robot.clickOn("#navOverview");
        TableView<?> drains = robot.lookup("#drainTable").queryTableView();
        WorkbenchViewsTest.waitUntil(() -> !drains.getItems().isEmpty());
        robot.interact(() -> drains.getSelectionModel().select(0));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#drainChart").tryQuery()).isPresent();
        assertThat(robot.lookup("#drainForecastLabel").queryLabeled().getText()).isNotBlank();
    }
}
