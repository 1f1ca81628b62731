package dev.migrationworkbench.cloud;

import dev.migrationworkbench.model.Flavor;
import dev.migrationworkbench.model.Server;
import java.util.List;

/**
 * A server with what its JSON says beyond the {@link Server} record: its server groups (2.71+,
 * else empty) and its flavor as embedded from 2.47 on (else null: fetch it by {@code flavorId}).
 */
public record ServerDetail(Server server, List<String> serverGroupIds, Flavor embeddedFlavor) {

    public ServerDetail {
        serverGroupIds = serverGroupIds == null ? List.of() : List.copyOf(serverGroupIds);
    }
}
