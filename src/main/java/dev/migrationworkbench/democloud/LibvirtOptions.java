package dev.migrationworkbench.democloud;

/** The nova.conf {@code [libvirt]} options that govern live migration (nova/conf/libvirt.py defaults). */
record LibvirtOptions(int downtimeMs, int downtimeSteps, int downtimeDelay, int completionTimeout,
                      String timeoutAction, boolean permitPostCopy, boolean permitAutoConverge) {

    static final LibvirtOptions DEFAULTS = new LibvirtOptions(500, 10, 75, 800, "abort", false, false);

    /** migration.py downtime_steps: (delay×i, int(base + offset×i)) for i = 0..steps, delay = downtime_delay × data_gb. */
    int maxDowntimeMsAt(double elapsedSeconds, double dataGb) {
        int delay = (int) (downtimeDelay * dataGb);
        double base = (double) downtimeMs / downtimeSteps;
        double offset = (downtimeMs - base) / downtimeSteps;
        // update_downtime: the last step whose time mark the elapsed time has passed (elapsed > mark)
        int step = 0;
        for (int i = 0; i <= downtimeSteps; i++) {
            if (elapsedSeconds > delay * i) {
                step = i;
            }
        }
        return (int) (base + offset * step);
    }

    /** Seconds until the completion timeout fires; 0 when it is disabled. */
    double completionTimeoutSeconds(double dataGb) {
        return (int) (completionTimeout * dataGb);
    }
}
