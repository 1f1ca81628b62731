package dev.migrationworkbench.diagnosis;

/** What a finding is about: a server, a migration or a host, by ID and display name. */
public record Subject(Kind kind, String id, String name) {

    public enum Kind {
        SERVER,
        MIGRATION,
        HOST
    }

    public static Subject server(String id, String name) {
        return new Subject(Kind.SERVER, id, name);
    }

    public static Subject migration(String id) {
        return new Subject(Kind.MIGRATION, id, id);
    }

    public static Subject host(String name) {
        return new Subject(Kind.HOST, name, name);
    }
}
