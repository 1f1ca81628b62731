package dev.migrationworkbench.monitor;

import dev.migrationworkbench.model.Migration;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Polls running live migrations. Each watch re-schedules itself after every poll (at the interval,
 * or with exponential backoff after failures) until the migration leaves its in-progress states or
 * the watch is stopped; at most {@code maxConcurrent} polls run at once. Listeners are called on
 * the monitor's threads.
 */
public final class MigrationMonitor implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(MigrationMonitor.class);

    /** Reads a migration's current state (progress bytes while it runs, the final record after). */
    @FunctionalInterface
    public interface Source {
        Migration read(String serverId, long migrationId) throws Exception;
    }

    public interface Listener {
        /** A fresh reading; {@code migration.inProgress()} false means the watch has ended. */
        void onReading(Migration migration);

        /** A poll failed; polling goes on after {@code retryIn}. */
        void onFailure(Throwable error, int consecutiveFailures, Duration retryIn);
    }

    private final Source source;
    private final Duration interval;
    private final Duration maxBackoff;
    private final ScheduledExecutorService scheduler;
    private final Map<Long, Watch> watches = new ConcurrentHashMap<>();

    public MigrationMonitor(Source source, Duration interval, Duration maxBackoff, int maxConcurrent) {
        this.source = source;
        this.interval = interval;
        this.maxBackoff = maxBackoff;
        AtomicInteger counter = new AtomicInteger();
        ScheduledThreadPoolExecutor pool = new ScheduledThreadPoolExecutor(maxConcurrent, runnable -> {
            Thread thread = new Thread(runnable, "mw-monitor-" + counter.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        pool.setRemoveOnCancelPolicy(true);
        this.scheduler = pool;
    }

    /** Starts polling a migration now; watching one that is already watched returns the running watch. */
    public Watch watch(String serverId, long migrationId, Listener listener) {
        return watches.computeIfAbsent(migrationId, id -> {
            Watch watch = new Watch(serverId, migrationId, listener);
            watch.schedule(Duration.ZERO);
            return watch;
        });
    }

    public boolean isWatching(long migrationId) {
        return watches.containsKey(migrationId);
    }

    /** Next delay after {@code failures} consecutive failures: the interval doubled each time, capped. */
    Duration backoff(int failures) {
        if (failures <= 0) {
            return interval;
        }
        long millis = interval.toMillis() << Math.min(failures, 20);
        return Duration.ofMillis(Math.min(millis, maxBackoff.toMillis()));
    }

    @Override
    public void close() {
        watches.values().forEach(Watch::stop);
        scheduler.shutdownNow();
    }

    public final class Watch {
        private final String serverId;
        private final long migrationId;
        private final Listener listener;
        private volatile boolean stopped;
        private volatile ScheduledFuture<?> next;
        private int failures;

        private Watch(String serverId, long migrationId, Listener listener) {
            this.serverId = serverId;
            this.migrationId = migrationId;
            this.listener = listener;
        }

        private void schedule(Duration delay) {
            if (!stopped && !scheduler.isShutdown()) {
                next = scheduler.schedule(this::poll, delay.toMillis(), TimeUnit.MILLISECONDS);
            }
        }

        private void poll() {
            if (stopped) {
                return;
            }
            Migration migration;
            try {
                migration = source.read(serverId, migrationId);
            } catch (Exception e) {
                failures++;
                Duration retry = backoff(failures);
                LOG.debug("Polling migration {} failed ({} in a row), retry in {}", migrationId, failures, retry, e);
                listener.onFailure(e, failures, retry);
                schedule(retry);
                return;
            }
            failures = 0;
            listener.onReading(migration);
            if (migration.inProgress()) {
                schedule(interval);
            } else {
                stop();
            }
        }

        public long migrationId() {
            return migrationId;
        }

        public void stop() {
            stopped = true;
            watches.remove(migrationId, this);
            ScheduledFuture<?> pending = next;
            if (pending != null) {
                pending.cancel(false);
            }
        }
    }
}
