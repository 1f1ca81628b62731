package dev.migrationworkbench.diagnosis.numa;

import static dev.migrationworkbench.diagnosis.numa.Hosts.host;
import static dev.migrationworkbench.diagnosis.numa.Hosts.nic;
import static dev.migrationworkbench.diagnosis.numa.Hosts.placed;
import static org.assertj.core.api.Assertions.assertThat;

import dev.migrationworkbench.diagnosis.Worlds;
import dev.migrationworkbench.diagnosis.numa.NumaDiff.Field;
import dev.migrationworkbench.model.HostTopology;
import java.util.List;
import org.junit.jupiter.api.Test;

class NumaDifferTest {

    private final NumaDiffer differ = new NumaDiffer();

    @Test
    void theGuidesFirstExampleNic1OnNode0AtTheSourceAndNode5AtTheDestination() {
        HostTopology source = host("c0", 2, 16, List.of(nic("ens1f0", 0, "datacentre")),
                List.of(placed(Worlds.VM, "2-9", 0, "ens1f0")));
        HostTopology dest = host("c1", 8, 4, List.of(nic("ens1f0", 5, "datacentre")), List.of());
        NumaDiff diff = differ.diff(source, dest, Worlds.VM, true);
        assertThat(diff.nodes()).hasSize(8);
        assertThat(diff.nodes().get(5).source()).isNull();
        assertThat(diff.nodes().get(5).differing()).containsExactly(Field.PRESENCE);
        NumaDiff.NicRow nic = diff.nics().get(0);
        assertThat(nic.usedByInstance()).isTrue();
        assertThat(nic.differing()).contains(Field.NUMA_NODE);
        assertThat(diff.harmful()).anySatisfy(d -> {
            assertThat(d.subject()).isEqualTo("ens1f0");
            assertThat(d.sourceValue()).isEqualTo("node 0");
            assertThat(d.destValue()).isEqualTo("node 5");
        });
        assertThat(diff.harmful()).anySatisfy(d -> assertThat(d.kind()).isEqualTo(NumaDiff.Difference.Kind.TOPOLOGY));
        assertThat(diff.instanceAtSource().nodes()).containsExactly(0);
    }

    @Test
    void theGuidesSecondExampleDestinationNode0AlreadyPartlyUsed() {
        HostTopology source = host("c0", 2, 16, List.of(), List.of(placed(Worlds.VM, "2-9", 0)));
        HostTopology dest = host("c1", 2, 16, List.of(), List.of(placed("0ther-vm-0000", "0-5", 0)));
        NumaDiff diff = differ.diff(source, dest, Worlds.VM, true);
        NumaDiff.NodeRow node0 = diff.nodes().get(0);
        assertThat(node0.dest().pinnedByOthers()).containsExactly(0, 1, 2, 3, 4, 5);
        assertThat(node0.source().pinnedByOthers()).isEmpty();
        assertThat(node0.source().usedByInstance()).isTrue();
        assertThat(diff.harmful()).singleElement().satisfies(d -> {
            assertThat(d.field()).isEqualTo(Field.PINNED_BY_OTHERS);
            assertThat(d.subject()).isEqualTo("node 0");
        });
    }

    @Test
    void identicalHostsHaveNoDifferences() {
        HostTopology a = host("c0", 2, 16, List.of(nic("ens1f0", 0, "datacentre")), List.of(placed(Worlds.VM, "2-9", 0, "ens1f0")));
        HostTopology b = host("c1", 2, 16, List.of(nic("ens1f0", 0, "datacentre")), List.of());
        assertThat(differ.diff(a, b, Worlds.VM, true).differences()).isEmpty();
    }

    @Test
    void layoutDifferencesDoNotHurtAnInstanceWithoutNumaTopology() {
        HostTopology a = host("c0", 2, 16, List.of(), List.of());
        HostTopology b = host("c1", 4, 8, List.of(), List.of());
        NumaDiff diff = differ.diff(a, b, Worlds.VM, false);
        assertThat(diff.differences()).isNotEmpty();
        assertThat(diff.harmful()).isEmpty();
    }
}
