package dev.migrationworkbench.cloud;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.migrationworkbench.democloud.DemoCloud;
import dev.migrationworkbench.democloud.DemoCloudOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Keystone token is reused by the next run (no second login), forgotten when Nova rejects it,
 * and never read from a file another user could have written or read.
 */
class TokenCacheTest {

    @TempDir
    Path tmp;

    private DemoCloud demo;
    private Path dir;
    private CloudProfile profile;

    @BeforeEach
    void start() throws IOException {
        demo = DemoCloud.start(DemoCloudOptions.defaults().withScenario("instance-not-found").withSpeed(0));
        dir = tmp.resolve("run").resolve("tokens");
        profile = CloudProfile.password("demo", demo.authUrl(), demo.username(), demo.password(),
                demo.userDomainName(), demo.projectName(), demo.projectDomainName(), demo.regionName());
    }

    @AfterEach
    void stop() {
        demo.close();
    }

    private OpenStackNovaGateway connect(TokenCache cache) {
        return OpenStackNovaGateway.connect(profile, GatewayOptions.defaults().withTokenCache(cache));
    }

    private Path file() {
        return dir.resolve(TokenCache.key(profile) + ".json");
    }

    private String cachedTokenId() throws IOException {
        return NovaJson.MAPPER.readTree(Files.readString(file())).path("token").asText();
    }

    @Test
    void theNextRunReusesTheTokenInsteadOfLoggingInAgain() throws IOException {
        try (OpenStackNovaGateway gateway = connect(TokenCache.in(dir))) {
            assertThat(gateway.listComputeServices(null)).isNotEmpty();
        }
        assertThat(Files.getPosixFilePermissions(file())).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(Files.getPosixFilePermissions(dir)).isEqualTo(PosixFilePermissions.fromString("rwx------"));
        String first = cachedTokenId();
        assertThat(Files.readString(file())).doesNotContain(demo.password());

        try (OpenStackNovaGateway gateway = connect(TokenCache.in(dir))) {
            assertThat(gateway.listComputeServices(null)).isNotEmpty();
            assertThat(gateway.cloudInfo().admin()).isTrue();   // the roles come from the cached token body
        }
        assertThat(cachedTokenId()).as("a second login would have stored a new token").isEqualTo(first);
    }

    @Test
    void aTokenNovaRejectsIsForgottenAndReplacedByANewLogin() throws IOException {
        try (OpenStackNovaGateway gateway = connect(TokenCache.in(dir))) {
            gateway.listComputeServices(null);
        }
        String first = cachedTokenId();
        demo.faults().expireTokens();   // Keystone revokes every token issued so far

        try (OpenStackNovaGateway gateway = connect(TokenCache.in(dir))) {
            assertThat(gateway.listComputeServices(null)).isNotEmpty();
        }
        assertThat(cachedTokenId()).isNotEqualTo(first);
    }

    @Test
    void aFileOthersCouldReadOrWriteIsNeverUsed() throws IOException {
        try (OpenStackNovaGateway gateway = connect(TokenCache.in(dir))) {
            gateway.listComputeServices(null);
        }
        String first = cachedTokenId();
        Files.setPosixFilePermissions(file(), PosixFilePermissions.fromString("rw-r--r--"));
        assertThat(TokenCache.in(dir).load(TokenCache.key(profile))).isEmpty();

        Files.setPosixFilePermissions(file(), PosixFilePermissions.fromString("rw-------"));
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxrwxrwx"));
        assertThat(TokenCache.in(dir).load(TokenCache.key(profile))).isEmpty();
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));

        Path link = tmp.resolve("elsewhere.json");
        Files.move(file(), link);
        Files.createSymbolicLink(file(), link);
        assertThat(TokenCache.in(dir).load(TokenCache.key(profile))).isEmpty();
        assertThat(first).isNotBlank();
    }

    @Test
    void aTokenAboutToExpireIsNotUsed() throws IOException {
        try (OpenStackNovaGateway gateway = connect(TokenCache.in(dir))) {
            gateway.listComputeServices(null);
        }
        Instant expires = Instant.parse(NovaJson.MAPPER.readTree(Files.readString(file())).path("expiresAt").asText());
        String key = TokenCache.key(profile);
        Clock early = Clock.fixed(expires.minus(TokenCache.MARGIN).minusSeconds(60), ZoneOffset.UTC);
        Clock late = Clock.fixed(expires.minus(TokenCache.MARGIN).plusSeconds(1), ZoneOffset.UTC);
        assertThat(new TokenCache(dir, early).load(key)).isPresent();
        assertThat(new TokenCache(dir, late).load(key)).isEmpty();
        assertThat(file()).as("an expired token is removed").doesNotExist();
    }

    @Test
    void aDamagedFileMeansANewLogin() throws IOException {
        try (OpenStackNovaGateway gateway = connect(TokenCache.in(dir))) {
            gateway.listComputeServices(null);
        }
        ObjectNode root = (ObjectNode) NovaJson.MAPPER.readTree(Files.readString(file()));
        root.put("body", "{\"token\": ");
        Files.writeString(file(), NovaJson.MAPPER.writeValueAsString(root));
        try (OpenStackNovaGateway gateway = connect(TokenCache.in(dir))) {
            assertThat(gateway.listComputeServices(null)).isNotEmpty();
        }
        JsonNode again = NovaJson.MAPPER.readTree(Files.readString(file()));
        assertThat(again.path("body").asText()).startsWith("{");
        assertThat(again.path("body").asText().length()).isGreaterThan(20);
    }

    @Test
    void noCacheWritesNothingAndTheIdentityNotTheSecretNamesTheFile() {
        try (OpenStackNovaGateway gateway = connect(TokenCache.none())) {
            gateway.listComputeServices(null);
        }
        assertThat(dir).doesNotExist();
        CloudProfile otherPassword = CloudProfile.password("demo", demo.authUrl(), demo.username(), "another",
                demo.userDomainName(), demo.projectName(), demo.projectDomainName(), demo.regionName());
        CloudProfile otherProject = CloudProfile.password("demo", demo.authUrl(), demo.username(), demo.password(),
                demo.userDomainName(), "another", demo.projectDomainName(), demo.regionName());
        assertThat(TokenCache.key(otherPassword)).isEqualTo(TokenCache.key(profile));
        assertThat(TokenCache.key(otherProject)).isNotEqualTo(TokenCache.key(profile));
    }

    @Test
    void cloudsYamlCanTurnReuseOffAsOpenstacksdkSpellsIt() throws IOException {
        Path on = tmp.resolve("on");
        Path off = tmp.resolve("off");
        Files.createDirectories(on);
        Files.createDirectories(off);
        String cloud = "clouds:\n  c:\n    auth:\n      auth_url: http://k/v3\n      username: u\n      password: p\n";
        Files.writeString(on.resolve("clouds.yaml"), cloud);
        Files.writeString(off.resolve("clouds.yaml"), "cache:\n  auth: false\n" + cloud);
        assertThat(new CloudProfiles(Map.of(), List.of(on)).tokenReuseAllowed()).isTrue();
        assertThat(new CloudProfiles(Map.of(), List.of(off)).tokenReuseAllowed()).isFalse();
    }
}
