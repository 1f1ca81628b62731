package dev.migrationworkbench.cloud;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.migrationworkbench.democloud.DemoCloud;
import dev.migrationworkbench.democloud.DemoCloudOptions;
import dev.migrationworkbench.democloud.Fault;
import dev.migrationworkbench.model.Evidence;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Nova answers that start and never finish, over real loopback HTTP (the demo cloud's stall and
 * trickle faults): the caller gets TIMEOUT ("could not check" in the evidence) at the deadline, and
 * no transport thread is left reading the socket. Before the transport had a socket timeout and an
 * abort, the thread stayed blocked for as long as the cloud held the connection (here 60 s).
 */
class TransportDeadlinesTest {

    /** connect 1 s, between bytes 1 s, total 2 s. */
    private static final GatewayOptions TIGHT = GatewayOptions.defaults()
            .withTimeouts(Duration.ofSeconds(1), Duration.ofSeconds(1)).withRetries(0, Duration.ZERO, Duration.ZERO);
    private static final Duration HELD = Duration.ofSeconds(60);

    private static DemoCloud cloud;
    private static OpenStackNovaGateway gateway;

    @BeforeAll
    static void start() throws IOException {
        cloud = DemoCloud.start(DemoCloudOptions.defaults().withScenario("migration-not-converging").withSpeed(0));
        gateway = OpenStackNovaGateway.connect(DemoCloudGatewayTest.profile(cloud), TIGHT);
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
    void aNovaThatSendsHeadersThenStallsIsATimeoutAndNoThreadStaysOnTheSocket() throws InterruptedException {
        String id = cloud.serverId("db-1");
        cloud.faults().add(Fault.stall(HELD).onPaths(".*/servers/" + id));
        long start = System.nanoTime();
        assertThatThrownBy(() -> gateway.getServer(id)).isInstanceOfSatisfying(CloudException.class,
                e -> assertThat(e.kind()).isEqualTo(CloudException.Kind.TIMEOUT));
        System.out.printf("stalled Nova answer: TIMEOUT after %d ms%n", (System.nanoTime() - start) / 1_000_000);
        assertNoTransportThreadReadsASocket();
    }

    @Test
    void aNovaThatTricklesBytesIsCutAtTheTotalDeadline() throws InterruptedException {
        cloud.faults().add(Fault.trickle(Duration.ofMillis(200), HELD).onPaths(".*/os-services.*"));
        long start = System.nanoTime();
        assertThatThrownBy(() -> gateway.listComputeServices(null)).isInstanceOfSatisfying(CloudException.class,
                e -> assertThat(e.kind()).isEqualTo(CloudException.Kind.TIMEOUT));
        System.out.printf("trickling Nova answer: TIMEOUT after %d ms%n", (System.nanoTime() - start) / 1_000_000);
        assertNoTransportThreadReadsASocket();
    }

    @Test
    void aStalledAnswerInTheEvidenceIsACouldNotCheckAndTheNextCallWorks() throws InterruptedException {
        String id = cloud.serverId("db-1");
        cloud.faults().add(Fault.stall(HELD).onPaths(".*/os-instance-actions.*"));
        try (EvidenceCollector collector = new EvidenceCollector(gateway, 4)) {
            Evidence ev = collector.collect(id);
            assertThat(ev.calls()).anySatisfy(c -> {
                assertThat(c.url()).contains("os-instance-actions");
                assertThat(c.errorKind()).isEqualTo("TIMEOUT");
            });
            assertThat(ev.server()).isNotNull();
        }
        assertNoTransportThreadReadsASocket();
        cloud.faults().clear();
        assertThat(gateway.listInstanceActions(id)).isNotEmpty();
    }

    @Test
    void aStalledKeystoneIsATimeoutNotAHang() throws InterruptedException {
        cloud.faults().add(Fault.stall(HELD).onPaths("/identity/v3/auth/tokens"));
        assertThatThrownBy(() -> OpenStackNovaGateway.connect(DemoCloudGatewayTest.profile(cloud), TIGHT))
                .isInstanceOfSatisfying(CloudException.class,
                        e -> assertThat(e.kind()).isEqualTo(CloudException.Kind.TIMEOUT));
        assertNoTransportThreadReadsASocket();
    }

    /**
     * Every transport thread is idle or gone shortly after the caller was released (polled: the
     * abort closes the connection from another thread), long before the cloud lets go at {@link #HELD}.
     */
    static void assertNoTransportThreadReadsASocket() throws InterruptedException {
        List<String> reading = List.of();
        for (int i = 0; i < 50; i++) {
            reading = Arrays.stream(ManagementFactory.getThreadMXBean().dumpAllThreads(false, false))
                    .filter(t -> t.getThreadName().startsWith("nova-http-")).filter(TransportDeadlinesTest::onSocket)
                    .map(t -> t.getThreadName() + " " + Arrays.toString(t.getStackTrace())).toList();
            if (reading.isEmpty()) {
                return;
            }
            Thread.sleep(100);
        }
        assertThat(reading).as("transport threads still reading a socket").isEmpty();
    }

    private static boolean onSocket(ThreadInfo t) {
        String stack = Arrays.stream(t.getStackTrace()).map(StackTraceElement::toString)
                .collect(Collectors.joining("\n"));
        return stack.contains("SocketInputStream") || stack.contains("NioSocketImpl") || stack.contains("SocketDispatcher")
                || stack.contains("SSLSocketImpl") || stack.contains("org.apache.http.impl.io");
    }
}
