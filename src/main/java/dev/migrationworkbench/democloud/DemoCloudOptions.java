package dev.migrationworkbench.democloud;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * How to start a {@link DemoCloud}. Immutable; each {@code with...} returns a changed copy:
 * {@code DemoCloudOptions.defaults().withScenario("migration-not-converging").withSpeed(0)}.
 */
public final class DemoCloudOptions {

    /**
     * The most servers a scenario file declares (servers and server_pools together), and the most
     * extra servers. 50,000 servers hold about 30 MB of heap; a pool of ten million took minutes and
     * gigabytes, and a count beyond an int (ten billion) ended in OutOfMemoryError.
     */
    public static final int MAX_SERVERS = 50_000;

    private final String scenarioName;
    private final Path scenarioFile;
    private final int port;
    private final Double speed;
    private final Duration tokenLifetime;
    private final Instant start;
    private final long seed;
    private final int extraServers;

    private DemoCloudOptions(String scenarioName, Path scenarioFile, int port, Double speed, Duration tokenLifetime,
                             Instant start, long seed, int extraServers) {
        this.scenarioName = scenarioName;
        this.scenarioFile = scenarioFile;
        this.port = port;
        this.speed = speed;
        this.tokenLifetime = tokenLifetime;
        this.start = start;
        this.seed = seed;
        this.extraServers = extraServers;
    }

    /** The built-in {@code demo} scenario, an ephemeral port, the scenario's speed, 1 h tokens. */
    public static DemoCloudOptions defaults() {
        return new DemoCloudOptions("demo", null, 0, null, Duration.ofHours(1), null, 42, 0);
    }

    /** A built-in scenario by name (e.g. {@code demo}, {@code migration-not-converging}). */
    public DemoCloudOptions withScenario(String builtInName) {
        return new DemoCloudOptions(Objects.requireNonNull(builtInName), null, port, speed, tokenLifetime, start, seed, extraServers);
    }

    /** A scenario file (YAML, format of docs/SCENARIOS.md). */
    public DemoCloudOptions withScenario(Path file) {
        return new DemoCloudOptions(null, Objects.requireNonNull(file), port, speed, tokenLifetime, start, seed, extraServers);
    }

    /** The loopback port to listen on; 0 (default) picks a free one. */
    public DemoCloudOptions withPort(int port) {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0..65535, not " + port);
        }
        return new DemoCloudOptions(scenarioName, scenarioFile, port, speed, tokenLifetime, start, seed, extraServers);
    }

    /** Virtual seconds per real second; 0 means the clock moves only through {@code clock().advance(...)}. */
    public DemoCloudOptions withSpeed(double speed) {
        if (speed < 0 || Double.isNaN(speed) || Double.isInfinite(speed)) {
            throw new IllegalArgumentException("speed must be 0 or more, not " + speed);
        }
        return new DemoCloudOptions(scenarioName, scenarioFile, port, speed, tokenLifetime, start, seed, extraServers);
    }

    /** How long an issued Keystone token stays valid (real time). */
    public DemoCloudOptions withTokenLifetime(Duration lifetime) {
        if (lifetime.isNegative() || lifetime.isZero()) {
            throw new IllegalArgumentException("token lifetime must be positive, not " + lifetime);
        }
        return new DemoCloudOptions(scenarioName, scenarioFile, port, speed, lifetime, start, seed, extraServers);
    }

    /** The virtual clock's starting instant; default: the real time at start, whole seconds. */
    public DemoCloudOptions withStart(Instant start) {
        return new DemoCloudOptions(scenarioName, scenarioFile, port, speed, tokenLifetime, start, seed, extraServers);
    }

    /** The seed of generated ids and of fault probabilities (same seed, same ids). */
    public DemoCloudOptions withSeed(long seed) {
        return new DemoCloudOptions(scenarioName, scenarioFile, port, speed, tokenLifetime, start, seed, extraServers);
    }

    /**
     * Adds this many servers of the scenario's smallest flavor (and a host per 50 of them) on top of
     * the scenario, for scale tests such as a 10,000-server cloud.
     */
    public DemoCloudOptions withExtraServers(int count) {
        if (count < 0 || count > MAX_SERVERS) {
            throw new IllegalArgumentException("extra servers must be 0.." + MAX_SERVERS + ", not " + count);
        }
        return new DemoCloudOptions(scenarioName, scenarioFile, port, speed, tokenLifetime, start, seed, count);
    }

    public int extraServers() {
        return extraServers;
    }

    public String scenarioName() {
        return scenarioName;
    }

    public Path scenarioFile() {
        return scenarioFile;
    }

    public int port() {
        return port;
    }

    /** The requested speed, or null to use the scenario's {@code clock.speed}. */
    public Double speed() {
        return speed;
    }

    public Duration tokenLifetime() {
        return tokenLifetime;
    }

    public Instant start() {
        return start;
    }

    public long seed() {
        return seed;
    }
}
