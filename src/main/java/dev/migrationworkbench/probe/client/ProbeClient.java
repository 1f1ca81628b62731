package dev.migrationworkbench.probe.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.migrationworkbench.model.HostTopology;
import dev.migrationworkbench.model.HostTopology.InstancePlacement;
import dev.migrationworkbench.model.LibvirtJob;
import dev.migrationworkbench.probe.client.ProbeException.Kind;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.TrustManager;

/**
 * Calls the probe agents (API of docs/PROBE-AGENT.md) over HTTPS with the bearer token, trusting
 * each agent's certificate only once it is pinned (trust on first use: the first contact fails with
 * {@link Kind#CERTIFICATE_UNKNOWN} carrying the fingerprint; after the user accepted it,
 * {@link #trust} pins it). Blocking calls; thread-safe; run them off the UI thread.
 */
public final class ProbeClient {

    public static final int SCHEMA_VERSION = 1;
    private static final int MAX_RESPONSE_BYTES = 32 << 20;
    private static final java.time.Duration BODY_GRACE = java.time.Duration.ofSeconds(2);
    private static final Pattern UUID =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private final ProbeSettings settings;
    private final CertificatePins pins;
    /** Built on the first call: a diagnose that asks no agent never sets up java.net.http and TLS (~0.7 s of CPU). */
    private volatile HttpClient http;
    private final ObjectMapper json = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    public ProbeClient(ProbeSettings settings, CertificatePins pins) {
        this.settings = settings;
        this.pins = pins;
    }

    private HttpClient http() {
        HttpClient client = http;
        if (client == null) {
            synchronized (this) {
                if (http == null) {
                    try {
                        SSLContext tls = SSLContext.getInstance("TLS");
                        tls.init(null, new TrustManager[] {new PinningTrustManager(pins)}, new SecureRandom());
                        http = HttpClient.newBuilder()
                                .sslContext(tls)
                                .version(HttpClient.Version.HTTP_1_1)
                                .connectTimeout(settings.connectTimeout())
                                .followRedirects(HttpClient.Redirect.NEVER)
                                .build();
                    } catch (GeneralSecurityException e) {
                        throw new IllegalStateException("TLS is not available in this JDK", e);
                    }
                }
                client = http;
            }
        }
        return client;
    }

    /** The agent URL the settings give for a Nova host. */
    public URI agentUrl(String host) {
        return settings.agentUrl(host);
    }

    public AgentHealth health(String host) throws ProbeException {
        return read(host, "/v1/health", call(host, "/v1/health"), AgentHealth.class);
    }

    public HostReport host(String host) throws ProbeException {
        JsonNode body = call(host, "/v1/host");
        return new HostReport(read(host, "/v1/host", body.path("topology"), HostTopology.class),
                read(host, "/v1/host", body.path("warnings"), json.getTypeFactory().constructCollectionType(List.class, String.class)));
    }

    public List<InstancePlacement> instances(String host) throws ProbeException {
        return read(host, "/v1/instances", call(host, "/v1/instances").path("instances"),
                json.getTypeFactory().constructCollectionType(List.class, InstancePlacement.class));
    }

    public InstancePlacement instance(String host, String instanceUuid) throws ProbeException {
        String path = "/v1/instances/" + uuid(instanceUuid);
        return read(host, path, call(host, path).path("placement"), InstancePlacement.class);
    }

    /** libvirt's job on the instance; call it for the migration's source host. */
    public LibvirtJob jobInfo(String host, String instanceUuid) throws ProbeException {
        String path = "/v1/instances/" + uuid(instanceUuid) + "/jobinfo";
        return read(host, path, call(host, path), LibvirtJob.class);
    }

    /** Pins a fingerprint the user accepted for the host's agent (after {@link Kind#CERTIFICATE_UNKNOWN}). */
    public void trust(String host, String fingerprint) throws IOException {
        pins.pin(hostPort(agentUrl(host)), fingerprint);
    }

    /** Removes the host's pin, e.g. after the agent's certificate was deliberately replaced. */
    public void forget(String host) throws IOException {
        pins.forget(hostPort(agentUrl(host)));
    }

    static String hostPort(URI url) {
        return hostPort(url.getHost(), url.getPort() < 0 ? 443 : url.getPort());
    }

    static String hostPort(String host, int port) {
        String h = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        return h.toLowerCase(Locale.ROOT) + ":" + port;
    }

    private static String uuid(String instanceUuid) {
        if (instanceUuid == null || !UUID.matcher(instanceUuid).matches()) {
            throw new IllegalArgumentException("'" + instanceUuid + "' is not an instance UUID");
        }
        return instanceUuid.toLowerCase(Locale.ROOT);
    }

    private JsonNode call(String host, String path) throws ProbeException {
        URI base;
        try {
            base = settings.agentUrl(host);
        } catch (IllegalArgumentException e) {
            throw new ProbeException(Kind.UNREACHABLE, host, "", e.getMessage(), e);
        }
        String url = base + path;
        String token = token(host, url);
        HttpRequest request = HttpRequest.newBuilder(URI.create(url))
                .timeout(settings.requestTimeout())
                .header("Authorization", "Bearer " + token)
                .header("Accept", "application/json")
                .GET()
                .build();
        // the request timeout covers the headers only: the whole exchange, body included, gets the same deadline
        CompletableFuture<HttpResponse<byte[]>> exchange = http().sendAsync(request, LimitedBody.handler(MAX_RESPONSE_BYTES));
        HttpResponse<byte[]> response;
        try {
            // a little after the client's own request timeout, so its more precise failures (TLS, timeout) come first
            response = exchange.get(settings.requestTimeout().plus(BODY_GRACE).toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            exchange.cancel(true);
            throw new ProbeException(Kind.TIMEOUT, host, url, "no complete answer within "
                    + settings.requestTimeout().plus(BODY_GRACE).toMillis() + " ms (the agent stalled)", e);
        } catch (ExecutionException e) {
            throw failure(host, url, e.getCause());
        } catch (InterruptedException e) {
            exchange.cancel(true);
            Thread.currentThread().interrupt();
            throw new ProbeException(Kind.TIMEOUT, host, url, "interrupted", e);
        }
        return parse(host, url, response.statusCode(), response.body());
    }

    private ProbeException failure(String host, String url, Throwable e) {
        if (e instanceof LimitedBody.TooLarge) {
            return new ProbeException(Kind.BAD_RESPONSE, host, url, "answer larger than " + MAX_RESPONSE_BYTES + " bytes", null);
        }
        if (e instanceof LimitedBody.Encoded || e instanceof LimitedBody.TooMuchAtOnce) {
            return new ProbeException(Kind.BAD_RESPONSE, host, url, e.getMessage(), null);
        }
        if (e instanceof HttpConnectTimeoutException) {
            return new ProbeException(Kind.TIMEOUT, host, url, "no connection within " + settings.connectTimeout().toMillis() + " ms", e);
        }
        if (e instanceof HttpTimeoutException) {
            return new ProbeException(Kind.TIMEOUT, host, url, "no answer within " + settings.requestTimeout().toMillis() + " ms", e);
        }
        IOException io = e instanceof IOException x ? x : new IOException(e);
        if (e instanceof SSLException || causeOf(io, PinningTrustManager.PinMismatch.class) != null
                || causeOf(io, SSLException.class) != null) {
            return tlsFailure(host, url, io);
        }
        return new ProbeException(Kind.UNREACHABLE, host, url, describe(io), e);
    }

    private JsonNode parse(String host, String url, int status, byte[] body) throws ProbeException {
        JsonNode tree;
        try {
            tree = json.readTree(body);
        } catch (IOException e) {
            throw new ProbeException(Kind.BAD_RESPONSE, host, url, "HTTP " + status + ", not JSON: "
                    + abbreviate(new String(body, StandardCharsets.UTF_8)), e);
        }
        if (tree == null || tree.path("schemaVersion").asInt(-1) != SCHEMA_VERSION) {
            throw new ProbeException(Kind.BAD_RESPONSE, host, url, "HTTP " + status + ", not probe agent schema "
                    + SCHEMA_VERSION + ": " + abbreviate(new String(body, StandardCharsets.UTF_8)), null);
        }
        if (status == 200) {
            return tree;
        }
        String code = tree.path("error").path("code").asText("");
        String message = "HTTP " + status + " " + code + ": " + tree.path("error").path("message").asText("");
        Kind kind = switch (status) {
            case 401 -> Kind.BAD_TOKEN;
            case 429 -> Kind.RATE_LIMITED;
            default -> switch (code) {
                case "instance_not_found" -> Kind.INSTANCE_NOT_FOUND;
                case "virsh_unavailable" -> Kind.VIRSH_UNAVAILABLE;
                default -> Kind.AGENT_ERROR;
            };
        };
        throw new ProbeException(kind, host, url, kind == Kind.BAD_TOKEN
                ? message + " (token file " + settings.tokenFile(host) + ")" : message, null);
    }

    private ProbeException tlsFailure(String host, String url, IOException e) {
        PinningTrustManager.PinMismatch pin = causeOf(e, PinningTrustManager.PinMismatch.class);
        if (pin == null) {
            return new ProbeException(Kind.TLS_FAILED, host, url, describe(e), e);
        }
        return pin.pinned == null
                ? new ProbeException(Kind.CERTIFICATE_UNKNOWN, host, url, pin.getMessage(), pin.presented, null, e)
                : new ProbeException(Kind.CERTIFICATE_CHANGED, host, url, pin.getMessage(), pin.presented, pin.pinned, e);
    }

    private String token(String host, String url) throws ProbeException {
        Path file = settings.tokenFile(host);
        try {
            String token = Files.readString(file, StandardCharsets.UTF_8).lines().findFirst().orElse("").strip();
            if (!token.isEmpty()) {
                return token;
            }
            throw new ProbeException(Kind.NO_TOKEN, host, url, "token file " + file + " is empty", null);
        } catch (IOException e) {
            throw new ProbeException(Kind.NO_TOKEN, host, url, "cannot read token file " + file + ": " + describe(e), e);
        }
    }

    private <T> T read(String host, String path, JsonNode node, Class<T> type) throws ProbeException {
        return read(host, path, node, json.getTypeFactory().constructType(type));
    }

    private <T> T read(String host, String path, JsonNode node, JavaType type) throws ProbeException {
        if (node == null || node.isMissingNode() || node.isNull()) {
            throw new ProbeException(Kind.BAD_RESPONSE, host, path, "the answer has no " + type.getRawClass().getSimpleName(), null);
        }
        try {
            return json.treeToValue(node, type);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new ProbeException(Kind.BAD_RESPONSE, host, path, "unexpected " + type.getRawClass().getSimpleName() + ": "
                    + e.getMessage(), e);
        }
    }

    private static <E extends Throwable> E causeOf(Throwable t, Class<E> type) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (type.isInstance(c)) {
                return type.cast(c);
            }
        }
        return null;
    }

    private static String describe(Throwable e) {
        String message = e.getMessage();
        return e.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }

    private static String abbreviate(String text) {
        String oneLine = text.strip().replaceAll("\\s+", " ");
        return oneLine.length() > 200 ? oneLine.substring(0, 200) + "…" : oneLine;
    }
}
