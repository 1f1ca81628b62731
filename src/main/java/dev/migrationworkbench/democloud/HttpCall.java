package dev.migrationworkbench.democloud;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One HTTP request as the APIs see it: method, path segments, query, headers, body; and its answer. */
final class HttpCall {

    final HttpExchange exchange;
    final String method;
    final String path;
    final Map<String, List<String>> query = new LinkedHashMap<>();
    private byte[] body;
    private boolean answered;

    HttpCall(HttpExchange exchange) {
        this.exchange = exchange;
        this.method = exchange.getRequestMethod();
        this.path = exchange.getRequestURI().getRawPath();
        String raw = exchange.getRequestURI().getRawQuery();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                String k = decode(eq < 0 ? pair : pair.substring(0, eq));
                String v = eq < 0 ? "" : decode(pair.substring(eq + 1));
                query.computeIfAbsent(k, x -> new ArrayList<>()).add(v);
            }
        }
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }

    /** The path below a prefix, split on '/', empty segments dropped (so a trailing slash does not matter). */
    List<String> segmentsAfter(String prefix) {
        List<String> out = new ArrayList<>();
        for (String s : path.substring(prefix.length()).split("/")) {
            if (!s.isEmpty()) {
                out.add(decode(s));
            }
        }
        return out;
    }

    String header(String name) {
        return exchange.getRequestHeaders().getFirst(name);
    }

    String param(String name) {
        List<String> v = query.get(name);
        return v == null || v.isEmpty() ? null : v.get(v.size() - 1);
    }

    byte[] body() throws IOException {
        if (body == null) {
            body = exchange.getRequestBody().readAllBytes();
        }
        return body;
    }

    /** The JSON body; a 400 in Nova's words when it is missing or not JSON. */
    JsonNode json() throws IOException {
        byte[] b = body();
        try {
            JsonNode node = b.length == 0 ? null : Json.parse(b);
            if (node == null || !node.isObject()) {
                throw ApiError.badRequest("Malformed request body");
            }
            return node;
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw ApiError.badRequest("Malformed request body");
        }
    }

    void addHeader(String name, String value) {
        exchange.getResponseHeaders().add(name, value);
    }

    void send(int status, JsonNode json) throws IOException {
        sendBytes(status, json == null ? null : Json.bytes(json), "application/json");
    }

    void sendBytes(int status, byte[] bytes, String contentType) throws IOException {
        if (answered) {
            return;
        }
        answered = true;
        if (bytes == null || bytes.length == 0) {
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
            return;
        }
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    boolean answered() {
        return answered;
    }
}
