package dev.migrationworkbench.ui.migrations;

import dev.migrationworkbench.model.Migration;
import dev.migrationworkbench.model.ProgressSample;
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
import java.util.List;
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
    private final Map<String, String> serverNames = new HashMap<>();

    public MigrationsViewModel(WorkbenchBackend backend, UiExecutor executor, MigrationMonitor monitor, Notifier notifier) {
        this.backend = backend;
        this.executor = executor;
        this.monitor = monitor;
        this.notifier = notifier;
        this.state = new LoadState(executor);
    }

    public void refresh() {
        state.run("list migrations", /*i18n*/"migrations.error", !migrations.isEmpty(), () -> {
            List<Migration> list = backend.migrations();
            return new Listing(list, backend.serverNames(list.stream().map(Migration::serverId).distinct().toList()));
        }, listing -> {
            serverNames.putAll(listing.names());
            migrations.setAll(listing.migrations());
        });
    }

    private record Listing(List<Migration> migrations, Map<String, String> names) {
    }

    /** The server of a migration as people name it: name with the start of its ID, else the ID. */
    public String serverLabel(String serverId) {
        return label(serverId, serverNames.get(serverId));
    }

    static String label(String serverId, String name) {
        if (name == null || name.isBlank()) {
            return serverId;
        }
        return serverId == null ? name : name + " (" + (serverId.length() > 8 ? serverId.substring(0, 8) : serverId) + ")";
    }

    /** Starts watching (or selects the watch of) a migration. */
    public WatchedMigration watch(Migration migration) {
        Optional<WatchedMigration> existing = watched.stream().filter(w -> w.id() == migration.id()).findFirst();
        if (existing.isPresent()) {
            selected.set(existing.get());
            return existing.get();
        }
        WatchedMigration watch = new WatchedMigration(migration, serverNames.get(migration.serverId()));
        watched.add(watch);
        selected.set(watch);
        if (!migration.inProgress()) {
            replay(watch, migration);
        }
        if (migration.inProgress()) {
            watches.put(migration.id(), monitor.watch(migration.serverId(), migration.id(), new MigrationMonitor.Listener() {
                @Override
                public void onReading(Migration reading) {
                    // on the monitor's thread: the analysis may read the server's evidence once
                    ConvergenceEstimate estimate;
                    try {
                        estimate = backend.convergence(reading);
                    } catch (Exception e) {
                        estimate = null;
                    }
                    ConvergenceEstimate analysed = estimate;
                    executor.onUiThread(() -> accept(watch, reading, analysed));
                }

                @Override
                public void onFailure(Throwable error, int failures, Duration retryIn) {
                    Text why = Text.of(/*i18n*/"migrations.readFailed", LoadState.reason(error),
                            Math.max(1, Math.round(retryIn.toMillis() / 1000.0)));
                    executor.onUiThread(() -> watch.markFailed(why));
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

    /** Forgets the previous connection's migrations and watches. */
    public void clear() {
        unwatchAll();
        state.reset();
        migrations.clear();
        serverNames.clear();
    }

    /** Stops every watch (the view's workbench is closing or the cloud changed). */
    public void unwatchAll() {
        watches.values().forEach(MigrationMonitor.Watch::stop);
        watches.clear();
        watched.clear();
        selected.set(null);
    }

    /**
     * An ended migration whose progress was recorded (read offline from the logs): its samples drawn
     * as if watched, and the convergence as it stood at the last one.
     */
    private void replay(WatchedMigration watch, Migration ended) {
        List<ProgressSample> recorded = backend.recordedSamples(ended);
        if (recorded.isEmpty()) {
            return;
        }
        Migration running = null;
        for (ProgressSample s : recorded) {
            running = new Migration(ended.id(), ended.uuid(), ended.serverId(), "running", ended.migrationType(),
                    ended.sourceCompute(), ended.sourceNode(), ended.destCompute(), ended.destHost(), ended.destNode(),
                    s.memoryTotalBytes(), s.memoryProcessedBytes(), s.memoryRemainingBytes(), s.diskTotalBytes(),
                    s.diskProcessedBytes(), s.diskRemainingBytes(), ended.userId(), ended.projectId(), ended.createdAt(), s.at());
            watch.add(running);
        }
        try {
            // offline the analysis is of the recorded samples, in memory: quick enough for the FX thread
            watch.setEstimate(backend.convergence(running));
        } catch (Exception e) {
            watch.markStale();
        }
        watch.add(ended);
    }

    private void accept(WatchedMigration watch, Migration reading, ConvergenceEstimate estimate) {
        if (!watched.contains(watch)) {
            return;
        }
        Verdict before = watch.estimateProperty().get() == null ? null : watch.estimateProperty().get().verdict();
        watch.add(reading);
        if (estimate != null) {
            watch.setEstimate(estimate);
        } else {
            watch.markStale();
        }
        if (!reading.inProgress()) {
            watches.remove(watch.id());
            boolean failed = !"completed".equals(reading.status());
            notifier.notify(Notifier.migration(reading.id()), Notifier.ENDED,
                    Text.of(failed ? "migrations.notify.failed.title" : "migrations.notify.completed.title"),
                    Text.of("migrations.notify.body", watch.serverLabel(), reading.id(), reading.status()), failed);
            replace(reading);
        } else if (estimate != null && estimate.verdict() == Verdict.NOT_CONVERGING && before != Verdict.NOT_CONVERGING) {
            notifier.notify(Notifier.migration(reading.id()), Notifier.NOT_CONVERGING, Text.of("migrations.notify.notConverging.title"),
                    Text.of("migrations.notify.body", watch.serverLabel(), reading.id(), reading.status()), true);
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
