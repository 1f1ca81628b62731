package dev.migrationworkbench.service;

import dev.migrationworkbench.model.Server;
import java.util.List;

/** One page of servers; {@code nextMarker} is null on the last page. */
public record ServerPage(List<Server> servers, String nextMarker) {

    public ServerPage {
        servers = List.copyOf(servers);
    }
}
