package dev.migrationworkbench.democloud;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Typed reads from a scenario's YAML tree that record a problem (line, field, expectation) instead of failing. */
final class ScenarioFields {

    private static final Pattern DURATION_PART = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|s|m|h)");

    final String file;
    final List<ScenarioException.Problem> problems = new ArrayList<>();

    ScenarioFields(String file) {
        this.file = file;
    }

    void problem(YamlNode at, String message) {
        problems.add(new ScenarioException.Problem(file, at.line, at.path, message));
    }

    void missing(YamlNode parent, String key, String expected) {
        String field = parent.path.isEmpty() ? key : parent.path + "." + key;
        problems.add(new ScenarioException.Problem(file, parent.line, field, "missing; expected " + expected));
    }

    /** The node as a mapping with only the allowed keys; an empty map (and a problem) otherwise. */
    Map<String, YamlNode> mapping(YamlNode node, Set<String> allowed) {
        if (!node.isMap()) {
            problem(node, "expected a mapping with the fields " + new TreeSet<>(allowed) + ", found " + node.kind());
            return Map.of();
        }
        for (Map.Entry<String, YamlNode> e : node.map().entrySet()) {
            if (!allowed.contains(e.getKey())) {
                problem(e.getValue(), "unknown field; expected one of " + new TreeSet<>(allowed));
            }
        }
        return node.map();
    }

    List<YamlNode> list(Map<String, YamlNode> m, YamlNode parent, String key) {
        YamlNode n = m.get(key);
        if (n == null || n.isNull()) {
            return List.of();
        }
        if (!n.isList()) {
            problem(n, "expected a list, found " + n.kind());
            return List.of();
        }
        return n.list();
    }

    String string(Map<String, YamlNode> m, YamlNode parent, String key, String fallback) {
        YamlNode n = m.get(key);
        if (n == null || n.isNull()) {
            return fallback;
        }
        if (!n.isScalar()) {
            problem(n, "expected a text value, found " + n.kind());
            return fallback;
        }
        return n.text();
    }

    String required(Map<String, YamlNode> m, YamlNode parent, String key, String expected) {
        String s = string(m, parent, key, null);
        if (s == null && !m.containsKey(key)) {
            missing(parent, key, expected);
        } else if (s == null || s.isBlank()) {
            problem(m.get(key), "must not be empty; expected " + expected);
            s = null;
        }
        return s;
    }

    String oneOf(Map<String, YamlNode> m, YamlNode parent, String key, String fallback, Set<String> allowed) {
        String s = string(m, parent, key, fallback);
        if (s != null && !allowed.contains(s)) {
            problem(m.get(key), "'" + s + "' is not allowed; expected one of " + new TreeSet<>(allowed));
            return fallback;
        }
        return s;
    }

    long integer(Map<String, YamlNode> m, YamlNode parent, String key, long fallback, long min) {
        YamlNode n = m.get(key);
        if (n == null || n.isNull()) {
            return fallback;
        }
        try {
            long v = Long.parseLong(n.isScalar() ? n.text().trim() : "x");
            if (v < min) {
                problem(n, "must be at least " + min + ", found " + v);
                return fallback;
            }
            return v;
        } catch (NumberFormatException e) {
            problem(n, "expected a whole number, found " + n.kind());
            return fallback;
        }
    }

    Long optionalInteger(Map<String, YamlNode> m, YamlNode parent, String key, long min) {
        YamlNode n = m.get(key);
        return n == null || n.isNull() ? null : integer(m, parent, key, min, min);
    }

    double number(Map<String, YamlNode> m, YamlNode parent, String key, double fallback, double min) {
        YamlNode n = m.get(key);
        if (n == null || n.isNull()) {
            return fallback;
        }
        try {
            double v = Double.parseDouble(n.isScalar() ? n.text().trim() : "x");
            if (v < min || Double.isNaN(v)) {
                problem(n, "must be at least " + min + ", found " + n.text());
                return fallback;
            }
            return v;
        } catch (NumberFormatException e) {
            problem(n, "expected a number, found " + n.kind());
            return fallback;
        }
    }

    boolean bool(Map<String, YamlNode> m, YamlNode parent, String key, boolean fallback) {
        YamlNode n = m.get(key);
        if (n == null || n.isNull()) {
            return fallback;
        }
        if (n.isScalar() && (n.text().equals("true") || n.text().equals("false"))) {
            return Boolean.parseBoolean(n.text());
        }
        problem(n, "expected true or false, found " + n.kind());
        return fallback;
    }

    /** Times like {@code 45s}, {@code 2m}, {@code 1h30m}, {@code 500ms}; a bare number means seconds. */
    Duration duration(Map<String, YamlNode> m, YamlNode parent, String key, Duration fallback) {
        YamlNode n = m.get(key);
        if (n == null || n.isNull()) {
            return fallback;
        }
        Duration d = n.isScalar() ? parseDuration(n.text().trim()) : null;
        if (d == null) {
            problem(n, "expected a time like 45s, 2m, 1h30m or 500ms, found " + n.kind());
            return fallback;
        }
        return d;
    }

    static Duration parseDuration(String text) {
        if (text.matches("\\d+(\\.\\d+)?")) {
            return Duration.ofMillis(Math.round(Double.parseDouble(text) * 1000));
        }
        Matcher matcher = DURATION_PART.matcher(text);
        int end = 0;
        double millis = 0;
        while (matcher.find() && matcher.start() == end) {
            double v = Double.parseDouble(matcher.group(1));
            millis += v * switch (matcher.group(2)) {
                case "ms" -> 1;
                case "s" -> 1000;
                case "m" -> 60_000;
                default -> 3_600_000;
            };
            end = matcher.end();
        }
        return end == text.length() && end > 0 ? Duration.ofMillis(Math.round(millis)) : null;
    }

    void throwIfAny() {
        if (!problems.isEmpty()) {
            throw new ScenarioException(problems);
        }
    }
}
