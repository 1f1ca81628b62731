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
        out.append("| run | guest: working set, dirty rate | bandwidth limit | verdicts over time | real completion | "
                + "ETA error at first verdict | median abs ETA error | force-complete pause: predicted (upper) | real pause → resume | QEMU total downtime |\n");
        out.append("|---|---|---|---|---|---|---|---|---|---|\n");
        for (MigrationRun r : runs) {
            if (r.completed == null) {
                out.append("| ").append(r.name).append(" | migration failed: ").append(r.migrateOutput.strip().replace('\n', ' '))
                        .append(" |||||||||\n");
                continue;
            }
            var withEta = r.withEta();
            String firstError = withEta.isEmpty() ? "no ETA" : String.format(Locale.ROOT, "%+.0f %% (at %.0f s)",
                    100 * r.etaError(withEta.get(0)), withEta.get(0).elapsedSeconds());
            Double median = r.medianAbsEtaError();
            String pausePredicted = "-";
            String pauseReal = "-";
            if (r.pausedAtSeconds != null) {
                ConvergenceAnalysis.ForceCompleteEstimate fc = r.beforePause.forceComplete();
                pausePredicted = MigrationRun.seconds(fc.pauseSeconds()) + " s (" + MigrationRun.seconds(fc.pauseUpperSeconds()) + " s)";
                pauseReal = String.format(Locale.ROOT, "%.1f s (paused at %.0f s)", r.pauseToResumeSeconds(), r.pausedAtSeconds);
            }
            out.append(String.format(Locale.ROOT, "| %s | %d MiB, %.1f MiB/s | %d MiB/s | %s | %.1f s | %s | %s | %s | %s | %.0f ms |%n",
                    r.name, r.guest.wssMib(), r.guest.dirtyKibps() / 1024.0, r.bandwidthMib, r.verdicts(), r.completionSeconds(),
                    firstError, median == null ? "-" : String.format(Locale.ROOT, "%.0f %%", 100 * median),
                    pausePredicted, pauseReal, r.qemuDowntimeSeconds() * 1000));
        }
        return out.toString();
    }
}
