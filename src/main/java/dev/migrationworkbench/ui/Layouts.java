package dev.migrationworkbench.ui;

import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.ButtonBase;
import javafx.scene.control.Cell;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.ComboBoxBase;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableColumnBase;
import javafx.scene.control.TitledPane;
import javafx.scene.control.TableView;
import javafx.scene.layout.Region;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;
import javafx.scene.text.Text;

/**
 * Layout rules that keep a small window usable: controls are never squeezed below what their text
 * needs (a cut button or label is worse than a scroll bar), and each view scrolls when the window is
 * smaller than the view.
 */
public final class Layouts {

    /** The smallest main window: a 1024×768 screen less the task bar and window decorations. */
    public static final double MIN_WINDOW_WIDTH = 960;
    public static final double MIN_WINDOW_HEIGHT = 640;

    /** Column headers are drawn in bold 13 px (base.css); a tenth more and the padding leave room for font differences and the sort arrow. */
    private static final Font HEADER_FONT = Font.font(Font.getDefault().getFamily(), FontWeight.BOLD, 13);
    private static final double HEADER_PADDING = 30;

    private Layouts() {
    }

    /**
     * Gives every button, choice and single-line label under {@code root} its preferred width as its
     * minimum, so a narrow window makes the view scroll instead of shortening their text to "…".
     * A wrapping label keeps the height of all its lines. Table cells are left alone: they are meant to
     * shorten (the table scrolls, its columns resize).
     */
    public static <T extends Node> T keepWhole(T root) {
        if (root instanceof Cell<?>) {
            return root;
        }
        if (root instanceof ButtonBase || root instanceof ComboBoxBase<?> || root instanceof ChoiceBox<?>
                || root instanceof Label label && !label.isWrapText()) {
            Region region = (Region) root;
            if (region.getMinWidth() == Region.USE_COMPUTED_SIZE) {
                region.setMinWidth(Region.USE_PREF_SIZE);
            }
        } else if (root instanceof Label label && label.getMinHeight() == Region.USE_COMPUTED_SIZE) {
            // a wrapping label keeps the height of all its lines
            label.setMinHeight(Region.USE_PREF_SIZE);
        }
        if (root instanceof TableView<?> table) {
            table.getColumns().forEach(Layouts::keepHeaderWhole);
        }
        if (root instanceof Parent parent && !(root instanceof ButtonBase)) {
            parent.getChildrenUnmodifiable().forEach(Layouts::keepWhole);
        }
        // controls whose content is not among their children until their skin exists
        if (root instanceof ScrollPane scroll && scroll.getContent() != null) {
            keepWhole(scroll.getContent());
        }
        if (root instanceof SplitPane split) {
            split.getItems().forEach(Layouts::keepWhole);
        }
        if (root instanceof TabPane tabs) {
            tabs.getTabs().stream().filter(t -> t.getContent() != null).forEach(t -> keepWhole(t.getContent()));
        }
        if (root instanceof TitledPane titled && titled.getContent() != null) {
            keepWhole(titled.getContent());
        }
        return root;
    }

    /** A column is never narrower than its header's text (the table scrolls sideways instead). */
    private static void keepHeaderWhole(TableColumnBase<?, ?> column) {
        column.getColumns().forEach(Layouts::keepHeaderWhole);
        if (column.getText() == null || column.getText().isEmpty()) {
            return;
        }
        Text text = new Text(column.getText());
        text.setFont(HEADER_FONT);
        double needed = Math.ceil(text.getLayoutBounds().getWidth() * 1.1) + HEADER_PADDING;
        column.setMinWidth(Math.max(column.getMinWidth(), needed));
        if (column.getPrefWidth() < needed) {
            column.setPrefWidth(needed);
        }
    }

    /** {@code view} in a scroll pane that fits it to the window and scrolls once the window is smaller than the view's minimum. */
    public static ScrollPane scrollable(Node view) {
        ScrollPane scroll = new ScrollPane(keepWhole(view));
        scroll.setFitToWidth(true);
        scroll.setFitToHeight(true);
        scroll.getStyleClass().add("view-scroll");
        return scroll;
    }

    /**
     * A dialog's content in a scroll pane as wide as the dialog and as tall as its wrapped texts need
     * (a form does not stretch to fill the window; it scrolls when the screen is too short for it).
     */
    public static ScrollPane scrollableDialog(Node content) {
        ScrollPane scroll = scrollable(content);
        scroll.setFitToHeight(false);
        return scroll;
    }
}
