package dev.migrationworkbench.ui;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A thread that only sleeps 5 ms at a time: when it oversleeps, the whole JVM or machine stalled
 * (GC, CPU), so a frame gap it shares is not the window's own work.
 */
final class StallCanary implements AutoCloseable {

    /** {end, length} in ns of each oversleep longer than the threshold. */
    private final List<long[]> stalls = new CopyOnWriteArrayList<>();
    private final Thread thread;

    StallCanary(long thresholdMillis) {
        long threshold = thresholdMillis * 1_000_000L;
        thread = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                long t = System.nanoTime();
                try {
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    return;
                }
                long over = System.nanoTime() - t - 5_000_000L;
                if (over > threshold) {
                    stalls.add(new long[] {System.nanoTime(), over});
                }
            }
        }, "stall-canary");
        thread.setDaemon(true);
        thread.start();
    }

    List<long[]> stalls() {
        return List.copyOf(stalls);
    }

    /** The longest stall that overlapped [from, to] (ns), 0 when none did. */
    long longestWithin(long from, long to) {
        return stalls.stream().filter(st -> st[0] > from && st[0] - st[1] < to).mapToLong(st -> st[1]).max().orElse(0);
    }

    @Override
    public void close() {
        thread.interrupt();
    }
}
