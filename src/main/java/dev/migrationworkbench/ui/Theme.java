package dev.migrationworkbench.ui;

import java.util.List;

/** Light and dark looks: one base stylesheet plus a variant that only redefines looked-up colours. */
public enum Theme {
    LIGHT("light.css"),
    DARK("dark.css");

    private static final String BASE = "base.css";
    private final String variant;

    Theme(String variant) {
        this.variant = variant;
    }

    public List<String> stylesheets() {
        return List.of(url(BASE), url(variant));
    }

    private static String url(String name) {
        return Theme.class.getResource(name).toExternalForm();
    }
}
