package dev.migrationworkbench.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.migrationworkbench.cloud.CloudProfile;
import dev.migrationworkbench.cloud.CloudProfileException;
import dev.migrationworkbench.cloud.CloudProfiles;
import dev.migrationworkbench.config.AppDirs;
import dev.migrationworkbench.democloud.DemoCloud;
import dev.migrationworkbench.democloud.DemoCloudOptions;
import dev.migrationworkbench.democloud.Fault;
import dev.migrationworkbench.service.Connector;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * No password, token or secure.yaml value in any output: every output the command line produces
 * here (stdout, stderr, JSON, text, the PDF's text and bytes, exception messages and stack traces,
 * the log file of this test JVM) goes through one scanner for the test credentials. Passwords are
 * used byte for byte.
 */
class SecretsTest {

    /** A password with the spaces a trimming reader would lose. */
    private static final String CANARY = "  c4n4ry-Pw0rd:7$ ";
    private static final String CANARY_CORE = "c4n4ry-Pw0rd";
    /** Keystone tokens of the demo cloud (Fernet-looking), and the demo cloud's password as a word. */
    private static final Pattern TOKEN = Pattern.compile("gAAAAA[0-9a-f]{20,}");
    private static final Pattern DEMO_PASSWORD = Pattern.compile("(?<![A-Za-z_.-])secret(?![A-Za-z_.-])");

    @TempDir
    Path tmp;

    private final List<String> scanned = new ArrayList<>();

    private void assertNoCredential(String what, String text, String... more) {
        scanned.add(what);
        assertThat(text).as(what).doesNotContain(CANARY_CORE);
        assertThat(TOKEN.matcher(text).find()).as(what + " holds a Keystone token:\n" + text).isFalse();
        assertThat(DEMO_PASSWORD.matcher(text).find()).as(what + " holds the demo password:\n" + text).isFalse();
        for (String secret : more) {
            assertThat(text).as(what).doesNotContain(secret);
        }
    }

    private static String stackTrace(Throwable t) {
        StringWriter w = new StringWriter();
        t.printStackTrace(new PrintWriter(w));
        return w.toString();
    }

    @Test
    void passwordsAreUsedByteForByte() throws IOException {
        Path clouds = Files.writeString(tmp.resolve("clouds.yaml"), "clouds:\n  c:\n    auth:\n"
                + "      auth_url: http://keystone.example:5000/v3\n      username: u\n      project_name: p\n");
        Files.writeString(tmp.resolve("secure.yaml"), "clouds:\n  c:\n    auth:\n      password: \"" + CANARY + "\"\n");
        CloudProfile fromYaml = new CloudProfiles(Map.of("OS_CLIENT_CONFIG_FILE", clouds.toString(),
                "OS_CLIENT_SECURE_FILE", tmp.resolve("secure.yaml").toString()), List.of()).resolve("c");
        assertThat(fromYaml.password()).isEqualTo(CANARY);
        assertNoCredential("CloudProfile.toString", fromYaml.toString());

        CloudProfile fromEnv = new CloudProfiles(Map.of("OS_AUTH_URL", "http://keystone.example:5000/v3",
                "OS_USERNAME", "u", "OS_PASSWORD", CANARY, "OS_PROJECT_NAME", "p"), List.of()).resolve(null);
        assertThat(fromEnv.password()).isEqualTo(CANARY);
    }

    @Test
    void aMalformedLineHoldingThePasswordIsNeverEchoed() throws IOException {
        List<String> broken = List.of(
                "      password: \"" + CANARY_CORE + "\n",            // unterminated quote
                "      password: " + CANARY_CORE + ": more\n",         // a mapping value where none is allowed
                "\tpassword: " + CANARY_CORE + "\n",                    // a tab for indentation
                "      password: [" + CANARY_CORE + "\n",              // an unclosed flow sequence
                "      password: '" + CANARY_CORE + "' '" + CANARY_CORE + "'\n");
        for (String line : broken) {
            for (String file : List.of("clouds.yaml", "secure.yaml")) {
                String good = "clouds:\n  c:\n    auth:\n      auth_url: http://k:5000/v3\n      username: u\n"
                        + "      project_name: p\n";
                Path clouds = Files.writeString(tmp.resolve("clouds.yaml"), file.equals("clouds.yaml") ? good + line : good);
                Path secure = Files.writeString(tmp.resolve("secure.yaml"), file.equals("secure.yaml")
                        ? "clouds:\n  c:\n    auth:\n" + line : "clouds: {}\n");
                Throwable thrown = catchThrowable(() -> new CloudProfiles(Map.of("OS_CLIENT_CONFIG_FILE", clouds.toString(),
                        "OS_CLIENT_SECURE_FILE", secure.toString()), List.of()).resolve("c"));
                assertThat(thrown).as(file + ": " + line).isInstanceOf(CloudProfileException.class)
                        .hasMessageContaining(file).hasMessageContaining("line ");
                assertNoCredential("YAML error of " + file + " for " + line, stackTrace(thrown));
            }
        }
    }

    @Test
    void noCommandOutputCarriesAPasswordOrAToken() throws Exception {
        try (DemoCloud demo = DemoCloud.start(DemoCloudOptions.defaults().withScenario("instance-in-error-state").withSpeed(0))) {
            demo.clock().advance(java.time.Duration.ofMinutes(3));
            Path good = clouds("good.yaml", demo, demo.password());
            Path wrong = clouds("wrong.yaml", demo, CANARY);
            Path pdf = tmp.resolve("report.pdf");

            run(good, "--os-cloud", "demo", "--server", "web-1", "--lang", "en", "--pdf", pdf.toString());
            run(good, "--os-cloud", "demo", "--server", "web-1", "--format", "json");
            run(good, "--os-cloud", "demo", "--server", "web-1", "--lang", "ja");
            try (var document = Loader.loadPDF(pdf.toFile())) {
                assertNoCredential("PDF text", new PDFTextStripper().getText(document));
            }
            assertNoCredential("PDF bytes", new String(Files.readAllBytes(pdf), StandardCharsets.ISO_8859_1));

            // expired tokens mid-run, every compute call refused, a wrong password, a cloud gone
            demo.faults().expireTokens();
            run(good, "--os-cloud", "demo", "--server", "web-1", "--format", "json");
            demo.faults().add(Fault.status(401));
            run(good, "--os-cloud", "demo", "--server", "web-1");
            demo.faults().clear();
            run(wrong, "--os-cloud", "demo", "--server", "web-1");
            run(wrong, "--os-cloud", "demo", "--server", "web-1", "--format", "json");
            demo.faults().add(Fault.dropConnection().onPaths("/identity/.*"));
            run(good, "--os-cloud", "demo", "--server", "web-1");
        }
        Path log = Path.of(System.getProperty("mw.log.dir",
                Path.of(System.getProperty("java.io.tmpdir"), "migration-workbench-logs").toString()), "workbench.log");
        if (Files.isRegularFile(log)) {
            // everything this test JVM logged so far, from every test class that ran before this one
            assertNoCredential("log file " + log, Files.readString(log, StandardCharsets.UTF_8));
        }
        assertThat(scanned).hasSizeGreaterThan(10);
    }

    private Path clouds(String name, DemoCloud demo, String password) throws IOException {
        return Files.writeString(tmp.resolve(name), "clouds:\n  demo:\n    auth:\n      auth_url: " + demo.authUrl()
                + "\n      username: " + demo.username() + "\n      password: \"" + password + "\"\n"
                + "      project_name: " + demo.projectName() + "\n      user_domain_name: Default\n"
                + "      project_domain_name: Default\n    region_name: " + demo.regionName() + "\n");
    }

    /** Runs {@code diagnose} with this clouds.yaml and scans stdout, stderr and what went to System.out/err. */
    private void run(Path clouds, String... args) {
        runCommand(new CommandLine(new DiagnoseCommand(connector(clouds))), args);
    }

    private Connector connector(Path clouds) {
        return new Connector(new CloudProfiles(Map.of("OS_CLIENT_CONFIG_FILE", clouds.toString()), List.of()),
                AppDirs.under(tmp));
    }

    /** Runs a command line and scans stdout, stderr and what went to System.out/err for the credentials and {@code more}. */
    private void runCommand(CommandLine cli, String[] args, String... more) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        PrintStream sysOut = System.out;
        PrintStream sysErr = System.err;
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        PrintStream capture = new PrintStream(raw, true, StandardCharsets.UTF_8);
        int exit;
        System.setOut(capture);
        System.setErr(capture);
        try {
            cli.setOut(new PrintWriter(out));
            cli.setErr(new PrintWriter(err));
            exit = cli.execute(args);
        } finally {
            System.setOut(sysOut);
            System.setErr(sysErr);
        }
        String what = cli.getCommandName() + " " + String.join(" ", args) + " (exit " + exit + ")";
        assertNoCredential(what + " stdout", out.toString(), more);
        assertNoCredential(what + " stderr", err.toString(), more);
        assertNoCredential(what + " System.out/err", raw.toString(StandardCharsets.UTF_8), more);
    }

    /**
     * Every other output the suite produces, with a right and a wrong password: triage (text and
     * JSON), migration abort and force-complete (their output and the audit log), the evidence
     * bundle and the PDF of a running migration, the probe command against a real agent (its token),
     * the demo-cloud command (which prints its own demo password on purpose, so only the test
     * password, tokens and the probe token are looked for there), and the messages and stack traces
     * of a failed connection.
     */
    @Test
    void noOtherOutputCarriesAPasswordATokenOrTheAgentToken() throws Exception {
        try (DemoCloud demo = DemoCloud.start(DemoCloudOptions.defaults().withScenario("migration-not-converging").withSpeed(0))) {
            demo.clock().advance(java.time.Duration.ofMinutes(3));
            Path good = clouds("good.yaml", demo, demo.password());
            Path wrong = clouds("wrong.yaml", demo, CANARY);
            for (Path clouds : List.of(good, wrong)) {
                runCommand(new CommandLine(new TriageCommand(connector(clouds))), new String[] {"--os-cloud", "demo", "--no-watch", "--lang", "en"});
                runCommand(new CommandLine(new TriageCommand(connector(clouds))), new String[] {"--os-cloud", "demo", "--no-watch", "--format", "json"});
            }
            Path bundle = tmp.resolve("case.evidence.json");
            Path pdf = tmp.resolve("running.pdf");
            run(good, "--os-cloud", "demo", "--server", "db-1", "--no-watch", "--lang", "ja", "--save-evidence",
                    bundle.toString(), "--pdf", pdf.toString());
            assertNoCredential("evidence bundle", Files.readString(bundle));
            try (var document = Loader.loadPDF(pdf.toFile())) {
                assertNoCredential("PDF text of a running migration", new PDFTextStripper().getText(document));
            }
            for (String action : List.of("abort", "force-complete")) {
                for (Path clouds : List.of(wrong, good)) {
                    MigrationCommand.Action command = action.equals("abort")
                            ? new MigrationCommand.Abort(connector(clouds), new java.io.ByteArrayInputStream(new byte[0]))
                            : new MigrationCommand.ForceComplete(connector(clouds), new java.io.ByteArrayInputStream(new byte[0]));
                    runCommand(new CommandLine(command), new String[] {"--os-cloud", "demo", "--server", "db-1",
                            "--case", "C-" + action, "--yes", "--follow", "0", "--lang", "en"});
                }
            }
            Path audit = new dev.migrationworkbench.action.AuditLog(AppDirs.under(tmp).data()).file();
            assertThat(audit).exists();
            assertNoCredential("audit log", Files.readString(audit));

            Throwable failed = catchThrowable(() -> dev.migrationworkbench.cloud.OpenStackNovaGateway.connect(
                    CloudProfile.password("demo", demo.authUrl(), demo.username(), CANARY, "Default",
                            demo.projectName(), "Default", demo.regionName())));
            assertThat(failed).isNotNull();
            assertNoCredential("wrong password: message and stack trace", stackTrace(failed));
        }
        probeOutputs();
        demoCloudOutput();
        assertThat(scanned).hasSizeGreaterThan(40);
    }

    private void probeOutputs() throws Exception {
        String token = "probe-secret-token-0123456789abcdef0123456789";
        Path root = dev.migrationworkbench.probe.agent.ProbeFixtures.materialize("sriov-pf", tmp.resolve("probe-root"));
        var certificate = dev.migrationworkbench.probe.agent.AgentCertificate.loadOrCreate(tmp.resolve("agent-state"), "compute-sriov");
        var service = new dev.migrationworkbench.probe.agent.AgentService(new dev.migrationworkbench.probe.agent.HostReader(
                root, "compute-sriov", new dev.migrationworkbench.probe.agent.NovaConfig(null)), null, "compute-sriov");
        try (var agent = dev.migrationworkbench.probe.agent.AgentServer.start(new dev.migrationworkbench.probe.agent.AgentServer.Options(
                new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0), token, 100, 100),
                certificate.sslContext(), service)) {
            Path home = tmp.resolve("probe-home");
            Files.createDirectories(home.resolve("config"));
            Files.writeString(tmp.resolve("probe-token"), token);
            Files.writeString(tmp.resolve("probe-wrong-token"), CANARY_CORE);
            String before = System.getProperty("mw.home");
            System.setProperty("mw.home", home.toString());
            try {
                for (String tokenFile : List.of("probe-wrong-token", "probe-token")) {
                    Files.writeString(home.resolve("config/probe-agents.properties"), "host.compute-sriov=https://127.0.0.1:"
                            + agent.port() + "\ntoken.file=" + tmp.resolve(tokenFile) + "\n");
                    runCommand(new CommandLine(new MainCommand()), new String[] {"probe", "compute-sriov"}, token);
                    runCommand(new CommandLine(new MainCommand()), new String[] {"probe", "compute-sriov", "--trust",
                            certificate.fingerprint()}, token);
                    runCommand(new CommandLine(new MainCommand()), new String[] {"probe", "compute-sriov"}, token);
                }
            } finally {
                if (before == null) {
                    System.clearProperty("mw.home");
                } else {
                    System.setProperty("mw.home", before);
                }
            }
        }
    }

    private void demoCloudOutput() {
        StringWriter out = new StringWriter();
        CommandLine cli = new CommandLine(new MainCommand()).setOut(new PrintWriter(out)).setErr(new PrintWriter(out));
        cli.execute("demo-cloud", "--scenario", "demo", "--duration", "1s");
        java.util.regex.Matcher file = Pattern.compile("token\\.file=(\\S+)").matcher(out.toString());
        assertThat(file.find()).as(out.toString()).isTrue();
        String probeToken;
        try {
            probeToken = Files.readString(Path.of(file.group(1))).trim();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        scanned.add("demo-cloud output");
        assertThat(out.toString()).doesNotContain(CANARY_CORE).doesNotContain(probeToken);
        assertThat(TOKEN.matcher(out.toString()).find()).isFalse();
    }
}
