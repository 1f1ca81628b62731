package dev.migrationworkbench.ui.migrations;

import dev.migrationworkbench.model.Migration;
import dev.migrationworkbench.ui.BadgeCell;
import dev.migrationworkbench.ui.Banner;
import dev.migrationworkbench.ui.Format;
import java.util.HashMap;
import java.util.Map;
import java.util.ResourceBundle;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.ListChangeListener;
import javafx.collections.transformation.SortedList;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCode;

/** Migrations cloud-wide on top; below, one tab per watched migration with its live chart. */
public final class MigrationsView {


    private final MigrationsViewModel viewModel;
    private final Map<WatchedMigration, Tab> tabs = new HashMap<>();

    @FXML private ResourceBundle resources;
    @FXML private Banner banner;
    @FXML private ProgressBar progress;
    @FXML private Button watchButton;
    @FXML private Button compareHostsButton;
    @FXML private Button refreshButton;
    @FXML private TableView<Migration> table;
    @FXML private TableColumn<Migration, String> idColumn;
    @FXML private TableColumn<Migration, String> serverColumn;
    @FXML private TableColumn<Migration, String> statusColumn;
    @FXML private TableColumn<Migration, String> typeColumn;
    @FXML private TableColumn<Migration, String> sourceColumn;
    @FXML private TableColumn<Migration, String> destColumn;
    @FXML private TableColumn<Migration, String> progressColumn;
    @FXML private TableColumn<Migration, String> updatedColumn;
    @FXML private TabPane watchTabs;
    @FXML private Label noWatchLabel;

    private final java.util.function.Consumer<WatchedMigration> onAct;
    private final java.util.function.Consumer<Migration> onCompareHosts;

    /**
     * {@code onAct} opens the abort / force-complete wizard for a watched migration; {@code onCompareHosts}
     * the Hosts view with a migration's source, destination and server filled in.
     */
    public MigrationsView(MigrationsViewModel viewModel, java.util.function.Consumer<WatchedMigration> onAct,
            java.util.function.Consumer<Migration> onCompareHosts) {
        this.onAct = onAct;
        this.onCompareHosts = onCompareHosts;
        this.viewModel = viewModel;
    }

    @FXML
    private void initialize() {
        banner.bind(viewModel.state(), resources);
        progress.visibleProperty().bind(viewModel.state().busyProperty());
        refreshButton.setOnAction(e -> viewModel.refresh());
        refreshButton.disableProperty().bind(viewModel.state().busyProperty());

        SortedList<Migration> sorted = new SortedList<>(viewModel.migrations());
        sorted.comparatorProperty().bind(table.comparatorProperty());
        table.setItems(sorted);
        text(idColumn, m -> Long.toString(m.id()));
        idColumn.setComparator((a, b) -> Long.compare(Long.parseLong(a), Long.parseLong(b)));
        text(serverColumn, m -> viewModel.serverLabel(m.serverId()));
        text(statusColumn, Migration::status);
        statusColumn.setCellFactory(c -> new BadgeCell<>());
        text(typeColumn, Migration::migrationType);
        text(sourceColumn, Migration::sourceCompute);
        text(destColumn, Migration::destCompute);
        text(progressColumn, MigrationsView::percent);
        text(updatedColumn, m -> Format.dateTime(m.updatedAt()));
        watchButton.disableProperty().bind(table.getSelectionModel().selectedItemProperty().isNull());
        watchButton.setOnAction(e -> watchSelected());
        compareHostsButton.disableProperty().bind(table.getSelectionModel().selectedItemProperty().isNull());
        compareHostsButton.setOnAction(e -> {
            Migration selected = table.getSelectionModel().getSelectedItem();
            if (selected != null) {
                onCompareHosts.accept(selected);
            }
        });
        table.setRowFactory(t -> {
            TableRow<Migration> row = new TableRow<>();
            row.setOnMouseClicked(e -> {
                if (e.getClickCount() == 2 && !row.isEmpty()) {
                    viewModel.watch(row.getItem());
                }
            });
            return row;
        });
        table.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ENTER) {
                watchSelected();
            }
        });

        noWatchLabel.visibleProperty().bind(javafx.beans.binding.Bindings.isEmpty(viewModel.watched()));
        viewModel.watched().forEach(this::addTab);
        viewModel.watched().addListener((ListChangeListener<WatchedMigration>) change -> {
            while (change.next()) {
                change.getRemoved().forEach(w -> {
                    Tab tab = tabs.remove(w);
                    if (tab != null) {
                        watchTabs.getTabs().remove(tab);
                    }
                });
                change.getAddedSubList().forEach(this::addTab);
            }
        });
        select(viewModel.selectedProperty().get());
        viewModel.selectedProperty().addListener((obs, old, now) -> select(now));
        watchTabs.getSelectionModel().selectedItemProperty().addListener((obs, old, tab) -> {
            if (tab != null) {
                viewModel.selectedProperty().set((WatchedMigration) tab.getUserData());
            }
        });
    }

    private void watchSelected() {
        Migration selected = table.getSelectionModel().getSelectedItem();
        if (selected != null) {
            viewModel.watch(selected);
        }
    }

    private void addTab(WatchedMigration watch) {
        Migration m = watch.migrationProperty().get();
        Tab tab = new Tab("#" + m.id() + " " + (watch.serverName() != null ? watch.serverName() : shortId(m.serverId())),
                new WatchPane(watch, resources, onAct));
        tab.setId("watch-" + m.id());
        tab.setUserData(watch);
        tab.setOnClosed(e -> viewModel.unwatch(watch));
        tabs.put(watch, tab);
        watchTabs.getTabs().add(tab);
    }

    private void select(WatchedMigration watch) {
        Tab tab = watch == null ? null : tabs.get(watch);
        if (tab != null) {
            watchTabs.getSelectionModel().select(tab);
        }
    }

    private static String shortId(String id) {
        return id == null ? "" : id.length() > 8 ? id.substring(0, 8) : id;
    }

    static String percent(Migration m) {
        if (!m.hasProgress()) {
            return "";
        }
        double done = 100.0 * (m.memoryTotalBytes() - m.memoryRemainingBytes()) / m.memoryTotalBytes();
        return String.format("%.0f %%", Math.max(0, Math.min(100, done)));
    }

    private static void text(TableColumn<Migration, String> column, Function<Migration, String> value) {
        column.setCellValueFactory(cell -> new ReadOnlyStringWrapper(value.apply(cell.getValue())));
    }
}
