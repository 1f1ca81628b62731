package dev.migrationworkbench.cloud;

import java.time.Duration;

/**
 * Transport settings. GETs answered 503/429 are retried up to {@code maxRetries} times, waiting
 * {@code Retry-After} (capped at {@code maxBackoff}) or else {@code initialBackoff} doubling.
 * {@code tokenCache}: where a Keystone token is kept for the next run (none by default).
 */
public record GatewayOptions(Duration connectTimeout, Duration readTimeout, int maxRetries,
        Duration initialBackoff, Duration maxBackoff, TokenCache tokenCache) {

    public static GatewayOptions defaults() {
        return new GatewayOptions(Duration.ofSeconds(10), Duration.ofSeconds(60), 3, Duration.ofMillis(500),
                Duration.ofSeconds(8), TokenCache.none());
    }

    public GatewayOptions withRetries(int retries, Duration initial, Duration max) {
        return new GatewayOptions(connectTimeout, readTimeout, retries, initial, max, tokenCache);
    }

    public GatewayOptions withTimeouts(Duration connect, Duration read) {
        return new GatewayOptions(connect, read, maxRetries, initialBackoff, maxBackoff, tokenCache);
    }

    public GatewayOptions withTokenCache(TokenCache cache) {
        return new GatewayOptions(connectTimeout, readTimeout, maxRetries, initialBackoff, maxBackoff, cache);
    }
}
