package dev.migrationworkbench.model;

import java.time.Instant;
import java.util.Map;

/** A Nova server as the admin API shows it ({@code GET /servers/detail}). */
public record Server(
        String id,
        String name,
        String status,
        String vmState,
        String taskState,
        Integer powerState,
        String host,
        String hypervisorHostname,
        String hostStatus,
        String flavorId,
        String flavorName,
        Map<String, String> flavorExtraSpecs,
        String projectId,
        String userId,
        Integer progress,
        Boolean locked,
        Fault fault,
        Instant created,
        Instant updated) {

    public Server {
        flavorExtraSpecs = flavorExtraSpecs == null ? Map.of() : Map.copyOf(flavorExtraSpecs);
    }

    /** Nova's fault record, shown only while the server is ERROR or DELETED. */
    public record Fault(Integer code, String message, String details, Instant created) {
    }

    public boolean isError() {
        return "ERROR".equalsIgnoreCase(status) || "error".equalsIgnoreCase(vmState);
    }
}
