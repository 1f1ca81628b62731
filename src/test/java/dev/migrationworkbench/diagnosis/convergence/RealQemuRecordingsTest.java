package dev.migrationworkbench.diagnosis.convergence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.migrationworkbench.diagnosis.convergence.ConvergenceAnalysis.Verdict;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The convergence analysis replayed on real live migrations (QEMU 7.2 under libvirt 9, recorded by
 * the real-libvirt suite, see {@code src/test/resources/diagnosis/real-qemu/README.md}): after every
 * sample, what the workbench would have said, against what QEMU then did.
 */
class RealQemuRecordingsTest {

    private record Point(double elapsed, long iteration, ConvergenceAnalysis analysis) {
    }

    private static RealQemuRecording load(String name) throws IOException {
        try (InputStream in = RealQemuRecordingsTest.class.getResourceAsStream("/diagnosis/real-qemu/" + name + ".json")) {
            assertThat(in).as(name).isNotNull();
            return RealQemuRecording.read(in);
        }
    }

    /** The analyses up to the pause (after it the guest no longer dirties: another migration). */
    private static List<Point> replay(RealQemuRecording r) {
        List<Point> points = new ArrayList<>();
        for (int i = 1; i <= r.samples().size(); i++) {
            var sample = r.samples().get(i - 1);
            double elapsed = RealQemuRecording.elapsedSeconds(sample);
            if (r.pausedAtSeconds() != null && elapsed > r.pausedAtSeconds()) {
                break;
            }
            points.add(new Point(elapsed, sample.jobStats().iteration(), r.analyzeFirst(i)));
        }
        return points;
    }

    private static List<Point> judged(List<Point> points) {
        return points.stream().filter(p -> p.analysis().verdict() != Verdict.INSUFFICIENT_DATA).toList();
    }

    @Test
    void noVerdictFromPassZeroOrFromLibvirtsReadingOverIt() throws IOException {
        for (String name : List.of("converging", "slow", "stuck")) {
            for (Point p : replay(load(name))) {
                if (p.iteration() == 1) {
                    assertThat(p.analysis().verdict()).as(name + " at " + p.elapsed()).isEqualTo(Verdict.INSUFFICIENT_DATA);
                    assertThat(p.analysis().reasons().get(0).key()).isEqualTo("diagnosis.convergence.reason.firstPass");
                }
            }
        }
    }

    @Test
    void convergingGuestIsJudgedConvergingWithAnEtaWithinAQuarterOfTheRealCompletion() throws IOException {
        RealQemuRecording r = load("converging");
        List<Point> judged = judged(replay(r));
        assertThat(judged).isNotEmpty().allSatisfy(p -> {
            assertThat(p.analysis().verdict()).isEqualTo(Verdict.CONVERGING);
            assertThat(p.elapsed() + p.analysis().etaSeconds()).isCloseTo(r.completionSeconds(), within(0.25 * r.completionSeconds()));
        });
    }

    @Test
    void slowGuestIsJudgedSlowOnceLibvirtMeasuredALaterPass() throws IOException {
        RealQemuRecording r = load("slow");
        List<Point> judged = judged(replay(r));
        assertThat(judged).isNotEmpty().noneSatisfy(p -> assertThat(p.analysis().verdict()).isEqualTo(Verdict.NOT_CONVERGING));
        long slow = judged.stream().filter(p -> p.analysis().verdict() == Verdict.SLOW).count();
        assertThat(slow).as("SLOW verdicts of %d", judged.size()).isGreaterThanOrEqualTo(Math.round(0.75 * judged.size()));
        // what the model calls slow: more than 2.5 copies of the guest's memory at the transfer rate
        var last = judged.get(judged.size() - 1).analysis();
        assertThat(r.completionSeconds()).isGreaterThan(ConvergenceAnalyzer.SLOW_FACTOR * last.memoryTotalBytes() / last.bandwidthBytesPerSecond());
    }

    @Test
    void stuckGuestIsNotConvergingAndTheForceCompletePauseIsWithinHalfOfWhatQemuTook() throws IOException {
        RealQemuRecording r = load("stuck");
        List<Point> judged = judged(replay(r));
        double realPause = r.completionSeconds() - r.pausedAtSeconds();
        assertThat(r.qemuDowntimeMs() / 1000.0).isCloseTo(realPause, within(0.5));
        assertThat(judged).isNotEmpty().allSatisfy(p -> {
            assertThat(p.analysis().verdict()).isEqualTo(Verdict.NOT_CONVERGING);
            assertThat(p.analysis().forceComplete().pauseSeconds()).as("pause at %.1f s", p.elapsed())
                    .isCloseTo(realPause, within(0.5 * realPause));
        });
        assertThat(judged.get(0).iteration()).isLessThanOrEqualTo(3);
    }
}
