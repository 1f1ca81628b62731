package dev.migrationworkbench.ui;

import dev.migrationworkbench.config.SafeFiles;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Window geometry, language and theme, kept in {@code ui.properties} in the config dir.
 * A damaged file is logged and replaced by defaults; it never stops the window from opening.
 */
public final class UiSettings {

    private static final Logger LOG = LoggerFactory.getLogger(UiSettings.class);

    private final Path file;
    private final Properties values = new Properties();

    private UiSettings(Path file) {
        this.file = file;
    }

    public static UiSettings load(Path configDir) {
        UiSettings settings = new UiSettings(configDir.resolve("ui.properties"));
        if (Files.isRegularFile(settings.file)) {
            try (Reader in = Files.newBufferedReader(settings.file, StandardCharsets.UTF_8)) {
                settings.values.load(in);
            } catch (IOException | IllegalArgumentException e) {
                LOG.warn("Ignoring unreadable settings file {}: {}", settings.file, e.toString());
                settings.values.clear();
            }
        }
        return settings;
    }

    public void save() {
        try {
            SafeFiles.write(file, out -> {
                Writer writer = new java.io.OutputStreamWriter(out, StandardCharsets.UTF_8);
                values.store(writer, "Migration Workbench window settings");
                writer.flush();
            });
        } catch (IOException e) {
            LOG.warn("Could not save settings to {}: {}", file, e.toString());
        }
    }

    public Locale locale(Locale fallback) {
        String tag = values.getProperty("language");
        return tag == null ? fallback : Locale.forLanguageTag(tag);
    }

    public void setLocale(Locale locale) {
        values.setProperty("language", locale.toLanguageTag());
    }

    public Theme theme() {
        try {
            return Theme.valueOf(values.getProperty("theme", Theme.LIGHT.name()));
        } catch (IllegalArgumentException e) {
            return Theme.LIGHT;
        }
    }

    public void setTheme(Theme theme) {
        values.setProperty("theme", theme.name());
    }

    /** x, y, width, height, or null when never saved or unreadable. */
    public double[] windowBounds() {
        String raw = values.getProperty("window.bounds");
        if (raw == null) {
            return null;
        }
        String[] parts = raw.split(",");
        if (parts.length != 4) {
            return null;
        }
        try {
            double[] bounds = new double[4];
            for (int i = 0; i < 4; i++) {
                bounds[i] = Double.parseDouble(parts[i].trim());
            }
            return bounds[2] > 100 && bounds[3] > 100 ? bounds : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    public void setWindowBounds(double x, double y, double width, double height) {
        values.setProperty("window.bounds", x + "," + y + "," + width + "," + height);
    }

    public boolean maximized() {
        return Boolean.parseBoolean(values.getProperty("window.maximized", "false"));
    }

    public void setMaximized(boolean maximized) {
        values.setProperty("window.maximized", Boolean.toString(maximized));
    }
}
