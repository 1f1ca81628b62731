package dev.migrationworkbench.probe.agent;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;

/**
 * The agent's HTTPS front: rate limit, size limits, bearer token (constant time), GET only, and
 * the routes of docs/PROBE-AGENT.md. Path parameters are matched against a strict UUID pattern
 * on the raw path and used for nothing but a virsh argument.
 */
public final class AgentServer implements AutoCloseable {

    static final int MAX_REQUEST_LINE = 2048;
    static final int MAX_HEADER_BYTES = 8 * 1024;
    /**
     * Worker threads (started when needed, ended after 30 s idle): each reads one request, TLS
     * handshake included, and answers it. A client gets {@link Options#requestTimeout} to send its
     * request, handshake included; when all are reading, the longest-reading one is dropped
     * ({@link AgentWorkers}).
     */
    static final int WORKERS = 1024;
    /** The default time a client has to send its request, TLS handshake included. */
    public static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);
    private static final String INSTANCES = "/v1/instances/";
    private static final String JOBINFO = "/jobinfo";

    /** @param requestTimeout the time a client has to send its request, TLS handshake included */
    public record Options(InetSocketAddress bind, String token, double ratePerSecond, int burst, Duration requestTimeout) {

        public Options(InetSocketAddress bind, String token, double ratePerSecond, int burst) {
            this(bind, token, ratePerSecond, burst, REQUEST_TIMEOUT);
        }
    }

    private final HttpsServer server;
    private final AgentWorkers workers;
    private final AgentService service;
    private final byte[] tokenDigest;
    private final RateLimiter limiter;
    private final ObjectMapper json = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private AgentServer(HttpsServer server, AgentWorkers workers, AgentService service, Options options) {
        this.server = server;
        this.workers = workers;
        this.service = service;
        this.tokenDigest = sha256(options.token());
        this.limiter = new RateLimiter(options.ratePerSecond(), options.burst());
    }

    public static AgentServer start(Options options, SSLContext ssl, AgentService service) throws IOException {
        // slow or idle clients are dropped (seconds); read by the JDK server once, at first use
        System.setProperty("sun.net.httpserver.maxReqTime", System.getProperty("sun.net.httpserver.maxReqTime", "10"));
        System.setProperty("sun.net.httpserver.maxRspTime", System.getProperty("sun.net.httpserver.maxRspTime", "30"));
        System.setProperty("sun.net.httpserver.idleInterval", System.getProperty("sun.net.httpserver.idleInterval", "30"));
        System.setProperty("sun.net.httpserver.maxReqHeaders", System.getProperty("sun.net.httpserver.maxReqHeaders", "64"));
        // without it, the separate writes of head and body meet delayed ACKs: ~40 ms per answer
        System.setProperty("sun.net.httpserver.nodelay", System.getProperty("sun.net.httpserver.nodelay", "true"));
        HttpsServer https = HttpsServer.create(options.bind(), 64);
        https.setHttpsConfigurator(new HttpsConfigurator(ssl) {
            @Override
            public void configure(HttpsParameters params) {
                SSLParameters p = ssl.getDefaultSSLParameters();
                p.setProtocols(new String[] {"TLSv1.3", "TLSv1.2"});
                p.setNeedClientAuth(false);
                params.setSSLParameters(p);
            }
        });
        AgentWorkers workers = new AgentWorkers(WORKERS, options.requestTimeout());
        AgentServer agent = new AgentServer(https, workers, service, options);
        https.createContext("/", agent::handle);
        https.setExecutor(workers);
        https.start();
        return agent;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
        workers.close();
    }

    private void handle(HttpExchange exchange) throws IOException {
        if (!AgentWorkers.requestRead()) {
            throw new IOException("the request came after its deadline"); // the JDK server closes the connection
        }
        try (exchange) {
            answer(exchange);
        }
    }

    private void answer(HttpExchange exchange) throws IOException {
        try {
            InetAddress client = exchange.getRemoteAddress().getAddress();
            if (!limiter.tryAcquire(client)) {
                exchange.getResponseHeaders().set("Retry-After", "1");
                error(exchange, new AgentService.ApiError(429, "rate_limited", "too many requests; slow down"));
                return;
            }
            String tooLarge = tooLarge(exchange);
            if (tooLarge != null) {
                exchange.getResponseHeaders().set("Connection", "close");
                error(exchange, new AgentService.ApiError(413, "request_too_large", tooLarge));
                return;
            }
            if (!authorized(exchange.getRequestHeaders())) {
                exchange.getResponseHeaders().set("WWW-Authenticate", "Bearer realm=\"mw-probe\"");
                error(exchange, new AgentService.ApiError(401, "unauthorized",
                        "missing or wrong bearer token (Authorization: Bearer <token>)"));
                return;
            }
            if (!"GET".equals(exchange.getRequestMethod())) {
                exchange.getResponseHeaders().set("Allow", "GET");
                error(exchange, new AgentService.ApiError(405, "method_not_allowed", "only GET is served"));
                return;
            }
            send(exchange, 200, route(exchange));
        } catch (AgentService.ApiError e) {
            error(exchange, e);
        } catch (RuntimeException e) {
            error(exchange, new AgentService.ApiError(500, "internal_error", e.toString()));
        }
    }

    private Map<String, Object> route(HttpExchange exchange) throws AgentService.ApiError {
        if (exchange.getRequestURI().getRawQuery() != null) {
            throw new AgentService.ApiError(400, "bad_request", "query strings are not accepted");
        }
        String path = exchange.getRequestURI().getRawPath();
        switch (path == null ? "" : path) {
            case "/v1/health":
                return service.health();
            case "/v1/host":
                return service.host();
            case "/v1/instances":
                return service.instances();
            default:
                break;
        }
        if (path != null && path.startsWith(INSTANCES)) {
            String rest = path.substring(INSTANCES.length());
            boolean jobInfo = rest.endsWith(JOBINFO);
            String uuid = jobInfo ? rest.substring(0, rest.length() - JOBINFO.length()) : rest;
            if (!Virsh.UUID.matcher(uuid).matches()) {
                throw new AgentService.ApiError(400, "bad_uuid", "path parameter is not a UUID: '" + abbreviate(uuid) + "'");
            }
            return jobInfo ? service.jobInfo(uuid) : service.instance(uuid);
        }
        throw new AgentService.ApiError(404, "not_found", "no such endpoint: " + abbreviate(String.valueOf(path)));
    }

    private static String tooLarge(HttpExchange exchange) {
        Headers headers = exchange.getRequestHeaders();
        String length = headers.getFirst("Content-Length");
        if (headers.containsKey("Transfer-Encoding") || (length != null && !length.strip().equals("0"))) {
            return "requests must not have a body";
        }
        if (exchange.getRequestURI().toString().length() + exchange.getRequestMethod().length() + 10 > MAX_REQUEST_LINE) {
            return "request line longer than " + MAX_REQUEST_LINE + " bytes";
        }
        long headerBytes = 0;
        for (Map.Entry<String, List<String>> header : headers.entrySet()) {
            for (String value : header.getValue()) {
                headerBytes += header.getKey().length() + value.length() + 4;
            }
        }
        return headerBytes > MAX_HEADER_BYTES ? "headers larger than " + MAX_HEADER_BYTES + " bytes" : null;
    }

    private boolean authorized(Headers headers) {
        String value = headers.getFirst("Authorization");
        if (value == null || !value.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return false;
        }
        // comparing digests keeps the comparison constant-time and independent of the length
        return MessageDigest.isEqual(tokenDigest, sha256(value.substring(7).strip()));
    }

    private void error(HttpExchange exchange, AgentService.ApiError e) throws IOException {
        Map<String, Object> body = AgentService.envelope();
        body.put("error", Map.of("code", e.code(), "message", e.getMessage()));
        send(exchange, e.status(), body);
    }

    private void send(HttpExchange exchange, int status, Map<String, Object> body) throws IOException {
        byte[] bytes = json.writeValueAsBytes(body);
        Headers headers = exchange.getResponseHeaders();
        headers.set("Content-Type", "application/json; charset=utf-8");
        headers.set("Cache-Control", "no-store");
        headers.set("X-Content-Type-Options", "nosniff");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }

    private static String abbreviate(String text) {
        return text.length() > 80 ? text.substring(0, 80) + "…" : text;
    }
}
