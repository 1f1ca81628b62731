package dev.migrationworkbench.ui;

/** The style-class names the views set from Java (defined in base.css). */
public final class Styles {

    public static final String ERROR_BANNER = "error-banner";
    public static final String BANNER_TEXT = "banner-text";
    public static final String STALE = "stale";
    public static final String BADGE = "badge";
    public static final String DIFF_CHANGED = "diff-changed";
    public static final String DIFF_BAD = "diff-bad";
    /** A value of the host diff that differs from the other host's (with one of the two below). */
    public static final String DIFF_VALUE = "diff-value";
    public static final String DIFF_VALUE_CHANGED = "diff-value-changed";
    public static final String DIFF_VALUE_BAD = "diff-value-bad";
    public static final String FINDING_CARD = "finding-card";
    public static final String COMMAND = "command";
    public static final String MUTED = "muted";

    private Styles() {
    }

    /** {@code badge-active}, {@code badge-error}, ... for a Nova status or migration status. */
    public static String badge(String status) {
        return "badge-" + (status == null ? "unknown" : status.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z]+", "-"));
    }

    /** {@code verdict-not-converging}, ... for a triage verdict. */
    public static String verdict(Enum<?> verdict) {
        return "verdict-" + verdict.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }

    /** {@code severity-critical}, ... */
    public static String severity(Enum<?> severity) {
        return "severity-" + severity.name().toLowerCase(java.util.Locale.ROOT);
    }
}
