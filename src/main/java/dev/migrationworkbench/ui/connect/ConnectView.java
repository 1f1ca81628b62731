package dev.migrationworkbench.ui.connect;

import dev.migrationworkbench.model.CloudInfo;
import dev.migrationworkbench.ui.Banner;
import java.util.ResourceBundle;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.StringBinding;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.layout.VBox;
import java.util.function.Function;

/** Picks a cloud (or the demo cloud and a scenario) and shows what the connection found. */
public final class ConnectView {

    private final ConnectViewModel viewModel;

    @FXML private ResourceBundle resources;
    @FXML private Banner banner;
    @FXML private ComboBox<String> cloudChoice;
    @FXML private ComboBox<String> scenarioChoice;
    @FXML private Label scenarioLabel;
    @FXML private Button connectButton;
    @FXML private ProgressIndicator busy;
    @FXML private VBox infoBox;
    @FXML private Label infoCloud;
    @FXML private Label infoAuthUrl;
    @FXML private Label infoProject;
    @FXML private Label infoRegion;
    @FXML private Label infoMicroversions;
    @FXML private Label infoAdmin;
    @FXML private VBox firstRunBox;
    @FXML private Label configProblemLabel;
    @FXML private Label searchPlacesLabel;
    @FXML private Button firstRunAddButton;
    @FXML private Button useDemoButton;
    @FXML private Button addCloudButton;

    private final Runnable onAddCloud;

    /** {@code onAddCloud} opens the form that adds a cloud to clouds.yaml. */
    public ConnectView(ConnectViewModel viewModel, Runnable onAddCloud) {
        this.viewModel = viewModel;
        this.onAddCloud = onAddCloud;
    }

    @FXML
    private void initialize() {
        banner.bind(viewModel.state(), resources);
        cloudChoice.setItems(viewModel.clouds());
        cloudChoice.valueProperty().bindBidirectional(viewModel.cloudProperty());
        cloudChoice.setCellFactory(list -> new CloudCell());
        cloudChoice.setButtonCell(new CloudCell());
        scenarioChoice.setItems(viewModel.scenarios());
        scenarioChoice.valueProperty().bindBidirectional(viewModel.scenarioProperty());
        scenarioChoice.disableProperty().bind(viewModel.demoSelected().not());
        scenarioLabel.disableProperty().bind(viewModel.demoSelected().not());
        connectButton.disableProperty().bind(viewModel.state().busyProperty());
        connectButton.setOnAction(e -> viewModel.connect());
        busy.visibleProperty().bind(viewModel.state().busyProperty());
        addCloudButton.setOnAction(e -> onAddCloud.run());
        firstRunAddButton.setOnAction(e -> onAddCloud.run());
        useDemoButton.setOnAction(e -> viewModel.useDemo());
        useDemoButton.disableProperty().bind(viewModel.state().busyProperty());
        // no cloud configured (or clouds.yaml unreadable) and not connected yet: say so, offer the demo and the form
        firstRunBox.visibleProperty().bind(viewModel.noCloudProperty().or(viewModel.configProblemProperty().isNotNull())
                .and(viewModel.connectedProperty().isNull()));
        firstRunBox.managedProperty().bind(firstRunBox.visibleProperty());
        configProblemLabel.textProperty().bind(viewModel.configProblemProperty());
        configProblemLabel.visibleProperty().bind(viewModel.configProblemProperty().isNotNull());
        configProblemLabel.managedProperty().bind(configProblemLabel.visibleProperty());
        searchPlacesLabel.textProperty().bind(Bindings.createStringBinding(
                () -> String.join("\n", viewModel.searchPlaces().stream().map(p -> "• " + p + "/clouds.yaml").toList()),
                viewModel.searchPlaces()));

        var cloud = viewModel.connectedProperty();
        infoBox.visibleProperty().bind(cloud.isNotNull());
        infoCloud.textProperty().bind(field(CloudInfo::cloudName));
        infoAuthUrl.textProperty().bind(field(CloudInfo::authUrl));
        infoProject.textProperty().bind(field(CloudInfo::projectName));
        infoRegion.textProperty().bind(field(CloudInfo::region));
        infoMicroversions.textProperty().bind(field(info -> info.novaMinVersion() + " – " + info.novaMaxVersion()));
        infoAdmin.textProperty().bind(field(info -> resources.getString(info.admin() ? "common.yes" : "common.no")));
    }

    private StringBinding field(Function<CloudInfo, String> value) {
        return Bindings.createStringBinding(() -> {
            CloudInfo info = viewModel.connectedProperty().get();
            String text = info == null ? null : value.apply(info);
            return text == null || text.isBlank() ? "—" : text;
        }, viewModel.connectedProperty());
    }

    private final class CloudCell extends ListCell<String> {
        @Override
        protected void updateItem(String item, boolean empty) {
            super.updateItem(item, empty);
            setText(empty || item == null ? null
                    : ConnectViewModel.DEMO.equals(item) ? resources.getString("connect.demoCloud") : item);
        }
    }
}
