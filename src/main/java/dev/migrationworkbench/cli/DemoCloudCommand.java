package dev.migrationworkbench.cli;

import dev.migrationworkbench.config.AppDirs;
import dev.migrationworkbench.democloud.DemoCloud;
import dev.migrationworkbench.service.HostAgents;
import dev.migrationworkbench.democloud.DemoCloudOptions;
import dev.migrationworkbench.democloud.ScenarioException;
import dev.migrationworkbench.i18n.Messages;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code demo-cloud}: runs the embedded demo cloud standalone and prints how to point clients at it. */
@Command(name = "demo-cloud", mixinStandardHelpOptions = true,
        description = "Runs the demo cloud (Keystone v3 + Nova v2.1 emulator) on 127.0.0.1 and prints the "
                + "OS_* variables and a clouds.yaml entry for it. Scenarios: docs/SCENARIOS.md.")
public final class DemoCloudCommand implements Callable<Integer> {

    static final String CLOUD_NAME = "mw-demo";
    static final String COMPUTE_API_VERSION = "2.80";

    /** Enough for the fleet-scale figures; a million would not fit a default heap. */
    static final int MAX_EXTRA_SERVERS = dev.migrationworkbench.democloud.DemoCloudOptions.MAX_SERVERS;

    @Spec
    CommandSpec spec;

    @Option(names = "--scenario", defaultValue = "demo",
            description = "Built-in scenario name or path of a scenario file. Default: ${DEFAULT-VALUE}")
    String scenario;

    @Option(names = "--port", defaultValue = "0", description = "Port on 127.0.0.1 (0: any free port). Default: ${DEFAULT-VALUE}")
    int port;

    @Option(names = "--speed", description = "Virtual seconds per real second (0: the clock stands still). "
            + "Default: the scenario's clock.speed")
    Double speed;

    @Option(names = "--extra-servers", defaultValue = "0",
            description = "Add this many servers (and a host per 50) for scale tests. Default: ${DEFAULT-VALUE}")
    int extraServers;

    @Option(names = "--duration", description = "Stop after this long, e.g. 30s or 2h (default: until Ctrl+C)")
    String duration;

    @Override
    public Integer call() throws Exception {
        Messages messages = Messages.forLocale(Locale.getDefault());
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (port < 0 || port > 65535) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--port must be 0..65535, not " + port);
        }
        if (speed != null && !(speed >= 0 && speed <= 1_000_000)) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "--speed must be a number from 0 to 1000000 (virtual seconds per second), not " + speed);
        }
        if (extraServers < 0 || extraServers > MAX_EXTRA_SERVERS) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "--extra-servers must be 0.." + MAX_EXTRA_SERVERS + ", not " + extraServers);
        }
        Duration runFor = null;
        if (duration != null) {
            runFor = parseDuration(duration);
            if (runFor == null) {
                err.println(messages.get("democloud.cli.badDuration", duration));
                return 2;
            }
        }
        DemoCloudOptions options = DemoCloudOptions.defaults().withPort(port).withExtraServers(extraServers);
        Path file = Path.of(scenario);
        options = scenario.endsWith(".yaml") || scenario.endsWith(".yml") || Files.isRegularFile(file)
                ? options.withScenario(file) : options.withScenario(scenario);
        if (speed != null) {
            options = options.withSpeed(speed);
        }
        DemoCloud cloud;
        try {
            cloud = DemoCloud.start(options);
        } catch (ScenarioException e) {
            err.println(messages.get("democloud.cli.scenarioError", scenario));
            err.println(e.getMessage());
            return 2;
        } catch (IOException e) {
            err.println(messages.get("democloud.cli.startError", port, e.getMessage()));
            return 1;
        }
        Path token;
        try {
            token = HostAgents.writeTokenFile(cloud.probeToken());
        } catch (IOException e) {
            cloud.close();
            err.println(messages.get("democloud.cli.startError", port, e.getMessage()));
            return 1;
        }
        try (cloud) {
            printHowToConnect(cloud, token, messages, out);
            CountDownLatch stop = new CountDownLatch(1);
            Thread hook = new Thread(stop::countDown, "demo-cloud-stop");
            Runtime.getRuntime().addShutdownHook(hook);
            if (runFor == null) {
                stop.await();
            } else {
                stop.await(runFor.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
                Runtime.getRuntime().removeShutdownHook(hook);
            }
        }
        return 0;
    }

    private static Duration parseDuration(String text) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d+)(ms|s|m|h)").matcher(text);
        if (!m.matches()) {
            return null;
        }
        long v = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(v);
            case "s" -> Duration.ofSeconds(v);
            case "m" -> Duration.ofMinutes(v);
            default -> Duration.ofHours(v);
        };
    }

    /** What to set for the openstack client, clouds.yaml and the probe agents: every line usable as printed. */
    static void printHowToConnect(DemoCloud cloud, Path probeToken, Messages messages, PrintWriter out) {
        out.println(messages.get("democloud.cli.started", cloud.scenarioName(), cloud.scenarioDescription(),
                cloud.baseUrl(), cloud.speed()));
        out.println();
        out.println("# " + messages.get("democloud.cli.env"));
        out.println("export OS_AUTH_URL=" + cloud.authUrl());
        out.println("export OS_USERNAME=" + cloud.username());
        out.println("export OS_PASSWORD=" + cloud.password());
        out.println("export OS_PROJECT_NAME=" + cloud.projectName());
        out.println("export OS_USER_DOMAIN_NAME=" + cloud.userDomainName());
        out.println("export OS_PROJECT_DOMAIN_NAME=" + cloud.projectDomainName());
        out.println("export OS_REGION_NAME=" + cloud.regionName());
        out.println("export OS_IDENTITY_API_VERSION=3");
        out.println("export OS_COMPUTE_API_VERSION=" + COMPUTE_API_VERSION);
        out.println();
        out.println("# " + messages.get("democloud.cli.cloudsYaml", CLOUD_NAME));
        out.println("clouds:");
        out.println("  " + CLOUD_NAME + ":");
        out.println("    auth:");
        out.println("      auth_url: " + cloud.authUrl());
        out.println("      username: " + cloud.username());
        out.println("      password: " + cloud.password());
        out.println("      project_name: " + cloud.projectName());
        out.println("      user_domain_name: " + cloud.userDomainName());
        out.println("      project_domain_name: " + cloud.projectDomainName());
        out.println("    region_name: " + cloud.regionName());
        out.println("    identity_api_version: 3");
        out.println("    compute_api_version: \"" + COMPUTE_API_VERSION + "\"");
        out.println();
        out.println("# " + messages.get("democloud.cli.probes", HostAgents.settingsFile(AppDirs.forCurrentUser())));
        out.println("url.pattern=" + cloud.probeUrl("{host}"));
        out.println("token.file=" + probeToken);
        out.println(messages.get("democloud.cli.stop"));
        out.flush();
    }
}
