package dev.migrationworkbench.cloud;

/** A Nova API microversion such as {@code 2.80}; ordered numerically (2.9 &lt; 2.10). */
public record Microversion(int major, int minor) implements Comparable<Microversion> {

    /** The version Nova uses when a request names none. */
    public static final Microversion BASE = new Microversion(2, 1);

    public static Microversion of(int minor) {
        return new Microversion(2, minor);
    }

    /** Parses {@code "2.80"}; blank means {@link #BASE} (a legacy v2 endpoint has no microversions). */
    public static Microversion parse(String text) {
        if (text == null || text.isBlank()) {
            return BASE;
        }
        String t = text.trim();
        int dot = t.indexOf('.');
        try {
            if (dot < 0) {
                return new Microversion(Integer.parseInt(t), 0);
            }
            return new Microversion(Integer.parseInt(t.substring(0, dot)), Integer.parseInt(t.substring(dot + 1)));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a microversion: '" + text + "' (expected e.g. 2.80)", e);
        }
    }

    public boolean atLeast(Microversion other) {
        return compareTo(other) >= 0;
    }

    public boolean atLeast(int minor) {
        return atLeast(of(minor));
    }

    @Override
    public int compareTo(Microversion o) {
        return major != o.major ? Integer.compare(major, o.major) : Integer.compare(minor, o.minor);
    }

    @Override
    public String toString() {
        return major + "." + minor;
    }
}
