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
        Scene scene = new Scene(Layouts.scrollableDialog(root));
        if (owner != null && owner.getScene() != null) {
            scene.getStylesheets().setAll(owner.getScene().getStylesheets());
        }
        stage.setScene(scene);
        stage.setTitle(title);
        stage.show();
        fit(stage, scene, root);
        // what the dialog finds later (the keyring's answer, a problem) may make it taller: it grows with it
        root.layoutBoundsProperty().addListener((obs, old, now) -> {
            if (now.getHeight() > old.getHeight() + 1) {
                fit(stage, scene, root);
            }
        });
        return stage;
    }

    /**
     * The content's height at its width (wrapped texts included; the scene's first estimate is of one
     * line each), never beyond the screen: then it scrolls.
     */
    private static void fit(Stage stage, Scene scene, Parent root) {
        double width = root.prefWidth(-1);
        double height = root.prefHeight(width);
        stage.setWidth(width + (stage.getWidth() - scene.getWidth()));
        stage.setHeight(height + (stage.getHeight() - scene.getHeight()));
        javafx.geometry.Rectangle2D screen = javafx.stage.Screen.getPrimary().getVisualBounds();
        if (stage.getHeight() > screen.getHeight()) {
            stage.setHeight(screen.getHeight());
            stage.setY(screen.getMinY());
        }
        if (stage.getWidth() > screen.getWidth()) {
            stage.setWidth(screen.getWidth());
            stage.setX(screen.getMinX());
        }
        if (stage.getY() + stage.getHeight() > screen.getMaxY()) {
            stage.setY(Math.max(screen.getMinY(), screen.getMaxY() - stage.getHeight()));
        }
    }
}
