package dev.migrationworkbench.diagnosis.numa;

import static dev.migrationworkbench.diagnosis.numa.Hosts.host;
import static dev.migrationworkbench.diagnosis.numa.Hosts.nic;
import static dev.migrationworkbench.diagnosis.numa.Hosts.placed;
import static org.assertj.core.api.Assertions.assertThat;

import dev.migrationworkbench.diagnosis.Worlds;
import dev.migrationworkbench.diagnosis.numa.NumaDiff.Field;
import dev.migrationworkbench.model.HostTopology;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NumaDifferTest {

    private final NumaDiffer differ = new NumaDiffer();

    private static InstanceNeeds pinned(int vcpus, int ramMb) {
        return InstanceNeeds.of(Worlds.VM, "m1.numa", ramMb, vcpus,
                Map.of("hw:cpu_policy", "dedicated", "hw:mem_page_size", "1GB"), Map.of());
    }

    private static InstanceNeeds plain() {
        return InstanceNeeds.of(Worlds.VM, "m1.large", 4096, 4, Map.of(), Map.of());
    }

    @Test
    void theGuidesFirstExampleNic1OnNode0AtTheSourceAndNode5AtTheDestination() {
        HostTopology source = host("c0", 2, 16, List.of(nic("ens1f0", 0, "datacentre")),
                List.of(placed(Worlds.VM, "2-5", 0, "ens1f0")));
        HostTopology dest = host("c1", 8, 4, List.of(nic("ens1f0", 5, "datacentre")), List.of());
        NumaDiff diff = differ.diff(source, dest, pinned(4, 4096));
        assertThat(diff.nodes()).hasSize(8);
        assertThat(diff.nodes().get(5).source()).isNull();
        assertThat(diff.nodes().get(5).differing()).containsExactly(Field.PRESENCE);
        // Nova's fit puts it on the destination's first node with room: node 0, not "the source's node"
        assertThat(diff.instanceDestNodes()).containsExactly(0);
        assertThat(diff.instanceDestNodesPredicted()).isTrue();
        NumaDiff.NicRow nic = diff.nics().get(0);
        assertThat(nic.usedByInstance()).isTrue();
        assertThat(nic.differing()).contains(Field.NUMA_NODE, Field.NIC_NODE_VS_INSTANCE);
        assertThat(diff.harmful()).anySatisfy(d -> {
            assertThat(d.kind()).isEqualTo(NumaDiff.Difference.Kind.NIC);
            assertThat(d.nic()).isEqualTo("ens1f0");
            assertThat(d.field()).isEqualTo(Field.NIC_NODE_VS_INSTANCE);
            assertThat(d.sourceValue()).isEqualTo("node 0");
            assertThat(d.destValue()).isEqualTo("node 5");
        });
        assertThat(diff.harmfulForNic("ens1f0")).isTrue();
        assertThat(diff.harmfulTopology()).isTrue();
        assertThat(diff.instanceAtSource().nodes()).containsExactly(0);
    }

    @Test
    void aNicThatChangesNodeIsHarmlessWhenNovaPlacesTheInstanceNextToIt() {
        HostTopology source = host("c0", 2, 16, List.of(nic("ens1f0", 0, "datacentre")),
                List.of(placed(Worlds.VM, "2-9", 0, "ens1f0")));
        // the destination's node 0 is full, so Nova's fit takes node 1, where the NIC is
        HostTopology dest = host("c1", 2, 16, List.of(nic("ens1f0", 1, "datacentre")),
                List.of(placed("0ther-vm-0000", "0-15", 0)));
        NumaDiff diff = differ.diff(source, dest, pinned(8, 8192));
        assertThat(diff.instanceDestNodes()).containsExactly(1);
        assertThat(diff.nics().get(0).differing()).contains(Field.NUMA_NODE).doesNotContain(Field.NIC_NODE_VS_INSTANCE);
        assertThat(diff.harmfulForNic("ens1f0")).isFalse();
    }

    @Test
    void aPlainGuestNeverGetsANicFinding() {
        HostTopology source = host("c0", 2, 16, List.of(nic("ens1f0", 0, "datacentre")),
                List.of(new HostTopology.InstancePlacement(Worlds.VM, "instance-6f1c", List.of(), List.of(0, 1), null,
                        List.of("ens1f0"))));
        HostTopology dest = host("c1", 2, 16, List.of(nic("ens1f0", 1, "datacentre")),
                List.of(new HostTopology.InstancePlacement(Worlds.VM, "instance-6f1c", List.of(), List.of(0), null,
                        List.of("ens1f0"))));
        NumaDiff diff = differ.diff(source, dest, plain());
        assertThat(diff.instanceDestNodes()).isEmpty();
        assertThat(diff.harmful()).isEmpty();
    }

    @Test
    void aNicNobodyIsKnownToUseIsNeverHarmful() {
        HostTopology source = host("c0", 2, 16, List.of(nic("ens1f0", 0, "datacentre")), List.of(placed(Worlds.VM, "2-9", 0)));
        HostTopology dest = host("c1", 2, 16, List.of(nic("ens1f0", 1, "datacentre")), List.of());
        NumaDiff diff = differ.diff(source, dest, pinned(8, 8192));
        assertThat(diff.nics().get(0).usedByInstance()).isFalse();
        assertThat(diff.harmful()).isEmpty();
    }

    @Test
    void anSriovVfUnderTheLegacyPolicyConfinesNovasFitToTheNicsNode() {
        HostTopology.Nic atSource = new HostTopology.Nic("ens1f0", "0000:3b:00.0", 0, List.of(), 25000, "ice", "sriovnet",
                8, 4, null, "up", List.of("0000:3b:02.1"));
        HostTopology.Nic atDest = new HostTopology.Nic("ens1f0", "0000:d8:00.0", 1, List.of(), 25000, "ice", "sriovnet",
                8, 4, null, "up", List.of("0000:d8:02.1"));
        // the instance's interface is a VF of ens1f0 (Nova's default PCI NUMA policy: legacy)
        HostTopology source = host("c0", 2, 16, List.of(atSource), List.of(placed(Worlds.VM, "2-9", 0, "0000:3b:02.1")));
        HostTopology dest = host("c1", 2, 16, List.of(atDest), List.of());
        NumaDiff diff = differ.diff(source, dest, pinned(8, 8192));
        assertThat(diff.instanceDestNodes()).containsExactly(1);
        assertThat(diff.harmful()).isEmpty();
    }

    @Test
    void theDestinationsBusyNodeIsAvoidedByNovasSpreadAndContendedWhenNothingElseFits() {
        HostTopology source = host("c0", 2, 16, List.of(), List.of(placed(Worlds.VM, "2-9", 0)));
        HostTopology spare = host("c1", 2, 16, List.of(), List.of(placed("0ther-vm-0000", "0-5", 0)));
        NumaDiff spread = differ.diff(source, spare, pinned(8, 8192));
        assertThat(spread.instanceDestNodes()).containsExactly(1);
        assertThat(spread.harmful()).isEmpty();

        HostTopology busy = host("c1", 2, 16, List.of(),
                List.of(placed("0ther-vm-0000", "0-5", 0), placed("0ther-vm-0001", "16-31", 1)));
        NumaDiff diff = differ.diff(source, busy, pinned(8, 8192));
        assertThat(diff.instanceDestNodes()).containsExactly(0);
        assertThat(diff.harmful()).singleElement().satisfies(d -> {
            assertThat(d.field()).isEqualTo(Field.PINNED_BY_OTHERS);
            assertThat(d.node()).isEqualTo(0);
        });
        assertThat(diff.harmfulAtNode(0)).isTrue();
        assertThat(diff.harmfulAtNode(1)).isFalse();
    }

    @Test
    void identicalHostsHaveNoDifferences() {
        HostTopology a = host("c0", 2, 16, List.of(nic("ens1f0", 0, "datacentre")), List.of(placed(Worlds.VM, "2-9", 0, "ens1f0")));
        HostTopology b = host("c1", 2, 16, List.of(nic("ens1f0", 0, "datacentre")), List.of());
        assertThat(differ.diff(a, b, pinned(8, 8192)).differences()).isEmpty();
    }

    @Test
    void layoutDifferencesDoNotHurtAnInstanceWithoutNumaTopology() {
        HostTopology a = host("c0", 2, 16, List.of(), List.of());
        HostTopology b = host("c1", 4, 8, List.of(), List.of());
        NumaDiff diff = differ.diff(a, b, plain());
        assertThat(diff.differences()).isNotEmpty();
        assertThat(diff.harmful()).isEmpty();
    }
}
