package dev.migrationworkbench.offline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.migrationworkbench.diagnosis.DiagnosisEngine;
import dev.migrationworkbench.model.ApiCall;
import dev.migrationworkbench.model.Evidence;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Evidence bundles: the same evidence and diagnosis back, no secrets in the file, clear errors. */
class EvidenceBundleTest {

    @Test
    void aBundleGivesBackTheSameEvidenceAndTheSameDiagnosisWithoutSecrets(@TempDir Path tmp) throws Exception {
        OfflineCase c = new OfflineEvidenceReader().read(List.of(Path.of("src/test/resources/offline/case/sosreport-compute-a"),
                Path.of("src/test/resources/offline/case/sosreport-compute-b")), null);
        Evidence read = c.evidence("offline-conv-1", null).orElseThrow();
        List<ApiCall> calls = new ArrayList<>(read.calls());
        calls.add(new ApiCall("servers.show", "GET", "https://nova/v2.1/servers/x", "2.93", 200, 12,
                "{\"server\": {\"adminPass\": \"hunter2\", \"name\": \"x\"}, \"auth\": {\"token\": \"gAAAA-secret\"}}", null, null));
        Evidence evidence = new Evidence(read.serverQuery(), read.collectedAt(), read.cloud(), read.server(),
                read.nameMatches(), read.liveMigrations(), read.migrations(), read.actions(), read.services(),
                read.hypervisors(), read.serverGroup(), read.flavor(), read.hostTopologies(), read.samples(),
                read.otherServersOnHosts(), calls);
        Path file = tmp.resolve("case.evidence.json");

        EvidenceBundle.write(evidence, "2", "test", file);
        String text = Files.readString(file);
        assertThat(text).contains("\"format\" : \"migration-workbench-evidence\"").contains("\"version\" : 1")
                .doesNotContain("hunter2").doesNotContain("gAAAA-secret").doesNotContain("Sup3rSecret");
        EvidenceBundle.Contents back = EvidenceBundle.read(file);
        assertThat(back.migrationId()).isEqualTo("2");
        assertThat(back.evidence().hostTopologies()).isEqualTo(evidence.hostTopologies());
        assertThat(back.evidence().samples()).isEqualTo(evidence.samples());
        assertThat(back.evidence().actions()).isEqualTo(evidence.actions());
        assertThat(new DiagnosisEngine().diagnose(back.evidence(), "2"))
                .isEqualTo(new DiagnosisEngine().diagnose(EvidenceBundleTest.scrubbed(evidence), "2"));
    }

    /** A bundle saved to a symbolic link writes the file it points to; the link stays (it was replaced by a file). */
    @Test
    void aBundleSavedToASymbolicLinkKeepsTheLink(@TempDir Path tmp) throws Exception {
        OfflineCase c = new OfflineEvidenceReader().read(List.of(Path.of("src/test/resources/offline/case/sosreport-compute-a"),
                Path.of("src/test/resources/offline/case/sosreport-compute-b")), null);
        Evidence evidence = c.evidence("offline-conv-1", null).orElseThrow();
        Path real = Files.writeString(Files.createDirectories(tmp.resolve("cases")).resolve("case-123.json"), "old");
        Path link = Files.createSymbolicLink(tmp.resolve("latest.json"), real);
        EvidenceBundle.write(evidence, "2", "test", link);
        assertThat(Files.isSymbolicLink(link)).isTrue();
        assertThat(EvidenceBundle.read(real).evidence().samples()).isEqualTo(evidence.samples());
        Path dangling = Files.createSymbolicLink(tmp.resolve("dangling.json"), tmp.resolve("nowhere/x.json"));
        assertThatThrownBy(() -> EvidenceBundle.write(evidence, "2", "test", dangling))
                .hasMessageContaining("does not exist");
        assertThat(Files.isSymbolicLink(dangling)).isTrue();
    }

    @Test
    void otherFilesAndNewerVersionsAreRefusedClearly(@TempDir Path tmp) throws Exception {
        Path json = Files.writeString(tmp.resolve("other.json"), "{\"format\": \"something-else\"}");
        assertThatThrownBy(() -> EvidenceBundle.read(json)).hasMessageContaining("not a Migration Workbench evidence bundle");
        Path newer = Files.writeString(tmp.resolve("newer.json"),
                "{\"format\": \"migration-workbench-evidence\", \"version\": 9, \"evidence\": {}}");
        assertThatThrownBy(() -> EvidenceBundle.read(newer)).hasMessageContaining("version 9")
                .hasMessageContaining("newer Migration Workbench");
        Path broken = Files.writeString(tmp.resolve("broken.json"), "{\"format\": \"migration-workbench-evidence\",\n \"version\": 1,");
        assertThatThrownBy(() -> EvidenceBundle.read(broken)).hasMessageContaining("invalid JSON at line");
    }

    static Evidence scrubbed(Evidence e) {
        List<ApiCall> calls = e.calls().stream().map(c -> new ApiCall(c.name(), c.method(), c.url(), c.microversion(),
                c.httpStatus(), c.durationMillis(), EvidenceBundle.scrub(c.responseBody()), c.errorKind(),
                EvidenceBundle.scrub(c.errorMessage()))).toList();
        return new Evidence(e.serverQuery(), e.collectedAt(), e.cloud(), e.server(), e.nameMatches(), e.liveMigrations(),
                e.migrations(), e.actions(), e.services(), e.hypervisors(), e.serverGroup(), e.flavor(), e.hostTopologies(),
                e.samples(), e.otherServersOnHosts(), calls);
    }
}
