package dev.migrationworkbench.probe.agent;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * The agent's request handling on arbitrary requests over real HTTPS: every answer is the agent's
 * JSON envelope with a 2xx/4xx status (never a 500, never a non-JSON body), and the agent keeps serving.
 */
class AgentRequestPropertiesTest {

    private static final String TOKEN = "property-token-0123456789abcdef0123456789";
    private static final Set<Integer> EXPECTED = Set.of(200, 400, 401, 404, 405, 413, 429);
    private static Path tmp;
    private static AgentServer agent;
    private static HttpClient http;
    private static final ObjectMapper JSON = new ObjectMapper();

    @BeforeContainer
    static void start() throws Exception {
        tmp = Files.createTempDirectory("mw-agent-prop");
        Path root = ProbeFixtures.materialize("sriov-pf", tmp.resolve("root"));
        Path virsh = ProbeFixtures.fakeVirsh(Files.createDirectories(tmp.resolve("bin")), "running", "running");
        AgentCertificate certificate = AgentCertificate.loadOrCreate(tmp.resolve("state"), "localhost");
        AgentService service = new AgentService(new HostReader(root, "compute-sriov", new NovaConfig(null)),
                new Virsh(virsh), "compute-sriov");
        agent = AgentServer.start(new AgentServer.Options(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                TOKEN, 100_000, 100_000), certificate.sslContext(), service);
        http = HttpClient.newBuilder().sslContext(AgentServerTest.trustingAgentCertificate(tmp.resolve("state")))
                .version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
    }

    @AfterContainer
    static void stop() throws Exception {
        agent.close();
        try (var files = Files.walk(tmp)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Provide
    Arbitrary<String> paths() {
        Arbitrary<String> segment = Arbitraries.oneOf(
                Arbitraries.of("v1", "health", "host", "instances", "jobinfo", "..", ".", "%2e%2e", "%00", "",
                        "7f9c0d4e-2a51-4c38-9a57-0c1c3f6f7e21", "7F9C0D4E-2A51-4C38-9A57-0C1C3F6F7E21"),
                Arbitraries.strings().ofMaxLength(40).map(s -> URLEncoder.encode(s, StandardCharsets.UTF_8)));
        return segment.list().ofMinSize(0).ofMaxSize(5).map(parts -> "/" + String.join("/", parts));
    }

    @Property(tries = 150)
    void anyRequestGetsTheAgentsJsonAndNoServerError(@ForAll("paths") String path,
            @ForAll("methods") String method, @ForAll("tokens") String token, @ForAll boolean query) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + agent.port() + path
                + (query ? "?a=" + URLEncoder.encode(path, StandardCharsets.UTF_8) : "")))
                .timeout(Duration.ofSeconds(20)).method(method, HttpRequest.BodyPublishers.noBody());
        if (token != null) {
            request.header("Authorization", token);
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(method + " " + path).isIn(EXPECTED);
        if (path.startsWith("//") && !response.body().startsWith("{")) {
            // "//x" is an authority, not a path: the JDK server refuses it itself, before the agent's
            // handler, with 404 (nothing after the authority) or 400 (a malformed one, e.g. "//%00")
            assertThat(response.statusCode()).as(method + " " + path).isIn(400, 404);
            return;
        }
        if (!"HEAD".equals(method)) {
            JsonNode body = JSON.readTree(response.body());
            assertThat(body.path("schemaVersion").asInt()).as(response.body()).isEqualTo(1);
        }
    }

    @Provide
    Arbitrary<String> methods() {
        return Arbitraries.of("GET", "GET", "GET", "POST", "PUT", "DELETE", "OPTIONS", "PATCH");
    }

    @Provide
    Arbitrary<String> tokens() {
        return Arbitraries.oneOf(Arbitraries.of("Bearer " + TOKEN, "Bearer " + TOKEN, "bearer " + TOKEN + " ",
                "Bearer", "Basic dXNlcjpwYXNz"), Arbitraries.strings().ofMaxLength(60)
                .filter(s -> s.chars().allMatch(c -> c >= 0x20 && c < 0x7f)).map(s -> "Bearer " + s)).injectNull(0.2);
    }
}
