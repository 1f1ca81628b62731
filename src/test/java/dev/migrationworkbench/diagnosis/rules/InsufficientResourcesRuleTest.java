package dev.migrationworkbench.diagnosis.rules;

import static dev.migrationworkbench.diagnosis.Worlds.evidence;
import static dev.migrationworkbench.diagnosis.rules.RuleTestSupport.diagnose;
import static dev.migrationworkbench.diagnosis.rules.RuleTestSupport.only;
import static org.assertj.core.api.Assertions.assertThat;

import dev.migrationworkbench.diagnosis.Confidence;
import dev.migrationworkbench.diagnosis.Diagnosis;
import dev.migrationworkbench.diagnosis.FindingCode;
import dev.migrationworkbench.diagnosis.Worlds;
import dev.migrationworkbench.model.HostTopology;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InsufficientResourcesRuleTest {

    @Test
    void novasLackOfMemoryMessageIsReported() {
        Diagnosis d = diagnose(evidence().server(Worlds.server("ACTIVE", "c0"))
                .migration(Worlds.migration(6, "error", "c0", "c1", 0))
                .action(Worlds.liveMigration("r", 0, Worlds.failed("conductor_live_migrate_instance",
                        "Migration pre-check error: Unable to migrate " + Worlds.VM + " to c1: Lack of memory(host:1024 <= instance:16384)")))
                .build());
        assertThat(only(d, FindingCode.INSUFFICIENT_RESOURCES).confidence()).isEqualTo(Confidence.HIGH);
        assertThat(d.codes()).containsExactly(FindingCode.INSUFFICIENT_RESOURCES);
    }

    @Test
    void aFullDestinationExplainsNoValidHost() {
        Diagnosis d = diagnose(evidence().server(Worlds.server("ACTIVE", "c0"))
                .flavor(Worlds.flavor(8, 16384, Map.of()))
                .migration(Worlds.migration(6, "error", "c0", "c1", 0))
                .action(Worlds.liveMigration("r", 0, Worlds.failed("conductor_live_migrate_instance", "No valid host was found. ")))
                .hypervisor(Worlds.hypervisor("c1", 65536, 60000, List.of()))
                .build());
        var f = only(d, FindingCode.INSUFFICIENT_RESOURCES);
        assertThat(f.evidence()).anySatisfy(e -> assertThat(e.value()).startsWith("65536 × 1.0 − 60000 = 5536 <= 16384"));
        assertThat(only(d, FindingCode.SCHEDULER_NO_VALID_HOST).explainedBy()).containsExactly(FindingCode.INSUFFICIENT_RESOURCES);
    }

    @Test
    void theHostsRamAllocationRatioCountsAsInNovasConductor() {
        HostTopology overcommitted = new HostTopology("c1", Worlds.T0, "17.1", "23", "cpu", List.of(), List.of(), List.of(),
                Map.of("DEFAULT.ram_allocation_ratio", "1.5"), List.of());
        Diagnosis d = diagnose(evidence().server(Worlds.server("ACTIVE", "c0"))
                .flavor(Worlds.flavor(8, 16384, Map.of()))
                .migration(Worlds.migration(6, "error", "c0", "c1", 0))
                .action(Worlds.liveMigration("r", 0, Worlds.failed("conductor_live_migrate_instance", "No valid host was found. ")))
                .hypervisor(Worlds.hypervisor("c1", 65536, 60000, List.of()))
                .topology(overcommitted)
                .build());
        // 65536 × 1.5 − 60000 = 38304 MiB: room for 16 GiB, so memory is not what stopped it
        assertThat(d.codes()).doesNotContain(FindingCode.INSUFFICIENT_RESOURCES);
        // exactly as much as the flavor is still refused (avail <= mem_inst)
        Diagnosis exact = diagnose(evidence().server(Worlds.server("ACTIVE", "c0"))
                .flavor(Worlds.flavor(8, 16384, Map.of()))
                .migration(Worlds.migration(6, "error", "c0", "c1", 0))
                .action(Worlds.liveMigration("r", 0, Worlds.failed("conductor_live_migrate_instance", "No valid host was found. ")))
                .hypervisor(Worlds.hypervisor("c1", 65536, 65536 - 16384, List.of()))
                .build());
        assertThat(exact.codes()).contains(FindingCode.INSUFFICIENT_RESOURCES);
    }

    @Test
    void hugepagesOnNoSingleNodeAreAShortage() {
        HostTopology c1 = new HostTopology("c1", Worlds.T0, "17.1", "23", "cpu", List.of(),
                List.of(new HostTopology.NumaNode(0, List.of(0, 1, 2, 3), 65536, 30000L, List.of(10, 21),
                                List.of(new HostTopology.HugepagePool(1048576, 16, 4))),
                        new HostTopology.NumaNode(1, List.of(4, 5, 6, 7), 65536, 30000L, List.of(21, 10),
                                List.of(new HostTopology.HugepagePool(1048576, 16, 6)))),
                List.of(), Map.of(), List.of());
        Diagnosis d = diagnose(evidence().server(Worlds.server("ACTIVE", "c0"))
                .flavor(Worlds.flavor(4, 8192, Map.of("hw:mem_page_size", "1GB", "hw:cpu_policy", "dedicated")))
                .migration(Worlds.migration(6, "error", "c0", "c1", 0))
                .action(Worlds.liveMigration("r", 0, Worlds.failed("conductor_live_migrate_instance", "No valid host was found. ")))
                .topology(c1)
                .build());
        assertThat(only(d, FindingCode.INSUFFICIENT_RESOURCES).evidence())
                .anySatisfy(e -> assertThat(e.value()).contains("free hugepage memory 4096 MiB < 8192 MiB"));
    }

    @Test
    void enoughRoomIsNotReportedAndUnknownCapacityIsANote() {
        Diagnosis roomy = diagnose(evidence().server(Worlds.server("ACTIVE", "c0"))
                .flavor(Worlds.flavor(8, 16384, Map.of()))
                .migration(Worlds.migration(6, "error", "c0", "c1", 0))
                .action(Worlds.liveMigration("r", 0, Worlds.failed("compute_live_migration", "libvirtError: End of file")))
                .hypervisor(Worlds.hypervisor("c1", 262144, 1000, List.of()))
                .build());
        assertThat(roomy.codes()).containsExactly(FindingCode.MIGRATION_FAILED_OTHER);
        Diagnosis unknown = diagnose(evidence().server(Worlds.server("ACTIVE", "c0"))
                .flavor(Worlds.flavor(8, 16384, Map.of()))
                .migration(Worlds.migration(6, "error", "c0", "c1", 0))
                .action(Worlds.liveMigration("r", 0, Worlds.failed("compute_live_migration", "libvirtError: End of file")))
                .build());
        assertThat(unknown.notes()).anySatisfy(n -> assertThat(n.code()).isEqualTo(FindingCode.INSUFFICIENT_RESOURCES));
    }
}
