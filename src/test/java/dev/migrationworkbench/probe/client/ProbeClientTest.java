package dev.migrationworkbench.probe.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.migrationworkbench.config.AppDirs;
import dev.migrationworkbench.model.HostTopology;
import dev.migrationworkbench.model.HostTopology.InstancePlacement;
import dev.migrationworkbench.model.LibvirtJob;
import dev.migrationworkbench.probe.agent.AgentCertificate;
import dev.migrationworkbench.probe.agent.AgentServer;
import dev.migrationworkbench.probe.agent.AgentService;
import dev.migrationworkbench.probe.agent.HostReader;
import dev.migrationworkbench.probe.agent.NovaConfig;
import dev.migrationworkbench.probe.agent.ProbeFixtures;
import dev.migrationworkbench.probe.agent.Virsh;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The client against real agents over loopback HTTPS. */
class ProbeClientTest {

    static final String TOKEN = "client-test-token-0123456789abcdef0123456789";
    static final String HOST = "compute-sriov";
    static final String VM = "7f9c0d4e-2a51-4c38-9a57-0c1c3f6f7e21";

    @TempDir
    static Path tmp;
    static Path root;
    static AgentServer agent;
    static AgentServer otherAgent;
    static AgentCertificate certificate;
    static AgentCertificate otherCertificate;

    @BeforeAll
    static void startAgents() throws Exception {
        root = ProbeFixtures.materialize("sriov-pf", tmp.resolve("root"));
        Path virsh = ProbeFixtures.fakeVirsh(Files.createDirectories(tmp.resolve("bin")), "running", "postcopy");
        certificate = AgentCertificate.loadOrCreate(tmp.resolve("state-a"), HOST);
        otherCertificate = AgentCertificate.loadOrCreate(tmp.resolve("state-b"), HOST);
        agent = start(certificate, new Virsh(virsh));
        otherAgent = start(otherCertificate, null);
        Files.writeString(tmp.resolve("token"), TOKEN + "\n");
        Files.writeString(tmp.resolve("wrong-token"), "not-the-token-" + TOKEN + "\n");
    }

    private static AgentServer start(AgentCertificate cert, Virsh virsh) throws Exception {
        AgentService service = new AgentService(new HostReader(root, HOST, new NovaConfig(null)), virsh, HOST);
        return AgentServer.start(new AgentServer.Options(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                TOKEN, 1000, 1000), cert.sslContext(), service);
    }

    @AfterAll
    static void stopAgents() {
        agent.close();
        otherAgent.close();
    }

    private static ProbeClient client(Path home, Map<String, URI> urls, String tokenFile, Duration timeout) throws Exception {
        AppDirs dirs = AppDirs.under(home);
        ProbeSettings settings = new ProbeSettings(null, urls, tmp.resolve(tokenFile), Map.of(), timeout, timeout);
        return new ProbeClient(settings, CertificatePins.load(dirs.config()));
    }

    private static URI url(int port) {
        return URI.create("https://127.0.0.1:" + port);
    }

    private static ProbeException failure(ThrowingCall call) {
        ProbeException e = catchThrowableOfType(ProbeException.class, call::run);
        assertThat(e).as("expected a ProbeException").isNotNull();
        return e;
    }

    interface ThrowingCall {
        void run() throws Exception;
    }

    @Test
    void trustOnFirstUseThenTheFullApi(@TempDir Path home) throws Exception {
        ProbeClient client = client(home, Map.of(HOST, url(agent.port())), "token", Duration.ofSeconds(10));

        ProbeException first = failure(() -> client.health(HOST));
        assertThat(first.kind()).isEqualTo(ProbeException.Kind.CERTIFICATE_UNKNOWN);
        assertThat(first.presentedFingerprint()).isEqualTo(certificate.fingerprint());
        assertThat(first.messageKey()).isEqualTo("probe.error.certificateUnknown");
        assertThat(first.messageArgs()).contains(HOST, certificate.fingerprint());

        client.trust(HOST, first.presentedFingerprint());
        AgentHealth health = client.health(HOST);
        assertThat(health.host()).isEqualTo(HOST);
        assertThat(health.virshAvailable()).isTrue();

        HostReport report = client.host(HOST);
        HostTopology direct = new HostReader(root, HOST, new NovaConfig(null))
                .read(List.of(), List.of()).topology();
        assertThat(report.topology()).usingRecursiveComparison().ignoringFields("collectedAt", "instances").isEqualTo(direct);
        assertThat(report.topology().instances()).extracting(InstancePlacement::instanceUuid)
                .containsExactly(VM, "0b1e3c55-9d7a-4f0e-8c3e-5a6d2f1b9e40");
        assertThat(report.warnings()).isEmpty();

        InstancePlacement placement = client.instance(HOST, VM.toUpperCase());
        assertThat(placement.vcpuPins()).containsEntry(3, List.of(23));
        assertThat(placement.hugepageSizeKb()).isEqualTo(1048576L);
        assertThat(client.instances(HOST)).hasSize(2);

        LibvirtJob job = client.jobInfo(HOST, VM);
        assertThat(job.jobType()).isEqualTo("unbounded");
        assertThat(job.running()).isTrue();
        assertThat(job.stats().postCopy()).isTrue();
        assertThat(job.stats().memoryBytesPerSecond()).isEqualTo(117964800L);
        assertThat(job.raw()).containsEntry("Job type", "Unbounded");

        ProbeException missing = failure(() -> client.instance(HOST, "00000000-0000-0000-0000-000000000000"));
        assertThat(missing.kind()).isEqualTo(ProbeException.Kind.INSTANCE_NOT_FOUND);

        // the pin is in the config dir: a new client (a restarted workbench) trusts the agent at once
        assertThat(Files.readString(AppDirs.under(home).config().resolve(CertificatePins.FILE_NAME)))
                .contains(certificate.fingerprint().replace(":", "\\:"));
        assertThat(client(home, Map.of(HOST, url(agent.port())), "token", Duration.ofSeconds(10)).health(HOST).host())
                .isEqualTo(HOST);
    }

    @Test
    void aChangedCertificateIsRefusedWithBothFingerprints(@TempDir Path home) throws Exception {
        // the pin says agent A; at that address now answers agent B with another key
        CertificatePins.load(AppDirs.under(home).config()).pin("127.0.0.1:" + otherAgent.port(), certificate.fingerprint());
        ProbeClient client = client(home, Map.of(HOST, url(otherAgent.port())), "token", Duration.ofSeconds(10));
        ProbeException e = failure(() -> client.host(HOST));
        assertThat(e.kind()).isEqualTo(ProbeException.Kind.CERTIFICATE_CHANGED);
        assertThat(e.pinnedFingerprint()).isEqualTo(certificate.fingerprint());
        assertThat(e.presentedFingerprint()).isEqualTo(otherCertificate.fingerprint()).isNotEqualTo(e.pinnedFingerprint());
        assertThat(e.getMessage()).contains("changed");
        // still refused on the next try: nothing was re-pinned silently
        assertThat(failure(() -> client.health(HOST)).kind()).isEqualTo(ProbeException.Kind.CERTIFICATE_CHANGED);
        // after the user removes the pin, it is a first contact again
        client.forget(HOST);
        assertThat(failure(() -> client.health(HOST)).kind()).isEqualTo(ProbeException.Kind.CERTIFICATE_UNKNOWN);
    }

    @Test
    void wrongOrMissingToken(@TempDir Path home) throws Exception {
        ProbeClient wrong = client(home, Map.of(HOST, url(agent.port())), "wrong-token", Duration.ofSeconds(10));
        wrong.trust(HOST, certificate.fingerprint());
        ProbeException bad = failure(() -> wrong.host(HOST));
        assertThat(bad.kind()).isEqualTo(ProbeException.Kind.BAD_TOKEN);
        assertThat(bad.detail()).contains("401").contains("wrong-token");
        ProbeException none = failure(() -> client(home, Map.of(HOST, url(agent.port())), "no-such-file", Duration.ofSeconds(10))
                .host(HOST));
        assertThat(none.kind()).isEqualTo(ProbeException.Kind.NO_TOKEN);
        assertThat(none.detail()).contains("no-such-file");
    }

    @Test
    void agentWithoutVirsh(@TempDir Path home) throws Exception {
        ProbeClient client = client(home, Map.of(HOST, url(otherAgent.port())), "token", Duration.ofSeconds(10));
        client.trust(HOST, otherCertificate.fingerprint());
        assertThat(client.host(HOST).warnings()).anyMatch(w -> w.contains("virsh not found"));
        assertThat(failure(() -> client.jobInfo(HOST, VM)).kind()).isEqualTo(ProbeException.Kind.VIRSH_UNAVAILABLE);
    }

    @Test
    void unreachable(@TempDir Path home) throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort();
        }
        ProbeException e = failure(() -> client(home, Map.of(HOST, url(closedPort)), "token", Duration.ofSeconds(5)).health(HOST));
        assertThat(e.kind()).isEqualTo(ProbeException.Kind.UNREACHABLE);
        assertThat(e.url()).isEqualTo("https://127.0.0.1:" + closedPort + "/v1/health");
    }

    @Test
    void timeoutWhenTheAgentNeverAnswers(@TempDir Path home) throws Exception {
        // accepts the connection, then says nothing (a hung host)
        try (ServerSocket silent = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            ProbeClient client = client(home, Map.of(HOST, url(silent.getLocalPort())), "token", Duration.ofMillis(700));
            ProbeException e = failure(() -> client.health(HOST));
            assertThat(e.kind()).isEqualTo(ProbeException.Kind.TIMEOUT);
            assertThat(e.detail()).contains("700 ms");
        }
    }

    @Test
    void plainHttpServerIsATlsFailure(@TempDir Path home) throws Exception {
        // what a plain HTTP server (a wrong port in the settings) does with a TLS hello: answers in clear text
        try (ServerSocket plain = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Thread server = new Thread(() -> {
                try (Socket s = plain.accept()) {
                    s.setSoTimeout(5000);
                    s.getInputStream().read(new byte[4096]); // the TLS client hello
                    s.getOutputStream().write("HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n"
                            .getBytes(StandardCharsets.US_ASCII));
                    s.shutdownOutput();
                    s.getInputStream().readAllBytes(); // until the client gives up
                } catch (IOException e) {
                    // the test fails on its own assertion if the answer did not get through
                }
            });
            server.start();
            ProbeException e = failure(() -> client(home, Map.of(HOST, url(plain.getLocalPort())), "token",
                    Duration.ofSeconds(5)).health(HOST));
            assertThat(e.kind()).isEqualTo(ProbeException.Kind.TLS_FAILED);
            server.join(5000);
        }
    }

    /** An HTTPS server with the agent's certificate whose one handler misbehaves. */
    private static com.sun.net.httpserver.HttpsServer misbehaving(com.sun.net.httpserver.HttpHandler handler) throws Exception {
        var server = com.sun.net.httpserver.HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setHttpsConfigurator(new com.sun.net.httpserver.HttpsConfigurator(certificate.sslContext()));
        server.createContext("/", handler);
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        server.start();
        return server;
    }

    @Test
    void anAgentThatSendsHeadersThenStallsTimesOutInsteadOfHanging(@TempDir Path home) throws Exception {
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        var server = misbehaving(exchange -> {
            exchange.sendResponseHeaders(200, 100_000);
            exchange.getResponseBody().write("{\"schemaVersion\": 1, ".getBytes(StandardCharsets.US_ASCII));
            exchange.getResponseBody().flush();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.close();
        });
        try {
            ProbeClient client = client(home, Map.of(HOST, url(server.getAddress().getPort())), "token", Duration.ofMillis(800));
            client.trust(HOST, certificate.fingerprint());
            // the guard only stops a hang from blocking the suite; the client's own deadline must fire first
            ProbeException e = org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(Duration.ofSeconds(60),
                    () -> failure(() -> client.health(HOST)));
            assertThat(e.kind()).isEqualTo(ProbeException.Kind.TIMEOUT);
            assertThat(e.detail()).contains("stalled");
            // the cancelled exchange gives back what it counted against the shared bound of answers being read
            for (int i = 0; i < 50 && LimitedBody.reading() != 0; i++) {
                Thread.sleep(100);
            }
            assertThat(LimitedBody.reading()).isZero();
        } finally {
            release.countDown();
            server.stop(0);
        }
    }

    @Test
    void aHugeAnswerIsRefusedAtTheCapNotReadIntoMemory(@TempDir Path home) throws Exception {
        var server = misbehaving(exchange -> {
            exchange.sendResponseHeaders(200, 0);
            byte[] chunk = new byte[1 << 20];
            java.util.Arrays.fill(chunk, (byte) ' ');
            try (var out = exchange.getResponseBody()) {
                for (int i = 0; i < 200; i++) {
                    out.write(chunk);
                }
            } catch (IOException e) {
                // the client hung up at its cap
            }
        });
        try {
            ProbeClient client = client(home, Map.of(HOST, url(server.getAddress().getPort())), "token", Duration.ofSeconds(30));
            client.trust(HOST, certificate.fingerprint());
            ProbeException e = failure(() -> client.health(HOST));
            assertThat(e.kind()).isEqualTo(ProbeException.Kind.BAD_RESPONSE);
            assertThat(e.detail()).contains("larger than");
        } finally {
            server.stop(0);
        }
    }

    @Test
    void silentClientsDoNotStarveTheAgent(@TempDir Path home) throws Exception {
        // 48 connections that never start their TLS handshake, as slow or hostile clients do
        List<Socket> silent = new java.util.ArrayList<>();
        try {
            for (int i = 0; i < 48; i++) {
                silent.add(new Socket(InetAddress.getLoopbackAddress(), agent.port()));
            }
            ProbeClient client = client(home, Map.of(HOST, url(agent.port())), "token", Duration.ofSeconds(4));
            client.trust(HOST, certificate.fingerprint());
            assertThat(client.health(HOST).host()).isEqualTo(HOST);
        } finally {
            for (Socket s : silent) {
                s.close();
            }
        }
    }
}
