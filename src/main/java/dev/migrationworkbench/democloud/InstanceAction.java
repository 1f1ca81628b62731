package dev.migrationworkbench.democloud;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** A row of os-instance-actions with its events (nova/objects/instance_action.py). */
final class InstanceAction {

    static final class Event {
        final String name;
        final Instant start;
        final String host;
        Instant finish;
        String result;
        String traceback;
        String details;

        Event(String name, Instant start, String host) {
            this.name = name;
            this.start = start;
            this.host = host;
        }
    }

    final String requestId;
    final String action;
    final String serverId;
    final String userId;
    final String projectId;
    final Instant start;
    Instant updated;
    String message;
    final List<Event> events = new ArrayList<>();

    InstanceAction(String requestId, String action, String serverId, String userId, String projectId, Instant start) {
        this.requestId = requestId;
        this.action = action;
        this.serverId = serverId;
        this.userId = userId;
        this.projectId = projectId;
        this.start = start;
        this.updated = start;
    }
}
