package dev.migrationworkbench.cloud;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The OS keyring through java-keyring, for real: without a session bus it says why and is not used;
 * with a Secret Service (gnome-keyring in a private D-Bus session, started here when installed) a
 * password goes in, comes out, and a clouds.yaml cloud without a password gets it. Windows'
 * Credential Manager and the macOS Keychain cannot be exercised on this machine.
 */
class OsKeyringTest {

    @TempDir
    Path dir;

    @Test
    void withoutASessionBusTheKeyringSaysWhyAndNothingIsRead() {
        assumeTrue(System.getenv("DBUS_SESSION_BUS_ADDRESS") == null, "this JVM has a session bus: see the other test");
        OsKeyring keyring = new OsKeyring();
        PasswordVault.Availability availability = keyring.availability();
        assertThat(availability.available()).isFalse();
        assertThat(availability.detail()).isNotBlank();
        assertThat(keyring.password("lab")).isEmpty();
    }

    @Test
    void aRealSecretServiceStoresThePasswordAndTheLoaderReadsIt() throws Exception {
        assumeTrue(onPath("dbus-run-session") && onPath("gnome-keyring-daemon"),
                "SKIPPED: no dbus-run-session / gnome-keyring-daemon (apt-get install dbus gnome-keyring) — the Secret Service path is not exercised");
        Path script = dir.resolve("session.sh");
        Files.writeString(script, "export HOME=" + dir.resolve("home") + "\n"
                + "export XDG_RUNTIME_DIR=" + dir.resolve("run") + "\n"
                + "mkdir -p \"$HOME\" \"$XDG_RUNTIME_DIR\"\n"
                + "printf 'unlock' | gnome-keyring-daemon --unlock --components=secrets >/dev/null 2>&1\n"
                + "exec \"$JAVA\" -cp \"$CP\" " + OsKeyringProbe.class.getName() + " 's3cret pass'\n");
        ProcessBuilder pb = new ProcessBuilder("dbus-run-session", "--", "sh", script.toString()).redirectErrorStream(true);
        pb.environment().put("JAVA", Path.of(System.getProperty("java.home"), "bin", "java").toString());
        pb.environment().put("CP", System.getProperty("java.class.path"));
        pb.environment().remove("DBUS_SESSION_BUS_ADDRESS");
        Process process = pb.start();
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(out).as(out).contains("available=true", "read=s3cret pass", "profile=password from the keyring");
    }

    private static boolean onPath(String program) throws IOException {
        for (String d : List.of(System.getenv().getOrDefault("PATH", "").split(":"))) {
            if (!d.isEmpty() && Files.isExecutable(Path.of(d, program))) {
                return true;
            }
        }
        return false;
    }
}
