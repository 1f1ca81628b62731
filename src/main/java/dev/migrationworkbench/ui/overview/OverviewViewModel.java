package dev.migrationworkbench.ui.overview;

import dev.migrationworkbench.triage.HostDrain;
import dev.migrationworkbench.triage.MigrationVerdict;
import dev.migrationworkbench.triage.Triage;
import dev.migrationworkbench.triage.Verdict;
import dev.migrationworkbench.ui.LoadState;
import dev.migrationworkbench.ui.Notifier;
import dev.migrationworkbench.ui.UiExecutor;
import dev.migrationworkbench.ui.backend.Text;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The Overview: every live migration of the cloud with its verdict, attention first; counts per
 * verdict and cause; each source host's drain. While live, it refreshes every running migration
 * on each {@link #tick()} (one reading each), never two refreshes at once, and backs off after a
 * failure. A migration whose verdict turns into one that needs attention raises one notification.
 */
public final class OverviewViewModel {

    /** What the period choice offers. */
    public static final List<Duration> PERIODS = List.of(Duration.ofHours(1), Duration.ofHours(6), Duration.ofHours(24),
            Duration.ofDays(7));
    private static final Set<Verdict> NOTIFY = Set.of(Verdict.NOT_CONVERGING, Verdict.FAILED, Verdict.TIMED_OUT);
    private static final int MAX_SKIPPED_TICKS = 12;
    /** Every this many ticks the refresh is a full triage (new migrations, the instances left on each host). */
    static final int FULL_EVERY = 12;

    private final TriageSource source;
    private final UiExecutor executor;
    private final Notifier notifier;
    private final LoadState state;
    private final ReadOnlyObjectWrapper<Triage> triage = new ReadOnlyObjectWrapper<>();
    private final ObservableList<MigrationVerdict> migrations = FXCollections.observableArrayList();
    private final ObservableList<HostDrain> drains = FXCollections.observableArrayList();
    private final ObjectProperty<Duration> since = new SimpleObjectProperty<>(Duration.ofHours(24));
    private final BooleanProperty live = new SimpleBooleanProperty(true);
    private final ObjectProperty<MigrationVerdict> selected = new SimpleObjectProperty<>();
    private final ObjectProperty<HostDrain> selectedDrain = new SimpleObjectProperty<>();
    private final Map<Long, Verdict> notified = new HashMap<>();
    private boolean inFlight;
    private int failures;
    private int skip;
    private int ticks;

    public OverviewViewModel(TriageSource source, UiExecutor executor, Notifier notifier) {
        this.source = source;
        this.executor = executor;
        this.notifier = notifier;
        this.state = new LoadState(executor);
        since.addListener((obs, old, now) -> refresh());
    }

    /** A full triage of the chosen period. */
    public void refresh() {
        if (inFlight) {
            return;
        }
        inFlight = true;
        Duration period = since.get();
        state.started();
        executor.submit("triage", () -> source.triage(period), this::show, this::failed);
    }

    /** One step of the live polling: a refresh of the running migrations, unless one is under way or backing off. */
    public void tick() {
        if (!live.get() || inFlight) {
            return;
        }
        if (skip > 0) {
            skip--;
            return;
        }
        Triage previous = triage.get();
        if (previous == null || ++ticks % FULL_EVERY == 0) {
            refresh();
            return;
        }
        if (previous.running().isEmpty()) {
            return;
        }
        inFlight = true;
        executor.submit("triage refresh", () -> source.refresh(previous), this::show, this::failed);
    }

    /** Forgets the cloud's triage (disconnected, or another cloud). */
    public void clear() {
        triage.set(null);
        migrations.clear();
        drains.clear();
        notified.clear();
        selected.set(null);
        selectedDrain.set(null);
        state.clear();
    }

    private void show(Triage t) {
        inFlight = false;
        failures = 0;
        state.finished();
        state.clear();
        if (!t.unseen().isEmpty()) {
            // what could not be read is said, with its calls and errors; never a picture that looks complete
            state.partial(Text.of(/*i18n*/"overview.unseen", String.join("; ", t.unseen())));
            state.setRetry(this::refresh);
        }
        Triage before = triage.get();
        MigrationVerdict wasSelected = selected.get();
        HostDrain wasDrain = selectedDrain.get();
        triage.set(t);
        migrations.setAll(t.migrations());
        drains.setAll(t.drains());
        if (wasSelected != null) {
            selected.set(t.migrations().stream().filter(v -> v.migration().id() == wasSelected.migration().id())
                    .findFirst().orElse(null));
        }
        if (wasDrain != null) {
            selectedDrain.set(t.drain(wasDrain.host()).orElse(null));
        }
        for (MigrationVerdict v : t.migrations()) {
            Verdict last = notified.put(v.migration().id(), v.verdict());
            // a first triage only states what is; a change seen while watching is news
            if (before != null && last != v.verdict() && NOTIFY.contains(v.verdict())) {
                notifier.notify(Notifier.migration(v.migration().id()),
                        v.verdict() == Verdict.NOT_CONVERGING ? Notifier.NOT_CONVERGING : Notifier.ENDED,
                        Text.of(v.verdict().key()), Text.of("overview.notify.body",
                        v.serverName() == null ? v.serverId() : v.serverName(), v.migration().id(),
                        v.cause() == null ? v.migration().status() : v.cause().name()), true);
            }
        }
    }

    private void failed(Throwable error) {
        inFlight = false;
        failures++;
        skip = Math.min(MAX_SKIPPED_TICKS, 1 << Math.min(failures, 4)) - 1;
        state.fail("overview.error", error, triage.get() != null);
        state.setRetry(this::refresh);
    }

    public ReadOnlyObjectProperty<Triage> triageProperty() {
        return triage.getReadOnlyProperty();
    }

    public ObservableList<MigrationVerdict> migrations() {
        return migrations;
    }

    public ObservableList<HostDrain> drains() {
        return drains;
    }

    public ObjectProperty<Duration> sinceProperty() {
        return since;
    }

    public BooleanProperty liveProperty() {
        return live;
    }

    public ObjectProperty<MigrationVerdict> selectedProperty() {
        return selected;
    }

    public ObjectProperty<HostDrain> selectedDrainProperty() {
        return selectedDrain;
    }

    /** The running migrations of the selected drain's host, for its combined chart and suggestions. */
    public List<MigrationVerdict> drainMigrations(HostDrain drain) {
        return drain == null ? List.of() : migrations.stream()
                .filter(v -> drain.host().equals(v.migration().sourceCompute())).toList();
    }

    public LoadState state() {
        return state;
    }
}
