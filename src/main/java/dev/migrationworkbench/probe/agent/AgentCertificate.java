package dev.migrationworkbench.probe.agent;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * The agent's TLS identity: a PKCS#12 keystore in the state dir, created at first start by the
 * JDK's keytool (EC P-256, self-signed, 10 years) with a random password kept beside it.
 */
public final class AgentCertificate {

    static final String KEYSTORE = "agent-keystore.p12";
    static final String PASSWORD = "agent-keystore.pass";
    private static final String ALIAS = "mw-probe";

    private final SSLContext sslContext;
    private final String fingerprint;
    private final boolean created;

    private AgentCertificate(SSLContext sslContext, String fingerprint, boolean created) {
        this.sslContext = sslContext;
        this.fingerprint = fingerprint;
        this.created = created;
    }

    /** Loads the keystore in {@code stateDir}, creating it (and the dir) first if it does not exist. */
    public static AgentCertificate loadOrCreate(Path stateDir, String hostName) throws IOException {
        Path keystore = stateDir.resolve(KEYSTORE);
        Path passwordFile = stateDir.resolve(PASSWORD);
        boolean created = false;
        if (!Files.exists(keystore)) {
            create(stateDir, keystore, passwordFile, hostName);
            created = true;
        }
        char[] password = Files.readString(passwordFile, StandardCharsets.US_ASCII).strip().toCharArray();
        try (InputStream in = Files.newInputStream(keystore)) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, password);
            Certificate certificate = store.getCertificate(ALIAS);
            if (certificate == null) {
                throw new IOException(keystore + " has no entry '" + ALIAS + "'; delete it and "
                        + passwordFile + " to create a new certificate");
            }
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(store, password);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(kmf.getKeyManagers(), null, new SecureRandom());
            return new AgentCertificate(context, fingerprint(certificate.getEncoded()), created);
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot load " + keystore + ": " + e.getMessage()
                    + " (delete it and " + passwordFile + " to create a new certificate)", e);
        }
    }

    /** SHA-256 of a DER certificate as colon-separated upper-case hex, as keytool and openssl print it. */
    public static String fingerprint(byte[] der) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(der);
            return HexFormat.ofDelimiter(":").withUpperCase().formatHex(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }

    public SSLContext sslContext() {
        return sslContext;
    }

    public String fingerprint() {
        return fingerprint;
    }

    public boolean created() {
        return created;
    }

    private static void create(Path stateDir, Path keystore, Path passwordFile, String hostName) throws IOException {
        Files.createDirectories(stateDir);
        byte[] random = new byte[24];
        new SecureRandom().nextBytes(random);
        String password = HexFormat.of().formatHex(random);
        Files.deleteIfExists(passwordFile);
        Files.createFile(passwordFile, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(passwordFile, password + "\n", StandardCharsets.US_ASCII);
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        if (!Files.isExecutable(keytool)) {
            throw new IOException("cannot create the agent certificate: " + keytool + " is missing; install a JDK/JRE "
                    + "that includes keytool (e.g. java-17-openjdk-headless)");
        }
        List<String> command = List.of(keytool.toString(), "-genkeypair", "-noprompt",
                "-alias", ALIAS, "-keyalg", "EC", "-groupname", "secp256r1", "-sigalg", "SHA256withECDSA",
                "-validity", "3650", "-dname", "CN=" + dnSafe(hostName),
                "-ext", "SAN=" + subjectAltNames(hostName),
                "-storetype", "PKCS12", "-keystore", keystore.toString(),
                "-storepass:file", passwordFile.toString());
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        process.getOutputStream().close();
        try {
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                process.destroyForcibly();
                Files.deleteIfExists(keystore);
                throw new IOException("keytool could not create " + keystore + ": " + output.strip());
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while creating the agent certificate", e);
        }
        Files.setPosixFilePermissions(keystore, PosixFilePermissions.fromString("rw-------"));
    }

    /** Host names and addresses are letters, digits, '.', '-', ':' — anything else is left out of the certificate. */
    private static String dnSafe(String hostName) {
        String safe = hostName.replaceAll("[^A-Za-z0-9.-]", "");
        return safe.isEmpty() ? "mw-probe" : safe;
    }

    private static String subjectAltNames(String hostName) {
        Set<String> names = new LinkedHashSet<>();
        names.add("dns:" + dnSafe(hostName));
        names.add("dns:localhost");
        List<String> addresses = new ArrayList<>();
        try {
            for (NetworkInterface nif : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                for (InetAddress address : Collections.list(nif.getInetAddresses())) {
                    String text = address.getHostAddress();
                    int zone = text.indexOf('%');
                    addresses.add("ip:" + (zone < 0 ? text : text.substring(0, zone)).toLowerCase(Locale.ROOT));
                }
            }
        } catch (SocketException e) {
            addresses.add("ip:127.0.0.1");
        }
        names.addAll(addresses);
        return String.join(",", names);
    }
}
