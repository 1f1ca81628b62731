package dev.migrationworkbench.model;

import java.time.Instant;
import java.util.List;

/** An instance action ({@code os-instance-actions}) with its events when shown in detail. */
public record InstanceAction(
        String action,
        String requestId,
        String instanceUuid,
        String message,
        String projectId,
        String userId,
        Instant startTime,
        Instant updatedAt,
        List<Event> events) {

    public InstanceAction {
        events = events == null ? List.of() : List.copyOf(events);
    }

    /**
     * An event: {@code traceback} needs admin, {@code host} 2.62+, {@code details} 2.84+ (Nova's
     * fault-style message of a failed event).
     */
    public record Event(
            String event,
            Instant startTime,
            Instant finishTime,
            String result,
            String traceback,
            String host,
            String hostId,
            String details) {

        public boolean failed() {
            return "Error".equalsIgnoreCase(result);
        }
    }
}
