package dev.migrationworkbench.diagnosis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.migrationworkbench.i18n.Messages;
import java.text.MessageFormat;
import java.util.List;
import java.util.Locale;
import java.util.ResourceBundle;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Every diagnosis message is a valid pattern, and English and Japanese use the same arguments. */
class DiagnosisTextsTest {

    private static final Pattern ARG = Pattern.compile("\\{(\\d+)[,}]");

    @Test
    void englishAndJapaneseUseTheSameArguments() {
        ResourceBundle en = Messages.bundle(Locale.ENGLISH);
        ResourceBundle ja = Messages.bundle(Locale.JAPANESE);
        Set<String> keys = new TreeSet<>(en.keySet());
        keys.removeIf(k -> !k.startsWith("diagnosis."));
        assertThat(keys).hasSizeGreaterThan(50);
        for (String key : keys) {
            Set<String> enArgs = args(en.getString(key));
            assertThat(args(ja.getString(key))).as(key).isEqualTo(enArgs);
            assertThat(new MessageFormat(en.getString(key), Locale.ENGLISH).format(values(enArgs)))
                    .as(key).doesNotContain("{");
            assertThat(new MessageFormat(ja.getString(key), Locale.JAPANESE).format(values(enArgs)))
                    .as(key).doesNotContain("{");
        }
    }

    /** Messages.get formats only when there are arguments: '' shows doubled in a text without any, a lone ' vanishes in one with. */
    @Test
    void apostrophesAreQuotedOnlyWhereTheTextIsFormatted() {
        for (Locale locale : List.of(Locale.ENGLISH, Locale.JAPANESE)) {
            ResourceBundle bundle = Messages.bundle(locale);
            for (String key : bundle.keySet()) {
                String pattern = bundle.getString(key);
                if (!key.startsWith("diagnosis.")) {
                    continue;
                }
                if (args(pattern).isEmpty()) {
                    assertThat(pattern).as(key + " (" + locale + ")").doesNotContain("''");
                } else {
                    assertThat(pattern.replace("''", "")).as(key + " (" + locale + ")").doesNotContain("'");
                }
            }
        }
    }

    private static Object[] values(Set<String> args) {
        int n = args.stream().mapToInt(Integer::parseInt).max().orElse(-1) + 1;
        Object[] out = new Object[n];
        java.util.Arrays.fill(out, "x");
        return out;
    }

    private static Set<String> args(String pattern) {
        Set<String> found = new TreeSet<>();
        Matcher m = ARG.matcher(pattern.replaceAll("'[^']*'", ""));
        while (m.find()) {
            found.add(m.group(1));
        }
        return found;
    }
}
