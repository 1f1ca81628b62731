package dev.migrationworkbench.ui.addcloud;

import dev.migrationworkbench.service.CloudSetup;
import dev.migrationworkbench.ui.Banner;
import dev.migrationworkbench.ui.backend.Text;
import java.io.File;
import java.text.MessageFormat;
import java.util.Map;
import java.util.ResourceBundle;
import javafx.beans.binding.Bindings;
import javafx.collections.MapChangeListener;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.TextField;
import javafx.stage.FileChooser;

/** The add-cloud form (a dialog of the main window). */
public final class AddCloudView {

    private final AddCloudViewModel viewModel;

    @FXML private ResourceBundle resources;
    @FXML private Banner banner;
    @FXML private Label whereLabel;
    @FXML private TextField nameField;
    @FXML private TextField authUrlField;
    @FXML private TextField projectField;
    @FXML private TextField projectDomainField;
    @FXML private TextField usernameField;
    @FXML private TextField userDomainField;
    @FXML private TextField regionField;
    @FXML private ComboBox<String> interfaceChoice;
    @FXML private TextField caCertField;
    @FXML private Button caCertBrowse;
    @FXML private PasswordField passwordField;
    @FXML private Label nameProblem;
    @FXML private Label authUrlProblem;
    @FXML private Label projectNameProblem;
    @FXML private Label projectDomainNameProblem;
    @FXML private Label usernameProblem;
    @FXML private Label userDomainNameProblem;
    @FXML private Label regionNameProblem;
    @FXML private Label endpointInterfaceProblem;
    @FXML private Label caCertProblem;
    @FXML private Label passwordProblem;
    @FXML private Label keyringLabel;
    @FXML private CheckBox passwordInFileCheck;
    @FXML private Label passwordInFileNote;
    @FXML private Label outcomeLabel;
    @FXML private ProgressIndicator busy;
    @FXML private Button testButton;
    @FXML private Button saveButton;
    @FXML private Button closeButton;

    public AddCloudView(AddCloudViewModel viewModel) {
        this.viewModel = viewModel;
    }

    @FXML
    private void initialize() {
        banner.bind(viewModel.state(), resources);
        whereLabel.setText(MessageFormat.format(resources.getString("addCloud.where"), viewModel.cloudsFile()));
        nameField.textProperty().bindBidirectional(viewModel.nameProperty());
        authUrlField.textProperty().bindBidirectional(viewModel.authUrlProperty());
        projectField.textProperty().bindBidirectional(viewModel.projectNameProperty());
        projectDomainField.textProperty().bindBidirectional(viewModel.projectDomainProperty());
        usernameField.textProperty().bindBidirectional(viewModel.usernameProperty());
        userDomainField.textProperty().bindBidirectional(viewModel.userDomainProperty());
        regionField.textProperty().bindBidirectional(viewModel.regionProperty());
        interfaceChoice.getItems().setAll(viewModel.interfaces());
        interfaceChoice.valueProperty().bindBidirectional(viewModel.endpointInterfaceProperty());
        caCertField.textProperty().bindBidirectional(viewModel.caCertProperty());
        passwordField.textProperty().bindBidirectional(viewModel.passwordProperty());
        passwordInFileCheck.selectedProperty().bindBidirectional(viewModel.passwordInFileProperty());
        passwordInFileNote.setText(MessageFormat.format(resources.getString("addCloud.passwordInFile.note"), viewModel.secureFile()));
        caCertBrowse.setOnAction(e -> {
            FileChooser chooser = new FileChooser();
            chooser.setTitle(resources.getString("addCloud.caCert"));
            File file = chooser.showOpenDialog(caCertBrowse.getScene().getWindow());
            if (file != null) {
                viewModel.caCertProperty().set(file.getAbsolutePath());
            }
        });

        Map<String, Label> problemLabels = Map.of("name", nameProblem, "authUrl", authUrlProblem, "projectName",
                projectNameProblem, "projectDomainName", projectDomainNameProblem, "username", usernameProblem,
                "userDomainName", userDomainNameProblem, "regionName", regionNameProblem, "endpointInterface",
                endpointInterfaceProblem, "caCert", caCertProblem, "password", passwordProblem);
        problemLabels.values().forEach(l -> l.setVisible(false));
        viewModel.problems().addListener((MapChangeListener<String, Text>) change -> {
            Label label = problemLabels.get(change.getKey());
            if (label != null) {
                Text problem = viewModel.problems().get(change.getKey());
                label.setText(problem == null ? "" : problem.resolve(resources));
                label.setVisible(problem != null);
            }
        });

        keyringLabel.textProperty().bind(Bindings.createStringBinding(() -> {
            CloudSetup.Keyring keyring = viewModel.keyringProperty().get();
            if (keyring == null) {
                return resources.getString("addCloud.keyring.checking");
            }
            return MessageFormat.format(resources.getString(keyring.available() ? "addCloud.keyring.available"
                    : "addCloud.keyring.unavailable"), keyring.detail());
        }, viewModel.keyringProperty()));
        keyringLabel.getStyleClass().add("keyring-status");
        viewModel.keyringProperty().addListener((obs, old, now) -> keyringLabel.getStyleClass()
                .setAll("label", "keyring-status", now != null && !now.available() ? "keyring-unavailable" : "keyring-available"));
        outcomeLabel.textProperty().bind(Bindings.createStringBinding(() -> viewModel.outcomeProperty().get() == null ? ""
                : viewModel.outcomeProperty().get().resolve(resources), viewModel.outcomeProperty()));
        busy.visibleProperty().bind(viewModel.state().busyProperty());
        testButton.disableProperty().bind(viewModel.state().busyProperty());
        testButton.setOnAction(e -> viewModel.test());
        saveButton.disableProperty().bind(viewModel.canSave().not());
        saveButton.setOnAction(e -> viewModel.save());
        closeButton.setOnAction(e -> closeButton.getScene().getWindow().hide());
        viewModel.checkKeyring();
    }
}
