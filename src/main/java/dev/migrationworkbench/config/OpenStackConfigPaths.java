package dev.migrationworkbench.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * Where the {@code openstack} client looks for {@code clouds.yaml} and {@code secure.yaml}, in its
 * order. Mirrors openstacksdk {@code openstack/config/loader.py} (module constants
 * {@code CONFIG_SEARCH_PATH}, {@code CONFIG_FILES}, {@code SECURE_FILES}; commit 94758e92b6e7) and the
 * platformdirs/appdirs rules it relies on for {@code PlatformDirs('openstack', 'OpenStack', multipath=True)}:
 * <ol>
 * <li>the current directory;</li>
 * <li>the user config dir: {@code $XDG_CONFIG_HOME/openstack} (default {@code $HOME/.config/openstack}),
 *     {@code ~/Library/Application Support/openstack} on macOS,
 *     {@code %LOCALAPPDATA%\OpenStack\openstack} on Windows;</li>
 * <li>{@code ~/.config/openstack} on every system ({@code $SNAP_REAL_HOME/.config/openstack} inside a snap);</li>
 * <li>the site config dir: {@code $XDG_CONFIG_DIRS/openstack} (default {@code /etc/xdg/openstack}),
 *     {@code /Library/Application Support/openstack} on macOS,
 *     {@code %ProgramData%\OpenStack\openstack} on Windows;</li>
 * <li>{@code /etc/openstack}.</li>
 * </ol>
 * In each directory {@code NAME.yaml}, {@code NAME.yml} and {@code NAME.json} are tried in that order
 * before the next directory; {@code OS_CLIENT_CONFIG_FILE} / {@code OS_CLIENT_SECURE_FILE} come first
 * (handled by {@code CloudProfiles}). With several entries in {@code XDG_CONFIG_DIRS} openstacksdk joins
 * them with ':' into one path that never exists, so it reads none of them; neither do we.
 */
public record OpenStackConfigPaths(List<Path> searchDirs, Path userConfigDir) {

    public static final List<String> SUFFIXES = List.of(".yaml", ".yml", ".json");

    public OpenStackConfigPaths {
        searchDirs = List.copyOf(searchDirs);
    }

    public static OpenStackConfigPaths forCurrentUser() {
        return of(UserEnvironment.current());
    }

    public static OpenStackConfigPaths of(UserEnvironment user) {
        Path home = user.home();
        Path userConfig;
        Path siteConfig;
        if (user.isWindows()) {
            userConfig = windowsDir(user, "LOCALAPPDATA", home.resolve("AppData/Local"));
            siteConfig = windowsDir(user, "ProgramData", Path.of("C:\\ProgramData"));
        } else if (user.isMac()) {
            userConfig = home.resolve("Library/Application Support/openstack");
            siteConfig = Path.of("/Library/Application Support/openstack");
        } else {
            userConfig = user.xdg("XDG_CONFIG_HOME", home.resolve(".config")).resolve("openstack");
            String dirs = user.variable("XDG_CONFIG_DIRS");
            siteConfig = dirs == null ? Path.of("/etc/xdg/openstack")
                    : dirs.contains(":") ? null : Path.of(dirs).resolve("openstack");
        }
        String snapHome = user.variable("SNAP_REAL_HOME");
        Path unixConfig = (snapHome != null ? Path.of(snapHome) : home).resolve(".config/openstack");
        LinkedHashSet<Path> dirs = new LinkedHashSet<>();
        dirs.add(user.cwd());
        dirs.add(userConfig);
        dirs.add(unixConfig);
        if (siteConfig != null) {
            dirs.add(siteConfig);
        }
        dirs.add(Path.of("/etc/openstack"));
        return new OpenStackConfigPaths(new ArrayList<>(dirs), userConfig);
    }

    /** Every file tried for {@code baseName} ("clouds", "secure"), in order. */
    public List<Path> candidates(String baseName) {
        List<Path> out = new ArrayList<>();
        for (Path dir : searchDirs) {
            for (String suffix : SUFFIXES) {
                out.add(dir.resolve(baseName + suffix));
            }
        }
        return out;
    }

    private static Path windowsDir(UserEnvironment user, String variable, Path fallback) {
        String value = user.variable(variable);
        return (value != null ? Path.of(value) : fallback).resolve("OpenStack").resolve("openstack");
    }
}
