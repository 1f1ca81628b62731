package dev.migrationworkbench.democloud;

import java.time.Duration;
import java.util.regex.Pattern;

/**
 * One injected misbehaviour of the emulated cloud, e.g. {@code Fault.status(503).times(2)}. By
 * default it hits every compute API call from now on; {@link #onPaths(String)} narrows it to some
 * paths, {@link #during(Duration, Duration)} to a span of the scenario's virtual time.
 */
public final class Fault {

    enum Kind {
        LATENCY, STATUS, RATE_LIMIT, DROP_CONNECTION, RESET, MALFORMED_BODY, TRUNCATED_BODY, STALL, TRICKLE,
        ENDLESS_BODY, GZIP_BOMB
    }

    final Kind kind;
    final int status;
    final Duration duration;
    Duration interval = Duration.ZERO;
    double probability = 1.0;
    int remaining = -1;
    Duration from;
    Duration until;
    Pattern paths = Pattern.compile("/compute/v2\\.1/.+");

    private Fault(Kind kind, int status, Duration duration) {
        this.kind = kind;
        this.status = status;
        this.duration = duration;
    }

    /** Delays each matching response by {@code delay} (real time). */
    public static Fault latency(Duration delay) {
        return new Fault(Kind.LATENCY, 0, delay);
    }

    /** Answers with this status (500 or 503 are typical) and a Nova-shaped error body. */
    public static Fault status(int code) {
        if (code < 400 || code > 599) {
            throw new IllegalArgumentException("an injected error status must be 4xx or 5xx, not " + code);
        }
        return new Fault(Kind.STATUS, code, Duration.ZERO);
    }

    /** Answers 429 with a {@code Retry-After} header of this many seconds. */
    public static Fault rateLimited(Duration retryAfter) {
        return new Fault(Kind.RATE_LIMIT, 429, retryAfter);
    }

    /** Closes the connection without any response (an orderly close: the client reads the end of the stream). */
    public static Fault dropConnection() {
        return new Fault(Kind.DROP_CONNECTION, 0, Duration.ZERO);
    }

    /**
     * Resets the connection without any response: a TCP RST (SO_LINGER 0, then close), as a crashed
     * proxy or a firewall dropping state does; the client reads "connection reset".
     */
    public static Fault reset() {
        return new Fault(Kind.RESET, 0, Duration.ZERO);
    }

    /**
     * Answers 200 with a JSON-looking body that never ends (until the client goes away or 16 GiB
     * were sent): a runaway proxy or server.
     */
    public static Fault endlessBody() {
        return new Fault(Kind.ENDLESS_BODY, 200, Duration.ZERO);
    }

    /**
     * Answers 200 with {@code Content-Encoding: gzip} and about 0.5 MiB that inflate to 512 MiB of
     * JSON-looking text, whether or not the client asked for gzip.
     */
    public static Fault gzipBomb() {
        return new Fault(Kind.GZIP_BOMB, 200, Duration.ZERO);
    }

    /** Answers 200 with a body that is cut off in the middle (not valid JSON). */
    public static Fault malformedBody() {
        return new Fault(Kind.MALFORMED_BODY, 200, Duration.ZERO);
    }

    /**
     * Answers 200 with a Content-Length larger than the body it sends, then closes the connection
     * (an answer cut off by a proxy or a crash).
     */
    public static Fault truncatedBody() {
        return new Fault(Kind.TRUNCATED_BODY, 200, Duration.ZERO);
    }

    /** Sends 200, the headers and the start of a body, then nothing for {@code stall}; then closes the connection. */
    public static Fault stall(Duration stall) {
        return new Fault(Kind.STALL, 200, stall);
    }

    /**
     * Sends 200, the headers and then one byte of body every {@code interval} for {@code duration}
     * (never silent long enough for a between-bytes timeout); then closes the connection.
     */
    public static Fault trickle(Duration interval, Duration duration) {
        Fault f = new Fault(Kind.TRICKLE, 200, duration);
        f.interval = interval;
        return f;
    }

    /** Hits a matching request with this probability (0..1); default 1. */
    public Fault probability(double p) {
        if (p < 0 || p > 1) {
            throw new IllegalArgumentException("a probability is between 0 and 1, not " + p);
        }
        this.probability = p;
        return this;
    }

    /** Stops after hitting this many requests; default unlimited. */
    public Fault times(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("times must be at least 1, not " + n);
        }
        this.remaining = n;
        return this;
    }

    /**
     * Only while the scenario's virtual time since its start is at least {@code from} and below
     * {@code until} (either may be null: no bound), e.g. a cloud that fails in the middle of a
     * migration and then recovers.
     */
    public Fault during(Duration from, Duration until) {
        if (from != null && until != null && until.compareTo(from) <= 0) {
            throw new IllegalArgumentException("a fault's until (" + until + ") must come after its from (" + from + ")");
        }
        this.from = from;
        this.until = until;
        return this;
    }

    boolean activeAt(Duration sinceStart) {
        return (from == null || sinceStart.compareTo(from) >= 0) && (until == null || sinceStart.compareTo(until) < 0);
    }

    /** Only requests whose path matches this regular expression (e.g. {@code /identity/.*}, {@code .*}). */
    public Fault onPaths(String regex) {
        this.paths = Pattern.compile(regex);
        return this;
    }

    @Override
    public String toString() {
        return kind + (status > 0 ? " " + status : "") + (duration.isZero() ? "" : " " + duration)
                + " p=" + probability + (remaining >= 0 ? " times=" + remaining : "")
                + (from != null ? " from " + from : "") + (until != null ? " until " + until : "") + " on " + paths;
    }
}
