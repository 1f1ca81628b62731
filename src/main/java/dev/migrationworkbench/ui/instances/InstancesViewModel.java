package dev.migrationworkbench.ui.instances;

import dev.migrationworkbench.model.Migration;
import dev.migrationworkbench.model.Server;
import dev.migrationworkbench.ui.LoadState;
import dev.migrationworkbench.ui.Navigator;
import dev.migrationworkbench.ui.UiExecutor;
import dev.migrationworkbench.service.ServerPage;
import dev.migrationworkbench.ui.backend.WorkbenchBackend;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;

/**
 * Every server of the cloud, loaded page by page in the background. The first load shows rows as
 * pages arrive; a refresh keeps the old rows until the new set is complete (and marks them stale if
 * it fails). The filter matches name, ID, status, task state, host, flavor and migration status.
 */
public final class InstancesViewModel {

    public static final int PAGE_SIZE = 1000;

    private final WorkbenchBackend backend;
    private final Navigator navigator;
    private final LoadState state;
    private final ObservableList<ServerRow> rows = FXCollections.observableArrayList();
    private final FilteredList<ServerRow> filtered = new FilteredList<>(rows);
    private final StringProperty filter = new SimpleStringProperty("");
    private final ReadOnlyIntegerWrapper loaded = new ReadOnlyIntegerWrapper();
    private final ReadOnlyObjectWrapper<Instant> loadedAt = new ReadOnlyObjectWrapper<>();
    private int generation;

    public InstancesViewModel(WorkbenchBackend backend, UiExecutor executor, Navigator navigator) {
        this.backend = backend;
        this.navigator = navigator;
        this.state = new LoadState(executor);
        filter.addListener((obs, old, now) -> {
            String query = now == null ? "" : now.trim().toLowerCase(Locale.ROOT);
            filtered.setPredicate(query.isEmpty() ? null : row -> row.matches(query));
        });
    }

    /** Forgets the previous connection's servers (a load under way is dropped). */
    public void clear() {
        generation++;
        state.reset();
        rows.clear();
        loaded.set(0);
        loadedAt.set(null);
    }

    /** Loads every server; a load already under way is superseded. */
    public void refresh() {
        int current = ++generation;
        boolean progressive = rows.isEmpty();
        state.run("list migrations", /*i18n*/"instances.error", !progressive, backend::migrations, migrations -> {
            if (current == generation) {
                nextPage(current, byServer(migrations), null, progressive, new ArrayList<>());
            }
        });
        state.setRetry(this::refresh);
    }

    private void nextPage(int current, Map<String, Migration> migrations, String marker, boolean progressive,
            List<ServerRow> buffer) {
        state.run("list servers", /*i18n*/"instances.error", !progressive || !rows.isEmpty(),
                () -> toRows(backend.servers(marker, PAGE_SIZE), migrations), page -> {
                    if (current != generation) {
                        return;
                    }
                    if (progressive) {
                        rows.addAll(page.rows());
                        loaded.set(rows.size());
                    } else {
                        buffer.addAll(page.rows());
                        loaded.set(buffer.size());
                    }
                    if (page.nextMarker() != null) {
                        nextPage(current, migrations, page.nextMarker(), progressive, buffer);
                    } else {
                        if (!progressive) {
                            rows.setAll(buffer);
                        }
                        loadedAt.set(Instant.now());
                    }
                });
        state.setRetry(this::refresh);
    }

    private record RowPage(List<ServerRow> rows, String nextMarker) {
    }

    private static RowPage toRows(ServerPage page, Map<String, Migration> migrations) {
        List<ServerRow> result = new ArrayList<>(page.servers().size());
        for (Server server : page.servers()) {
            result.add(ServerRow.of(server, migrations.get(server.id())));
        }
        return new RowPage(result, page.nextMarker());
    }

    /** The latest migration of each server (the in-progress one first). */
    private static Map<String, Migration> byServer(List<Migration> migrations) {
        Map<String, Migration> latest = new HashMap<>();
        for (Migration migration : migrations) {
            latest.merge(migration.serverId(), migration, (a, b) -> pick(a, b));
        }
        return latest;
    }

    private static Migration pick(Migration a, Migration b) {
        if (a.inProgress() != b.inProgress()) {
            return a.inProgress() ? a : b;
        }
        return a.id() >= b.id() ? a : b;
    }

    public void diagnose(ServerRow row) {
        navigator.diagnose(row.server().id());
    }

    public void openMigration(ServerRow row) {
        if (row.migration() != null) {
            navigator.openMigration(row.migration());
        }
    }

    /** Compares the server's host with its migration's destination (or with no host chosen yet). */
    public void compareHosts(ServerRow row) {
        Migration m = row.migration();
        String source = m != null && m.sourceCompute() != null ? m.sourceCompute() : row.server().host();
        String destination = m == null ? null : m.destCompute();
        navigator.compareHosts(row.server().id(), source, destination);
    }

    public ObservableList<ServerRow> rows() {
        return rows;
    }

    /** The rows the filter lets through (the view sorts them). */
    public FilteredList<ServerRow> filteredRows() {
        return filtered;
    }

    public StringProperty filterProperty() {
        return filter;
    }

    public ReadOnlyIntegerProperty loadedProperty() {
        return loaded.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Instant> loadedAtProperty() {
        return loadedAt.getReadOnlyProperty();
    }

    public LoadState state() {
        return state;
    }
}
