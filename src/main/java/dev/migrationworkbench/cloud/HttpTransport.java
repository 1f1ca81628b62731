package dev.migrationworkbench.cloud;

import java.time.Duration;
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
import javax.net.ssl.SSLContext;
import javax.ws.rs.ProcessingException;
import javax.ws.rs.client.Entity;
import javax.ws.rs.client.Invocation;
import javax.ws.rs.core.UriBuilder;
import org.apache.http.client.config.RequestConfig;
import org.apache.http.client.methods.HttpRequestBase;
import org.apache.http.conn.ssl.NoopHostnameVerifier;
import org.apache.http.impl.client.CloseableHttpClient;
import org.apache.http.impl.NoConnectionReuseStrategy;
import org.apache.http.impl.client.HttpClients;
import org.jboss.resteasy.client.jaxrs.ResteasyClient;
import org.jboss.resteasy.client.jaxrs.ResteasyClientBuilder;
import org.jboss.resteasy.client.jaxrs.ResteasyWebTarget;
import org.jboss.resteasy.client.jaxrs.engines.ApacheHttpClient4Engine;
import org.openstack4j.connectors.resteasy.HttpResponseImpl;
import org.openstack4j.connectors.resteasy.ResteasyClientFactory;
import org.openstack4j.core.transport.ClientConstants;
import org.openstack4j.core.transport.HttpRequest;
import org.openstack4j.core.transport.HttpResponse;
import org.openstack4j.core.transport.functions.EndpointURIFromRequestFunction;

/**
 * Every HTTP exchange with Keystone and Nova: openstack4j's requests sent on the stack its
 * connector brings (RESTEasy 3 on Apache HttpClient 4), with the deadlines that connector lacks.
 * openstack4j's own executor passes its read timeout to the connection-pool lease and sets no
 * socket timeout, so a cloud that stalls mid-answer blocked a thread forever.
 *
 * <ul>
 *   <li>connect: the TCP (and TLS) connection within {@code connect};
 *   <li>between bytes: the socket read timeout, {@code betweenBytes} without a byte ends the read;
 *   <li>total: {@link #withDeadline} gives up after {@code total} (a cloud trickling bytes), and
 *       aborts the Apache request, which closes its connection: the transport thread stops reading
 *       at once instead of staying blocked on the socket.
 * </ul>
 *
 * Each exchange has its own connection, closed after the answer, as with openstack4j's executor:
 * kept-alive connections met servers that drop a connection in the middle of a later request
 * (the JDK server of the demo cloud does so once maxReqTime has passed since the connection's
 * first request), so reuse is left for a change that handles that. At most {@value #MAX_CONNECTIONS}
 * exchanges run at once per session. Redirects are not followed (a redirected Keystone POST would
 * carry the password).
 */
final class HttpTransport implements AutoCloseable {

    private static final int MAX_CONNECTIONS = 64;
    /** The exchange running on this transport thread, so the request it creates can be aborted from outside. */
    private static final ThreadLocal<Exchange> CURRENT = new ThreadLocal<>();

    private final Duration total;
    private final CloseableHttpClient http;
    private final ResteasyClient client;
    private final ExecutorService threads;

    /** @param ssl null for the JDK's trust store; {@code verifyTls} false trusts any certificate and host name */
    HttpTransport(SSLContext ssl, boolean verifyTls, Duration connect, Duration betweenBytes, Duration total) {
        this.total = total;
        RequestConfig timeouts = RequestConfig.custom().setConnectTimeout(millis(connect))
                .setSocketTimeout(millis(betweenBytes)).setConnectionRequestTimeout(millis(total))
                .setRedirectsEnabled(false).build();
        var builder = HttpClients.custom().setDefaultRequestConfig(timeouts).setMaxConnTotal(MAX_CONNECTIONS)
                .setMaxConnPerRoute(MAX_CONNECTIONS).disableRedirectHandling()
                .setConnectionReuseStrategy(NoConnectionReuseStrategy.INSTANCE);
        if (!verifyTls) {
            builder.setSSLContext(KeystoneDiscovery.trustingEverything()).setSSLHostnameVerifier(new NoopHostnameVerifier());
        } else if (ssl != null) {
            builder.setSSLContext(ssl);
        }
        this.http = builder.build();
        this.client = new ResteasyClientBuilder().httpEngine(new AbortableEngine(http))
                .providerFactory(ResteasyClientFactory.getInstance()).build();
        AtomicInteger n = new AtomicInteger();
        this.threads = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "nova-http-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Runs {@code exchange} (which sends with {@link #send}) on a transport thread and waits at most
     * the total deadline; then its request is aborted and the caller gets {@code TIMEOUT}.
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
        String url = new EndpointURIFromRequestFunction().apply(request);
        ResteasyWebTarget target = client.target(UriBuilder.fromUri(url));
        if (request.getQueryParams() != null) {
            for (Map.Entry<String, List<Object>> e : request.getQueryParams().entrySet()) {
                for (Object v : e.getValue()) {
                    target = target.queryParam(e.getKey(), v);
                }
            }
        }
        Invocation.Builder builder = target.request();
        if (request.getHeaders() != null) {
            request.getHeaders().forEach(builder::header);
        }
        Invocation invocation;
        if (request.getEntity() != null) {
            invocation = builder.build(request.getMethod().name(), Entity.entity(request.getEntity(),
                    request.getContentType() != null ? request.getContentType() : ClientConstants.CONTENT_TYPE_JSON));
        } else {
            invocation = builder.build(request.getMethod().name());
        }
        try {
            return HttpResponseImpl.wrap(invocation.invoke());
        } catch (ProcessingException e) {
            throw Failures.fromTransport(e, request.getMethod().name(), url, what);
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
        client.close();
    }

    private static int millis(Duration d) {
        return (int) Math.min(Integer.MAX_VALUE, Math.max(1, d.toMillis()));
    }

    /** The abort hook of one exchange: the Apache request it sent, once there is one. */
    private static final class Exchange {
        private HttpRequestBase request;
        private boolean aborted;

        synchronized void sending(HttpRequestBase r) {
            request = r;
            if (aborted) {
                r.abort();
            }
        }

        synchronized void abort() {
            aborted = true;
            if (request != null) {
                request.abort();
            }
        }
    }

    /** RESTEasy's Apache engine, telling the current exchange which request it is about to send. */
    private static final class AbortableEngine extends ApacheHttpClient4Engine {

        AbortableEngine(CloseableHttpClient http) {
            super(http, true);
        }

        @Override
        protected HttpRequestBase createHttpMethod(String url, String method) {
            HttpRequestBase request = super.createHttpMethod(url, method);
            Exchange current = CURRENT.get();
            if (current != null) {
                current.sending(request);
            }
            return request;
        }
    }
}
