package dev.migrationworkbench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.migrationworkbench.cloud.CloudProfiles;
import dev.migrationworkbench.config.AppDirs;
import dev.migrationworkbench.service.Connector;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code triage} as a user runs it, on the demo cloud over HTTP, and {@code diagnose} of each migration for comparison. */
class TriageCommandTest {

    @TempDir
    Path tmp;

    private record Run(int exit, String out, String err) {
    }

    private Run run(Object command, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(command);
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        int exit = cli.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    private Connector connector() {
        return new Connector(new CloudProfiles(Map.of(), List.of()), AppDirs.under(tmp));
    }

    @Test
    void jsonGivesEveryMigrationTheVerdictAndCodesDiagnoseGivesItAlone() throws Exception {
        Run triage = run(new TriageCommand(connector()), "--demo", "--format", "json");
        assertThat(triage.exit()).as(triage.err()).isEqualTo(1);
        JsonNode root = new ObjectMapper().readTree(triage.out());
        JsonNode migrations = root.get("migrations");
        assertThat(migrations.size()).isEqualTo(8);
        List<String> verdicts = new ArrayList<>();
        for (JsonNode m : migrations) {
            verdicts.add(m.get("verdict").asText());
            Run alone = run(new DiagnoseCommand(connector()), "--demo", "--server", m.get("serverId").asText(),
                    "--migration", m.get("id").asText(), "--format", "json");
            JsonNode d = new ObjectMapper().readTree(alone.out());
            List<String> codes = new ArrayList<>();
            d.get("findings").forEach(f -> {
                if (!codes.contains(f.get("code").asText())) {
                    codes.add(f.get("code").asText());
                }
            });
            List<String> triageCodes = new ArrayList<>();
            m.get("codes").forEach(c -> triageCodes.add(c.asText()));
            assertThat(triageCodes).as("codes of migration " + m.get("id")).isEqualTo(codes);
            JsonNode convergence = d.get("convergence");
            if (m.has("convergence")) {
                assertThat(m.get("convergence").get("verdict").asText()).as("convergence of migration " + m.get("id"))
                        .isEqualTo(convergence.get("verdict").asText());
            }
        }
        assertThat(verdicts).first().isEqualTo("NOT_CONVERGING");
        assertThat(root.get("causeCounts").get("COMPUTE_SERVICE_DOWN").asInt()).isEqualTo(1);
        assertThat(root.get("drains").get(0).get("stuck").asBoolean()).isTrue();
    }

    @Test
    void textGroupsByVerdictAndShowsTheDrains() {
        Run r = run(new TriageCommand(connector()), "--demo", "--lang", "en");
        assertThat(r.exit()).as(r.err()).isEqualTo(1);
        assertThat(r.out()).contains("NOT CONVERGING", "FAILED", "COMPLETED", "Causes:", "Drains", "analytics-1",
                "COMPUTE_SERVICE_DOWN");
        assertThat(r.out().indexOf("NOT CONVERGING")).isLessThan(r.out().indexOf("COMPLETED"));
        Run ja = run(new TriageCommand(connector()), "--demo", "--lang", "ja", "--host", "compute-1");
        assertThat(ja.out()).contains("失敗", "ホストの退避").doesNotContain("analytics-1");
    }

    @Test
    void badInputIsAUsageErrorThatSaysWhatToWrite() throws Exception {
        Run since = run(new TriageCommand(connector()), "--demo", "--since", "yesterday");
        assertThat(since.exit()).isEqualTo(2);
        assertThat(since.err()).contains("'yesterday' is not a period", "24h");
        assertThat(run(new TriageCommand(connector()), "--demo", "--since", "0h").exit()).isEqualTo(2);
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Path clouds = Files.writeString(tmp.resolve("clouds.yaml"), "clouds:\n  gone:\n    auth:\n"
                + "      auth_url: http://127.0.0.1:" + port + "/identity/v3\n      username: u\n      password: p\n"
                + "      project_name: p\n      user_domain_name: Default\n      project_domain_name: Default\n");
        Connector gone = new Connector(new CloudProfiles(Map.of("OS_CLIENT_CONFIG_FILE", clouds.toString()), List.of()),
                AppDirs.under(tmp));
        assertThat(run(new TriageCommand(gone), "--os-cloud", "gone").exit()).isEqualTo(3);
    }

    @Test
    void aHostileServerNameReachesTheTerminalAsCodePoints() throws Exception {
        Path scenario = hostileScenario(tmp);
        Run r = run(new TriageCommand(connector()), "--demo", scenario.toString(), "--lang", "en");
        assertThat(r.out()).as(r.err()).contains("db[U+001B]]0;owned[U+0007]-1").doesNotContain("\u001b", "\u0007");
    }

    /** migration-not-converging with the database guest named {@code db<ESC>]0;owned<BEL>-1} (retitles a terminal). */
    static Path hostileScenario(Path dir) throws Exception {
        String yaml = Files.readString(Path.of("assets/scenarios/migration-not-converging.yaml"))
                .replace("name: db-1,", "name: \"db\\e]0;owned\\a-1\",")
                .replace("server: db-1,", "server: \"db\\e]0;owned\\a-1\",");
        return Files.writeString(dir.resolve("hostile-name.yaml"), yaml);
    }
}
