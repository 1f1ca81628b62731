package dev.migrationworkbench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.migrationworkbench.democloud.DemoCloud;
import dev.migrationworkbench.democloud.DemoCloudOptions;
import dev.migrationworkbench.diagnosis.Diagnosis;
import dev.migrationworkbench.cloud.CloudProfiles;
import dev.migrationworkbench.config.AppDirs;
import dev.migrationworkbench.service.CloudConnection;
import dev.migrationworkbench.service.Connector;
import dev.migrationworkbench.service.DiagnosisRun;
import dev.migrationworkbench.service.SamplingPolicy;
import dev.migrationworkbench.diagnosis.Finding;
import dev.migrationworkbench.diagnosis.FindingCode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every built-in scenario, run in the demo cloud and diagnosed over its HTTP API and simulated
 * probe agents: the expected code is reported, and no unrelated high-severity one.
 */
class DiagnoseScenariosTest {

    @TempDir
    Path tmp;

    static Stream<Arguments> scenarios() {
        return Stream.of(
                of("compute-service-down", "web-1", 0, FindingCode.COMPUTE_SERVICE_DOWN),
                of("concurrent-operation", "web-1", 0, FindingCode.CONCURRENT_OPERATION),
                of("dest-host-unavailable", "web-1", 0, FindingCode.DEST_HOST_UNAVAILABLE),
                of("dest-host-unavailable", "web-2", 0, FindingCode.DEST_HOST_UNAVAILABLE),
                of("instance-deleted-during-migration", "id:web-1", 0, FindingCode.INSTANCE_DELETED_DURING_MIGRATION),
                // the scenario's cause: the destination's nova-compute died
                of("instance-in-error-state", "web-1", 0, FindingCode.INSTANCE_IN_ERROR_STATE, FindingCode.COMPUTE_SERVICE_DOWN),
                of("instance-not-found", "old-web-1", 0, FindingCode.INSTANCE_NOT_FOUND),
                of("instance-not-found", "app-db", 0, FindingCode.INSTANCE_NOT_FOUND),
                of("insufficient-resources", "big-1", 0, FindingCode.INSUFFICIENT_RESOURCES),
                of("instance-not-live-migratable", "gpu-1", 0, FindingCode.INSTANCE_NOT_LIVE_MIGRATABLE),
                of("instance-not-live-migratable", "gpu-2", 0, FindingCode.INSTANCE_NOT_LIVE_MIGRATABLE,
                        FindingCode.SCHEDULER_NO_VALID_HOST),
                of("insufficient-resources", "nfv-vm-1", 0, FindingCode.INSUFFICIENT_RESOURCES),
                of("migration-failed-other", "vol-app-1", 0, FindingCode.MIGRATION_FAILED_OTHER),
                of("migration-timed-out", "cache-1", 0, FindingCode.MIGRATION_TIMED_OUT),
                of("migration-aborted", "db-1", 0, FindingCode.MIGRATION_ABORTED),
                of("migration-not-converging", "db-1", 120, FindingCode.MIGRATION_NOT_CONVERGING),
                of("migration-slow-converging", "app-1", 120, FindingCode.MIGRATION_SLOW_CONVERGING),
                of("mixed-releases", "nfv-vm-1", 0, FindingCode.MIXED_RELEASES),
                of("nic-numa-affinity-mismatch", "nfv-router-1", 0, FindingCode.NIC_NUMA_AFFINITY_MISMATCH),
                of("nic-numa-unknown", "nfv-vm-1", 0, FindingCode.NIC_NUMA_UNKNOWN),
                of("numa-node-contended", "nfv-vm-1", 0, FindingCode.NUMA_NODE_CONTENDED),
                of("numa-topology-mismatch", "nfv-vm-1", 0, FindingCode.NUMA_TOPOLOGY_MISMATCH),
                of("scheduler-no-valid-host", "big-1", 0, FindingCode.SCHEDULER_NO_VALID_HOST),
                of("server-group-policy-violation", "db-1", 0, FindingCode.SERVER_GROUP_POLICY_VIOLATION),
                // the rich default world: several of its stories
                of("demo", "analytics-1", 0, FindingCode.MIGRATION_NOT_CONVERGING),
                of("demo", "db-2", 0, FindingCode.SERVER_GROUP_POLICY_VIOLATION),
                of("demo", "app-001", 0, FindingCode.COMPUTE_SERVICE_DOWN),
                of("demo", "web-002", 0, FindingCode.DEST_HOST_UNAVAILABLE),
                of("demo", "nfv-router-1", 0, FindingCode.NIC_NUMA_AFFINITY_MISMATCH));
    }

    private static Arguments of(String scenario, String server, int watch, FindingCode... expected) {
        return Arguments.of(scenario, server, watch, EnumSet.copyOf(Arrays.asList(expected)));
    }

    @ParameterizedTest(name = "{0} / {1}")
    @MethodSource("scenarios")
    void theScenariosCodeIsReportedAndNothingUnrelatedIsHigh(String scenario, String server, int watch,
            Set<FindingCode> expected) throws Exception {
        try (DemoCloud demo = DemoCloud.start(DemoCloudOptions.defaults().withScenario(scenario).withSpeed(0))) {
            String query = server.startsWith("id:") ? demo.serverId(server.substring(3)) : server;
            demo.clock().advance(Duration.ofMinutes(3));
            DiagnosisRun run;
            Connector connector = new Connector(new CloudProfiles(Map.of(), List.of()), AppDirs.under(tmp));
            try (CloudConnection connection = connector.demo(demo, d -> demo.clock().advance(d), null)) {
                run = connection.diagnosis().diagnose(query, null,
                        watch > 0 ? SamplingPolicy.watch(Duration.ofSeconds(watch)) : SamplingPolicy.standard(), s -> { });
            }
            Diagnosis d = run.diagnosis();
            String report = new DiagnosisText(dev.migrationworkbench.i18n.Messages.forLocale(java.util.Locale.ENGLISH))
                    .render(run);
            assertThat(d.codes()).as(report).containsAll(expected);
            assertThat(d.findings().stream().filter(f -> f.severity().isHigh()).map(Finding::code))
                    .as(report).allMatch(expected::contains);
        }
    }
}
