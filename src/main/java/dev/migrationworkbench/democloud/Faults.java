package dev.migrationworkbench.democloud;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;

/** Runtime fault injection: add {@link Fault}s, clear them, or expire every issued token at once. */
public final class Faults {

    private final List<Fault> active = new ArrayList<>();
    private final Random random;
    private final Runnable expireTokens;
    private final Supplier<Duration> sinceStart;

    /** @param sinceStart the scenario's virtual time since its start (for {@link Fault#during}) */
    Faults(long seed, Runnable expireTokens, Supplier<Duration> sinceStart) {
        this.random = new Random(seed);
        this.expireTokens = expireTokens;
        this.sinceStart = sinceStart;
    }

    public synchronized Faults add(Fault fault) {
        active.add(fault);
        return this;
    }

    public synchronized void clear() {
        active.clear();
    }

    public synchronized List<String> describe() {
        return active.stream().map(Fault::toString).toList();
    }

    /** Makes every token issued so far expire now: the next call with one gets 401. */
    public void expireTokens() {
        expireTokens.run();
    }

    /** The faults that hit this request, in the order they were added (used ones are counted down). */
    synchronized List<Fault> hits(String path) {
        List<Fault> hits = new ArrayList<>();
        Duration now = sinceStart.get();
        for (Fault f : new ArrayList<>(active)) {
            if (f.activeAt(now) && f.paths.matcher(path).matches() && random.nextDouble() < f.probability) {
                hits.add(f);
                if (f.remaining > 0 && --f.remaining == 0) {
                    active.remove(f);
                }
            }
        }
        return hits;
    }
}
