package dev.migrationworkbench.ui;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.util.Map;
import java.util.ResourceBundle;
import java.util.function.Supplier;
import javafx.fxml.FXMLLoader;
import javafx.scene.Parent;

/**
 * The one way FXML is loaded: with the current bundle and a controller factory that knows each
 * controller class and fails loudly on any other.
 */
public final class ViewLoader {

    private final ResourceBundle bundle;
    private final Map<Class<?>, Supplier<?>> controllers;

    public ViewLoader(ResourceBundle bundle, Map<Class<?>, Supplier<?>> controllers) {
        this.bundle = bundle;
        this.controllers = Map.copyOf(controllers);
    }

    public ResourceBundle bundle() {
        return bundle;
    }

    public Parent load(FxmlView view) {
        return load(view, this::controller);
    }

    /** Loads a view whose controller is built per use (a dialog with its own view model). */
    public Parent load(FxmlView view, Object controller) {
        return load(view, type -> {
            if (!type.isInstance(controller)) {
                throw new IllegalStateException(view.path() + " wants " + type.getName() + ", got " + controller.getClass().getName());
            }
            return controller;
        });
    }

    private Parent load(FxmlView view, javafx.util.Callback<Class<?>, Object> factory) {
        URL url = ViewLoader.class.getResource(view.path());
        if (url == null) {
            throw new IllegalStateException("FXML not found on the classpath: " + view.path());
        }
        FXMLLoader loader = new FXMLLoader(url, bundle);
        loader.setControllerFactory(factory);
        try {
            return loader.load();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot load " + view.path(), e);
        }
    }

    private Object controller(Class<?> type) {
        Supplier<?> supplier = controllers.get(type);
        if (supplier == null) {
            throw new IllegalStateException("No controller registered for " + type.getName());
        }
        return supplier.get();
    }
}
