package dev.migrationworkbench.democloud;

import com.sun.net.httpserver.HttpExchange;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.reflect.Field;
import java.net.StandardSocketOptions;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The answers of the faults that need more than a status: an endless body, a gzip bomb, a TCP reset. */
final class HostileAnswers {

    private static final Logger LOG = LoggerFactory.getLogger(HostileAnswers.class);
    static final long ENDLESS_LIMIT = 16L << 30;
    static final int BOMB_INFLATED = 512 << 20;
    private static final byte[] SERVERS_START = "{\"servers\": [".getBytes(StandardCharsets.UTF_8);
    private static volatile byte[] bomb;
    private static volatile boolean resetUnavailableLogged;

    private HostileAnswers() {
    }

    /** 200, then {@code {"servers": [{"id": "…"}, …} for ever (chunked), until the client goes or the limit. */
    static void endlessBody(HttpExchange exchange) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, 0);
        byte[] chunk = repeated("{\"id\": \"00000000-0000-0000-0000-000000000000\"}, ", 64 * 1024);
        OutputStream out = exchange.getResponseBody();
        out.write(SERVERS_START);
        for (long sent = 0; sent < ENDLESS_LIMIT && !Thread.currentThread().isInterrupted(); sent += chunk.length) {
            out.write(chunk); // fails once the client has closed the connection
        }
    }

    /** 200 with {@code Content-Encoding: gzip}: about 0.5 MiB that inflate to {@link #BOMB_INFLATED} bytes. */
    static void gzipBomb(HttpExchange exchange) throws IOException {
        byte[] body = bomb();
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.getResponseHeaders().set("Content-Encoding", "gzip");
        exchange.sendResponseHeaders(200, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private static byte[] bomb() throws IOException {
        byte[] b = bomb;
        if (b == null) {
            synchronized (HostileAnswers.class) {
                if (bomb == null) {
                    ByteArrayOutputStream compressed = new ByteArrayOutputStream();
                    try (GZIPOutputStream gzip = new GZIPOutputStream(compressed, 64 * 1024)) {
                        gzip.write(SERVERS_START);
                        byte[] spaces = new byte[1 << 20];
                        Arrays.fill(spaces, (byte) ' ');
                        for (int i = 0; i < BOMB_INFLATED >> 20; i++) {
                            gzip.write(spaces);
                        }
                    }
                    bomb = compressed.toByteArray();
                }
                b = bomb;
            }
        }
        return b;
    }

    /**
     * Ends the exchange's connection with a TCP RST: SO_LINGER 0 on its socket, then close. The JDK
     * server does not expose the socket, so it is reached by reflection, which needs
     * {@code --add-opens jdk.httpserver/sun.net.httpserver=ALL-UNNAMED} (the jar's manifest, the
     * tests and the installers give it). False when that is not open: the caller then closes the
     * connection in order instead (and it is logged once).
     */
    static boolean reset(HttpExchange exchange) {
        try {
            Object impl = field(exchange, "impl");
            Object connection = field(impl, "connection");
            SocketChannel channel = (SocketChannel) field(connection, "chan");
            channel.setOption(StandardSocketOptions.SO_LINGER, 0);
            channel.close();
            return true;
        } catch (ReflectiveOperationException | IOException | RuntimeException e) {
            if (!resetUnavailableLogged) {
                resetUnavailableLogged = true;
                LOG.warn("the reset fault closes connections without a TCP RST here ({}); run with "
                        + "--add-opens jdk.httpserver/sun.net.httpserver=ALL-UNNAMED for a real reset", e.toString());
            }
            return false;
        }
    }

    private static Object field(Object target, String name) throws ReflectiveOperationException {
        for (Class<?> c = target.getClass(); c != null; c = c.getSuperclass()) {
            try {
                Field f = c.getDeclaredField(name);
                f.setAccessible(true);
                return f.get(target);
            } catch (NoSuchFieldException e) {
                // look in the superclass
            }
        }
        throw new NoSuchFieldException(target.getClass().getName() + "." + name);
    }

    private static byte[] repeated(String text, int size) {
        byte[] unit = text.getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[size - size % unit.length];
        for (int i = 0; i < out.length; i += unit.length) {
            System.arraycopy(unit, 0, out, i, unit.length);
        }
        return out;
    }
}
