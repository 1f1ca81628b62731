package dev.migrationworkbench.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import javafx.stage.Screen;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** Proves that the default test run needs no display: Monocle's headless screen is 1280×800. */
@ExtendWith(ApplicationExtension.class)
class HeadlessSmokeTest {

    @Start
    void start(Stage stage) {
        stage.show();
    }

    @Test
    void runsOnMonocleHeadlessScreen() {
        assumeTrue(Boolean.getBoolean("testfx.headless"), "run with -Dheadless=false: a real window is used");
        assertThat(System.getProperty("glass.platform")).isEqualTo("Monocle");
        assertThat(Screen.getPrimary().getBounds().getWidth()).isEqualTo(1280);
        assertThat(Screen.getPrimary().getBounds().getHeight()).isEqualTo(800);
        assertThat(java.awt.GraphicsEnvironment.isHeadless()).isTrue();
    }
}
