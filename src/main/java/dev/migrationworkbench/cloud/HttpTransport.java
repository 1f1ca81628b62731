package dev.migrationworkbench.cloud;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.URL;
import java.net.URLEncoder;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import org.openstack4j.core.transport.ClientConstants;
import org.openstack4j.core.transport.ExecutionOptions;
import org.openstack4j.core.transport.HttpEntityHandler;
import org.openstack4j.core.transport.HttpMethod;
import org.openstack4j.core.transport.HttpRequest;
import org.openstack4j.core.transport.HttpResponse;
import org.openstack4j.core.transport.ObjectMapperSingleton;
import org.openstack4j.core.transport.functions.EndpointURIFromRequestFunction;

import static java.nio.charset.StandardCharsets.UTF_8;

/**
 * Every HTTP exchange with Keystone and Nova: openstack4j's requests (endpoint from its catalog,
 * token, headers, entity) sent with the JDK's {@link HttpURLConnection}. Neither on openstack4j's
 * RESTEasy + Apache connector (initialising JAX-RS providers and Apache HttpClient took ~1,000
 * classes and about a second of every cold {@code diagnose}) nor on {@code java.net.http}, which
 * costs ~0.7 s of CPU more than HttpURLConnection for the first call of a process because its
 * classes are not in the JVM's class-data archive and it sets up TLS even for http://
 * (docs/PERFORMANCE.md, "Start times").
 *
 * <ul>
 *   <li>connect: the TCP (and TLS) connection within {@code connect};
 *   <li>between bytes: the socket read timeout, {@code betweenBytes} without a byte ends the read;
 *   <li>total: {@link #withDeadline} gives up after {@code total} (a cloud trickling bytes) and
 *       disconnects the exchange, which closes its socket: the transport thread stops reading at once.
 * </ul>
 *
 * Connections are kept alive and reused (the JDK's keep-alive cache, up to
 * {@value #MAX_IDLE_CONNECTIONS} idle ones per host instead of its default 5: a triage runs 32 calls
 * at once). Redirects are not followed (a redirected Keystone POST would carry the password). Only
 * GETs may be resent by the JDK, once, when a kept-alive connection turns out closed; a request
 * with a method that changes something goes out in streaming mode, which the JDK never resends.
 */
final class HttpTransport implements AutoCloseable {

    static final int MAX_IDLE_CONNECTIONS = 64;
    /** The exchange running on this transport thread, so what it sends can be aborted from outside. */
    private static final ThreadLocal<Exchange> CURRENT = new ThreadLocal<>();

    static {
        // read once, when the JDK's keep-alive cache is first used
        if (System.getProperty("http.maxConnections") == null) {
            System.setProperty("http.maxConnections", String.valueOf(MAX_IDLE_CONNECTIONS));
        }
    }

    private final SSLSocketFactory tls;
    private final boolean verifyTls;
    private final int connectMillis;
    private final int betweenBytesMillis;
    private final Duration total;
    private final ExecutorService threads;

    /** @param ssl null for the JDK's trust store; {@code verifyTls} false trusts any certificate and host name */
    HttpTransport(SSLContext ssl, boolean verifyTls, Duration connect, Duration betweenBytes, Duration total) {
        this.tls = !verifyTls ? KeystoneDiscovery.trustingEverything().getSocketFactory()
                : ssl != null ? ssl.getSocketFactory() : null;
        this.verifyTls = verifyTls;
        this.connectMillis = millis(connect);
        this.betweenBytesMillis = millis(betweenBytes);
        this.total = total;
        AtomicInteger n = new AtomicInteger();
        this.threads = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "nova-http-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Runs {@code exchange} (which sends with {@link #send}) on a transport thread and waits at most
     * the total deadline; then its exchange is aborted and the caller gets {@code TIMEOUT}.
     * {@code what} names the call in errors.
     */
    <T> T withDeadline(String what, String method, String url, Callable<T> exchange) {
        Exchange current = new Exchange();
        Future<T> future = threads.submit(() -> {
            CURRENT.set(current);
            try {
                return exchange.call();
            } finally {
                CURRENT.remove();
            }
        });
        try {
            return future.get(total.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            current.abort();
            future.cancel(true);
            throw new CloudException(CloudException.Kind.TIMEOUT, what + ": no complete answer from " + url + " within "
                    + total.toMillis() + " ms (the cloud did not answer in time)", null, method, url, null, e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw Failures.fromTransport(e.getCause(), method, url, what);
        } catch (InterruptedException e) {
            current.abort();
            future.cancel(true);
            Thread.currentThread().interrupt();
            throw new CloudException(CloudException.Kind.TIMEOUT, what + " interrupted", null, method, url, null, e);
        }
    }

    /**
     * Sends one openstack4j request and answers the response, whose body the caller reads and
     * closes. Transport failures (refused, timed out, TLS, connection closed) are CloudExceptions.
     */
    HttpResponse send(HttpRequest<?> request, String what) {
        String method = request.getMethod().name();
        String url = url(request);
        HttpURLConnection connection;
        try {
            connection = (HttpURLConnection) new URL(url).openConnection();
        } catch (IOException | IllegalArgumentException e) {
            throw new CloudException(CloudException.Kind.BAD_REQUEST, what + ": " + url + " is not a URL ("
                    + e.getMessage() + ")", null, method, url, null, e);
        }
        if (connection instanceof HttpsURLConnection https) {
            if (tls != null) {
                https.setSSLSocketFactory(tls);
            }
            if (!verifyTls) {
                https.setHostnameVerifier((host, session) -> true);
            }
        }
        connection.setConnectTimeout(connectMillis);
        connection.setReadTimeout(betweenBytesMillis);
        connection.setInstanceFollowRedirects(false);
        connection.setUseCaches(false);
        Exchange current = CURRENT.get();
        if (current != null) {
            current.sending(connection);
        }
        try {
            connection.setRequestMethod(method);
            if (request.getHeaders() != null) {
                request.getHeaders().forEach((name, value) -> {
                    if (value != null) {
                        connection.setRequestProperty(name, String.valueOf(value));
                    }
                });
            }
            byte[] body = body(request);
            if (request.getMethod() != HttpMethod.GET) {
                // in streaming mode, even without a body: the JDK never resends it (class comment). Always with
                // a JSON content type: the JDK's default for output is a form, which Nova refuses (415) even on DELETE
                connection.setRequestProperty("Content-Type", request.getContentType() != null
                        ? request.getContentType() : ClientConstants.CONTENT_TYPE_JSON);
                connection.setDoOutput(true);
                connection.setFixedLengthStreamingMode(body == null ? 0 : body.length);
                try (OutputStream out = connection.getOutputStream()) {
                    if (body != null) {
                        out.write(body);
                    }
                }
            }
            int status = connection.getResponseCode();
            InputStream in = status >= 400 ? connection.getErrorStream() : connection.getInputStream();
            return new Response(connection, status, in == null ? InputStream.nullInputStream() : in);
        } catch (IOException e) {
            connection.disconnect();
            throw Failures.fromTransport(e, method, url, what);
        }
    }

    /** Aborts the exchange running on this thread (a body too large to read to its end). */
    static void abortCurrentExchange() {
        Exchange current = CURRENT.get();
        if (current != null) {
            current.abort();
        }
    }

    @Override
    public void close() {
        threads.shutdownNow();
    }

    private static int millis(Duration d) {
        return (int) Math.min(Integer.MAX_VALUE, Math.max(1, d.toMillis()));
    }

    /** The request's URL with its query parameters. */
    static String url(HttpRequest<?> request) {
        StringBuilder url = new StringBuilder(new EndpointURIFromRequestFunction().apply(request));
        char separator = url.indexOf("?") < 0 ? '?' : '&';
        if (request.getQueryParams() != null) {
            for (Map.Entry<String, List<Object>> e : request.getQueryParams().entrySet()) {
                for (Object v : e.getValue()) {
                    url.append(separator).append(URLEncoder.encode(e.getKey(), UTF_8)).append('=')
                            .append(URLEncoder.encode(String.valueOf(v), UTF_8));
                    separator = '&';
                }
            }
        }
        return url.toString();
    }

    /** The request's entity as JSON with openstack4j's mapper (as its connectors write it), or its raw JSON. */
    private static byte[] body(HttpRequest<?> request) {
        try {
            if (request.getEntity() != null) {
                return ObjectMapperSingleton.getContext(request.getEntity().getClass()).writer()
                        .writeValueAsBytes(request.getEntity());
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot write the request body as JSON", e);
        }
        return request.hasJson() ? request.getJson().getBytes(UTF_8) : null;
    }

    /** The abort hook of one exchange: its connection, once there is one. */
    private static final class Exchange {
        private HttpURLConnection connection;
        private boolean aborted;

        synchronized void sending(HttpURLConnection c) {
            connection = c;
            if (aborted) {
                c.disconnect();
            }
        }

        synchronized void abort() {
            aborted = true;
            if (connection != null) {
                connection.disconnect(); // closes the socket: a read blocked on it fails at once
            }
        }
    }

    /** openstack4j's view of an HttpURLConnection's answer. */
    private static final class Response implements HttpResponse {
        private final HttpURLConnection connection;
        private final int status;
        private final InputStream body;

        Response(HttpURLConnection connection, int status, InputStream body) {
            this.connection = connection;
            this.status = status;
            this.body = body;
        }

        @Override
        public <T> T getEntity(Class<T> type) {
            return getEntity(type, null);
        }

        @Override
        public <T> T getEntity(Class<T> type, ExecutionOptions<T> options) {
            return HttpEntityHandler.handle(this, type, options, true);
        }

        @Override
        public <T> T readEntity(Class<T> type) {
            // the whole body first (within the deadlines and the size limit), then the entity: a stalled
            // answer is a timeout even when its first bytes already fail to parse
            try {
                return ObjectMapperSingleton.getContext(type).readerFor(type).readValue(NovaRestService.body(this));
            } catch (IOException e) {
                // a transport failure (timeout, closed) or a body that is not the entity: the caller tells them apart
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public int getStatus() {
            return status;
        }

        @Override
        public String getContentType() {
            return connection.getContentType();
        }

        @Override
        public String getStatusMessage() {
            try {
                return connection.getResponseMessage();
            } catch (IOException e) {
                return "";
            }
        }

        @Override
        public InputStream getInputStream() {
            return body;
        }

        @Override
        public String header(String name) {
            return connection.getHeaderField(name);
        }

        @Override
        public Map<String, String> headers() {
            Map<String, String> headers = new LinkedHashMap<>();
            connection.getHeaderFields().forEach((name, values) -> {
                if (name != null && !values.isEmpty()) { // the null key is the status line
                    headers.put(name, values.get(values.size() - 1));
                }
            });
            return headers;
        }

        /** Read to its end, the connection goes back to the keep-alive cache; else it is closed. */
        @Override
        public void close() throws IOException {
            body.close();
        }
    }
}
