package dev.migrationworkbench.probe.client;

import java.net.Socket;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.Optional;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Trusts an agent's certificate only when its SHA-256 fingerprint equals the one pinned for that
 * host:port. Self-signed agent certificates carry no CA chain and may not name the address the
 * workbench uses, so the pin is the whole identity check (as with SSH host keys).
 */
final class PinningTrustManager extends X509ExtendedTrustManager {

    /** Thrown during the handshake; carries what the client needs to explain the refusal. */
    static final class PinMismatch extends CertificateException {
        private static final long serialVersionUID = 1L;
        final String presented;
        final String pinned;

        PinMismatch(String hostPort, String presented, String pinned) {
            super(pinned == null
                    ? "certificate of " + hostPort + " is not pinned yet (SHA-256 " + presented + ")"
                    : "certificate of " + hostPort + " changed: pinned SHA-256 " + pinned + ", presented " + presented);
            this.presented = presented;
            this.pinned = pinned;
        }
    }

    private final CertificatePins pins;

    PinningTrustManager(CertificatePins pins) {
        this.pins = pins;
    }

    static String fingerprint(X509Certificate certificate) throws CertificateEncodingException {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded());
            return HexFormat.ofDelimiter(":").withUpperCase().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }

    private void check(X509Certificate[] chain, String host, int port) throws CertificateException {
        if (chain == null || chain.length == 0) {
            throw new CertificateException("the agent presented no certificate");
        }
        String hostPort = ProbeClient.hostPort(host, port);
        String presented = fingerprint(chain[0]);
        Optional<String> pinned = pins.pinned(hostPort);
        if (pinned.isEmpty() || !pinned.get().equalsIgnoreCase(presented)) {
            throw new PinMismatch(hostPort, presented, pinned.orElse(null));
        }
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        check(chain, engine.getPeerHost(), engine.getPeerPort());
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        SSLSocket ssl = (SSLSocket) socket;
        check(chain, ssl.getHandshakeSession().getPeerHost(), ssl.getHandshakeSession().getPeerPort());
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        throw new CertificateException("probe agent certificates are checked only with a known host and port");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        throw new CertificateException("the workbench does not accept client connections");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        throw new CertificateException("the workbench does not accept client connections");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        throw new CertificateException("the workbench does not accept client connections");
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return new X509Certificate[0];
    }
}
