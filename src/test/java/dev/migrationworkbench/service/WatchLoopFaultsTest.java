package dev.migrationworkbench.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.migrationworkbench.cloud.CloudException;
import dev.migrationworkbench.cloud.CloudProfiles;
import dev.migrationworkbench.config.AppDirs;
import dev.migrationworkbench.democloud.DemoCloud;
import dev.migrationworkbench.democloud.DemoCloudOptions;
import dev.migrationworkbench.democloud.Fault;
import dev.migrationworkbench.diagnosis.convergence.LiveMigrationSettings;
import dev.migrationworkbench.model.HostTopology;
import dev.migrationworkbench.model.Migration;
import dev.migrationworkbench.model.ProgressSample;
import dev.migrationworkbench.monitor.MigrationMonitor;
import dev.migrationworkbench.triage.MigrationVerdict;
import dev.migrationworkbench.triage.Triage;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The watch loop (the Migrations view's watch panes: {@link MigrationMonitor} polling
 * {@link MigrationSampler#read}) against every fault class the demo cloud injects, over real
 * loopback HTTP, while a live migration runs: it never stops or crashes, a failed poll is reported
 * as a failure (the pane's "could not read"), never as a reading; no wrong sample enters the store;
 * and when the fault ends the next poll reads the migration again.
 */
class WatchLoopFaultsTest {

    @TempDir
    static Path tmp;
    static DemoCloud demo;
    static CloudConnection connection;
    static String server;
    static long migrationId;

    @BeforeAll
    static void start() throws Exception {
        demo = DemoCloud.start(DemoCloudOptions.defaults().withScenario("migration-not-converging").withSpeed(5));
        connection = new Connector(new CloudProfiles(Map.of(), List.of()), AppDirs.under(tmp))
                .demo(demo, CloudConnection.Pacer.REAL_TIME, null);
        server = demo.serverId("db-1");
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        List<Migration> live = List.of();
        // past "preparing": every reading from here on is "running" with its progress bytes
        while ((live.isEmpty() || !"running".equals(live.get(0).status())) && System.nanoTime() < deadline) {
            live = connection.sampler().inProgress(server, null).stream().toList();
            Thread.sleep(200);
        }
        assertThat(live).as("the scenario's migration runs").isNotEmpty();
        assertThat(live.get(0).status()).isEqualTo("running");
        migrationId = live.get(0).id();
    }

    @AfterAll
    static void stop() {
        connection.close();
        demo.close();
    }

    /** What one watch saw. */
    private static final class Seen implements MigrationMonitor.Listener {
        final List<Migration> readings = new CopyOnWriteArrayList<>();
        final List<Throwable> failures = new CopyOnWriteArrayList<>();

        @Override
        public void onReading(Migration migration) {
            readings.add(migration);
        }

        @Override
        public void onFailure(Throwable error, int consecutiveFailures, Duration retryIn) {
            failures.add(error);
        }
    }

    private static void waitFor(String what, java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime() < deadline).as("waited a minute for " + what).isTrue();
            Thread.sleep(50);
        }
    }

    @Test
    void everyCloudFaultIsAFailedPollThenTheLoopRecovers() throws Exception {
        Map<String, Consumer<DemoCloud>> faults = new LinkedHashMap<>();
        String migrations = "/compute/v2\\.1/(\\w+/)?servers/" + server + "/migrations.*";
        faults.put("500", d -> d.faults().add(Fault.status(500).onPaths(migrations)));
        faults.put("503", d -> d.faults().add(Fault.status(503).onPaths(migrations)));
        faults.put("429 Retry-After", d -> d.faults().add(Fault.rateLimited(Duration.ofSeconds(1)).onPaths(migrations)));
        faults.put("connection closed", d -> d.faults().add(Fault.dropConnection().onPaths(migrations)));
        faults.put("connection reset (TCP RST)", d -> d.faults().add(Fault.reset().onPaths(migrations)));
        faults.put("malformed body", d -> d.faults().add(Fault.malformedBody().onPaths(migrations)));
        faults.put("truncated body", d -> d.faults().add(Fault.truncatedBody().onPaths(migrations)));
        faults.put("token expiry and Keystone 503", d -> {
            d.faults().add(Fault.status(503).onPaths("/identity/v3/auth/tokens"));
            d.faults().expireTokens();
        });
        faults.put("cloud gone (every call, Keystone too, closed)", d -> d.faults().add(Fault.dropConnection().onPaths(".*")));
        faults.put("latency 1.5 s", d -> d.faults().add(Fault.latency(Duration.ofMillis(1500)).onPaths(migrations)));

        MigrationMonitor monitor = new MigrationMonitor((s, m) -> connection.sampler().read(s, m), Duration.ofMillis(100),
                Duration.ofMillis(400), 2);
        List<String> figures = new ArrayList<>();
        try {
            for (var fault : faults.entrySet()) {
                Seen seen = new Seen();
                MigrationMonitor.Watch watch = monitor.watch(server, migrationId, seen);
                waitFor("a reading before " + fault.getKey(), () -> seen.readings.size() >= 2);
                int samplesBefore = connection.sampler().samples(migrationId).size();

                fault.getValue().accept(demo);
                int readingsAtFault = seen.readings.size();
                if (fault.getKey().startsWith("latency")) {
                    // slow, not failed: readings keep coming, later
                    waitFor("a slow reading", () -> seen.readings.size() >= readingsAtFault + 2);
                } else {
                    waitFor("a failed poll under " + fault.getKey(), () -> seen.failures.size() >= 2);
                }
                long faultEnded = System.nanoTime();
                demo.faults().clear();
                int readingsAtClear = seen.readings.size();
                waitFor("recovery after " + fault.getKey(), () -> seen.readings.size() >= readingsAtClear + 2);
                figures.add(String.format("%s: %d failed polls, recovered %d ms after the fault ended", fault.getKey(),
                        seen.failures.size(), (System.nanoTime() - faultEnded) / 1_000_000));

                // every reading is this migration, running, with its progress bytes: no reading made up from a failure
                assertThat(seen.readings).as(fault.getKey()).allSatisfy(m -> {
                    assertThat(m.id()).isEqualTo(migrationId);
                    assertThat(m.status()).isEqualTo("running");
                    assertThat(m.memoryTotalBytes()).isPositive();
                });
                List<ProgressSample> samples = connection.sampler().samples(migrationId);
                assertThat(samples.subList(Math.min(samplesBefore, samples.size()), samples.size())).as(fault.getKey())
                        .allSatisfy(s -> assertThat(s.memoryTotalBytes()).isPositive());
                assertThat(monitor.isWatching(migrationId)).as("still watching after " + fault.getKey()).isTrue();
                watch.stop();
            }
        } finally {
            demo.faults().clear();
            monitor.close();
        }
        figures.forEach(f -> System.out.println("watch loop: " + f));
    }

    @Test
    void aLiveRefreshThatCannotReadAMigrationSaysSoAndKeepsItsVerdict() throws Exception {
        TriageService triages = new TriageService(connection);
        Triage triage = triages.triage(Duration.ofHours(1), null, SamplingPolicy.none());
        MigrationVerdict before = triage.running().stream().filter(v -> v.migration().id() == migrationId).findFirst()
                .orElseThrow();
        String call = "migration " + migrationId + " (";
        demo.faults().add(Fault.status(500).onPaths("/compute/v2\\.1/(\\w+/)?servers/" + server + "/migrations.*"));
        Triage refreshed;
        try {
            refreshed = triages.refresh(triage);
        } finally {
            demo.faults().clear();
        }
        // before: the failed reading was dropped and the refresh looked complete, so the Overview showed old verdicts as fresh
        assertThat(refreshed.unseen()).as("what the refresh could not read: the migration, the call and its error")
                .anyMatch(u -> u.startsWith(call) && u.contains("/servers/" + server + "/migrations/" + migrationId)
                        && u.contains("500"));
        assertThat(refreshed.inconclusive()).isTrue();
        MigrationVerdict kept = refreshed.migrations().stream().filter(v -> v.migration().id() == migrationId).findFirst()
                .orElseThrow();
        assertThat(kept.verdict()).as("the verdict of the last reading, not one made up from the failure")
                .isEqualTo(before.verdict());

        Triage again = triages.refresh(refreshed);
        assertThat(again.unseen()).as("read again once the fault ended").noneMatch(u -> u.startsWith(call));
    }

    @Test
    void aWatchStartedWhileTheSourceAgentIsDownJudgesOnItsSettingsOnceItIsBack() throws Exception {
        Migration running = connection.sampler().read(server, migrationId);
        String source = running.sourceCompute();
        // a connection of its own: the watch context of the other tests' connection is already collected
        try (CloudConnection fresh = new Connector(new CloudProfiles(Map.of(), List.of()), AppDirs.under(tmp.resolve("fresh")))
                .demo(demo, CloudConnection.Pacer.REAL_TIME, null)) {
            demo.faults().add(Fault.status(503).onPaths("/probe/" + source + "/.*"));
            LiveMigrationSettings during;
            try {
                during = fresh.diagnosis().convergence(fresh.sampler().read(server, migrationId)).orElseThrow()
                        .schedule().settings();
            } finally {
                demo.faults().clear();
            }
            assertThat(during.fromHost()).as("the agent could not be asked: Nova's defaults").isFalse();
            // before: the context collected during the fault was kept for the connection, defaults for ever
            waitFor("the host's nova.conf once the agent answers again", () -> fresh.diagnosis()
                    .convergence(fresh.sampler().read(server, migrationId)).orElseThrow().schedule().settings().fromHost());
        }
    }

    @Test
    void aHostDiffForAnInstanceThatCouldNotBeReadIsRefusedNotShownHarmless() throws Exception {
        Migration running = connection.sampler().read(server, migrationId);
        HostTopology source = connection.hostTopology(running.sourceCompute());
        HostTopology destination = connection.hostTopology(running.destCompute());
        demo.faults().add(Fault.status(500).onPaths("/compute/v2\\.1/(\\w+/)?servers/" + server));
        Throwable refused;
        try {
            refused = org.assertj.core.api.Assertions.catchThrowable(
                    () -> connection.hostComparison().compare(source, destination, server));
        } finally {
            demo.faults().clear();
        }
        // before: a diff judged without the instance's needs, nothing harmful in it, and no word of the failure
        assertThat(refused).as("a diff for an instance that could not be read").isInstanceOf(CloudException.class)
                .hasMessageContaining("could not be read").hasMessageContaining("/servers/" + server).hasMessageContaining("500");
        assertThat(connection.hostComparison().compare(source, destination, server).instanceAtSource())
                .as("judged for the instance once it can be read").isNotNull();
    }

    @Test
    void agentFaultsLeaveTheNovaReadingsAlone() throws Exception {
        Map<String, Fault> faults = new LinkedHashMap<>();
        faults.put("agent unreachable (closed)", Fault.dropConnection().onPaths("/probe/.*"));
        faults.put("agent refuses the token (401)", Fault.status(401).onPaths("/probe/.*"));
        faults.put("agent garbage", Fault.malformedBody().onPaths("/probe/.*"));
        faults.put("agent slow (1.5 s)", Fault.latency(Duration.ofMillis(1500)).onPaths("/probe/.*"));
        MigrationMonitor monitor = new MigrationMonitor((s, m) -> connection.sampler().read(s, m), Duration.ofMillis(100),
                Duration.ofMillis(400), 2);
        try {
            for (var fault : faults.entrySet()) {
                Seen seen = new Seen();
                MigrationMonitor.Watch watch = monitor.watch(server, migrationId, seen);
                demo.faults().add(fault.getValue());
                waitFor("readings under " + fault.getKey(), () -> seen.readings.size() >= 3);
                demo.faults().clear();
                int atClear = seen.readings.size();
                waitFor("readings after " + fault.getKey(), () -> seen.readings.size() >= atClear + 2);
                assertThat(seen.failures).as(fault.getKey()).isEmpty();
                assertThat(seen.readings).allSatisfy(m -> assertThat(m.status()).isEqualTo("running"));
                watch.stop();
            }
        } finally {
            demo.faults().clear();
            monitor.close();
        }
    }
}
