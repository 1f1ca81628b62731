package dev.migrationworkbench.ui;

import java.util.ResourceBundle;
import javafx.beans.binding.Bindings;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;

/** The error banner of a view: what failed (and that the data shown is stale) with a retry button. */
public final class Banner extends HBox {

    private final Label message = new Label();
    private final Button retry = new Button();

    public Banner() {
        getStyleClass().add(Styles.ERROR_BANNER);
        setAlignment(Pos.CENTER_LEFT);
        setSpacing(12);
        message.setWrapText(true);
        message.getStyleClass().add(Styles.BANNER_TEXT);
        message.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(message, Priority.ALWAYS);
        retry.setId("retryButton");
        getChildren().addAll(message, retry);
        setVisible(false);
        managedProperty().bind(visibleProperty());
    }

    public void bind(LoadState state, ResourceBundle bundle) {
        retry.setText(bundle.getString("common.retry"));
        retry.setOnAction(e -> state.retry());
        visibleProperty().bind(state.problemProperty().isNotNull());
        message.textProperty().bind(Bindings.createStringBinding(() -> {
            var problem = state.problemProperty().get();
            if (problem == null) {
                return "";
            }
            String text = problem.resolve(bundle);
            return state.staleProperty().get() ? text + " " + bundle.getString("common.staleData") : text;
        }, state.problemProperty(), state.staleProperty()));
    }
}
