package dev.migrationworkbench.ui.backend;

import java.text.MessageFormat;
import java.util.List;
import java.util.ResourceBundle;

/** A message of the bundle by key with its arguments, resolved when shown (so it follows a language switch). */
public record Text(String key, List<Object> args) {

    public Text {
        args = args == null ? List.of() : List.copyOf(args);
    }

    public static Text of(String key, Object... args) {
        return new Text(key, List.of(args));
    }

    public String resolve(ResourceBundle bundle) {
        if (!bundle.containsKey(key)) {
            return "!" + key + "!";
        }
        String pattern = bundle.getString(key);
        // an argument may itself be a message (a reason inside "could not …: {0}"), resolved in the same language
        return args.isEmpty() ? pattern : new MessageFormat(pattern, bundle.getLocale())
                .format(args.stream().map(a -> a instanceof Text t ? t.resolve(bundle) : a).toArray());
    }
}
