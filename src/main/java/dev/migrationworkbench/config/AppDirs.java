package dev.migrationworkbench.config;

import java.nio.file.Path;
import java.util.Locale;

/**
 * Where the workbench keeps its state: settings in the user's config dir, the audit log in the
 * data dir, logs in the state dir. Follows the XDG base directories on Linux, %APPDATA% on Windows
 * and ~/Library on macOS. The system property {@code mw.home} moves everything under one folder
 * (used by tests so they never touch the real user's files).
 */
public record AppDirs(Path config, Path data, Path logs) {

    private static final String APP = "migration-workbench";

    public static AppDirs forCurrentUser() {
        String override = System.getProperty("mw.home");
        if (override != null && !override.isBlank()) {
            return under(Path.of(override));
        }
        Path home = Path.of(System.getProperty("user.home"));
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        if (os.contains("win")) {
            String appData = System.getenv("APPDATA");
            Path base = appData != null ? Path.of(appData) : home.resolve("AppData/Roaming");
            return under(base.resolve("MigrationWorkbench"));
        }
        if (os.contains("mac")) {
            Path support = home.resolve("Library/Application Support/MigrationWorkbench");
            return new AppDirs(support, support, home.resolve("Library/Logs/MigrationWorkbench"));
        }
        return new AppDirs(
                xdg("XDG_CONFIG_HOME", home.resolve(".config")).resolve(APP),
                xdg("XDG_DATA_HOME", home.resolve(".local/share")).resolve(APP),
                xdg("XDG_STATE_HOME", home.resolve(".local/state")).resolve(APP).resolve("logs"));
    }

    public static AppDirs under(Path root) {
        return new AppDirs(root.resolve("config"), root.resolve("data"), root.resolve("logs"));
    }

    private static Path xdg(String variable, Path fallback) {
        String value = System.getenv(variable);
        return value == null || value.isBlank() ? fallback : Path.of(value);
    }
}
