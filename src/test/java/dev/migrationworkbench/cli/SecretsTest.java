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
            CommandLine cli = new CommandLine(new DiagnoseCommand(new dev.migrationworkbench.service.Connector(new CloudProfiles(
                    Map.of("OS_CLIENT_CONFIG_FILE", clouds.toString()), List.of()), AppDirs.under(tmp))));
            cli.setOut(new PrintWriter(out));
            cli.setErr(new PrintWriter(err));
            exit = cli.execute(args);
        } finally {
            System.setOut(sysOut);
            System.setErr(sysErr);
        }
        String what = String.join(" ", args) + " (exit " + exit + ")";
        assertNoCredential(what + " stdout", out.toString());
        assertNoCredential(what + " stderr", err.toString());
        assertNoCredential(what + " System.out/err", raw.toString(StandardCharsets.UTF_8));
    }
}
