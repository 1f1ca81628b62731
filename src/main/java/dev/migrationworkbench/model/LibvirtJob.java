package dev.migrationworkbench.model;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * libvirt's current job on one domain, as a probe agent read it on the source host
 * ({@code virsh domjobinfo}). {@code jobType} is none, bounded, unbounded (a migration in
 * progress), completed, failed or cancelled; {@code stats} is null for none; {@code raw} keeps
 * every line virsh printed, verbatim.
 */
public record LibvirtJob(
        String instanceUuid,
        Instant collectedAt,
        String jobType,
        MigrationJobStats stats,
        Map<String, String> raw) {

    public LibvirtJob {
        raw = raw == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(raw));
    }

    public boolean running() {
        return "bounded".equals(jobType) || "unbounded".equals(jobType);
    }
}
