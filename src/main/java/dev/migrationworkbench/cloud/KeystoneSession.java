package dev.migrationworkbench.cloud;

import com.fasterxml.jackson.core.JsonProcessingException;
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
import java.util.Optional;
import java.util.concurrent.Callable;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.openstack4j.api.OSClient;
import org.openstack4j.api.exceptions.OS4JException;
import org.openstack4j.api.types.Facing;
import org.openstack4j.core.transport.Config;
import org.openstack4j.core.transport.HttpMethod;
import org.openstack4j.core.transport.HttpRequest;
import org.openstack4j.core.transport.HttpResponse;
import org.openstack4j.core.transport.ObjectMapperSingleton;
import org.openstack4j.model.identity.v3.Token;
import org.openstack4j.openstack.OSFactory;
import org.openstack4j.openstack.identity.v3.domain.KeystoneToken;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Keystone v3 token shared by every thread, and the {@link HttpTransport} every Keystone and
 * Nova exchange of the session goes through. Password and application-credential auth (which
 * openstack4j 3.12 lacks) are our POST to {@code /auth/tokens}, parsed into openstack4j's
 * {@link KeystoneToken}: openstack4j's own authenticator would send on its executor, without deadlines.
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
    private final HttpTransport transport;
    private final TokenCache tokenCache;
    private final String cacheKey;
    private volatile Token token;

    KeystoneSession(CloudProfile profile, Duration connectTimeout, Duration readTimeout, TokenCache tokenCache) {
        this.profile = profile;
        this.config = Config.newConfig().withConnectionTimeout((int) connectTimeout.toMillis())
                .withReadTimeout((int) readTimeout.toMillis());
        this.facing = switch (profile.endpointInterface()) {
            case INTERNAL -> Facing.INTERNAL;
            case ADMIN -> Facing.ADMIN;
            default -> Facing.PUBLIC;
        };
        if (!profile.verifyTls()) {
            LOG.warn("TLS certificate verification is DISABLED for cloud '{}' ({}): verify: false",
                    profile.name(), profile.source());
        }
        SSLContext ssl = profile.verifyTls() && profile.caCertFile() != null ? sslContextTrusting(profile) : null;
        this.transport = new HttpTransport(ssl, profile.verifyTls(), connectTimeout, readTimeout,
                connectTimeout.plus(readTimeout));
        this.tokenCache = tokenCache;
        this.cacheKey = TokenCache.key(profile);
        try {
            Optional<TokenCache.Entry> cached = tokenCache.load(cacheKey);
            Token reused = cached.map(this::cachedToken).orElse(null);
            if (reused != null) {
                this.authUrl = cached.get().authUrl();
                this.token = reused;
                LOG.info("cloud '{}': reusing the Keystone token of an earlier run (expires {})", profile.name(),
                        cached.get().expiresAt());
            } else {
                this.authUrl = new KeystoneDiscovery(profile.verifyTls() ? ssl
                        : KeystoneDiscovery.trustingEverything(), profile.verifyTls(), connectTimeout, readTimeout)
                        .v3Url(profile.authUrl());
                this.token = authenticate();
            }
        } catch (RuntimeException e) {
            transport.close();
            throw e;
        }
    }

    /**
     * Runs one HTTP exchange (sent with {@link #send}) within the connect, between-bytes and total
     * deadlines of {@link HttpTransport}. {@code what} names the call in the TIMEOUT error.
     */
    <T> T withDeadline(String what, String method, String url, Callable<T> exchange) {
        return transport.withDeadline(what, method, url, exchange);
    }

    /** Sends an openstack4j request; only inside {@link #withDeadline}. */
    HttpResponse send(HttpRequest<?> request, String what) {
        return transport.send(request, what);
    }

    void close() {
        transport.close();
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
        tokenCache.forget(cacheKey);
        token = authenticate();
    }

    private Token authenticate() {
        String what = "authentication to " + authUrl + " as " + profile.displayUser();
        String url = authUrl + "/auth/tokens";
        return withDeadline(what, "POST", url, () -> {
            try {
                return postToken(what);
            } catch (OS4JException e) {
                throw Failures.fromOpenStack4j(e, "POST", url, what);
            } catch (CloudException e) {
                throw e;
            } catch (RuntimeException e) {
                if (Failures.transportCause(e) != null) {
                    throw Failures.fromTransport(e, "POST", url, what);
                }
                throw notAToken(what, url, e);
            }
        });
    }

    /** An HTML page, a redirect, a body that is no token. */
    private static CloudException notAToken(String what, String url, Exception e) {
        return new CloudException(CloudException.Kind.BAD_RESPONSE, what + " failed: the answer is not a "
                + "Keystone v3 token (" + e.getClass().getSimpleName() + "). Is auth_url the Keystone v3 URL?",
                null, "POST", url, null, null);
    }

    /**
     * POST /auth/tokens (Keystone v3, password or application credential), parsed into openstack4j's
     * {@link KeystoneToken} so its session and catalog resolution work as with its own authenticator.
     */
    private Token postToken(String what) throws IOException {
        ObjectNode root = NovaJson.MAPPER.createObjectNode();
        ObjectNode auth = root.putObject("auth");
        ObjectNode identity = auth.putObject("identity");
        if (profile.authType() == CloudProfile.AuthType.APPLICATION_CREDENTIAL) {
            identity.putArray("methods").add("application_credential");
            ObjectNode credential = identity.putObject("application_credential");
            if (profile.applicationCredentialId() != null) {
                credential.put("id", profile.applicationCredentialId());
            } else {
                credential.put("name", profile.applicationCredentialName());
                putUser(credential.putObject("user"));
            }
            credential.put("secret", profile.applicationCredentialSecret());
        } else {
            identity.putArray("methods").add("password");
            ObjectNode user = identity.putObject("password").putObject("user");
            putUser(user);
            user.put("password", profile.password());
            ObjectNode project = auth.putObject("scope").putObject("project");
            if (profile.projectId() != null) {
                project.put("id", profile.projectId());
            } else {
                project.put("name", profile.projectName());
                putDomain(project.putObject("domain"), profile.projectDomainName(), profile.projectDomainId());
            }
        }
        String url = authUrl.replaceAll("/+$", "");
        HttpRequest<KeystoneToken> request = HttpRequest.builder(KeystoneToken.class).endpoint(url)
                .method(HttpMethod.POST).path("/auth/tokens").config(config)
                .header("Accept", "application/json").entity(new NovaRestService.JsonBody(root)).build();
        try (HttpResponse response = send(request, what)) {
            if (response.getStatus() >= 400) {
                String body = NovaRestService.body(response);
                throw Failures.fromStatus(response.getStatus(), NovaJson.errorMessage(body), "POST",
                        url + "/auth/tokens", what, null);
            }
            String body = NovaRestService.body(response);
            String id = response.header("X-Subject-Token");
            KeystoneToken t;
            try {
                t = readToken(body, id, url);
            } catch (JsonProcessingException e) {
                throw notAToken(what, url + "/auth/tokens", e);
            }
            if (id == null) {
                throw new CloudException(CloudException.Kind.BAD_RESPONSE,
                        "Keystone answered " + response.getStatus() + " without an X-Subject-Token header");
            }
            if (t.getExpires() != null) {
                tokenCache.store(cacheKey, new TokenCache.Entry(url, id, t.getExpires().toInstant(), body));
            }
            return t;
        }
    }

    private static KeystoneToken readToken(String body, String id, String url) throws IOException {
        KeystoneToken t = ObjectMapperSingleton.getContext(KeystoneToken.class).readerFor(KeystoneToken.class)
                .readValue(body);
        t.setId(id);
        t.setEndpoint(url);
        return t;
    }

    /** The token of a cache entry; null (and the entry forgotten) when its body no longer reads as one. */
    private Token cachedToken(TokenCache.Entry entry) {
        try {
            return readToken(entry.body(), entry.tokenId(), entry.authUrl());
        } catch (IOException | RuntimeException e) {
            tokenCache.forget(cacheKey);
            return null;
        }
    }

    private void putUser(ObjectNode user) {
        if (profile.userId() != null) {
            user.put("id", profile.userId());
        } else {
            user.put("name", profile.username());
            putDomain(user.putObject("domain"), profile.userDomainName(), profile.userDomainId());
        }
    }

    private static void putDomain(ObjectNode domain, String name, String id) {
        if (name != null) {
            domain.put("name", name);
        } else {
            domain.put("id", id != null ? id : "default");
        }
    }

    /** The v3 URL authenticated against (discovered when the profile's auth_url has no version). */
    String authUrl() {
        return authUrl;
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
