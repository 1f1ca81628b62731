package dev.migrationworkbench.cloud;

import dev.migrationworkbench.model.Flavor;
import dev.migrationworkbench.model.Server;
import java.util.List;
import java.util.Map;

/**
 * A server with what its JSON says beyond the {@link Server} record: its server groups (2.71+,
 * else empty), its flavor as embedded from 2.47 on (else null: fetch it by {@code flavorId}), its
 * image's ID (null when booted from volume) and the image's properties as embedded from 2.98 on
 * (else null: fetch them by {@code imageId}).
 */
public record ServerDetail(Server server, List<String> serverGroupIds, Flavor embeddedFlavor, String imageId,
        Map<String, String> embeddedImageProperties) {

    public ServerDetail {
        serverGroupIds = serverGroupIds == null ? List.of() : List.copyOf(serverGroupIds);
        embeddedImageProperties = embeddedImageProperties == null ? null : Map.copyOf(embeddedImageProperties);
    }
}
