package dev.migrationworkbench.cloud;

import java.nio.file.Path;

/**
 * How to reach and authenticate to one cloud, as read from clouds.yaml (+ secure.yaml) or the
 * {@code OS_*} environment. Keystone v3 only. {@link #toString()} never shows a secret.
 *
 * @param name               the clouds.yaml entry, or {@code "envvars"} for the environment
 * @param source             where it was read from, for messages
 * @param authUrl            Keystone v3 URL, e.g. {@code https://keystone:5000/v3}
 * @param userDomainName     null when {@code userDomainId} is used; both null: Keystone's {@code default}
 * @param caCertFile         a PEM bundle that replaces the JVM's trust store; null: the JVM's
 * @param verifyTls          false only when the profile says {@code verify: false} (a warning is shown)
 * @param computeApiVersion  an upper bound the user pinned ({@code compute_api_version}); null: none
 */
public record CloudProfile(
        String name,
        String source,
        AuthType authType,
        String authUrl,
        String username,
        String userId,
        String password,
        String userDomainName,
        String userDomainId,
        String projectName,
        String projectId,
        String projectDomainName,
        String projectDomainId,
        String applicationCredentialId,
        String applicationCredentialName,
        String applicationCredentialSecret,
        String regionName,
        Interface endpointInterface,
        Path caCertFile,
        boolean verifyTls,
        Microversion computeApiVersion) {

    /** The warning to show wherever a profile with {@code verify: false} is in use. */
    public static final String TLS_UNVERIFIED_WARNING_KEY = /*i18n*/"cloud.tls.unverified";

    /** Keystone v3 authentication methods the workbench supports. */
    public enum AuthType { PASSWORD, APPLICATION_CREDENTIAL }

    /** Which catalog endpoint to use. */
    public enum Interface { PUBLIC, INTERNAL, ADMIN }

    /** A password profile with the usual defaults (public interface, TLS verified). */
    public static CloudProfile password(String name, String authUrl, String username, String password,
            String userDomainName, String projectName, String projectDomainName, String regionName) {
        return new CloudProfile(name, "program", AuthType.PASSWORD, authUrl, username, null, password, userDomainName,
                null, projectName, null, projectDomainName, null, null, null, null, regionName, Interface.PUBLIC, null,
                true, null);
    }

    /** An application-credential profile (id + secret) with the usual defaults. */
    public static CloudProfile applicationCredential(String name, String authUrl, String credentialId, String secret,
            String regionName) {
        return new CloudProfile(name, "program", AuthType.APPLICATION_CREDENTIAL, authUrl, null, null, null, null, null,
                null, null, null, null, credentialId, null, secret, regionName, Interface.PUBLIC, null, true, null);
    }

    /** The user as shown to people: name@domain or the id. */
    public String displayUser() {
        if (authType == AuthType.APPLICATION_CREDENTIAL) {
            return "application credential " + (applicationCredentialId != null ? applicationCredentialId
                    : applicationCredentialName);
        }
        return username != null ? username : userId;
    }

    public String displayProject() {
        return projectName != null ? projectName : projectId;
    }

    @Override
    public String toString() {
        return "CloudProfile[" + name + " from " + source + ": " + authType + " " + displayUser() + " @ " + authUrl
                + (displayProject() != null ? " project " + displayProject() : "")
                + (regionName != null ? " region " + regionName : "") + " " + endpointInterface
                + (verifyTls ? "" : " TLS-UNVERIFIED") + "]";
    }
}
