package dev.migrationworkbench.cloud;

import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.function.Function;
import org.openstack4j.api.types.ServiceType;
import org.openstack4j.core.transport.HttpMethod;
import org.openstack4j.core.transport.HttpResponse;
import org.openstack4j.model.ModelEntity;
import org.openstack4j.openstack.internal.BaseOpenStackService;

/**
 * Our extension of openstack4j's compute service: any Nova call on the current thread's
 * openstack4j session (endpoint from the catalog, token, connector, TLS config), with a
 * per-request microversion header, answering the raw status, headers and body so nothing is lost.
 *
 * <p>The {@code OS4J-Auth-Command} marker stops openstack4j's connector from re-authenticating on
 * a 401 on its own (per thread, invisibly): {@link OpenStackNovaGateway} does that once, for all
 * threads.
 */
final class NovaRestService extends BaseOpenStackService {

    private static final String NO_CONNECTOR_REAUTH = "OS4J-Auth-Command";
    /** The largest answer read: a 10,000-server page at 2.96 is about 40 MiB. */
    static final int MAX_BODY_BYTES = 128 * 1024 * 1024;
    /**
     * All answers being read at the same moment, together (a triage reads 32 at once, a diagnosis
     * 4): what keeps memory bounded when every answer is huge. Each answer costs up to about twice
     * its size while it is read and turned into text.
     */
    static final long MAX_BODY_BYTES_READING = 192L * 1024 * 1024;
    private static final java.util.concurrent.atomic.AtomicLong READING = new java.util.concurrent.atomic.AtomicLong();

    /** A Nova answer as it came off the wire. */
    record Response(int status, Map<String, String> headers, String body, String url) {

        String header(String name) {
            for (Map.Entry<String, String> e : headers.entrySet()) {
                if (e.getKey().equalsIgnoreCase(name)) {
                    return e.getValue();
                }
            }
            return null;
        }
    }

    /**
     * A JSON request body. openstack4j's RESTEasy connector has no writer for {@code json(String)}
     * bodies, so the body goes through its Jackson provider as an entity; a JsonNode keeps explicit
     * nulls ({@code "host": null}) that openstack4j's NON_NULL mapper would drop from a POJO.
     */
    static final class JsonBody implements ModelEntity {
        private static final long serialVersionUID = 1L;
        private final transient JsonNode json;

        JsonBody(JsonNode json) {
            this.json = json;
        }

        @JsonValue
        JsonNode json() {
            return json;
        }
    }

    NovaRestService() {
        super(ServiceType.COMPUTE);
    }

    /** @param endpointFunction rewrites the catalog's compute URL (used to reach the version document) */
    NovaRestService(Function<String, String> endpointFunction) {
        super(ServiceType.COMPUTE, endpointFunction);
    }

    /**
     * Sends one request. {@code microversion} null sends none (Nova then answers at 2.1);
     * {@code query} values may be null (skipped). Sent on the session's transport, inside its
     * {@link KeystoneSession#withDeadline}; transport failures are CloudExceptions.
     */
    Response exchange(KeystoneSession session, HttpMethod method, String path, Map<String, ?> query,
            Microversion microversion, JsonNode json) {
        Invocation<Void> call = request(method, Void.class, path).header(NO_CONNECTOR_REAUTH, "none")
                .header("Accept", "application/json");
        if (microversion != null) {
            call.header("X-OpenStack-Nova-API-Version", microversion.toString())
                    .header("OpenStack-API-Version", "compute " + microversion);
        }
        if (query != null) {
            query.forEach((k, v) -> {
                if (v != null) {
                    call.param(k, v);
                }
            });
        }
        if (json != null) {
            call.entity(new JsonBody(json));
        }
        String url = HttpTransport.url(call.getRequest());
        HttpResponse response = session.send(call.getRequest(), method + " " + path);
        try (response) {
            return new Response(response.getStatus(), response.headers(), body(response), url);
        } catch (java.io.IOException e) {
            throw Failures.fromTransport(e, method.name(), url, "reading the answer to " + method + " " + path);
        } catch (CloudException e) {
            // an answer refused while reading it (too large, encoded): named by its call
            throw e.url() != null ? e : new CloudException(e.kind(), e.getMessage(), null, method.name(), url, null, e.getCause());
        }
    }

    /**
     * The body as text, at most {@link #MAX_BODY_BYTES}: a huge or endless answer is a BAD_RESPONSE,
     * not an OutOfMemoryError (its connection is aborted, not drained). Nothing is decompressed (no
     * encoding is asked for): an encoded answer, e.g. a gzip bomb, is a BAD_RESPONSE without reading
     * it. A thread whose call was abandoned at its deadline has had its connection aborted as well;
     * it stops at the latest at the next chunk.
     */
    static String body(HttpResponse response) throws java.io.IOException {
        java.io.InputStream in = response.getStatus() == 204 ? null : response.getInputStream();
        if (in == null) {
            return "";
        }
        String encoding = response.header("Content-Encoding");
        if (encoding != null && !encoding.isBlank() && !encoding.strip().equalsIgnoreCase("identity")) {
            HttpTransport.abortCurrentExchange();
            throw new CloudException(CloudException.Kind.BAD_RESPONSE, "the answer is encoded (Content-Encoding: "
                    + abbreviate(encoding.strip()) + "), which was not asked for and is not decoded (a proxy may "
                    + "compress answers); not read");
        }
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        byte[] chunk = new byte[64 * 1024];
        long held = 0;
        try {
            for (int n; (n = in.read(chunk)) >= 0; ) {
                if (Thread.currentThread().isInterrupted()) {
                    throw new java.io.InterruptedIOException("the call was abandoned at its deadline");
                }
                if (out.size() + n > MAX_BODY_BYTES) {
                    HttpTransport.abortCurrentExchange();
                    throw new CloudException(CloudException.Kind.BAD_RESPONSE, "the answer is larger than "
                            + MAX_BODY_BYTES / (1024 * 1024) + " MiB (a proxy error or a runaway response); not read further");
                }
                if (READING.addAndGet(n) > MAX_BODY_BYTES_READING) {
                    READING.addAndGet(-n);
                    HttpTransport.abortCurrentExchange();
                    throw new CloudException(CloudException.Kind.BAD_RESPONSE, "the answers being read at the same time "
                            + "would take more than " + MAX_BODY_BYTES_READING / (1024 * 1024) + " MiB together (runaway "
                            + "responses); this one was not read further");
                }
                held += n;
                out.write(chunk, 0, n);
            }
            return out.toString(java.nio.charset.StandardCharsets.UTF_8);
        } finally {
            READING.addAndGet(-held);
        }
    }

    private static String abbreviate(String text) {
        return text.length() > 40 ? text.substring(0, 40) + "…" : text;
    }
}
