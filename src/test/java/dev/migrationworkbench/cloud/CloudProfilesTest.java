package dev.migrationworkbench.cloud;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CloudProfilesTest {

    @TempDir
    Path tmp;

    private Path cwd() throws IOException {
        return Files.createDirectories(tmp.resolve("cwd"));
    }

    private Path userConfig() throws IOException {
        return Files.createDirectories(tmp.resolve("home/.config/openstack"));
    }

    private Path etc() throws IOException {
        return Files.createDirectories(tmp.resolve("etc/openstack"));
    }

    private CloudProfiles profiles(Map<String, String> env) throws IOException {
        return new CloudProfiles(env, List.of(cwd(), userConfig(), etc()));
    }

    @Test
    void findsYmlAndJsonLikeTheOpenstackClientDirectoryByDirectory() throws IOException {
        Files.writeString(etc().resolve("clouds.yaml"), "clouds: {site: {auth: {auth_url: 'http://k:5000/v3'}}}\n");
        Files.writeString(userConfig().resolve("clouds.json"),
                "{\"clouds\": {\"fromjson\": {\"auth\": {\"auth_url\": \"http://k:5000/v3\"}}}}");
        assertThat(profiles(Map.of()).cloudNames()).containsExactly("fromjson");
        Files.writeString(cwd().resolve("clouds.yml"), "clouds: {here: {auth: {auth_url: 'http://k:5000/v3'}}}\n");
        assertThat(profiles(Map.of()).cloudsFile()).contains(cwd().resolve("clouds.yml"));
    }

    @Test
    void readsCloudsYamlWithSecretsFromSecureYaml() throws IOException {
        Files.writeString(userConfig().resolve("clouds.yaml"), """
                clouds:
                  prod:
                    auth:
                      auth_url: https://keystone.example.com:5000/v3
                      username: alice
                      project_name: ops
                      user_domain_name: Users
                      project_domain_name: Projects
                    region_name: RegionTwo
                    interface: internal
                    compute_api_version: 2.80
                  lab:
                    auth:
                      auth_url: http://lab:5000/v3
                      username: bob
                      password: pw
                      project_id: 0123456789abcdef0123456789abcdef
                """);
        Files.writeString(etc().resolve("secure.yaml"), """
                clouds:
                  prod:
                    auth:
                      password: s3cret
                """);
        CloudProfiles p = profiles(Map.of());
        assertThat(p.cloudNames()).containsExactly("prod", "lab");
        CloudProfile prod = p.load("prod");
        assertThat(prod.authType()).isEqualTo(CloudProfile.AuthType.PASSWORD);
        assertThat(prod.password()).isEqualTo("s3cret");
        assertThat(prod.userDomainName()).isEqualTo("Users");
        assertThat(prod.projectDomainName()).isEqualTo("Projects");
        assertThat(prod.regionName()).isEqualTo("RegionTwo");
        assertThat(prod.endpointInterface()).isEqualTo(CloudProfile.Interface.INTERNAL);
        // unquoted 2.80 is a YAML float; it must not become 2.8
        assertThat(prod.computeApiVersion()).isEqualTo(Microversion.of(80));
        assertThat(prod.verifyTls()).isTrue();
        assertThat(prod.source()).contains("clouds.yaml").contains("secure.yaml");
        assertThat(prod.toString()).doesNotContain("s3cret");
        assertThat(p.load("lab").projectId()).isEqualTo("0123456789abcdef0123456789abcdef");
    }

    @Test
    void currentDirectoryWinsOverUserAndSystemFiles() throws IOException {
        Files.writeString(etc().resolve("clouds.yaml"), cloud("etc"));
        Files.writeString(userConfig().resolve("clouds.yaml"), cloud("user"));
        Files.writeString(cwd().resolve("clouds.yaml"), cloud("cwd"));
        assertThat(profiles(Map.of()).cloudNames()).containsExactly("cwd");
        Files.delete(cwd().resolve("clouds.yaml"));
        assertThat(profiles(Map.of()).cloudNames()).containsExactly("user");
        Path explicit = Files.writeString(tmp.resolve("mine.yaml"), cloud("explicit"));
        assertThat(profiles(Map.of("OS_CLIENT_CONFIG_FILE", explicit.toString())).cloudNames())
                .containsExactly("explicit");
    }

    @Test
    void osCloudSelectsTheEntryAndEnvironmentVariablesMakeAProfile() throws IOException {
        Files.writeString(cwd().resolve("clouds.yaml"), cloud("a") + cloud("b").replace("clouds:\n", ""));
        assertThat(profiles(Map.of("OS_CLOUD", "b")).resolve(null).name()).isEqualTo("b");
        assertThat(profiles(Map.of()).resolve("a").name()).isEqualTo("a");
        assertThatThrownBy(() -> profiles(Map.of()).resolve(null)).isInstanceOf(CloudProfileException.class)
                .hasMessageContaining("[a, b]").hasMessageContaining("OS_CLOUD");

        Map<String, String> openrc = Map.of("OS_AUTH_URL", "http://127.0.0.1:5000/v3", "OS_USERNAME", "admin",
                "OS_PASSWORD", "secret", "OS_PROJECT_NAME", "admin", "OS_USER_DOMAIN_NAME", "Default",
                "OS_PROJECT_DOMAIN_NAME", "Default", "OS_REGION_NAME", "RegionOne", "OS_IDENTITY_API_VERSION", "3",
                "OS_COMPUTE_API_VERSION", "2.80", "OS_INSECURE", "true");
        CloudProfile env = profiles(openrc).resolve(null);
        assertThat(env.name()).isEqualTo(CloudProfiles.ENV_CLOUD);
        assertThat(env.username()).isEqualTo("admin");
        assertThat(env.regionName()).isEqualTo("RegionOne");
        assertThat(env.computeApiVersion()).isEqualTo(Microversion.of(80));
        assertThat(env.verifyTls()).isFalse();
    }

    @Test
    void applicationCredentialsFromYamlAndEnvironment() throws IOException {
        Files.writeString(cwd().resolve("clouds.yaml"), """
                clouds:
                  ac:
                    auth_type: v3applicationcredential
                    auth:
                      auth_url: https://k/v3
                      application_credential_id: abc
                      application_credential_secret: shh
                    verify: false
                """);
        CloudProfile ac = profiles(Map.of()).load("ac");
        assertThat(ac.authType()).isEqualTo(CloudProfile.AuthType.APPLICATION_CREDENTIAL);
        assertThat(ac.applicationCredentialId()).isEqualTo("abc");
        assertThat(ac.verifyTls()).isFalse();
        assertThat(ac.toString()).doesNotContain("shh").contains("TLS-UNVERIFIED");

        CloudProfile env = profiles(Map.of("OS_AUTH_URL", "https://k/v3", "OS_AUTH_TYPE", "v3applicationcredential",
                "OS_APPLICATION_CREDENTIAL_NAME", "ci", "OS_USERNAME", "carol", "OS_USER_DOMAIN_NAME", "Default",
                "OS_APPLICATION_CREDENTIAL_SECRET", "x")).fromEnvironment();
        assertThat(env.applicationCredentialName()).isEqualTo("ci");
        assertThat(env.username()).isEqualTo("carol");
    }

    @Test
    void customCaBundleMustBeReadable() throws IOException {
        Files.writeString(cwd().resolve("clouds.yaml"), """
                clouds:
                  tls:
                    auth: {auth_url: "https://k/v3", username: u, password: p, project_name: x}
                    cacert: /nonexistent/ca.pem
                """);
        assertThatThrownBy(() -> profiles(Map.of()).load("tls")).isInstanceOf(CloudProfileException.class)
                .hasMessageContaining("/nonexistent/ca.pem").hasMessageContaining("cannot be read");
    }

    @Test
    void badInputGetsASpecificMessage() throws IOException {
        assertThatThrownBy(() -> profiles(Map.of()).resolve(null)).isInstanceOf(CloudProfileException.class)
                .hasMessageContaining("No cloud configured");
        assertThatThrownBy(() -> profiles(Map.of()).load("x")).hasMessageContaining("no clouds.yaml found");
        Files.writeString(cwd().resolve("clouds.yaml"), "clouds:\n  a:\n    auth: {username: u, password: p}\n");
        assertThatThrownBy(() -> profiles(Map.of()).load("a")).hasMessageContaining("auth.auth_url is missing");
        assertThatThrownBy(() -> profiles(Map.of()).load("zzz")).hasMessageContaining("Defined clouds: [a]");
        Files.writeString(cwd().resolve("clouds.yaml"),
                "clouds:\n  a:\n    auth: {auth_url: 'http://k/v3', username: u, project_name: p}\n");
        assertThatThrownBy(() -> profiles(Map.of()).load("a")).hasMessageContaining("no password for user u")
                .hasMessageContaining("secure.yaml");
        Files.writeString(cwd().resolve("clouds.yaml"),
                "clouds:\n  a:\n    auth_type: token\n    auth: {auth_url: 'http://k/v3'}\n");
        assertThatThrownBy(() -> profiles(Map.of()).load("a")).hasMessageContaining("auth_type 'token'");
        Files.writeString(cwd().resolve("clouds.yaml"), "clouds: [\n");
        assertThatThrownBy(() -> profiles(Map.of()).load("a")).hasMessageContaining("Cannot read");
        Files.writeString(cwd().resolve("clouds.yaml"), "other: 1\n");
        assertThatThrownBy(() -> profiles(Map.of()).cloudNames()).hasMessageContaining("no 'clouds:' mapping");
        assertThatThrownBy(() -> profiles(Map.of("OS_AUTH_URL", "http://k/v2.0", "OS_IDENTITY_API_VERSION", "2"))
                .fromEnvironment()).hasMessageContaining("only Keystone v3");
    }

    private static String cloud(String name) {
        return "clouds:\n  " + name + ":\n    auth:\n      auth_url: http://k/v3\n      username: u\n"
                + "      password: p\n      project_name: x\n";
    }
}
