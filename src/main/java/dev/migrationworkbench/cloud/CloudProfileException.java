package dev.migrationworkbench.cloud;

/** A cloud profile that cannot be used: the message says what is wrong, where, and what to do. */
public class CloudProfileException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public CloudProfileException(String message) {
        super(message);
    }

    public CloudProfileException(String message, Throwable cause) {
        super(message, cause);
    }
}
