package dev.migrationworkbench.democloud;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The simulated probe agents answer the API of docs/PROBE-AGENT.md from the emulated world. */
class ProbeAgentsTest {

    static DemoCloud cloud;
    static final HttpClient HTTP = HttpClient.newHttpClient();
    static final ObjectMapper MAPPER = new ObjectMapper();

    @BeforeAll
    static void start() {
        try {
            cloud = DemoCloud.start(DemoCloudOptions.defaults().withSpeed(0));
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
        cloud.clock().advance(Duration.ofSeconds(90));
    }

    @AfterAll
    static void stop() {
        cloud.close();
    }

    private static HttpResponse<String> call(String method, String host, String path, String token) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(cloud.probeUrl(host) + path))
                .method(method, HttpRequest.BodyPublishers.noBody());
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode get(String host, String path) throws Exception {
        HttpResponse<String> r = call("GET", host, path, cloud.probeToken());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return MAPPER.readTree(r.body());
    }

    @Test
    void healthNeedsTheBearerToken() throws Exception {
        assertThat(cloud.hostNames()).contains("compute-0", "compute-9");
        JsonNode health = get("compute-0", "/v1/health");
        assertThat(health.path("schemaVersion").asInt()).isEqualTo(1);
        assertThat(health.path("host").asText()).isEqualTo("compute-0");
        HttpResponse<String> anonymous = call("GET", "compute-0", "/v1/health", null);
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.headers().firstValue("WWW-Authenticate")).hasValue("Bearer realm=\"mw-probe\"");
        assertThat(MAPPER.readTree(call("GET", "compute-0", "/v1/health", "wrong").body()).at("/error/code").asText())
                .isEqualTo("unauthorized");
        assertThat(call("POST", "compute-0", "/v1/health", cloud.probeToken()).statusCode()).isEqualTo(405);
        assertThat(call("GET", "compute-0", "/v1/health?x=1", cloud.probeToken()).statusCode()).isEqualTo(400);
    }

    @Test
    void hostTopologyShowsTheNicOnTheOtherNodeAtTheDestination() throws Exception {
        JsonNode source = get("compute-2", "/v1/host").path("topology");
        JsonNode dest = get("compute-3", "/v1/host").path("topology");
        assertThat(source.at("/nics/0/name").asText()).isEqualTo("ens1f0");
        assertThat(source.at("/nics/0/numaNode").asInt()).isEqualTo(0);
        assertThat(dest.at("/nics/0/numaNode").asInt()).isEqualTo(1);
        assertThat(dest.path("release").asText()).isEqualTo("17.1");
        assertThat(dest.path("numaNodes")).hasSize(2);
        assertThat(dest.at("/numaNodes/0/hugepages/1/sizeKb").asLong()).isEqualTo(1_048_576);
        assertThat(get("compute-9", "/v1/host").at("/topology/novaComputeVersion").asText()).isEqualTo("20.6.2");

        String router = cloud.serverId("nfv-router-1");
        JsonNode placement = get("compute-3", "/v1/instances/" + router).path("placement");
        assertThat(placement.path("memoryNodes").get(0).asInt()).isEqualTo(0);
        assertThat(placement.path("pinnedCpus")).hasSize(8);
        assertThat(placement.path("hugepageSizeKb").asLong()).isEqualTo(1_048_576);
        assertThat(call("GET", "compute-2", "/v1/instances/" + router, cloud.probeToken()).statusCode()).isEqualTo(404);
        assertThat(MAPPER.readTree(call("GET", "compute-2", "/v1/instances/abc", cloud.probeToken()).body())
                .at("/error/code").asText()).isEqualTo("bad_uuid");
    }

    @Test
    void jobInfoOfTheStuckMigrationShowsDirtyRateAboveBandwidth() throws Exception {
        JsonNode job = get("compute-4", "/v1/instances/" + cloud.serverId("analytics-1") + "/jobinfo");
        assertThat(job.path("jobType").asText()).isEqualTo("unbounded");
        JsonNode stats = job.path("stats");
        assertThat(stats.path("dirtyBytesPerSecond").asLong()).isGreaterThan(stats.path("memoryBytesPerSecond").asLong());
        assertThat(stats.path("iteration").asInt()).isGreaterThan(1);
        assertThat(stats.path("postCopy").asBoolean()).isFalse();
        assertThat(job.at("/raw/Job type").asText()).isEqualTo("Unbounded");
        JsonNode idle = get("compute-0", "/v1/instances/" + cloud.serverId("db-1") + "/jobinfo");
        assertThat(idle.path("jobType").asText()).isEqualTo("none");
        assertThat(idle.path("stats").isNull()).isTrue();
    }
}
