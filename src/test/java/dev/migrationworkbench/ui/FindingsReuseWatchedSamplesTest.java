package dev.migrationworkbench.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.migrationworkbench.model.Migration;
import dev.migrationworkbench.model.ProgressSample;
import dev.migrationworkbench.ui.backend.ConnectTarget;
import dev.migrationworkbench.ui.backend.FindingItem;
import dev.migrationworkbench.ui.findings.FindingsViewModel;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The window's diagnosis reads what the watch panes sampled on the same connection: the stuck
 * analytics-1 of the demo cloud, watched for a while, is judged from those samples.
 */
class FindingsReuseWatchedSamplesTest {

    @TempDir
    Path home;

    @Test
    void theDiagnosisOfAWatchedMigrationIncludesTheWatchedSamples() throws Exception {
        try (ServicesBackend backend = DemoCloudTestSupport.backend(home.resolve("config"))) {
            backend.connect(ConnectTarget.demo("demo"));
            Migration stuck = backend.migrations().stream()
                    .filter(m -> m.inProgress() && "compute-4".equals(m.sourceCompute())).findFirst().orElseThrow();
            List<Instant> watched = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                // what the Migrations view's monitor does on every poll; a reading with progress is a sample
                Migration reading = backend.migration(stuck.serverId(), stuck.id());
                if (reading.hasProgress() && reading.updatedAt() != null && !watched.contains(reading.updatedAt())) {
                    watched.add(reading.updatedAt());
                }
                Thread.sleep(300);
            }
            FindingsViewModel findings = new FindingsViewModel(backend, new SynchronousUiExecutor());
            findings.diagnose(stuck.serverId());

            assertThat(findings.state().problemProperty().get()).isNull();
            assertThat(findings.findings().stream().map(FindingItem::code)).contains("MIGRATION_NOT_CONVERGING");
            assertThat(findings.evidenceProperty().get().samples().stream().map(ProgressSample::at))
                    .containsAll(watched);
        }
    }
}
