package dev.migrationworkbench.ui;

import dev.migrationworkbench.ui.backend.Text;
import java.util.ResourceBundle;
import java.util.function.Supplier;
import javafx.stage.Window;
import org.controlsfx.control.Notifications;

/** Shows a notification in the corner of the main window (the window may be absent: then it is skipped). */
public final class ControlsFxNotifier implements Notifier {

    private final Supplier<Window> owner;
    private final Supplier<ResourceBundle> bundle;

    public ControlsFxNotifier(Supplier<Window> owner, Supplier<ResourceBundle> bundle) {
        this.owner = owner;
        this.bundle = bundle;
    }

    @Override
    public void notify(Text title, Text message, boolean problem) {
        Window window = owner.get();
        if (window == null || !window.isShowing()) {
            return;
        }
        ResourceBundle texts = bundle.get();
        Notifications notification = Notifications.create()
                .owner(window)
                .title(title.resolve(texts))
                .text(message.resolve(texts))
                .hideAfter(javafx.util.Duration.seconds(10));
        if (problem) {
            notification.showWarning();
        } else {
            notification.showInformation();
        }
    }
}
