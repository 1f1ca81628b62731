package dev.migrationworkbench.service;

import dev.migrationworkbench.action.AuditLog;
import dev.migrationworkbench.cloud.CloudProfile;
import dev.migrationworkbench.cloud.CloudProfiles;
import dev.migrationworkbench.cloud.GatewayOptions;
import dev.migrationworkbench.cloud.NovaGateway;
import dev.migrationworkbench.cloud.OpenStackNovaGateway;
import dev.migrationworkbench.cloud.TokenCache;
import dev.migrationworkbench.config.AppDirs;
import dev.migrationworkbench.democloud.DemoCloud;
import dev.migrationworkbench.democloud.DemoCloudOptions;
import dev.migrationworkbench.diagnosis.FindingCode;
import dev.migrationworkbench.probe.client.CertificatePins;
import dev.migrationworkbench.probe.client.ProbeClient;
import dev.migrationworkbench.probe.client.ProbeSettings;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Opens connections: to a cloud of clouds.yaml / the {@code OS_*} variables (with the user's probe
 * agent settings), or to the embedded demo cloud (with its simulated agents).
 */
public final class Connector {

    private final CloudProfiles profiles;
    private final AppDirs dirs;

    public Connector(CloudProfiles profiles, AppDirs dirs) {
        this.profiles = profiles;
        this.dirs = dirs;
    }

    /** The user's clouds.yaml / OS_* variables and config dirs. */
    public static Connector standard() {
        return new Connector(CloudProfiles.standard(), AppDirs.forCurrentUser());
    }

    /** The clouds defined in clouds.yaml, then {@code envvars} when the {@code OS_*} variables of an openrc are set. */
    public List<String> cloudNames() {
        List<String> names = new ArrayList<>(profiles.cloudNames());
        if (profiles.hasEnvironmentProfile() && !names.contains(CloudProfiles.ENV_CLOUD)) {
            names.add(CloudProfiles.ENV_CLOUD);
        }
        return names;
    }

    /** Where the clouds were looked for: {@code OS_CLIENT_CONFIG_FILE}, else the openstack client's search dirs. */
    public List<Path> cloudSearchPlaces() {
        return profiles.searchPlaces();
    }

    /** The demo cloud's built-in scenarios: {@code demo}, then one per finding code (those shipped). */
    public static List<String> builtInScenarios() {
        List<String> names = new ArrayList<>();
        names.add("demo");
        for (FindingCode code : FindingCode.values()) {
            names.add(code.scenarioName());
        }
        return names.stream().filter(n -> DemoCloud.class.getResource("/scenarios/" + n + ".yaml") != null).toList();
    }

    /**
     * A cloud: {@code name} of clouds.yaml, else {@code OS_CLOUD}, else the {@code OS_*} variables;
     * probe agents as {@code probe-agents.properties} in the config dir says.
     *
     * @throws dev.migrationworkbench.cloud.CloudProfileException what to configure
     * @throws dev.migrationworkbench.cloud.CloudException        the cloud refused or could not be reached
     */
    public CloudConnection cloud(String name) throws IOException {
        CloudProfile profile = profiles.resolve(name);
        ProbeClient probes = new ProbeClient(ProbeSettings.load(dirs.config()), CertificatePins.load(dirs.config()));
        NovaGateway gateway = OpenStackNovaGateway.connect(profile, GatewayOptions.defaults().withTokenCache(
                profiles.tokenReuseAllowed() ? TokenCache.forCurrentUser() : TokenCache.none()));
        return new CloudConnection(gateway, probes, CloudConnection.Pacer.REAL_TIME, false, audit(), null);
    }

    /** The demo cloud running in real time (the window): a built-in scenario name or a scenario file. */
    public CloudConnection demo(String scenario) throws IOException {
        DemoCloud cloud = DemoCloud.start(options(scenario).withPort(0));
        return demo(cloud, CloudConnection.Pacer.REAL_TIME, cloud);
    }

    /**
     * The demo cloud on a virtual clock (the command line): the scenario first runs {@code settle}
     * of virtual time to reach its described state, and waiting for the next sample steps the clock.
     */
    public CloudConnection demoOnVirtualClock(String scenario, Duration settle) throws IOException {
        DemoCloud cloud = DemoCloud.start(options(scenario).withSpeed(0));
        cloud.clock().advance(settle);
        return demo(cloud, d -> cloud.clock().advance(d), cloud);
    }

    /**
     * A demo cloud started by the caller, over its real HTTP API and simulated probe agents;
     * {@code owned} (may be null) is closed with the connection.
     */
    public CloudConnection demo(DemoCloud cloud, CloudConnection.Pacer pacer, AutoCloseable owned) throws IOException {
        Path work = null;
        try {
            work = Files.createTempDirectory("mw-demo-connection");
            Path token = Files.writeString(work.resolve("probe-token"), cloud.probeToken());
            Map<String, URI> agents = new LinkedHashMap<>();
            cloud.hostNames().forEach(h -> agents.put(h, URI.create(cloud.probeUrl(h))));
            ProbeClient probes = new ProbeClient(new ProbeSettings(null, agents, token, null, null, null),
                    CertificatePins.load(work));
            CloudProfile profile = CloudProfile.password("demo", cloud.authUrl(), cloud.username(), cloud.password(),
                    cloud.userDomainName(), cloud.projectName(), cloud.projectDomainName(), cloud.regionName());
            NovaGateway gateway = OpenStackNovaGateway.connect(profile);
            Path workDir = work;
            return new CloudConnection(gateway, probes, pacer, true, audit(), () -> {
                try {
                    deleteTree(workDir);
                } finally {
                    if (owned != null) {
                        owned.close();
                    }
                }
            });
        } catch (IOException | RuntimeException e) {
            deleteTree(work);
            closeQuietly(owned);
            throw e;
        }
    }

    private AuditLog audit() {
        return new AuditLog(dirs.data());
    }

    private static DemoCloudOptions options(String scenario) {
        Path file = Path.of(scenario);
        return scenario.endsWith(".yaml") || scenario.endsWith(".yml") || Files.isRegularFile(file)
                ? DemoCloudOptions.defaults().withScenario(file) : DemoCloudOptions.defaults().withScenario(scenario);
    }

    private static void closeQuietly(AutoCloseable c) {
        if (c == null) {
            return;
        }
        try {
            c.close();
        } catch (Exception e) {
            // already failing: the first error is the one to report
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (var files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
