package dev.migrationworkbench.democloud;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The first slice over real loopback HTTP: Keystone, version negotiation, servers and the admin lists. */
class DemoCloudApiTest {

    static DemoCloud cloud;
    static RawClient client;

    @BeforeAll
    static void start() throws Exception {
        cloud = DemoCloud.start(DemoCloudOptions.defaults().withSpeed(0));
        client = new RawClient(cloud).login();
    }

    @AfterAll
    static void stop() {
        cloud.close();
    }

    @Test
    void keystoneDiscoveryAndTokenCatalog() throws Exception {
        RawClient.Reply root = client.send("GET", cloud.baseUrl() + "/identity/", null, null, null);
        assertThat(root.status()).isEqualTo(300);
        assertThat(root.json().at("/versions/values/0/id").asText()).startsWith("v3");
        RawClient.Reply v3 = client.send("GET", cloud.authUrl(), null, null, null);
        assertThat(v3.json().at("/version/links/0/href").asText()).isEqualTo(cloud.authUrl() + "/");

        RawClient.Reply token = client.send("POST", cloud.authUrl() + "/auth/tokens",
                RawClient.passwordBody("demo", "secret", "demo"), null, null);
        assertThat(token.status()).isEqualTo(201);
        assertThat(token.header("X-Subject-Token")).isNotBlank();
        Set<String> types = new HashSet<>();
        token.json().at("/token/catalog").forEach(s -> types.add(s.path("type").asText()));
        assertThat(types).contains("compute", "image", "network");
        assertThat(token.json().at("/token/expires_at").asText()).endsWith("Z");

        RawClient.Reply bad = client.send("POST", cloud.authUrl() + "/auth/tokens",
                RawClient.passwordBody("demo", "wrong", "demo"), null, null);
        assertThat(bad.status()).isEqualTo(401);
        assertThat(bad.json().at("/error/code").asInt()).isEqualTo(401);
    }

    @Test
    void expiredAndMissingTokensGet401() throws Exception {
        try (DemoCloud shortLived = DemoCloud.start(DemoCloudOptions.defaults().withSpeed(0)
                .withTokenLifetime(Duration.ofHours(1)))) {
            RawClient c = new RawClient(shortLived).login();
            assertThat(c.get("/servers", null).status()).isEqualTo(200);
            shortLived.faults().expireTokens();
            assertThat(c.get("/servers", null).status()).isEqualTo(401);
            assertThat(c.send("GET", shortLived.computeUrl() + "/servers", null, null, null).status()).isEqualTo(401);
        }
    }

    @Test
    void aContentTypeNovaDoesNotReadIs415EvenWithoutABody() throws Exception {
        // what HttpURLConnection sends by default for a request with output: real Nova answers 415
        java.net.http.HttpResponse<String> form = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create(cloud.computeUrl() + "/os-services"))
                        .header("X-Auth-Token", client.token)
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .method("DELETE", java.net.http.HttpRequest.BodyPublishers.noBody()).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(form.statusCode()).isEqualTo(415);
        assertThat(NovaApi.supportedContentType("application/json; charset=UTF-8")).isTrue();
        assertThat(NovaApi.supportedContentType("text/plain")).isTrue();
        assertThat(NovaApi.supportedContentType(null)).isTrue();
    }

    @Test
    void microversionNegotiation() throws Exception {
        RawClient.Reply none = client.get("/os-services", null);
        assertThat(none.header("X-OpenStack-Nova-API-Version")).isEqualTo("2.1");
        RawClient.Reply legacyOnly = client.send("GET", cloud.computeUrl() + "/os-services", null, null, client.token);
        assertThat(legacyOnly.status()).isEqualTo(200);

        RawClient.Reply latest = client.get("/os-services", "latest");
        assertThat(latest.header("OpenStack-API-Version")).isEqualTo("compute " + cloud.maxMicroversion());
        assertThat(latest.raw().headers().allValues("Vary")).contains("OpenStack-API-Version", "X-OpenStack-Nova-API-Version");

        RawClient.Reply tooHigh = client.get("/os-services", "2.999");
        assertThat(tooHigh.status()).isEqualTo(406);
        assertThat(tooHigh.json().at("/computeFault/message").asText()).isEqualTo(
                "Version 2.999 is not supported by the API. Minimum is 2.1 and maximum is " + cloud.maxMicroversion() + ".");
        assertThat(client.get("/os-services", "two").status()).isEqualTo(400);

        RawClient.Reply docs = client.send("GET", cloud.baseUrl() + "/compute/", null, null, null);
        assertThat(docs.json().at("/versions/1/version").asText()).isEqualTo(cloud.maxMicroversion());
    }

    @Test
    void serversListDetailShowAndPaging() throws Exception {
        JsonNode all = client.get("/servers/detail", "2.80").json().path("servers");
        assertThat(all.size()).isGreaterThanOrEqualTo(200);
        JsonNode first = all.get(0);
        assertThat(first.has("OS-EXT-SRV-ATTR:host")).isTrue();
        assertThat(first.has("OS-EXT-STS:task_state")).isTrue();

        JsonNode page1 = client.get("/servers?limit=50", "2.80").json();
        assertThat(page1.path("servers")).hasSize(50);
        String next = page1.at("/servers_links/0/href").asText();
        assertThat(next).contains("marker=" + page1.path("servers").get(49).path("id").asText());
        JsonNode page2 = client.get("/servers?limit=50&marker=" + page1.path("servers").get(49).path("id").asText(), "2.80").json();
        assertThat(page2.path("servers").get(0).path("id").asText()).isEqualTo(all.get(50).path("id").asText());
        assertThat(client.get("/servers?marker=nope", "2.80").status()).isEqualTo(400);

        String errorId = cloud.serverId("legacy-app-1");
        JsonNode error = client.get("/servers/" + errorId, "2.80").json().path("server");
        assertThat(error.path("status").asText()).isEqualTo("ERROR");
        assertThat(error.at("/fault/message").asText()).contains("blockdev");
        JsonNode ok = client.get("/servers/" + cloud.serverId("db-1"), "2.80").json().path("server");
        assertThat(ok.has("fault")).isFalse();

        RawClient.Reply missing = client.get("/servers/00000000-0000-0000-0000-000000000000", "2.80");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.json().at("/itemNotFound/message").asText())
                .isEqualTo("Instance 00000000-0000-0000-0000-000000000000 could not be found.");
        assertThat(client.get("/servers?name=%5Edb-", "2.80").json().path("servers")).hasSize(2);
    }

    @Test
    void servicesHypervisorsGroupsFlavors() throws Exception {
        JsonNode services = client.get("/os-services?binary=nova-compute", "2.80").json().path("services");
        assertThat(services).hasSize(10);
        assertThat(services.findValuesAsText("state")).contains("down");
        JsonNode hv = client.get("/os-hypervisors/detail", "2.88").json().path("hypervisors");
        assertThat(hv.get(0).has("uptime")).isTrue();
        assertThat(hv.get(0).has("vcpus")).isFalse();
        assertThat(client.get("/os-hypervisors/detail", "2.87").json().at("/hypervisors/0/vcpus").asInt()).isEqualTo(64);
        assertThat(client.get("/os-hypervisors/statistics", "2.88").status()).isEqualTo(404);
        JsonNode groups64 = client.get("/os-server-groups", "2.64").json().path("server_groups");
        assertThat(groups64.get(0).path("policy").asText()).isEqualTo("anti-affinity");
        JsonNode groupsOld = client.get("/os-server-groups", "2.63").json().path("server_groups");
        assertThat(groupsOld.get(0).path("policies").get(0).asText()).isEqualTo("anti-affinity");
        JsonNode flavor = client.get("/flavors/10", "2.61").json().path("flavor");
        assertThat(flavor.at("/extra_specs/hw:cpu_policy").asText()).isEqualTo("dedicated");
        assertThat(client.get("/flavors/10/os-extra_specs", null).json().at("/extra_specs/hw:numa_nodes").asText())
                .isEqualTo("1");
    }
}
