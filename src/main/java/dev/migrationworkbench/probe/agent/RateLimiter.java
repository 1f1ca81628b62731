package dev.migrationworkbench.probe.agent;

import java.net.InetAddress;
import java.util.HashMap;
import java.util.Map;

/** A token bucket per client address: {@code rate} requests per second, bursts up to {@code burst}. */
final class RateLimiter {

    private static final int MAX_CLIENTS = 10_000;

    private final double rate;
    private final int burst;
    private final Map<InetAddress, Bucket> buckets = new HashMap<>();

    private static final class Bucket {
        double tokens;
        long refilledAt;

        Bucket(double tokens, long refilledAt) {
            this.tokens = tokens;
            this.refilledAt = refilledAt;
        }
    }

    RateLimiter(double rate, int burst) {
        if (rate <= 0 || burst < 1) {
            throw new IllegalArgumentException("rate must be > 0 and burst >= 1 (got " + rate + ", " + burst + ")");
        }
        this.rate = rate;
        this.burst = burst;
    }

    synchronized boolean tryAcquire(InetAddress client) {
        long now = System.nanoTime();
        if (buckets.size() > MAX_CLIENTS) {
            buckets.clear();
        }
        Bucket bucket = buckets.computeIfAbsent(client, c -> new Bucket(burst, now));
        bucket.tokens = Math.min(burst, bucket.tokens + (now - bucket.refilledAt) / 1e9 * rate);
        bucket.refilledAt = now;
        if (bucket.tokens < 1) {
            return false;
        }
        bucket.tokens -= 1;
        return true;
    }
}
