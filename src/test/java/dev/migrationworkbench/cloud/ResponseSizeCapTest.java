package dev.migrationworkbench.cloud;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.migrationworkbench.democloud.DemoCloud;
import dev.migrationworkbench.democloud.DemoCloudOptions;
import dev.migrationworkbench.democloud.Fault;
import dev.migrationworkbench.model.Evidence;
import java.io.IOException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Nova and Keystone answers that never end or inflate to far more than they are, over real loopback
 * HTTP (the demo cloud's endless_body and gzip_bomb faults): the caller gets BAD_RESPONSE, the
 * body is not read past 128 MiB, the connection is aborted rather than drained, and the next call
 * works. An encoded answer is never inflated (the transport asks for no encoding and decodes none):
 * it is refused, unread, as encoded. docs/RELIABILITY.md has the memory figures.
 */
class ResponseSizeCapTest {

    private static DemoCloud cloud;
    private static OpenStackNovaGateway gateway;

    @BeforeAll
    static void start() throws IOException {
        cloud = DemoCloud.start(DemoCloudOptions.defaults().withScenario("migration-not-converging").withSpeed(0));
        gateway = OpenStackNovaGateway.connect(DemoCloudGatewayTest.profile(cloud));
    }

    @AfterAll
    static void stop() {
        gateway.close();
        cloud.close();
    }

    @AfterEach
    void clearFaults() {
        cloud.faults().clear();
    }

    @Test
    void anEndlessNovaAnswerIsABadResponseAtTheCapAndTheNextCallWorks() throws InterruptedException {
        String id = cloud.serverId("db-1");
        cloud.faults().add(Fault.endlessBody().onPaths(".*/servers/" + id));
        long start = System.nanoTime();
        assertThatThrownBy(() -> gateway.getServer(id)).isInstanceOfSatisfying(CloudException.class, e -> {
            assertThat(e.kind()).isEqualTo(CloudException.Kind.BAD_RESPONSE);
            assertThat(e.getMessage()).contains("larger than 128 MiB");
        });
        System.out.printf("endless Nova answer: BAD_RESPONSE after %d ms%n", (System.nanoTime() - start) / 1_000_000);
        TransportDeadlinesTest.assertNoTransportThreadReadsASocket();
        cloud.faults().clear();
        assertThat(gateway.getServer(id).server().id()).isEqualTo(id);
    }

    @Test
    void aGzipBombIsRefusedAsEncodedNotInflated() {
        String id = cloud.serverId("db-1");
        cloud.faults().add(Fault.gzipBomb().onPaths(".*/servers/" + id));
        assertThatThrownBy(() -> gateway.getServer(id)).isInstanceOfSatisfying(CloudException.class, e -> {
            assertThat(e.kind()).isEqualTo(CloudException.Kind.BAD_RESPONSE);
            assertThat(e.getMessage()).contains("Content-Encoding: gzip").doesNotContain("128 MiB");
        });
        cloud.faults().clear();
        assertThat(gateway.getServer(id).server().id()).isEqualTo(id);
    }

    @Test
    void anEndlessAnswerInTheEvidenceIsACouldNotCheck() {
        String id = cloud.serverId("db-1");
        cloud.faults().add(Fault.endlessBody().onPaths(".*/os-instance-actions.*"));
        try (EvidenceCollector collector = new EvidenceCollector(gateway, 4)) {
            Evidence ev = collector.collect(id);
            assertThat(ev.calls()).anySatisfy(c -> {
                assertThat(c.url()).contains("os-instance-actions");
                assertThat(c.errorKind()).isEqualTo("BAD_RESPONSE");
                assertThat(c.errorMessage()).contains("larger than 128 MiB");
            });
            assertThat(ev.server()).isNotNull();
        }
    }

    @Test
    void anEndlessOrGzipBombKeystoneAnswerIsABadResponse() {
        for (Fault fault : new Fault[] {Fault.endlessBody(), Fault.gzipBomb()}) {
            cloud.faults().clear();
            cloud.faults().add(fault.onPaths("/identity/v3/auth/tokens"));
            assertThatThrownBy(() -> OpenStackNovaGateway.connect(DemoCloudGatewayTest.profile(cloud)))
                    .as(fault.toString()).isInstanceOfSatisfying(CloudException.class,
                            e -> assertThat(e.kind()).isEqualTo(CloudException.Kind.BAD_RESPONSE));
        }
    }
}
