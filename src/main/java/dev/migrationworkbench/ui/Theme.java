package dev.migrationworkbench.ui;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javafx.scene.Scene;

/** Light and dark looks: one base stylesheet plus a variant that only redefines looked-up colours. */
public enum Theme {
    LIGHT("light.css"),
    DARK("dark.css");

    private static final String BASE = "base.css";
    private static final Pattern COLOUR = Pattern.compile("(-mw-[a-z-]+)\\s*:\\s*#([0-9a-fA-F]{6})\\s*;");
    private final String variant;
    private Map<String, java.awt.Color> colours;

    Theme(String variant) {
        this.variant = variant;
    }

    public List<String> stylesheets() {
        return List.of(url(BASE), url(variant));
    }

    /** The theme whose variant stylesheet the scene uses (light when none). */
    public static Theme of(Scene scene) {
        if (scene != null && scene.getStylesheets().contains(DARK.url(DARK.variant))) {
            return DARK;
        }
        return LIGHT;
    }

    /**
     * A looked-up colour of this theme ({@code -mw-surface}, ...) as AWT draws it: charts (JFreeChart)
     * take their colours from the same stylesheet as the controls, so there is one place per colour.
     */
    public synchronized java.awt.Color colour(String name) {
        if (colours == null) {
            colours = readColours();
        }
        java.awt.Color colour = colours.get(name);
        if (colour == null) {
            throw new IllegalArgumentException(name + " is not defined in " + variant);
        }
        return colour;
    }

    private Map<String, java.awt.Color> readColours() {
        try (InputStream in = Theme.class.getResourceAsStream(variant)) {
            String css = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            Map<String, java.awt.Color> found = new HashMap<>();
            Matcher m = COLOUR.matcher(css);
            while (m.find()) {
                found.put(m.group(1), new java.awt.Color(Integer.parseInt(m.group(2), 16)));
            }
            return found;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + variant, e);
        }
    }

    private static String url(String name) {
        return Theme.class.getResource(name).toExternalForm();
    }
}
