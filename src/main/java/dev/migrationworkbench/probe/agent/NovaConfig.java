package dev.migrationworkbench.probe.agent;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The whitelisted nova.conf keys (docs/PROBE-AGENT.md): everything else, passwords above all,
 * is dropped while parsing and never reaches a report.
 */
public final class NovaConfig {

    /** Where nova.conf lives on plain, TripleO/RHOSP (containerised) and Kolla hosts, in that order. */
    static final List<String> DEFAULT_LOCATIONS = List.of(
            "etc/nova/nova.conf",
            "var/lib/config-data/puppet-generated/nova_libvirt/etc/nova/nova.conf",
            "etc/kolla/nova-compute/nova.conf");

    /**
     * RHOSO 18 data-plane nodes keep no nova.conf on the host: the fragments in this folder whose
     * names match {@code *nova*.conf} are copied into the nova_compute container's
     * /etc/nova/nova.conf.d/ (edpm-ansible roles/edpm_nova/templates/config.json.j2), read in name order.
     */
    static final String EDPM_FRAGMENTS = "var/lib/openstack/config/nova";

    private static final Map<String, Set<String>> KEYS = Map.of(
            "DEFAULT", Set.of("host", "reserved_host_memory_mb", "reserved_host_cpus", "reserved_huge_pages", "vcpu_pin_set",
                    "ram_allocation_ratio", "initial_ram_allocation_ratio"),
            "compute", Set.of("cpu_dedicated_set", "cpu_shared_set", "packing_host_numa_cells_allocation_strategy"),
            "libvirt", Set.of("cpu_mode", "cpu_models", "cpu_model_extra_flags", "virt_type"),
            "workarounds", Set.of("enable_numa_live_migration"),
            "neutron", Set.of("physnets"),
            "neutron_tunnel", Set.of("numa_nodes"),
            "upgrade_levels", Set.of("compute"));

    private final String configuredPath;

    /** @param configuredPath a nova.conf relative to the root, or null for the default locations */
    public NovaConfig(String configuredPath) {
        this.configuredPath = configuredPath;
    }

    public record Result(Map<String, String> values, List<String> warnings) {
    }

    static boolean allowed(String section, String key) {
        if (section.startsWith("neutron_physnet_")) {
            return key.equals("numa_nodes");
        }
        if (section.equals("libvirt") && key.startsWith("live_migration_")) {
            return !key.equals("live_migration_uri");
        }
        return KEYS.getOrDefault(section, Set.of()).contains(key);
    }

    public Result read(Path root) {
        List<String> warnings = new ArrayList<>();
        Path main = null;
        if (configuredPath != null) {
            main = root.resolve(configuredPath.replaceFirst("^/+", ""));
        } else {
            for (String location : DEFAULT_LOCATIONS) {
                if (Files.exists(root.resolve(location))) {
                    main = root.resolve(location);
                    break;
                }
            }
        }
        List<Path> files = new ArrayList<>();
        Path edpm = root.resolve(EDPM_FRAGMENTS);
        if (main == null && Files.isDirectory(edpm)) {
            addConfFiles(edpm, name -> name.contains("nova"), files, warnings);
        } else if (main == null) {
            warnings.add("no nova.conf found (looked for " + String.join(", ", DEFAULT_LOCATIONS) + " and "
                    + EDPM_FRAGMENTS + "/*nova*.conf under " + root + ")");
        } else {
            files.add(main);
        }
        Path confD = root.resolve("etc/nova/nova.conf.d");
        if (Files.isDirectory(confD)) {
            addConfFiles(confD, name -> true, files, warnings);
        }
        Map<String, String> values = new TreeMap<>();
        for (Path file : files) {
            try {
                values.putAll(allowedValues(Files.readString(file, StandardCharsets.UTF_8)));
            } catch (IOException e) {
                warnings.add("cannot read " + file + ": " + e.getClass().getSimpleName()
                        + (e.getMessage() == null ? "" : " " + e.getMessage()));
            }
        }
        return new Result(values, warnings);
    }

    /**
     * The whitelisted options of one nova.conf text as {@code section.key → value}; everything else
     * (passwords, transport URLs) is dropped here.
     */
    public static Map<String, String> allowedValues(String text) {
        Map<String, String> values = new TreeMap<>();
        parseIni(text).forEach((section, keys) -> keys.forEach((key, value) -> {
            if (allowed(section, key)) {
                values.put(section + "." + key, value);
            }
        }));
        return values;
    }

    private static void addConfFiles(Path dir, java.util.function.Predicate<String> nameFilter, List<Path> files,
            List<String> warnings) {
        try (Stream<Path> entries = Files.list(dir)) {
            entries.filter(p -> p.getFileName().toString().endsWith(".conf") && nameFilter.test(p.getFileName().toString()))
                    .sorted().forEach(files::add);
        } catch (IOException e) {
            warnings.add("cannot list " + dir + ": " + e.getMessage());
        }
    }

    /** oslo.config style INI: [section], key = value, # and ; comments; keys lower-cased. */
    static Map<String, Map<String, String>> parseIni(String text) {
        Map<String, Map<String, String>> sections = new LinkedHashMap<>();
        String section = "DEFAULT";
        for (String raw : text.split("\r?\n")) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#") || line.startsWith(";") || Character.isWhitespace(raw.charAt(0))) {
                continue;
            }
            if (line.startsWith("[") && line.endsWith("]")) {
                section = line.substring(1, line.length() - 1).trim();
                continue;
            }
            int eq = line.indexOf('=');
            int colon = line.indexOf(':');
            int sep = eq < 0 ? colon : (colon < 0 ? eq : Math.min(eq, colon));
            if (sep > 0) {
                String key = line.substring(0, sep).trim().toLowerCase(Locale.ROOT);
                sections.computeIfAbsent(section, s -> new LinkedHashMap<>()).put(key, line.substring(sep + 1).trim());
            }
        }
        return sections;
    }
}
