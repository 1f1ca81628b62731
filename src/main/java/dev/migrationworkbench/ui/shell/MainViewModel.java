package dev.migrationworkbench.ui.shell;

import dev.migrationworkbench.ui.Theme;
import java.util.Locale;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;

/** State of the main window: which section is shown, the language, the theme and the status line. */
public final class MainViewModel {

    private final ReadOnlyObjectWrapper<Section> section = new ReadOnlyObjectWrapper<>(Section.CONNECT);
    private final ObjectProperty<Locale> locale;
    private final ObjectProperty<Theme> theme;
    private final ReadOnlyStringWrapper statusKey = new ReadOnlyStringWrapper(/*i18n*/"status.notConnected");
    private final ReadOnlyStringWrapper statusDetail = new ReadOnlyStringWrapper("");

    private final ReadOnlyStringWrapper demoScenario = new ReadOnlyStringWrapper();

    public MainViewModel(Locale locale, Theme theme) {
        this.locale = new SimpleObjectProperty<>(locale);
        this.theme = new SimpleObjectProperty<>(theme);
    }

    public ReadOnlyObjectProperty<Section> sectionProperty() {
        return section.getReadOnlyProperty();
    }

    public void show(Section target) {
        if (target != null) {
            section.set(target);
        }
    }

    public ObjectProperty<Locale> localeProperty() {
        return locale;
    }

    public ObjectProperty<Theme> themeProperty() {
        return theme;
    }

    public void toggleTheme() {
        theme.set(theme.get() == Theme.DARK ? Theme.LIGHT : Theme.DARK);
    }

    /** The status line, as a message key so it follows a language switch. */
    public ReadOnlyStringProperty statusKeyProperty() {
        return statusKey.getReadOnlyProperty();
    }

    public void setStatusKey(String key) {
        statusDetail.set("");
        statusKey.set(key);
    }

    /** A status with a detail that is not translated (the files opened offline). */
    public void setStatus(String key, String detail) {
        statusDetail.set(detail == null ? "" : detail);
        statusKey.set(key);
    }

    public ReadOnlyStringProperty statusDetailProperty() {
        return statusDetail.getReadOnlyProperty();
    }

    /** The demo cloud's scenario while the views show the demo cloud, else null: every view then says DEMO. */
    public ReadOnlyStringProperty demoScenarioProperty() {
        return demoScenario.getReadOnlyProperty();
    }

    public void setDemoScenario(String scenario) {
        demoScenario.set(scenario);
    }
}
