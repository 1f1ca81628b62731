package dev.migrationworkbench.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.migrationworkbench.diagnosis.numa.NumaDiffer;
import dev.migrationworkbench.model.HostTopology;
import dev.migrationworkbench.model.Server;
import dev.migrationworkbench.probe.agent.HostReader;
import dev.migrationworkbench.probe.agent.NovaConfig;
import dev.migrationworkbench.probe.agent.ProbeFixtures;
import dev.migrationworkbench.ui.backend.ConnectTarget;
import dev.migrationworkbench.ui.backend.HostComparison;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Hosts view judges harm by the instance's needs as Nova derives them from its flavor: the
 * pinned router's NIC on another node is a problem, a plain guest on the same hosts has none.
 */
class HostComparisonNumaBoundTest {

    @TempDir
    Path home;

    @Test
    void onlyANumaBoundGuestHasProblemRows() throws Exception {
        try (ServicesBackend backend = DemoCloudTestSupport.backend(home.resolve("config"))) {
            backend.connect(ConnectTarget.demo("nic-numa-affinity-mismatch"));
            var servers = backend.servers(null, 100).servers();
            String router = servers.stream().filter(s -> s.name().equals("nfv-router-1")).findFirst().orElseThrow().id();
            Server plain = servers.stream().filter(s -> s.name().startsWith("bg-") && "compute-0".equals(s.host()))
                    .findFirst().orElseThrow();
            var source = backend.hostTopology("compute-0");
            var dest = backend.hostTopology("compute-1");

            assertThat(backend.compareHosts(source, dest, router).rows()).extracting(HostComparison.Row::difference)
                    .contains(HostComparison.Difference.PROBLEM);
            assertThat(backend.compareHosts(source, dest, plain.id()).rows()).extracting(HostComparison.Row::difference)
                    .doesNotContain(HostComparison.Difference.PROBLEM);
        }
    }

    @Test
    void aRealAgentsHostWithANicWithoutPciAddressIsCompared() throws Exception {
        // a real agent reports NICs that have no PCI address (virtual, bonded): the diff failed with a
        // NullPointerException shown in the banner ("Cannot invoke String.equals ...")
        HostTopology real = new HostReader(ProbeFixtures.materialize("two-node", home.resolve("two-node")), "compute-4",
                new NovaConfig(null)).read(java.util.List.of(), java.util.List.of()).topology();
        assertThat(real.nics()).anyMatch(n -> n.pciAddress() == null);
        HostTopology other = new HostReader(ProbeFixtures.materialize("eight-node", home.resolve("eight-node")), "compute-5",
                new NovaConfig(null)).read(java.util.List.of(), java.util.List.of()).topology();
        HostComparison comparison = ServicesBackend.comparison(real, other, new NumaDiffer().diff(real, other, null, false));
        assertThat(comparison.rows()).anyMatch(r -> r.aspect().key().equals("hosts.aspect.nic"));
    }
}
