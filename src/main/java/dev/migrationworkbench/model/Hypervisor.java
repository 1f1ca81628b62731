package dev.migrationworkbench.model;

import java.util.List;

/**
 * An entry of {@code GET /os-hypervisors/detail}. The capacity fields are null from microversion
 * 2.88 on, where Nova stopped reporting them.
 */
public record Hypervisor(
        String id,
        String hostname,
        String type,
        Long version,
        String hostIp,
        String state,
        String status,
        String serviceHost,
        String serviceDisabledReason,
        Integer vcpus,
        Integer vcpusUsed,
        Integer memoryMb,
        Integer memoryMbUsed,
        Integer freeRamMb,
        Integer localGb,
        Integer localGbUsed,
        Integer runningVms,
        String cpuInfo,
        List<String> serverIds) {

    public Hypervisor {
        serverIds = serverIds == null ? List.of() : List.copyOf(serverIds);
    }
}
