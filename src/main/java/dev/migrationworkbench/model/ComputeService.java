package dev.migrationworkbench.model;

import java.time.Instant;

/** An entry of {@code GET /os-services}. {@code state} is up/down, {@code status} enabled/disabled. */
public record ComputeService(
        String id,
        String binary,
        String host,
        String zone,
        String status,
        String state,
        Boolean forcedDown,
        String disabledReason,
        Instant updatedAt) {

    public boolean isUp() {
        return "up".equalsIgnoreCase(state) && !Boolean.TRUE.equals(forcedDown);
    }

    public boolean isEnabled() {
        return "enabled".equalsIgnoreCase(status);
    }
}
