package dev.migrationworkbench.ui;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.migrationworkbench.config.AppDirs;
import dev.migrationworkbench.ui.shell.Section;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.image.WritableImage;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Not a test: the tour that takes the README's screenshots of every view in both languages from
 * the running workbench on the demo cloud. Runs only when asked:
 * {@code xvfb-run -a ./mvnw test -Dtest=ScreenshotTour -Dheadless=false -Dscreenshots=docs/screenshots}.
 * {@code -Dscreenshots.minimum=true} takes them at the minimum window size, {@code -Dscreenshots.theme=DARK}
 * in the dark theme (to look at, not for the README).
 */
@ExtendWith(ApplicationExtension.class)
class ScreenshotTour {

    private static final String TARGET = System.getProperty("screenshots");
    private static final boolean MINIMUM = Boolean.getBoolean("screenshots.minimum");
    private static final Theme THEME = Theme.valueOf(System.getProperty("screenshots.theme", "LIGHT"));

    @TempDir
    static Path home;

    private AppContext context;
    private Stage stage;

    @Start
    void start(Stage stage) {
        assumeTrue(TARGET != null, "set -Dscreenshots=<dir> to take the screenshots");
        this.stage = stage;
        // the add-cloud form on the real OS keyring of this machine, writing under the temporary home
        java.util.Map<String, String> env = java.util.Map.of("HOME", home.toString(), "XDG_CONFIG_HOME", home.resolve("xdg").toString());
        var profiles = new dev.migrationworkbench.cloud.CloudProfiles(env, java.util.List.of(home.resolve("xdg/openstack")),
                new dev.migrationworkbench.cloud.OsKeyring());
        context = new AppContext(AppDirs.under(home), new FxUiExecutor(2), DemoCloudTestSupport.backend(home.resolve("config")),
                () -> new dev.migrationworkbench.service.CloudSetup(profiles));
        context.mainViewModel().localeProperty().set(Locale.ENGLISH);
        context.mainViewModel().themeProperty().set(THEME);
        WorkbenchApp.show(stage, context);
        stage.setWidth(MINIMUM ? Layouts.MIN_WINDOW_WIDTH : 1280);
        stage.setHeight(MINIMUM ? Layouts.MIN_WINDOW_HEIGHT : 800);
        context.start(stage);
    }

    @Test
    void everyViewInBothLanguages(FxRobot robot) throws Exception {
        assumeTrue(TARGET != null);
        Files.createDirectories(Path.of(TARGET));
        // the first run: no cloud configured, the offer of the demo cloud and of the add-cloud form
        WaitForAsyncUtils.waitForFxEvents();
        shoot(robot, "first-run-" + context.mainViewModel().localeProperty().get().getLanguage());
        robot.interact(context::openAddCloud);
        WaitForAsyncUtils.waitFor(30, java.util.concurrent.TimeUnit.SECONDS, () -> WaitForAsyncUtils.asyncFx(() ->
                javafx.stage.Window.getWindows().stream().anyMatch(w -> w != stage && w.getScene() != null
                        && w.getScene().lookup("#keyringLabel") instanceof javafx.scene.control.Label l
                        && l.getStyleClass().stream().anyMatch(c -> c.startsWith("keyring-a") || c.startsWith("keyring-u")))).get());
        javafx.stage.Window form = WaitForAsyncUtils.asyncFx(() -> javafx.stage.Window.getWindows().stream()
                .filter(w -> w != stage && w.getScene() != null && w.getScene().lookup("#keyringLabel") != null).findFirst().orElseThrow()).get();
        shootWindow(form, "add-cloud-" + context.mainViewModel().localeProperty().get().getLanguage());
        robot.interact(form::hide);
        robot.interact(() -> context.connectViewModel().useDemo());
        DemoTour tour = new DemoTour(context, robot);
        tour.prepare();
        for (Locale locale : new Locale[] {Locale.ENGLISH, Locale.JAPANESE}) {
            robot.interact(() -> context.mainViewModel().localeProperty().set(locale));
            for (Section section : Section.values()) {
                robot.interact(() -> context.mainViewModel().show(section));
                tour.settle(section);
                shoot(robot, section.name().toLowerCase(Locale.ROOT) + "-" + locale.getLanguage());
            }
        }
        robot.interact(() -> context.mainViewModel().localeProperty().set(Locale.ENGLISH));
        robot.interact(() -> context.mainViewModel().show(Section.MIGRATIONS));
        tour.settle(Section.MIGRATIONS);
        shoot(robot, "main-window");
        // a notification is a window of its own: the screen's pixels show it over the main window
        robot.interact(() -> new ControlsFxNotifier(() -> stage, () -> dev.migrationworkbench.i18n.Messages.bundle(Locale.ENGLISH))
                .notify("migration/2", Notifier.NOT_CONVERGING, dev.migrationworkbench.ui.backend.Text.of("migrations.notify.notConverging.title"),
                        dev.migrationworkbench.ui.backend.Text.of("migrations.notify.body", "analytics-1", 2, "running"), true));
        Thread.sleep(1500);
        WritableImage screen = WaitForAsyncUtils.asyncFx(() -> new javafx.scene.robot.Robot().getScreenCapture(null,
                stage.getX(), stage.getY(), stage.getWidth(), stage.getHeight())).get();
        ImageIO.write(SwingFXUtils.fromFXImage(screen, null), "png", new File(TARGET, "notification.png"));
        context.close();
    }

    private void shoot(FxRobot robot, String name) throws Exception {
        shootWindow(stage, name);
    }

    private static void shootWindow(javafx.stage.Window window, String name) throws Exception {
        WaitForAsyncUtils.waitForFxEvents();
        WritableImage image = WaitForAsyncUtils.asyncFx(() -> window.getScene().snapshot(null)).get();
        ImageIO.write(SwingFXUtils.fromFXImage(image, null), "png", new File(TARGET, name + ".png"));
    }
}
