package dev.migrationworkbench.ui;

import dev.migrationworkbench.config.AppDirs;
import dev.migrationworkbench.i18n.Messages;
import dev.migrationworkbench.ui.shell.MainView;
import dev.migrationworkbench.ui.shell.MainViewModel;
import dev.migrationworkbench.ui.shell.Section;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import javafx.scene.Node;
import javafx.scene.Parent;

/**
 * The composition root: builds every service and view model once and hands them to the
 * controllers through the {@link ViewLoader}. Nothing else creates services.
 */
public final class AppContext implements AutoCloseable {

    private final AppDirs dirs;
    private final UiSettings settings;
    private final UiExecutor executor;
    private final MainViewModel mainViewModel;

    public AppContext(AppDirs dirs, UiExecutor executor) {
        this.dirs = dirs;
        this.settings = UiSettings.load(dirs.config());
        this.executor = executor;
        Locale locale = Messages.supportedOrEnglish(settings.locale(Locale.getDefault()));
        this.mainViewModel = new MainViewModel(locale, settings.theme());
        mainViewModel.localeProperty().addListener((obs, old, now) -> settings.setLocale(now));
        mainViewModel.themeProperty().addListener((obs, old, now) -> settings.setTheme(now));
    }

    public AppDirs dirs() {
        return dirs;
    }

    public UiSettings settings() {
        return settings;
    }

    public UiExecutor executor() {
        return executor;
    }

    public MainViewModel mainViewModel() {
        return mainViewModel;
    }

    /** A loader for the current language: a language switch builds the views anew with a new one. */
    public ViewLoader newLoader() {
        Locale locale = mainViewModel.localeProperty().get();
        ViewLoader[] self = new ViewLoader[1];
        Map<Class<?>, Supplier<?>> controllers = Map.of(
                MainView.class, () -> new MainView(mainViewModel, section -> sectionView(self[0], section)));
        self[0] = new ViewLoader(Messages.bundle(locale), controllers);
        return self[0];
    }

    public Parent loadMainView() {
        return newLoader().load(FxmlView.MAIN);
    }

    private Node sectionView(ViewLoader loader, Section section) {
        return loader.load(FxmlView.PLACEHOLDER);
    }

    @Override
    public void close() {
        settings.save();
        executor.close();
    }
}
