package dev.migrationworkbench.democloud;

import java.time.Duration;
import java.time.Instant;
import java.util.function.Consumer;

/**
 * The emulated cloud's time. Every timestamp the APIs show and every step of the migration physics
 * follow it. With speed 0 it moves only when {@link #advance(Duration)} is called (tests); otherwise
 * the demo cloud also advances it by real elapsed time × speed.
 */
public final class VirtualClock {

    private final Object lock;
    private final Consumer<Instant> onAdvance;
    private Instant now;

    VirtualClock(Instant start, Object lock, Consumer<Instant> onAdvance) {
        this.now = start;
        this.lock = lock;
        this.onAdvance = onAdvance;
    }

    /** The current virtual instant. */
    public Instant now() {
        synchronized (lock) {
            return now;
        }
    }

    /** Moves virtual time forward, running everything that happens in between (timeline, migrations). */
    public void advance(Duration d) {
        if (d.isNegative()) {
            throw new IllegalArgumentException("the virtual clock cannot go back: " + d);
        }
        synchronized (lock) {
            now = now.plus(d);
            onAdvance.accept(now);
        }
    }
}
