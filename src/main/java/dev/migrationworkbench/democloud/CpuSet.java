package dev.migrationworkbench.democloud;

import java.util.ArrayList;
import java.util.List;

/** Linux CPU list syntax ({@code 0-3,8,10-11}), which scenario files and probe agents use. */
final class CpuSet {

    private CpuSet() {
    }

    static List<Integer> parse(String list) {
        List<Integer> cpus = new ArrayList<>();
        if (list == null || list.isBlank()) {
            return cpus;
        }
        for (String part : list.split(",")) {
            String p = part.trim();
            int dash = p.indexOf('-');
            if (dash < 0) {
                cpus.add(Integer.parseInt(p));
            } else {
                int from = Integer.parseInt(p.substring(0, dash).trim());
                int to = Integer.parseInt(p.substring(dash + 1).trim());
                for (int c = from; c <= to; c++) {
                    cpus.add(c);
                }
            }
        }
        return cpus;
    }

    static int size(String list) {
        return parse(list).size();
    }

    static String format(List<Integer> cpus) {
        StringBuilder b = new StringBuilder();
        int i = 0;
        while (i < cpus.size()) {
            int j = i;
            while (j + 1 < cpus.size() && cpus.get(j + 1) == cpus.get(j) + 1) {
                j++;
            }
            if (b.length() > 0) {
                b.append(',');
            }
            b.append(cpus.get(i));
            if (j > i) {
                b.append('-').append(cpus.get(j));
            }
            i = j + 1;
        }
        return b.toString();
    }
}
