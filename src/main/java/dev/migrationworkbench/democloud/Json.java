package dev.migrationworkbench.democloud;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** The emulator's own JSON building and the timestamp formats Nova and Keystone use. */
final class Json {

    static final ObjectMapper MAPPER = new ObjectMapper();
    private static final DateTimeFormatter NOVA_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter ISO_SECONDS =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter ISO_MICROS =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);

    private Json() {
    }

    static ObjectNode object() {
        return JsonNodeFactory.instance.objectNode();
    }

    static ArrayNode array() {
        return JsonNodeFactory.instance.arrayNode();
    }

    static JsonNode parse(byte[] body) throws IOException {
        return MAPPER.readTree(body);
    }

    static byte[] bytes(JsonNode node) {
        try {
            return MAPPER.writeValueAsBytes(node);
        } catch (IOException e) {
            throw new IllegalStateException("cannot serialise a JSON tree", e);
        }
    }

    /** Nova's database timestamps, e.g. {@code 2016-01-29T13:42:02.000000} (no zone suffix). */
    static String novaTime(Instant t) {
        return t == null ? null : NOVA_TIME.format(t);
    }

    /** Server {@code created}/{@code updated}, e.g. {@code 2013-09-03T04:01:32Z}. */
    static String isoSeconds(Instant t) {
        return t == null ? null : ISO_SECONDS.format(t);
    }

    /** Keystone's {@code expires_at}/{@code issued_at}, e.g. {@code 2015-11-07T02:58:43.578887Z}. */
    static String isoMicros(Instant t) {
        return ISO_MICROS.format(t);
    }

    static ArrayNode links(String self, String bookmark) {
        ArrayNode links = array();
        links.addObject().put("href", self).put("rel", "self");
        links.addObject().put("href", bookmark).put("rel", "bookmark");
        return links;
    }
}
