package dev.migrationworkbench.ui;

import dev.migrationworkbench.cloud.CloudException;
import dev.migrationworkbench.probe.client.ProbeException;
import dev.migrationworkbench.ui.backend.Text;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;

/**
 * The busy / failed / stale state of one view model's background work, and its retry: the last
 * action that failed can be run again from the error banner. Data a failed refresh could not
 * replace stays shown and is marked stale. A result that arrives after a newer run started, or
 * after {@link #reset()} (another cloud was connected), is dropped: what is on screen is never
 * overwritten by something older.
 */
public final class LoadState {

    private final UiExecutor executor;
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper stale = new ReadOnlyBooleanWrapper();
    private final ReadOnlyObjectWrapper<Text> problem = new ReadOnlyObjectWrapper<>();
    private Runnable lastAction;
    private int running;
    private long latest;

    public LoadState(UiExecutor executor) {
        this.executor = executor;
    }

    /**
     * Runs work in the background. On failure the problem is {@code errorKey} with the error's own
     * message as argument {0}; {@code hasData} says whether older data stays shown (then stale).
     */
    public <T> void run(String name, String errorKey, boolean hasData, Callable<T> work, Consumer<? super T> onSuccess) {
        lastAction = () -> run(name, errorKey, hasData, work, onSuccess);
        long run = ++latest;
        started();
        executor.submit(name, work, result -> {
            finished();
            if (run != latest) {
                return;
            }
            problem.set(null);
            stale.set(false);
            onSuccess.accept(result);
        }, error -> {
            if (run == latest) {
                fail(errorKey, error, hasData);
            } else {
                finished();
            }
        });
    }

    /** Drops what is running and forgets the problem, the staleness and the retry (a new connection). */
    public void reset() {
        latest++;
        lastAction = null;
        clear();
    }

    /** For multi-step work: marks the start; each step ends with {@link #finished()} or a failure. */
    public void started() {
        running++;
        busy.set(true);
    }

    public void finished() {
        running = Math.max(0, running - 1);
        busy.set(running > 0);
    }

    /** Records a failure of work started with {@link #started()} and remembers how to retry it. */
    public void fail(String errorKey, Throwable error, boolean hasData) {
        finished();
        problem.set(Text.of(errorKey, reason(error)));
        stale.set(hasData);
    }

    /**
     * The work succeeded but could not read everything: the problem says what (the calls and their
     * errors); the data shown is fresh apart from that, so it is not marked stale.
     */
    public void partial(Text what) {
        problem.set(what);
        stale.set(false);
    }

    public void setRetry(Runnable action) {
        lastAction = action;
    }

    public void clear() {
        problem.set(null);
        stale.set(false);
    }

    public void retry() {
        if (lastAction != null) {
            problem.set(null);
            lastAction.run();
        }
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty staleProperty() {
        return stale.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Text> problemProperty() {
        return problem.getReadOnlyProperty();
    }

    /**
     * Why work failed, in the window's language where the error says what kind it is: a probe
     * agent's error as its own message, a cloud error as what its kind means followed by its
     * details (the call and Nova's answer, which are not translated); else the error's message.
     */
    public static Object reason(Throwable error) {
        Throwable cause = error;
        while (cause.getCause() != null && !(cause instanceof CloudException) && !(cause instanceof ProbeException)) {
            cause = cause.getCause();
        }
        if (cause instanceof ProbeException p) {
            return new Text(p.messageKey(), p.messageArgs());
        }
        if (cause instanceof CloudException c) {
            return Text.of(/*i18n*/"common.reason", Text.of(c.kind().messageKey()), describe(c));
        }
        return describe(error);
    }

    /** The error's own message (of its cause when it has none), else its class name. */
    static String describe(Throwable error) {
        Throwable cause = error;
        while (cause.getCause() != null && (cause.getMessage() == null || cause instanceof java.util.concurrent.ExecutionException)) {
            cause = cause.getCause();
        }
        String message = cause.getMessage();
        return message == null || message.isBlank() ? cause.getClass().getSimpleName() : message;
    }
}
