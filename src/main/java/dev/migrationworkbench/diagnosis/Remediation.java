package dev.migrationworkbench.diagnosis;

import java.util.List;

/**
 * One thing to do about a finding: what and why (a message), and the exact {@code openstack}
 * commands, with the real server, migration and host IDs filled in, when commands apply.
 */
public record Remediation(TextRef text, List<String> commands) {

    public Remediation {
        commands = commands == null ? List.of() : List.copyOf(commands);
    }

    public static Remediation of(TextRef text, String... commands) {
        return new Remediation(text, List.of(commands));
    }
}
