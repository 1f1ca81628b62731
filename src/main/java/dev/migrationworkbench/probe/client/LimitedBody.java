package dev.migrationworkbench.probe.client;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A response body read into memory up to a limit; past it the exchange is cancelled and fails with
 * {@link TooLarge}. An encoded body (Content-Encoding, e.g. a gzip bomb) is not read at all: no
 * encoding is asked for and none is decoded; it fails with {@link Encoded}.
 */
final class LimitedBody implements HttpResponse.BodySubscriber<byte[]> {

    /** All answers being read at the same moment, together (many agents are asked at once): memory stays bounded. */
    static final long MAX_READING = 96L << 20;
    private static final AtomicLong READING = new AtomicLong();

    /** The body went past the limit. */
    static final class TooLarge extends IOException {
        private static final long serialVersionUID = 1L;

        TooLarge(long limit) {
            super("response body larger than " + limit + " bytes");
        }
    }

    /** The answers being read at the same moment took more than {@link #MAX_READING} together. */
    static final class TooMuchAtOnce extends IOException {
        private static final long serialVersionUID = 1L;

        TooMuchAtOnce() {
            super("the answers being read at the same time would take more than " + MAX_READING + " bytes together");
        }
    }

    /** The body came with a Content-Encoding. */
    static final class Encoded extends IOException {
        private static final long serialVersionUID = 1L;

        Encoded(String encoding) {
            super("the answer is encoded (Content-Encoding: " + (encoding.length() > 40 ? encoding.substring(0, 40) + "…" : encoding)
                    + "), which was not asked for and is not decoded");
        }
    }

    private final int limit;
    private final IOException refusal;
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final CompletableFuture<byte[]> result = new CompletableFuture<>();
    private Flow.Subscription subscription;
    private long held;

    /** @param refusal the failure to end with at once, without reading the body; null to read it */
    private LimitedBody(int limit, IOException refusal) {
        this.limit = limit;
        this.refusal = refusal;
    }

    static HttpResponse.BodyHandler<byte[]> handler(int limit) {
        return info -> {
            String encoding = info.headers().firstValue("Content-Encoding").map(String::strip).orElse("");
            return new LimitedBody(limit, encoding.isEmpty() || encoding.equalsIgnoreCase("identity") ? null : new Encoded(encoding));
        };
    }

    /** Bytes of answers being read now, all exchanges together. */
    static long reading() {
        return READING.get();
    }

    @Override
    public CompletionStage<byte[]> getBody() {
        return result;
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
        subscription = s;
        if (refusal != null) {
            s.cancel();
            result.completeExceptionally(refusal);
            return;
        }
        s.request(1);
    }

    @Override
    public void onNext(List<ByteBuffer> buffers) {
        for (ByteBuffer b : buffers) {
            if (bytes.size() + b.remaining() > limit) {
                fail(new TooLarge(limit));
                return;
            }
            if (READING.addAndGet(b.remaining()) > MAX_READING) {
                READING.addAndGet(-b.remaining());
                fail(new TooMuchAtOnce());
                return;
            }
            held += b.remaining();
            byte[] chunk = new byte[b.remaining()];
            b.get(chunk);
            bytes.writeBytes(chunk);
        }
        subscription.request(1);
    }

    private void fail(IOException e) {
        subscription.cancel();
        release();
        result.completeExceptionally(e);
    }

    @Override
    public void onError(Throwable t) {
        release();
        result.completeExceptionally(t);
    }

    @Override
    public void onComplete() {
        byte[] body = bytes.toByteArray();
        release();
        result.complete(body);
    }

    private void release() {
        READING.addAndGet(-held);
        held = 0;
    }
}
