package dev.migrationworkbench.diagnosis.rules;

import static dev.migrationworkbench.diagnosis.numa.Hosts.host;
import static dev.migrationworkbench.diagnosis.numa.Hosts.nic;
import static dev.migrationworkbench.diagnosis.numa.Hosts.placed;
import static dev.migrationworkbench.diagnosis.rules.RuleTestSupport.diagnose;
import static dev.migrationworkbench.diagnosis.rules.RuleTestSupport.only;
import static org.assertj.core.api.Assertions.assertThat;

import dev.migrationworkbench.diagnosis.Diagnosis;
import dev.migrationworkbench.diagnosis.FindingCode;
import dev.migrationworkbench.diagnosis.Severity;
import dev.migrationworkbench.diagnosis.Worlds;
import dev.migrationworkbench.model.HostTopology;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** NUMA_TOPOLOGY_MISMATCH, NIC_NUMA_AFFINITY_MISMATCH, NUMA_NODE_CONTENDED and NIC_NUMA_UNKNOWN after a migration. */
class NumaRulesTest {

    private static final Map<String, String> NUMA_FLAVOR = Map.of("hw:cpu_policy", "dedicated", "hw:numa_nodes", "1",
            "hw:mem_page_size", "1GB");

    private static Diagnosis migrated(HostTopology source, HostTopology dest) {
        return diagnose(Worlds.evidence().server(Worlds.server("ACTIVE", dest.host()))
                .flavor(Worlds.flavor(8, 8192, NUMA_FLAVOR))
                .migration(Worlds.migration(30, "completed", source.host(), dest.host(), 0))
                .topology(source).topology(dest).build());
    }

    @Test
    void nic1MovingFromNode0ToNode5IsReportedWithTheTopologyChange() {
        Diagnosis d = migrated(
                host("c0", 2, 16, List.of(nic("ens1f0", 0, "datacentre")), List.of()),
                host("c1", 8, 4, List.of(nic("ens1f0", 5, "datacentre")), List.of(placed(Worlds.VM, "0-3", 0, "ens1f0"))));
        var nic = d.findings().stream().filter(f -> f.code() == FindingCode.NIC_NUMA_AFFINITY_MISMATCH).toList();
        assertThat(nic).isNotEmpty();
        assertThat(nic).anySatisfy(f -> assertThat(f.explanation().args()).contains("ens1f0", "node 0", "node 5"));
        assertThat(only(d, FindingCode.NUMA_TOPOLOGY_MISMATCH).severity()).isEqualTo(Severity.MEDIUM);
        assertThat(d.numaDiff()).isNotNull();
        assertThat(d.findings()).noneSatisfy(f -> assertThat(f.severity().isHigh()).isTrue());
    }

    @Test
    void aPlainGuestWhoseNicIsOnAnotherNodeAtTheDestinationHasNoFinding() {
        HostTopology.InstancePlacement floating = new HostTopology.InstancePlacement(Worlds.VM, "instance-6f1c",
                List.of(), List.of(0, 1), null, List.of("ens1f0"));
        Diagnosis d = diagnose(Worlds.evidence().server(Worlds.server("ACTIVE", "c1"))
                .flavor(Worlds.flavor(4, 4096, Map.of()))
                .migration(Worlds.migration(30, "completed", "c0", "c1", 0))
                .topology(host("c0", 2, 16, List.of(nic("ens1f0", 0, "datacentre")), List.of()))
                .topology(host("c1", 2, 16, List.of(nic("ens1f0", 1, "datacentre")), List.of(floating))).build());
        assertThat(d.findings()).isEmpty();
    }

    @Test
    void aNumaGuestWhoseNicUseIsUnknownGetsANoteNotAFinding() {
        Diagnosis d = migrated(
                host("c0", 2, 16, List.of(nic("ens1f0", 0, "datacentre")), List.of()),
                host("c1", 2, 16, List.of(nic("ens1f0", 1, "datacentre")), List.of(placed(Worlds.VM, "0-7", 0))));
        assertThat(d.codes()).doesNotContain(FindingCode.NIC_NUMA_AFFINITY_MISMATCH);
        assertThat(d.notes()).anySatisfy(n -> assertThat(n.text().key()).isEqualTo("diagnosis.nicAffinity.useUnknown"));
    }

    @Test
    void anImagePropertyMakesTheGuestNumaBound() {
        Diagnosis d = diagnose(Worlds.evidence().server(Worlds.server("ACTIVE", "c1"))
                .flavor(Worlds.flavor(4, 4096, Map.of())).image(Map.of("hw_cpu_policy", "dedicated"))
                .migration(Worlds.migration(30, "completed", "c0", "c1", 0))
                .topology(host("c0", 2, 16, List.of(nic("ens1f0", 0, "datacentre")), List.of()))
                .topology(host("c1", 2, 16, List.of(nic("ens1f0", 1, "datacentre")),
                        List.of(placed(Worlds.VM, "0-3", 0, "ens1f0")))).build());
        assertThat(only(d, FindingCode.NIC_NUMA_AFFINITY_MISMATCH).explanation().args()).contains("ens1f0", "node 0", "node 1");
    }

    @Test
    void aPartlyUsedDestinationNodeIsContended() {
        Diagnosis d = migrated(
                host("c0", 2, 16, List.of(), List.of()),
                host("c1", 2, 16, List.of(), List.of(placed(Worlds.VM, "8-15", 0), placed("0ther-vm-0000", "0-5", 0))));
        assertThat(only(d, FindingCode.NUMA_NODE_CONTENDED).explanation().args()).contains("node 0", "c1");
        assertThat(d.codes()).containsExactly(FindingCode.NUMA_NODE_CONTENDED);
    }

    @Test
    void aNicWithoutLocalityIsUnknown() {
        Diagnosis d = migrated(
                host("c0", 2, 16, List.of(nic("ens1f0", 0, "datacentre")), List.of()),
                host("c1", 2, 16, List.of(nic("ens1f0", -1, "datacentre")), List.of(placed(Worlds.VM, "2-9", 0, "ens1f0"))));
        assertThat(only(d, FindingCode.NIC_NUMA_UNKNOWN).severity()).isEqualTo(Severity.MEDIUM);
        assertThat(d.codes()).doesNotContain(FindingCode.NIC_NUMA_AFFINITY_MISMATCH);
    }

    @Test
    void withoutAgentsItSaysWhatItCouldNotCompare() {
        Diagnosis d = diagnose(Worlds.evidence().server(Worlds.server("ACTIVE", "c1"))
                .flavor(Worlds.flavor(8, 8192, NUMA_FLAVOR))
                .migration(Worlds.migration(30, "completed", "c0", "c1", 0)).build());
        assertThat(d.findings()).isEmpty();
        assertThat(d.notes()).anySatisfy(n -> assertThat(n.text().key()).isEqualTo("diagnosis.numa.notChecked"));
    }
}
