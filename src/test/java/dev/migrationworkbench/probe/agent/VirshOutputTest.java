package dev.migrationworkbench.probe.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.migrationworkbench.model.HostTopology.InstancePlacement;
import dev.migrationworkbench.model.LibvirtJob;
import dev.migrationworkbench.model.MigrationJobStats;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The parsers of captured virsh outputs (dumpxml, domjobinfo). */
class VirshOutputTest {

    private static String capture(String name) throws Exception {
        return Files.readString(ProbeFixtures.resource("probe/virsh/" + name));
    }

    @Test
    void pinnedHugepageGuestWithAnSriovVfAndAnOvsPort() throws Exception {
        InstancePlacement p = DomainXml.parse(capture("dumpxml-7f9c0d4e-2a51-4c38-9a57-0c1c3f6f7e21.xml"), 2048L);
        assertThat(p.instanceUuid()).isEqualTo("7f9c0d4e-2a51-4c38-9a57-0c1c3f6f7e21");
        assertThat(p.domainName()).isEqualTo("instance-0000002a");
        assertThat(p.pinnedCpus()).containsExactly(20, 21, 22, 23);
        assertThat(p.vcpuPins()).isEqualTo(Map.of(0, List.of(20), 1, List.of(21), 2, List.of(22), 3, List.of(23)));
        assertThat(p.emulatorCpus()).containsExactly(16, 17, 18, 19);
        assertThat(p.memoryNodes()).containsExactly(1);
        assertThat(p.memoryMode()).isEqualTo("strict");
        assertThat(p.hugepageSizeKb()).isEqualTo(1048576L);
        assertThat(p.nics()).containsExactly("0000:5e:01.1", "tap8c1f0e2b-4a");
    }

    @Test
    void floatingGuestWithDefaultHugepagesMacvtapAndVhostUser() throws Exception {
        InstancePlacement p = DomainXml.parse(capture("dumpxml-0b1e3c55-9d7a-4f0e-8c3e-5a6d2f1b9e40.xml"), 2048L);
        assertThat(p.instanceUuid()).isEqualTo("0b1e3c55-9d7a-4f0e-8c3e-5a6d2f1b9e40");
        assertThat(p.pinnedCpus()).isEmpty();
        assertThat(p.vcpuPins()).isEmpty();
        assertThat(p.memoryNodes()).isEmpty();
        assertThat(p.memoryMode()).isNull();
        assertThat(p.hugepageSizeKb()).isEqualTo(2048L);
        assertThat(p.nics()).containsExactly("ens2f0", "vhu3f2a1b4c-5d");
    }

    @Test
    void domainXmlWithADoctypeOrAnotherRootIsRefused() {
        assertThatThrownBy(() -> DomainXml.parse("<!DOCTYPE d [<!ENTITY x SYSTEM 'file:///etc/passwd'>]><domain>&x;</domain>", null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unreadable domain XML");
        assertThatThrownBy(() -> DomainXml.parse("<network/>", null)).hasMessageContaining("<network>");
    }

    @Test
    void runningMigrationStatistics() throws Exception {
        LibvirtJob job = DomJobInfo.parse("7f9c0d4e-2a51-4c38-9a57-0c1c3f6f7e21", capture("domjobinfo-running.txt"), false);
        assertThat(job.jobType()).isEqualTo("unbounded");
        assertThat(job.running()).isTrue();
        MigrationJobStats s = job.stats();
        assertThat(s.elapsedMillis()).isEqualTo(183211L);
        assertThat(s.memoryTotalBytes()).isEqualTo(Math.round(16.001 * (1L << 30)));
        assertThat(s.memoryProcessedBytes()).isEqualTo(Math.round(44.891 * (1L << 30)));
        assertThat(s.memoryRemainingBytes()).isEqualTo(1610612736L);
        assertThat(s.memoryBytesPerSecond()).isEqualTo(117964800L);
        assertThat(s.dirtyBytesPerSecond()).isEqualTo(48000L * 4096);
        assertThat(s.iteration()).isEqualTo(14L);
        assertThat(s.autoConvergeThrottlePercent()).isEqualTo(30);
        assertThat(s.expectedDowntimeMillis()).isEqualTo(500L);
        assertThat(s.postCopy()).isFalse();
        assertThat(job.raw()).containsEntry("Operation", "Outgoing migration").hasSize(20);
    }

    @Test
    void completedJobReportsItsRealDowntimeAndNoJobHasNoStats() throws Exception {
        LibvirtJob done = DomJobInfo.parse("u", capture("domjobinfo-completed.txt"), null);
        assertThat(done.jobType()).isEqualTo("completed");
        assertThat(done.stats().expectedDowntimeMillis()).isEqualTo(243L);
        assertThat(done.stats().memoryRemainingBytes()).isZero();
        assertThat(done.stats().dirtyBytesPerSecond()).isNull();
        LibvirtJob none = DomJobInfo.parse("u", capture("domjobinfo-none.txt"), null);
        assertThat(none.jobType()).isEqualTo("none");
        assertThat(none.stats()).isNull();
        assertThatThrownBy(() -> DomJobInfo.parse("u", "error: oops", null)).hasMessageContaining("Job type");
    }

    @Test
    void novaConfWhitelist() {
        assertThat(NovaConfig.allowed("libvirt", "live_migration_downtime")).isTrue();
        assertThat(NovaConfig.allowed("libvirt", "live_migration_uri")).isFalse();
        assertThat(NovaConfig.allowed("neutron", "password")).isFalse();
        assertThat(NovaConfig.allowed("neutron_physnet_foo", "numa_nodes")).isTrue();
        assertThat(NovaConfig.allowed("neutron_physnet_foo", "password")).isFalse();
        assertThat(NovaConfig.allowed("database", "connection")).isFalse();
        assertThat(NovaConfig.parseIni("[compute]\nCPU_Dedicated_Set = 2-3 \n  continued\n# x = y\n"))
                .isEqualTo(Map.of("compute", Map.of("cpu_dedicated_set", "2-3")));
    }
}
