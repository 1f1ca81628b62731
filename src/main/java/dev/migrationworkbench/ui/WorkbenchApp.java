package dev.migrationworkbench.ui;

import dev.migrationworkbench.config.AppDirs;
import dev.migrationworkbench.i18n.Messages;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import javafx.animation.AnimationTimer;
import javafx.application.Application;
import javafx.geometry.Rectangle2D;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.image.Image;
import javafx.scene.layout.StackPane;
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

    /**
     * Shows the window at once with a "starting" placeholder in the theme's colours, and builds
     * the views (FXML, CSS, skins: most of a start's time) right after that placeholder was drawn,
     * so the window appears as soon as the toolkit is up (docs/PERFORMANCE.md, "Start times").
     */
    @Override
    public void start(Stage stage) {
        AppDirs dirs = AppDirs.forCurrentUser();
        UiSettings settings = UiSettings.load(dirs.config());
        Messages messages = Messages.forLocale(Messages.supportedOrEnglish(settings.locale(Locale.getDefault())));
        Label starting = new Label(messages.get("app.starting"));
        starting.getStyleClass().add("app-starting");
        Scene scene = new Scene(new StackPane(starting));
        scene.getStylesheets().setAll(settings.theme().stylesheets());
        stage.setTitle(messages.get("app.title"));
        frame(stage, settings);
        stage.setScene(scene);
        stage.show();
        long shown = sinceProcessStart();
        afterFirstFrame(() -> {
            try {
                ServicesBackend backend = preparing != null ? preparing.get() : ServicesBackend.create();
                context = new AppContext(dirs, new FxUiExecutor(4), backend);
                fill(stage, scene, context);
                context.start(stage);
                log().info("window shown {} ms and its views ready {} ms after the process started", shown,
                        sinceProcessStart());
            } catch (ExecutionException | RuntimeException e) {
                log().error("the window could not be built", e);
                starting.setText(messages.get("app.startFailed", String.valueOf(e.getMessage())));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }

    /** Builds the window for a context in one step; tests call this with their own context. */
    public static Scene show(Stage stage, AppContext context) {
        Scene scene = new Scene(new StackPane());
        frame(stage, context.settings());
        fill(stage, scene, context);
        stage.setScene(scene);
        stage.show();
        return scene;
    }

    /** What the window needs before it is shown: icon, minimum size, last bounds. */
    private static void frame(Stage stage, UiSettings settings) {
        var icon = WorkbenchApp.class.getResource("/dev/migrationworkbench/ui/app-icon.png");
        if (icon != null) {
            stage.getIcons().add(new Image(icon.toExternalForm()));
        }
        stage.setMinWidth(Layouts.MIN_WINDOW_WIDTH);
        stage.setMinHeight(Layouts.MIN_WINDOW_HEIGHT);
        restoreBounds(stage, settings);
    }

    /** The views of {@code context} in {@code scene}, its theme, title and language. */
    private static void fill(Stage stage, Scene scene, AppContext context) {
        scene.setRoot(context.loadMainView());
        var viewModel = context.mainViewModel();
        scene.getStylesheets().setAll(viewModel.themeProperty().get().stylesheets());
        viewModel.themeProperty().addListener((obs, old, theme) -> scene.getStylesheets().setAll(theme.stylesheets()));
        viewModel.localeProperty().addListener((obs, old, locale) -> scene.setRoot(context.loadMainView()));
        stage.titleProperty().bind(javafx.beans.binding.Bindings.createStringBinding(() -> title(viewModel),
                viewModel.localeProperty(), viewModel.demoScenarioProperty()));
        stage.setOnHidden(e -> rememberBounds(stage, context.settings()));
    }

    /** Runs {@code then} on the FX thread once a frame has been drawn (the second pulse from now). */
    static void afterFirstFrame(Runnable then) {
        new AnimationTimer() {
            private int pulses;

            @Override
            public void handle(long now) {
                if (++pulses == 2) {
                    stop();
                    then.run();
                }
            }
        }.start();
    }

    /** Not a static field: logging is set up on the start-up thread while the toolkit starts. */
    private static org.slf4j.Logger log() {
        return LoggerFactory.getLogger(WorkbenchApp.class);
    }

    private static long sinceProcessStart() {
        return ProcessHandle.current().info().startInstant()
                .map(t -> java.time.Duration.between(t, java.time.Instant.now()).toMillis()).orElse(-1L);
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
