package dev.migrationworkbench.probe.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NovaConfigLocationsTest {

    @TempDir
    Path root;

    @Test
    void rhosoDataPlaneFragmentsAreReadInNameOrderWithoutAWarning() throws Exception {
        Path dir = Files.createDirectories(root.resolve("var/lib/openstack/config/nova"));
        Files.writeString(dir.resolve("01-nova.conf"), "[compute]\ncpu_dedicated_set = 2-7\n[DEFAULT]\ntransport_url = rabbit://u:secret@h\n");
        Files.writeString(dir.resolve("25-nova-extra.conf"), "[compute]\ncpu_dedicated_set = 4-15\ncpu_shared_set = 0-3\n");
        Files.writeString(dir.resolve("ceph.conf"), "[compute]\ncpu_shared_set = 99\n");
        NovaConfig.Result result = new NovaConfig(null).read(root);
        assertThat(result.warnings()).isEmpty();
        assertThat(result.values()).containsEntry("compute.cpu_dedicated_set", "4-15")
                .containsEntry("compute.cpu_shared_set", "0-3").doesNotContainKey("DEFAULT.transport_url");
    }

    @Test
    void aHostNovaConfWinsOverTheFragments() throws Exception {
        Files.createDirectories(root.resolve("etc/nova"));
        Files.writeString(root.resolve("etc/nova/nova.conf"), "[compute]\ncpu_shared_set = 0-1\n");
        Path dir = Files.createDirectories(root.resolve("var/lib/openstack/config/nova"));
        Files.writeString(dir.resolve("01-nova.conf"), "[compute]\ncpu_shared_set = 0-3\n");
        assertThat(new NovaConfig(null).read(root).values()).containsEntry("compute.cpu_shared_set", "0-1");
    }

    @Test
    void nothingFoundNamesEveryPlaceLookedAt() {
        assertThat(new NovaConfig(null).read(root).warnings()).singleElement().asString()
                .contains("etc/nova/nova.conf").contains("var/lib/openstack/config/nova/*nova*.conf");
    }
}
