package dev.migrationworkbench.diagnosis.convergence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.migrationworkbench.diagnosis.Confidence;
import dev.migrationworkbench.diagnosis.convergence.ConvergenceAnalysis.ForceCompleteEstimate;
import dev.migrationworkbench.diagnosis.convergence.ConvergenceAnalysis.Recommendation;
import dev.migrationworkbench.diagnosis.convergence.ConvergenceAnalysis.Verdict;
import dev.migrationworkbench.model.ProgressSample;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConvergenceAnalyzerTest {

    private final ConvergenceAnalyzer analyzer = new ConvergenceAnalyzer();

    private ConvergenceAnalysis analyze(List<ProgressSample> samples, long ram, LiveMigrationSettings settings) {
        var last = samples.get(samples.size() - 1);
        return analyzer.analyze(samples, new ConvergenceAnalyzer.MigrationFacts("running", PreCopySeries.START, ram, 0,
                settings, last.at()));
    }

    @Test
    void aQuietGuestConvergesSoon() {
        PreCopySeries world = new PreCopySeries();
        world.memory = 8 * PreCopySeries.GIB;
        world.dirtyRate = 40e6;
        List<ProgressSample> samples = world.run(600);
        ConvergenceAnalysis a = analyze(samples, world.memory, LiveMigrationSettings.defaults());
        assertThat(a.verdict()).isEqualTo(Verdict.CONVERGING);
        assertThat(a.bandwidthBytesPerSecond()).isCloseTo(125e6, within(5e6));
        assertThat(a.etaSeconds()).isLessThan(600);
        assertThat(a.recommendation().action()).isEqualTo(Recommendation.Action.WAIT);
    }

    @Test
    void aBusyGuestThatCanOnlyFinishAtALaterDowntimeStepIsSlow() {
        PreCopySeries world = new PreCopySeries();
        world.dirtyRate = 200e6;
        world.workingSet = 35_000_000;
        world.downtimeSeconds = 0.05;
        List<ProgressSample> samples = world.run(150);
        ConvergenceAnalysis a = analyze(samples, world.memory, LiveMigrationSettings.defaults());
        assertThat(a.verdict()).isEqualTo(Verdict.SLOW);
        // 35 MB at 125 MB/s needs 280 ms: step 6 of the defaults, at 6 × 75 s × 4 GiB = 1800 s
        assertThat(a.switchoverDowntimeMs()).isEqualTo(320);
        assertThat(a.etaSeconds()).isCloseTo(1800 - 150, within(5.0));
        assertThat(a.timeoutAt()).isEqualTo(PreCopySeries.START.plusSeconds(3200));
        assertThat(a.nextStep().downtimeMs()).isEqualTo(95);
    }

    @Test
    void aGuestDirtyingFasterThanTheLinkNeverConverges() {
        PreCopySeries world = new PreCopySeries();
        world.dirtyRate = 150e6;
        world.workingSet = 2 * PreCopySeries.GIB;
        List<ProgressSample> samples = world.run(300);
        ConvergenceAnalysis a = analyze(samples, world.memory, LiveMigrationSettings.defaults());
        assertThat(a.verdict()).isEqualTo(Verdict.NOT_CONVERGING);
        // each pass re-sends the whole 2 GiB working set: the counters only show D >= B
        assertThat(a.dirtyRateIsLowerBound()).isTrue();
        assertThat(a.dirtyRatio()).isNull();
        assertThat(a.dirtyRateBytesPerSecond()).isGreaterThan(0.95 * a.bandwidthBytesPerSecond());
        assertThat(a.etaSeconds()).isNull();
        assertThat(a.passBoundaries()).isGreaterThanOrEqualTo(3);
        assertThat(a.forceComplete().path()).isEqualTo(ForceCompleteEstimate.Path.PAUSE);
        assertThat(a.forceComplete().pathFromHostConfig()).isFalse();
        assertThat(a.forceComplete().pauseSeconds()).isGreaterThan(ConvergenceAnalyzer.ACCEPTABLE_PAUSE_SECONDS);
        assertThat(a.recommendation().action()).isEqualTo(Recommendation.Action.ABORT);
    }

    @Test
    void sawtoothNoiseDoesNotHideAStuckMigration() {
        PreCopySeries world = new PreCopySeries();
        world.dirtyRate = 130e6;
        world.workingSet = 3 * PreCopySeries.GIB;
        world.noise = 0.08;
        List<ProgressSample> samples = world.run(400);
        ConvergenceAnalysis a = analyze(samples, world.memory, LiveMigrationSettings.defaults());
        assertThat(a.verdict()).isEqualTo(Verdict.NOT_CONVERGING);
        assertThat(a.dirtyRateBytesPerSecond()).isCloseTo(130e6, within(20e6));
        assertThat(a.minimaChangePerMinute()).isGreaterThan(-0.05);
        assertThat(a.confidence()).isEqualTo(Confidence.HIGH);
    }

    @Test
    void theFirstPassSaysNothingAboutTheDirtyRate() {
        PreCopySeries world = new PreCopySeries();
        world.memory = 8 * PreCopySeries.GIB;
        world.dirtyRate = 150e6;
        ConvergenceAnalysis a = analyze(world.run(40), world.memory, LiveMigrationSettings.defaults());
        assertThat(a.verdict()).isEqualTo(Verdict.INSUFFICIENT_DATA);
        assertThat(a.reasons().get(0).key()).isEqualTo("diagnosis.convergence.reason.firstPass");
    }

    @Test
    void tooFewSamplesAreSaidSo() {
        PreCopySeries world = new PreCopySeries();
        world.dirtyRate = 150e6;
        world.workingSet = 2 * PreCopySeries.GIB;
        List<ProgressSample> samples = world.run(300);
        ConvergenceAnalysis a = analyze(samples.subList(samples.size() - 2, samples.size()), world.memory,
                LiveMigrationSettings.defaults());
        assertThat(a.verdict()).isEqualTo(Verdict.INSUFFICIENT_DATA);
        assertThat(a.reasons().get(0).key()).isEqualTo("diagnosis.convergence.reason.tooFewSamples");
    }

    @Test
    void oneSampleWithJobStatsIsEnoughForALowConfidenceVerdict() {
        PreCopySeries world = new PreCopySeries();
        world.dirtyRate = 150e6;
        world.workingSet = 2 * PreCopySeries.GIB;
        world.jobStats = true;
        List<ProgressSample> samples = world.run(60);
        ConvergenceAnalysis a = analyze(samples.subList(samples.size() - 1, samples.size()), world.memory,
                LiveMigrationSettings.defaults());
        assertThat(a.fromJobStats()).isTrue();
        assertThat(a.verdict()).isEqualTo(Verdict.NOT_CONVERGING);
        assertThat(a.confidence()).isEqualTo(Confidence.LOW);
    }

    @Test
    void theTimeoutActionAndPostCopyComeFromTheHostsConfig() {
        PreCopySeries world = new PreCopySeries();
        world.dirtyRate = 150e6;
        world.workingSet = 2 * PreCopySeries.GIB;
        LiveMigrationSettings settings = LiveMigrationSettings.from(Map.of(
                "libvirt.live_migration_permit_post_copy", "True",
                "[libvirt] live_migration_timeout_action", "force_complete",
                "live_migration_completion_timeout", "100"));
        ConvergenceAnalysis a = analyze(world.run(120), world.memory, settings);
        assertThat(a.verdict()).isEqualTo(Verdict.NOT_CONVERGING);
        assertThat(a.forceComplete().path()).isEqualTo(ForceCompleteEstimate.Path.POST_COPY);
        assertThat(a.forceComplete().pathFromHostConfig()).isTrue();
        assertThat(a.forceComplete().degradedSeconds()).isPositive();
        assertThat(a.recommendation().action()).isEqualTo(Recommendation.Action.FORCE_COMPLETE);
        assertThat(a.timeoutAt()).isEqualTo(PreCopySeries.START.plusSeconds(400));
        assertThat(a.recommendation().reasons()).anySatisfy(r -> assertThat(r.key())
                .isEqualTo("diagnosis.convergence.recommend.timeoutForces"));
    }

    @Test
    void postCopyAndFinishedMigrationsAreNotForecast() {
        PreCopySeries world = new PreCopySeries();
        List<ProgressSample> samples = world.run(30);
        var postCopy = analyzer.analyze(samples, new ConvergenceAnalyzer.MigrationFacts("running (post-copy)",
                PreCopySeries.START, world.memory, 0, LiveMigrationSettings.defaults(), null));
        assertThat(postCopy.verdict()).isEqualTo(Verdict.POST_COPY);
        var done = analyzer.analyze(samples, new ConvergenceAnalyzer.MigrationFacts("completed",
                PreCopySeries.START, world.memory, 0, LiveMigrationSettings.defaults(), null));
        assertThat(done.verdict()).isEqualTo(Verdict.NOT_RUNNING);
    }

    @Test
    void novasScheduleMatchesItsDefaults() {
        NovaSchedule s = NovaSchedule.of(LiveMigrationSettings.defaults(), 8 * PreCopySeries.GIB, 0);
        assertThat(s.steps()).extracting(NovaSchedule.Step::downtimeMs)
                .containsExactly(50, 95, 140, 185, 230, 275, 320, 365, 410, 455, 500);
        assertThat(s.steps().get(1).atSeconds()).isEqualTo(600);
        assertThat(s.timeoutSeconds()).isEqualTo(6400);
        assertThat(NovaSchedule.of(LiveMigrationSettings.defaults(), 512L << 20, 0).dataGb()).isEqualTo(2.0);
    }

    /** Every page dirty again before it is sent: remaining sits at the working set (real Nova's m1.tiny at 2000 Mbit/s). */
    private static List<ProgressSample> saturated() {
        PreCopySeries world = new PreCopySeries();
        world.memory = 512L * 1024 * 1024;
        world.workingSet = world.memory;
        world.dirtyRate = 250e6;
        return world.run(120);
    }

    @Test
    void remainingFlatAtTheWorkingSetMakesTheDirtyRateALowerBound() {
        ConvergenceAnalysis a = analyze(saturated(), 512L * 1024 * 1024, LiveMigrationSettings.defaults());
        assertThat(a.verdict()).isEqualTo(Verdict.NOT_CONVERGING);
        assertThat(a.dirtyRateIsLowerBound()).isTrue();
        assertThat(a.dirtyRatio()).isNull();
        assertThat(a.dirtyRateBytesPerSecond()).isCloseTo(125e6, within(10e6));
        assertThat(a.reasons()).anySatisfy(r -> {
            assertThat(r.key()).isEqualTo("diagnosis.convergence.reason.ratesSaturated");
            assertThat(r.args()).startsWith(ConvergenceAnalyzer.mibps(a.bandwidthBytesPerSecond()));
        });
        assertThat(a.reasons()).noneSatisfy(r -> assertThat(r.key()).isEqualTo("diagnosis.convergence.reason.rates"));
    }

    @Test
    void autoConvergeSoftensNeverConvergingToSlowWithLowConfidence() {
        LiveMigrationSettings autoConverge = new LiveMigrationSettings(500, 10, 75, 800, "abort", false, true, true);
        ConvergenceAnalysis a = analyze(saturated(), 512L * 1024 * 1024, autoConverge);
        assertThat(a.verdict()).isEqualTo(Verdict.SLOW);
        assertThat(a.confidence()).isEqualTo(Confidence.LOW);
        assertThat(a.reasons()).anySatisfy(r -> assertThat(r.key()).isEqualTo("diagnosis.convergence.reason.autoConverge"));
        // with post-copy permitted Nova does not use auto-converge (driver.py _handle_live_migration_auto_converge)
        LiveMigrationSettings both = new LiveMigrationSettings(500, 10, 75, 800, "abort", true, true, true);
        assertThat(analyze(saturated(), 512L * 1024 * 1024, both).verdict()).isEqualTo(Verdict.NOT_CONVERGING);
    }

    @Test
    void novasDowntimeStepAppliesOnlyOnceTheElapsedTimeHasPassedItsMark() {
        NovaSchedule schedule = NovaSchedule.of(LiveMigrationSettings.defaults(), 4 * PreCopySeries.GIB, 0);
        assertThat(schedule.downtimeMsAt(300)).isEqualTo(50);
        assertThat(schedule.nextStep(300).orElseThrow().atSeconds()).isEqualTo(300);
        assertThat(schedule.downtimeMsAt(300.5)).isEqualTo(95);
        assertThat(schedule.nextStep(300.5).orElseThrow().atSeconds()).isEqualTo(600);
    }
}
