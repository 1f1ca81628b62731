package dev.migrationworkbench.model;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/** The kernel's CPU list syntax ({@code 0-3,8,10-11}), as in sysfs, libvirt and nova.conf. */
public final class CpuList {

    private CpuList() {
    }

    /** Parses a CPU list; blank means empty. Throws IllegalArgumentException naming the bad part. */
    public static List<Integer> parse(String text) {
        TreeSet<Integer> cpus = new TreeSet<>();
        if (text == null || text.isBlank()) {
            return List.of();
        }
        for (String part : text.trim().split(",")) {
            String p = part.trim();
            if (p.isEmpty() || p.startsWith("^")) {
                continue;
            }
            try {
                int dash = p.indexOf('-');
                if (dash < 0) {
                    cpus.add(Integer.parseInt(p));
                } else {
                    int from = Integer.parseInt(p.substring(0, dash).trim());
                    int to = Integer.parseInt(p.substring(dash + 1).trim());
                    if (to < from || to - from > 65536) {
                        throw new IllegalArgumentException("bad CPU range '" + p + "' in '" + text + "'");
                    }
                    for (int c = from; c <= to; c++) {
                        cpus.add(c);
                    }
                }
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("bad CPU list element '" + p + "' in '" + text + "'", e);
            }
        }
        for (String part : text.trim().split(",")) {
            String p = part.trim();
            if (p.startsWith("^")) {
                parse(p.substring(1)).forEach(cpus::remove);
            }
        }
        return List.copyOf(cpus);
    }

    /** Formats CPUs as the shortest list of ranges. */
    public static String format(List<Integer> cpus) {
        List<Integer> sorted = new ArrayList<>(new TreeSet<>(cpus));
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < sorted.size(); i++) {
            int start = sorted.get(i);
            int end = start;
            while (i + 1 < sorted.size() && sorted.get(i + 1) == end + 1) {
                end = sorted.get(++i);
            }
            if (out.length() > 0) {
                out.append(',');
            }
            out.append(start);
            if (end > start) {
                out.append('-').append(end);
            }
        }
        return out.toString();
    }
}
