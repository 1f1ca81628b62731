package dev.migrationworkbench.probe.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.migrationworkbench.democloud.DemoCloud;
import dev.migrationworkbench.democloud.DemoCloudOptions;
import dev.migrationworkbench.democloud.Fault;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The probe client against the demo cloud's simulated agents answering endlessly, with a gzip
 * bomb, or with a reset: BAD_RESPONSE at 32 MiB (the exchange cancelled), a gzip body refused unread
 * (the client asks for no encoding and inflates nothing), a reset or a close UNREACHABLE; and the
 * next call works.
 */
class ProbeClientHostileAnswersTest {

    private static final String HOST = "compute-0";

    @TempDir
    Path tmp;
    private DemoCloud cloud;
    private ProbeClient client;

    @BeforeEach
    void start() throws Exception {
        cloud = DemoCloud.start(DemoCloudOptions.defaults().withScenario("migration-not-converging").withSpeed(0));
        Path token = Files.writeString(tmp.resolve("token"), cloud.probeToken());
        client = new ProbeClient(new ProbeSettings(null, Map.of(HOST, URI.create(cloud.probeUrl(HOST))), token, null, null, null),
                CertificatePins.load(tmp));
    }

    @AfterEach
    void stop() {
        cloud.close();
    }

    private ProbeException failure(Fault fault) {
        cloud.faults().clear();
        cloud.faults().add(fault.onPaths("/probe/.*"));
        ProbeException e = catchThrowableOfType(() -> client.host(HOST), ProbeException.class);
        assertThat(e).as(fault.toString()).isNotNull();
        return e;
    }

    @Test
    void anEndlessAnswerIsRefusedAtTheCap() throws Exception {
        ProbeException e = failure(Fault.endlessBody());
        assertThat(e.kind()).isEqualTo(ProbeException.Kind.BAD_RESPONSE);
        assertThat(e.detail()).contains("larger than " + (32 << 20) + " bytes");
        cloud.faults().clear();
        assertThat(client.health(HOST).host()).isEqualTo(HOST);
        assertThat(LimitedBody.reading()).as("bytes still counted as being read").isZero();
    }

    /** Agents asked at once, each answering endlessly: together they are not read past the shared bound. */
    @Test
    void manyEndlessAnswersAtOnceStayWithinTheSharedBound() throws Exception {
        cloud.faults().add(Fault.endlessBody().onPaths("/probe/.*"));
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        try {
            List<java.util.concurrent.Future<ProbeException>> asked = new java.util.ArrayList<>();
            for (int i = 0; i < 8; i++) {
                asked.add(pool.submit(() -> catchThrowableOfType(() -> client.host(HOST), ProbeException.class)));
            }
            for (var f : asked) {
                ProbeException e = f.get();
                assertThat(e).isNotNull();
                assertThat(e.kind()).isEqualTo(ProbeException.Kind.BAD_RESPONSE);
                assertThat(e.detail()).containsAnyOf("larger than", "at the same time");
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(LimitedBody.reading()).isZero();
    }

    @Test
    void aGzipBombIsRefusedUnreadNotInflated() throws Exception {
        ProbeException e = failure(Fault.gzipBomb());
        assertThat(e.kind()).isEqualTo(ProbeException.Kind.BAD_RESPONSE);
        assertThat(e.detail()).contains("Content-Encoding: gzip").doesNotContain("larger than");
        cloud.faults().clear();
        assertThat(client.health(HOST).host()).isEqualTo(HOST);
    }

    @Test
    void aResetOrAClosedConnectionIsUnreachable() throws Exception {
        for (Fault fault : new Fault[] {Fault.reset(), Fault.dropConnection()}) {
            ProbeException e = failure(fault);
            assertThat(e.kind()).as(fault + ": " + e.getMessage()).isEqualTo(ProbeException.Kind.UNREACHABLE);
        }
        cloud.faults().clear();
        assertThat(client.health(HOST).host()).isEqualTo(HOST);
    }
}
