package dev.migrationworkbench.democloud;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A YAML document as a tree that remembers the line of every value, so scenario errors can say
 * where they are. A node holds a map, a list, a scalar's text, or null.
 */
final class YamlNode {

    final int line;
    final String path;
    private final Object value;
    private final boolean quoted;

    private YamlNode(int line, String path, Object value, boolean quoted) {
        this.line = line;
        this.path = path;
        this.value = value;
        this.quoted = quoted;
    }

    static YamlNode read(Reader reader, String file) throws IOException {
        try (JsonParser parser = new YAMLFactory().createParser(reader)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                return new YamlNode(1, "", null, false);
            }
            return readValue(parser, "");
        } catch (JsonProcessingException e) {
            int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
            throw new ScenarioException(List.of(new ScenarioException.Problem(file, line, "",
                    "not valid YAML: " + e.getOriginalMessage())));
        }
    }

    private static YamlNode readValue(JsonParser parser, String path) throws IOException {
        int line = parser.currentTokenLocation().getLineNr();
        JsonToken token = parser.currentToken();
        if (token == JsonToken.START_OBJECT) {
            Map<String, YamlNode> map = new LinkedHashMap<>();
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String key = parser.currentName();
                parser.nextToken();
                map.put(key, readValue(parser, path.isEmpty() ? key : path + "." + key));
            }
            return new YamlNode(line, path, map, false);
        }
        if (token == JsonToken.START_ARRAY) {
            List<YamlNode> list = new ArrayList<>();
            while (parser.nextToken() != JsonToken.END_ARRAY) {
                list.add(readValue(parser, path + "[" + list.size() + "]"));
            }
            return new YamlNode(line, path, list, false);
        }
        if (token == JsonToken.VALUE_NULL) {
            return new YamlNode(line, path, null, false);
        }
        return new YamlNode(line, path, parser.getText(), token == JsonToken.VALUE_STRING);
    }

    boolean isMap() {
        return value instanceof Map;
    }

    boolean isList() {
        return value instanceof List;
    }

    boolean isNull() {
        return value == null;
    }

    boolean isScalar() {
        return value instanceof String;
    }

    /** True for a scalar written as a string (quoted or plain words), false for numbers and booleans. */
    boolean isString() {
        return quoted;
    }

    @SuppressWarnings("unchecked")
    Map<String, YamlNode> map() {
        return (Map<String, YamlNode>) value;
    }

    @SuppressWarnings("unchecked")
    List<YamlNode> list() {
        return (List<YamlNode>) value;
    }

    String text() {
        return (String) value;
    }

    String kind() {
        if (isMap()) {
            return "a mapping";
        }
        if (isList()) {
            return "a list";
        }
        return isNull() ? "nothing" : "'" + value + "'";
    }
}
