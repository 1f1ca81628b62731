package dev.migrationworkbench.service;

import dev.migrationworkbench.model.ProgressSample;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The progress samples of one connection's migrations, by migration ID, oldest first, each save of
 * Nova kept once: what the watch panes sampled is what a later diagnosis of the same migration reads.
 *
 * <p>Bounded per migration, so watching 200 migrations for hours keeps memory flat: the newest
 * {@link #RECENT} (and at least {@link #RECENT_SAMPLES}) are kept as sampled, which is everything
 * the convergence analysis reads (its 180 s window, the last samples of the sawtooth, the pass
 * minima within the window, ConvergenceAnalyzer); the first sample is kept (the elapsed time when
 * the start is unknown); older ones are thinned to an envelope, the lowest and highest remaining
 * memory per time bucket, the buckets widening as the migration runs on, so the chart still shows
 * the whole run.
 */
final class SampleStore {

    /** Kept as sampled: more than the analysis' 180 s window. */
    static final Duration RECENT = Duration.ofSeconds(300);
    /** Kept as sampled whatever their age (the analysis falls back to its last samples). */
    static final int RECENT_SAMPLES = 60;
    /** At most this many older samples after thinning. */
    static final int MAX_OLDER = 60;
    /** Thinned when a migration has more than this many samples. */
    static final int MAX_PER_MIGRATION = 150;
    private static final Duration FIRST_BUCKET = Duration.ofSeconds(60);

    private final Map<Long, List<ProgressSample>> byMigration = new ConcurrentHashMap<>();

    void add(long migrationId, ProgressSample sample) {
        if (sample == null || sample.at() == null) {
            return;
        }
        List<ProgressSample> list = byMigration.computeIfAbsent(migrationId, id -> new ArrayList<>());
        synchronized (list) {
            // a later reading of the same save of Nova may carry the agent's job statistics: it wins
            list.removeIf(s -> sample.at().equals(s.at()));
            list.add(sample);
            list.sort(Comparator.comparing(ProgressSample::at));
            if (list.size() > MAX_PER_MIGRATION) {
                List<ProgressSample> thinned = thin(list);
                list.clear();
                list.addAll(thinned);
            }
        }
    }

    List<ProgressSample> get(long migrationId) {
        List<ProgressSample> list = byMigration.get(migrationId);
        if (list == null) {
            return List.of();
        }
        synchronized (list) {
            return List.copyOf(list);
        }
    }

    /** The first sample, the older ones as an envelope of at most {@link #MAX_OLDER}, the recent ones as they are. */
    static List<ProgressSample> thin(List<ProgressSample> sorted) {
        int n = sorted.size();
        Instant cutoff = sorted.get(n - 1).at().minus(RECENT);
        int recentFrom = n - RECENT_SAMPLES;
        while (recentFrom > 1 && sorted.get(recentFrom - 1).at().isAfter(cutoff)) {
            recentFrom--;
        }
        if (recentFrom <= 1) {
            return sorted;
        }
        ProgressSample first = sorted.get(0);
        List<ProgressSample> older = sorted.subList(1, recentFrom);
        List<ProgressSample> envelope = older;
        for (Duration bucket = FIRST_BUCKET; envelope.size() > MAX_OLDER; bucket = bucket.multipliedBy(2)) {
            envelope = envelope(older, first.at(), bucket);
        }
        List<ProgressSample> out = new ArrayList<>(1 + envelope.size() + n - recentFrom);
        out.add(first);
        out.addAll(envelope);
        out.addAll(sorted.subList(recentFrom, n));
        return out;
    }

    /** Per bucket of this width (counted from {@code origin}): its lowest and highest remaining memory, in time order. */
    private static List<ProgressSample> envelope(List<ProgressSample> samples, Instant origin, Duration bucket) {
        Map<Long, ProgressSample[]> buckets = new LinkedHashMap<>();
        for (ProgressSample s : samples) {
            long key = Duration.between(origin, s.at()).toMillis() / bucket.toMillis();
            ProgressSample[] lowHigh = buckets.computeIfAbsent(key, k -> new ProgressSample[] {s, s});
            if (remaining(s) < remaining(lowHigh[0])) {
                lowHigh[0] = s;
            }
            if (remaining(s) > remaining(lowHigh[1])) {
                lowHigh[1] = s;
            }
        }
        List<ProgressSample> out = new ArrayList<>();
        for (ProgressSample[] lowHigh : buckets.values()) {
            ProgressSample a = lowHigh[0].at().isAfter(lowHigh[1].at()) ? lowHigh[1] : lowHigh[0];
            ProgressSample b = a == lowHigh[0] ? lowHigh[1] : lowHigh[0];
            out.add(a);
            if (b != a) {
                out.add(b);
            }
        }
        return out;
    }

    private static long remaining(ProgressSample s) {
        return s.memoryRemainingBytes() == null ? -1 : s.memoryRemainingBytes();
    }
}
