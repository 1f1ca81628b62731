package dev.migrationworkbench.probe.agent;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The agent over real loopback HTTPS: endpoints on a fixture tree, and its security rules. */
class AgentServerTest {

    static final String TOKEN = "0123456789abcdef0123456789abcdef-test-token";
    static final String VM = "7f9c0d4e-2a51-4c38-9a57-0c1c3f6f7e21";

    @TempDir
    static Path tmp;
    static AgentServer agent;
    static AgentCertificate certificate;
    static SSLContext trusting;
    static HttpClient http;
    static final ObjectMapper JSON = new ObjectMapper();

    @BeforeAll
    static void startAgent() throws Exception {
        Path root = ProbeFixtures.materialize("sriov-pf", tmp.resolve("root"));
        Path virsh = ProbeFixtures.fakeVirsh(Files.createDirectories(tmp.resolve("bin")), "running", "running");
        certificate = AgentCertificate.loadOrCreate(tmp.resolve("state"), "localhost");
        AgentService service = new AgentService(new HostReader(root, "compute-sriov", new NovaConfig(null)),
                new Virsh(virsh), "compute-sriov");
        agent = AgentServer.start(new AgentServer.Options(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                TOKEN, 1000, 1000), certificate.sslContext(), service);
        trusting = trustingAgentCertificate(tmp.resolve("state"));
        http = HttpClient.newBuilder().sslContext(trusting).version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
    }

    @AfterAll
    static void stopAgent() {
        agent.close();
    }

    static SSLContext trustingAgentCertificate(Path stateDir) throws Exception {
        char[] password = Files.readString(stateDir.resolve(AgentCertificate.PASSWORD)).strip().toCharArray();
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(stateDir.resolve(AgentCertificate.KEYSTORE))) {
            store.load(in, password);
        }
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("agent", store.getCertificate("mw-probe"));
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, tmf.getTrustManagers(), null);
        return context;
    }

    private HttpResponse<String> get(String path, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("https://localhost:" + agent.port() + path))
                .timeout(Duration.ofSeconds(20));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /**
     * Sends bytes as they are over TLS and returns the agent's answer (status line, headers, body),
     * read by its Content-Length so a request body the agent refused to read does not matter.
     */
    static String rawHttps(String request) throws IOException {
        try (SSLSocket socket = (SSLSocket) trusting.getSocketFactory().createSocket("localhost", agent.port())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            StringBuilder head = new StringBuilder();
            while (!head.toString().endsWith("\r\n\r\n")) {
                int b = in.read();
                if (b < 0) {
                    return head.toString();
                }
                head.append((char) b);
            }
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?i)content-length: *([0-9]+)").matcher(head);
            int length = m.find() ? Integer.parseInt(m.group(1)) : 0;
            return head + new String(in.readNBytes(length), StandardCharsets.UTF_8);
        }
    }

    private static String errorCode(String body) throws IOException {
        return JSON.readTree(body).path("error").path("code").asText();
    }

    @Test
    void healthWithTheToken() throws Exception {
        HttpResponse<String> r = get("/v1/health", TOKEN);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("application/json; charset=utf-8");
        JsonNode body = JSON.readTree(r.body());
        assertThat(body.path("schemaVersion").asInt()).isEqualTo(1);
        assertThat(body.path("host").asText()).isEqualTo("compute-sriov");
        assertThat(body.path("virshAvailable").asBoolean()).isTrue();
    }

    @Test
    void hostReportsTheFixtureAndItsInstances() throws Exception {
        HttpResponse<String> r = get("/v1/host", TOKEN);
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode topology = JSON.readTree(r.body()).path("topology");
        assertThat(topology.path("numaNodes")).hasSize(2);
        assertThat(topology.path("collectedAt").asText()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
        assertThat(topology.path("instances")).hasSize(2);
        assertThat(topology.path("instances").get(0).path("vcpuPins").path("0").get(0).asInt()).isEqualTo(20);
        assertThat(JSON.readTree(r.body()).path("warnings")).isEmpty();
    }

    @Test
    void instancePlacementAndJobInfo() throws Exception {
        JsonNode placement = JSON.readTree(get("/v1/instances/" + VM, TOKEN).body()).path("placement");
        assertThat(placement.path("pinnedCpus").toString()).isEqualTo("[20,21,22,23]");
        assertThat(placement.path("nics").get(0).asText()).isEqualTo("0000:5e:01.1");
        // upper case is accepted and lower-cased
        HttpResponse<String> r = get("/v1/instances/" + VM.toUpperCase() + "/jobinfo", TOKEN);
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode job = JSON.readTree(r.body());
        assertThat(job.path("instanceUuid").asText()).isEqualTo(VM);
        assertThat(job.path("jobType").asText()).isEqualTo("unbounded");
        assertThat(job.path("stats").path("dirtyBytesPerSecond").asLong()).isEqualTo(48000L * 4096);
        assertThat(job.path("stats").path("postCopy").asBoolean(true)).isFalse();
        assertThat(job.path("raw").path("Iteration").asText()).isEqualTo("14");
    }

    @Test
    void unknownInstanceIs404() throws Exception {
        HttpResponse<String> r = get("/v1/instances/00000000-0000-0000-0000-000000000000", TOKEN);
        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(errorCode(r.body())).isEqualTo("instance_not_found");
    }

    @Test
    void noTokenIs401() throws Exception {
        HttpResponse<String> r = get("/v1/health", null);
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
        assertThat(errorCode(r.body())).isEqualTo("unauthorized");
        assertThat(get("/v1/host", null).body()).doesNotContain("numaNodes");
    }

    @Test
    void wrongTokenIs401() throws Exception {
        assertThat(get("/v1/host", TOKEN + "x").statusCode()).isEqualTo(401);
        assertThat(get("/v1/host", TOKEN.substring(1)).statusCode()).isEqualTo(401);
        assertThat(get("/v1/host", "").statusCode()).isEqualTo(401);
        String basic = rawHttps("GET /v1/health HTTP/1.1\r\nHost: localhost\r\nAuthorization: Basic " + TOKEN
                + "\r\nConnection: close\r\n\r\n");
        assertThat(basic).startsWith("HTTP/1.1 401");
    }

    @Test
    void plainHttpIsRefused() throws Exception {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), agent.port())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(("GET /v1/health HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + TOKEN
                    + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            byte[] answer;
            try {
                answer = socket.getInputStream().readAllBytes();
            } catch (IOException reset) {
                answer = new byte[0];
            }
            assertThat(new String(answer, StandardCharsets.ISO_8859_1)).doesNotContain("HTTP/1.1").doesNotContain("schemaVersion");
        }
        HttpClient plain = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> plain.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + agent.port() + "/v1/health"))
                        .header("Authorization", "Bearer " + TOKEN).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString())).isInstanceOf(IOException.class);
    }

    @Test
    void oversizedRequestsAreRefused() throws Exception {
        String body = "x".repeat(1 << 20);
        String withBody = rawHttps("GET /v1/health HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + TOKEN
                + "\r\nContent-Length: " + body.length() + "\r\n\r\n" + body.substring(0, 1000));
        assertThat(withBody).startsWith("HTTP/1.1 413").contains("request_too_large");
        String bigHeader = rawHttps("GET /v1/health HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + TOKEN
                + "\r\nX-Padding: " + "y".repeat(9000) + "\r\nConnection: close\r\n\r\n");
        assertThat(bigHeader).startsWith("HTTP/1.1 413");
        String longPath = rawHttps("GET /v1/" + "a".repeat(3000) + " HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer "
                + TOKEN + "\r\nConnection: close\r\n\r\n");
        assertThat(longPath).startsWith("HTTP/1.1 413");
        // unauthenticated bodies are refused before anything else looks at them
        assertThat(rawHttps("POST /v1/host HTTP/1.1\r\nHost: localhost\r\nContent-Length: 5\r\nConnection: close\r\n\r\nhello"))
                .startsWith("HTTP/1.1 413");
    }

    @Test
    void pathLikeParametersCannotReadFiles() throws Exception {
        Path args = tmp.resolve("bin/args.log");
        List<String> attempts = List.of(
                "/v1/instances/../../../../etc/passwd",
                "/v1/instances/..%2F..%2F..%2F..%2Fetc%2Fpasswd",
                "/v1/instances/%2e%2e/%2e%2e/etc/passwd/jobinfo",
                "/v1/instances/" + VM + "/../../../../etc/passwd",
                "/v1/instances/" + VM + "%00/jobinfo",
                "/v1/instances/" + VM + "/jobinfo/../../../../../etc/passwd",
                "/v1/instances/;cat%20%2Fetc%2Fpasswd",
                "/v1/instances/$(cat%20/etc/passwd)/jobinfo",
                "/v1/instances/" + VM.substring(0, 35) + "-",
                "/v1/../../../etc/passwd",
                "/etc/passwd");
        for (String path : attempts) {
            String answer = rawHttps("GET " + path + " HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + TOKEN
                    + "\r\nConnection: close\r\n\r\n");
            assertThat(answer).as(path).matches("(?s)HTTP/1.1 (400|404) .*").doesNotContain("root:x:0:0");
        }
        assertThat(get("/v1/host?file=/etc/passwd", TOKEN).statusCode()).isEqualTo(400);
        // virsh only ever saw a UUID (or no parameter at all)
        if (Files.exists(args)) {
            for (String arg : Files.readAllLines(args)) {
                assertThat(arg).matches("--readonly|--connect|qemu:///system|list|--all|--uuid|dumpxml|domjobinfo|domstate|--reason"
                        + "|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
            }
        }
    }

    @Test
    void onlyGet() throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("https://localhost:" + agent.port() + "/v1/host"))
                .header("Authorization", "Bearer " + TOKEN).method("DELETE", HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(405);
        assertThat(r.headers().firstValue("Allow")).hasValue("GET");
        assertThat(get("/v2/host", TOKEN).statusCode()).isEqualTo(404);
    }
}
