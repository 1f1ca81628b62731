package dev.migrationworkbench.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.migrationworkbench.model.Server;
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
}
