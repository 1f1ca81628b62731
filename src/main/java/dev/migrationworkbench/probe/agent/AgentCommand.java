package dev.migrationworkbench.probe.agent;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code migration-workbench agent}: runs the host probe agent until stopped (docs/PROBE-AGENT.md). */
@Command(name = "agent", mixinStandardHelpOptions = true,
        description = "Run the host probe agent: read-only HTTPS reporter of this compute host's NUMA, NIC, "
                + "hugepage and pinning layout (see docs/PROBE-AGENT.md).")
public final class AgentCommand implements Callable<Integer> {

    static final int MIN_TOKEN_LENGTH = 32;

    @Option(names = "--port", defaultValue = "8443", description = "TCP port (0: any free port). Default: ${DEFAULT-VALUE}")
    int port;

    @Option(names = "--bind", defaultValue = "0.0.0.0", description = "Listen address. Default: ${DEFAULT-VALUE}")
    String bind;

    @Option(names = "--token-file", defaultValue = "/etc/mw-probe/token",
            description = "File with the bearer token (>= 32 characters, not readable by group/others). Default: ${DEFAULT-VALUE}")
    Path tokenFile;

    @Option(names = "--state-dir", defaultValue = "/var/lib/mw-probe",
            description = "Where the TLS keystore is kept. Default: ${DEFAULT-VALUE}")
    Path stateDir;

    @Option(names = "--root", defaultValue = "/", description = "Read sys/, proc/, etc/ under this directory. Default: ${DEFAULT-VALUE}")
    Path root;

    @Option(names = "--host-name", description = "Host name to report. Default: the kernel's host name")
    String hostName;

    @Option(names = "--nova-conf", description = "nova.conf to read, relative to --root. Default: the usual locations")
    String novaConf;

    @Option(names = "--virsh", description = "virsh executable. Default: virsh on PATH (only with --root /)")
    Path virsh;

    @Option(names = "--libvirt-uri", defaultValue = Virsh.DEFAULT_URI,
            description = "libvirt connection URI virsh uses (as [libvirt] connection_uri in nova.conf). Default: ${DEFAULT-VALUE}")
    String libvirtUri;

    @Option(names = "--rate", defaultValue = "20", description = "Requests per second per client. Default: ${DEFAULT-VALUE}")
    double rate;

    @Option(names = "--burst", defaultValue = "40", description = "Burst size per client. Default: ${DEFAULT-VALUE}")
    int burst;

    @Option(names = "--request-timeout", defaultValue = "10", description = "Seconds a client has to send its request, "
            + "TLS handshake included; slower clients are disconnected. Default: ${DEFAULT-VALUE}")
    int requestTimeout;

    @Option(names = "--setup", description = "Create the token file (random, mode 0400) and the certificate when "
            + "missing, print the certificate's fingerprint and exit. Run once on install (the packages do).")
    boolean setup;

    @Override
    public Integer call() throws Exception {
        if (setup) {
            return setUp();
        }
        long start = System.nanoTime();
        String invalid = port < 0 || port > 65535 ? "--port must be 0..65535, not " + port
                : !(rate > 0 && rate <= 100_000) ? "--rate must be a number above 0 and at most 100000 (requests per second), not " + rate
                : burst < 1 || burst > 100_000 ? "--burst must be 1..100000, not " + burst
                : requestTimeout < 1 || requestTimeout > 300 ? "--request-timeout must be 1..300 (seconds), not " + requestTimeout
                : null;
        if (invalid != null) {
            System.err.println("mw-probe agent: " + invalid);
            return 2;
        }
        String token;
        try {
            token = readToken(tokenFile);
        } catch (IOException e) {
            System.err.println("mw-probe agent: " + e.getMessage());
            return 2;
        }
        Path absoluteRoot = root.toAbsolutePath().normalize();
        String name = hostName != null ? hostName : HostReader.kernelHostName(absoluteRoot);
        Virsh v = null;
        if (virsh != null) {
            v = new Virsh(virsh, libvirtUri);
        } else if (absoluteRoot.getParent() == null) {
            v = Virsh.findOnPath().map(path -> new Virsh(path, libvirtUri)).orElse(null);
        }
        AgentCertificate certificate;
        try {
            certificate = AgentCertificate.loadOrCreate(stateDir, name);
        } catch (IOException e) {
            System.err.println("mw-probe agent: " + e.getMessage());
            return 2;
        }
        AgentService service = new AgentService(new HostReader(absoluteRoot, name, new NovaConfig(novaConf)), v, name);
        InetSocketAddress address = new InetSocketAddress(bind, port);
        if (address.isUnresolved()) {
            System.err.println("mw-probe agent: --bind " + bind + " is not an address of this host");
            return 2;
        }
        AgentServer server;
        try {
            server = AgentServer.start(new AgentServer.Options(address, token, rate, burst,
                    java.time.Duration.ofSeconds(requestTimeout)), certificate.sslContext(), service);
        } catch (IOException e) {
            System.err.println("mw-probe agent: cannot listen on " + bind + ":" + port + ": " + e.getMessage()
                    + " (another process may use the port; choose another --port or stop it)");
            return 2;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "probe-agent-shutdown"));
        System.out.printf("mw-probe agent %s listening on https://%s:%d (host %s, root %s, virsh %s)%n",
                AgentService.agentVersion(), bind, server.port(), name, absoluteRoot, v == null ? "not available" : "available");
        System.out.println((certificate.created() ? "created certificate, " : "certificate ")
                + "SHA-256 fingerprint: " + certificate.fingerprint());
        System.out.printf("ready in %d ms%n", (System.nanoTime() - start) / 1_000_000);
        System.out.flush();
        stopped.await();
        return 0;
    }

    private int setUp() {
        Path absoluteRoot = root.toAbsolutePath().normalize();
        String name = hostName != null ? hostName : HostReader.kernelHostName(absoluteRoot);
        try {
            boolean createdToken = createTokenIfMissing(tokenFile);
            readToken(tokenFile);
            AgentCertificate certificate = AgentCertificate.loadOrCreate(stateDir, name);
            System.out.println((createdToken ? "created token " : "token ") + tokenFile);
            System.out.println((certificate.created() ? "created certificate, " : "certificate ")
                    + "SHA-256 fingerprint: " + certificate.fingerprint());
            return 0;
        } catch (IOException e) {
            System.err.println("mw-probe agent: " + e.getMessage());
            return 2;
        }
    }

    /** Writes 32 random bytes as 64 hex characters to {@code file} (mode 0400) unless it exists. */
    static boolean createTokenIfMissing(Path file) throws IOException {
        if (Files.exists(file)) {
            return false;
        }
        byte[] bytes = new byte[32];
        new java.security.SecureRandom().nextBytes(bytes);
        StringBuilder hex = new StringBuilder();
        for (byte b : bytes) {
            hex.append(String.format("%02x", b));
        }
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, ".token", ".tmp",
                java.nio.file.attribute.PosixFilePermissions.asFileAttribute(EnumSet.of(PosixFilePermission.OWNER_READ,
                        PosixFilePermission.OWNER_WRITE)));
        try {
            Files.writeString(tmp, hex + "\n", StandardCharsets.US_ASCII);
            Files.setPosixFilePermissions(tmp, EnumSet.of(PosixFilePermission.OWNER_READ));
            Files.move(tmp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
        return true;
    }

    /** The first line of the token file, trimmed; refuses short tokens and files others can read. */
    static String readToken(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException("token file " + file + " does not exist; create it, e.g. "
                    + "'openssl rand -hex 32 > " + file + " && chmod 0400 " + file + "'");
        }
        try {
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
            if (permissions.stream().anyMatch(EnumSet.of(PosixFilePermission.GROUP_READ, PosixFilePermission.OTHERS_READ,
                    PosixFilePermission.GROUP_WRITE, PosixFilePermission.OTHERS_WRITE)::contains)) {
                throw new IOException("token file " + file + " is readable or writable by group/others; run 'chmod 0400 "
                        + file + "'");
            }
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: nothing to check
        }
        String content = Files.readString(file, StandardCharsets.UTF_8);
        String token = content.lines().findFirst().orElse("").strip();
        if (token.length() < MIN_TOKEN_LENGTH) {
            throw new IOException("the token in " + file + " is shorter than " + MIN_TOKEN_LENGTH
                    + " characters; use e.g. 'openssl rand -hex 32'");
        }
        return token;
    }
}
