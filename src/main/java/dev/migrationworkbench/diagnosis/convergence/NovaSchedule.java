package dev.migrationworkbench.diagnosis.convergence;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * When Nova acts on a running live migration on its own (nova/virt/libvirt/migration.py):
 * the max-downtime steps ({@code downtime_steps}) and the completion timeout, both scaled by
 * data_gb = guest RAM in GiB (at least 2) plus each block-migrated disk in GiB (each at least 2).
 */
public record NovaSchedule(LiveMigrationSettings settings, double dataGb, List<Step> steps, Long timeoutSeconds) {

    /** At {@code atSeconds} of elapsed migration time the max downtime becomes {@code downtimeMs}. */
    public record Step(long atSeconds, int downtimeMs) {
    }

    private static final double GIB = 1024.0 * 1024 * 1024;

    public static NovaSchedule of(LiveMigrationSettings settings, long guestRamBytes, long blockDiskBytes) {
        double dataGb = Math.max(2, guestRamBytes / GIB) + (blockDiskBytes > 0 ? Math.max(2, blockDiskBytes / GIB) : 0);
        long delay = (long) (settings.downtimeDelaySeconds() * dataGb);
        double base = (double) settings.downtimeMs() / settings.downtimeSteps();
        double offset = (settings.downtimeMs() - base) / settings.downtimeSteps();
        List<Step> steps = new ArrayList<>();
        for (int i = 0; i <= settings.downtimeSteps(); i++) {
            steps.add(new Step(delay * i, (int) (base + offset * i)));
        }
        Long timeout = settings.completionTimeoutSeconds() == 0 ? null
                : (long) (settings.completionTimeoutSeconds() * dataGb);
        return new NovaSchedule(settings, dataGb, List.copyOf(steps), timeout);
    }

    /**
     * The max downtime Nova has set after {@code elapsedSeconds}: migration.py update_downtime applies
     * the last step whose mark the elapsed time has passed ({@code elapsed > step[0]}).
     */
    public int downtimeMsAt(double elapsedSeconds) {
        int current = steps.get(0).downtimeMs();
        for (Step step : steps) {
            if (step.atSeconds() < elapsedSeconds) {
                current = step.downtimeMs();
            }
        }
        return current;
    }

    public int finalDowntimeMs() {
        return steps.get(steps.size() - 1).downtimeMs();
    }

    public Optional<Step> nextStep(double elapsedSeconds) {
        return steps.stream().filter(s -> s.atSeconds() >= elapsedSeconds && s.atSeconds() > 0).findFirst();
    }

    /** The first step whose downtime is at least {@code neededMs}, if Nova ever gets there. */
    public Optional<Step> firstStepAllowing(double neededMs) {
        return steps.stream().filter(s -> s.downtimeMs() >= neededMs).findFirst();
    }
}
