package dev.migrationworkbench.diagnosis.numa;

import dev.migrationworkbench.diagnosis.Worlds;
import dev.migrationworkbench.model.CpuList;
import dev.migrationworkbench.model.HostTopology;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Host topologies for the NUMA/NIC tests: n equal nodes, NICs and instance placements. */
public final class Hosts {

    private Hosts() {
    }

    public static HostTopology host(String name, int nodes, int cpusPerNode, List<HostTopology.Nic> nics,
            List<HostTopology.InstancePlacement> instances) {
        List<HostTopology.NumaNode> list = new ArrayList<>();
        for (int n = 0; n < nodes; n++) {
            List<Integer> distances = new ArrayList<>();
            for (int m = 0; m < nodes; m++) {
                distances.add(m == n ? 10 : 21);
            }
            list.add(new HostTopology.NumaNode(n, CpuList.parse(n * cpusPerNode + "-" + ((n + 1) * cpusPerNode - 1)),
                    65536, 60000L, distances, List.of(new HostTopology.HugepagePool(1048576, 32, 24))));
        }
        return new HostTopology(name, Worlds.T0, "17.1", "23.2.3", "Xeon", List.of(), list, nics, Map.of(), instances);
    }

    public static HostTopology.Nic nic(String name, int node, String physnet) {
        return new HostTopology.Nic(name, "0000:3b:00." + Math.abs(name.hashCode() % 8), node, List.of(), 25000, "ice",
                physnet, 8, 0, null, "up");
    }

    public static HostTopology.InstancePlacement placed(String uuid, String cpus, int node, String... nics) {
        return new HostTopology.InstancePlacement(uuid, "instance-" + uuid.substring(0, 4), CpuList.parse(cpus),
                List.of(node), 1048576L, List.of(nics));
    }
}
