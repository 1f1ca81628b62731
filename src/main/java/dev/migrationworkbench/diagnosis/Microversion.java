package dev.migrationworkbench.diagnosis;

/** Compares Nova microversions ("2.9" is below "2.10"). */
public final class Microversion {

    private Microversion() {
    }

    public static int compare(String a, String b) {
        int[] x = parse(a);
        int[] y = parse(b);
        return x[0] != y[0] ? Integer.compare(x[0], y[0]) : Integer.compare(x[1], y[1]);
    }

    private static int[] parse(String version) {
        String v = version.trim();
        int dot = v.indexOf('.');
        try {
            return dot < 0 ? new int[] {Integer.parseInt(v), 0}
                    : new int[] {Integer.parseInt(v.substring(0, dot)), Integer.parseInt(v.substring(dot + 1))};
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a microversion: '" + version + "' (expected e.g. 2.80)", e);
        }
    }
}
