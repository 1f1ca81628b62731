package dev.migrationworkbench.ui;

import dev.migrationworkbench.config.AppDirs;
import dev.migrationworkbench.i18n.Messages;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import javafx.application.Application;
import javafx.geometry.Rectangle2D;
import javafx.scene.Scene;
import javafx.scene.image.Image;
import javafx.stage.Screen;
import javafx.stage.Stage;
import org.slf4j.LoggerFactory;

/** The JavaFX application: one main window whose content is rebuilt when the language changes. */
public final class WorkbenchApp extends Application {

    /** What {@link #start} needs that does not need the JavaFX toolkit, made while the toolkit starts. */
    private static FutureTask<ServicesBackend> preparing;

    private AppContext context;

    public static void launchWorkbench(String[] args) {
        // Starting the toolkit (GTK, the rendering pipeline) takes a second or more on one core; meanwhile
        // another core sets up logging and reads clouds.yaml, which the window needs next (docs/PERFORMANCE.md)
        preparing = new FutureTask<>(WorkbenchApp::prepare);
        Thread thread = new Thread(preparing, "window-startup");
        thread.setDaemon(true);
        thread.start();
        Application.launch(WorkbenchApp.class, args);
    }

    private static ServicesBackend prepare() {
        LoggerFactory.getLogger(WorkbenchApp.class);
        ServicesBackend backend = ServicesBackend.create();
        try {
            backend.targets(); // loads the clouds.yaml parser; the Connect view reads the file again
        } catch (RuntimeException e) {
            // a broken clouds.yaml: the Connect view reads it again and says what is wrong
        }
        Messages.bundle(Locale.getDefault());
        return backend;
    }

    @Override
    public void start(Stage stage) throws ExecutionException, InterruptedException {
        AppDirs dirs = AppDirs.forCurrentUser();
        ServicesBackend backend = preparing != null ? preparing.get() : ServicesBackend.create();
        context = new AppContext(dirs, new FxUiExecutor(4), backend);
        show(stage, context);
        context.start(stage);
    }

    /** Builds the window for a context; tests call this with their own context. */
    public static Scene show(Stage stage, AppContext context) {
        Scene scene = new Scene(context.loadMainView());
        var viewModel = context.mainViewModel();
        scene.getStylesheets().setAll(viewModel.themeProperty().get().stylesheets());
        viewModel.themeProperty().addListener((obs, old, theme) -> scene.getStylesheets().setAll(theme.stylesheets()));
        viewModel.localeProperty().addListener((obs, old, locale) -> scene.setRoot(context.loadMainView()));
        stage.titleProperty().bind(javafx.beans.binding.Bindings.createStringBinding(() -> title(viewModel),
                viewModel.localeProperty(), viewModel.demoScenarioProperty()));
        var icon = WorkbenchApp.class.getResource("/dev/migrationworkbench/ui/app-icon.png");
        if (icon != null) {
            stage.getIcons().add(new Image(icon.toExternalForm()));
        }
        stage.setMinWidth(Layouts.MIN_WINDOW_WIDTH);
        stage.setMinHeight(Layouts.MIN_WINDOW_HEIGHT);
        restoreBounds(stage, context.settings());
        stage.setScene(scene);
        stage.setOnHidden(e -> rememberBounds(stage, context.settings()));
        stage.show();
        return scene;
    }

    /** The window's title: on the demo cloud it says DEMO and the scenario, so no screenshot of it passes for a real cloud. */
    static String title(dev.migrationworkbench.ui.shell.MainViewModel viewModel) {
        Messages messages = Messages.forLocale(viewModel.localeProperty().get());
        String scenario = viewModel.demoScenarioProperty().get();
        return scenario == null ? messages.get("app.title") : messages.get("app.title.demo", messages.get("app.title"), scenario);
    }

    private static void restoreBounds(Stage stage, UiSettings settings) {
        double[] b = settings.windowBounds();
        if (b != null && !Screen.getScreensForRectangle(new Rectangle2D(b[0], b[1], b[2], b[3])).isEmpty()) {
            stage.setX(b[0]);
            stage.setY(b[1]);
            stage.setWidth(b[2]);
            stage.setHeight(b[3]);
        } else {
            Rectangle2D screen = Screen.getPrimary().getVisualBounds();
            stage.setWidth(Math.min(1280, screen.getWidth()));
            stage.setHeight(Math.min(800, screen.getHeight()));
            stage.centerOnScreen();
        }
        stage.setMaximized(settings.maximized());
    }

    private static void rememberBounds(Stage stage, UiSettings settings) {
        settings.setMaximized(stage.isMaximized());
        if (!stage.isMaximized()) {
            settings.setWindowBounds(stage.getX(), stage.getY(), stage.getWidth(), stage.getHeight());
        }
        settings.save();
    }

    @Override
    public void stop() {
        if (context != null) {
            context.close();
        }
    }
}
