package dev.migrationworkbench.cloud;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.migrationworkbench.config.OpenStackConfigPaths;
import dev.migrationworkbench.config.UserEnvironment;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import java.util.function.Function;

/**
 * Finds cloud profiles the way the OpenStack client does: {@code clouds.yaml} (first found of
 * {@code OS_CLIENT_CONFIG_FILE}, then the search dirs of {@link OpenStackConfigPaths} with the
 * suffixes .yaml, .yml, .json), secrets merged from {@code secure.yaml} in the same places
 * ({@code OS_CLIENT_SECURE_FILE} first), the cloud named by {@code OS_CLOUD}, or the {@code OS_*}
 * variables of an openrc file. Unlike openstacksdk, an {@code OS_CLIENT_*_FILE} naming a missing
 * file is an error rather than silently skipped.
 */
public final class CloudProfiles {

    /** The name given to the profile built from {@code OS_*} variables, as openstacksdk does. */
    public static final String ENV_CLOUD = "envvars";

    private static final YAMLMapper YAML = (YAMLMapper) new YAMLMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .setNodeFactory(JsonNodeFactory.withExactBigDecimals(true));

    /** Auth keys whose values are used byte for byte and never shown. */
    private static final Set<String> SECRETS = Set.of("password", "application_credential_secret");

    private final UserEnvironment user;
    private final Map<String, String> env;
    private final List<Path> searchDirs;
    private final PasswordVault vault;

    /** @param searchDirs where to look for clouds.yaml / secure.yaml, in order */
    public CloudProfiles(Map<String, String> env, List<Path> searchDirs) {
        this(env, searchDirs, PasswordVault.NONE);
    }

    /** @param vault where a clouds.yaml cloud's password is looked up when no file and no variable has it */
    public CloudProfiles(Map<String, String> env, List<Path> searchDirs, PasswordVault vault) {
        this(new UserEnvironment(env, System.getProperty("os.name", ""), Path.of(System.getProperty("user.dir")),
                Path.of(System.getProperty("user.home"))), searchDirs, vault);
    }

    private CloudProfiles(UserEnvironment user, List<Path> searchDirs, PasswordVault vault) {
        this.user = user;
        this.env = user.env();
        this.searchDirs = List.copyOf(searchDirs);
        this.vault = vault;
    }

    /** The real environment, the {@code openstack} client's search dirs and the OS keyring. */
    public static CloudProfiles standard() {
        UserEnvironment user = UserEnvironment.current();
        return new CloudProfiles(user, OpenStackConfigPaths.of(user).searchDirs(), new OsKeyring());
    }

    /** Where passwords are kept that are in no file. */
    public PasswordVault vault() {
        return vault;
    }

    /** Where a new clouds.yaml is written: the user config dir of the openstack client ({@code $XDG_CONFIG_HOME/openstack}). */
    public Path newCloudsFile() {
        String explicit = blankToNull(env.get("OS_CLIENT_CONFIG_FILE"));
        return explicit != null ? Path.of(explicit) : OpenStackConfigPaths.of(user).userConfigDir().resolve("clouds.yaml");
    }

    /** Where clouds.yaml is looked for: the file {@code OS_CLIENT_CONFIG_FILE} names, else the search dirs in order. */
    public List<Path> searchPlaces() {
        String explicit = blankToNull(env.get("OS_CLIENT_CONFIG_FILE"));
        return explicit != null ? List.of(Path.of(explicit)) : searchDirs;
    }

    /** The clouds.yaml in use, if any. */
    public Optional<Path> cloudsFile() {
        return find("OS_CLIENT_CONFIG_FILE", "clouds.yaml");
    }

    /** The secure.yaml in use, if any. */
    public Optional<Path> secureFile() {
        return find("OS_CLIENT_SECURE_FILE", "secure.yaml");
    }

    /** Cloud names of the clouds.yaml in use, in file order; empty when there is none. */
    public List<String> cloudNames() {
        Optional<Path> file = cloudsFile();
        if (file.isEmpty()) {
            return List.of();
        }
        List<String> names = new ArrayList<>();
        readClouds(file.get()).fieldNames().forEachRemaining(names::add);
        return names;
    }

    /**
     * False when clouds.yaml's top-level {@code cache:} section says {@code auth: false}: the key
     * openstacksdk reads for keeping tokens between runs (openstack/config/loader.py,
     * {@code OpenStackConfig.__init__}: {@code cache_settings.get('auth')}). openstacksdk keeps them
     * only when asked; the workbench keeps them unless told not to ({@link TokenCache}).
     */
    public boolean tokenReuseAllowed() {
        Optional<Path> file = cloudsFile();
        if (file.isEmpty()) {
            return true;
        }
        try {
            JsonNode auth = YAML.readTree(file.get().toFile()).path("cache").path("auth");
            return auth.isMissingNode() || auth.isNull() || !isFalse(auth.asText());
        } catch (IOException e) {
            return true;   // load() reports the file's problem
        }
    }

    /** True when {@code OS_AUTH_URL} is set, i.e. an openrc was sourced. */
    public boolean hasEnvironmentProfile() {
        return blankToNull(env.get("OS_AUTH_URL")) != null;
    }

    /**
     * The profile to use: {@code cloudName} when given, else {@code OS_CLOUD}, else the {@code OS_*}
     * variables. Throws {@link CloudProfileException} saying what to configure when none applies.
     */
    public CloudProfile resolve(String cloudName) {
        if (ENV_CLOUD.equals(cloudName) && hasEnvironmentProfile() && !cloudNames().contains(ENV_CLOUD)) {
            return fromEnvironment();
        }
        if (cloudName != null && !cloudName.isBlank()) {
            return load(cloudName);
        }
        String osCloud = blankToNull(env.get("OS_CLOUD"));
        if (osCloud != null) {
            return load(osCloud);
        }
        if (hasEnvironmentProfile()) {
            return fromEnvironment();
        }
        List<String> names = cloudNames();
        if (names.size() == 1) {
            return load(names.get(0));
        }
        throw new CloudProfileException(names.isEmpty()
                ? "No cloud configured: no clouds.yaml in " + searchDirs + " and OS_AUTH_URL is not set. "
                        + "Create a clouds.yaml (e.g. ~/.config/openstack/clouds.yaml) or source your openrc file."
                : "Several clouds in " + cloudsFile().orElseThrow() + ": " + names
                        + ". Choose one (OS_CLOUD=<name> or the cloud selector).");
    }

    /** The entry {@code cloudName} of clouds.yaml, with secure.yaml merged in. */
    public CloudProfile load(String cloudName) {
        Path file = cloudsFile().orElseThrow(() -> new CloudProfileException("Cloud '" + cloudName
                + "' requested but no clouds.yaml found (looked in " + searchDirs
                + "; OS_CLIENT_CONFIG_FILE is " + (env.containsKey("OS_CLIENT_CONFIG_FILE") ? "set" : "not set")
                + "). Create one or point OS_CLIENT_CONFIG_FILE at it."));
        JsonNode clouds = readClouds(file);
        JsonNode entry = clouds.get(cloudName);
        if (entry == null || !entry.isObject()) {
            List<String> names = new ArrayList<>();
            clouds.fieldNames().forEachRemaining(names::add);
            throw new CloudProfileException("Cloud '" + cloudName + "' is not defined in " + file
                    + ". Defined clouds: " + names + ".");
        }
        ObjectNode merged = entry.deepCopy();
        String source = file + " (cloud '" + cloudName + "')";
        Optional<Path> secure = secureFile();
        if (secure.isPresent()) {
            JsonNode secureEntry = readClouds(secure.get()).get(cloudName);
            if (secureEntry != null && secureEntry.isObject()) {
                merge(merged, secureEntry);
                source += " + " + secure.get();
            }
        }
        return fromYaml(cloudName, source, merged);
    }

    /** The profile of the {@code OS_*} variables (an openrc file). */
    public CloudProfile fromEnvironment() {
        String authUrl = blankToNull(env.get("OS_AUTH_URL"));
        if (authUrl == null) {
            throw new CloudProfileException("OS_AUTH_URL is not set: source your openrc file or use clouds.yaml.");
        }
        String version = blankToNull(env.get("OS_IDENTITY_API_VERSION"));
        if (version != null && !version.startsWith("3")) {
            throw new CloudProfileException("OS_IDENTITY_API_VERSION=" + version
                    + ": only Keystone v3 is supported. Use a v3 openrc (OS_IDENTITY_API_VERSION=3).");
        }
        String insecure = blankToNull(env.get("OS_INSECURE"));
        Function<String, String> f = key -> {
            String value = env.get("OS_" + key.toUpperCase(Locale.ROOT));
            return SECRETS.contains(key) ? emptyToNull(value) : blankToNull(value);
        };
        String project = f.apply("project_name") != null ? f.apply("project_name") : f.apply("tenant_name");
        String projectId = f.apply("project_id") != null ? f.apply("project_id") : f.apply("tenant_id");
        String iface = f.apply("interface") != null ? f.apply("interface") : f.apply("endpoint_type");
        boolean verify = !(insecure != null && isTrue(insecure));
        return build(ENV_CLOUD, "the environment (OS_*)", f.apply("auth_type"), authUrl, f, project, projectId,
                f.apply("region_name"), iface, f.apply("cacert"), verify, f.apply("compute_api_version"));
    }

    private CloudProfile fromYaml(String name, String source, JsonNode entry) {
        JsonNode auth = entry.path("auth");
        // a password cloud whose password is in no file: the one the add-cloud form put in the OS keyring
        String authType = text(entry.get("auth_type"));
        boolean passwordAuth = authType == null ? secret(auth.get("application_credential_secret")) == null
                : List.of("password", "v3password").contains(authType.toLowerCase(Locale.ROOT));
        String keyringPassword = passwordAuth && secret(auth.get("password")) == null
                ? vault.password(name).orElse(null) : null;
        Function<String, String> f = key -> "password".equals(key) && keyringPassword != null ? keyringPassword
                : SECRETS.contains(key) ? secret(auth.get(key)) : text(auth.get(key));
        String identityVersion = text(entry.get("identity_api_version"));
        if (identityVersion != null && !identityVersion.startsWith("3")) {
            throw new CloudProfileException(source + ": identity_api_version " + identityVersion
                    + " is not supported; only Keystone v3 is. Set identity_api_version: 3.");
        }
        String authUrl = f.apply("auth_url");
        if (authUrl == null) {
            throw new CloudProfileException(source + ": auth.auth_url is missing. Add the Keystone URL, e.g. "
                    + "auth_url: https://keystone.example.com:5000/v3");
        }
        String project = f.apply("project_name") != null ? f.apply("project_name") : f.apply("tenant_name");
        String projectId = f.apply("project_id") != null ? f.apply("project_id") : f.apply("tenant_id");
        String iface = text(entry.get("interface")) != null ? text(entry.get("interface"))
                : text(entry.get("endpoint_type"));
        JsonNode verifyNode = entry.get("verify");
        boolean verify = verifyNode == null || verifyNode.isNull()
                || (verifyNode.isBoolean() ? verifyNode.booleanValue() : !isFalse(verifyNode.asText()));
        String region = text(entry.get("region_name"));
        if (region == null && entry.path("regions").isArray() && entry.path("regions").size() > 0) {
            JsonNode first = entry.path("regions").get(0);
            region = first.isObject() ? text(first.get("name")) : text(first);
        }
        return build(name, source, text(entry.get("auth_type")), authUrl, f, project, projectId, region, iface,
                text(entry.get("cacert")), verify, text(entry.get("compute_api_version")));
    }

    private CloudProfile build(String name, String source, String authTypeText, String authUrl, Function<String, String> f,
            String project, String projectId, String region, String iface, String cacert, boolean verify,
            String computeVersion) {
        CloudProfile.AuthType type = authType(authTypeText, source, f);
        String userDomainName = f.apply("user_domain_name") != null ? f.apply("user_domain_name") : f.apply("domain_name");
        String userDomainId = f.apply("user_domain_id") != null ? f.apply("user_domain_id") : f.apply("domain_id");
        String projectDomainName = f.apply("project_domain_name") != null ? f.apply("project_domain_name")
                : f.apply("domain_name");
        String projectDomainId = f.apply("project_domain_id") != null ? f.apply("project_domain_id") : f.apply("domain_id");
        if (type == CloudProfile.AuthType.PASSWORD) {
            if (f.apply("username") == null && f.apply("user_id") == null) {
                throw new CloudProfileException(source + ": no user. Set username (and user_domain_name) or user_id.");
            }
            if (f.apply("password") == null) {
                throw new CloudProfileException(source + ": no password for user "
                        + (f.apply("username") != null ? f.apply("username") : f.apply("user_id"))
                        + ". Put it in secure.yaml (auth.password), set OS_PASSWORD, or store it in the OS keyring "
                        + "(the window's Add a cloud form).");
            }
            if (project == null && projectId == null) {
                throw new CloudProfileException(source + ": no project. Set project_name (and project_domain_name) "
                        + "or project_id: Nova needs a project-scoped token.");
            }
        } else {
            if (f.apply("application_credential_id") == null && f.apply("application_credential_name") == null) {
                throw new CloudProfileException(source + ": application credential auth without "
                        + "application_credential_id (or application_credential_name with username).");
            }
            if (f.apply("application_credential_id") == null && f.apply("username") == null && f.apply("user_id") == null) {
                throw new CloudProfileException(source + ": application_credential_name needs username "
                        + "(and user_domain_name) or user_id; or use application_credential_id.");
            }
            if (f.apply("application_credential_secret") == null) {
                throw new CloudProfileException(source + ": no application_credential_secret. Put it in secure.yaml "
                        + "or set OS_APPLICATION_CREDENTIAL_SECRET.");
            }
        }
        Microversion pinned = null;
        if (computeVersion != null && !"latest".equalsIgnoreCase(computeVersion)) {
            try {
                pinned = Microversion.parse(computeVersion);
            } catch (IllegalArgumentException e) {
                throw new CloudProfileException(source + ": compute_api_version '" + computeVersion
                        + "' is not a microversion like 2.80 (quote it in YAML: \"2.80\").", e);
            }
        }
        Path caPath = null;
        if (cacert != null) {
            caPath = user.expandUser(cacert);
            if (!Files.isReadable(caPath)) {
                throw new CloudProfileException(source + ": cacert " + caPath
                        + " cannot be read. Fix the path or remove cacert to use the system trust store.");
            }
        }
        return new CloudProfile(name, source, type, authUrl, f.apply("username"), f.apply("user_id"), f.apply("password"),
                userDomainName, userDomainId, project, projectId, projectDomainName, projectDomainId,
                f.apply("application_credential_id"), f.apply("application_credential_name"),
                f.apply("application_credential_secret"), region, endpointInterface(iface, source), caPath, verify,
                pinned);
    }

    private static CloudProfile.AuthType authType(String text, String source, Function<String, String> f) {
        if (text == null) {
            return f.apply("application_credential_secret") != null && f.apply("password") == null
                    ? CloudProfile.AuthType.APPLICATION_CREDENTIAL : CloudProfile.AuthType.PASSWORD;
        }
        switch (text.toLowerCase(Locale.ROOT).replace('-', '_')) {
            case "password":
            case "v3password":
                return CloudProfile.AuthType.PASSWORD;
            case "v3applicationcredential":
            case "application_credential":
            case "v3_application_credential":
                return CloudProfile.AuthType.APPLICATION_CREDENTIAL;
            default:
                throw new CloudProfileException(source + ": auth_type '" + text + "' is not supported. "
                        + "Use password (v3password) or v3applicationcredential.");
        }
    }

    private static CloudProfile.Interface endpointInterface(String text, String source) {
        if (text == null) {
            return CloudProfile.Interface.PUBLIC;
        }
        String t = text.toLowerCase(Locale.ROOT);
        if (t.endsWith("url")) {
            t = t.substring(0, t.length() - 3);
        }
        switch (t) {
            case "public":
                return CloudProfile.Interface.PUBLIC;
            case "internal":
                return CloudProfile.Interface.INTERNAL;
            case "admin":
                return CloudProfile.Interface.ADMIN;
            default:
                throw new CloudProfileException(source + ": interface '" + text
                        + "' is not one of public, internal, admin.");
        }
    }

    private Optional<Path> find(String envVar, String fileName) {
        String explicit = blankToNull(env.get(envVar));
        if (explicit != null) {
            Path p = Path.of(explicit);
            if (!Files.isRegularFile(p)) {
                throw new CloudProfileException(envVar + " points to " + p + ", which does not exist.");
            }
            return Optional.of(p);
        }
        for (Path dir : searchDirs) {
            for (String suffix : OpenStackConfigPaths.SUFFIXES) {
                Path p = dir.resolve(fileName.replace(".yaml", suffix));
                if (Files.isRegularFile(p)) {
                    return Optional.of(p);
                }
            }
        }
        return Optional.empty();
    }

    private static JsonNode readClouds(Path file) {
        JsonNode root;
        try {
            root = YAML.readTree(file.toFile());
        } catch (IOException e) {
            // the parser's message quotes the offending line, which may hold a password: position and problem only
            throw new CloudProfileException("Cannot read " + file + ": " + yamlProblem(e)
                    + ". Fix the YAML (indentation, quotes) and try again.");
        }
        if (root == null || !root.path("clouds").isObject()) {
            throw new CloudProfileException(file + " has no 'clouds:' mapping at the top level. "
                    + "Expected:\nclouds:\n  mycloud:\n    auth:\n      auth_url: ...");
        }
        return root.get("clouds");
    }

    /** Where and what the YAML problem is, without any of the file's text. */
    private static String yamlProblem(IOException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof MarkedYAMLException y && y.getProblemMark() != null) {
                return "YAML syntax error at line " + (y.getProblemMark().getLine() + 1) + ", column "
                        + (y.getProblemMark().getColumn() + 1) + " (" + y.getProblem() + ")";
            }
        }
        if (e instanceof JsonProcessingException j && j.getLocation() != null) {
            return "not valid YAML at line " + j.getLocation().getLineNr() + ", column " + j.getLocation().getColumnNr()
                    + " (" + j.getOriginalMessage().replaceAll("[\"'`].*", "").strip() + ")";
        }
        return e instanceof JsonProcessingException ? "not valid YAML"
                : e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
    }

    private static void merge(ObjectNode target, JsonNode extra) {
        Iterator<Map.Entry<String, JsonNode>> it = extra.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode existing = target.get(e.getKey());
            if (existing instanceof ObjectNode o && e.getValue().isObject()) {
                merge(o, e.getValue());
            } else {
                target.set(e.getKey(), e.getValue().deepCopy());
            }
        }
    }

    private static String text(JsonNode node) {
        if (node == null || node.isNull() || node.isContainerNode()) {
            return null;
        }
        String s = node.isBigDecimal() ? node.decimalValue().toPlainString() : node.asText();
        return blankToNull(s);
    }

    /** A password or secret exactly as written: only an absent or empty one is none (spaces are characters). */
    private static String secret(JsonNode node) {
        if (node == null || node.isNull() || node.isContainerNode()) {
            return null;
        }
        return emptyToNull(node.isBigDecimal() ? node.decimalValue().toPlainString() : node.asText());
    }

    private static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    private static boolean isTrue(String s) {
        return List.of("1", "true", "yes", "on").contains(s.toLowerCase(Locale.ROOT));
    }

    private static boolean isFalse(String s) {
        return List.of("0", "false", "no", "off").contains(s.toLowerCase(Locale.ROOT));
    }
}
