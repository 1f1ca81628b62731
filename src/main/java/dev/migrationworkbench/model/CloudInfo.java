package dev.migrationworkbench.model;

/**
 * What the workbench is connected to, as shown on the Connect view and in reports.
 *
 * @param userName the Keystone user the token was issued to (null when unknown)
 */
public record CloudInfo(
        String cloudName,
        String authUrl,
        String projectName,
        String region,
        String novaMinVersion,
        String novaMaxVersion,
        boolean admin,
        boolean tlsVerificationDisabled,
        String userName) {

    public CloudInfo(String cloudName, String authUrl, String projectName, String region, String novaMinVersion,
            String novaMaxVersion, boolean admin, boolean tlsVerificationDisabled) {
        this(cloudName, authUrl, projectName, region, novaMinVersion, novaMaxVersion, admin, tlsVerificationDisabled, null);
    }
}
