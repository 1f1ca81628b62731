package dev.migrationworkbench.ui;

import java.util.concurrent.Callable;
import java.util.function.Consumer;

/** Test {@link UiExecutor}: runs work inline on the calling thread. */
public final class SynchronousUiExecutor implements UiExecutor {

    @Override
    public <T> void submit(String name, Callable<T> work, Consumer<? super T> onSuccess, Consumer<Throwable> onError) {
        T result;
        try {
            result = work.call();
        } catch (Exception e) {
            onError.accept(e);
            return;
        }
        onSuccess.accept(result);
    }

    @Override
    public void onUiThread(Runnable action) {
        action.run();
    }

    @Override
    public void close() {
    }
}
