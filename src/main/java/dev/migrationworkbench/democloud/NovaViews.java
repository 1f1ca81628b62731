package dev.migrationworkbench.democloud;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * Nova's response documents for the emulated admin user, field by field per microversion
 * (nova/api/openstack/compute/views/*.py; shapes checked against the upstream samples vendored in
 * src/test/resources/openstack-api-samples).
 */
final class NovaViews {

    private final String computeUrl;
    private final World world;

    NovaViews(String computeUrl, World world) {
        this.computeUrl = computeUrl;
        this.world = world;
    }

    String selfUrl(String path) {
        return computeUrl + "/v2.1/" + world.projectId + "/" + path;
    }

    String bookmarkUrl(String path) {
        return computeUrl + "/" + world.projectId + "/" + path;
    }

    ObjectNode serverBrief(Server s) {
        ObjectNode o = Json.object();
        o.put("id", s.id);
        o.set("links", Json.links(selfUrl("servers/" + s.id), bookmarkUrl("servers/" + s.id)));
        o.put("name", s.name);
        return o;
    }

    /** A server as GET /servers/{id} ({@code show}) or GET /servers/detail shows it to an admin. */
    /** The scenario's image's properties, as Glance holds them (2.98's server view, the image proxy's metadata). */
    ObjectNode imageProperties() {
        return Json.object().put("architecture", "x86_64").put("hw_machine_type", "q35");
    }

    /** api/openstack/compute/views/images.py show: the image proxy's view of the scenario's one image. */
    ObjectNode image(String id) {
        if (!world.imageId.equals(id)) {
            throw ApiError.notFound("Image not found.");
        }
        ObjectNode body = Json.object();
        ObjectNode i = body.putObject("image");
        i.put("id", id).put("name", "rhel-9.4-guest").put("minRam", 0).put("minDisk", 0)
                .put("created", "2024-05-01T00:00:00Z").put("updated", "2024-05-01T00:00:00Z")
                .put("status", "ACTIVE").put("progress", 100).put("OS-EXT-IMG-SIZE:size", 1_073_741_824L);
        i.set("metadata", imageProperties());
        i.set("links", Json.links(selfUrl("images/" + id), bookmarkUrl("images/" + id)));
        return body;
    }

    ObjectNode server(Server s, Microversion v, boolean show) {
        ObjectNode o = Json.object();
        String status = s.status();
        o.put("accessIPv4", "").put("accessIPv6", "");
        ObjectNode addresses = o.putObject("addresses");
        addresses.putArray("private").addObject()
                .put("addr", "10.0." + (s.index / 250) % 256 + "." + (s.index % 250 + 2))
                .put("OS-EXT-IPS-MAC:mac_addr", String.format("fa:16:3e:%02x:%02x:%02x",
                        (s.index >> 16) & 0xff, (s.index >> 8) & 0xff, s.index & 0xff))
                .put("OS-EXT-IPS:type", "fixed").put("version", 4);
        o.put("created", Json.isoSeconds(s.created));
        if (v.atLeast(19)) {
            o.putNull("description");
        }
        if (v.atLeast(9)) {
            o.put("locked", s.locked);
        }
        if (v.atLeast(73)) {
            o.putNull("locked_reason");
        }
        o.set("flavor", flavorOfServer(s.flavor, v));
        o.put("hostId", s.host == null ? "" : hostId(s.host));
        if (v.atLeast(16)) {
            o.put("host_status", hostStatus(s));
        }
        o.put("id", s.id);
        ObjectNode image = o.putObject("image");
        image.put("id", world.imageId);
        image.putArray("links").addObject().put("href", bookmarkUrl("images/" + world.imageId)).put("rel", "bookmark");
        if (v.atLeast(98)) {
            image.set("properties", imageProperties());
        }
        o.putNull("key_name");
        o.set("links", Json.links(selfUrl("servers/" + s.id), bookmarkUrl("servers/" + s.id)));
        o.putObject("metadata");
        o.put("name", s.name);
        o.put("config_drive", "");
        o.put("OS-DCF:diskConfig", "MANUAL");
        o.put("OS-EXT-AZ:availability_zone", "nova");
        o.put("OS-EXT-SRV-ATTR:host", s.host);
        o.put("OS-EXT-SRV-ATTR:hypervisor_hostname", s.host);
        o.put("OS-EXT-SRV-ATTR:instance_name", String.format("instance-%08x", s.index + 1));
        if (v.atLeast(3)) {
            o.put("OS-EXT-SRV-ATTR:hostname", s.name);
            o.put("OS-EXT-SRV-ATTR:kernel_id", "");
            o.put("OS-EXT-SRV-ATTR:launch_index", 0);
            o.put("OS-EXT-SRV-ATTR:ramdisk_id", "");
            o.put("OS-EXT-SRV-ATTR:reservation_id", "r-" + s.id.substring(0, 8));
            o.put("OS-EXT-SRV-ATTR:root_device_name", "/dev/vda");
            o.putNull("OS-EXT-SRV-ATTR:user_data");
        }
        o.put("OS-EXT-STS:power_state", s.powerState);
        o.put("OS-EXT-STS:task_state", s.taskState);
        o.put("OS-EXT-STS:vm_state", s.vmState);
        ArrayNode volumes = o.putArray("os-extended-volumes:volumes_attached");
        if (s.flavor.diskGb() == 0) {
            ObjectNode vol = volumes.addObject().put("id", s.id.substring(0, 24) + "0000boot0000");
            if (v.atLeast(3)) {
                vol.put("delete_on_termination", false);
            }
        }
        o.put("OS-SRV-USG:launched_at", Json.novaTime(s.launchedAt));
        o.put("OS-SRV-USG:terminated_at", Json.novaTime(s.deletedAt));
        if (v.atLeast(96)) {
            o.putNull("pinned_availability_zone");
        }
        if (List.of("ACTIVE", "BUILD", "REBUILD", "RESIZE", "VERIFY_RESIZE", "MIGRATING").contains(status)) {
            o.put("progress", s.progress);
        }
        o.putArray("security_groups").addObject().put("name", "default");
        if (v.atLeast(71) && show) {
            ArrayNode groups = o.putArray("server_groups");
            if (s.group != null) {
                groups.add(s.group.id);
            }
        }
        if (v.atLeast(100)) {
            ObjectNode hints = o.putObject("scheduler_hints");
            if (s.group != null) {
                hints.put("group", s.group.id);
            }
        }
        o.put("status", status);
        if (v.atLeast(26)) {
            o.putArray("tags");
        }
        o.put("tenant_id", world.projectId);
        if (v.atLeast(63)) {
            o.putNull("trusted_image_certificates");
        }
        o.put("updated", Json.isoSeconds(s.updated));
        o.put("user_id", world.userId);
        if (s.fault != null && ("ERROR".equals(status) || "DELETED".equals(status))) {
            ObjectNode fault = o.putObject("fault");
            fault.put("code", s.fault.code()).put("created", Json.isoSeconds(s.fault.created()))
                    .put("message", s.fault.message());
            if (s.fault.details() != null && !s.fault.details().isEmpty()) {
                fault.put("details", s.fault.details());
            }
        }
        return o;
    }

    private String hostStatus(Server s) {
        Host h = s.host == null ? null : world.hosts.get(s.host);
        if (h == null) {
            return "";
        }
        if (h.forcedDown) {
            return "DOWN";
        }
        if (!h.up) {
            return "UNKNOWN";
        }
        return h.enabled ? "UP" : "MAINTENANCE";
    }

    /** sha224(project_id + host), as Nova's {@code hostId}. */
    String hostId(String host) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-224")
                    .digest((world.projectId + host).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-224 is part of every JDK", e);
        }
    }

    private ObjectNode flavorOfServer(Flavor f, Microversion v) {
        ObjectNode o = Json.object();
        if (!v.atLeast(47)) {
            o.put("id", f.id());
            o.putArray("links").addObject().put("href", bookmarkUrl("flavors/" + f.id())).put("rel", "bookmark");
            return o;
        }
        o.put("disk", f.diskGb()).put("ephemeral", f.ephemeralGb());
        ObjectNode specs = o.putObject("extra_specs");
        f.extraSpecs().forEach(specs::put);
        o.put("original_name", f.name()).put("ram", f.ramMb()).put("swap", f.swapMb()).put("vcpus", f.vcpus());
        return o;
    }

    ObjectNode flavor(Flavor f, Microversion v, boolean detail) {
        ObjectNode o = Json.object();
        o.put("id", f.id());
        o.set("links", Json.links(selfUrl("flavors/" + f.id()), bookmarkUrl("flavors/" + f.id())));
        o.put("name", f.name());
        if (v.atLeast(55)) {
            o.putNull("description");
        }
        if (!detail) {
            return o;
        }
        o.put("OS-FLV-DISABLED:disabled", false).put("disk", f.diskGb())
                .put("OS-FLV-EXT-DATA:ephemeral", f.ephemeralGb()).put("os-flavor-access:is_public", true)
                .put("ram", f.ramMb()).put("rxtx_factor", 1.0).put("vcpus", f.vcpus());
        if (f.swapMb() == 0 && !v.atLeast(75)) {
            o.put("swap", "");
        } else {
            o.put("swap", f.swapMb());
        }
        if (v.atLeast(61)) {
            ObjectNode specs = o.putObject("extra_specs");
            f.extraSpecs().forEach(specs::put);
        }
        return o;
    }

    ObjectNode service(String binary, Host h, int id, String uuid, String zone, Microversion v) {
        ObjectNode o = Json.object();
        if (v.atLeast(53)) {
            o.put("id", uuid);
        } else {
            o.put("id", id);
        }
        o.put("binary", binary).put("disabled_reason", h == null ? null : h.disabledReason)
                .put("host", h == null ? "controller-0" : h.name)
                .put("state", h == null || h.serviceUp() ? "up" : "down")
                .put("status", h == null || h.enabled ? "enabled" : "disabled")
                .put("updated_at", Json.novaTime(h == null || h.up ? world.now().minusSeconds(3) : h.serviceUpdatedAt));
        if (v.atLeast(11)) {
            o.put("forced_down", h != null && h.forcedDown);
        }
        o.put("zone", zone);
        return o;
    }

    ObjectNode hypervisorBrief(Host h, Microversion v) {
        ObjectNode o = Json.object();
        o.put("hypervisor_hostname", h.name);
        if (v.atLeast(53)) {
            o.put("id", h.hypervisorUuid);
        } else {
            o.put("id", h.hypervisorId());
        }
        o.put("state", h.serviceUp() ? "up" : "down").put("status", h.enabled ? "enabled" : "disabled");
        return o;
    }

    /** Detail/show; {@code withServers} is null when the client did not ask (2.53+ query parameter). */
    ObjectNode hypervisor(Host h, Microversion v, Boolean withServers) {
        ObjectNode o = hypervisorBrief(h, v);
        o.put("host_ip", h.hostIp).put("hypervisor_type", h.hypervisorType).put("hypervisor_version", h.hypervisorVersion);
        ObjectNode svc = o.putObject("service");
        svc.put("host", h.name);
        if (v.atLeast(53)) {
            svc.put("id", h.serviceUuid);
        } else {
            svc.put("id", h.serviceId);
        }
        svc.put("disabled_reason", h.disabledReason);
        List<Server> on = world.serversOn(h.name);
        if (!v.atLeast(88)) {
            long ramUsed = 512;
            int vcpusUsed = 0;
            long diskUsed = 0;
            for (Server s : on) {
                ramUsed += s.flavor.ramMb();
                vcpusUsed += s.flavor.vcpus();
                diskUsed += s.flavor.diskGb() + s.flavor.ephemeralGb();
            }
            ObjectNode cpu = Json.object();
            cpu.put("arch", "x86_64").put("model", h.cpuModel).put("vendor", "Intel");
            cpu.putArray("features").add("pge").add("clflush").add("vmx");
            cpu.putObject("topology").put("cores", Math.max(1, h.vcpus / 4)).put("threads", 2)
                    .put("sockets", Math.max(1, h.numa.size()));
            if (v.atLeast(28)) {
                o.set("cpu_info", cpu);
            } else {
                o.put("cpu_info", cpu.toString());
            }
            o.put("current_workload", 0).put("disk_available_least", h.localGb - diskUsed)
                    .put("free_disk_gb", h.localGb - diskUsed).put("free_ram_mb", h.memoryMb - ramUsed)
                    .put("local_gb", h.localGb).put("local_gb_used", diskUsed).put("memory_mb", h.memoryMb)
                    .put("memory_mb_used", ramUsed).put("running_vms", on.size()).put("vcpus", h.vcpus)
                    .put("vcpus_used", vcpusUsed);
        } else {
            o.put("uptime", " 10:14:03 up 41 days,  2:01,  0 users,  load average: 1.02, 0.98, 0.91");
        }
        if (v.atLeast(53)) {
            // servers only when asked for with with_servers=true; from 2.75 even when empty
            if (Boolean.TRUE.equals(withServers) && (!on.isEmpty() || v.atLeast(75))) {
                ArrayNode servers = o.putArray("servers");
                for (Server s : on) {
                    servers.addObject().put("name", s.name).put("uuid", s.id);
                }
            }
        }
        return o;
    }

    ObjectNode serverGroup(ServerGroup g, Microversion v) {
        ObjectNode o = Json.object();
        o.put("id", g.id).put("name", g.name);
        if (v.atLeast(64)) {
            o.put("policy", g.policy);
            ObjectNode rules = o.putObject("rules");
            if (g.maxServerPerHost != null) {
                rules.put("max_server_per_host", g.maxServerPerHost);
            }
        } else {
            o.putArray("policies").add(g.policy);
        }
        ArrayNode members = o.putArray("members");
        for (String id : g.memberIds) {
            if (world.server(id) != null) {
                members.add(id);
            }
        }
        if (!v.atLeast(64)) {
            o.putObject("metadata");
        }
        if (v.atLeast(13)) {
            o.put("project_id", world.projectId).put("user_id", world.userId);
        }
        return o;
    }

    /** GET /servers/{id}/migrations[/{mid}] (server_migrations.py output()). */
    ObjectNode serverMigration(Migration m, Microversion v) {
        ObjectNode o = Json.object();
        o.put("created_at", Json.novaTime(m.created)).put("dest_compute", m.destCompute).putNull("dest_host")
                .put("dest_node", m.destCompute).put("id", m.id).put("server_uuid", m.server.id)
                .put("source_compute", m.sourceCompute).put("source_node", m.sourceCompute).put("status", m.status)
                .put("memory_total_bytes", m.memoryTotal).put("memory_processed_bytes", m.memoryProcessed)
                .put("memory_remaining_bytes", m.memoryRemaining).put("disk_total_bytes", m.diskTotal)
                .put("disk_processed_bytes", m.diskProcessed).put("disk_remaining_bytes", m.diskRemaining)
                .put("updated_at", Json.novaTime(m.updated));
        if (v.atLeast(59)) {
            o.put("uuid", m.uuid);
        }
        if (v.atLeast(80)) {
            o.put("user_id", m.userId).put("project_id", m.projectId);
        }
        return o;
    }

    /** GET /os-migrations (migrations.py): no byte counters; links only for in-progress live migrations. */
    ObjectNode osMigration(Migration m, Microversion v, int flavorDbId) {
        ObjectNode o = Json.object();
        o.put("created_at", Json.novaTime(m.created)).put("dest_compute", m.destCompute).putNull("dest_host")
                .put("dest_node", m.destCompute).put("id", m.id).put("instance_uuid", m.server.id)
                .put("new_instance_type_id", flavorDbId).put("old_instance_type_id", flavorDbId)
                .put("source_compute", m.sourceCompute).put("source_node", m.sourceCompute).put("status", m.status)
                .put("updated_at", Json.novaTime(m.updated));
        if (v.atLeast(23)) {
            o.put("migration_type", m.type);
            if (m.isLive() && m.inProgress()) {
                String path = "servers/" + m.server.id + "/migrations/" + m.id;
                o.set("links", Json.links(selfUrl(path), bookmarkUrl(path)));
            }
        }
        if (v.atLeast(59)) {
            o.put("uuid", m.uuid);
        }
        if (v.atLeast(80)) {
            o.put("user_id", m.userId).put("project_id", m.projectId);
        }
        return o;
    }

    /** os-instance-actions list entry (without events) or show (with events), for the admin user. */
    ObjectNode instanceAction(InstanceAction a, Microversion v, boolean withEvents) {
        ObjectNode o = Json.object();
        o.put("action", a.action).put("instance_uuid", a.serverId).put("message", a.message)
                .put("project_id", a.projectId).put("request_id", a.requestId)
                .put("start_time", Json.novaTime(a.start));
        if (v.atLeast(58)) {
            o.put("updated_at", Json.novaTime(a.updated));
        }
        o.put("user_id", a.userId);
        if (withEvents) {
            ArrayNode events = o.putArray("events");
            for (InstanceAction.Event e : a.events) {
                ObjectNode ev = events.addObject();
                ev.put("event", e.name).put("finish_time", Json.novaTime(e.finish)).put("result", e.result)
                        .put("start_time", Json.novaTime(e.start)).put("traceback", e.traceback);
                if (v.atLeast(62)) {
                    ev.put("host", e.host).put("hostId", e.host == null ? "" : hostId(e.host));
                }
                if (v.atLeast(84)) {
                    ev.put("details", e.details);
                }
            }
        }
        return o;
    }
}
