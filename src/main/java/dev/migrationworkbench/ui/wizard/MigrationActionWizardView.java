package dev.migrationworkbench.ui.wizard;

import dev.migrationworkbench.action.MigrationAction;
import dev.migrationworkbench.ui.wizard.MigrationActionWizardViewModel.Step;
import java.util.List;
import java.util.ResourceBundle;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.fxml.FXML;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.RadioButton;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.VBox;
import javafx.stage.WindowEvent;
import javafx.util.Duration;

/** The abort / force-complete wizard's controller: binds the pages to the view model. */
public final class MigrationActionWizardView {

    private static final Duration FOLLOW_EVERY = Duration.seconds(2);

    private final MigrationActionWizardViewModel viewModel;

    @FXML private ResourceBundle resources;
    @FXML private Label stepTitle;
    @FXML private Label summaryLabel;
    @FXML private ToggleGroup actionGroup;
    @FXML private VBox choosePage;
    @FXML private RadioButton abortChoice;
    @FXML private Label abortConsequence;
    @FXML private RadioButton forceChoice;
    @FXML private Label forceConsequence;
    @FXML private Label recommendationTitle;
    @FXML private VBox recommendationReasons;
    @FXML private VBox checkPage;
    @FXML private ProgressIndicator checkProgress;
    @FXML private Label checkStatus;
    @FXML private VBox blockerList;
    @FXML private VBox warningList;
    @FXML private VBox confirmPage;
    @FXML private Label confirmText;
    @FXML private TextField cliCommandField;
    @FXML private CheckBox acknowledgeBox;
    @FXML private TextField ticketField;
    @FXML private VBox resultPage;
    @FXML private ProgressIndicator resultProgress;
    @FXML private Label outcomeLabel;
    @FXML private Label finalStatusLabel;
    @FXML private VBox resultBlockers;
    @FXML private Label errorLabel;
    @FXML private Button backButton;
    @FXML private Button nextButton;
    @FXML private Button executeButton;
    @FXML private Button closeButton;

    private final Timeline follower = new Timeline();

    public MigrationActionWizardView(MigrationActionWizardViewModel viewModel) {
        this.viewModel = viewModel;
    }

    public MigrationActionWizardViewModel viewModel() {
        return viewModel;
    }

    @FXML
    private void initialize() {
        summaryLabel.textProperty().bind(viewModel.summaryProperty());
        abortChoice.setUserData(MigrationAction.ABORT);
        forceChoice.setUserData(MigrationAction.FORCE_COMPLETE);
        abortConsequence.setText(viewModel.abortConsequence());
        forceConsequence.setText(viewModel.forceCompleteConsequence());
        MigrationAction recommended = viewModel.recommendedProperty().get();
        if (recommended != null) {
            (recommended == MigrationAction.ABORT ? abortChoice : forceChoice)
                    .setText((recommended == MigrationAction.ABORT ? abortChoice : forceChoice).getText()
                            + "  " + resources.getString("wizard.recommended"));
        }
        recommendationTitle.setText(resources.getString("wizard.recommendation"));
        viewModel.recommendationReasons().forEach(reason -> recommendationReasons.getChildren().add(wrapped("• " + reason)));
        actionGroup.selectToggle(viewModel.actionProperty().get() == MigrationAction.FORCE_COMPLETE ? forceChoice : abortChoice);
        actionGroup.selectedToggleProperty().addListener((obs, old, now) -> {
            if (now == null) {
                old.setSelected(true);
            } else {
                viewModel.actionProperty().set((MigrationAction) now.getUserData());
            }
        });

        checkProgress.visibleProperty().bind(viewModel.busyProperty());
        checkStatus.textProperty().bind(Bindings.createStringBinding(() -> {
            if (viewModel.busyProperty().get()) {
                return resources.getString("wizard.check.running");
            }
            var check = viewModel.checkProperty().get();
            if (check == null) {
                return "";
            }
            return resources.getString(check.allowed() ? "wizard.check.ok" : "wizard.check.blocked");
        }, viewModel.busyProperty(), viewModel.checkProperty()));
        mirror(viewModel.blockers(), blockerList, "wizard-blocker");
        mirror(viewModel.warnings(), warningList, "wizard-warning");
        mirror(viewModel.blockers(), resultBlockers, "wizard-blocker");

        confirmText.textProperty().bind(Bindings.createStringBinding(() -> viewModel.actionProperty().get() == MigrationAction.FORCE_COMPLETE
                ? resources.getString("wizard.confirm.force") : resources.getString("wizard.confirm.abort"), viewModel.actionProperty()));
        cliCommandField.textProperty().bind(Bindings.createStringBinding(viewModel::cliCommand, viewModel.actionProperty()));
        acknowledgeBox.setText(resources.getString("wizard.confirm.acknowledge") + " " + viewModel.forceCompleteConsequence());
        acknowledgeBox.visibleProperty().bind(viewModel.actionProperty().isEqualTo(MigrationAction.FORCE_COMPLETE));
        acknowledgeBox.managedProperty().bind(acknowledgeBox.visibleProperty());
        acknowledgeBox.selectedProperty().bindBidirectional(viewModel.acknowledgedProperty());
        ticketField.textProperty().bindBidirectional(viewModel.ticketProperty());

        outcomeLabel.textProperty().bind(viewModel.outcomeProperty());
        finalStatusLabel.textProperty().bind(Bindings.createStringBinding(() -> viewModel.finalStatusProperty().get().isEmpty() ? ""
                : resources.getString("wizard.result.status") + " " + viewModel.finalStatusProperty().get(), viewModel.finalStatusProperty()));
        resultProgress.visibleProperty().bind(viewModel.finishedProperty().not());
        resultProgress.managedProperty().bind(resultProgress.visibleProperty());
        errorLabel.textProperty().bind(viewModel.errorProperty());
        errorLabel.visibleProperty().bind(viewModel.errorProperty().isNotEmpty());
        errorLabel.managedProperty().bind(errorLabel.visibleProperty());

        backButton.disableProperty().bind(viewModel.canGoBack().not());
        nextButton.disableProperty().bind(viewModel.canGoNext().not());
        executeButton.disableProperty().bind(viewModel.canExecute().not());
        backButton.setOnAction(e -> viewModel.back());
        nextButton.setOnAction(e -> viewModel.next());
        executeButton.setOnAction(e -> viewModel.execute());
        closeButton.setOnAction(e -> {
            follower.stop();
            closeButton.getScene().getWindow().hide();
        });

        // stop following when the window closes by any means (Close button, window manager, Esc)
        closeButton.sceneProperty().addListener((obs, old, scene) -> {
            if (scene != null) {
                scene.windowProperty().addListener((o, w, window) -> {
                    if (window != null) {
                        window.addEventHandler(WindowEvent.WINDOW_HIDDEN, e -> follower.stop());
                    }
                });
            }
        });
        follower.getKeyFrames().setAll(new KeyFrame(FOLLOW_EVERY, e -> viewModel.follow()));
        follower.setCycleCount(Timeline.INDEFINITE);
        viewModel.finishedProperty().addListener((obs, old, done) -> {
            if (done) {
                follower.stop();
            }
        });
        viewModel.stepProperty().addListener((obs, old, step) -> show(step));
        show(viewModel.stepProperty().get());
    }

    private void show(Step step) {
        List<Node> pages = List.of(choosePage, checkPage, confirmPage, resultPage);
        for (int i = 0; i < pages.size(); i++) {
            pages.get(i).setVisible(i == step.ordinal());
        }
        stepTitle.setText(resources.getString("wizard.step." + step.name().toLowerCase(java.util.Locale.ROOT)));
        nextButton.setVisible(step == Step.CHOOSE || step == Step.CHECK);
        nextButton.setManaged(nextButton.isVisible());
        executeButton.setVisible(step == Step.CONFIRM);
        executeButton.setManaged(executeButton.isVisible());
        backButton.setVisible(step != Step.RESULT);
        backButton.setManaged(backButton.isVisible());
        if (step == Step.RESULT) {
            follower.play();
        }
    }

    private static void mirror(ObservableList<String> items, VBox box, String styleClass) {
        Runnable fill = () -> box.getChildren().setAll(items.stream().map(text -> {
            Label label = wrapped("• " + text);
            label.getStyleClass().add(styleClass);
            return (Node) label;
        }).toList());
        items.addListener((ListChangeListener<String>) change -> fill.run());
        fill.run();
    }

    private static Label wrapped(String text) {
        Label label = new Label(text);
        label.setWrapText(true);
        return label;
    }
}
