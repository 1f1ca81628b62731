package dev.migrationworkbench.ui.connect;

import dev.migrationworkbench.model.CloudInfo;
import dev.migrationworkbench.ui.LoadState;
import dev.migrationworkbench.ui.UiExecutor;
import dev.migrationworkbench.ui.backend.ConnectTarget;
import dev.migrationworkbench.ui.backend.WorkbenchBackend;
import java.util.List;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * Which cloud to connect to (a clouds.yaml cloud, or the demo cloud with a scenario) and what the
 * connection found. The choices are {@link ConnectTarget}s: clouds, then one demo target per scenario.
 */
public final class ConnectViewModel {

    /** The "cloud" choice that stands for the embedded demo cloud. */
    public static final String DEMO = "demo";
    public static final String DEFAULT_SCENARIO = "demo";

    private final WorkbenchBackend backend;
    private final LoadState state;
    private final ObservableList<String> clouds = FXCollections.observableArrayList();
    private final ObservableList<String> scenarios = FXCollections.observableArrayList();
    private final ObjectProperty<String> cloud = new SimpleObjectProperty<>();
    private final ObjectProperty<String> scenario = new SimpleObjectProperty<>();
    private final ReadOnlyObjectWrapper<CloudInfo> connected = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<ConnectTarget> connectedTarget = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyBooleanWrapper noCloud = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper configProblem = new ReadOnlyStringWrapper();
    private final ObservableList<String> searchPlaces = FXCollections.observableArrayList();

    public ConnectViewModel(WorkbenchBackend backend, UiExecutor executor) {
        this.backend = backend;
        this.state = new LoadState(executor);
        reload();
    }

    /**
     * Reads the clouds again (after one was added): clouds.yaml's, then the demo cloud. A clouds.yaml
     * that cannot be read leaves only the demo cloud and says why ({@link #configProblemProperty()}).
     */
    public void reload() {
        List<ConnectTarget> targets;
        try {
            targets = backend.targets();
            configProblem.set(null);
        } catch (RuntimeException e) {
            targets = backend.demoTargets();
            configProblem.set(e.getMessage());
        }
        String previous = cloud.get();
        clouds.setAll(DEMO);
        scenarios.clear();
        targets.stream().filter(t -> !t.isDemo()).map(ConnectTarget::name).forEach(clouds::add);
        targets.stream().filter(ConnectTarget::isDemo).map(ConnectTarget::scenario).forEach(scenarios::add);
        cloud.set(previous != null && clouds.contains(previous) && !DEMO.equals(previous) ? previous
                : clouds.size() > 1 ? clouds.get(1) : DEMO);
        if (scenario.get() == null || !scenarios.contains(scenario.get())) {
            scenario.set(scenarios.contains(DEFAULT_SCENARIO) ? DEFAULT_SCENARIO : scenarios.isEmpty() ? null : scenarios.get(0));
        }
        searchPlaces.setAll(backend.cloudSearchPlaces());
        noCloud.set(clouds.size() == 1);
    }

    /**
     * True when clouds.yaml (and the OS_* variables) name no cloud: the window then says so and
     * offers the demo cloud and the form that adds a cloud, rather than falling back silently.
     */
    public boolean onlyDemo() {
        return noCloud.get();
    }

    public ReadOnlyBooleanProperty noCloudProperty() {
        return noCloud.getReadOnlyProperty();
    }

    /** Why clouds.yaml could not be read (what and where), or null. */
    public ReadOnlyStringProperty configProblemProperty() {
        return configProblem.getReadOnlyProperty();
    }

    /** Where clouds.yaml was looked for, in the openstack client's order. */
    public ObservableList<String> searchPlaces() {
        return searchPlaces;
    }

    /** The user chose the embedded demo cloud (its default scenario unless one is chosen). */
    public void useDemo() {
        cloud.set(DEMO);
        connect();
    }

    /** A cloud was just added to clouds.yaml: offer it, selected. */
    public void added(String name) {
        reload();
        if (clouds.contains(name)) {
            cloud.set(name);
        }
    }

    public void connect() {
        ConnectTarget target = DEMO.equals(cloud.get()) ? ConnectTarget.demo(scenario.get()) : ConnectTarget.cloud(cloud.get());
        state.run("connect " + target, /*i18n*/"connect.error", connected.get() != null, () -> backend.connect(target), info -> {
            connectedTarget.set(target);
            connected.set(null); // a reconnect to an identical cloud still tells every listener
            connected.set(info);
        });
    }

    public BooleanBinding demoSelected() {
        return Bindings.equal(DEMO, cloud);
    }

    public ObservableList<String> clouds() {
        return clouds;
    }

    public ObservableList<String> scenarios() {
        return scenarios;
    }

    public ObjectProperty<String> cloudProperty() {
        return cloud;
    }

    public ObjectProperty<String> scenarioProperty() {
        return scenario;
    }

    public ReadOnlyObjectProperty<CloudInfo> connectedProperty() {
        return connected.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<ConnectTarget> connectedTargetProperty() {
        return connectedTarget.getReadOnlyProperty();
    }

    public LoadState state() {
        return state;
    }
}
