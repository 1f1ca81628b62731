package dev.migrationworkbench.reallibvirt;

import dev.migrationworkbench.diagnosis.convergence.ConvergenceAnalysis;
import dev.migrationworkbench.diagnosis.convergence.ConvergenceAnalysis.Verdict;
import dev.migrationworkbench.diagnosis.convergence.RealQemuRecording;
import dev.migrationworkbench.model.HostTopology.InstancePlacement;
import dev.migrationworkbench.model.LibvirtJob;
import dev.migrationworkbench.model.MigrationJobStats;
import dev.migrationworkbench.model.ProgressSample;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * One real live migration: the agent's samples, what was done to it, what QEMU reported at the
 * end, and the convergence analysis replayed on the samples as the workbench would have seen them.
 */
final class MigrationRun {

    /** The analysis made with the samples up to {@code elapsedSeconds} of libvirt's job time. */
    record Point(double elapsedSeconds, ConvergenceAnalysis analysis) {
    }

    final String name;
    final LibvirtPair.Guest guest;
    final int bandwidthMib;
    final Instant startedAt;
    final List<ProgressSample> samples = new ArrayList<>();
    /** The agent's placement of the guest on the source before the migration. */
    InstancePlacement beforePlacement;
    /** libvirt job time at which the guest was paused (Nova's force-complete without post-copy), or null. */
    Double pausedAtSeconds;
    /** The analysis just before the pause: what the workbench said force-complete would cost. */
    ConvergenceAnalysis beforePause;
    int migrateExit;
    String migrateOutput;
    /** {@code virsh domjobinfo --completed} on the destination, parsed by the agent's parser. */
    LibvirtJob completed;
    final List<Point> points = new ArrayList<>();

    MigrationRun(String name, LibvirtPair.Guest guest, int bandwidthMib, Instant startedAt) {
        this.name = name;
        this.guest = guest;
        this.bandwidthMib = bandwidthMib;
        this.startedAt = startedAt;
    }

    /** The sample as Nova's migration record (memory_* from the same libvirt job) plus the agent's job statistics. */
    void add(LibvirtJob job) {
        MigrationJobStats s = job.stats();
        if (s.memoryRemainingBytes() == null || s.memoryProcessedBytes() == null) {
            return; // the first moments of the job: libvirt has no memory figures yet
        }
        samples.add(new ProgressSample(job.collectedAt(), "running", s.memoryTotalBytes(), s.memoryProcessedBytes(),
                s.memoryRemainingBytes(), null, null, null, s));
    }

    /** The run so far as a recording (completion figures zero until it ended). */
    RealQemuRecording recording() {
        return new RealQemuRecording(name, guest.memoryMib(), guest.wssMib(), guest.dirtyKibps(), bandwidthMib, startedAt,
                pausedAtSeconds, completed == null ? 0 : completionSeconds(), completed == null ? 0 : completed.stats().expectedDowntimeMillis(),
                List.copyOf(samples));
    }

    ConvergenceAnalysis analyzeNow() {
        return recording().analyzeFirst(samples.size());
    }

    /** Replays the analysis after every sample, as a workbench watching the migration would have. */
    void replay() {
        RealQemuRecording recording = recording();
        for (int i = 0; i < samples.size(); i++) {
            if (pausedAtSeconds != null && elapsed(samples.get(i)) > pausedAtSeconds) {
                break; // after the pause the guest no longer dirties memory: another migration
            }
            points.add(new Point(elapsed(samples.get(i)), recording.analyzeFirst(i + 1)));
        }
    }

    static double elapsed(ProgressSample p) {
        return p.jobStats().elapsedMillis() / 1000.0;
    }

    double completionSeconds() {
        return completed.stats().elapsedMillis() / 1000.0;
    }

    /** QEMU's own figure: from stopping the vCPUs for the switchover to resuming them on the destination. */
    double qemuDowntimeSeconds() {
        return completed.stats().expectedDowntimeMillis() / 1000.0;
    }

    /** What the guest saw after force-complete: from the pause until it ran again on the destination. */
    double pauseToResumeSeconds() {
        return completionSeconds() - pausedAtSeconds;
    }

    /** The analyses that reached a verdict (not INSUFFICIENT_DATA). */
    List<Point> judged() {
        return points.stream().filter(p -> p.analysis().verdict() != Verdict.INSUFFICIENT_DATA).toList();
    }

    double predictedCompletion(Point p) {
        return p.elapsedSeconds() + p.analysis().etaSeconds();
    }

    /** (predicted − real) / real completion time, both from the start of the migration. */
    double completionError(Point p) {
        return (predictedCompletion(p) - completionSeconds()) / completionSeconds();
    }

    /** (predicted − real) / real time still to go at that point. */
    double remainingError(Point p) {
        return (predictedCompletion(p) - completionSeconds()) / (completionSeconds() - p.elapsedSeconds());
    }

    List<Point> withEta() {
        return judged().stream().filter(p -> p.analysis().etaSeconds() != null).toList();
    }

    /** The median and the largest absolute completion error over the run, or null without an ETA. */
    double[] completionErrorMedianAndMax() {
        List<Double> errors = withEta().stream().map(p -> Math.abs(completionError(p))).sorted(Comparator.naturalOrder()).toList();
        return errors.isEmpty() ? null : new double[] {errors.get(errors.size() / 2), errors.get(errors.size() - 1)};
    }

    String verdicts() {
        StringBuilder out = new StringBuilder();
        Verdict previous = null;
        for (Point p : points) {
            Verdict v = p.analysis().verdict();
            if (v != previous) {
                out.append(out.length() == 0 ? "" : " → ").append(v).append(String.format(Locale.ROOT, " (%.0f s)", p.elapsedSeconds()));
                previous = v;
            }
        }
        return out.toString();
    }

    /** One line per analysis, for the log of the suite. */
    String trace() {
        StringBuilder out = new StringBuilder("run " + name + "\n");
        for (int i = 0; i < points.size(); i++) {
            Point p = points.get(i);
            ConvergenceAnalysis a = p.analysis();
            MigrationJobStats s = samples.get(i).jobStats();
            out.append(String.format(Locale.ROOT,
                    "  t=%6.1f it=%-3s rem=%7.2f MiB B=%5.2f D=%5.2f MiB/s  %-17s eta=%6s  pause=%6s..%6s%n",
                    p.elapsedSeconds(), s.iteration(), s.memoryRemainingBytes() / 1048576.0,
                    mib(a.bandwidthBytesPerSecond()), mib(a.dirtyRateBytesPerSecond()), a.verdict(),
                    a.etaSeconds() == null ? "-" : String.format(Locale.ROOT, "%.1f", a.etaSeconds()),
                    seconds(a.forceComplete().pauseSeconds()), seconds(a.forceComplete().pauseUpperSeconds())));
        }
        return out.toString();
    }

    private static double mib(Double bytesPerSecond) {
        return bytesPerSecond == null ? Double.NaN : bytesPerSecond / 1048576.0;
    }

    static String seconds(Double s) {
        return s == null ? "-" : String.format(Locale.ROOT, "%.1f", s);
    }
}
