package dev.migrationworkbench.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.migrationworkbench.model.Migration;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class MigrationMonitorTest {

    private static Migration migration(String status) {
        return new Migration(9, "u", "s", status, "live-migration", "a", "a", "b", null, "b",
                100L, 10L, 90L, null, null, null, null, null, Instant.EPOCH, Instant.now());
    }

    @Test
    void backoffDoublesUpToTheCap() {
        try (MigrationMonitor monitor = new MigrationMonitor((s, id) -> migration("running"),
                Duration.ofSeconds(1), Duration.ofSeconds(30), 1)) {
            assertThat(monitor.backoff(0)).isEqualTo(Duration.ofSeconds(1));
            assertThat(monitor.backoff(1)).isEqualTo(Duration.ofSeconds(2));
            assertThat(monitor.backoff(3)).isEqualTo(Duration.ofSeconds(8));
            assertThat(monitor.backoff(10)).isEqualTo(Duration.ofSeconds(30));
        }
    }

    @Test
    void failuresAreReportedAndPollingGoesOnUntilTheMigrationEnds() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        List<String> events = new CopyOnWriteArrayList<>();
        CountDownLatch ended = new CountDownLatch(1);
        MigrationMonitor.Source source = (server, id) -> {
            int n = calls.incrementAndGet();
            if (n == 2) {
                throw new IllegalStateException("503");
            }
            return migration(n < 4 ? "running" : "completed");
        };
        try (MigrationMonitor monitor = new MigrationMonitor(source, Duration.ofMillis(5), Duration.ofMillis(20), 2)) {
            monitor.watch("s", 9, new MigrationMonitor.Listener() {
                @Override
                public void onReading(Migration m) {
                    events.add(m.status());
                    if (!m.inProgress()) {
                        ended.countDown();
                    }
                }

                @Override
                public void onFailure(Throwable error, int failures, Duration retryIn) {
                    events.add("failure " + failures + " " + retryIn.toMillis());
                }
            });
            assertThat(ended.await(5, TimeUnit.SECONDS)).isTrue();
            Thread.sleep(50);
            assertThat(events).containsExactly("running", "failure 1 10", "running", "completed");
            assertThat(calls).hasValue(4);
            assertThat(monitor.isWatching(9)).isFalse();
        }
    }

    @Test
    void stoppedWatchPollsNoMore() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        try (MigrationMonitor monitor = new MigrationMonitor((s, id) -> {
            calls.incrementAndGet();
            return migration("running");
        }, Duration.ofMillis(5), Duration.ofMillis(5), 1)) {
            MigrationMonitor.Watch watch = monitor.watch("s", 9, new MigrationMonitor.Listener() {
                @Override
                public void onReading(Migration m) {
                }

                @Override
                public void onFailure(Throwable error, int failures, Duration retryIn) {
                }
            });
            Thread.sleep(50);
            watch.stop();
            Thread.sleep(20);
            int after = calls.get();
            Thread.sleep(50);
            assertThat(calls.get()).isEqualTo(after);
            assertThat(monitor.isWatching(9)).isFalse();
        }
    }
}
