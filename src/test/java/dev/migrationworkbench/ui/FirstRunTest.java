package dev.migrationworkbench.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.migrationworkbench.cloud.CloudProfiles;
import dev.migrationworkbench.cloud.MemoryVault;
import dev.migrationworkbench.config.AppDirs;
import dev.migrationworkbench.config.OpenStackConfigPaths;
import dev.migrationworkbench.config.UserEnvironment;
import dev.migrationworkbench.service.CloudSetup;
import dev.migrationworkbench.service.Connector;
import dev.migrationworkbench.ui.shell.Section;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * A first run with no cloud configured: the window says so and waits (no silent demo), the demo
 * cloud when asked is marked DEMO on every view and in the title, and the add-cloud form on a
 * machine without a keyring says so, saves only to the file the user explicitly picks, and the
 * Connect view then offers the new cloud.
 */
@ExtendWith(ApplicationExtension.class)
class FirstRunTest {

    @TempDir
    static Path home;

    private AppContext context;
    private Stage stage;
    private final MemoryVault vault = new MemoryVault();

    @Start
    void start(Stage stage) {
        this.stage = stage;
        Map<String, String> env = Map.of("HOME", home.toString(), "XDG_CONFIG_HOME", home.resolve("xdg").toString());
        UserEnvironment user = new UserEnvironment(env, "Linux", home.resolve("cwd"), Path.of("/nonexistent"));
        vault.refuse = true; // like this machine: no Secret Service daemon
        CloudProfiles profiles = new CloudProfiles(env, OpenStackConfigPaths.of(user).searchDirs(), vault);
        // the window's clouds and the form's clouds.yaml are the same files, as for a user
        ServicesBackend backend = new ServicesBackend(new Connector(profiles, AppDirs.under(home.resolve("mw"))),
                Connector.builtInScenarios(), null);
        context = new AppContext(AppDirs.under(home.resolve("mw")), new FxUiExecutor(2), backend, () -> new CloudSetup(profiles));
        context.mainViewModel().localeProperty().set(Locale.ENGLISH);
        WorkbenchApp.show(stage, context);
        context.start(stage);
    }

    @AfterEach
    void close() {
        context.close();
    }

    @Test
    void noCloudMeansAnOfferNotASilentDemoAndTheDemoIsMarkedEverywhere(FxRobot robot) throws Exception {
        Thread.sleep(500);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(context.mainViewModel().sectionProperty().get()).isEqualTo(Section.CONNECT);
        assertThat(context.connectViewModel().connectedProperty().get()).as("never connects by itself").isNull();
        assertThat(robot.lookup("#firstRunBox").query().isVisible()).isTrue();
        assertThat(robot.lookup("#demoBanner").query().isVisible()).isFalse();
        assertThat(stage.getTitle()).doesNotContain("DEMO");

        robot.clickOn("#useDemoButton");
        waitUntil(() -> context.connectViewModel().connectedProperty().get() != null);
        assertThat(stage.getTitle()).contains("DEMO", "demo");
        for (Section section : Section.values()) {
            robot.interact(() -> context.mainViewModel().show(section));
            Label banner = robot.lookup("#demoBanner").query();
            assertThat(banner.isVisible()).as(section.name()).isTrue();
            assertThat(banner.getText()).contains("DEMO", "\"demo\"");
        }
        robot.interact(() -> context.mainViewModel().localeProperty().set(Locale.JAPANESE));
        assertThat(stage.getTitle()).contains("デモ");
        assertThat(robot.lookup("#demoBanner").<Label>query().getText()).startsWith("デモ");
    }

    @Test
    void withoutAKeyringTheFormSaysSoAndSavesOnlyToTheFileTheUserPicks(FxRobot robot) throws Exception {
        robot.clickOn("#firstRunAddButton");
        waitUntil(() -> dialog() != null && dialog().getScene().lookup("#keyringLabel") instanceof Label l
                && l.getStyleClass().contains("keyring-unavailable"));
        Node form = dialog().getScene().getRoot();
        assertThat(((Label) form.lookup("#keyringLabel")).getText()).contains("No keyring is available", "D-Bus");
        Button save = (Button) form.lookup("#saveButton");
        assertThat(save.isDisabled()).as("no keyring and no explicit file choice: nothing to save to").isTrue();

        robot.interact(() -> {
            ((TextField) form.lookup("#nameField")).setText("lab");
            ((TextField) form.lookup("#authUrlField")).setText("keystone.example.com:5000");
        });
        robot.interact(() -> ((Button) form.lookup("#testButton")).fire());
        assertThat(((Label) form.lookup("#authUrlProblem")).isVisible()).isTrue();
        assertThat(((Label) form.lookup("#projectNameProblem")).getText()).isEqualTo("Required.");

        robot.interact(() -> {
            ((TextField) form.lookup("#authUrlField")).setText("https://keystone.example.com:5000/v3");
            ((TextField) form.lookup("#projectField")).setText("ops");
            ((TextField) form.lookup("#usernameField")).setText("support");
            ((TextField) form.lookup("#passwordField")).setText("s3cret pass");
            ((CheckBox) form.lookup("#passwordInFileCheck")).setSelected(true);
        });
        assertThat(save.isDisabled()).isFalse();
        robot.interact(save::fire);
        Banner banner = (Banner) form.lookup(".error-banner");
        waitUntil(() -> context.connectViewModel().clouds().contains("lab") || banner.isVisible());
        assertThat(banner.isVisible()).as(() -> ((Label) banner.getChildren().get(0)).getText()).isFalse();

        Path clouds = home.resolve("xdg/openstack/clouds.yaml");
        assertThat(Files.readString(clouds)).contains("lab:", "https://keystone.example.com:5000/v3").doesNotContain("s3cret");
        assertThat(Files.readString(home.resolve("xdg/openstack/secure.yaml"))).contains("s3cret pass");
        assertThat(context.connectViewModel().cloudProperty().get()).isEqualTo("lab");
        assertThat(context.connectViewModel().onlyDemo()).isFalse();
        assertThat(((Label) form.lookup("#outcomeLabel")).getText()).contains("lab", "secure.yaml");
    }

    private static Window dialog() {
        List<Window> windows = Window.getWindows().stream().filter(w -> w instanceof Stage s && s.getOwner() != null).toList();
        return windows.isEmpty() ? null : windows.get(windows.size() - 1);
    }

    private static void waitUntil(java.util.function.BooleanSupplier condition) throws Exception {
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> WaitForAsyncUtils.asyncFx(condition::getAsBoolean).get());
    }
}
