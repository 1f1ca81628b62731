package dev.migrationworkbench.cloud;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * TLS settings of a profile against a real HTTPS Keystone stand-in on loopback whose self-signed
 * certificate (made with the JDK's keytool) answers every request with Keystone's 401.
 */
class TlsProfileTest {

    private static final GatewayOptions FAST = GatewayOptions.defaults()
            .withTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(5));

    @TempDir
    Path dir;
    private HttpsServer server;
    private String authUrl;
    private Path caPem;

    @BeforeEach
    void start() throws Exception {
        Path keystore = dir.resolve("server.p12");
        keytool("-genkeypair", "-keystore", keystore.toString(), "-storetype", "PKCS12", "-storepass", "changeit",
                "-alias", "server", "-keyalg", "RSA", "-keysize", "2048", "-dname", "CN=localhost", "-validity", "2",
                "-ext", "san=ip:127.0.0.1,dns:localhost");
        caPem = dir.resolve("ca.pem");
        keytool("-exportcert", "-rfc", "-keystore", keystore.toString(), "-storetype", "PKCS12", "-storepass",
                "changeit", "-alias", "server", "-file", caPem.toString());
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = new FileInputStream(keystore.toFile())) {
            ks.load(in, "changeit".toCharArray());
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, "changeit".toCharArray());
        SSLContext ssl = SSLContext.getInstance("TLS");
        ssl.init(kmf.getKeyManagers(), null, null);
        server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 8);
        server.setHttpsConfigurator(new HttpsConfigurator(ssl));
        server.createContext("/", exchange -> {
            byte[] body = "{\"error\": {\"code\": 401, \"title\": \"Unauthorized\", \"message\": \"The request you have made requires authentication.\"}}"
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(401, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        authUrl = "https://127.0.0.1:" + server.getAddress().getPort() + "/v3";
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private CloudProfile profile(Path ca, boolean verify) {
        return new CloudProfile("tls", "test", CloudProfile.AuthType.PASSWORD, authUrl, "u", null, "p", "Default", null,
                "p", null, "Default", null, null, null, null, null, CloudProfile.Interface.PUBLIC, ca, verify, null);
    }

    @Test
    void anUntrustedCertificateIsATlsError() {
        assertThatThrownBy(() -> OpenStackNovaGateway.connect(profile(null, true), FAST))
                .isInstanceOfSatisfying(CloudException.class, e -> {
                    assertThat(e.kind()).isEqualTo(CloudException.Kind.TLS);
                    assertThat(e.getMessage()).contains("cacert");
                });
    }

    @Test
    void theProfilesCaBundleIsTrusted() {
        // the handshake succeeds, so Keystone's own answer comes through
        assertThatThrownBy(() -> OpenStackNovaGateway.connect(profile(caPem, true), FAST))
                .isInstanceOfSatisfying(CloudException.class,
                        e -> assertThat(e.kind()).isEqualTo(CloudException.Kind.UNAUTHORIZED));
    }

    @Test
    void verifyFalseSkipsTheCheck() {
        assertThatThrownBy(() -> OpenStackNovaGateway.connect(profile(null, false), FAST))
                .isInstanceOfSatisfying(CloudException.class,
                        e -> assertThat(e.kind()).isEqualTo(CloudException.Kind.UNAUTHORIZED));
    }

    private static void keytool(String... args) throws IOException, InterruptedException {
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        List<String> cmd = new java.util.ArrayList<>(List.of(keytool.toString()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException("keytool " + String.join(" ", args) + " failed: " + out);
        }
    }
}
