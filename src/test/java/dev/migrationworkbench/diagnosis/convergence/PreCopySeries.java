package dev.migrationworkbench.diagnosis.convergence;

import dev.migrationworkbench.model.MigrationJobStats;
import dev.migrationworkbench.model.ProgressSample;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Synthetic progress samples from the pre-copy model of MIGRATION-PHYSICS.md: pass 0 sends all RAM,
 * each later pass what was dirtied during the previous one (at most the working set), remaining
 * falls at the bandwidth during a pass and jumps at each boundary; Nova saves the counters every
 * 5 s. Switchover (the series ends) when remaining / bandwidth ≤ the max downtime.
 */
public final class PreCopySeries {

    public static final Instant START = Instant.parse("2026-11-26T10:00:00Z");
    public static final long GIB = 1024L * 1024 * 1024;

    public long memory = 4 * GIB;
    public double bandwidth = 125e6;
    public double dirtyRate = 0;
    public long workingSet = Long.MAX_VALUE;
    double downtimeSeconds = 0.05;
    public double noise = 0;
    boolean jobStats = false;
    double step = 0.05;
    int sampleEvery = 5;

    public List<ProgressSample> run(int seconds) {
        List<ProgressSample> out = new ArrayList<>();
        Random random = new Random(42);
        double remaining = memory;
        double processed = 0;
        double dirtied = 0;
        long iteration = 1;
        for (double t = 0; t <= seconds; t += step) {
            if (Math.round(t / step) % Math.round(sampleEvery / step) == 0) {
                long r = (long) Math.max(0, remaining * (1 + noise * (random.nextDouble() * 2 - 1)));
                MigrationJobStats stats = jobStats ? new MigrationJobStats((long) (t * 1000), memory, (long) processed, r,
                        (long) bandwidth, (long) dirtyRate, iteration, null, null, false) : null;
                out.add(new ProgressSample(START.plusMillis((long) (t * 1000)), "running", memory, (long) processed, r,
                        0L, 0L, 0L, stats));
            }
            double send = Math.min(remaining, bandwidth * step);
            remaining -= send;
            processed += send;
            dirtied = Math.min(workingSet, dirtied + dirtyRate * step);
            if (remaining <= 0) {
                if (dirtied <= bandwidth * downtimeSeconds) {
                    break;
                }
                remaining = dirtied;
                dirtied = 0;
                iteration++;
            }
        }
        return out;
    }
}
