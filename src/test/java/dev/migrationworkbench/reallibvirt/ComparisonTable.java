package dev.migrationworkbench.reallibvirt;

import dev.migrationworkbench.diagnosis.convergence.ConvergenceAnalysis;
import java.util.Collection;
import java.util.Locale;

/** The analysis against what QEMU did, one row per migration, as the Markdown table docs/DIAGNOSIS.md quotes. */
final class ComparisonTable {

    private ComparisonTable() {
    }

    static String markdown(Collection<MigrationRun> runs) {
        StringBuilder out = new StringBuilder();
        out.append("| run | guest: working set, dirty rate | bandwidth limit | verdicts (libvirt job time) | real completion | "
                + "predicted completion at the first verdict | completion error over the run: median, worst | "
                + "force-complete pause predicted (upper) | real pause → resume | QEMU total downtime |\n");
        out.append("|---|---|---|---|---|---|---|---|---|---|\n");
        for (MigrationRun r : runs) {
            if (r.completed == null) {
                out.append("| ").append(r.name).append(" | did not complete: ").append(String.valueOf(r.migrateOutput).strip().replace('\n', ' '))
                        .append(" |||||||||\n");
                continue;
            }
            var withEta = r.withEta();
            String first = withEta.isEmpty() ? "no ETA" : String.format(Locale.ROOT, "%.1f s at %.0f s (%+.0f %%; %+.0f %% of the time left)",
                    r.predictedCompletion(withEta.get(0)), withEta.get(0).elapsedSeconds(), 100 * r.completionError(withEta.get(0)),
                    100 * r.remainingError(withEta.get(0)));
            double[] errors = r.completionErrorMedianAndMax();
            String pausePredicted = "-";
            String pauseReal = "-";
            if (r.pausedAtSeconds != null) {
                ConvergenceAnalysis.ForceCompleteEstimate fc = r.beforePause.forceComplete();
                pausePredicted = MigrationRun.seconds(fc.pauseSeconds()) + " s (" + MigrationRun.seconds(fc.pauseUpperSeconds()) + " s)";
                pauseReal = String.format(Locale.ROOT, "%.1f s (paused at %.0f s)", r.pauseToResumeSeconds(), r.pausedAtSeconds);
            }
            out.append(String.format(Locale.ROOT, "| %s | %d MiB, %.1f MiB/s | %d MiB/s | %s | %.1f s | %s | %s | %s | %s | %.0f ms |%n",
                    r.name, r.guest.wssMib(), r.guest.dirtyKibps() / 1024.0, r.bandwidthMib, r.verdicts(), r.completionSeconds(),
                    first, errors == null ? "-" : String.format(Locale.ROOT, "%.0f %%, %.0f %%", 100 * errors[0], 100 * errors[1]),
                    pausePredicted, pauseReal, r.qemuDowntimeSeconds() * 1000));
        }
        return out.toString();
    }
}
