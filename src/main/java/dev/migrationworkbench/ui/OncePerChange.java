package dev.migrationworkbench.ui;

import dev.migrationworkbench.ui.backend.Text;
import java.util.HashMap;
import java.util.Map;

/**
 * One notification per change of state: the Overview and a watch pane both see a migration end,
 * the user hears it once. A subject that changes again (not converging, then ended) is told again.
 */
public final class OncePerChange implements Notifier {

    private final Notifier delegate;
    private final Map<String, String> told = new HashMap<>();

    public OncePerChange(Notifier delegate) {
        this.delegate = delegate;
    }

    @Override
    public synchronized void notify(String subject, String change, Text title, Text message, boolean problem) {
        if (change.equals(told.put(subject, change))) {
            return;
        }
        delegate.notify(subject, change, title, message, problem);
    }

    /** A new connection: its migrations are new subjects, even when their ids are the old ones. */
    public synchronized void forget() {
        told.clear();
    }
}
