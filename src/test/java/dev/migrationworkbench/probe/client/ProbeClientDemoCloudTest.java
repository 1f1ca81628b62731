package dev.migrationworkbench.probe.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.migrationworkbench.config.AppDirs;
import dev.migrationworkbench.democloud.DemoCloud;
import dev.migrationworkbench.democloud.DemoCloudOptions;
import dev.migrationworkbench.model.HostTopology;
import dev.migrationworkbench.model.HostTopology.InstancePlacement;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The client against the demo cloud's simulated agents (plain HTTP on loopback), which are written
 * from docs/PROBE-AGENT.md independently of the agent: the client must read every emulated host.
 */
class ProbeClientDemoCloudTest {

    @TempDir
    static Path tmp;
    static DemoCloud cloud;
    static ProbeClient client;

    @BeforeAll
    static void startDemoCloud() throws Exception {
        cloud = DemoCloud.start(DemoCloudOptions.defaults().withSpeed(0));
        Files.writeString(tmp.resolve("token"), cloud.probeToken() + "\n");
        String pattern = cloud.probeUrl("HOST").replace("HOST", "{host}");
        client = new ProbeClient(new ProbeSettings(pattern, Map.of(), tmp.resolve("token"), Map.of(), null, null),
                CertificatePins.load(AppDirs.under(tmp).config()));
    }

    @AfterAll
    static void stop() {
        cloud.close();
    }

    @Test
    void everyEmulatedHostHasItsTopology() throws Exception {
        assertThat(cloud.hostNames()).isNotEmpty();
        for (String host : cloud.hostNames()) {
            assertThat(client.health(host).host()).isEqualTo(host);
            HostTopology topology = client.host(host).topology();
            assertThat(topology.host()).isEqualTo(host);
            assertThat(topology.numaNodes()).as(host).isNotEmpty();
            assertThat(topology.numaNodes()).allSatisfy(n -> assertThat(n.cpus()).isNotEmpty());
            for (InstancePlacement placement : topology.instances().subList(0, Math.min(2, topology.instances().size()))) {
                assertThat(client.instance(host, placement.instanceUuid())).isEqualTo(placement);
                assertThat(client.jobInfo(host, placement.instanceUuid()).jobType()).isNotBlank();
            }
        }
    }

    @Test
    void aWrongTokenIsRefusedByTheSimulatedAgentsToo() throws Exception {
        Files.writeString(tmp.resolve("bad-token"), "not-" + cloud.probeToken());
        ProbeClient wrong = new ProbeClient(new ProbeSettings(cloud.probeUrl("HOST").replace("HOST", "{host}"), Map.of(),
                tmp.resolve("bad-token"), Map.of(), null, null), CertificatePins.load(AppDirs.under(tmp).config()));
        ProbeException e = catchThrowableOfType(ProbeException.class, () -> wrong.health(cloud.hostNames().get(0)));
        assertThat(e.kind()).isEqualTo(ProbeException.Kind.BAD_TOKEN);
    }
}
