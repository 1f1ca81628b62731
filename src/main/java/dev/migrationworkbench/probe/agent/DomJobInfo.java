package dev.migrationworkbench.probe.agent;

import dev.migrationworkbench.model.LibvirtJob;
import dev.migrationworkbench.model.MigrationJobStats;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses {@code virsh domjobinfo} output ({@code Label:   value unit} lines). */
public final class DomJobInfo {

    private static final Pattern NUMBER = Pattern.compile("^(-?[0-9]+(?:\\.[0-9]+)?)\\s*(\\S*)");

    private DomJobInfo() {
    }

    /**
     * @param postCopy whether the domain is in post-copy (from {@code virsh domstate --reason}), null if unknown
     * @throws IllegalArgumentException when the output has no {@code Job type} line or a number cannot be read
     */
    public static LibvirtJob parse(String instanceUuid, String output, Boolean postCopy) {
        Map<String, String> raw = new LinkedHashMap<>();
        for (String line : output.split("\r?\n")) {
            int colon = line.indexOf(':');
            if (colon > 0) {
                raw.put(line.substring(0, colon).trim(), line.substring(colon + 1).trim());
            }
        }
        String type = raw.get("Job type");
        if (type == null) {
            throw new IllegalArgumentException("virsh domjobinfo printed no 'Job type' line: " + abbreviate(output));
        }
        String jobType = type.toLowerCase(Locale.ROOT);
        MigrationJobStats stats = null;
        if (!"none".equals(jobType)) {
            Long dirtyPages = number(raw, "Dirty rate");
            Long pageSize = number(raw, "Page size");
            Long downtime = number(raw, "Expected downtime");
            Long throttle = number(raw, "Auto converge throttle");
            stats = new MigrationJobStats(
                    number(raw, "Time elapsed"),
                    number(raw, "Memory total"),
                    number(raw, "Memory processed"),
                    number(raw, "Memory remaining"),
                    number(raw, "Memory bandwidth"),
                    dirtyPages == null || pageSize == null ? null : dirtyPages * pageSize,
                    number(raw, "Iteration"),
                    throttle == null ? null : throttle.intValue(),
                    downtime != null ? downtime : number(raw, "Total downtime"),
                    postCopy);
        }
        return new LibvirtJob(instanceUuid, Instant.now(), jobType, stats, raw);
    }

    /** A value in its base unit: bytes for B/KiB/MiB/GiB/TiB (also /s), otherwise the plain number. */
    private static Long number(Map<String, String> raw, String label) {
        String value = raw.get(label);
        if (value == null) {
            return null;
        }
        Matcher m = NUMBER.matcher(value);
        if (!m.find()) {
            throw new IllegalArgumentException("virsh domjobinfo: '" + label + "' is not a number: '" + value + "'");
        }
        String unit = m.group(2).replace("/s", "");
        long factor = switch (unit) {
            case "KiB" -> 1L << 10;
            case "MiB" -> 1L << 20;
            case "GiB" -> 1L << 30;
            case "TiB" -> 1L << 40;
            case "PiB" -> 1L << 50;
            default -> 1L;
        };
        return new BigDecimal(m.group(1)).multiply(BigDecimal.valueOf(factor)).setScale(0, RoundingMode.HALF_UP).longValueExact();
    }

    private static String abbreviate(String text) {
        String oneLine = text.strip().replace('\n', ' ');
        return oneLine.length() > 200 ? oneLine.substring(0, 200) + "…" : oneLine;
    }
}
