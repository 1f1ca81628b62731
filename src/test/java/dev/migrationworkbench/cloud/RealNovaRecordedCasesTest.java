package dev.migrationworkbench.cloud;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.migrationworkbench.diagnosis.Diagnosis;
import dev.migrationworkbench.diagnosis.DiagnosisEngine;
import dev.migrationworkbench.diagnosis.Finding;
import dev.migrationworkbench.diagnosis.FindingCode;
import dev.migrationworkbench.model.CloudInfo;
import dev.migrationworkbench.model.Evidence;
import dev.migrationworkbench.model.InstanceAction;
import dev.migrationworkbench.model.Migration;
import dev.migrationworkbench.model.Server;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Diagnoses on responses recorded from a real Nova (src/test/resources/real-nova/README.md): the
 * JSON Nova sent, read by {@link NovaJson} as the gateway reads it, then the diagnosis engine.
 */
class RealNovaRecordedCasesTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode read(String dir, String file) throws IOException {
        try (InputStream in = RealNovaRecordedCasesTest.class.getResourceAsStream("/real-nova/" + dir + "/" + file)) {
            assertThat(in).as(dir + "/" + file).isNotNull();
            return JSON.readTree(in);
        }
    }

    /** The evidence the collector builds from these responses (no probe agents: the harness has none). */
    static Evidence evidence(String dir, Instant collectedAt) throws IOException {
        JsonNode serverJson = read(dir, "server.json").path("server");
        Server server = NovaJson.server(serverJson);
        List<Migration> migrations = NovaJson.list(read(dir, "os-migrations.json"), "migrations", NovaJson::migration);
        List<InstanceAction> actions = new ArrayList<>();
        for (JsonNode a : read(dir, "os-instance-actions.json").path("instanceActions")) {
            actions.add(NovaJson.action(read(dir, "os-instance-action-" + a.path("request_id").asText() + ".json")
                    .path("instanceAction")));
        }
        List<dev.migrationworkbench.model.ComputeService> services = NovaJson.list(read(dir, "os-services.json"),
                "services", NovaJson::service);
        CloudInfo cloud = new CloudInfo("real-nova", "http://127.0.0.1:5000/v3", "admin", "RegionOne", "2.1", "2.93",
                true, false);
        Map<String, String> image = RealNovaRecordedCasesTest.class.getResource("/real-nova/" + dir + "/image.json") == null
                ? Map.of() : NovaJson.strings(NovaJson.envelope(read(dir, "image.json"), "image").path("metadata"));
        return new Evidence(server.id(), collectedAt, cloud, server, List.of(), List.of(), migrations, actions,
                services, List.of(), null, NovaJson.embeddedFlavor(serverJson), Map.of(), List.of(), List.of(), List.of(),
                image);
    }

    @Test
    void anAbortByTheAdminOnRealNovaIsMigrationAborted() throws IOException {
        Evidence e = evidence("migration-aborted", Instant.parse("2026-12-01T13:35:00Z"));
        Diagnosis d = new DiagnosisEngine().diagnose(e);
        Finding f = d.findings().stream().filter(x -> x.code() == FindingCode.MIGRATION_ABORTED).findFirst().orElseThrow();
        assertThat(f.explanation().args()).containsExactly("5", "0b4cadfc47124aa1b85c81165751a412",
                "2026-12-01T13:31:36Z", "req-f6f7c330-f84a-4b7c-b6ec-5980d88976c6", "c2216a9eb6144e69a1f76c82fdb2395d");
        assertThat(d.codes()).containsExactly(FindingCode.MIGRATION_ABORTED);
    }

    @Test
    void novasOwnCompletionTimeoutOnRealNovaIsMigrationTimedOut() throws IOException {
        Evidence e = evidence("migration-timed-out", Instant.parse("2026-12-01T14:00:00Z"));
        Diagnosis d = new DiagnosisEngine().diagnose(e);
        Finding f = d.findings().stream().filter(x -> x.code() == FindingCode.MIGRATION_TIMED_OUT).findFirst().orElseThrow();
        // m1.tiny: 512 MiB counts as 2 GiB, Nova's default 800 s per GiB: 1600 s after pre_live_migration
        assertThat(f.title().args()).containsExactly("4", 1600L);
        assertThat(f.confidence()).isEqualTo(dev.migrationworkbench.diagnosis.Confidence.HIGH);
        assertThat(f.explanation().key()).isEqualTo("diagnosis.timedOut.explanation");
        assertThat(d.codes()).containsExactly(FindingCode.MIGRATION_TIMED_OUT);
        // the image (through Nova's image proxy at 2.35) has no hw_* property: no NUMA topology
        assertThat(e.imageProperties()).containsEntry("disk_format", "qcow2");
        assertThat(dev.migrationworkbench.diagnosis.numa.InstanceNeeds.of(e).numaBound()).isFalse();
    }
}
