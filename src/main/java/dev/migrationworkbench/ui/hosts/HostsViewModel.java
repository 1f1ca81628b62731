package dev.migrationworkbench.ui.hosts;

import dev.migrationworkbench.model.HostTopology;
import dev.migrationworkbench.ui.LoadState;
import dev.migrationworkbench.ui.UiExecutor;
import dev.migrationworkbench.ui.backend.HostComparison;
import dev.migrationworkbench.ui.backend.WorkbenchBackend;
import java.util.List;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/** Source and destination host side by side, optionally for one server placed on the source. */
public final class HostsViewModel {

    private final WorkbenchBackend backend;
    private final LoadState state;
    private final ObservableList<String> hosts = FXCollections.observableArrayList();
    private final ObjectProperty<String> source = new SimpleObjectProperty<>();
    private final ObjectProperty<String> destination = new SimpleObjectProperty<>();
    private final StringProperty serverId = new SimpleStringProperty("");
    private final ReadOnlyObjectWrapper<HostComparison> comparison = new ReadOnlyObjectWrapper<>();
    /** The source, destination and instance the comparison shown is of. */
    private List<String> shownFor;

    public HostsViewModel(WorkbenchBackend backend, UiExecutor executor) {
        this.backend = backend;
        this.state = new LoadState(executor);
    }

    /** Forgets the previous connection's hosts and comparison. */
    public void clear() {
        state.reset();
        hosts.clear();
        source.set(null);
        destination.set(null);
        serverId.set("");
        comparison.set(null);
        shownFor = null;
    }

    public void loadHosts() {
        state.run("list compute hosts", /*i18n*/"hosts.error", !hosts.isEmpty(), backend::computeHosts, list -> {
            hosts.setAll(list);
            if (source.get() == null && !list.isEmpty()) {
                source.set(list.get(0));
            }
            if (destination.get() == null && list.size() > 1) {
                destination.set(list.get(1));
            }
        });
    }

    /** Compares a server's source host with a destination (from the Instances view's context menu). */
    public void compare(String server, String sourceHost, String destinationHost) {
        serverId.set(server == null ? "" : server);
        source.set(sourceHost);
        if (destinationHost != null) {
            destination.set(destinationHost);
        }
        compare();
    }

    public void compare() {
        String from = source.get();
        String to = destination.get();
        if (from == null || to == null) {
            return;
        }
        String server = serverId.get() == null || serverId.get().isBlank() ? null : serverId.get().trim();
        List<String> asked = java.util.Arrays.asList(from, to, server);
        if (!asked.equals(shownFor)) {
            // the diff of other hosts (or another instance) is no stale picture of these: it goes
            comparison.set(null);
            shownFor = null;
        }
        state.run("compare " + from + " " + to, /*i18n*/"hosts.error", comparison.get() != null, () -> {
            HostTopology a = backend.hostTopology(from);
            HostTopology b = backend.hostTopology(to);
            return backend.compareHosts(a, b, server);
        }, result -> {
            shownFor = asked;
            comparison.set(result);
        });
    }

    public BooleanBinding canCompare() {
        return source.isNotNull().and(destination.isNotNull()).and(state.busyProperty().not());
    }

    public ObservableList<String> hosts() {
        return hosts;
    }

    public ObjectProperty<String> sourceProperty() {
        return source;
    }

    public ObjectProperty<String> destinationProperty() {
        return destination;
    }

    public StringProperty serverIdProperty() {
        return serverId;
    }

    public ReadOnlyObjectProperty<HostComparison> comparisonProperty() {
        return comparison.getReadOnlyProperty();
    }

    public LoadState state() {
        return state;
    }
}
