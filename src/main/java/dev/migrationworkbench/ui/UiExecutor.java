package dev.migrationworkbench.ui;

import java.util.concurrent.Callable;
import java.util.function.Consumer;

/**
 * Runs work off the JavaFX thread and hands its result or error back on it. Views and view models
 * never create threads or call {@code Platform.runLater} themselves.
 */
public interface UiExecutor extends AutoCloseable {

    <T> void submit(String name, Callable<T> work, Consumer<? super T> onSuccess, Consumer<Throwable> onError);

    /** Runs an action on the UI thread (for results pushed by background services). */
    void onUiThread(Runnable action);

    @Override
    void close();
}
