package dev.migrationworkbench.config;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * What the user's directories are derived from: the environment variables, the operating system,
 * the current directory and Java's idea of the home directory (used only when the environment
 * names none). Passed explicitly so tests never depend on the machine they run on.
 */
public record UserEnvironment(Map<String, String> env, String osName, Path cwd, Path javaUserHome) {

    public UserEnvironment {
        env = Map.copyOf(env);
    }

    public static UserEnvironment current() {
        return new UserEnvironment(System.getenv(), System.getProperty("os.name", ""),
                Path.of(System.getProperty("user.dir")), Path.of(System.getProperty("user.home")));
    }

    public boolean isWindows() {
        return osName.toLowerCase(Locale.ROOT).startsWith("windows");
    }

    public boolean isMac() {
        String os = osName.toLowerCase(Locale.ROOT);
        return os.startsWith("mac") || os.startsWith("darwin");
    }

    /**
     * The home directory as Python's {@code os.path.expanduser("~")} finds it (which openstacksdk
     * uses): {@code $HOME} on Unix, {@code %USERPROFILE%} on Windows; Java's {@code user.home}
     * (from the password database) only when that variable is unset or empty.
     */
    public Path home() {
        String value = variable(isWindows() ? "USERPROFILE" : "HOME");
        return value != null ? Path.of(value) : javaUserHome;
    }

    /** A variable's value, or null when it is unset or empty. */
    public String variable(String name) {
        String value = env.get(name);
        return value == null || value.isEmpty() ? null : value;
    }

    /** An XDG base directory variable, or its default; the spec says to ignore empty and relative values. */
    public Path xdg(String name, Path fallback) {
        String value = variable(name);
        return value != null && Path.of(value).isAbsolute() ? Path.of(value) : fallback;
    }

    /** {@code ~/...} expanded against {@link #home()}; any other path unchanged. */
    public Path expandUser(String path) {
        if (path.equals("~")) {
            return home();
        }
        if (path.startsWith("~/") || (isWindows() && path.startsWith("~\\"))) {
            return home().resolve(path.substring(2));
        }
        return Path.of(path);
    }
}
