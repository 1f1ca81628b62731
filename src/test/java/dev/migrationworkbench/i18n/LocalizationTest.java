package dev.migrationworkbench.i18n;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The two guards of the message bundle: every key the code uses exists, and every shipped
 * language has exactly the keys of the base bundle.
 */
class LocalizationTest {

    private static final Path BUNDLES = Path.of("src/main/resources/i18n");
    /** {@code %key} in FXML attributes. */
    private static final Pattern FXML_KEY = Pattern.compile("\"%([a-zA-Z0-9_.\\-]+)\"");
    /**
     * Keys in Java: any string literal passed as the first argument of {@code get(...)},
     * {@code text(...)} or {@code key(...)} that looks like a dotted key, or a literal marked
     * {@code /*i18n*&#47;"key"}.
     */
    private static final Pattern JAVA_KEY = Pattern.compile(
            "(?:\\b(?:get|text|key|tr)\\(\\s*|/\\*i18n\\*/\\s*)\"([a-z][a-zA-Z0-9_\\-]*(?:\\.[a-zA-Z0-9_\\-]+)+)\"");

    @Test
    void everyKeyUsedExistsInTheBaseBundle() throws IOException {
        Set<String> base = load(BUNDLES.resolve("messages.properties")).stringPropertyNames();
        Set<String> used = usedKeys();
        assertThat(used).isNotEmpty();
        Set<String> missing = new TreeSet<>(used);
        missing.removeAll(base);
        assertThat(missing).as("keys used in src/main but missing from messages.properties").isEmpty();
    }

    @Test
    void everyLanguageHasExactlyTheBaseKeys() throws IOException {
        Set<String> base = new TreeSet<>(load(BUNDLES.resolve("messages.properties")).stringPropertyNames());
        try (Stream<Path> files = Files.list(BUNDLES)) {
            for (Path file : files.filter(f -> f.getFileName().toString().matches("messages_.+\\.properties")).toList()) {
                Properties translated = load(file);
                assertThat(new TreeSet<>(translated.stringPropertyNames())).as(file.toString()).isEqualTo(base);
                translated.forEach((k, v) -> assertThat(v.toString()).as("%s in %s", k, file).isNotBlank());
            }
        }
    }

    @Test
    void japaneseBundleIsReallyJapanese() throws IOException {
        Properties ja = load(BUNDLES.resolve("messages_ja.properties"));
        long withJapanese = ja.values().stream()
                .filter(v -> v.toString().codePoints().anyMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HIRAGANA
                        || Character.UnicodeScript.of(c) == Character.UnicodeScript.KATAKANA
                        || Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN))
                .count();
        assertThat(withJapanese).isGreaterThan(ja.size() * 8L / 10);
    }

    private static Set<String> usedKeys() throws IOException {
        Set<String> keys = new TreeSet<>();
        try (Stream<Path> files = Files.walk(Path.of("src/main"))) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                String name = file.getFileName().toString();
                Pattern pattern = name.endsWith(".fxml") ? FXML_KEY : name.endsWith(".java") ? JAVA_KEY : null;
                if (pattern != null) {
                    Matcher m = pattern.matcher(Files.readString(file));
                    while (m.find()) {
                        keys.add(m.group(1));
                    }
                }
            }
        }
        return keys;
    }

    private static Properties load(Path file) throws IOException {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        }
        return properties;
    }
}
