package dev.migrationworkbench.service;

import dev.migrationworkbench.config.AppDirs;
import dev.migrationworkbench.probe.client.CertificatePins;
import dev.migrationworkbench.probe.client.ProbeClient;
import dev.migrationworkbench.probe.client.ProbeSettings;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * The probe agents of the user's settings ({@code probe-agents.properties} and the pinned
 * certificates in the config dir), asked one at a time: the {@code probe} command.
 * Failures are thrown as {@link dev.migrationworkbench.probe.client.ProbeException}.
 */
public final class HostAgents {

    private final ProbeClient client;

    private HostAgents(ProbeClient client) {
        this.client = client;
    }

    public static HostAgents of(AppDirs dirs) throws IOException {
        return new HostAgents(new ProbeClient(ProbeSettings.load(dirs.config()), CertificatePins.load(dirs.config())));
    }

    /** Where the probe agent settings live. */
    public static Path settingsFile(AppDirs dirs) {
        return dirs.config().resolve(ProbeSettings.FILE_NAME);
    }

    /**
     * Writes a bearer token to a new file only its owner can read (deleted when this program ends),
     * for the settings' {@code token.file}.
     */
    public static Path writeTokenFile(String token) throws IOException {
        Path file;
        try {
            file = Files.createTempFile("mw-probe-token", "", PosixFilePermissions.asFileAttribute(
                    PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException e) {
            file = Files.createTempFile("mw-probe-token", "");
        }
        file.toFile().deleteOnExit();
        return Files.writeString(file, token);
    }

    /** Pins the agent certificate of a host (after the user checked its fingerprint on the host); returns the agent URL. */
    public URI trust(String host, String fingerprint) throws IOException {
        client.trust(host, fingerprint);
        return client.agentUrl(host);
    }

    /** The host's report: topology and warnings. */
    public Object host(String host) throws Exception {
        return client.host(host);
    }

    /** An instance's placement on the host. */
    public Object instance(String host, String instanceUuid) throws Exception {
        return client.instance(host, instanceUuid);
    }

    /** libvirt's job of an instance on the host (live migration statistics). */
    public Object jobInfo(String host, String instanceUuid) throws Exception {
        return client.jobInfo(host, instanceUuid);
    }
}
