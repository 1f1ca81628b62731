package dev.migrationworkbench.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.migrationworkbench.i18n.Messages;
import dev.migrationworkbench.model.HostTopology;
import dev.migrationworkbench.model.Migration;
import dev.migrationworkbench.offline.OfflineCase;
import java.util.Locale;

/** {@code diagnose --offline} without {@code --server}: what was read, the hosts, the live migrations found. */
final class OfflineListing {

    private final Messages messages;

    OfflineListing(Messages messages) {
        this.messages = messages;
    }

    String text(OfflineCase c) {
        StringBuilder out = new StringBuilder();
        out.append(messages.get("offline.list.read")).append('\n');
        c.inputs().forEach(i -> out.append("   ").append(messages.get("offline.list.input", i.origin(), i.logFiles(),
                i.logLines())).append('\n'));
        out.append('\n').append(messages.get("offline.list.hosts", c.hosts().size())).append('\n');
        for (OfflineCase.Host h : c.hosts()) {
            HostTopology t = h.facts().topology();
            out.append("   ").append(messages.get("offline.list.host", h.name(), h.origin(), t.numaNodes().size(),
                    t.nics().size(), t.instances().size())).append('\n');
            h.facts().missing().forEach(m -> out.append("      - ").append(messages.get("offline.list.missing", m)).append('\n'));
            h.facts().warnings().forEach(w -> out.append("      ! ").append(w).append('\n'));
        }
        out.append('\n').append(messages.get("offline.list.migrations", c.migrations().size())).append('\n');
        if (!c.migrations().isEmpty()) {
            out.append(String.format(Locale.ROOT, "   %-3s %-36s %-18s %-25s %-20s %-20s %8s %6s%n", "#",
                    messages.get("offline.list.col.instance"), messages.get("offline.list.col.name"),
                    messages.get("offline.list.col.hosts"), messages.get("offline.list.col.status"),
                    messages.get("offline.list.col.started"), messages.get("offline.list.col.seconds"),
                    messages.get("offline.list.col.samples")));
        }
        for (OfflineCase.FoundMigration f : c.migrations()) {
            Migration m = f.migration();
            out.append(String.format(Locale.ROOT, "   %-3d %-36s %-18s %-25s %-20s %-20s %8d %6d%n", m.id(), m.serverId(),
                    f.serverName() == null ? "-" : f.serverName(),
                    (m.sourceCompute() == null ? "?" : m.sourceCompute()) + " → " + (m.destCompute() == null ? "?" : m.destCompute()),
                    m.status(), m.createdAt() == null ? "-" : m.createdAt().toString(), OfflineCase.seconds(m),
                    f.episode().samples().size()));
        }
        out.append('\n').append(messages.get("offline.list.next")).append('\n');
        return out.toString();
    }

    String json(OfflineCase c) throws com.fasterxml.jackson.core.JsonProcessingException {
        ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode root = json.createObjectNode();
        root.put("schemaVersion", 1);
        ArrayNode inputs = root.putArray("inputs");
        c.inputs().forEach(i -> inputs.addObject().put("origin", i.origin()).put("logFiles", i.logFiles())
                .put("logLines", i.logLines()));
        ArrayNode hosts = root.putArray("hosts");
        for (OfflineCase.Host h : c.hosts()) {
            ObjectNode host = hosts.addObject();
            HostTopology t = h.facts().topology();
            host.put("name", h.name()).put("origin", h.origin()).put("numaNodes", t.numaNodes().size())
                    .put("nics", t.nics().size()).put("guests", t.instances().size());
            ArrayNode missing = host.putArray("missing");
            h.facts().missing().forEach(missing::add);
            ArrayNode warnings = host.putArray("warnings");
            h.facts().warnings().forEach(warnings::add);
        }
        ArrayNode migrations = root.putArray("migrations");
        for (OfflineCase.FoundMigration f : c.migrations()) {
            Migration m = f.migration();
            ObjectNode o = migrations.addObject();
            o.put("id", m.id());
            o.put("uuid", m.uuid());
            o.put("instanceUuid", m.serverId());
            o.put("serverName", f.serverName());
            o.put("sourceCompute", m.sourceCompute());
            o.put("destCompute", m.destCompute());
            o.put("status", m.status());
            o.put("firstLine", m.createdAt() == null ? null : m.createdAt().toString());
            o.put("lastLine", m.updatedAt() == null ? null : m.updatedAt().toString());
            o.put("progressLines", f.episode().samples().size());
            ObjectNode sources = o.putObject("sources");
            f.sources().forEach((k, v) -> sources.put(k, v.toString()));
        }
        return json.writeValueAsString(root);
    }
}
