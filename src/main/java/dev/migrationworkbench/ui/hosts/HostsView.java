package dev.migrationworkbench.ui.hosts;

import dev.migrationworkbench.ui.Banner;
import dev.migrationworkbench.ui.Styles;
import dev.migrationworkbench.ui.backend.HostComparison;
import dev.migrationworkbench.ui.findings.FindingCard;
import java.util.ResourceBundle;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/** Source and destination host side by side: drawings of their NUMA nodes and NICs, the compared aspects, the findings. */
public final class HostsView {

    private final HostsViewModel viewModel;

    @FXML private ResourceBundle resources;
    @FXML private Banner banner;
    @FXML private ProgressBar progress;
    @FXML private ComboBox<String> sourceChoice;
    @FXML private ComboBox<String> destinationChoice;
    @FXML private TextField searchField;
    @FXML private Button refreshButton;
    @FXML private Label emptyLabel;
    @FXML private HBox drawings;
    @FXML private TableView<HostComparison.Row> diffTable;
    @FXML private TableColumn<HostComparison.Row, String> aspectColumn;
    @FXML private TableColumn<HostComparison.Row, String> sourceColumn;
    @FXML private TableColumn<HostComparison.Row, String> destinationColumn;
    @FXML private VBox findingsBox;

    public HostsView(HostsViewModel viewModel) {
        this.viewModel = viewModel;
    }

    @FXML
    private void initialize() {
        banner.bind(viewModel.state(), resources);
        progress.visibleProperty().bind(viewModel.state().busyProperty());
        sourceChoice.setItems(viewModel.hosts());
        sourceChoice.valueProperty().bindBidirectional(viewModel.sourceProperty());
        destinationChoice.setItems(viewModel.hosts());
        destinationChoice.valueProperty().bindBidirectional(viewModel.destinationProperty());
        searchField.textProperty().bindBidirectional(viewModel.serverIdProperty());
        refreshButton.disableProperty().bind(viewModel.canCompare().not());
        refreshButton.setOnAction(e -> viewModel.compare());

        aspectColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().aspect().resolve(resources)));
        sourceColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().sourceValue()));
        destinationColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().destinationValue()));
        diffTable.setRowFactory(t -> new TableRow<>() {
            @Override
            protected void updateItem(HostComparison.Row row, boolean empty) {
                super.updateItem(row, empty);
                getStyleClass().removeAll(Styles.DIFF_CHANGED, Styles.DIFF_BAD);
                if (!empty && row != null && row.difference() != HostComparison.Difference.SAME) {
                    getStyleClass().add(row.difference() == HostComparison.Difference.PROBLEM ? Styles.DIFF_BAD : Styles.DIFF_CHANGED);
                }
            }
        });
        show(viewModel.comparisonProperty().get());
        viewModel.comparisonProperty().addListener((obs, old, now) -> show(now));
    }

    private void show(HostComparison comparison) {
        boolean has = comparison != null;
        emptyLabel.setVisible(!has);
        emptyLabel.setManaged(!has);
        diffTable.setVisible(has);
        diffTable.setManaged(has);
        if (!has) {
            drawings.getChildren().clear();
            diffTable.getItems().clear();
            findingsBox.getChildren().clear();
            return;
        }
        String server = viewModel.serverIdProperty().get();
        HostDrawing source = new HostDrawing(comparison.source(), server, resources);
        HostDrawing destination = new HostDrawing(comparison.destination(), null, resources);
        source.setId("sourceDrawing");
        destination.setId("destinationDrawing");
        HBox.setHgrow(source, Priority.ALWAYS);
        HBox.setHgrow(destination, Priority.ALWAYS);
        drawings.getChildren().setAll(source, destination);
        diffTable.getItems().setAll(comparison.rows());
        diffTable.setPrefHeight(34 + 25 * Math.max(3, comparison.rows().size()));
        findingsBox.getChildren().setAll(comparison.findings().stream().map(f -> new FindingCard(f, resources)).toList());
    }
}
