package dev.migrationworkbench.ui;

import dev.migrationworkbench.cloud.CloudProfiles;
import dev.migrationworkbench.config.AppDirs;
import dev.migrationworkbench.service.Connector;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The production backend with no clouds.yaml (so the workbench opens on the embedded demo cloud),
 * for the UI tests, the screenshot tour and the performance probe.
 */
final class DemoCloudTestSupport {

    private DemoCloudTestSupport() {
    }

    private static AppDirs dirs(Path configDir) {
        return new AppDirs(configDir, configDir.resolveSibling("data"), configDir.resolveSibling("logs"));
    }

    /** No clouds.yaml, no OS_* variables: only the demo cloud and its built-in scenarios. */
    static ServicesBackend backend(Path configDir) {
        return new ServicesBackend(new Connector(new CloudProfiles(Map.of(), List.of()), dirs(configDir)),
                Connector.builtInScenarios(), null);
    }

    /** Only the demo cloud, running a scenario file (e.g. the fleet benchmark's). */
    static ServicesBackend scenarioBackend(Path configDir, String name, Path scenario) {
        return new ServicesBackend(new Connector(new CloudProfiles(Map.of(), List.of()), dirs(configDir)), List.of(name), scenario);
    }

    /** Only the demo cloud, running the 10,000-server scenario of the test resources. */
    static ServicesBackend scaledBackend(Path configDir) {
        Path scenario = Path.of("src/test/resources/scenarios/scale-10000.yaml");
        return new ServicesBackend(new Connector(new CloudProfiles(Map.of(), List.of()), dirs(configDir)),
                List.of("scale-10000"), scenario);
    }
}
