package dev.migrationworkbench.democloud;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.List;

/**
 * The minimal Glance and Neutron the real {@code openstack} client needs next to Nova: version
 * documents, the scenario's one image, and empty network resource lists.
 */
final class SideServices {

    static final String IMAGE = "/image";
    static final String NETWORK = "/network";

    private final String base;
    private final World world;

    SideServices(String base, World world) {
        this.base = base;
        this.world = world;
    }

    void handleImage(HttpCall call) throws IOException {
        List<String> seg = call.segmentsAfter(IMAGE);
        if (seg.isEmpty()) {
            ObjectNode body = Json.object();
            ObjectNode v = body.putArray("versions").addObject();
            v.put("id", "v2.9").put("status", "CURRENT");
            v.putArray("links").addObject().put("rel", "self").put("href", base + IMAGE + "/v2/");
            call.send(300, body);
            return;
        }
        if (seg.size() >= 2 && seg.get(0).equals("v2") && seg.get(1).equals("images")) {
            ObjectNode image = image();
            if (seg.size() == 2) {
                ObjectNode body = Json.object();
                body.putArray("images").add(image);
                body.put("first", "/v2/images").put("schema", "/v2/schemas/images");
                call.send(200, body);
                return;
            }
            if (seg.size() == 3 && seg.get(2).equals(world.imageId)) {
                call.send(200, image);
                return;
            }
        }
        call.sendBytes(404, "404 Not Found\n\nThe resource could not be found.\n".getBytes(), "text/plain");
    }

    private ObjectNode image() {
        ObjectNode i = Json.object();
        i.put("id", world.imageId).put("name", "rhel-9.4-guest").put("status", "active")
                .put("visibility", "public").put("disk_format", "qcow2").put("container_format", "bare")
                .put("min_disk", 0).put("min_ram", 0).put("size", 1_073_741_824L)
                .put("created_at", "2024-05-01T00:00:00Z").put("updated_at", "2024-05-01T00:00:00Z")
                .put("self", "/v2/images/" + world.imageId).put("schema", "/v2/schemas/image");
        i.putArray("tags");
        return i;
    }

    void handleNetwork(HttpCall call) throws IOException {
        List<String> seg = call.segmentsAfter(NETWORK);
        if (seg.isEmpty()) {
            ObjectNode body = Json.object();
            ObjectNode v = body.putArray("versions").addObject();
            v.put("id", "v2.0").put("status", "CURRENT");
            v.putArray("links").addObject().put("rel", "self").put("href", base + NETWORK + "/v2.0/");
            call.send(200, body);
            return;
        }
        if (seg.size() == 2 && seg.get(0).equals("v2.0")) {
            String resource = seg.get(1).replace(".json", "");
            ObjectNode body = Json.object();
            body.putArray(resource);
            call.send(200, body);
            return;
        }
        ObjectNode body = Json.object();
        body.putObject("NeutronError").put("type", "HTTPNotFound").put("message", "The resource could not be found.")
                .put("detail", "");
        call.send(404, body);
    }
}
