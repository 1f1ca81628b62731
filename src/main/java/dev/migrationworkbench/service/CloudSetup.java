package dev.migrationworkbench.service;

import dev.migrationworkbench.cloud.CloudProfile;
import dev.migrationworkbench.cloud.CloudProfileException;
import dev.migrationworkbench.cloud.CloudProfiles;
import dev.migrationworkbench.cloud.CloudsYamlEditor;
import dev.migrationworkbench.cloud.NovaGateway;
import dev.migrationworkbench.cloud.OpenStackNovaGateway;
import dev.migrationworkbench.cloud.PasswordVault;
import dev.migrationworkbench.model.CloudInfo;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * First run: adds a cloud to clouds.yaml where the {@code openstack} client reads it, with its
 * password in the operating system's keyring (or, only when the user asks, in secure.yaml next to
 * clouds.yaml); checks the form and tries the connection before anything is written.
 */
public final class CloudSetup {

    /** The add-cloud form's fields, as typed (blank optional fields are null or empty). */
    public record NewCloud(String name, String authUrl, String projectName, String projectDomainName, String username,
            String userDomainName, String regionName, String endpointInterface, String caCert) {
    }

    /** A problem with one field: the field's name and a message key with its arguments. */
    public record Problem(String field, String key, List<Object> args) {
        public Problem {
            args = List.copyOf(args);
        }
    }

    /** Whether the OS keyring is usable here and what it is (or why not). */
    public record Keyring(boolean available, String detail) {
    }

    /** Where the password goes. */
    public enum PasswordStorage {
        /** the OS keyring: Secret Service, Credential Manager, Keychain */
        KEYRING,
        /** secure.yaml next to clouds.yaml, readable by the user only: only when the user asks for it */
        SECURE_YAML
    }

    /** What was written where. */
    public record Saved(String cloud, Path cloudsFile, PasswordStorage storage, Path secureFile) {
    }

    public static final String DEFAULT_DOMAIN = "Default";
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");
    private static final List<String> INTERFACES = List.of("public", "internal", "admin");

    private final CloudProfiles profiles;

    public CloudSetup(CloudProfiles profiles) {
        this.profiles = profiles;
    }

    /** The user's clouds.yaml / keyring. */
    public static CloudSetup standard() {
        return new CloudSetup(CloudProfiles.standard());
    }

    public Keyring keyring() {
        PasswordVault.Availability a = profiles.vault().availability();
        return new Keyring(a.available(), a.detail());
    }

    /** The clouds.yaml a new cloud is added to: the one in use, else the openstack client's user config dir. */
    public Path cloudsFile() {
        return profiles.cloudsFile().orElseGet(profiles::newCloudsFile);
    }

    /** The secure.yaml a password goes to when the user asks for a file: the one in use, else next to clouds.yaml. */
    public Path secureFile() {
        return profiles.secureFile().orElseGet(() -> cloudsFile().resolveSibling("secure.yaml"));
    }

    /** What is wrong with the form (nothing: empty); {@code password} may be null when only the fields are checked. */
    public List<Problem> check(NewCloud cloud, String password) {
        List<Problem> problems = new ArrayList<>();
        if (blank(cloud.name())) {
            problems.add(problem("name", "addCloud.error.required"));
        } else if (!NAME.matcher(cloud.name().strip()).matches()) {
            problems.add(problem("name", "addCloud.error.name", cloud.name().strip()));
        } else {
            List<String> existing;
            try {
                existing = profiles.cloudNames();
            } catch (CloudProfileException e) {
                existing = List.of();
            }
            if (existing.contains(cloud.name().strip()) || "demo".equals(cloud.name().strip())) {
                problems.add(problem("name", "addCloud.error.nameTaken", cloud.name().strip(), cloudsFile().toString()));
            }
        }
        if (blank(cloud.authUrl())) {
            problems.add(problem("authUrl", "addCloud.error.required"));
        } else {
            URI uri = null;
            try {
                uri = URI.create(cloud.authUrl().strip());
            } catch (IllegalArgumentException e) {
                // reported below
            }
            if (uri == null || uri.getHost() == null || !List.of("http", "https").contains(String.valueOf(uri.getScheme()).toLowerCase(Locale.ROOT))) {
                problems.add(problem("authUrl", "addCloud.error.authUrl", cloud.authUrl().strip()));
            }
        }
        if (blank(cloud.projectName())) {
            problems.add(problem("projectName", "addCloud.error.required"));
        }
        if (blank(cloud.username())) {
            problems.add(problem("username", "addCloud.error.required"));
        }
        if (!blank(cloud.endpointInterface()) && !INTERFACES.contains(cloud.endpointInterface().strip().toLowerCase(Locale.ROOT))) {
            problems.add(problem("endpointInterface", "addCloud.error.interface", cloud.endpointInterface()));
        }
        if (!blank(cloud.caCert())) {
            Path ca = Path.of(cloud.caCert().strip());
            if (!Files.isRegularFile(ca) || !Files.isReadable(ca)) {
                problems.add(problem("caCert", "addCloud.error.caCert", ca.toString()));
            }
        }
        if (password != null && password.isEmpty()) {
            problems.add(problem("password", "addCloud.error.required"));
        }
        return problems;
    }

    /**
     * Authenticates to Keystone with the form and reads Nova's versions, as a connect would, without
     * writing anything.
     *
     * @throws CloudProfileException the form is incomplete (the first problem)
     * @throws dev.migrationworkbench.cloud.CloudException Keystone or Nova refused or could not be reached
     */
    public CloudInfo test(NewCloud cloud, String password) {
        List<Problem> problems = check(cloud, password == null ? "" : password);
        if (!problems.isEmpty()) {
            throw new CloudProfileException("The form is not complete: " + problems.get(0).field());
        }
        NovaGateway gateway = OpenStackNovaGateway.connect(profile(cloud, password));
        try {
            return gateway.cloudInfo();
        } finally {
            gateway.close();
        }
    }

    /**
     * Writes the cloud to clouds.yaml and its password to the keyring (or secure.yaml when asked),
     * then reads it back as a connect would: the cloud must resolve, with the password.
     */
    public Saved save(NewCloud cloud, String password, PasswordStorage storage) throws IOException {
        List<Problem> problems = check(cloud, password == null ? "" : password);
        if (!problems.isEmpty()) {
            throw new CloudProfileException("The form is not complete: " + problems.get(0).field());
        }
        String name = cloud.name().strip();
        if (storage == PasswordStorage.KEYRING) {
            // first the password: if the keyring refuses, clouds.yaml is left as it was
            profiles.vault().store(name, password);
        }
        Path clouds = CloudsYamlEditor.addCloud(cloudsFile(), editorEntry(cloud));
        Path secure = null;
        if (storage == PasswordStorage.SECURE_YAML) {
            secure = CloudsYamlEditor.addPassword(secureFile(), name, password);
        }
        CloudProfile readBack = profiles.load(name);
        if (!password.equals(readBack.password())) {
            throw new CloudProfileException("Cloud '" + name + "' was added to " + clouds + " but its password does not "
                    + "read back from " + (storage == PasswordStorage.KEYRING ? "the OS keyring" : secure) + ".");
        }
        return new Saved(name, clouds, storage, secure);
    }

    private CloudProfile profile(NewCloud cloud, String password) {
        CloudsYamlEditor.NewCloud e = editorEntry(cloud);
        return new CloudProfile(e.name(), "the add-cloud form", CloudProfile.AuthType.PASSWORD, e.authUrl(), e.username(), null,
                password, e.userDomainName(), null, e.projectName(), null, e.projectDomainName(), null, null, null, null,
                e.regionName(), e.endpointInterface(), e.caCert(), true, null);
    }

    private static CloudsYamlEditor.NewCloud editorEntry(NewCloud c) {
        return new CloudsYamlEditor.NewCloud(c.name().strip(), c.authUrl().strip(), c.projectName().strip(),
                orDefault(c.projectDomainName()), c.username().strip(), orDefault(c.userDomainName()),
                blank(c.regionName()) ? null : c.regionName().strip(),
                blank(c.endpointInterface()) ? CloudProfile.Interface.PUBLIC
                        : CloudProfile.Interface.valueOf(c.endpointInterface().strip().toUpperCase(Locale.ROOT)),
                blank(c.caCert()) ? null : Path.of(c.caCert().strip()).toAbsolutePath());
    }

    private static String orDefault(String domain) {
        return blank(domain) ? DEFAULT_DOMAIN : domain.strip();
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static Problem problem(String field, String key, Object... args) {
        return new Problem(field, key, List.of(args));
    }
}
