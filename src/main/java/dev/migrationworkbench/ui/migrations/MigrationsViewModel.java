package dev.migrationworkbench.ui.migrations;

import dev.migrationworkbench.model.Migration;
import dev.migrationworkbench.monitor.MigrationMonitor;
import dev.migrationworkbench.ui.LoadState;
import dev.migrationworkbench.ui.Notifier;
import dev.migrationworkbench.ui.UiExecutor;
import dev.migrationworkbench.ui.backend.ConvergenceEstimate;
import dev.migrationworkbench.ui.backend.ConvergenceEstimate.Verdict;
import dev.migrationworkbench.ui.backend.Text;
import dev.migrationworkbench.ui.backend.WorkbenchBackend;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * Migrations cloud-wide, and the ones being watched live. Watching polls through the
 * {@link MigrationMonitor}; every reading re-runs the convergence analysis, and a watched
 * migration that ends, fails or is judged not converging raises a notification once.
 */
public final class MigrationsViewModel {

    private final WorkbenchBackend backend;
    private final UiExecutor executor;
    private final MigrationMonitor monitor;
    private final Notifier notifier;
    private final LoadState state;
    private final ObservableList<Migration> migrations = FXCollections.observableArrayList();
    private final ObservableList<WatchedMigration> watched = FXCollections.observableArrayList();
    private final ObjectProperty<WatchedMigration> selected = new SimpleObjectProperty<>();
    private final Map<Long, MigrationMonitor.Watch> watches = new HashMap<>();

    public MigrationsViewModel(WorkbenchBackend backend, UiExecutor executor, MigrationMonitor monitor, Notifier notifier) {
        this.backend = backend;
        this.executor = executor;
        this.monitor = monitor;
        this.notifier = notifier;
        this.state = new LoadState(executor);
    }

    public void refresh() {
        state.run("list migrations", /*i18n*/"migrations.error", !migrations.isEmpty(), backend::migrations, migrations::setAll);
    }

    /** Starts watching (or selects the watch of) a migration. */
    public WatchedMigration watch(Migration migration) {
        Optional<WatchedMigration> existing = watched.stream().filter(w -> w.id() == migration.id()).findFirst();
        if (existing.isPresent()) {
            selected.set(existing.get());
            return existing.get();
        }
        WatchedMigration watch = new WatchedMigration(migration);
        watched.add(watch);
        selected.set(watch);
        if (migration.inProgress()) {
            watches.put(migration.id(), monitor.watch(migration.serverId(), migration.id(), new MigrationMonitor.Listener() {
                @Override
                public void onReading(Migration reading) {
                    executor.onUiThread(() -> accept(watch, reading));
                }

                @Override
                public void onFailure(Throwable error, int failures, Duration retryIn) {
                    executor.onUiThread(watch::markStale);
                }
            }));
        }
        return watch;
    }

    public void unwatch(WatchedMigration watch) {
        MigrationMonitor.Watch polling = watches.remove(watch.id());
        if (polling != null) {
            polling.stop();
        }
        watched.remove(watch);
        if (selected.get() == watch) {
            selected.set(watched.isEmpty() ? null : watched.get(watched.size() - 1));
        }
    }

    /** Stops every watch (the view's workbench is closing or the cloud changed). */
    public void unwatchAll() {
        watches.values().forEach(MigrationMonitor.Watch::stop);
        watches.clear();
        watched.clear();
        selected.set(null);
    }

    private void accept(WatchedMigration watch, Migration reading) {
        if (!watched.contains(watch)) {
            return;
        }
        Verdict before = watch.estimateProperty().get() == null ? null : watch.estimateProperty().get().verdict();
        watch.add(reading);
        ConvergenceEstimate estimate = backend.convergence(reading, watch.samples());
        watch.setEstimate(estimate);
        if (!reading.inProgress()) {
            watches.remove(watch.id());
            boolean failed = !"completed".equals(reading.status());
            notifier.notify(Text.of(failed ? "migrations.notify.failed.title" : "migrations.notify.completed.title"),
                    Text.of("migrations.notify.body", reading.serverId(), reading.id(), reading.status()), failed);
            replace(reading);
        } else if (estimate.verdict() == Verdict.NOT_CONVERGING && before != Verdict.NOT_CONVERGING) {
            notifier.notify(Text.of("migrations.notify.notConverging.title"),
                    Text.of("migrations.notify.body", reading.serverId(), reading.id(), reading.status()), true);
        }
    }

    private void replace(Migration reading) {
        for (int i = 0; i < migrations.size(); i++) {
            if (migrations.get(i).id() == reading.id()) {
                migrations.set(i, reading);
                return;
            }
        }
    }

    public ObservableList<Migration> migrations() {
        return migrations;
    }

    public ObservableList<WatchedMigration> watched() {
        return watched;
    }

    public ObjectProperty<WatchedMigration> selectedProperty() {
        return selected;
    }

    public LoadState state() {
        return state;
    }
}
