package dev.migrationworkbench.action;

import java.util.List;

/** Why an action cannot be taken now: a message key of the bundle and its arguments. */
public record Blocker(String key, List<String> args) {

    public Blocker {
        args = List.copyOf(args);
    }

    static Blocker of(String key, Object... args) {
        return new Blocker(key, java.util.Arrays.stream(args).map(String::valueOf).toList());
    }
}
