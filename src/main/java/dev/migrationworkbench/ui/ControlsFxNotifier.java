package dev.migrationworkbench.ui;

import dev.migrationworkbench.ui.backend.Text;
import java.util.ResourceBundle;
import java.util.function.Supplier;
import javafx.geometry.Pos;
import javafx.stage.Window;
import org.controlsfx.control.Notifications;

/**
 * Shows a notification in the bottom-left corner of the main window (over the navigation bar) (the window may be absent:
 * then it is skipped), in the theme's colours ({@code .mw-notification} in base.css). The views keep
 * that corner free of actions (checked by {@code MinimumWindowTest}).
 */
public final class ControlsFxNotifier implements Notifier {

    /** The style class our stylesheet colours notifications by. */
    public static final String STYLE = "mw-notification";
    public static final Pos POSITION = Pos.BOTTOM_LEFT;

    private final Supplier<Window> owner;
    private final Supplier<ResourceBundle> bundle;

    public ControlsFxNotifier(Supplier<Window> owner, Supplier<ResourceBundle> bundle) {
        this.owner = owner;
        this.bundle = bundle;
    }

    @Override
    public void notify(String subject, String change, Text title, Text message, boolean problem) {
        Window window = owner.get();
        if (window == null || !window.isShowing()) {
            return;
        }
        ResourceBundle texts = bundle.get();
        Notifications notification = Notifications.create()
                .owner(window)
                .position(POSITION)
                .styleClass(STYLE, problem ? "mw-notification-problem" : "mw-notification-info")
                .title(title.resolve(texts))
                .text(message.resolve(texts))
                .hideAfter(javafx.util.Duration.seconds(10));
        if (Theme.of(window.getScene()) == Theme.DARK) {
            notification.darkStyle();
        }
        if (problem) {
            notification.showWarning();
        } else {
            notification.showInformation();
        }
    }
}
