package dev.migrationworkbench.ui;

import javafx.scene.control.Label;
import javafx.scene.control.TableCell;

/** A status as a coloured badge; the style class follows the status ({@code badge-error}, ...). */
public final class BadgeCell<S> extends TableCell<S, String> {

    private final Label badge = new Label();

    @Override
    protected void updateItem(String item, boolean empty) {
        super.updateItem(item, empty);
        if (empty || item == null || item.isEmpty()) {
            setGraphic(null);
            return;
        }
        badge.setText(item);
        badge.getStyleClass().setAll(Styles.BADGE, Styles.badge(item));
        setGraphic(badge);
    }
}
