package dev.migrationworkbench.diagnosis;

import java.util.Arrays;
import java.util.List;

/**
 * A message of the bundle by key, with its arguments (strings or numbers, in the order of the
 * pattern's {@code {0}}, {@code {1}}, ...). Resolved by the UI, the command line or the report.
 */
public record TextRef(String key, List<Object> args) {

    public TextRef {
        if (key == null || key.isBlank()) {
            throw new IllegalArgumentException("message key must not be blank");
        }
        args = args == null ? List.of() : List.copyOf(Arrays.asList(args.stream().map(TextRef::plain).toArray()));
    }

    public static TextRef key(String key, Object... args) {
        return new TextRef(key, Arrays.asList(args));
    }

    public Object[] argsArray() {
        return args.toArray();
    }

    /** Only strings and numbers travel: anything else (a null, an enum, a host name record) becomes text. */
    private static Object plain(Object arg) {
        return arg instanceof Number || arg instanceof String ? arg : String.valueOf(arg);
    }
}
