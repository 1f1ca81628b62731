package dev.migrationworkbench.ui.overview;

import dev.migrationworkbench.diagnosis.FindingCode;
import dev.migrationworkbench.model.Migration;
import dev.migrationworkbench.triage.HostDrain;
import dev.migrationworkbench.triage.MigrationVerdict;
import dev.migrationworkbench.triage.Suggestion;
import dev.migrationworkbench.triage.Triage;
import dev.migrationworkbench.triage.Verdict;
import dev.migrationworkbench.ui.Banner;
import dev.migrationworkbench.ui.Format;
import dev.migrationworkbench.ui.Navigator;
import dev.migrationworkbench.ui.Styles;
import java.text.MessageFormat;
import java.time.Duration;
import java.util.Locale;
import java.util.ResourceBundle;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Collectors;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.StackPane;
import javafx.util.StringConverter;

/**
 * The Overview: counts, every live migration with its verdict (attention first), and the drains;
 * a selected migration opens its chart, findings or host diff; a selected drain shows its
 * combined chart, forecast and a suggestion per guest, acted on through the wizard.
 */
public final class OverviewView {

    private final OverviewViewModel viewModel;
    private final Navigator navigator;
    private final Consumer<MigrationVerdict> onAct;

    @FXML private ResourceBundle resources;
    @FXML private Banner banner;
    @FXML private ProgressBar progress;
    @FXML private ChoiceBox<Duration> periodChoice;
    @FXML private CheckBox liveToggle;
    @FXML private Button refreshButton;
    @FXML private Label summaryLabel;
    @FXML private Label causesLabel;
    @FXML private TableView<MigrationVerdict> overviewTable;
    @FXML private TableColumn<MigrationVerdict, Verdict> verdictColumn;
    @FXML private TableColumn<MigrationVerdict, String> serverColumn;
    @FXML private TableColumn<MigrationVerdict, String> migrationColumn;
    @FXML private TableColumn<MigrationVerdict, String> statusColumn;
    @FXML private TableColumn<MigrationVerdict, String> hostsColumn;
    @FXML private TableColumn<MigrationVerdict, String> codesColumn;
    @FXML private TableColumn<MigrationVerdict, String> remainingColumn;
    @FXML private TableColumn<MigrationVerdict, String> etaColumn;
    @FXML private TableColumn<MigrationVerdict, String> suggestionColumn;
    @FXML private Button chartButton;
    @FXML private Button findingsButton;
    @FXML private Button hostsButton;
    @FXML private Button actButton;
    @FXML private TableView<HostDrain> drainTable;
    @FXML private TableColumn<HostDrain, String> drainHostColumn;
    @FXML private TableColumn<HostDrain, String> drainDoneColumn;
    @FXML private TableColumn<HostDrain, String> drainRunningColumn;
    @FXML private TableColumn<HostDrain, String> drainFailedColumn;
    @FXML private TableColumn<HostDrain, String> drainLeftColumn;
    @FXML private TableColumn<HostDrain, String> drainOnHostColumn;
    @FXML private TableColumn<HostDrain, String> drainEndColumn;
    @FXML private StackPane drainChartPane;
    @FXML private Label drainForecastLabel;
    @FXML private ListView<MigrationVerdict> drainGuests;
    @FXML private Button drainActButton;

    private DrainChart drainChart;

    /** {@code onAct} opens the abort / force-complete wizard for a running migration. */
    public OverviewView(OverviewViewModel viewModel, Navigator navigator, Consumer<MigrationVerdict> onAct) {
        this.viewModel = viewModel;
        this.navigator = navigator;
        this.onAct = onAct;
    }

    @FXML
    private void initialize() {
        banner.bind(viewModel.state(), resources);
        progress.visibleProperty().bind(viewModel.state().busyProperty());
        refreshButton.setOnAction(e -> viewModel.refresh());
        refreshButton.disableProperty().bind(viewModel.state().busyProperty());
        liveToggle.selectedProperty().bindBidirectional(viewModel.liveProperty());
        periodChoice.getItems().setAll(OverviewViewModel.PERIODS);
        periodChoice.setConverter(new StringConverter<>() {
            @Override
            public String toString(Duration d) {
                return d == null ? "" : d.toDays() >= 1 && d.toHours() % 24 == 0
                        ? text("overview.period.days", d.toDays()) : text("overview.period.hours", d.toHours());
            }

            @Override
            public Duration fromString(String s) {
                return null;
            }
        });
        periodChoice.valueProperty().bindBidirectional(viewModel.sinceProperty());

        viewModel.triageProperty().addListener((obs, old, t) -> summarize(t));
        summarize(viewModel.triageProperty().get());

        overviewTable.setItems(viewModel.migrations());
        verdictColumn.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().verdict()));
        verdictColumn.setCellFactory(c -> new VerdictCell());
        verdictColumn.setSortable(false);
        text(serverColumn, v -> v.serverName() == null ? v.serverId() : v.serverName());
        text(migrationColumn, v -> Long.toString(v.migration().id()));
        text(statusColumn, v -> v.migration().status());
        text(hostsColumn, v -> v.migration().sourceCompute() + " → " + v.migration().destCompute());
        text(codesColumn, v -> v.codes().stream().map(FindingCode::name).collect(Collectors.joining(", ")));
        text(remainingColumn, v -> v.verdict().inProgress() && v.remainingBytes() != null
                ? Format.mib(v.remainingBytes()) : "");
        text(etaColumn, v -> v.etaSeconds().filter(e -> v.verdict() == Verdict.CONVERGING || v.verdict() == Verdict.SLOW)
                .map(e -> text("overview.eta", Math.round(e))).orElse(""));
        text(suggestionColumn, this::suggestion);
        overviewTable.getSelectionModel().selectedItemProperty().addListener((obs, old, now) -> viewModel.selectedProperty().set(now));
        viewModel.selectedProperty().addListener((obs, old, now) -> {
            if (now != overviewTable.getSelectionModel().getSelectedItem()) {
                overviewTable.getSelectionModel().select(now);
            }
        });
        chartButton.disableProperty().bind(viewModel.selectedProperty().isNull());
        findingsButton.disableProperty().bind(viewModel.selectedProperty().isNull());
        hostsButton.disableProperty().bind(viewModel.selectedProperty().isNull());
        actButton.disableProperty().bind(javafx.beans.binding.Bindings.createBooleanBinding(
                () -> viewModel.selectedProperty().get() == null || !viewModel.selectedProperty().get().verdict().inProgress(),
                viewModel.selectedProperty()));
        chartButton.setOnAction(e -> open(viewModel.selectedProperty().get(), Open.CHART));
        findingsButton.setOnAction(e -> open(viewModel.selectedProperty().get(), Open.FINDINGS));
        hostsButton.setOnAction(e -> open(viewModel.selectedProperty().get(), Open.HOSTS));
        actButton.setOnAction(e -> onAct.accept(viewModel.selectedProperty().get()));
        overviewTable.setRowFactory(t -> {
            TableRow<MigrationVerdict> row = new TableRow<>();
            row.setOnMouseClicked(e -> {
                if (e.getClickCount() == 2 && !row.isEmpty()) {
                    open(row.getItem(), Open.DEFAULT);
                }
            });
            return row;
        });
        overviewTable.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ENTER && overviewTable.getSelectionModel().getSelectedItem() != null) {
                open(overviewTable.getSelectionModel().getSelectedItem(), Open.DEFAULT);
            }
        });

        drainTable.setItems(viewModel.drains());
        drainText(drainHostColumn, HostDrain::host);
        drainText(drainDoneColumn, d -> Integer.toString(d.done()));
        drainText(drainRunningColumn, d -> Integer.toString(d.running()));
        drainText(drainFailedColumn, d -> Integer.toString(d.failed()));
        drainText(drainLeftColumn, d -> d.left() == null ? "?" : d.left().toString());
        drainText(drainOnHostColumn, d -> d.instancesOnHost() == null ? "?" : d.instancesOnHost().toString());
        drainText(drainEndColumn, this::forecast);
        drainTable.getSelectionModel().selectedItemProperty().addListener((obs, old, now) -> viewModel.selectedDrainProperty().set(now));
        drainChart = new DrainChart(resources);
        drainChartPane.getChildren().setAll(drainChart.node());
        drainGuests.setCellFactory(l -> new ListCell<>() {
            @Override
            protected void updateItem(MigrationVerdict v, boolean empty) {
                super.updateItem(v, empty);
                setText(empty || v == null ? null : (v.serverName() == null ? v.serverId() : v.serverName()) + "  "
                        + resources.getString(v.verdict().key()) + "  → " + suggestion(v));
            }
        });
        viewModel.selectedDrainProperty().addListener((obs, old, now) -> {
            if (now != drainTable.getSelectionModel().getSelectedItem()) {
                drainTable.getSelectionModel().select(now);
            }
            showDrain(now);
        });
        // a view rebuilt (language switch) shows what the view model holds
        drainTable.getSelectionModel().select(viewModel.selectedDrainProperty().get());
        overviewTable.getSelectionModel().select(viewModel.selectedProperty().get());
        showDrain(viewModel.selectedDrainProperty().get());
        viewModel.triageProperty().addListener((obs, old, now) -> showDrain(viewModel.selectedDrainProperty().get()));
        drainActButton.disableProperty().bind(javafx.beans.binding.Bindings.createBooleanBinding(
                () -> drainGuests.getSelectionModel().getSelectedItem() == null
                        || !drainGuests.getSelectionModel().getSelectedItem().verdict().inProgress(),
                drainGuests.getSelectionModel().selectedItemProperty()));
        drainActButton.setOnAction(e -> onAct.accept(drainGuests.getSelectionModel().getSelectedItem()));
    }

    private enum Open { CHART, FINDINGS, HOSTS, DEFAULT }

    /** The chart while it runs, the findings once it failed or ended, the host diff after it completed. */
    private void open(MigrationVerdict v, Open what) {
        if (v == null) {
            return;
        }
        Migration m = v.migration();
        Open target = what != Open.DEFAULT ? what
                : v.verdict().inProgress() ? Open.CHART : v.verdict() == Verdict.COMPLETED ? Open.HOSTS : Open.FINDINGS;
        switch (target) {
            case CHART -> navigator.openMigration(m);
            case HOSTS -> navigator.compareHosts(m.serverId(), m.sourceCompute(), m.destCompute());
            default -> navigator.diagnose(m.serverId());
        }
    }

    private void showDrain(HostDrain drain) {
        drainGuests.getItems().setAll(viewModel.drainMigrations(drain));
        drainChart.show(viewModel.drainMigrations(drain));
        drainForecastLabel.setText(drain == null ? text("overview.drain.pick") : drain.host() + ": " + forecast(drain));
    }

    private void summarize(Triage t) {
        if (t == null) {
            summaryLabel.setText("");
            causesLabel.setText("");
            return;
        }
        summaryLabel.setText(t.migrations().isEmpty() ? text("overview.none")
                : t.verdictCountsInOrder().entrySet().stream()
                        .map(e -> e.getValue() + " " + resources.getString(e.getKey().key()))
                        .collect(Collectors.joining("  ·  ")));
        causesLabel.setText(t.causeCounts().isEmpty() ? "" : text("overview.causes", t.causesByFrequency().stream()
                .map(e -> e.getKey().name() + " " + e.getValue()).collect(Collectors.joining(", "))));
    }

    private String suggestion(MigrationVerdict v) {
        Suggestion s = v.suggestion();
        String base = s == Suggestion.NONE ? "" : resources.getString(s.key());
        if (s == Suggestion.FORCE_COMPLETE) {
            return v.forceCompletePauseSeconds().map(p -> base + " " + text("overview.pause", String.format(Locale.ROOT, "%.1f", p)))
                    .orElse(base);
        }
        return base;
    }

    private String forecast(HostDrain d) {
        if (d.stuck()) {
            return text("overview.drain.stuck", d.blockedBy().size());
        }
        if (d.endsAt() != null) {
            return text("overview.drain.ends", Format.dateTime(d.endsAt()));
        }
        return d.running() == 0 ? "" : text("overview.drain.unknown", d.unjudged().size());
    }

    private String text(String key, Object... args) {
        return new MessageFormat(resources.getString(key), resources.getLocale()).format(args);
    }

    private static void text(TableColumn<MigrationVerdict, String> column, Function<MigrationVerdict, String> value) {
        column.setCellValueFactory(cell -> new ReadOnlyStringWrapper(value.apply(cell.getValue())));
    }

    private static void drainText(TableColumn<HostDrain, String> column, Function<HostDrain, String> value) {
        column.setCellValueFactory(cell -> new ReadOnlyStringWrapper(value.apply(cell.getValue())));
    }

    /** The verdict as a coloured badge, in the window's language. */
    private final class VerdictCell extends TableCell<MigrationVerdict, Verdict> {
        private final Label badge = new Label();

        @Override
        protected void updateItem(Verdict item, boolean empty) {
            super.updateItem(item, empty);
            if (empty || item == null) {
                setGraphic(null);
                return;
            }
            badge.setText(resources.getString(item.key()));
            badge.getStyleClass().setAll(Styles.BADGE, Styles.verdict(item));
            setGraphic(badge);
        }
    }
}
