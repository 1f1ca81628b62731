package dev.migrationworkbench.ui.instances;

import dev.migrationworkbench.ui.BadgeCell;
import dev.migrationworkbench.ui.Banner;
import dev.migrationworkbench.ui.Styles;
import java.text.MessageFormat;
import java.util.ResourceBundle;
import java.util.function.Function;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.transformation.SortedList;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;

/** Every server in one sortable, filterable table with status badges and context actions. */
public final class InstancesView {

    private final InstancesViewModel viewModel;

    @FXML private ResourceBundle resources;
    @FXML private TextField searchField;
    @FXML private Button refreshButton;
    @FXML private Banner banner;
    @FXML private ProgressBar progress;
    @FXML private Label countLabel;
    @FXML private TableView<ServerRow> table;
    @FXML private TableColumn<ServerRow, String> nameColumn;
    @FXML private TableColumn<ServerRow, String> idColumn;
    @FXML private TableColumn<ServerRow, String> statusColumn;
    @FXML private TableColumn<ServerRow, String> taskColumn;
    @FXML private TableColumn<ServerRow, String> hostColumn;
    @FXML private TableColumn<ServerRow, String> flavorColumn;
    @FXML private TableColumn<ServerRow, String> numaColumn;
    @FXML private TableColumn<ServerRow, String> migrationColumn;

    public InstancesView(InstancesViewModel viewModel) {
        this.viewModel = viewModel;
    }

    @FXML
    private void initialize() {
        banner.bind(viewModel.state(), resources);
        searchField.textProperty().bindBidirectional(viewModel.filterProperty());
        searchField.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ESCAPE) {
                searchField.clear();
            } else if (e.getCode() == KeyCode.DOWN) {
                table.requestFocus();
                table.getSelectionModel().selectFirst();
            }
        });
        refreshButton.setOnAction(e -> viewModel.refresh());
        refreshButton.disableProperty().bind(viewModel.state().busyProperty());
        progress.visibleProperty().bind(viewModel.state().busyProperty());
        progress.setProgress(ProgressBar.INDETERMINATE_PROGRESS);

        SortedList<ServerRow> sorted = new SortedList<>(viewModel.filteredRows());
        sorted.comparatorProperty().bind(table.comparatorProperty());
        table.setItems(sorted);
        viewModel.state().staleProperty().addListener((obs, old, stale) -> markStale(stale));
        markStale(viewModel.state().staleProperty().get());
        countLabel.textProperty().bind(Bindings.createStringBinding(() -> MessageFormat.format(
                resources.getString(viewModel.state().busyProperty().get() ? "instances.count.loading" : "instances.count"),
                sorted.size(), viewModel.loadedProperty().get()),
                sorted, viewModel.loadedProperty(), viewModel.state().busyProperty()));

        text(nameColumn, row -> row.server().name());
        text(idColumn, row -> row.server().id());
        text(statusColumn, row -> row.server().status());
        text(taskColumn, row -> row.server().taskState());
        text(hostColumn, row -> row.server().host());
        text(flavorColumn, row -> row.server().flavorName());
        text(numaColumn, this::numa);
        text(migrationColumn, ServerRow::migrationStatus);
        statusColumn.setCellFactory(column -> new BadgeCell<>());
        migrationColumn.setCellFactory(column -> new BadgeCell<>());

        table.setRowFactory(t -> {
            TableRow<ServerRow> row = new TableRow<>();
            row.setOnMouseClicked(e -> {
                if (e.getButton() == MouseButton.PRIMARY && e.getClickCount() == 2 && !row.isEmpty()) {
                    viewModel.diagnose(row.getItem());
                }
            });
            return row;
        });
        table.setContextMenu(contextMenu());
        table.setOnKeyPressed(e -> {
            ServerRow selected = table.getSelectionModel().getSelectedItem();
            if (selected != null && e.getCode() == KeyCode.ENTER) {
                viewModel.diagnose(selected);
            }
        });
    }

    private void markStale(boolean stale) {
        if (stale) {
            if (!table.getStyleClass().contains(Styles.STALE)) {
                table.getStyleClass().add(Styles.STALE);
            }
        } else {
            table.getStyleClass().remove(Styles.STALE);
        }
    }

    private String numa(ServerRow row) {
        String nodes = row.numa().isEmpty() ? "" : MessageFormat.format(resources.getString("instances.numa.nodes"), row.numa());
        String pinned = row.pinned() ? resources.getString("instances.numa.pinned") : "";
        return nodes.isEmpty() || pinned.isEmpty() ? nodes + pinned : nodes + " · " + pinned;
    }

    private ContextMenu contextMenu() {
        MenuItem diagnose = item("instances.action.diagnose", viewModel::diagnose);
        diagnose.setId("diagnoseItem");
        MenuItem migration = item("instances.action.openMigration", viewModel::openMigration);
        migration.setId("openMigrationItem");
        MenuItem compare = item("instances.action.compareHosts", viewModel::compareHosts);
        compare.setId("compareHostsItem");
        MenuItem copy = item("instances.action.copyId", row -> {
            ClipboardContent content = new ClipboardContent();
            content.putString(row.server().id());
            Clipboard.getSystemClipboard().setContent(content);
        });
        copy.setId("copyIdItem");
        ContextMenu menu = new ContextMenu(diagnose, migration, compare, new SeparatorMenuItem(), copy);
        menu.setOnShowing(e -> {
            ServerRow row = table.getSelectionModel().getSelectedItem();
            menu.getItems().forEach(i -> i.setDisable(row == null));
            migration.setDisable(row == null || row.migration() == null);
        });
        return menu;
    }

    private MenuItem item(String key, java.util.function.Consumer<ServerRow> action) {
        MenuItem item = new MenuItem(resources.getString(key));
        item.setOnAction(e -> {
            ServerRow row = table.getSelectionModel().getSelectedItem();
            if (row != null) {
                action.accept(row);
            }
        });
        return item;
    }

    private static void text(TableColumn<ServerRow, String> column, Function<ServerRow, String> value) {
        column.setCellValueFactory(cell -> new ReadOnlyStringWrapper(value.apply(cell.getValue())));
    }
}
