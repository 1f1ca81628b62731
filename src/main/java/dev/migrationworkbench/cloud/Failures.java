package dev.migrationworkbench.cloud;

import dev.migrationworkbench.cloud.CloudException.Kind;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import javax.net.ssl.SSLException;
import org.openstack4j.api.exceptions.OS4JException;
import org.openstack4j.api.exceptions.ResponseException;

/** Turns HTTP statuses and transport exceptions into {@link CloudException}s. */
final class Failures {

    private Failures() {
    }

    static Kind kindOf(int status) {
        return switch (status) {
            case 400 -> Kind.BAD_REQUEST;
            case 401 -> Kind.UNAUTHORIZED;
            case 403 -> Kind.FORBIDDEN;
            case 404 -> Kind.NOT_FOUND;
            case 406 -> Kind.UNSUPPORTED_MICROVERSION;
            case 409 -> Kind.CONFLICT;
            case 429 -> Kind.RATE_LIMITED;
            default -> status >= 500 ? Kind.SERVER_ERROR : Kind.BAD_REQUEST;
        };
    }

    static CloudException fromStatus(int status, String serviceMessage, String method, String url, String what,
            Microversion microversion) {
        Kind kind = kindOf(status);
        String message = what + " failed: HTTP " + status
                + (serviceMessage != null ? ": " + serviceMessage : "")
                + (kind == Kind.UNSUPPORTED_MICROVERSION && microversion != null
                        ? " (requested microversion " + microversion + ")" : "");
        if (status == 503) {
            message += " (service unavailable)";
        }
        return new CloudException(kind, message, status, method, url, null, null);
    }

    /**
     * A transport failure (no HTTP answer) or an openstack4j error during authentication. Socket
     * and connect timeouts are InterruptedIOExceptions.
     */
    static CloudException fromOpenStack4j(OS4JException e, String method, String url, String what) {
        if (e instanceof ResponseException r && r.getStatus() > 0 && transportCause(e) == null) {
            return fromStatus(r.getStatus(), NovaJson.errorMessage(r.getMessage()), method, url, what, null);
        }
        return fromTransport(e, method, url, what);
    }

    /** The timeout, TLS or connection failure behind {@code e}, or null. */
    static Throwable transportCause(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SSLException || t instanceof InterruptedIOException || t instanceof ConnectException
                    || t instanceof UnknownHostException || t instanceof NoRouteToHostException) {
                return t;
            }
        }
        return null;
    }

    /** A failure without an HTTP answer: TLS, timeout, refused, unknown host, or a connection that broke. */
    static CloudException fromTransport(Throwable e, String method, String url, String what) {
        Throwable root = e;
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SSLException || t instanceof InterruptedIOException || t instanceof ConnectException
                    || t instanceof UnknownHostException || t instanceof NoRouteToHostException) {
                root = t;
                break;
            }
        }
        Kind kind;
        if (root instanceof SSLException) {
            kind = Kind.TLS;
        } else if (root instanceof InterruptedIOException) {
            kind = Kind.TIMEOUT;
        } else if (root instanceof ConnectException || root instanceof UnknownHostException
                || root instanceof NoRouteToHostException) {
            kind = Kind.UNREACHABLE;
        } else {
            kind = Kind.UNREACHABLE;
        }
        String detail = root.getMessage() != null ? root.getMessage() : root.getClass().getSimpleName();
        String hint = switch (kind) {
            case TLS -> " (is the CA bundle right? set cacert in clouds.yaml, or verify: false only for a test cloud)";
            case TIMEOUT -> " (the cloud did not answer in time)";
            default -> " (is the URL right and the service running?)";
        };
        return new CloudException(kind, what + " failed: " + detail + hint, null, method, url, null, e);
    }
}
