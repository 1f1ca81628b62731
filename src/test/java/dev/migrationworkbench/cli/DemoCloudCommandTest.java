package dev.migrationworkbench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
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

    @Test
    void aBrokenScenarioFileIsReportedWithItsLine(@TempDir Path tmp) throws Exception {
        Path file = tmp.resolve("broken.yaml");
        Files.writeString(file, "name: broken\nhosts:\n  - {name: c0, migration_bandwidth_mbps: lots}\n");
        String[] r = run("demo-cloud", "--scenario", file.toString(), "--duration", "1s");
        assertThat(r[0]).isEqualTo("2");
        assertThat(r[2]).contains("broken.yaml:3: hosts[0].migration_bandwidth_mbps: expected a whole number");
    }
}
