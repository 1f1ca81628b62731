package dev.migrationworkbench.ui.hosts;

import dev.migrationworkbench.ui.Banner;
import dev.migrationworkbench.ui.Layouts;
import dev.migrationworkbench.ui.Styles;
import dev.migrationworkbench.ui.backend.HostComparison;
import dev.migrationworkbench.ui.findings.FindingCard;
import java.util.ResourceBundle;
import java.util.List;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/** Source and destination host side by side: drawings of their NUMA nodes and NICs, the compared aspects, the findings. */
public final class HostsView {

    private static final double ROW_HEIGHT = 28;
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
    @FXML private TableColumn<HostComparison.Row, HostComparison.Row> sourceColumn;
    @FXML private TableColumn<HostComparison.Row, HostComparison.Row> destinationColumn;
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
        sourceColumn.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue()));
        destinationColumn.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue()));
        diffTable.setFixedCellSize(ROW_HEIGHT);
        sourceColumn.setCellFactory(c -> new PartsCell(true));
        destinationColumn.setCellFactory(c -> new PartsCell(false));
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
        HostDrawing source = Layouts.keepWhole(new HostDrawing(comparison.source(), server, resources));
        HostDrawing destination = Layouts.keepWhole(new HostDrawing(comparison.destination(), null, resources));
        source.setId("sourceDrawing");
        destination.setId("destinationDrawing");
        HBox.setHgrow(source, Priority.ALWAYS);
        HBox.setHgrow(destination, Priority.ALWAYS);
        drawings.getChildren().setAll(source, destination);
        diffTable.getItems().setAll(comparison.rows());
        // every row shown (the view scrolls, not the table): a hidden row could hide a difference
        diffTable.setPrefHeight(ROW_HEIGHT * (Math.max(3, comparison.rows().size()) + 1) + 6);
        diffTable.setMinHeight(diffTable.getPrefHeight());
        findingsBox.getChildren().setAll(comparison.findings().stream().map(f -> new FindingCard(f, resources)).toList());
    }

    /**
     * One side of a row: its values in a line, each that differs from the other side's highlighted
     * (in the problem colour when the difference matters); equal values stay plain.
     */
    private static final class PartsCell extends TableCell<HostComparison.Row, HostComparison.Row> {

        private final boolean source;

        PartsCell(boolean source) {
            this.source = source;
        }

        @Override
        protected void updateItem(HostComparison.Row row, boolean empty) {
            super.updateItem(row, empty);
            setText(null);
            if (empty || row == null) {
                setGraphic(null);
                return;
            }
            HBox values = new HBox(4);
            values.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
            List<HostComparison.Part> parts = source ? row.source() : row.destination();
            for (int i = 0; i < parts.size(); i++) {
                HostComparison.Part part = parts.get(i);
                Label value = new Label(part.text());
                value.setMinWidth(Region.USE_PREF_SIZE);
                if (part.differs()) {
                    value.getStyleClass().addAll(Styles.DIFF_VALUE,
                            row.difference() == HostComparison.Difference.PROBLEM ? Styles.DIFF_VALUE_BAD : Styles.DIFF_VALUE_CHANGED);
                }
                values.getChildren().add(value);
                if (i < parts.size() - 1) {
                    Label separator = new Label("·");
                    separator.getStyleClass().add(Styles.MUTED);
                    values.getChildren().add(separator);
                }
            }
            setGraphic(values);
        }
    }
}
