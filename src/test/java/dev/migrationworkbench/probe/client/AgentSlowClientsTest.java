package dev.migrationworkbench.probe.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.migrationworkbench.config.AppDirs;
import dev.migrationworkbench.probe.agent.ProbeFixtures;
import dev.migrationworkbench.reallibvirt.AgentProcess;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The probe agent as an operator runs it (its own JVM, on a fixture tree) against clients that
 * open a connection and say nothing, or start the TLS handshake and stall in it, far more of them
 * than it had workers (96): a real request is still answered. (A stalled handshake is not timed
 * out: JDK 17's server holds its worker until the client goes; docs/RELIABILITY.md.)
 */
class AgentSlowClientsTest {

    private static final String HOST = "compute-sriov";
    private static final int CLIENTS = 200;

    @TempDir
    static Path tmp;
    static AgentProcess agent;

    @BeforeAll
    static void start() throws Exception {
        Path root = ProbeFixtures.materialize("sriov-pf", tmp.resolve("root"));
        agent = AgentProcess.start(HOST, tmp.resolve("agent"), "--root", root.toString());
    }

    @AfterAll
    static void stop() {
        agent.close();
    }

    private static ProbeClient client(Path home) throws Exception {
        ProbeSettings settings = new ProbeSettings(null, Map.of(HOST, URI.create("https://127.0.0.1:" + agent.port)),
                tmp.resolve("agent").resolve("token"), Map.of(), Duration.ofSeconds(4), Duration.ofSeconds(4));
        ProbeClient client = new ProbeClient(settings, CertificatePins.load(AppDirs.under(home).config()));
        client.trust(HOST, agent.fingerprint);
        return client;
    }

    /** Sends the first bytes of a TLS ClientHello record, then nothing. */
    private static Socket stalledHandshake() throws IOException {
        Socket s = new Socket(InetAddress.getLoopbackAddress(), agent.port);
        OutputStream out = s.getOutputStream();
        out.write(new byte[] {0x16, 0x03, 0x01, 0x02, 0x00, 0x01});
        out.flush();
        return s;
    }

    @Test
    void silentConnectionsDoNotStarveTheAgent(@TempDir Path home) throws Exception {
        List<Socket> silent = new ArrayList<>();
        try {
            for (int i = 0; i < CLIENTS; i++) {
                silent.add(new Socket(InetAddress.getLoopbackAddress(), agent.port));
            }
            assertThat(client(home).health(HOST).host()).isEqualTo(HOST);
        } finally {
            for (Socket s : silent) {
                s.close();
            }
        }
    }

    @Test
    void handshakesThatStallDoNotStarveTheAgent(@TempDir Path home) throws Exception {
        List<Socket> stalled = new ArrayList<>();
        try {
            for (int i = 0; i < CLIENTS; i++) {
                stalled.add(stalledHandshake());
            }
            Thread.sleep(500);
            assertThat(client(home).health(HOST).host()).isEqualTo(HOST);
        } finally {
            for (Socket s : stalled) {
                s.close();
            }
        }
    }
}
