package dev.migrationworkbench.config;

import java.nio.file.Path;

/**
 * Where the workbench keeps its state: settings in the user's config dir, the audit log in the
 * data dir, logs in the state dir. The same conventions as the {@code openstack} client's own
 * dirs (platformdirs): on Linux the XDG base directories ({@code XDG_CONFIG_HOME},
 * {@code XDG_DATA_HOME}, {@code XDG_STATE_HOME}, defaults under {@code $HOME}, not Java's
 * {@code user.home}); {@code %APPDATA%} on Windows; {@code ~/Library} on macOS. The system property
 * {@code mw.home} moves everything under one folder (used by tests so they never touch the real
 * user's files).
 */
public record AppDirs(Path config, Path data, Path logs) {

    private static final String APP = "migration-workbench";

    public static AppDirs forCurrentUser() {
        String override = System.getProperty("mw.home");
        if (override != null && !override.isBlank()) {
            return under(Path.of(override));
        }
        return of(UserEnvironment.current());
    }

    public static AppDirs of(UserEnvironment user) {
        Path home = user.home();
        if (user.isWindows()) {
            String appData = user.variable("APPDATA");
            Path base = appData != null ? Path.of(appData) : home.resolve("AppData/Roaming");
            return under(base.resolve("MigrationWorkbench"));
        }
        if (user.isMac()) {
            Path support = home.resolve("Library/Application Support/MigrationWorkbench");
            return new AppDirs(support, support, home.resolve("Library/Logs/MigrationWorkbench"));
        }
        return new AppDirs(
                user.xdg("XDG_CONFIG_HOME", home.resolve(".config")).resolve(APP),
                user.xdg("XDG_DATA_HOME", home.resolve(".local/share")).resolve(APP),
                user.xdg("XDG_STATE_HOME", home.resolve(".local/state")).resolve(APP).resolve("logs"));
    }

    public static AppDirs under(Path root) {
        return new AppDirs(root.resolve("config"), root.resolve("data"), root.resolve("logs"));
    }
}
