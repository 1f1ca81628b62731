package dev.migrationworkbench.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.migrationworkbench.cloud.CloudProfiles;
import dev.migrationworkbench.config.AppDirs;
import dev.migrationworkbench.diagnosis.FindingCode;
import dev.migrationworkbench.model.Evidence;
import dev.migrationworkbench.triage.HostDrain;
import dev.migrationworkbench.triage.MigrationVerdict;
import dev.migrationworkbench.triage.Triage;
import dev.migrationworkbench.triage.Verdict;
import dev.migrationworkbench.triage.Verdicts;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The triage of the {@code demo} scenario over HTTP, and each verdict against a diagnosis of that migration alone. */
class TriageServiceTest {

    private static final Duration SETTLE = Duration.ofMinutes(3);

    @TempDir
    static Path home;

    private static Connector connector;
    private static Triage triage;

    @BeforeAll
    static void triageTheDemo() throws Exception {
        connector = new Connector(new CloudProfiles(Map.of(), List.of()), AppDirs.under(home));
        try (CloudConnection c = connector.demoOnVirtualClock("demo", SETTLE)) {
            triage = new TriageService(c).triage(Duration.ofHours(24), null, SamplingPolicy.standard());
        }
    }

    @Test
    void everyLiveMigrationOfTheDemoIsThereAttentionFirst() {
        assertEquals(8, triage.migrations().size(), triage.migrations().toString());
        List<Verdict> order = triage.migrations().stream().map(MigrationVerdict::verdict).toList();
        assertEquals(order.stream().sorted().toList(), order, "grouped and sorted by attention");
        assertEquals(Verdict.NOT_CONVERGING, order.get(0));
        assertEquals(4, triage.count(Verdict.FAILED));
        assertEquals(2, triage.count(Verdict.COMPLETED));
        assertEquals(Map.of(FindingCode.INSTANCE_DELETED_DURING_MIGRATION, 1, FindingCode.COMPUTE_SERVICE_DOWN, 1,
                FindingCode.DEST_HOST_UNAVAILABLE, 1, FindingCode.SERVER_GROUP_POLICY_VIOLATION, 1), triage.causeCounts());
    }

    @Test
    void drainsCountPerSourceHost() {
        HostDrain compute1 = triage.drain("compute-1").orElseThrow();
        assertEquals(3, compute1.failed());
        assertEquals(0, compute1.running());
        HostDrain compute4 = triage.drain("compute-4").orElseThrow();
        assertTrue(compute4.stuck(), "analytics-1 does not converge: " + compute4);
        assertEquals(compute4.instancesOnHost() - 1, compute4.left());
        assertEquals("compute-4", triage.drains().get(0).host(), "the stuck drain first");
    }

    @Test
    void eachVerdictIsTheOneTheMigrationGetsAlone() throws Exception {
        for (MigrationVerdict v : triage.migrations()) {
            try (CloudConnection c = connector.demoOnVirtualClock("demo", SETTLE)) {
                DiagnosisRun alone = c.diagnosis().diagnose(v.serverId(), String.valueOf(v.migration().id()),
                        SamplingPolicy.standard(), s -> { });
                MigrationVerdict judged = Verdicts.judge(alone.evidence(), alone.diagnosis());
                assertEquals(v.verdict(), judged.verdict(), "verdict of migration " + v.migration().id());
                assertEquals(v.codes(), judged.codes(), "codes of migration " + v.migration().id());
                assertEquals(v.cause(), judged.cause(), "cause of migration " + v.migration().id());
                // what the rules read is what a diagnosis alone reads, so a rule the demo does not trigger agrees too
                assertEquals(seen(alone.evidence()), seen(v.evidence()), "evidence of migration " + v.migration().id());
            }
        }
    }

    /**
     * Everything of an evidence the diagnosis reads, and the calls that fetched it (by name and
     * status), without the times and ports that differ between two demo clouds started apart.
     */
    private static String seen(Evidence e) {
        return List.of(e.cloud(), String.valueOf(e.server()), e.liveMigrations(), e.migrations(), e.actions(), e.services(),
                e.hypervisors(), String.valueOf(e.serverGroup()), String.valueOf(e.flavor()), e.hostTopologies(), e.samples(),
                e.otherServersOnHosts(), String.valueOf(e.imageProperties()),
                e.calls().stream().map(c -> c.name() + " " + c.httpStatus() + " " + c.errorKind()).sorted().toList())
                .toString().replaceAll("\\d{4}-\\d\\d-\\d\\dT[\\d:.]+Z", "<time>").replaceAll("127\\.0\\.0\\.1:\\d+", "<demo>");
    }

    @Test
    void aHostFilterKeepsOnlyThatSourceHost() throws Exception {
        try (CloudConnection c = connector.demoOnVirtualClock("demo", SETTLE)) {
            Triage one = new TriageService(c).triage(Duration.ofHours(24), "compute-1", SamplingPolicy.none());
            assertEquals(3, one.migrations().size());
            assertTrue(one.migrations().stream().allMatch(v -> "compute-1".equals(v.migration().sourceCompute())));
            assertFalse(one.drains().isEmpty());
        }
    }

    @Test
    void aRefreshReadsEachRunningMigrationOnceAndKeepsTheEndedOnes() throws Exception {
        try (CloudConnection c = connector.demoOnVirtualClock("demo", SETTLE)) {
            TriageService service = new TriageService(c);
            Triage first = service.triage(Duration.ofHours(24), null, SamplingPolicy.none());
            c.pacer().await(Duration.ofSeconds(5));
            Triage next = service.refresh(first);
            Triage later = next;
            for (int i = 0; i < 3; i++) {
                c.pacer().await(Duration.ofSeconds(5));
                later = service.refresh(later);
            }
            for (MigrationVerdict v : later.running()) {
                // judged on the connection's samples, each once (not those of every refresh before again)
                assertEquals(c.sampler().samples(v.migration().id()), v.evidence().samples(), "samples of " + v.migration().id());
            }
            assertEquals(first.migrations().size(), next.migrations().size());
            for (MigrationVerdict v : first.running()) {
                MigrationVerdict now = next.migrations().stream().filter(n -> n.migration().id() == v.migration().id())
                        .findFirst().orElseThrow();
                assertTrue(now.diagnosis().convergence() == null || now.evidence().samples().size() > v.evidence().samples().size()
                        || !now.verdict().inProgress(), "a new sample of " + v.migration().id());
            }
        }
    }
}
