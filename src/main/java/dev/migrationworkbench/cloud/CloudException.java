package dev.migrationworkbench.cloud;

/**
 * A failed call to the cloud, typed by what the caller can do about it, with Nova's (or
 * Keystone's) own message. {@link #requiredMicroversion()} is set for {@link Kind#NOT_AVAILABLE}.
 */
public class CloudException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** What went wrong, in the terms a caller reacts to. */
    public enum Kind {
        /** 404: the server, migration, action... does not exist (or is no longer in progress). */
        NOT_FOUND(/*i18n*/"cloud.error.notFound"),
        /** 409: the server's task_state/vm_state or lock forbids the operation now. */
        CONFLICT(/*i18n*/"cloud.error.conflict"),
        /** 403: the cloud's policy forbids this call for these credentials. */
        FORBIDDEN(/*i18n*/"cloud.error.forbidden"),
        /** 400: Nova rejected the request itself (bad id, wrong migration state...). */
        BAD_REQUEST(/*i18n*/"cloud.error.badRequest"),
        /** 406 or a version outside the cloud's range: the microversion is not supported. */
        UNSUPPORTED_MICROVERSION(/*i18n*/"cloud.error.unsupportedMicroversion"),
        /** The cloud's maximum microversion is below what the feature needs. */
        NOT_AVAILABLE(/*i18n*/"cloud.error.notAvailable"),
        /** 401: credentials rejected, or the token stayed invalid after one re-authentication. */
        UNAUTHORIZED(/*i18n*/"cloud.error.unauthorized"),
        /** 429 that persisted through the retries. */
        RATE_LIMITED(/*i18n*/"cloud.error.rateLimited"),
        /** 5xx, a 503 (service unavailable) included. */
        SERVER_ERROR(/*i18n*/"cloud.error.serverError"),
        /** Connection refused, unknown host, no route. */
        UNREACHABLE(/*i18n*/"cloud.error.unreachable"),
        /** Connect or read timeout. */
        TIMEOUT(/*i18n*/"cloud.error.timeout"),
        /** Certificate not trusted, hostname mismatch, handshake failure. */
        TLS(/*i18n*/"cloud.error.tls"),
        /** The answer could not be understood (not JSON, missing envelope). */
        BAD_RESPONSE(/*i18n*/"cloud.error.badResponse");

        private final String messageKey;

        Kind(String messageKey) {
            this.messageKey = messageKey;
        }

        /** The bundle key of the user-facing explanation; show it with Nova's own message. */
        public String messageKey() {
            return messageKey;
        }
    }

    private final Kind kind;
    private final Integer httpStatus;
    private final String method;
    private final String url;
    private final Microversion requiredMicroversion;

    public CloudException(Kind kind, String message, Integer httpStatus, String method, String url,
            Microversion requiredMicroversion, Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.httpStatus = httpStatus;
        this.method = method;
        this.url = url;
        this.requiredMicroversion = requiredMicroversion;
    }

    public CloudException(Kind kind, String message) {
        this(kind, message, null, null, null, null, null);
    }

    static CloudException notAvailable(String what, Microversion needed, Microversion cloudMax) {
        return new CloudException(Kind.NOT_AVAILABLE, what + " is not available on this cloud (needs microversion "
                + needed + ", the cloud supports up to " + cloudMax + ")", null, null, null, needed, null);
    }

    public Kind kind() {
        return kind;
    }

    /** The HTTP status, null when no response came back. */
    public Integer httpStatus() {
        return httpStatus;
    }

    public String method() {
        return method;
    }

    public String url() {
        return url;
    }

    public Microversion requiredMicroversion() {
        return requiredMicroversion;
    }
}
