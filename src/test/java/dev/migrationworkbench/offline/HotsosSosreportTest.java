package dev.migrationworkbench.offline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.migrationworkbench.model.HostTopology;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sanitized sosreport of a real Ubuntu compute host from the hotsos project
 * (src/test/resources/offline/hotsos-openstack/ORIGIN.md): its host facts, its Nova's name, its
 * rotated gzip log in the pre-4.8 oslo.log format, and what it does not hold.
 */
class HotsosSosreportTest {

    static final Path HOTSOS = Path.of("src/test/resources/offline/hotsos-openstack");

    @Test
    void theExtractedFolderGivesTheHostAsAProbeAgentWould() throws Exception {
        OfflineCase c = new OfflineEvidenceReader().read(List.of(HOTSOS), null);
        assertFacts(c);
    }

    @Test
    void theSameSosreportAsTarXzGivesTheSameFacts(@TempDir Path tmp) throws Exception {
        Path archive = ArchivesForTests.tarXz(copyAs(HOTSOS, tmp.resolve("sosreport-compute4-2022-02-04-abcdef")),
                tmp.resolve("sosreport-compute4-2022-02-04-abcdef.tar.xz"));
        OfflineCase c = new OfflineEvidenceReader().read(List.of(archive), null);
        assertFacts(c);
        assertThat(c.hosts().get(0).origin()).isEqualTo("sosreport-compute4-2022-02-04-abcdef.tar.xz");
    }

    private static void assertFacts(OfflineCase c) {
        assertThat(c.hosts()).hasSize(1);
        OfflineCase.Host host = c.hosts().get(0);
        // nova-compute logged its own name at start (oslo.config's option dump): not the kernel's "compute4"
        assertThat(host.name()).isEqualTo("compute4.mylab.home");
        HostTopology t = host.facts().topology();
        assertThat(t.numaNodes()).hasSize(1);
        assertThat(t.numaNodes().get(0).cpus()).containsExactly(0, 1);
        assertThat(t.numaNodes().get(0).memoryTotalMb()).isGreaterThan(15000);
        assertThat(t.cpuModel()).isNotBlank();
        assertThat(t.nics()).extracting(HostTopology.Nic::name).contains("ens3", "ens4").doesNotContain("br-ex");
        // virtio NICs of a VM: no NUMA node in lspci, no sysfs copy: unknown, and said so
        assertThat(t.nics()).allMatch(HostTopology.Nic::localityUnknown);
        assertThat(host.facts().missing()).anyMatch(m -> m.startsWith("NUMA node of ens3"))
                .anyMatch(m -> m.startsWith("host memory (proc/meminfo)"));
        assertThat(t.instances()).extracting(HostTopology.InstancePlacement::instanceUuid)
                .containsExactly("d1d75e2f-ada4-49bc-a963-528d89dfda25");
        // nova.conf options are whitelisted: the masked passwords never reach the topology
        assertThat(t.novaConfig().keySet()).noneMatch(k -> k.contains("password"));
        assertThat(c.inputs().get(0).logLines()).isGreaterThan(20000);
    }

    static Path copyAs(Path from, Path to) throws java.io.IOException {
        try (var walk = java.nio.file.Files.walk(from)) {
            for (Path p : walk.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (java.nio.file.Files.isSymbolicLink(p)) {
                    java.nio.file.Files.createSymbolicLink(target, java.nio.file.Files.readSymbolicLink(p));
                } else if (java.nio.file.Files.isDirectory(p)) {
                    java.nio.file.Files.createDirectories(target);
                } else {
                    java.nio.file.Files.copy(p, target);
                }
            }
        }
        return to;
    }
}
