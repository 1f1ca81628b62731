package dev.migrationworkbench.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.migrationworkbench.config.AppDirs;
import dev.migrationworkbench.model.Migration;
import dev.migrationworkbench.offline.ArchivesForTests;
import dev.migrationworkbench.offline.EvidenceBundle;
import dev.migrationworkbench.ui.backend.FindingItem;
import dev.migrationworkbench.ui.migrations.WatchedMigration;
import dev.migrationworkbench.ui.shell.Section;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import javafx.stage.Stage;
import org.controlsfx.control.StatusBar;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * File → Open in the window: the case's sosreports (real Nova log lines, see
 * src/test/resources/offline/case/ORIGIN.md) shown in the Migrations, Findings and Hosts views as a
 * cloud would be, each finding's facts pointing into the archives; an evidence bundle saved from
 * the window reopens on the same findings.
 */
@ExtendWith(ApplicationExtension.class)
class OfflineWindowTest {

    private static final Path CASE = Path.of("src/test/resources/offline/case");
    private static final String STUCK = "4be1d5da-58b1-4a4d-a2c5-f6f0223b900a";

    @TempDir
    static Path home;

    private AppContext context;
    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        context = new AppContext(AppDirs.under(home), new SynchronousUiExecutor(), new InMemoryBackend(20));
        context.mainViewModel().localeProperty().set(Locale.ENGLISH);
        WorkbenchApp.show(stage, context);
    }

    @Test
    void openingSosreportsShowsTheCaseInEveryView(FxRobot robot) throws Exception {
        Path a = ArchivesForTests.tarXz(CASE.resolve("sosreport-compute-a"), home.resolve("sosreport-compute-a.tar.xz"));
        Path b = ArchivesForTests.tarXz(CASE.resolve("sosreport-compute-b"), home.resolve("sosreport-compute-b.tar.xz"));
        robot.interact(() -> context.offlineViewModel().open(List.of(a, b)));
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(context.offlineViewModel().errorProperty().get()).isNull();
        assertThat(context.mainViewModel().sectionProperty().get()).isEqualTo(Section.MIGRATIONS);
        assertThat(robot.lookup("#statusBar").<StatusBar>query().getText())
                .isEqualTo("Offline evidence (read-only): sosreport-compute-a.tar.xz, sosreport-compute-b.tar.xz");
        List<Migration> migrations = context.migrationsViewModel().migrations();
        assertThat(migrations).extracting(Migration::status).containsExactlyInAnyOrder("cancelled", "completed");

        // the chart of the cancelled migration: the progress lines of the source's log
        Migration cancelled = migrations.stream().filter(m -> "cancelled".equals(m.status())).findFirst().orElseThrow();
        WatchedMigration[] watch = new WatchedMigration[1];
        robot.interact(() -> watch[0] = context.migrationsViewModel().watch(cancelled));
        assertThat(watch[0].samples()).hasSizeGreaterThan(40);
        // the estimate is the cloud backend's analysis of these samples (this test's in-memory one)
        assertThat(watch[0].estimateProperty().get()).isNotNull();
        assertThat(watch[0].migrationProperty().get().status()).isEqualTo("cancelled");

        robot.interact(() -> {
            context.mainViewModel().show(Section.FINDINGS);
            context.findingsViewModel().diagnose(STUCK);
        });
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(context.findingsViewModel().findings()).extracting(FindingItem::code)
                .startsWith("MIGRATION_TIMED_OUT", "MIGRATION_NOT_CONVERGING");
        FindingItem finding = context.findingsViewModel().findings().get(1);
        assertThat(finding.evidence()).anyMatch(f -> f.source().startsWith("sosreport-compute-a.tar.xz › var/log/containers/nova/nova-compute.log:")
                && f.value().contains("Migration operation was cancelled"));

        // saved as a bundle and reopened: the same findings, the same facts
        Path bundle = home.resolve("stuck.evidence.json");
        robot.interact(() -> context.saveEvidenceBundle(context.findingsViewModel().evidenceProperty().get(), bundle));
        assertThat(bundle).exists();
        assertThat(EvidenceBundle.read(bundle).evidence()).isEqualTo(context.findingsViewModel().evidenceProperty().get());
        List<String> codes = context.findingsViewModel().findings().stream().map(FindingItem::code).toList();
        robot.interact(() -> context.offlineViewModel().open(List.of(bundle)));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(context.mainViewModel().sectionProperty().get()).isEqualTo(Section.FINDINGS);
        assertThat(context.findingsViewModel().findings().stream().map(FindingItem::code).toList()).isEqualTo(codes);
    }

    @Test
    void aDamagedArchiveSaysWhyInTheStatusLine(FxRobot robot) throws Exception {
        Path junk = Files.write(home.resolve("sosreport-broken.tar.xz"), new byte[] {(byte) 0xFD, '7', 'z', 'X', 'Z', 0, 9, 9});
        robot.interact(() -> context.offlineViewModel().open(List.of(junk)));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#statusBar").<StatusBar>query().getText())
                .startsWith("Could not open: ").contains("sosreport-broken.tar.xz is truncated");
    }
}
