package dev.migrationworkbench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.migrationworkbench.config.AppDirs;
import dev.migrationworkbench.realnova.RealNova;
import dev.migrationworkbench.service.Connector;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code diagnose} as a user types it, with no flags, against a real Nova (Zed) whose guest
 * dirties memory faster than the link copies it: the stuck migration of the guide's §15.8.2.
 */
@Tag("real-nova")
class RealNovaDiagnoseIT {

    private static final String SERVER = "diag-it-stuck";
    private static RealNova nova;

    @TempDir
    static Path tmp;

    @BeforeAll
    static void stuckMigration() {
        nova = RealNova.fromSystemProperty();
        nova.bootAndLiveMigrate(SERVER, "dirty_rate_mbps=2000");
    }

    @AfterAll
    static void cleanUp() {
        if (nova != null) {
            nova.delete(SERVER);
        }
    }

    @Test
    void withoutFlagsANeverConvergingMigrationIsNamedWithin45SecondsInTextJsonAndPdf() throws Exception {
        Path pdf = tmp.resolve("stuck.pdf");
        long start = System.nanoTime();
        Run json = diagnose("--os-cloud", RealNova.CLOUD, "--server", SERVER, "--format", "json", "--lang", "en",
                "--pdf", pdf.toString());
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertThat(json.exit()).as(json.err()).isEqualTo(1);
        JsonNode root = new ObjectMapper().readTree(json.out());
        List<String> codes = new ArrayList<>();
        root.path("findings").forEach(f -> codes.add(f.path("code").asText()));
        assertThat(codes).as(json.out()).contains("MIGRATION_NOT_CONVERGING");
        assertThat(root.path("convergence").path("verdict").asText()).isEqualTo("NOT_CONVERGING");
        assertThat(took).as("diagnose took %s", took).isLessThanOrEqualTo(Duration.ofSeconds(45));
        try (var document = Loader.loadPDF(pdf.toFile())) {
            assertThat(new PDFTextStripper().getText(document)).contains("MIGRATION_NOT_CONVERGING");
        }
    }

    private record Run(int exit, String out, String err) {
    }

    private static Run diagnose(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        Connector connector = new Connector(nova.profiles(), AppDirs.under(tmp));
        int exit = new CommandLine(new DiagnoseCommand(connector)).setOut(new PrintWriter(out))
                .setErr(new PrintWriter(err)).execute(args);
        return new Run(exit, out.toString(), err.toString());
    }
}
