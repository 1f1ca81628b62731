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
        return args.isEmpty() ? pattern : new MessageFormat(pattern, bundle.getLocale()).format(args.toArray());
    }
}
