package dev.migrationworkbench.ui.shell;

import dev.migrationworkbench.i18n.Messages;
import dev.migrationworkbench.ui.Layouts;
import dev.migrationworkbench.ui.Theme;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.ResourceBundle;
import javafx.beans.binding.Bindings;
import dev.migrationworkbench.ui.offline.OfflineViewModel;
import java.nio.file.Path;
import java.text.MessageFormat;
import java.util.List;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.input.TransferMode;
import javafx.scene.Node;
import javafx.scene.control.ButtonBase;
import javafx.scene.control.ComboBox;
import javafx.scene.control.ListCell;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.StackPane;
import javafx.util.StringConverter;
import org.controlsfx.control.StatusBar;

/** The main window: navigation bar, content area, language and theme switches, status bar. */
public final class MainView {

    private final MainViewModel viewModel;
    private final Function<Section, Node> sectionViews;
    private final Map<Section, Node> loaded = new EnumMap<>(Section.class);

    @FXML private ToggleButton navConnect;
    @FXML private ToggleButton navOverview;
    @FXML private ToggleButton navInstances;
    @FXML private ToggleButton navMigrations;
    @FXML private ToggleButton navHosts;
    @FXML private ToggleButton navFindings;
    @FXML private ToggleGroup navigation;
    @FXML private StackPane content;
    @FXML private ComboBox<Locale> languageChoice;
    @FXML private ToggleButton darkThemeToggle;
    @FXML private StatusBar statusBar;
    @FXML private javafx.scene.control.Label demoBanner;
    @FXML private BorderPane mainRoot;
    @FXML private ResourceBundle resources;

    /** What the File menu does beyond reading files: choosing them, saving an evidence bundle. */
    public interface FileActions {
        /** Asks for sosreports, logs or a bundle to open (null or empty: cancelled). */
        List<Path> chooseFilesToOpen();

        void saveEvidenceBundle();
    }

    private final OfflineViewModel offline;
    private final FileActions fileActions;
    private final Button cancelReading = new Button();

    public MainView(MainViewModel viewModel, Function<Section, Node> sectionViews, OfflineViewModel offline,
            FileActions fileActions) {
        this.viewModel = viewModel;
        this.sectionViews = sectionViews;
        this.offline = offline;
        this.fileActions = fileActions;
    }

    @FXML
    private void openFiles() {
        List<Path> files = fileActions.chooseFilesToOpen();
        if (files != null && !files.isEmpty()) {
            offline.open(files);
        }
    }

    @FXML
    private void saveBundle() {
        fileActions.saveEvidenceBundle();
    }

    @FXML
    private void initialize() {
        Map<Section, ToggleButton> buttons = Map.of(
                Section.CONNECT, navConnect,
                Section.OVERVIEW, navOverview,
                Section.INSTANCES, navInstances,
                Section.MIGRATIONS, navMigrations,
                Section.HOSTS, navHosts,
                Section.FINDINGS, navFindings);
        buttons.forEach((section, button) -> button.setUserData(section));
        navigation.selectedToggleProperty().addListener((obs, old, now) -> {
            if (now == null) {
                old.setSelected(true); // one section is always shown
            } else {
                viewModel.show((Section) now.getUserData());
            }
        });
        viewModel.sectionProperty().addListener((obs, old, now) -> showSection(buttons, now));
        showSection(buttons, viewModel.sectionProperty().get());

        languageChoice.getItems().setAll(Messages.SUPPORTED);
        languageChoice.setConverter(new StringConverter<>() {
            @Override
            public String toString(Locale locale) {
                return locale == null ? "" : locale.getDisplayLanguage(locale);
            }

            @Override
            public Locale fromString(String text) {
                return null;
            }
        });
        languageChoice.setButtonCell(new ListCell<>() {
            @Override
            protected void updateItem(Locale item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty || item == null ? "" : item.getDisplayLanguage(item));
            }
        });
        languageChoice.setValue(viewModel.localeProperty().get());
        languageChoice.valueProperty().addListener((obs, old, now) -> {
            if (now != null) {
                viewModel.localeProperty().set(now);
            }
        });

        // on the demo cloud, every view says so: a band under the header that no view can scroll away
        demoBanner.visibleProperty().bind(viewModel.demoScenarioProperty().isNotNull());
        demoBanner.managedProperty().bind(demoBanner.visibleProperty());
        demoBanner.textProperty().bind(Bindings.createStringBinding(() -> viewModel.demoScenarioProperty().get() == null ? ""
                : MessageFormat.format(text("demo.banner"), viewModel.demoScenarioProperty().get()), viewModel.demoScenarioProperty()));

        darkThemeToggle.setSelected(viewModel.themeProperty().get() == Theme.DARK);
        darkThemeToggle.selectedProperty().addListener((obs, old, dark) ->
                viewModel.themeProperty().set(dark ? Theme.DARK : Theme.LIGHT));

        statusBar.textProperty().bind(Bindings.createStringBinding(this::statusText, viewModel.statusKeyProperty(),
                viewModel.statusDetailProperty(), offline.readingProperty(), offline.readingWhatProperty(),
                offline.errorProperty()));
        // indeterminate until the first figure, hidden (0) when not reading
        statusBar.progressProperty().bind(Bindings.createDoubleBinding(
                () -> !offline.readingProperty().get() ? 0 : offline.progressProperty().get() > 0
                        ? offline.progressProperty().get() : -1,
                offline.readingProperty(), offline.progressProperty()));
        cancelReading.setText(text("offline.cancel"));
        cancelReading.setId("cancelReadingButton");
        cancelReading.visibleProperty().bind(offline.readingProperty());
        cancelReading.managedProperty().bind(offline.readingProperty());
        cancelReading.setOnAction(e -> offline.cancel());
        statusBar.getRightItems().setAll(cancelReading);
        mainRoot.setOnDragOver(event -> {
            if (event.getDragboard().hasFiles()) {
                event.acceptTransferModes(TransferMode.COPY);
            }
            event.consume();
        });
        mainRoot.setOnDragDropped(event -> {
            boolean files = event.getDragboard().hasFiles();
            if (files) {
                offline.open(event.getDragboard().getFiles().stream().map(java.io.File::toPath).toList());
            }
            event.setDropCompleted(files);
            event.consume();
        });

        // Shortcut+1..6 jumps to a section, in the order of the navigation bar; Shortcut+F focuses
        // the shown view's search field, F5 (or Shortcut+R) presses its refresh button
        mainRoot.addEventFilter(KeyEvent.KEY_PRESSED, event -> {
            if (event.getCode() == KeyCode.F5 || event.isShortcutDown() && event.getCode() == KeyCode.R) {
                fire("#refreshButton");
                event.consume();
            } else if (event.isShortcutDown() && event.getCode() == KeyCode.F) {
                Node search = content.lookup("#searchField");
                if (search != null) {
                    search.requestFocus();
                }
                event.consume();
            } else if (event.isShortcutDown() && event.getCode().isDigitKey()) {
                int index = event.getCode().getName().charAt(0) - '1';
                if (index >= 0 && index < Section.values().length) {
                    viewModel.show(Section.values()[index]);
                    event.consume();
                }
            }
        });
    }

    private void fire(String selector) {
        if (content.lookup(selector) instanceof ButtonBase button && !button.isDisabled()) {
            button.fire();
        }
    }

    private String statusText() {
        if (offline.readingProperty().get()) {
            return MessageFormat.format(text("status.offlineReading"), offline.readingWhatProperty().get());
        }
        if (offline.errorProperty().get() != null) {
            return MessageFormat.format(text("status.offlineFailed"), offline.errorProperty().get());
        }
        String detail = viewModel.statusDetailProperty().get();
        String status = text(viewModel.statusKeyProperty().get());
        return detail.isEmpty() ? status : MessageFormat.format(status, detail);
    }

    private String text(String key) {
        return key == null || !resources.containsKey(key) ? "" : resources.getString(key);
    }

    private void showSection(Map<Section, ToggleButton> buttons, Section section) {
        buttons.get(section).setSelected(true);
        content.getChildren().setAll(loaded.computeIfAbsent(section, s -> Layouts.scrollable(sectionViews.apply(s))));
    }
}
