package dev.migrationworkbench.ui;

import java.util.function.Supplier;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.stage.Stage;
import javafx.stage.Window;
import javafx.stage.WindowEvent;

/** Every dialog and wizard opens through here: modal, owned by the window it came from, same theme. */
public final class DialogService {

    private final Supplier<ViewLoader> loaders;

    public DialogService(Supplier<ViewLoader> loaders) {
        this.loaders = loaders;
    }

    /** Opens a modal dialog for a view whose controller is built for this use; returns its stage. */
    public Stage open(Window owner, FxmlView view, Object controller, String title) {
        Parent root = loaders.get().load(view, controller);
        Stage stage = new Stage();
        if (owner != null) {
            stage.initOwner(owner);
            // Modal by disabling the owner's content rather than Modality.WINDOW_MODAL: Monocle
            // (the headless test platform) throws in MonocleWindow._setEnabled for modal windows
            // and then hangs; this behaves the same for the user on every platform.
            Node ownerRoot = owner.getScene() == null ? null : owner.getScene().getRoot();
            if (ownerRoot != null) {
                ownerRoot.setDisable(true);
                stage.addEventHandler(WindowEvent.WINDOW_HIDDEN, e -> ownerRoot.setDisable(false));
            }
        }
        Scene scene = new Scene(Layouts.scrollable(root));
        if (owner != null && owner.getScene() != null) {
            scene.getStylesheets().setAll(owner.getScene().getStylesheets());
        }
        stage.setScene(scene);
        stage.setTitle(title);
        stage.show();
        // sized once the stylesheets apply (the first estimate is before them), never beyond the screen: it scrolls
        stage.sizeToScene();
        javafx.geometry.Rectangle2D screen = javafx.stage.Screen.getPrimary().getVisualBounds();
        if (stage.getHeight() > screen.getHeight()) {
            stage.setHeight(screen.getHeight());
            stage.setY(screen.getMinY());
        }
        if (stage.getWidth() > screen.getWidth()) {
            stage.setWidth(screen.getWidth());
            stage.setX(screen.getMinX());
        }
        return stage;
    }
}
