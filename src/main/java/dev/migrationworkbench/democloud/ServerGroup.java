package dev.migrationworkbench.democloud;

import java.util.ArrayList;
import java.util.List;

/** A server group with its policy; {@code maxServerPerHost} applies to anti-affinity only. */
final class ServerGroup {

    final String id;
    final String name;
    final String policy;
    final Integer maxServerPerHost;
    final List<String> memberIds = new ArrayList<>();

    ServerGroup(String id, String name, String policy, Integer maxServerPerHost) {
        this.id = id;
        this.name = name;
        this.policy = policy;
        this.maxServerPerHost = maxServerPerHost;
    }

    int maxPerHost() {
        return maxServerPerHost == null ? 1 : maxServerPerHost;
    }
}
