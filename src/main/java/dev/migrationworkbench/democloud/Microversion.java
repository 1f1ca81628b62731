package dev.migrationworkbench.democloud;

/** A Nova microversion such as 2.80; ordered numerically (2.9 &lt; 2.10). */
record Microversion(int major, int minor) implements Comparable<Microversion> {

    static final Microversion MIN = new Microversion(2, 1);

    /** Parses {@code 2.80}; returns null when the text is not of the form Major.Minor. */
    static Microversion parse(String text) {
        String[] parts = text.trim().split("\\.");
        if (parts.length != 2) {
            return null;
        }
        try {
            int major = Integer.parseInt(parts[0]);
            int minor = Integer.parseInt(parts[1]);
            return major < 0 || minor < 0 ? null : new Microversion(major, minor);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    static Microversion of(String text) {
        Microversion v = parse(text);
        if (v == null) {
            throw new IllegalArgumentException("not a microversion: " + text);
        }
        return v;
    }

    boolean atLeast(int minorOf2) {
        return major > 2 || (major == 2 && minor >= minorOf2);
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
