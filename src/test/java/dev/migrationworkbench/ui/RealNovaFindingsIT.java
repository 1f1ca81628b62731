package dev.migrationworkbench.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.migrationworkbench.config.AppDirs;
import dev.migrationworkbench.realnova.RealNova;
import dev.migrationworkbench.service.Connector;
import dev.migrationworkbench.service.DiagnosisRun;
import dev.migrationworkbench.ui.backend.ConnectTarget;
import dev.migrationworkbench.ui.backend.FindingItem;
import dev.migrationworkbench.ui.findings.FindingsViewModel;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The window's Findings on a real Nova (Zed) with a never-converging live migration, through the
 * production backend: it samples by itself and says what {@code diagnose} says; its PDF too.
 */
@Tag("real-nova")
class RealNovaFindingsIT {

    private static final String SERVER = "findings-it-stuck";
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
    void findingsNameTheStuckMigrationAndThePdfSaysTheSame() throws Exception {
        try (ServicesBackend backend = new ServicesBackend(new Connector(nova.profiles(), AppDirs.under(tmp)),
                List.of(), null)) {
            backend.connect(ConnectTarget.cloud(RealNova.CLOUD));
            FindingsViewModel findings = new FindingsViewModel(backend, new SynchronousUiExecutor());
            findings.diagnose(SERVER);

            assertThat(findings.state().problemProperty().get()).isNull();
            assertThat(findings.findings().stream().map(FindingItem::code)).contains("MIGRATION_NOT_CONVERGING");
            assertThat(findings.outcomeProperty().get()).isEqualTo(DiagnosisRun.Outcome.FINDINGS);

            Path pdf = tmp.resolve("findings.pdf");
            findings.exportReport(pdf, Locale.ENGLISH, written -> { });
            try (var document = Loader.loadPDF(pdf.toFile())) {
                assertThat(new PDFTextStripper().getText(document)).contains("MIGRATION_NOT_CONVERGING");
            }
        }
    }
}
