package dev.migrationworkbench.cloud;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.migrationworkbench.democloud.DemoCloud;
import dev.migrationworkbench.democloud.DemoCloudOptions;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * An auth URL without a version is discovered as the openstack client does (the demo cloud answers
 * discovery at its unversioned identity URL as real Keystone does); hostile or broken answers get a
 * clear error, and credentials never go to another host.
 */
class KeystoneDiscoveryTest {

    private static final GatewayOptions FAST = GatewayOptions.defaults()
            .withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(5)).withRetries(0, Duration.ZERO, Duration.ZERO);

    private HttpServer hostile;
    private final AtomicInteger posts = new AtomicInteger();

    @AfterEach
    void stop() {
        if (hostile != null) {
            hostile.stop(0);
        }
    }

    private static CloudProfile profile(String authUrl) {
        return CloudProfile.password("t", authUrl, "demo", "secret", "Default", "demo", "Default", "RegionOne");
    }

    @Test
    void anUnversionedAuthUrlIsDiscoveredLikeTheOpenstackClientDoes() throws IOException {
        try (DemoCloud demo = DemoCloud.start(DemoCloudOptions.defaults().withScenario("instance-not-found").withSpeed(0))) {
            String unversioned = demo.authUrl().replaceFirst("/v3$", "");
            for (String url : new String[] {unversioned, unversioned + "/", demo.authUrl(), demo.authUrl() + "/"}) {
                CloudProfile p = CloudProfile.password("demo", url, demo.username(), demo.password(),
                        demo.userDomainName(), demo.projectName(), demo.projectDomainName(), demo.regionName());
                try (OpenStackNovaGateway gateway = OpenStackNovaGateway.connect(p, FAST)) {
                    assertThat(gateway.cloudInfo().authUrl()).as(url).isEqualTo(demo.authUrl());
                    assertThat(gateway.listComputeServices(null)).isNotEmpty();
                }
            }
        }
    }

    private String serve(int status, String location, String contentType, String body) throws IOException {
        hostile = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        hostile.createContext("/", exchange -> {
            if ("POST".equals(exchange.getRequestMethod())) {
                posts.incrementAndGet();
            }
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            if (location != null) {
                exchange.getResponseHeaders().set("Location", location);
            }
            exchange.getResponseHeaders().set("Content-Type", contentType);
            exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
            if (bytes.length > 0) {
                exchange.getResponseBody().write(bytes);
            }
            exchange.close();
        });
        hostile.start();
        return "http://127.0.0.1:" + hostile.getAddress().getPort();
    }

    @Test
    void anHtmlPageInsteadOfKeystoneIsAClearError() throws IOException {
        String url = serve(200, null, "text/html", "<html><body>502 Bad Gateway</body></html>");
        assertThatThrownBy(() -> OpenStackNovaGateway.connect(profile(url), FAST)).isInstanceOf(CloudException.class)
                .hasMessageContaining("not JSON").hasMessageContaining("Set auth_url to the Keystone v3 URL");
        assertThatThrownBy(() -> OpenStackNovaGateway.connect(profile(url + "/v3"), FAST)).isInstanceOf(CloudException.class)
                .hasMessageContaining("not a Keystone v3 token");
    }

    @Test
    void aRedirectToAnotherHostIsNotFollowedAndGetsNoCredentials() throws IOException {
        String url = serve(302, "http://keystone.elsewhere.example:5000/v3/", "text/plain", "");
        assertThatThrownBy(() -> OpenStackNovaGateway.connect(profile(url), FAST)).isInstanceOf(CloudException.class)
                .hasMessageContaining("redirects to another host (http://keystone.elsewhere.example:5000)")
                .hasMessageContaining("credentials are not sent there");
        assertThat(posts.get()).isZero();
    }

    @Test
    void aVersionDocumentWithoutV3OrMalformedIsAClearError() throws IOException {
        String url = serve(300, null, "application/json",
                "{\"versions\": {\"values\": [{\"id\": \"v2.0\", \"status\": \"stable\", \"links\": 12}]}}");
        assertThatThrownBy(() -> OpenStackNovaGateway.connect(profile(url), FAST)).isInstanceOf(CloudException.class)
                .hasMessageContaining("offers no Keystone v3 API");
    }

    @Test
    void anAuthUrlWithoutSchemeOrHostIsAConfigurationError() {
        for (String bad : new String[] {"keystone.example.com:5000/v3", "keystone/v3", "ftp://k/v3", "http:///v3"}) {
            assertThatThrownBy(() -> OpenStackNovaGateway.connect(profile(bad), FAST)).as(bad)
                    .isInstanceOf(CloudProfileException.class).hasMessageContaining("is not an http:// or https:// URL");
        }
        assertThatThrownBy(() -> OpenStackNovaGateway.connect(profile("http://keystone.example.com:5000/v2.0"), FAST))
                .isInstanceOf(CloudProfileException.class).hasMessageContaining("v2.0");
    }

    @Test
    void a503FromKeystoneIsAServerErrorNotRateLimiting() throws IOException {
        try (DemoCloud demo = DemoCloud.start(DemoCloudOptions.defaults().withScenario("instance-not-found").withSpeed(0))) {
            demo.faults().add(dev.migrationworkbench.democloud.Fault.status(503).onPaths("/identity/v3/auth/tokens"));
            CloudProfile p = CloudProfile.password("demo", demo.authUrl(), demo.username(), demo.password(),
                    demo.userDomainName(), demo.projectName(), demo.projectDomainName(), demo.regionName());
            assertThatThrownBy(() -> OpenStackNovaGateway.connect(p, FAST)).isInstanceOf(CloudException.class)
                    .satisfies(e -> assertThat(((CloudException) e).kind()).isEqualTo(CloudException.Kind.SERVER_ERROR))
                    .hasMessageContaining("503");
        }
    }
}
