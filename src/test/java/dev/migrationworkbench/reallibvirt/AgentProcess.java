package dev.migrationworkbench.reallibvirt;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The probe agent as an operator runs it: the {@code agent} subcommand of the workbench's main
 * class in its own JVM, {@code --root /}, talking to one libvirt daemon through {@code --libvirt-uri}.
 */
public final class AgentProcess implements AutoCloseable {

    public static final String TOKEN = "real-libvirt-suite-token-0123456789abcdef";
    private static final Pattern LISTENING = Pattern.compile("listening on https://[^:]+:(\\d+)");
    private static final Pattern FINGERPRINT = Pattern.compile("SHA-256 fingerprint: (\\S+)");

    public final Process process;
    public final int port;
    public final String fingerprint;

    private AgentProcess(Process process, int port, String fingerprint) {
        this.process = process;
        this.port = port;
        this.fingerprint = fingerprint;
    }

    static AgentProcess start(String hostName, String libvirtUri, Path dir) throws IOException {
        return start(hostName, dir, "--root", "/", "--libvirt-uri", libvirtUri);
    }

    /** The agent with {@code options} added to the ones every run needs (bind, port, host name, token, state). */
    public static AgentProcess start(String hostName, Path dir, String... options) throws IOException {
        Files.createDirectories(dir);
        Path token = dir.resolve("token");
        Files.writeString(token, TOKEN + "\n");
        Files.setPosixFilePermissions(token, PosixFilePermissions.fromString("rw-------"));
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "dev.migrationworkbench.Launcher", "agent",
                "--bind", "127.0.0.1", "--port", "0", "--host-name", hostName,
                "--token-file", token.toString(), "--state-dir", dir.resolve("state").toString()));
        command.addAll(List.of(options));
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.PIPE).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        Integer port = null;
        String fingerprint = null;
        StringBuilder seen = new StringBuilder();
        String line;
        while ((port == null || fingerprint == null) && (line = out.readLine()) != null) {
            seen.append(line).append('\n');
            Matcher l = LISTENING.matcher(line);
            if (l.find()) {
                port = Integer.parseInt(l.group(1));
            }
            Matcher f = FINGERPRINT.matcher(line);
            if (f.find()) {
                fingerprint = f.group(1);
            }
        }
        if (port == null || fingerprint == null) {
            process.destroy();
            throw new IllegalStateException("the agent for " + hostName + " did not start; it printed:\n" + seen);
        }
        // keep reading so that the agent never blocks on a full pipe
        Thread drain = new Thread(() -> {
            try {
                while (out.readLine() != null) {
                    // discarded
                }
            } catch (IOException e) {
                // the agent ended
            }
        }, "agent-" + hostName + "-output");
        drain.setDaemon(true);
        drain.start();
        return new AgentProcess(process, port, fingerprint);
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
