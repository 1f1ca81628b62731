package dev.migrationworkbench.model;

import java.util.List;

/**
 * A server group. {@code policy} is the one policy (read from {@code policies[0]} before 2.64);
 * {@code maxServerPerHost} is the anti-affinity rule (null when not set or not reported).
 */
public record ServerGroup(String id, String name, String policy, Integer maxServerPerHost, List<String> members) {

    public ServerGroup {
        members = members == null ? List.of() : List.copyOf(members);
    }
}
