package dev.migrationworkbench.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OpenStackConfigPathsTest {

    private static final Path JAVA_HOME_DIR = Path.of("/home/from-passwd");

    @TempDir
    Path tmp;

    private static UserEnvironment linux(Map<String, String> env) {
        return new UserEnvironment(env, "Linux", Path.of("/work/here"), JAVA_HOME_DIR);
    }

    @Test
    void linuxUsesHomeNotJavaUserHomeAndTheXdgDirs() {
        OpenStackConfigPaths paths = OpenStackConfigPaths.of(linux(Map.of("HOME", "/h", "XDG_CONFIG_HOME", "/x/cfg")));
        assertThat(paths.searchDirs()).containsExactly(Path.of("/work/here"), Path.of("/x/cfg/openstack"),
                Path.of("/h/.config/openstack"), Path.of("/etc/xdg/openstack"), Path.of("/etc/openstack"));
        assertThat(paths.userConfigDir()).isEqualTo(Path.of("/x/cfg/openstack"));
        assertThat(paths.candidates("clouds").subList(0, 3)).containsExactly(Path.of("/work/here/clouds.yaml"),
                Path.of("/work/here/clouds.yml"), Path.of("/work/here/clouds.json"));
    }

    @Test
    void withoutHomeJavasUserHomeIsTheFallback() {
        assertThat(OpenStackConfigPaths.of(linux(Map.of())).userConfigDir())
                .isEqualTo(JAVA_HOME_DIR.resolve(".config/openstack"));
    }

    @Test
    void macAndWindowsUseThePlatformDirsOfPlatformdirs() {
        OpenStackConfigPaths mac = OpenStackConfigPaths.of(
                new UserEnvironment(Map.of("HOME", "/Users/a"), "Mac OS X", Path.of("/tmp"), JAVA_HOME_DIR));
        assertThat(mac.searchDirs()).containsExactly(Path.of("/tmp"),
                Path.of("/Users/a/Library/Application Support/openstack"), Path.of("/Users/a/.config/openstack"),
                Path.of("/Library/Application Support/openstack"), Path.of("/etc/openstack"));
        OpenStackConfigPaths win = OpenStackConfigPaths.of(new UserEnvironment(
                Map.of("USERPROFILE", "/u", "LOCALAPPDATA", "/u/AppData/Local", "ProgramData", "/pd", "HOME", "/ignored"),
                "Windows 11", Path.of("/cwd"), JAVA_HOME_DIR));
        assertThat(win.searchDirs()).containsExactly(Path.of("/cwd"), Path.of("/u/AppData/Local/OpenStack/openstack"),
                Path.of("/u/.config/openstack"), Path.of("/pd/OpenStack/openstack"), Path.of("/etc/openstack"));
    }

    @Test
    void snapRealHomeAndSeveralXdgConfigDirs() {
        OpenStackConfigPaths paths = OpenStackConfigPaths.of(linux(
                Map.of("HOME", "/home/a/snap/openstackclients/12", "SNAP_REAL_HOME", "/home/a", "XDG_CONFIG_DIRS", "/a:/b")));
        assertThat(paths.searchDirs()).containsExactly(Path.of("/work/here"),
                Path.of("/home/a/snap/openstackclients/12/.config/openstack"), Path.of("/home/a/.config/openstack"),
                Path.of("/etc/openstack"));
    }

    @Test
    void appDirsFollowXdgAndHome() {
        AppDirs dirs = AppDirs.of(linux(Map.of("HOME", "/h", "XDG_STATE_HOME", "/s", "XDG_DATA_HOME", "relative")));
        assertThat(dirs.config()).isEqualTo(Path.of("/h/.config/migration-workbench"));
        assertThat(dirs.data()).isEqualTo(Path.of("/h/.local/share/migration-workbench"));
        assertThat(dirs.logs()).isEqualTo(Path.of("/s/migration-workbench/logs"));
    }

    /**
     * The same answer as the installed openstacksdk gives for several environments (its module
     * constant CONFIG_SEARCH_PATH, read by the system Python with that environment and directory).
     */
    @Test
    void sameSearchPathAsTheInstalledOpenstackClient() throws Exception {
        Path python = Path.of("/usr/bin/python3");
        assumeTrue(Files.isExecutable(python) && probe(python, Map.of("HOME", tmp.toString())) != null,
                "openstacksdk is not installed for /usr/bin/python3: apt-get install -y python3-openstackclient");
        Path cwd = Files.createDirectories(tmp.resolve("cwd"));
        List<Map<String, String>> envs = List.of(
                Map.of("HOME", tmp.resolve("h1").toString()),
                Map.of("HOME", tmp.resolve("h2").toString(), "XDG_CONFIG_HOME", tmp.resolve("cfg").toString()),
                Map.of("HOME", tmp.resolve("h3").toString(), "XDG_CONFIG_DIRS", tmp.resolve("site").toString()),
                Map.of("HOME", tmp.resolve("h4").toString(), "SNAP_REAL_HOME", tmp.resolve("real").toString()));
        for (Map<String, String> env : envs) {
            List<Path> expected = new ArrayList<>(new LinkedHashSet<>(probe(python, env)));
            UserEnvironment user = new UserEnvironment(env, "Linux", cwd.toRealPath(), JAVA_HOME_DIR);
            assertThat(OpenStackConfigPaths.of(user).searchDirs()).as("env %s", env).isEqualTo(expected);
        }
    }

    private List<Path> probe(Path python, Map<String, String> env) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(python.toString(), "-c",
                "import openstack.config.loader as l; print('\\n'.join(l.CONFIG_SEARCH_PATH))");
        pb.environment().clear();
        pb.environment().putAll(env);
        pb.environment().put("PATH", "/usr/bin:/bin");
        pb.directory(Files.createDirectories(tmp.resolve("cwd")).toFile());
        pb.redirectErrorStream(true);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            return null;
        }
        return out.lines().map(Path::of).toList();
    }
}
