package dev.migrationworkbench.probe.client;

import java.time.Instant;

/** {@code GET /v1/health}: who the agent is and whether it can read instances. */
public record AgentHealth(String status, String agentVersion, String host, Instant startedAt, boolean virshAvailable) {
}
