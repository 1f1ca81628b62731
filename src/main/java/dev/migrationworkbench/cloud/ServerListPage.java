package dev.migrationworkbench.cloud;

import dev.migrationworkbench.model.Server;
import java.util.List;

/** One page of {@code /servers/detail}; {@code nextMarker} null on the last page. */
public record ServerListPage(List<Server> servers, String nextMarker) {

    public ServerListPage {
        servers = List.copyOf(servers);
    }
}
