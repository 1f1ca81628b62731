package dev.migrationworkbench.democloud;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** The pre-copy model of MIGRATION-PHYSICS.md, stepped like Nova's monitor loop. */
class LiveCopyPhysicsTest {

    private static final long GIB = 1024L * 1024 * 1024;
    private static final double GBIT = 1e9 / 8;

    private static LiveCopy.Outcome runUntilDone(LiveCopy c, double dirty, long workingSet, double maxSeconds) {
        LiveCopy.Outcome o = LiveCopy.Outcome.RUNNING;
        while (o == LiveCopy.Outcome.RUNNING && c.elapsed < maxSeconds) {
            o = c.step(LiveCopy.STEP_SECONDS, dirty, workingSet);
        }
        return o;
    }

    @Test
    void dirtyRateBelowBandwidthConvergesInAboutR0OverBMinusD() {
        double b = 1 * GBIT;
        double d = 0.5 * GBIT;
        LiveCopy c = new LiveCopy(2 * GIB, 0, b, LibvirtOptions.DEFAULTS);
        assertThat(runUntilDone(c, d, 2 * GIB, 10_000)).isEqualTo(LiveCopy.Outcome.COMPLETED);
        double expected = 2 * GIB / (b - d);
        assertThat(c.elapsed).isCloseTo(expected, within(expected * 0.05));
        assertThat(c.downtimeSeconds * 1000).isLessThanOrEqualTo(c.maxDowntimeMs());
        assertThat(c.iteration).isGreaterThan(3);
        assertThat(c.memoryProcessed).isGreaterThan(c.memoryTotal);
    }

    @Test
    void dirtyRateAboveBandwidthNeverConvergesUntilTheTimeoutAborts() {
        double b = 1 * GBIT;
        LiveCopy c = new LiveCopy(4 * GIB, 0, b, LibvirtOptions.DEFAULTS);
        double minPassStart = Double.MAX_VALUE;
        double previous = c.remaining;
        int jumps = 0;
        LiveCopy.Outcome o = LiveCopy.Outcome.RUNNING;
        while (o == LiveCopy.Outcome.RUNNING) {
            o = c.step(LiveCopy.STEP_SECONDS, 1.5 * GBIT, 3 * GIB);
            if (c.remaining > previous) {
                jumps++;
                minPassStart = Math.min(minPassStart, c.remaining);
            }
            previous = c.remaining;
        }
        // data_gb = 4, so Nova's completion timeout is 800 s x 4.
        assertThat(o).isEqualTo(LiveCopy.Outcome.TIMED_OUT);
        assertThat(c.elapsed).isCloseTo(3200, within(1.0));
        // what each pass starts with (the sawtooth's peaks) never fits in the largest downtime Nova allows
        assertThat(minPassStart).isGreaterThan(b * 0.5);
        assertThat(jumps).as("remaining is a sawtooth: it jumps up at each pass").isGreaterThan(10);
        assertThat(c.maxDowntimeMs()).as("step 10 at 10 x 75 s x 4").isEqualTo(500);
    }

    @Test
    void noTimeoutWhenDisabledAndNovaStepsTheDowntimeUpTo500() {
        LibvirtOptions noTimeout = new LibvirtOptions(500, 10, 75, 0, "abort", false, false);
        LiveCopy c = new LiveCopy(4 * GIB, 0, GBIT, noTimeout);
        assertThat(runUntilDone(c, 1.5 * GBIT, 3 * GIB, 20_000)).isEqualTo(LiveCopy.Outcome.RUNNING);
        assertThat(c.maxDowntimeMs()).isEqualTo(500);
        assertThat(noTimeout.maxDowntimeMsAt(0, 4)).isEqualTo(50);
        // migration.py update_downtime: a step applies once elapsed > its mark (300 s here), not at it
        assertThat(noTimeout.maxDowntimeMsAt(300, 4)).isEqualTo(50);
        assertThat(noTimeout.maxDowntimeMsAt(301, 4)).isEqualTo(95);
    }

    @Test
    void forceCompletePausesTheGuestForAboutRemainingOverBandwidth() {
        double b = 1 * GBIT;
        LiveCopy c = new LiveCopy(4 * GIB, 0, b, LibvirtOptions.DEFAULTS);
        runUntilDone(c, 1.5 * GBIT, 3 * GIB, 100);
        double left = c.remaining + c.dirtied;
        c.pause();
        assertThat(runUntilDone(c, 1.5 * GBIT, 3 * GIB, 10_000)).isEqualTo(LiveCopy.Outcome.COMPLETED);
        assertThat(c.downtimeSeconds).isCloseTo(left / b, within(LiveCopy.STEP_SECONDS + 0.01));
    }

    @Test
    void postCopyFetchesTheRestAfterTheSwitch() {
        double b = 1 * GBIT;
        LiveCopy c = new LiveCopy(4 * GIB, 0, b, new LibvirtOptions(500, 10, 75, 800, "abort", true, false));
        runUntilDone(c, 1.5 * GBIT, 3 * GIB, 50);
        double left = c.remaining + c.dirtied;
        double switchedAt = c.elapsed;
        c.startPostCopy();
        assertThat(runUntilDone(c, 1.5 * GBIT, 3 * GIB, 10_000)).isEqualTo(LiveCopy.Outcome.COMPLETED);
        assertThat(c.elapsed - switchedAt).isCloseTo(left / b, within(LiveCopy.STEP_SECONDS + 0.01));
        assertThat(c.downtimeSeconds).isZero();
    }

    @Test
    void autoConvergeThrottlesUntilTheGuestConverges() {
        double b = 1 * GBIT;
        LiveCopy c = new LiveCopy(4 * GIB, 0, b, new LibvirtOptions(500, 10, 75, 800, "abort", false, true));
        assertThat(runUntilDone(c, 1.2 * GBIT, 3 * GIB, 10_000)).isEqualTo(LiveCopy.Outcome.COMPLETED);
        assertThat(c.throttle).isGreaterThanOrEqualTo(0.2);
        assertThat(c.elapsed).isLessThan(3200);
    }
}
