package dev.migrationworkbench.probe.client;

import java.util.List;

/**
 * Why a call to a probe agent failed. {@link #messageKey()} and {@link #messageArgs()} give the
 * user-facing text (bundle section "probe"); {@link #getMessage()} is the English detail for logs.
 * For the certificate kinds, {@link #presentedFingerprint()} is what the agent showed and
 * {@link #pinnedFingerprint()} what was pinned before.
 */
public final class ProbeException extends Exception {

    private static final long serialVersionUID = 1L;

    public enum Kind {
        /** No connection: DNS, refused, no route. */
        UNREACHABLE(/*i18n*/"probe.error.unreachable"),
        /** Connect or answer took longer than the configured timeout. */
        TIMEOUT(/*i18n*/"probe.error.timeout"),
        /** TLS failed for another reason than the pin (e.g. not an HTTPS port). */
        TLS_FAILED(/*i18n*/"probe.error.tls"),
        /** First contact: the certificate is not pinned yet; show its fingerprint, then {@code trust()}. */
        CERTIFICATE_UNKNOWN(/*i18n*/"probe.error.certificateUnknown"),
        /** The agent shows another certificate than the pinned one: refused. */
        CERTIFICATE_CHANGED(/*i18n*/"probe.error.certificateChanged"),
        /** The token file is missing or empty. */
        NO_TOKEN(/*i18n*/"probe.error.noToken"),
        /** The agent answered 401. */
        BAD_TOKEN(/*i18n*/"probe.error.badToken"),
        /** The agent has no such instance (404 instance_not_found). */
        INSTANCE_NOT_FOUND(/*i18n*/"probe.error.instanceNotFound"),
        /** The agent cannot run virsh (503 virsh_unavailable). */
        VIRSH_UNAVAILABLE(/*i18n*/"probe.error.virshUnavailable"),
        /** 429: too many requests. */
        RATE_LIMITED(/*i18n*/"probe.error.rateLimited"),
        /** Anything else the agent refused or failed with. */
        AGENT_ERROR(/*i18n*/"probe.error.agent"),
        /** The answer is not the documented schema (wrong URL, other service, other schema version). */
        BAD_RESPONSE(/*i18n*/"probe.error.badResponse");

        private final String messageKey;

        Kind(String messageKey) {
            this.messageKey = messageKey;
        }

        public String messageKey() {
            return messageKey;
        }
    }

    private final Kind kind;
    private final String host;
    private final String url;
    private final String detail;
    private final String presentedFingerprint;
    private final String pinnedFingerprint;

    ProbeException(Kind kind, String host, String url, String detail, Throwable cause) {
        this(kind, host, url, detail, null, null, cause);
    }

    ProbeException(Kind kind, String host, String url, String detail, String presentedFingerprint,
            String pinnedFingerprint, Throwable cause) {
        super(kind + " " + host + " (" + url + "): " + detail, cause);
        this.kind = kind;
        this.host = host;
        this.url = url;
        this.detail = detail;
        this.presentedFingerprint = presentedFingerprint;
        this.pinnedFingerprint = pinnedFingerprint;
    }

    public Kind kind() {
        return kind;
    }

    public String host() {
        return host;
    }

    public String url() {
        return url;
    }

    public String detail() {
        return detail;
    }

    public String presentedFingerprint() {
        return presentedFingerprint;
    }

    public String pinnedFingerprint() {
        return pinnedFingerprint;
    }

    public String messageKey() {
        return kind.messageKey();
    }

    /** {0} host, {1} agent URL, {2} detail, {3} presented fingerprint, {4} pinned fingerprint (empty when not applicable). */
    public List<Object> messageArgs() {
        return List.of(host, url, detail == null ? "" : detail,
                presentedFingerprint == null ? "" : presentedFingerprint,
                pinnedFingerprint == null ? "" : pinnedFingerprint);
    }
}
