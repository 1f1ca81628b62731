package dev.migrationworkbench.probe.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.migrationworkbench.config.AppDirs;
import dev.migrationworkbench.probe.agent.ProbeFixtures;
import dev.migrationworkbench.reallibvirt.AgentProcess;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
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
 * The probe agent as an operator runs it (its own JVM, on a fixture tree) against clients that open
 * a connection and say nothing, or start the TLS handshake and stall or trickle it: with more of
 * them than it has workers, a real request is still answered, before the request timeout could have
 * freed a worker, and every stalled or trickling client is disconnected at the request timeout
 * (docs/RELIABILITY.md has the figures).
 */
class AgentSlowClientsTest {

    private static final String HOST = "compute-sriov";
    private static final int CLIENTS = 200;
    /** The agent's worker threads (AgentServer.WORKERS). */
    private static final int WORKERS = 1024;

    @TempDir
    static Path tmp;
    static AgentProcess agent;
    static Path root;

    @BeforeAll
    static void start() throws Exception {
        root = ProbeFixtures.materialize("sriov-pf", tmp.resolve("root"));
        agent = AgentProcess.start(HOST, tmp.resolve("agent"), "--root", root.toString());
    }

    @AfterAll
    static void stop() {
        agent.close();
    }

    private static ProbeClient client(Path home) throws Exception {
        return client(home, agent);
    }

    private static ProbeClient client(Path home, AgentProcess to) throws Exception {
        ProbeSettings settings = new ProbeSettings(null, Map.of(HOST, URI.create("https://127.0.0.1:" + to.port)),
                tmp.resolve("agent").resolve("token"), Map.of(), Duration.ofSeconds(4), Duration.ofSeconds(4));
        ProbeClient client = new ProbeClient(settings, CertificatePins.load(AppDirs.under(home).config()));
        client.trust(HOST, to.fingerprint);
        return client;
    }

    /** Sends the first bytes of a TLS ClientHello record (announcing 512 bytes), then nothing. */
    private static Socket stalledHandshake(AgentProcess to) throws IOException {
        Socket s = new Socket(InetAddress.getLoopbackAddress(), to.port);
        OutputStream out = s.getOutputStream();
        out.write(new byte[] {0x16, 0x03, 0x01, 0x02, 0x00, 0x01});
        out.flush();
        return s;
    }

    /** Starts a ClientHello record and then sends one more byte of it every 200 ms, never finishing it. */
    private static Socket tricklingHandshake(AgentProcess to) throws IOException {
        Socket s = stalledHandshake(to);
        Thread trickle = new Thread(() -> {
            try {
                OutputStream out = s.getOutputStream();
                while (!s.isClosed()) {
                    Thread.sleep(200);
                    out.write(0x03);
                    out.flush();
                }
            } catch (IOException | InterruptedException e) {
                // the agent closed the connection (or the test did)
            }
        }, "trickling-handshake");
        trickle.setDaemon(true);
        trickle.start();
        return s;
    }

    /** Whether the agent ends the connection (end of stream or reset) before the read gives up after {@code wait}. */
    private static boolean closedByAgent(Socket s, Duration wait) {
        try {
            s.setSoTimeout((int) wait.toMillis());
            InputStream in = s.getInputStream();
            while (true) {
                if (in.read(new byte[4096]) < 0) {
                    return true;
                }
                // an alert the agent sends before closing
            }
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true; // reset: the agent closed while the trickler was still sending
        }
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
                stalled.add(stalledHandshake(agent));
            }
            Thread.sleep(500);
            assertThat(client(home).health(HOST).host()).isEqualTo(HOST);
        } finally {
            for (Socket s : stalled) {
                s.close();
            }
        }
    }

    /**
     * More stalled and trickling handshakes than the agent has workers, on an agent whose request
     * timeout (60 s) frees no worker during the test: the real request is still answered within the
     * client's deadline (connect 4 s, answer 4 s + 2 s), because the client that has been reading
     * longest gives up its worker to a new connection; and those clients are disconnected.
     */
    @Test
    void moreStalledAndTricklingHandshakesThanWorkersDoNotStarveTheAgent(@TempDir Path home) throws Exception {
        try (AgentProcess patient = AgentProcess.start(HOST, tmp.resolve("patient"), "--root", root.toString(),
                "--request-timeout", "60")) {
            List<Socket> stalled = new ArrayList<>();
            try {
                long start = System.nanoTime();
                for (int i = 0; i < WORKERS + CLIENTS; i++) {
                    stalled.add(stalledHandshake(patient));
                }
                for (int i = 0; i < 20; i++) {
                    stalled.add(tricklingHandshake(patient));
                }
                Thread.sleep(500);
                long asked = System.nanoTime();
                assertThat(client(home, patient).health(HOST).host()).isEqualTo(HOST);
                long answered = System.nanoTime();
                long disconnected = stalled.stream().filter(s -> closedByAgent(s, Duration.ofMillis(1))).count();
                System.out.printf("%d stalled + 20 trickling handshakes opened in %d ms; real request answered in %d ms;"
                        + " %d of them disconnected to make room%n", WORKERS + CLIENTS, (asked - start) / 1_000_000 - 500,
                        (answered - asked) / 1_000_000, disconnected);
                assertThat(disconnected).as("clients that gave up their worker").isGreaterThan(CLIENTS);
            } finally {
                for (Socket s : stalled) {
                    s.close();
                }
            }
        }
    }

    /** Handshakes that stall or trickle are disconnected at the request timeout (here 2 s), the trickling ones too. */
    @Test
    void stalledAndTricklingHandshakesAreDisconnectedAtTheRequestTimeout(@TempDir Path home) throws Exception {
        try (AgentProcess strict = AgentProcess.start(HOST, tmp.resolve("strict"), "--root", root.toString(),
                "--request-timeout", "2")) {
            List<Socket> slow = new ArrayList<>();
            try {
                long start = System.nanoTime();
                for (int i = 0; i < 100; i++) {
                    slow.add(stalledHandshake(strict));
                }
                for (int i = 0; i < 20; i++) {
                    slow.add(tricklingHandshake(strict));
                }
                List<Socket> open = slow.stream().filter(s -> !closedByAgent(s, Duration.ofSeconds(30))).toList();
                System.out.printf("100 stalled + 20 trickling handshakes, --request-timeout 2: all disconnected %d ms"
                        + " after the first was opened%n", (System.nanoTime() - start) / 1_000_000);
                assertThat(open).as("connections the agent left open").isEmpty();
                assertThat(client(home, strict).health(HOST).host()).isEqualTo(HOST);
            } finally {
                for (Socket s : slow) {
                    s.close();
                }
            }
        }
    }
}
