package dev.migrationworkbench.ui.migrations;

import dev.migrationworkbench.model.Migration;
import dev.migrationworkbench.model.ProgressSample;
import dev.migrationworkbench.ui.backend.ConvergenceEstimate;
import dev.migrationworkbench.ui.backend.Text;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * One migration being watched: its latest record, every progress sample since the watch began
 * (kept while the workbench is open), the latest convergence estimate, and whether the last poll
 * failed (then the figures shown are stale).
 */
public final class WatchedMigration {

    private final ReadOnlyObjectWrapper<Migration> migration;
    private final ObservableList<ProgressSample> samples = FXCollections.observableArrayList();
    private final ObservableList<ProgressSample> readOnlySamples = FXCollections.unmodifiableObservableList(samples);
    private final ReadOnlyObjectWrapper<ConvergenceEstimate> estimate = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyBooleanWrapper stale = new ReadOnlyBooleanWrapper();
    private final ReadOnlyObjectWrapper<Text> failure = new ReadOnlyObjectWrapper<>();

    private final String serverName;

    WatchedMigration(Migration migration, String serverName) {
        this.migration = new ReadOnlyObjectWrapper<>(migration);
        this.serverName = serverName;
    }

    /** The server's name (null when unknown, e.g. deleted). */
    public String serverName() {
        return serverName;
    }

    /** The server as people name it: its name with the start of its ID, or its ID. */
    public String serverLabel() {
        return MigrationsViewModel.label(migration.get().serverId(), serverName);
    }

    /** Adds a reading; returns false when it carried no new sample (same timestamp as the last). */
    boolean add(Migration reading) {
        migration.set(reading);
        stale.set(false);
        failure.set(null);
        if (!reading.hasProgress() || reading.updatedAt() == null) {
            return false;
        }
        if (!samples.isEmpty() && reading.updatedAt().equals(samples.get(samples.size() - 1).at())) {
            return false;
        }
        samples.add(reading.toSample());
        return true;
    }

    void setEstimate(ConvergenceEstimate value) {
        estimate.set(value);
    }

    void markStale() {
        stale.set(true);
    }

    /** The last poll failed: the figures shown are stale, and why (the error, when the next try is). */
    void markFailed(Text why) {
        stale.set(true);
        failure.set(why);
    }

    public long id() {
        return migration.get().id();
    }

    public ReadOnlyObjectProperty<Migration> migrationProperty() {
        return migration.getReadOnlyProperty();
    }

    public ObservableList<ProgressSample> samples() {
        return readOnlySamples;
    }

    public ReadOnlyObjectProperty<ConvergenceEstimate> estimateProperty() {
        return estimate.getReadOnlyProperty();
    }

    /** Why the last poll failed (null after a reading). */
    public ReadOnlyObjectProperty<Text> failureProperty() {
        return failure.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty staleProperty() {
        return stale.getReadOnlyProperty();
    }
}
