package dev.migrationworkbench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import dev.migrationworkbench.cloud.CloudProfiles;
import dev.migrationworkbench.config.AppDirs;
import dev.migrationworkbench.service.Connector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The diagnose command end to end: output formats and exit codes, on the demo cloud. */
class DiagnoseCommandTest {

    @TempDir
    Path tmp;

    private record Run(int exit, String out, String err) {
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new MainCommand());
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        int exit = cli.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    @Test
    void aStuckMigrationIsReportedAsJsonWithExitCode1() throws Exception {
        Run r = run("diagnose", "--demo", "migration-not-converging", "--server", "db-1", "--watch", "60",
                "--format", "json", "--lang", "en");
        assertThat(r.exit()).as(r.err()).isEqualTo(1);
        JsonNode json = new ObjectMapper().readTree(r.out());
        assertThat(json.path("schemaVersion").asInt()).isEqualTo(1);
        assertThat(json.path("findings").get(0).path("code").asText()).isEqualTo("MIGRATION_NOT_CONVERGING");
        assertThat(json.path("findings").get(0).path("remediation").toString())
                .contains("openstack --os-compute-api-version 2.24 server migration abort ")
                .contains("openstack --os-compute-api-version 2.22 server migration force complete ");
        assertThat(json.path("convergence").path("verdict").asText()).isEqualTo("NOT_CONVERGING");
        assertThat(json.path("convergence").path("reasons").get(0).path("text").asText()).contains("MiB/s");
        assertThat(json.path("sampleCount").asInt()).isGreaterThanOrEqualTo(12);
        assertThat(r.err()).contains("remaining");
    }

    @Test
    void withoutFlagsAStuckMigrationIsSampledUntilTheVerdictIsConfident() throws Exception {
        Run r = run("diagnose", "--demo", "migration-not-converging", "--server", "db-1", "--format", "json", "--lang", "en");
        assertThat(r.exit()).as(r.err()).isEqualTo(1);
        JsonNode json = new ObjectMapper().readTree(r.out());
        assertThat(json.path("outcome").asText()).isEqualTo("FINDINGS");
        assertThat(json.path("findings").get(0).path("code").asText()).isEqualTo("MIGRATION_NOT_CONVERGING");
        // sampled by itself, and no longer than the default bound of 30 s (6 samples at 5 s)
        assertThat(r.err().lines().filter(l -> l.contains("remaining")).count()).isBetween(2L, 6L);
    }

    @Test
    void aRunningMigrationThatCannotBeJudgedIsInconclusiveNeverNoProblem() throws Exception {
        Run r = run("diagnose", "--demo", "migration-not-converging", "--server", "db-1", "--no-watch", "--lang", "en");
        assertThat(r.exit()).as(r.out() + r.err()).isEqualTo(4);
        assertThat(r.out()).contains("Inconclusive").doesNotContain("No problem found");
        assertThat(run("diagnose", "--demo", "--server", "x", "--watch", "10", "--no-watch").exit()).isEqualTo(2);
    }

    @Test
    void pdfReportOfTheDiagnosisIsWrittenAndReadable() throws Exception {
        java.nio.file.Path pdf = tmp.resolve("case/report.pdf");
        Run r = run("diagnose", "--demo", "instance-in-error-state", "--server", "web-1", "--lang", "ja",
                "--pdf", pdf.toString());
        assertThat(r.exit()).as(r.err()).isEqualTo(1);
        try (var document = org.apache.pdfbox.Loader.loadPDF(pdf.toFile())) {
            String text = new org.apache.pdfbox.text.PDFTextStripper().getText(document);
            assertThat(text).contains("ライブマイグレーション診断レポート").contains("INSTANCE_IN_ERROR_STATE");
        }

        Run unwritable = run("diagnose", "--demo", "instance-in-error-state", "--server", "web-1",
                "--pdf", pdf.resolve("inside-a-file.pdf").toString());
        assertThat(unwritable.exit()).isEqualTo(2);
        assertThat(unwritable.err()).contains("inside-a-file.pdf");
    }

    @Test
    void pdfToASymbolicLinkWritesTheFileItPointsToAndKeepsTheLink() throws Exception {
        Path real = Files.writeString(tmp.resolve("case-42.pdf"), "old");
        Path link = Files.createSymbolicLink(tmp.resolve("latest.pdf"), real.getFileName());
        Run r = run("diagnose", "--demo", "instance-in-error-state", "--server", "web-1", "--pdf", link.toString());
        assertThat(r.exit()).as(r.err()).isEqualTo(1);
        assertThat(Files.isSymbolicLink(link)).isTrue();
        try (var document = org.apache.pdfbox.Loader.loadPDF(real.toFile())) {
            assertThat(new org.apache.pdfbox.text.PDFTextStripper().getText(document)).contains("INSTANCE_IN_ERROR_STATE");
        }
    }

    @Test
    void aHealthyServerExitsWith0AndJapaneseTextWorks() {
        Run r = run("diagnose", "--demo", "instance-not-found", "--server", "web-1", "--lang", "ja");
        assertThat(r.exit()).as(r.out() + r.err()).isEqualTo(0);
        assertThat(r.out()).contains("問題は見つかりませんでした");
    }

    @Test
    void textOutputNamesTheCodeTheEvidenceAndTheCommands() {
        Run r = run("diagnose", "--demo", "compute-service-down", "--server", "web-1", "--lang", "en");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.out()).contains("COMPUTE_SERVICE_DOWN", "Evidence:", "$ openstack compute service list");
    }

    @Test
    void usageAndConfigurationErrorsExitWith2() throws Exception {
        assertThat(run("diagnose", "--demo").exit()).isEqualTo(2);
        assertThat(run("diagnose", "--demo", "--server", "x", "--format", "xml").exit()).isEqualTo(2);
        assertThat(run("diagnose", "--demo", "no-such-scenario", "--server", "x").exit()).isEqualTo(2);
        assertThat(run("diagnose", "--demo", "--server", "x", "--watch", "-5").exit()).isEqualTo(2);
        Path bad = Files.writeString(tmp.resolve("bad.yaml"), "name: bad\nhosts: 12\n");
        Run r = run("diagnose", "--demo", bad.toString(), "--server", "x");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("bad.yaml");
    }

    @Test
    void anUnreachableCloudExitsWith3() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Path clouds = Files.writeString(tmp.resolve("clouds.yaml"), "clouds:\n  gone:\n    auth:\n"
                + "      auth_url: http://127.0.0.1:" + port + "/identity/v3\n      username: u\n      password: p\n"
                + "      project_name: p\n      user_domain_name: Default\n      project_domain_name: Default\n");
        CloudProfiles profiles = new CloudProfiles(Map.of("OS_CLIENT_CONFIG_FILE", clouds.toString()), List.of());
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new DiagnoseCommand(new Connector(profiles, AppDirs.under(tmp))));
        cli.setErr(new PrintWriter(err));
        cli.setOut(new PrintWriter(new StringWriter()));
        assertThat(cli.execute("--os-cloud", "gone", "--server", "x")).as(err.toString()).isEqualTo(3);
        assertThat(cli.execute("--os-cloud", "missing", "--server", "x")).as(err.toString()).isEqualTo(2);
    }
}
