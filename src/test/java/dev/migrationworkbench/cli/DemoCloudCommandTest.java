package dev.migrationworkbench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import dev.migrationworkbench.cloud.CloudProfiles;
import dev.migrationworkbench.config.AppDirs;
import dev.migrationworkbench.probe.client.CertificatePins;
import dev.migrationworkbench.probe.client.ProbeClient;
import dev.migrationworkbench.probe.client.ProbeSettings;
import dev.migrationworkbench.service.CloudConnection;
import dev.migrationworkbench.service.Connector;
import dev.migrationworkbench.service.DiagnosisRun;
import dev.migrationworkbench.service.SamplingPolicy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The demo-cloud subcommand starts the emulator and prints how to reach it. */
class DemoCloudCommandTest {

    private static String[] run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = new CommandLine(new MainCommand()).setOut(new PrintWriter(out)).setErr(new PrintWriter(err))
                .execute(args);
        return new String[] {String.valueOf(code), out.toString(), err.toString()};
    }

    @Test
    void printsTheEnvironmentAndACloudsYamlEntry() {
        String[] r = run("demo-cloud", "--scenario", "migration-not-converging", "--speed", "0", "--duration", "200ms");
        assertThat(r[0]).isEqualTo("0");
        assertThat(r[1]).containsPattern("export OS_AUTH_URL=http://127\\.0\\.0\\.1:\\d+/identity/v3")
                .contains("export OS_USERNAME=demo", "export OS_COMPUTE_API_VERSION=2.80", "clouds:", "  mw-demo:",
                        "/probe/{host}", "migration-not-converging");
    }

    /** What demo-cloud prints is used as printed: clouds.yaml for the cloud, the two lines for the probe agents. */
    @Test
    void thePrintedSettingsWorkAsPrintedForDiagnoseAndProbe(@TempDir Path tmp) throws Exception {
        StringWriter out = new StringWriter();
        Thread demo = new Thread(() -> new CommandLine(new MainCommand()).setOut(new PrintWriter(out))
                .setErr(new PrintWriter(new StringWriter()))
                .execute("demo-cloud", "--scenario", "nic-numa-affinity-mismatch", "--duration", "60s"));
        demo.setDaemon(true);
        demo.start();
        for (int i = 0; i < 300 && !out.toString().contains("token.file="); i++) {
            Thread.sleep(100);
        }
        String printed = out.toString();
        List<String> lines = printed.lines().toList();
        String yaml = String.join("\n", lines.subList(lines.indexOf("clouds:"), lines.indexOf("clouds:") + 13));
        Path config = Files.createDirectories(tmp.resolve("config"));
        Files.writeString(tmp.resolve("clouds.yaml"), yaml + "\n");
        Files.write(config.resolve("probe-agents.properties"),
                lines.stream().filter(l -> l.startsWith("url.pattern=") || l.startsWith("token.file=")).toList());
        AppDirs dirs = new AppDirs(config, tmp.resolve("data"), tmp.resolve("logs"));

        ProbeClient probe = new ProbeClient(ProbeSettings.load(config), CertificatePins.load(config));
        assertThat(probe.host("compute-1").topology().numaNodes()).isNotEmpty();

        Connector connector = new Connector(new CloudProfiles(Map.of("OS_CLIENT_CONFIG_FILE",
                tmp.resolve("clouds.yaml").toString()), List.of()), dirs);
        try (CloudConnection connection = connector.cloud("mw-demo")) {
            DiagnosisRun run = connection.diagnosis().diagnose("nfv-router-1", null, SamplingPolicy.none(), s -> { });
            assertThat(run.evidence().hostTopologies()).as(printed).isNotEmpty();
            assertThat(run.evidence().failedCalls()).as(printed).noneMatch(c -> c.name().startsWith("probe."));
        }
        demo.interrupt();
    }

    @Test
    void aBrokenScenarioFileIsReportedWithItsLine(@TempDir Path tmp) throws Exception {
        Path file = tmp.resolve("broken.yaml");
        Files.writeString(file, "name: broken\nhosts:\n  - {name: c0, migration_bandwidth_mbps: lots}\n");
        String[] r = run("demo-cloud", "--scenario", file.toString(), "--duration", "1s");
        assertThat(r[0]).isEqualTo("2");
        assertThat(r[2]).contains("broken.yaml:3: hosts[0].migration_bandwidth_mbps: expected a whole number");
    }
}
