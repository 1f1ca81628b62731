package dev.migrationworkbench.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javafx.scene.Parent;
import javafx.scene.control.Label;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The application's own start (not the tests' one-step {@link WorkbenchApp#show}): the window is
 * shown at once with a "starting" placeholder, and its views replace it after the first frame.
 */
@ExtendWith(ApplicationExtension.class)
class WindowStartTest {

    @TempDir
    static Path home;

    private final WorkbenchApp app = new WorkbenchApp();
    private Stage stage;
    private Parent rootWhenShown;
    private Throwable startFailure;
    private boolean showingWhenStartReturned;

    @Start
    void start(Stage primary) {
        stage = new Stage();   // a stage of its own: TestFX's primary stage keeps what earlier tests bound to it
        System.setProperty("mw.home", home.toString());
        try {
            app.start(stage);
        } catch (RuntimeException | Error e) {
            startFailure = e;
            e.printStackTrace();
            return;
        } finally {
            System.clearProperty("mw.home");
        }
        showingWhenStartReturned = stage.isShowing();
        rootWhenShown = stage.getScene().getRoot();
    }

    @AfterEach
    void stop() {
        app.stop();
        WaitForAsyncUtils.asyncFx(stage::close);
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void theWindowIsShownBeforeItsViewsAreBuiltAndThenFilledIn(FxRobot robot) throws Exception {
        assertThat(startFailure).as("start failed: %s", stackTrace()).isNull();
        assertThat(showingWhenStartReturned).isTrue();
        assertThat(rootWhenShown).isInstanceOf(StackPane.class);
        Label starting = (Label) ((StackPane) rootWhenShown).getChildren().get(0);
        assertThat(starting.getText()).isNotBlank();

        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> robot.lookup("#navConnect").tryQuery().isPresent());
        assertThat(robot.lookup("#navConnect").tryQuery()).isPresent();
        assertThat(stage.getScene().getRoot()).isNotSameAs(rootWhenShown);
    }

    private String stackTrace() {
        java.io.StringWriter out = new java.io.StringWriter();
        if (startFailure != null) {
            startFailure.printStackTrace(new java.io.PrintWriter(out));
        }
        return out.toString();
    }
}
