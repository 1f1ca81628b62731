package dev.migrationworkbench.probe.agent;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * Runs {@code virsh --readonly} with a fixed argument list; the only variable argument is a UUID
 * that has matched {@link #UUID} and is passed as one argument (no shell).
 */
public final class Virsh {

    public static final Pattern UUID =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    /** Nova's {@code [libvirt] connection_uri} for KVM and QEMU guests when it is not set. */
    public static final String DEFAULT_URI = "qemu:///system";
    private static final long TIMEOUT_SECONDS = 10;
    private static final int MAX_OUTPUT = 8 << 20;

    private final Path executable;
    private final String uri;

    public Virsh(Path executable) {
        this(executable, DEFAULT_URI);
    }

    /** @param uri the libvirt connection URI (a daemon on a non-default socket: {@code qemu:///system?socket=PATH}) */
    public Virsh(Path executable, String uri) {
        this.executable = executable;
        this.uri = uri;
    }

    /** virsh on PATH, or empty. */
    public static Optional<Path> findOnPath() {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(java.io.File.pathSeparator)) {
            Path candidate = Path.of(dir.isEmpty() ? "." : dir, "virsh");
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** A failed or unusable virsh (not found, timed out, error other than an unknown domain). */
    public static final class VirshException extends Exception {
        private static final long serialVersionUID = 1L;

        VirshException(String message) {
            super(message);
        }
    }

    public List<String> listUuids() throws VirshException {
        Result r = run("list", "--all", "--uuid");
        if (r.exit != 0) {
            throw new VirshException("virsh list failed (exit " + r.exit + "): " + r.stderr.strip());
        }
        List<String> uuids = new ArrayList<>();
        for (String line : r.stdout.split("\n")) {
            String uuid = line.strip();
            if (UUID.matcher(uuid).matches()) {
                uuids.add(uuid.toLowerCase(Locale.ROOT));
            }
        }
        return uuids;
    }

    /** The domain XML, or empty when there is no such domain. */
    public Optional<String> dumpXml(String uuid) throws VirshException {
        return domainCommand("dumpxml", uuid);
    }

    /** {@code domjobinfo} output, or empty when there is no such domain. */
    public Optional<String> domJobInfo(String uuid) throws VirshException {
        return domainCommand("domjobinfo", uuid);
    }

    /** Whether the domain is in post-copy ({@code domstate --reason} says "(post-copy…)"), empty if no such domain. */
    public Optional<Boolean> postCopy(String uuid) throws VirshException {
        return domainCommand("domstate", uuid, "--reason").map(state -> state.contains("post-copy"));
    }

    private Optional<String> domainCommand(String command, String uuid, String... extra) throws VirshException {
        if (!UUID.matcher(uuid).matches()) {
            throw new IllegalArgumentException("not a UUID: " + uuid);
        }
        String[] args = new String[2 + extra.length];
        args[0] = command;
        args[1] = uuid.toLowerCase(Locale.ROOT);
        System.arraycopy(extra, 0, args, 2, extra.length);
        Result r = run(args);
        if (r.exit == 0) {
            return Optional.of(r.stdout);
        }
        if (r.stderr.contains("Domain not found") || r.stderr.contains("failed to get domain")) {
            return Optional.empty();
        }
        throw new VirshException("virsh " + command + " failed (exit " + r.exit + "): " + r.stderr.strip());
    }

    private record Result(int exit, String stdout, String stderr) {
    }

    private Result run(String... args) throws VirshException {
        List<String> command = new ArrayList<>(List.of(executable.toString(), "--readonly", "--connect", uri));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().put("LC_ALL", "C");
        Process process;
        try {
            process = builder.start();
            process.getOutputStream().close();
        } catch (IOException e) {
            throw new VirshException("cannot run " + executable + ": " + e.getMessage());
        }
        CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> drain(process.getInputStream()));
        CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> drain(process.getErrorStream()));
        try {
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new VirshException("virsh " + args[0] + " did not answer within " + TIMEOUT_SECONDS + " s");
            }
            return new Result(process.exitValue(), out.join(), err.join());
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new VirshException("interrupted while waiting for virsh");
        }
    }

    private static String drain(InputStream in) {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        byte[] chunk = new byte[8192];
        try (in) {
            int n;
            while ((n = in.read(chunk)) >= 0) {
                if (buffer.size() < MAX_OUTPUT) {
                    buffer.write(chunk, 0, Math.min(n, MAX_OUTPUT - buffer.size()));
                }
            }
        } catch (IOException e) {
            // the process went away; what was read is all there is
        }
        return buffer.toString(StandardCharsets.UTF_8);
    }
}
