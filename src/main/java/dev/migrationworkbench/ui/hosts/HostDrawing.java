package dev.migrationworkbench.ui.hosts;

import dev.migrationworkbench.model.CpuList;
import dev.migrationworkbench.model.HostTopology;
import dev.migrationworkbench.ui.Styles;
import java.text.MessageFormat;
import java.util.List;
import java.util.Optional;
import java.util.ResourceBundle;
import javafx.scene.control.Label;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

/**
 * A small drawing of one host: a box per NUMA node with its CPUs, memory and hugepages, the NICs
 * attached to the node they sit on (a NIC of unknown locality in a box of its own), and the
 * instance's pinned CPUs and NICs marked when an instance is given.
 */
final class HostDrawing extends VBox {

    HostDrawing(HostTopology host, String instanceId, ResourceBundle resources) {
        getStyleClass().add("host-drawing");
        setSpacing(8);
        Label title = new Label(host.host() + "  ·  " + orDash(host.release()) + "  ·  nova-compute " + orDash(host.novaComputeVersion()));
        title.getStyleClass().add("section-title");
        getChildren().add(title);

        Optional<HostTopology.InstancePlacement> placement = instanceId == null || instanceId.isBlank() ? Optional.empty()
                : host.instances().stream().filter(p -> instanceId.trim().equals(p.instanceUuid())).findFirst();

        HBox nodes = new HBox(8);
        for (HostTopology.NumaNode node : host.numaNodes()) {
            nodes.getChildren().add(nodeBox(host, node, placement, resources));
        }
        List<HostTopology.Nic> unknown = host.nics().stream().filter(HostTopology.Nic::localityUnknown).toList();
        if (!unknown.isEmpty()) {
            VBox box = new VBox(4, new Label(resources.getString("hosts.drawing.unknownNode")));
            box.getStyleClass().addAll("numa-node", "numa-node-unknown");
            FlowPane chips = new FlowPane(4, 4);
            unknown.forEach(nic -> chips.getChildren().add(nicChip(nic, placement)));
            box.getChildren().add(chips);
            nodes.getChildren().add(box);
        }
        getChildren().add(nodes);
    }

    private static VBox nodeBox(HostTopology host, HostTopology.NumaNode node, Optional<HostTopology.InstancePlacement> placement,
            ResourceBundle resources) {
        Label name = new Label(MessageFormat.format(resources.getString("hosts.drawing.node"), node.id()));
        name.getStyleClass().add("numa-node-title");
        Label cpus = new Label("CPU " + CpuList.format(node.cpus()));
        Label memory = new Label(String.format("%,d MiB", node.memoryTotalMb())
                + (node.memoryFreeMb() == null ? "" : String.format(" (%,d free)", node.memoryFreeMb())));
        VBox box = new VBox(3, name, cpus, memory);
        box.getStyleClass().add("numa-node");
        for (HostTopology.HugepagePool pool : node.hugepages()) {
            box.getChildren().add(new Label(MessageFormat.format(resources.getString("hosts.drawing.hugepages"),
                    pool.sizeKb() >= 1048576 ? pool.sizeKb() / 1048576 + "G" : pool.sizeKb() / 1024 + "M", pool.free(), pool.total())));
        }
        List<Integer> pinnedHere = host.instances().stream().flatMap(p -> p.pinnedCpus().stream())
                .filter(node.cpus()::contains).toList();
        if (!pinnedHere.isEmpty()) {
            box.getChildren().add(new Label(MessageFormat.format(resources.getString("hosts.drawing.pinned"), CpuList.format(pinnedHere))));
        }
        placement.ifPresent(p -> {
            List<Integer> mine = p.pinnedCpus().stream().filter(node.cpus()::contains).toList();
            if (!mine.isEmpty() || p.memoryNodes().contains(node.id())) {
                Label instance = new Label(MessageFormat.format(resources.getString("hosts.drawing.instance"),
                        mine.isEmpty() ? "—" : CpuList.format(mine)));
                instance.getStyleClass().add("instance-chip");
                box.getChildren().add(instance);
            }
        });
        FlowPane chips = new FlowPane(4, 4);
        host.nics().stream().filter(n -> n.numaNode() == node.id()).forEach(nic -> chips.getChildren().add(nicChip(nic, placement)));
        if (!chips.getChildren().isEmpty()) {
            box.getChildren().add(chips);
        }
        return box;
    }

    private static Label nicChip(HostTopology.Nic nic, Optional<HostTopology.InstancePlacement> placement) {
        String speed = nic.speedMbps() == null ? "" : " " + nic.speedMbps() / 1000 + "G";
        Label chip = new Label(nic.name() + speed);
        chip.getStyleClass().add("nic-chip");
        if (nic.localityUnknown()) {
            chip.getStyleClass().add(Styles.DIFF_CHANGED);
        }
        if (placement.isPresent() && placement.get().nics().contains(nic.name())) {
            chip.getStyleClass().add("nic-used");
        }
        return chip;
    }

    private static String orDash(String text) {
        return text == null ? "—" : text;
    }
}
