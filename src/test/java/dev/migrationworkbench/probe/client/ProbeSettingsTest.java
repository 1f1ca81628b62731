package dev.migrationworkbench.probe.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProbeSettingsTest {

    @TempDir
    Path config;

    @Test
    void defaultsWithoutAFile() throws Exception {
        ProbeSettings s = ProbeSettings.load(config);
        assertThat(s.agentUrl("compute-0")).isEqualTo(URI.create("https://compute-0:8443"));
        assertThat(s.tokenFile("compute-0")).isEqualTo(config.resolve("probe-token"));
        assertThat(s.connectTimeout()).isEqualTo(Duration.ofSeconds(3));
    }

    @Test
    void patternHostLinesTokensAndTimeouts() throws Exception {
        Files.writeString(config.resolve(ProbeSettings.FILE_NAME), String.join("\n",
                "url.pattern=https://{host}.mgmt.example.com:9443/",
                "host.compute-0=https://10.0.0.10:8443",
                "token.file=/etc/mw/token",
                "token.file.compute-0=/etc/mw/token-0",
                "connect.timeout.ms=1500",
                "request.timeout.ms=20000"));
        ProbeSettings s = ProbeSettings.load(config);
        assertThat(s.agentUrl("compute-1")).isEqualTo(URI.create("https://compute-1.mgmt.example.com:9443"));
        assertThat(s.agentUrl("compute-0")).isEqualTo(URI.create("https://10.0.0.10:8443"));
        assertThat(s.tokenFile("compute-0")).isEqualTo(Path.of("/etc/mw/token-0"));
        assertThat(s.tokenFile("compute-1")).isEqualTo(Path.of("/etc/mw/token"));
        assertThat(s.connectTimeout()).isEqualTo(Duration.ofMillis(1500));
        assertThat(s.requestTimeout()).isEqualTo(Duration.ofSeconds(20));
    }

    @Test
    void clearErrors() throws Exception {
        assertThatThrownBy(() -> new ProbeSettings("http://{host}:8443", null, null, null, null, null))
                .hasMessageContaining("must start with https://");
        ProbeSettings s = ProbeSettings.defaults(config.resolve("t"));
        for (String bad : new String[] {"evil.com/x?", "a@b", "../x", "", "host:1"}) {
            assertThatThrownBy(() -> s.agentUrl(bad)).as(bad).hasMessageContaining("is not a host name");
        }
        Files.writeString(config.resolve(ProbeSettings.FILE_NAME), "host.c0=http://10.0.0.1:8443\n");
        assertThatThrownBy(() -> ProbeSettings.load(config)).hasMessageContaining("host.c0").hasMessageContaining("https://");
        Files.writeString(config.resolve(ProbeSettings.FILE_NAME), "connect.timeout.ms=soon\n");
        assertThatThrownBy(() -> ProbeSettings.load(config)).hasMessageContaining("connect.timeout.ms")
                .hasMessageContaining("'soon'");
    }
}
