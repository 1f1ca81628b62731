package dev.migrationworkbench.model;

/**
 * One call made while collecting evidence, kept verbatim: what was asked, at which microversion,
 * what came back (raw body) or why it failed. {@code errorKind} is null on success.
 */
public record ApiCall(
        String name,
        String method,
        String url,
        String microversion,
        Integer httpStatus,
        long durationMillis,
        String responseBody,
        String errorKind,
        String errorMessage) {

    public boolean succeeded() {
        return errorKind == null;
    }
}
