package dev.migrationworkbench.cloud;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.openstack4j.api.OSClient;
import org.openstack4j.api.exceptions.OS4JException;
import org.openstack4j.api.types.Facing;
import org.openstack4j.core.transport.Config;
import org.openstack4j.core.transport.HttpMethod;
import org.openstack4j.core.transport.HttpRequest;
import org.openstack4j.core.transport.HttpResponse;
import org.openstack4j.core.transport.internal.HttpExecutor;
import org.openstack4j.model.common.Identifier;
import org.openstack4j.model.identity.v3.Token;
import org.openstack4j.openstack.OSFactory;
import org.openstack4j.openstack.identity.v3.domain.KeystoneToken;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Keystone v3 token shared by every thread. Password auth goes through openstack4j's own
 * authenticator; application credentials (which openstack4j 3.12 lacks) are a POST to
 * {@code /auth/tokens} on openstack4j's HTTP layer, parsed into its {@link KeystoneToken}.
 *
 * <p>openstack4j keeps its session in a ThreadLocal. {@link #bindToCurrentThread()} installs a
 * session built from the current token on the calling thread before each call, so any thread
 * (JavaFX task, poller, collector pool) can call and a re-authentication on one thread is seen by
 * all.
 */
final class KeystoneSession {

    private static final Logger LOG = LoggerFactory.getLogger(KeystoneSession.class);

    private final CloudProfile profile;
    /** The profile's auth URL, or the v3 URL Keystone's version discovery gave for an unversioned one. */
    private final String authUrl;
    private final Config config;
    private final Facing facing;
    private final Duration deadline;
    private final ExecutorService transport;
    private volatile Token token;

    KeystoneSession(CloudProfile profile, Duration connectTimeout, Duration readTimeout) {
        this.profile = profile;
        this.config = config(profile, connectTimeout, readTimeout);
        this.deadline = connectTimeout.plus(readTimeout);
        AtomicInteger n = new AtomicInteger();
        this.transport = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "nova-http-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.facing = switch (profile.endpointInterface()) {
            case INTERNAL -> Facing.INTERNAL;
            case ADMIN -> Facing.ADMIN;
            default -> Facing.PUBLIC;
        };
        if (!profile.verifyTls()) {
            LOG.warn("TLS certificate verification is DISABLED for cloud '{}' ({}): verify: false",
                    profile.name(), profile.source());
        }
        try {
            this.authUrl = new KeystoneDiscovery(discoverySsl(profile), profile.verifyTls(), connectTimeout, readTimeout)
                    .v3Url(profile.authUrl());
            this.token = authenticate();
        } catch (RuntimeException e) {
            transport.shutdownNow();
            throw e;
        }
    }

    /**
     * Runs one HTTP exchange on a transport thread and waits at most connect + read timeout.
     * openstack4j 3.12's RESTEasy connector never sets a socket read timeout (its readTimeout
     * becomes the pool-lease timeout), so without this a hung cloud would hang the caller forever.
     * {@code what} names the call in the TIMEOUT error.
     */
    <T> T withDeadline(String what, String method, String url, Callable<T> exchange) {
        Future<T> future = transport.submit(exchange);
        try {
            return future.get(deadline.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            throw new CloudException(CloudException.Kind.TIMEOUT, what + ": no answer from " + url + " within "
                    + deadline.toMillis() + " ms (the cloud did not answer in time)", null, method, url, null, e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new CloudException(CloudException.Kind.UNREACHABLE, what + " failed: " + e.getCause(), null,
                    method, url, null, e.getCause());
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            throw new CloudException(CloudException.Kind.TIMEOUT, what + " interrupted", null, method, url, null, e);
        }
    }

    void close() {
        transport.shutdownNow();
    }

    CloudProfile profile() {
        return profile;
    }

    Token token() {
        return token;
    }

    boolean hasRole(String role) {
        Token t = token;
        return t.getRoles() != null && t.getRoles().stream().anyMatch(r -> role.equalsIgnoreCase(r.getName()));
    }

    /** Installs a session for the current token on this thread; returns the token it used. */
    Token bindToCurrentThread() {
        Token t = token;
        OSClient.OSClientV3 client = OSFactory.clientFromToken(t, facing, config);
        if (profile.regionName() != null) {
            client.useRegion(profile.regionName());
        }
        return t;
    }

    /**
     * Gets a new token unless another thread already replaced {@code rejected}; at most one
     * request to Keystone however many threads saw the 401.
     */
    synchronized void reauthenticate(Token rejected) {
        if (token != rejected) {
            return;
        }
        LOG.info("token for cloud '{}' was rejected (expired or revoked); authenticating again", profile.name());
        token = authenticate();
    }

    private Token authenticate() {
        String what = "authentication to " + authUrl + " as " + profile.displayUser();
        String url = authUrl + "/auth/tokens";
        return withDeadline(what, "POST", url, () -> {
            try {
                return profile.authType() == CloudProfile.AuthType.APPLICATION_CREDENTIAL
                        ? authenticateWithApplicationCredential() : authenticateWithPassword();
            } catch (OS4JException e) {
                throw Failures.fromOpenStack4j(e, "POST", url, what);
            } catch (CloudException e) {
                throw e;
            } catch (RuntimeException e) {
                // an HTML page, a redirect, a body that is no token: openstack4j fails in its own ways
                throw new CloudException(CloudException.Kind.BAD_RESPONSE, what + " failed: the answer is not a "
                        + "Keystone v3 token (" + e.getClass().getSimpleName() + "). Is auth_url the Keystone v3 URL?",
                        null, "POST", url, null, null);
            }
        });
    }

    private Token authenticateWithPassword() {
        var builder = OSFactory.builderV3().endpoint(authUrl).perspective(facing).withConfig(config);
        if (profile.userId() != null) {
            builder.credentials(profile.userId(), profile.password());
        } else {
            builder.credentials(profile.username(), profile.password(),
                    identifier(profile.userDomainName(), profile.userDomainId()));
        }
        if (profile.projectId() != null) {
            builder.scopeToProject(Identifier.byId(profile.projectId()));
        } else {
            builder.scopeToProject(Identifier.byName(profile.projectName()),
                    identifier(profile.projectDomainName(), profile.projectDomainId()));
        }
        return builder.authenticate().getToken();
    }

    private Token authenticateWithApplicationCredential() {
        ObjectNode credential = NovaJson.MAPPER.createObjectNode();
        if (profile.applicationCredentialId() != null) {
            credential.put("id", profile.applicationCredentialId());
        } else {
            credential.put("name", profile.applicationCredentialName());
            ObjectNode user = credential.putObject("user");
            if (profile.userId() != null) {
                user.put("id", profile.userId());
            } else {
                user.put("name", profile.username());
                ObjectNode domain = user.putObject("domain");
                if (profile.userDomainName() != null) {
                    domain.put("name", profile.userDomainName());
                } else {
                    domain.put("id", profile.userDomainId() != null ? profile.userDomainId() : "default");
                }
            }
        }
        credential.put("secret", profile.applicationCredentialSecret());
        ObjectNode root = NovaJson.MAPPER.createObjectNode();
        ObjectNode identity = root.putObject("auth").putObject("identity");
        identity.putArray("methods").add("application_credential");
        identity.set("application_credential", credential);

        String url = authUrl.replaceAll("/+$", "");
        HttpRequest<KeystoneToken> request = HttpRequest.builder(KeystoneToken.class).endpoint(url)
                .method(HttpMethod.POST).path("/auth/tokens").config(config)
                .header("OS4J-Auth-Command", "application_credential").entity(new NovaRestService.JsonBody(root)).build();
        try (HttpResponse response = HttpExecutor.create().execute(request)) {
            if (response.getStatus() >= 400) {
                String body = NovaRestService.body(response);
                throw Failures.fromStatus(response.getStatus(), NovaJson.errorMessage(body), "POST",
                        url + "/auth/tokens", "application credential authentication", null);
            }
            KeystoneToken t = response.getEntity(KeystoneToken.class);
            t.setId(response.header("X-Subject-Token"));
            t.setEndpoint(url);
            if (t.getId() == null) {
                throw new CloudException(CloudException.Kind.BAD_RESPONSE,
                        "Keystone answered " + response.getStatus() + " without an X-Subject-Token header");
            }
            return t;
        } catch (IOException e) {
            throw new CloudException(CloudException.Kind.UNREACHABLE, "connection to " + url + " closed", null, "POST",
                    url + "/auth/tokens", null, e);
        }
    }

    /** The v3 URL authenticated against (discovered when the profile's auth_url has no version). */
    String authUrl() {
        return authUrl;
    }

    private static SSLContext discoverySsl(CloudProfile profile) {
        if (!profile.verifyTls()) {
            return KeystoneDiscovery.trustingEverything();
        }
        return profile.caCertFile() != null ? sslContextTrusting(profile) : null;
    }

    private static Identifier identifier(String name, String id) {
        if (name != null) {
            return Identifier.byName(name);
        }
        return Identifier.byId(id != null ? id : "default");
    }

    private static Config config(CloudProfile profile, Duration connectTimeout, Duration readTimeout) {
        Config c = Config.newConfig().withConnectionTimeout((int) connectTimeout.toMillis())
                .withReadTimeout((int) readTimeout.toMillis());
        if (!profile.verifyTls()) {
            return c.withSSLVerificationDisabled();
        }
        if (profile.caCertFile() != null) {
            c = c.withSSLContext(sslContextTrusting(profile));
        }
        return c;
    }

    /** An SSLContext trusting exactly the certificates of the profile's PEM bundle (cacert). */
    private static SSLContext sslContextTrusting(CloudProfile profile) {
        try (InputStream in = Files.newInputStream(profile.caCertFile())) {
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            int i = 0;
            for (Certificate cert : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                store.setCertificateEntry("ca-" + i++, cert);
            }
            if (i == 0) {
                throw new CloudProfileException(profile.source() + ": cacert " + profile.caCertFile()
                        + " holds no PEM certificate.");
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(store);
            SSLContext ssl = SSLContext.getInstance("TLS");
            ssl.init(null, tmf.getTrustManagers(), null);
            return ssl;
        } catch (IOException | GeneralSecurityException e) {
            throw new CloudProfileException(profile.source() + ": cannot use cacert " + profile.caCertFile() + ": "
                    + e.getMessage().toLowerCase(Locale.ROOT), e);
        }
    }
}
