package dev.migrationworkbench.ui.backend;

/**
 * A cloud the Connect view offers: a clouds.yaml entry, or the embedded demo cloud running one of
 * its scenarios ({@code scenario} is null for clouds.yaml entries).
 */
public record ConnectTarget(Kind kind, String name, String scenario) {

    public enum Kind {
        CLOUDS_YAML,
        DEMO
    }

    public static ConnectTarget cloud(String name) {
        return new ConnectTarget(Kind.CLOUDS_YAML, name, null);
    }

    public static ConnectTarget demo(String scenario) {
        return new ConnectTarget(Kind.DEMO, "demo", scenario);
    }

    public boolean isDemo() {
        return kind == Kind.DEMO;
    }
}
