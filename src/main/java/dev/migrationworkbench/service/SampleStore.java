package dev.migrationworkbench.service;

import dev.migrationworkbench.model.ProgressSample;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The progress samples of one connection's migrations, by migration ID, oldest first, each save of
 * Nova kept once: what the watch panes sampled is what a later diagnosis of the same migration reads.
 */
final class SampleStore {

    /** A migration sampled for hours keeps its newest samples (Nova saves every 5 s: 2 h). */
    static final int MAX_PER_MIGRATION = 1440;

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
                list.subList(0, list.size() - MAX_PER_MIGRATION).clear();
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
}
