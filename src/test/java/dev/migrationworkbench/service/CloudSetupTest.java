package dev.migrationworkbench.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.migrationworkbench.cloud.CloudException;
import dev.migrationworkbench.cloud.CloudProfileException;
import dev.migrationworkbench.cloud.CloudProfiles;
import dev.migrationworkbench.cloud.MemoryVault;
import dev.migrationworkbench.config.AppDirs;
import dev.migrationworkbench.config.OpenStackConfigPaths;
import dev.migrationworkbench.config.UserEnvironment;
import dev.migrationworkbench.democloud.DemoCloud;
import dev.migrationworkbench.democloud.DemoCloudOptions;
import dev.migrationworkbench.model.CloudInfo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The add-cloud form's service against the demo cloud over loopback HTTP: clouds.yaml written where
 * the openstack client reads it, the password in the vault (or secure.yaml when asked), read back
 * by a connect; existing clouds.yaml content kept byte for byte.
 */
class CloudSetupTest {

    private static DemoCloud demo;

    @TempDir
    Path home;

    @BeforeAll
    static void startDemo() throws Exception {
        demo = DemoCloud.start(DemoCloudOptions.defaults().withPort(0));
    }

    @AfterAll
    static void stopDemo() {
        demo.close();
    }

    private Map<String, String> env() {
        return Map.of("HOME", home.toString(), "XDG_CONFIG_HOME", home.resolve("xdg").toString());
    }

    private CloudProfiles profiles(MemoryVault vault) {
        UserEnvironment user = new UserEnvironment(env(), "Linux", home.resolve("cwd"), Path.of("/nonexistent"));
        return new CloudProfiles(env(), OpenStackConfigPaths.of(user).searchDirs(), vault);
    }

    private static CloudSetup.NewCloud form(String name, String authUrl) {
        return new CloudSetup.NewCloud(name, authUrl, demo.projectName(), demo.projectDomainName(), demo.username(),
                demo.userDomainName(), demo.regionName(), "public", "");
    }

    @Test
    void aNewCloudGoesWhereTheOpenstackClientReadsItWithThePasswordInTheKeyringOnly() throws Exception {
        MemoryVault vault = new MemoryVault();
        CloudSetup setup = new CloudSetup(profiles(vault));
        assertThat(setup.cloudsFile()).isEqualTo(home.resolve("xdg/openstack/clouds.yaml"));

        CloudSetup.Saved saved = setup.save(form("lab", demo.authUrl()), demo.password(), CloudSetup.PasswordStorage.KEYRING);

        assertThat(saved.cloudsFile()).isEqualTo(home.resolve("xdg/openstack/clouds.yaml"));
        String yaml = Files.readString(saved.cloudsFile());
        assertThat(yaml).contains("lab:", "auth_url: " + demo.authUrl(), "username: " + demo.username(), "interface: public")
                .doesNotContain(demo.password()).doesNotContain("password");
        assertThat(vault.entries).containsEntry("lab", demo.password());
        assertThat(home.resolve("xdg/openstack/secure.yaml")).doesNotExist();

        // a connect reads clouds.yaml and takes the password from the keyring
        try (CloudConnection c = new Connector(profiles(vault), AppDirs.under(home.resolve("mw"))).cloud("lab")) {
            assertThat(c.info().projectName()).isEqualTo(demo.projectName());
        }
    }

    @Test
    void thePasswordGoesIntoSecureYamlOnlyWhenAskedReadableByTheUserOnly() throws Exception {
        MemoryVault vault = new MemoryVault();
        vault.refuse = true;
        CloudSetup setup = new CloudSetup(profiles(vault));
        assertThat(setup.keyring().available()).isFalse();
        assertThat(setup.keyring().detail()).contains("D-Bus");

        CloudSetup.Saved saved = setup.save(form("lab", demo.authUrl()), demo.password(), CloudSetup.PasswordStorage.SECURE_YAML);

        assertThat(saved.secureFile()).isEqualTo(home.resolve("xdg/openstack/secure.yaml"));
        assertThat(Files.readString(saved.cloudsFile())).doesNotContain(demo.password());
        assertThat(Files.readString(saved.secureFile())).contains("lab:", "password: " + demo.password());
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(saved.secureFile()))).isEqualTo("rw-------");
        assertThat(profiles(vault).load("lab").password()).isEqualTo(demo.password());
    }

    @Test
    void aKeyringThatRefusesLeavesClouds_yamlUntouched() {
        MemoryVault vault = new MemoryVault();
        vault.refuse = true;
        CloudSetup setup = new CloudSetup(profiles(vault));
        assertThatThrownBy(() -> setup.save(form("lab", demo.authUrl()), demo.password(), CloudSetup.PasswordStorage.KEYRING))
                .isInstanceOf(CloudProfileException.class).hasMessageContaining("keyring");
        assertThat(setup.cloudsFile()).doesNotExist();
    }

    @Test
    void anExistingClouds_yamlKeepsItsCommentsAndCloudsAndGainsTheNewOne() throws Exception {
        Path clouds = home.resolve("xdg/openstack/clouds.yaml");
        Files.createDirectories(clouds.getParent());
        String before = "# our clouds, see the wiki\n"
                + "clouds:\n"
                + "    # production: ask the on-call first\n"
                + "    prod:\n"
                + "        auth:\n"
                + "            auth_url: https://keystone.prod.example:5000/v3  # via the VPN\n"
                + "            username: support\n"
                + "            project_name: ops\n"
                + "        region_name: RegionOne\n"
                + "ansible:\n"
                + "    use_hostnames: true\n";
        Files.writeString(clouds, before);
        MemoryVault vault = new MemoryVault();
        CloudSetup setup = new CloudSetup(profiles(vault));

        setup.save(form("lab", demo.authUrl()), demo.password(), CloudSetup.PasswordStorage.KEYRING);

        String after = Files.readString(clouds);
        for (String line : before.lines().toList()) {
            assertThat(after).contains(line);
        }
        assertThat(profiles(vault).cloudNames()).containsExactly("lab", "prod");
        assertThat(profiles(vault).load("lab").authUrl()).isEqualTo(demo.authUrl());
        assertThat(setup.check(form("prod", demo.authUrl()), "x")).extracting(CloudSetup.Problem::key)
                .containsExactly("addCloud.error.nameTaken");
    }

    @Test
    void aFlowStyleClouds_yamlIsNotRewrittenButTheEntryIsShown() throws Exception {
        Path clouds = home.resolve("xdg/openstack/clouds.yaml");
        Files.createDirectories(clouds.getParent());
        String before = "clouds: {prod: {auth: {auth_url: 'https://k:5000/v3', username: u, project_name: p}}}\n";
        Files.writeString(clouds, before);
        CloudSetup setup = new CloudSetup(profiles(new MemoryVault()));
        assertThatThrownBy(() -> setup.save(form("lab", demo.authUrl()), demo.password(), CloudSetup.PasswordStorage.SECURE_YAML))
                .isInstanceOf(CloudProfileException.class).hasMessageContaining("by hand").hasMessageContaining("lab:");
        assertThat(Files.readString(clouds)).isEqualTo(before);
    }

    @Test
    void theFormIsCheckedFieldByField() throws Exception {
        CloudSetup setup = new CloudSetup(profiles(new MemoryVault()));
        assertThat(setup.check(new CloudSetup.NewCloud("", "", "", "", "", "", "", "", ""), ""))
                .extracting(CloudSetup.Problem::field).containsExactly("name", "authUrl", "projectName", "username", "password");
        assertThat(setup.check(new CloudSetup.NewCloud("my cloud", "keystone:5000", "p", "", "u", "", "", "private",
                home.resolve("missing.pem").toString()), "pw"))
                .extracting(CloudSetup.Problem::key)
                .containsExactly("addCloud.error.name", "addCloud.error.authUrl", "addCloud.error.interface", "addCloud.error.caCert");
        assertThat(setup.check(form("demo", demo.authUrl()), "pw")).extracting(CloudSetup.Problem::key)
                .as("the demo cloud's name is taken").containsExactly("addCloud.error.nameTaken");
        assertThat(setup.check(form("lab-2.eu_west", demo.authUrl()), "pw")).isEmpty();
    }

    @Test
    void theConnectionTestAuthenticatesAndWritesNothing() throws Exception {
        CloudSetup setup = new CloudSetup(profiles(new MemoryVault()));
        CloudInfo info = setup.test(form("lab", demo.authUrl()), demo.password());
        assertThat(info.projectName()).isEqualTo(demo.projectName());
        assertThat(info.novaMaxVersion()).isNotBlank();
        assertThatThrownBy(() -> setup.test(form("lab", demo.authUrl()), demo.password() + "-wrong"))
                .isInstanceOf(CloudException.class);
        assertThat(setup.cloudsFile()).doesNotExist();
    }
}
