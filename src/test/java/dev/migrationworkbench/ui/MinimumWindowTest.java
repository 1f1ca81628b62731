package dev.migrationworkbench.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.migrationworkbench.config.AppDirs;
import dev.migrationworkbench.i18n.Messages;
import dev.migrationworkbench.ui.backend.Text;
import dev.migrationworkbench.ui.shell.Section;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javafx.geometry.Bounds;
import javafx.geometry.BoundingBox;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.ButtonBase;
import javafx.scene.control.Cell;
import javafx.scene.control.Labeled;
import javafx.stage.Popup;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.jfree.chart.fx.ChartViewer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The workbench on the demo cloud at its minimum window size, dark theme, both languages: no
 * button or label of any view is cut short, the charts draw in the theme's colours, and a
 * notification covers no button.
 */
@ExtendWith(ApplicationExtension.class)
class MinimumWindowTest {

    @TempDir
    static Path home;

    private AppContext context;
    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        context = new AppContext(AppDirs.under(home), new FxUiExecutor(2), DemoCloudTestSupport.backend(home.resolve("config")));
        context.mainViewModel().localeProperty().set(Locale.ENGLISH);
        context.mainViewModel().themeProperty().set(Theme.DARK);
        WorkbenchApp.show(stage, context);
        stage.setWidth(Layouts.MIN_WINDOW_WIDTH);
        stage.setHeight(Layouts.MIN_WINDOW_HEIGHT);
        context.start(stage);
        context.connectViewModel().useDemo(); // as a new user does on the first run
    }

    @Test
    void everyViewFitsTheMinimumWindowInTheDarkTheme(FxRobot robot) throws Exception {
        assertThat(stage.getMinWidth()).isEqualTo(Layouts.MIN_WINDOW_WIDTH);
        assertThat(stage.getMinHeight()).isEqualTo(Layouts.MIN_WINDOW_HEIGHT);
        new DemoTour(context, robot).prepare();

        Bounds notification = notificationBounds(robot);
        for (Locale locale : List.of(Locale.ENGLISH, Locale.JAPANESE)) {
            robot.interact(() -> context.mainViewModel().localeProperty().set(locale));
            for (Section section : Section.values()) {
                robot.interact(() -> context.mainViewModel().show(section));
                WaitForAsyncUtils.waitForFxEvents();
                List<String> problems = WaitForAsyncUtils.asyncFx(() -> problems(stage.getScene().getRoot(), notification)).get();
                assertThat(problems).as("%s (%s) at %s×%s", section, locale, stage.getWidth(), stage.getHeight()).isEmpty();
            }
        }

        robot.interact(() -> context.mainViewModel().show(Section.MIGRATIONS));
        WaitForAsyncUtils.waitForFxEvents();
        ChartViewer chart = robot.lookup("#migrationChart").query();
        assertThat(chart.getChart().getBackgroundPaint()).isEqualTo(Theme.DARK.colour("-mw-surface"));
        assertThat(chart.getChart().getXYPlot().getRangeAxis().getTickLabelPaint()).isEqualTo(Theme.DARK.colour("-mw-text-muted"));
        robot.interact(() -> context.mainViewModel().themeProperty().set(Theme.LIGHT));
        assertThat(chart.getChart().getBackgroundPaint()).as("follows a theme switch").isEqualTo(Theme.LIGHT.colour("-mw-surface"));
        context.close();
    }

    /** Shows a real notification and returns where it is, in screen coordinates. */
    private Bounds notificationBounds(FxRobot robot) throws Exception {
        robot.interact(() -> new ControlsFxNotifier(() -> stage, () -> Messages.bundle(Locale.ENGLISH))
                .notify("migration/1", Notifier.ENDED, Text.of("migrations.notify.failed.title"),
                        Text.of("migrations.notify.body", "db-1", 1, "error"), true));
        WaitForAsyncUtils.waitForFxEvents();
        Popup popup = WaitForAsyncUtils.asyncFx(() -> Window.getWindows().stream().filter(w -> w instanceof Popup)
                .map(w -> (Popup) w).filter(p -> p.getContent().stream().anyMatch(n -> n.getStyleClass().contains("notification-bar")))
                .findFirst().orElseThrow()).get();
        Node bar = popup.getContent().get(0);
        assertThat(bar.getStyleClass()).contains(ControlsFxNotifier.STYLE, "dark");
        return WaitForAsyncUtils.asyncFx(() -> new BoundingBox(popup.getAnchorX(), popup.getAnchorY(),
                bar.getLayoutBounds().getWidth(), bar.getLayoutBounds().getHeight())).get();
    }

    private static List<String> problems(Parent root, Bounds notification) {
        List<String> out = new ArrayList<>();
        visit(root, notification, false, out);
        return out;
    }

    /**
     * {@code scrolled}: inside the content of a scroll pane that can scroll (taller than its
     * viewport), which the user can scroll from under a passing notification (what is there depends
     * on the data: a Copy button of a long finding may be anywhere); every other button (navigation,
     * tool bars, a view that fits) must never be covered.
     */
    private static void visit(Node node, Bounds notification, boolean scrolled, List<String> out) {
        if (!node.isVisible() || node instanceof Cell<?>) {
            return;
        }
        if (node instanceof Labeled labeled && labeled.getText() != null && !labeled.getText().isEmpty() && inWindow(node)) {
            // the text the skin draws: a direct child (a titled pane's is in its title bar)
            Parent owner = labeled instanceof javafx.scene.control.TitledPane ? labeled.getChildrenUnmodifiable().stream()
                    .filter(n -> n.getStyleClass().contains("title")).map(n -> (Parent) n).findFirst().orElse(null) : labeled;
            javafx.scene.text.Text shown = owner == null ? null : owner.getChildrenUnmodifiable().stream()
                    .filter(n -> n instanceof javafx.scene.text.Text).map(n -> (javafx.scene.text.Text) n).findFirst().orElse(null);
            if (shown != null && !shown.getText().equals(labeled.getText())) {
                out.add("cut: " + describe(labeled) + " shows '" + shown.getText() + "'");
            }
        }
        if (node instanceof ButtonBase button && !scrolled && inWindow(node)) {
            Bounds onScreen = button.localToScreen(button.getLayoutBounds());
            if (onScreen != null && onScreen.intersects(notification)) {
                out.add("under the notification: " + describe(button));
            }
        }
        if (node instanceof Parent parent) {
            boolean inside = scrolled || node instanceof javafx.scene.control.ScrollPane pane && pane.getContent() != null
                    && pane.getContent().getLayoutBounds().getHeight() > pane.getViewportBounds().getHeight() + 1;
            parent.getChildrenUnmodifiable().forEach(child -> visit(child, notification, inside, out));
        }
    }

    /** Shown in the window's visible area (a node scrolled out of view is not cut). */
    private static boolean inWindow(Node node) {
        Bounds b = node.localToScene(node.getLayoutBounds());
        var scene = node.getScene();
        return b.getWidth() > 0 && b.getMinX() < scene.getWidth() && b.getMinY() < scene.getHeight() && b.getMaxX() > 0
                && b.getMaxY() > 0;
    }

    private static String describe(Labeled node) {
        return node.getClass().getSimpleName() + (node.getId() == null ? "" : "#" + node.getId()) + " '" + node.getText() + "'";
    }
}
