package dev.migrationworkbench.diagnosis.numa;

import java.util.Locale;
import java.util.Map;

/**
 * Reads a key of a host's whitelisted nova.conf as the probe agent reports it, whatever form the key
 * takes: {@code live_migration_downtime}, {@code libvirt.live_migration_downtime} or
 * {@code [libvirt] live_migration_downtime}.
 */
public final class NovaConf {

    private NovaConf() {
    }

    public static String get(Map<String, String> config, String option) {
        if (config == null) {
            return null;
        }
        String wanted = option.toLowerCase(Locale.ROOT);
        for (Map.Entry<String, String> e : config.entrySet()) {
            String key = e.getKey().toLowerCase(Locale.ROOT).trim();
            int cut = Math.max(Math.max(key.lastIndexOf('.'), key.lastIndexOf(']')), Math.max(key.lastIndexOf('/'), key.lastIndexOf(':')));
            String bare = key.substring(cut + 1).trim();
            if (bare.equals(wanted) && e.getValue() != null) {
                return e.getValue().trim();
            }
        }
        return null;
    }
}
