package dev.migrationworkbench.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.migrationworkbench.diagnosis.convergence.ConvergenceAnalysis;
import dev.migrationworkbench.diagnosis.convergence.ConvergenceAnalyzer;
import dev.migrationworkbench.diagnosis.convergence.LiveMigrationSettings;
import dev.migrationworkbench.diagnosis.convergence.PreCopySeries;
import dev.migrationworkbench.model.ProgressSample;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The sample store stays bounded over hours, and the convergence analysis reads the same from it as from every sample. */
class SampleStoreTest {

    private static final ConvergenceAnalyzer ANALYZER = new ConvergenceAnalyzer();

    @ParameterizedTest(name = "{0}: dirty {2} of bandwidth {1}")
    @CsvSource({
        "never converges, 125e6, 200e6, 0",
        "barely converges, 125e6, 118e6, 0",
        "converges slowly with noise, 125e6, 100e6, 0.02",
        "working set bounded, 125e6, 400e6, 0"})
    void twoHoursStayBoundedAndJudgedAsFromEverySample(String name, double bandwidth, double dirtyRate, double noise) {
        PreCopySeries series = new PreCopySeries();
        series.memory = 64 * PreCopySeries.GIB;
        series.bandwidth = bandwidth;
        series.dirtyRate = dirtyRate;
        series.noise = noise;
        if (name.startsWith("working set")) {
            series.workingSet = 2 * PreCopySeries.GIB;
        }
        List<ProgressSample> all = series.run(7200);
        SampleStore store = new SampleStore();
        for (int i = 0; i < all.size(); i++) {
            store.add(7, all.get(i));
            List<ProgressSample> kept = store.get(7);
            assertTrue(kept.size() <= SampleStore.MAX_PER_MIGRATION, kept.size() + " samples kept after " + (i + 1));
            if (i % 17 == 0 || i == all.size() - 1) {
                List<ProgressSample> sampled = all.subList(0, i + 1);
                assertEquals(sampled.get(0), kept.get(0), "the first sample stays");
                ProgressSample newest = sampled.get(i);
                assertTrue(kept.containsAll(sampled.stream()
                        .filter(s -> !s.at().isBefore(newest.at().minus(SampleStore.RECENT))).toList()), "the recent ones stay");
                assertEquals(withoutCount(analyze(sampled)), withoutCount(analyze(kept)), "analysis after " + (i + 1) + " samples");
            }
        }
        assertTrue(all.size() > 1000, "two hours: " + all.size());
        List<ProgressSample> kept = store.get(7);
        long lowest = all.stream().mapToLong(ProgressSample::memoryRemainingBytes).min().orElseThrow();
        assertEquals(lowest, kept.stream().mapToLong(ProgressSample::memoryRemainingBytes).min().orElseThrow(),
                "the envelope keeps the lowest remaining of the run");
    }

    @ParameterizedTest
    @CsvSource({"0", "1", "59", "60", "150", "151"})
    void aFewSamplesAreKeptAsTheyAre(int count) {
        SampleStore store = new SampleStore();
        PreCopySeries series = new PreCopySeries();
        series.memory = 64 * PreCopySeries.GIB;
        series.dirtyRate = 200e6;
        List<ProgressSample> all = series.run(5 * count).subList(0, count);
        all.forEach(s -> store.add(1, s));
        if (count <= SampleStore.MAX_PER_MIGRATION) {
            assertEquals(all, store.get(1));
        } else {
            assertTrue(store.get(1).size() < count);
        }
        assertEquals(List.of(), store.get(2));
    }

    private static ConvergenceAnalysis analyze(List<ProgressSample> samples) {
        return ANALYZER.analyze(samples, new ConvergenceAnalyzer.MigrationFacts("running", PreCopySeries.START,
                64 * PreCopySeries.GIB, 0, LiveMigrationSettings.defaults(), samples.get(samples.size() - 1).at()
                        .plus(Duration.ofSeconds(1))));
    }

    private static ConvergenceAnalysis withoutCount(ConvergenceAnalysis a) {
        return new ConvergenceAnalysis(a.verdict(), a.confidence(), a.now(), 0, a.fromJobStats(), a.bandwidthBytesPerSecond(),
                a.dirtyRateBytesPerSecond(), a.dirtyRateIsLowerBound(), a.remainingBytes(), a.memoryTotalBytes(), a.passBoundaries(),
                a.passMinima(), a.minimaChangePerMinute(), a.elapsedSeconds(), a.schedule(), a.currentDowntimeMs(), a.nextStep(),
                a.nextStepAt(), a.timeoutAt(), a.etaSeconds(), a.etaAt(), a.switchoverDowntimeMs(), a.forceComplete(),
                a.recommendation(), a.reasons());
    }
}
