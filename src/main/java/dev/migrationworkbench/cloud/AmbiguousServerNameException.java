package dev.migrationworkbench.cloud;

import dev.migrationworkbench.model.Server;
import java.util.List;
import java.util.stream.Collectors;

/** Several servers carry the requested name; the user must pick one by ID. */
public class AmbiguousServerNameException extends CloudException {

    private static final long serialVersionUID = 1L;

    private final transient List<Server> candidates;

    public AmbiguousServerNameException(String name, List<Server> candidates) {
        super(Kind.BAD_REQUEST, candidates.size() + " servers are named '" + name + "'; use an ID: "
                + candidates.stream().map(s -> s.id() + " (" + s.status() + ", host " + s.host() + ")")
                        .collect(Collectors.joining(", ")));
        this.candidates = List.copyOf(candidates);
    }

    public List<Server> candidates() {
        return candidates;
    }
}
