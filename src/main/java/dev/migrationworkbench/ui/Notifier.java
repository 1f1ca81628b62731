package dev.migrationworkbench.ui;

import dev.migrationworkbench.ui.backend.Text;

/** Desktop notifications (implemented with ControlsFX); view models raise them through this. */
public interface Notifier {

    void notify(Text title, Text message, boolean problem);
}
