package dev.migrationworkbench.ui.offline;

import dev.migrationworkbench.offline.OfflineCase;
import dev.migrationworkbench.offline.OfflineDiagnosis;
import dev.migrationworkbench.offline.EvidenceBundle;
import dev.migrationworkbench.ui.UiExecutor;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * File → Open and drag and drop: reads sosreports, logs or an evidence bundle in the background,
 * with the fraction read for the progress bar and a cancel; hands the case (or the bundle's
 * evidence) to {@code onOpened}, or the reason it could not be read to the error text.
 */
public final class OfflineViewModel {

    /** What was opened: a case of sosreports and logs, or one evidence bundle. */
    public record Opened(OfflineCase offlineCase, EvidenceBundle.Contents bundle, String name) {
    }

    private final UiExecutor executor;
    private final Consumer<Opened> onOpened;
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(0);
    private final ReadOnlyBooleanWrapper reading = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyStringWrapper readingWhat = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper();
    private volatile Thread worker;

    public OfflineViewModel(UiExecutor executor, Consumer<Opened> onOpened) {
        this.executor = executor;
        this.onOpened = onOpened;
    }

    public void open(List<Path> files) {
        if (files == null || files.isEmpty() || reading.get()) {
            return;
        }
        reading.set(true);
        progress.set(0);
        error.set(null);
        readingWhat.set(files.get(0).getFileName() + (files.size() > 1 ? " (+" + (files.size() - 1) + ")" : ""));
        executor.submit("open offline evidence", () -> {
            worker = Thread.currentThread();
            try {
                if (OfflineDiagnosis.isBundle(files)) {
                    return new Opened(null, EvidenceBundle.read(files.get(0)), files.get(0).getFileName().toString());
                }
                OfflineCase c = new OfflineDiagnosis().read(files, (fraction, what) ->
                        executor.onUiThread(() -> {
                            progress.set(fraction);
                            if (!what.isEmpty()) {
                                readingWhat.set(what);
                            }
                        }));
                return new Opened(c, null, String.join(", ", c.inputs().stream().map(OfflineCase.Input::origin).toList()));
            } finally {
                worker = null;
                Thread.interrupted(); // a cancel that came after the last line must not hit the next task
            }
        }, opened -> {
            reading.set(false);
            progress.set(0);
            onOpened.accept(opened);
        }, failure -> {
            reading.set(false);
            progress.set(0);
            error.set(failure.getMessage() == null ? failure.toString() : failure.getMessage());
        });
    }

    /** Stops the reading; the error text then says it was cancelled. */
    public void cancel() {
        Thread t = worker;
        if (t != null) {
            t.interrupt();
        }
    }

    public ReadOnlyDoubleProperty progressProperty() {
        return progress.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty readingProperty() {
        return reading.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty readingWhatProperty() {
        return readingWhat.getReadOnlyProperty();
    }

    /** Why the last open failed (null: it did not). Not translated: it names files and entries. */
    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }
}
