package dev.migrationworkbench.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.migrationworkbench.config.AppDirs;
import dev.migrationworkbench.i18n.Messages;
import dev.migrationworkbench.ui.shell.Section;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Labeled;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

@ExtendWith(ApplicationExtension.class)
class MainWindowTest {

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
    void navigatesBetweenSections(FxRobot robot) {
        robot.clickOn("#navMigrations");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(context.mainViewModel().sectionProperty().get()).isEqualTo(Section.MIGRATIONS);
        robot.clickOn("#navHosts");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(context.mainViewModel().sectionProperty().get()).isEqualTo(Section.HOSTS);
        robot.clickOn("#navHosts"); // clicking the selected one keeps it selected
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(context.mainViewModel().sectionProperty().get()).isEqualTo(Section.HOSTS);
    }

    @Test
    void shortcutDigitsNavigate(FxRobot robot) {
        robot.clickOn("#navConnect");
        robot.press(javafx.scene.input.KeyCode.CONTROL, javafx.scene.input.KeyCode.DIGIT4)
                .release(javafx.scene.input.KeyCode.DIGIT4, javafx.scene.input.KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(context.mainViewModel().sectionProperty().get()).isEqualTo(Section.MIGRATIONS);
        assertThat(robot.lookup("#navMigrations").<javafx.scene.control.ToggleButton>query().isSelected()).isTrue();
    }

    @Test
    void japaneseChangesEveryVisibleLabel(FxRobot robot) {
        List<String> english = visibleTexts(stage.getScene());
        robot.interact(() -> robot.lookup("#languageChoice").<ComboBox<Locale>>query().setValue(Locale.JAPANESE));
        WaitForAsyncUtils.waitForFxEvents();
        List<String> japanese = visibleTexts(stage.getScene());

        assertThat(japanese).hasSameSizeAs(english);
        // data, not text: the title, and the demo scenario's name in the Connect view
        Set<String> sameInBothLanguages = Set.of(Messages.forLocale(Locale.ENGLISH).get("app.title"), "demo");
        for (int i = 0; i < english.size(); i++) {
            if (!sameInBothLanguages.contains(english.get(i))) {
                assertThat(japanese.get(i)).as("label %d", i).isNotEqualTo(english.get(i));
            }
        }
        assertThat(stage.getTitle()).isEqualTo(Messages.forLocale(Locale.JAPANESE).get("app.title"));
        assertThat(context.settings().locale(Locale.ENGLISH)).isEqualTo(Locale.JAPANESE);
    }

    @Test
    void darkThemeSwapsTheStylesheet(FxRobot robot) {
        robot.clickOn("#darkThemeToggle");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(stage.getScene().getStylesheets()).anyMatch(s -> s.endsWith("dark.css"));
        robot.clickOn("#darkThemeToggle");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(stage.getScene().getStylesheets()).anyMatch(s -> s.endsWith("light.css"));
    }

    @Test
    void rememberWindowBoundsAcrossRuns(FxRobot robot) {
        robot.interact(() -> {
            stage.setX(40);
            stage.setY(30);
            stage.setWidth(900);
            stage.setHeight(600);
            stage.hide();
        });
        UiSettings reloaded = UiSettings.load(context.dirs().config());
        assertThat(reloaded.windowBounds()).containsExactly(40, 30, 900, 600);
    }

    static List<String> visibleTexts(Scene scene) {
        List<String> texts = new java.util.ArrayList<>();
        collect(scene.getRoot(), texts);
        return texts;
    }

    private static void collect(Node node, List<String> texts) {
        if (!node.isVisible()) {
            return;
        }
        if (node instanceof Labeled labeled && labeled.getText() != null && !labeled.getText().isBlank()) {
            texts.add(labeled.getText());
        }
        if (node instanceof Parent parent) {
            parent.getChildrenUnmodifiable().forEach(child -> collect(child, texts));
        }
    }
}
