package dev.migrationworkbench.ui;

import dev.migrationworkbench.ui.backend.Text;

/** Desktop notifications (implemented with ControlsFX); view models raise them through this. */
public interface Notifier {

    /**
     * Tells that {@code subject} (e.g. {@code migration/42}) has just made {@code change} (e.g.
     * {@code ended}, {@code not-converging}): the same change of the same subject seen by two views is
     * one notification ({@link OncePerChange}).
     */
    void notify(String subject, String change, Text title, Text message, boolean problem);

    /** A migration's changes that are news: it ended (any way), it stopped converging. */
    String ENDED = "ended";
    String NOT_CONVERGING = "not-converging";

    /** The subject of a migration's notifications. */
    static String migration(long id) {
        return "migration/" + id;
    }
}
