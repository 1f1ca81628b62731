package dev.migrationworkbench.probe.client;

import dev.migrationworkbench.config.SafeFiles;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Properties;

/**
 * The agents' pinned certificates, like SSH's known_hosts: {@code host:port = SHA-256 fingerprint}
 * in {@code probe-pins.properties} in the config dir.
 */
public final class CertificatePins {

    public static final String FILE_NAME = "probe-pins.properties";

    private final Path file;
    private final Properties pins = new Properties();

    private CertificatePins(Path file) {
        this.file = file;
    }

    public static CertificatePins load(Path configDir) throws IOException {
        CertificatePins pins = new CertificatePins(configDir.resolve(FILE_NAME));
        if (Files.exists(pins.file)) {
            try (Reader reader = Files.newBufferedReader(pins.file, StandardCharsets.UTF_8)) {
                pins.pins.load(reader);
            }
        }
        return pins;
    }

    public synchronized Optional<String> pinned(String hostPort) {
        return Optional.ofNullable(pins.getProperty(hostPort));
    }

    /** Pins (or re-pins) a fingerprint and saves the file. */
    public synchronized void pin(String hostPort, String fingerprint) throws IOException {
        pins.setProperty(hostPort, canonical(fingerprint));
        save();
    }

    /**
     * A SHA-256 fingerprint as the agent prints it (32 bytes, upper-case hex, colons); with or
     * without colons, any case. Anything else is refused: a malformed pin would match nothing.
     */
    static String canonical(String fingerprint) {
        String hex = fingerprint == null ? "" : fingerprint.strip().replace(":", "");
        if (!hex.matches("[0-9a-fA-F]{64}")) {
            throw new IllegalArgumentException("'" + fingerprint + "' is not a SHA-256 fingerprint: 32 bytes in hex, "
                    + "e.g. AB:CD:...:EF (64 hex digits) as the agent prints it at start");
        }
        return java.util.HexFormat.ofDelimiter(":").withUpperCase().formatHex(java.util.HexFormat.of().parseHex(hex));
    }

    /** Forgets a pin, so the next contact is a first use again. */
    public synchronized void forget(String hostPort) throws IOException {
        if (pins.remove(hostPort) != null) {
            save();
        }
    }

    private void save() throws IOException {
        SafeFiles.write(file, out -> {
            Writer writer = new java.io.OutputStreamWriter(out, StandardCharsets.UTF_8);
            pins.store(writer, "Migration Workbench: pinned probe agent certificates (host:port = SHA-256 fingerprint)");
            writer.flush();
        });
    }
}
