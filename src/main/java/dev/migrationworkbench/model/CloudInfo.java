package dev.migrationworkbench.model;

/** What the workbench is connected to, as shown on the Connect view and in reports. */
public record CloudInfo(
        String cloudName,
        String authUrl,
        String projectName,
        String region,
        String novaMinVersion,
        String novaMaxVersion,
        boolean admin,
        boolean tlsVerificationDisabled) {
}
