package dev.migrationworkbench.ui.findings;

import dev.migrationworkbench.model.Evidence;
import dev.migrationworkbench.ui.Banner;
import dev.migrationworkbench.ui.Format;
import dev.migrationworkbench.ui.Styles;
import dev.migrationworkbench.ui.backend.FindingItem;
import java.text.MessageFormat;
import java.util.ResourceBundle;
import javafx.collections.ListChangeListener;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TextField;
import javafx.scene.layout.VBox;

/** The findings of a diagnosis, worst first, each as an expandable card. */
public final class FindingsView {

    private final FindingsViewModel viewModel;

    @FXML private ResourceBundle resources;
    @FXML private Banner banner;
    @FXML private ProgressBar progress;
    @FXML private TextField searchField;
    @FXML private Button refreshButton;
    @FXML private Button exportButton;
    @FXML private Label summaryLabel;
    @FXML private VBox findingsBox;

    private final java.util.function.Function<String, java.nio.file.Path> chooseReportFile;

    /** {@code chooseReportFile} asks the user where to save the PDF (null: cancelled). */
    public FindingsView(FindingsViewModel viewModel, java.util.function.Function<String, java.nio.file.Path> chooseReportFile) {
        this.viewModel = viewModel;
        this.chooseReportFile = chooseReportFile;
    }

    @FXML
    private void initialize() {
        banner.bind(viewModel.state(), resources);
        progress.visibleProperty().bind(viewModel.state().busyProperty());
        searchField.textProperty().bindBidirectional(viewModel.queryProperty());
        refreshButton.setOnAction(e -> viewModel.diagnose());
        refreshButton.disableProperty().bind(viewModel.state().busyProperty());
        exportButton.disableProperty().bind(viewModel.state().busyProperty().or(viewModel.evidenceProperty().isNull()));
        exportButton.setOnAction(e -> viewModel.exportReport(chooseReportFile.apply(viewModel.suggestedReportName()),
                resources.getLocale().getLanguage().isEmpty() ? java.util.Locale.ENGLISH : resources.getLocale(),
                file -> summaryLabel.setText(MessageFormat.format(resources.getString("findings.export.done"), file))));
        show();
        viewModel.findings().addListener((ListChangeListener<FindingItem>) c -> show());
        viewModel.evidenceProperty().addListener((obs, old, now) -> show());
    }

    private void show() {
        Evidence evidence = viewModel.evidenceProperty().get();
        if (evidence == null) {
            summaryLabel.setText(resources.getString("findings.none.yet"));
            findingsBox.getChildren().clear();
            return;
        }
        String subject = evidence.server() == null ? evidence.serverQuery()
                : evidence.server().name() + " (" + evidence.server().id() + ")";
        summaryLabel.setText(MessageFormat.format(resources.getString("findings.summary"), subject,
                viewModel.findings().size(), Format.dateTime(evidence.collectedAt()), evidence.calls().size()));
        findingsBox.getChildren().setAll(viewModel.findings().stream().map(f -> new FindingCard(f, resources)).toList());
        if (viewModel.findings().isEmpty()) {
            Label none = new Label(resources.getString(viewModel.inconclusive() ? "findings.inconclusive" : "findings.none"));
            none.getStyleClass().add(Styles.MUTED);
            findingsBox.getChildren().add(none);
        }
        if (!viewModel.notes().isEmpty()) {
            Label heading = new Label(resources.getString("findings.notes"));
            heading.getStyleClass().add("section-title");
            VBox notes = new VBox(4, heading);
            notes.setId("notesBox");
            notes.getStyleClass().add("card");
            viewModel.notes().forEach(note -> {
                Label line = new Label("• " + note.resolve(resources));
                line.setWrapText(true);
                notes.getChildren().add(line);
            });
            findingsBox.getChildren().add(notes);
        }
    }
}
