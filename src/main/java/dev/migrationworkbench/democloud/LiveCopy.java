package dev.migrationworkbench.democloud;

/**
 * The pre-copy physics of one live migration (MIGRATION-PHYSICS.md): passes over guest RAM at the
 * link bandwidth while the guest dirties pages, QEMU's switchover test at each pass end against
 * Nova's stepped max downtime, the completion timeout, auto-converge, post-copy and the pause of
 * force-complete. Pure arithmetic on virtual seconds; the caller supplies the guest's dirty rate.
 */
final class LiveCopy {

    enum Outcome { RUNNING, COMPLETED, TIMED_OUT }

    static final double STEP_SECONDS = 0.5;

    final long memoryTotal;
    final long diskTotal;
    final double bandwidth;
    final double dataGb;
    final LibvirtOptions options;
    double elapsed;
    long memoryProcessed;
    long diskProcessed;
    /** What remains of the current pass (libvirt's memory_remaining). */
    double remaining;
    /** Bytes dirtied since the current pass started, capped at the writable working set. */
    double dirtied;
    /** libvirt's Iteration: QEMU's dirty-sync count, 1 during pass 0 (as real QEMU 7.2 reports it). */
    int iteration = 1;
    double throttle;
    boolean paused;
    private double pausedAt;
    boolean postCopy;
    /** Virtual seconds the guest was stopped for the final copy (stop-and-copy, or the pause). */
    double downtimeSeconds;
    double lastDirtyRate;
    private double sentThisPass;
    private int dirtyOutpacedCount;

    LiveCopy(long memoryTotal, long diskTotal, double bandwidthBytes, LibvirtOptions options) {
        this.memoryTotal = memoryTotal;
        this.diskTotal = diskTotal;
        this.bandwidth = bandwidthBytes;
        this.options = options;
        double gib = 1024.0 * 1024 * 1024;
        double disks = diskTotal == 0 ? 0 : Math.max(2, diskTotal / gib);
        this.dataGb = Math.max(2, memoryTotal / gib) + disks;
        this.remaining = memoryTotal;
    }

    long diskRemaining() {
        return diskTotal - diskProcessed;
    }

    int maxDowntimeMs() {
        return options.maxDowntimeMsAt(elapsed, dataGb);
    }

    /** The guest's effective dirty rate given auto-converge's throttle and a pause. */
    double effectiveDirtyRate(double guestDirtyRate) {
        return paused ? 0 : guestDirtyRate * (1 - throttle);
    }

    /** Whether Nova's completion timeout has passed (never during post-copy, never when disabled). */
    boolean timeoutDue() {
        double timeout = options.completionTimeoutSeconds(dataGb);
        return timeout > 0 && !postCopy && elapsed > timeout;
    }

    void pause() {
        paused = true;
        pausedAt = elapsed;
    }

    void startPostCopy() {
        postCopy = true;
    }

    /** Advances by {@code dt} virtual seconds with the guest writing {@code dirtyRate} bytes/s into {@code workingSet}. */
    Outcome step(double dt, double dirtyRate, long workingSet) {
        double budget = bandwidth * dt;
        double start = elapsed;
        elapsed += dt;
        lastDirtyRate = effectiveDirtyRate(dirtyRate);
        if (diskProcessed < diskTotal) {
            double d = Math.min(budget, diskTotal - diskProcessed);
            diskProcessed += (long) d;
            budget -= d;
            if (diskProcessed >= diskTotal - 1) {
                diskProcessed = diskTotal;
            }
        }
        if (postCopy) {
            double sent = Math.min(budget, remaining + dirtied);
            memoryProcessed += (long) sent;
            double fromPass = Math.min(remaining, sent);
            remaining -= fromPass;
            dirtied -= sent - fromPass;
            return remaining + dirtied <= 0.5 ? Outcome.COMPLETED : Outcome.RUNNING;
        }
        while (budget > 0) {
            double sent = Math.min(budget, remaining);
            double seconds = sent / bandwidth;
            remaining -= sent;
            sentThisPass += sent;
            memoryProcessed += (long) sent;
            budget -= sent;
            dirtied = Math.min(workingSet, dirtied + lastDirtyRate * seconds);
            if (remaining > 0.5) {
                break;
            }
            // End of a pass: QEMU switches over when what is left fits in the allowed downtime.
            double allowed = bandwidth * maxDowntimeMs() / 1000.0;
            if (dirtied <= allowed) {
                elapsed = start + (dt - budget / bandwidth);
                downtimeSeconds = (paused ? elapsed - pausedAt : 0) + dirtied / bandwidth;
                memoryProcessed += (long) dirtied;
                remaining = 0;
                dirtied = 0;
                return Outcome.COMPLETED;
            }
            autoConverge();
            remaining = dirtied;
            dirtied = 0;
            sentThisPass = 0;
            iteration++;
        }
        return timeoutDue() ? Outcome.TIMED_OUT : Outcome.RUNNING;
    }

    /** QEMU: when a pass dirtied more than half of what it sent, twice, throttle 20 % then +10 % up to 99 %. */
    private void autoConverge() {
        if (!options.permitAutoConverge() || options.permitPostCopy()) {
            return;
        }
        if (dirtied > 0.5 * sentThisPass) {
            dirtyOutpacedCount++;
            if (dirtyOutpacedCount >= 2) {
                throttle = throttle == 0 ? 0.2 : Math.min(0.99, throttle + 0.1);
                dirtyOutpacedCount = 0;
            }
        }
    }
}
