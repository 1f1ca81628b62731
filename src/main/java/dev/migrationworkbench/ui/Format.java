package dev.migrationworkbench.ui;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/** Numbers, sizes, rates, durations and times as the views show them ("—" when unknown). */
public final class Format {

    public static final String NONE = "—";
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());
    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneId.systemDefault());
    private static final double MIB = 1024.0 * 1024.0;
    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();

    private Format() {
    }

    public static String mib(Number bytes) {
        return bytes == null ? NONE : String.format("%,.0f MiB", bytes.doubleValue() / MIB);
    }

    public static String rate(Double bytesPerSecond) {
        return bytesPerSecond == null ? NONE : String.format("%,.0f MiB/s", bytesPerSecond / MIB);
    }

    public static String millis(Long millis) {
        return millis == null ? NONE : millis + " ms";
    }

    /** {@code 1:02:05} or {@code 2:05}. */
    public static String duration(Duration duration) {
        if (duration == null) {
            return NONE;
        }
        long s = Math.max(0, duration.toSeconds());
        return s >= 3600 ? String.format("%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
                : s >= 60 ? String.format("%d:%02d", s / 60, s % 60) : String.format("%.1f s", duration.toMillis() / 1000.0);
    }

    public static String time(Instant instant) {
        return instant == null ? NONE : TIME.format(instant);
    }

    public static String dateTime(Instant instant) {
        return instant == null ? NONE : DATE_TIME.format(instant);
    }

    public static String orNone(String text) {
        return text == null || text.isBlank() ? NONE : text;
    }

    /**
     * An API response as a person reads it: JSON indented two spaces per level, keys in Nova's order;
     * anything that is not JSON (an HTML error page, a truncated body) exactly as received.
     */
    public static String prettyJson(String body) {
        if (body == null) {
            return null;
        }
        String trimmed = body.strip();
        if (!(trimmed.startsWith("{") || trimmed.startsWith("["))) {
            return body;
        }
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(JSON.readTree(trimmed));
        } catch (java.io.IOException e) {
            return body;
        }
    }
}
