package dev.migrationworkbench.offline;

/**
 * Offline evidence that cannot be read: a damaged, truncated or hostile archive, a file of an
 * unknown kind, an evidence bundle of another format. The message says what, where, and what to do.
 */
public final class OfflineException extends Exception {

    public OfflineException(String message) {
        super(message);
    }

    public OfflineException(String message, Throwable cause) {
        super(message, cause);
    }
}
