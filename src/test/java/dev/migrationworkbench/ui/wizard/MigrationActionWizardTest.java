package dev.migrationworkbench.ui.wizard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.migrationworkbench.action.AuditLog;
import dev.migrationworkbench.action.MigrationAction;
import dev.migrationworkbench.action.MigrationActions;
import dev.migrationworkbench.cloud.CloudProfile;
import dev.migrationworkbench.cloud.GatewayOptions;
import dev.migrationworkbench.cloud.NovaGateway;
import dev.migrationworkbench.cloud.OpenStackNovaGateway;
import dev.migrationworkbench.democloud.DemoCloud;
import dev.migrationworkbench.democloud.DemoCloudOptions;
import dev.migrationworkbench.diagnosis.convergence.ConvergenceAnalysis;
import dev.migrationworkbench.diagnosis.convergence.ConvergenceAnalyzer;
import dev.migrationworkbench.diagnosis.convergence.LiveMigrationSettings;
import dev.migrationworkbench.i18n.Messages;
import dev.migrationworkbench.model.Migration;
import dev.migrationworkbench.model.ProgressSample;
import dev.migrationworkbench.ui.FxmlView;
import dev.migrationworkbench.ui.SynchronousUiExecutor;
import dev.migrationworkbench.ui.ViewLoader;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javafx.scene.control.Label;
import javafx.scene.control.RadioButton;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The guided wizard on a stuck migration of the demo cloud, driven through its buttons. */
@ExtendWith(ApplicationExtension.class)
class MigrationActionWizardTest {

    @TempDir
    Path data;

    private DemoCloud cloud;
    private NovaGateway gateway;
    private Stage owner;

    @Start
    void start(Stage stage) {
        owner = stage;
        stage.show();
    }

    @AfterEach
    void close() {
        if (gateway != null) {
            gateway.close();
        }
        if (cloud != null) {
            cloud.close();
        }
    }

    @Test
    void preselectsTheRecommendationAndAbortsOnRequest(FxRobot robot) throws Exception {
        MigrationActionWizardViewModel vm = openOnStuckMigration(robot, Locale.ENGLISH);
        MigrationAction recommended = vm.recommendedProperty().get();
        assertThat(recommended).as("a stuck migration gets a recommendation").isNotNull();
        assertThat(robot.lookup(recommended == MigrationAction.ABORT ? "#abortChoice" : "#forceChoice")
                .<RadioButton>query().isSelected()).isTrue();
        robot.interact(() -> robot.lookup("#abortChoice").<RadioButton>query().fire());
        assertThat(vm.actionProperty().get()).isEqualTo(MigrationAction.ABORT);
        assertThat(robot.lookup("#forceChoice").<RadioButton>query().isSelected()).isFalse();
        assertThat(robot.lookup("#forceConsequence").<Label>query().getText()).contains("paused");

        robot.clickOn("#nextButton");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(vm.checkProperty().get().allowed()).isTrue();
        assertThat(robot.lookup("#checkStatus").<Label>query().getText())
                .isEqualTo(Messages.forLocale(Locale.ENGLISH).get("wizard.check.ok"));

        robot.clickOn("#nextButton");
        robot.clickOn("#ticketField").write("case 42");
        robot.clickOn("#executeButton");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(vm.stepProperty().get()).isEqualTo(MigrationActionWizardViewModel.Step.RESULT);

        cloud.clock().advance(Duration.ofSeconds(10));
        robot.interact(vm::follow);
        assertThat(vm.finishedProperty().get()).isTrue();
        assertThat(vm.finalStatusProperty().get()).isEqualTo("cancelled");
        assertThat(new AuditLog(data).read()).extracting(AuditLog.Entry::ticket).containsOnly("case 42");
    }

    @Test
    void forceCompleteNeedsTheDowntimeAcknowledgedInJapaneseToo(FxRobot robot) throws Exception {
        MigrationActionWizardViewModel vm = openOnStuckMigration(robot, Locale.JAPANESE);
        robot.clickOn("#forceChoice");
        robot.clickOn("#nextButton");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(vm.stepProperty().get()).isEqualTo(MigrationActionWizardViewModel.Step.CHECK);
        assertThat(vm.blockers()).isEmpty();
        robot.clickOn("#nextButton");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(vm.stepProperty().get()).isEqualTo(MigrationActionWizardViewModel.Step.CONFIRM);
        assertThat(vm.canExecute().get()).isFalse();
        assertThat(robot.lookup("#acknowledgeBox").<javafx.scene.control.CheckBox>query().getText()).contains("一時停止");

        robot.clickOn("#acknowledgeBox");
        robot.clickOn("#executeButton");
        cloud.clock().advance(Duration.ofSeconds(120));
        robot.interact(vm::follow);
        assertThat(vm.finalStatusProperty().get()).isEqualTo("completed");
    }

    private MigrationActionWizardViewModel openOnStuckMigration(FxRobot robot, Locale locale) throws Exception {
        cloud = DemoCloud.start(DemoCloudOptions.defaults().withScenario("migration-not-converging").withSpeed(0));
        gateway = OpenStackNovaGateway.connect(CloudProfile.password("demo", cloud.authUrl(), cloud.username(),
                cloud.password(), cloud.userDomainName(), cloud.projectName(), cloud.projectDomainName(),
                cloud.regionName()), GatewayOptions.defaults());
        String serverId = cloud.serverId("db-1");
        List<ProgressSample> samples = new ArrayList<>();
        Migration migration = null;
        for (int i = 0; i < 40; i++) {
            cloud.clock().advance(Duration.ofSeconds(5));
            migration = gateway.listInProgressLiveMigrations(serverId).get(0);
            samples.add(migration.toSample());
        }
        ConvergenceAnalysis analysis = new ConvergenceAnalyzer().analyze(samples, new ConvergenceAnalyzer.MigrationFacts(
                migration.status(), migration.createdAt(), migration.memoryTotalBytes(), 0,
                LiveMigrationSettings.defaults(), samples.get(samples.size() - 1).at()));
        WizardTarget target = new WizardTarget(serverId, "db-1", migration, analysis);
        MigrationActions actions = new MigrationActions(gateway, new AuditLog(data), Clock.systemUTC());
        MigrationActionWizardViewModel vm = new MigrationActionWizardViewModel(target, actions, new SynchronousUiExecutor(), locale);
        // shown in the test's own stage: a second stage hangs Monocle 17's headless renderer
        ViewLoader loader = new ViewLoader(Messages.bundle(locale), Map.of());
        robot.interact(() -> {
            owner.setScene(new javafx.scene.Scene(loader.load(FxmlView.MIGRATION_ACTION_WIZARD, new MigrationActionWizardView(vm))));
            owner.sizeToScene();
            owner.setX(0);
            owner.setY(0);
            owner.toFront();
        });
        WaitForAsyncUtils.waitForFxEvents();
        return vm;
    }
}
