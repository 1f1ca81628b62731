package dev.migrationworkbench.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.migrationworkbench.model.Migration;
import dev.migrationworkbench.monitor.MigrationMonitor;
import dev.migrationworkbench.ui.backend.ConvergenceEstimate;
import dev.migrationworkbench.ui.backend.FindingItem;
import dev.migrationworkbench.ui.backend.HostComparison;
import dev.migrationworkbench.ui.backend.Text;
import dev.migrationworkbench.ui.connect.ConnectViewModel;
import dev.migrationworkbench.ui.findings.FindingsViewModel;
import dev.migrationworkbench.ui.hosts.HostsViewModel;
import dev.migrationworkbench.ui.instances.InstancesViewModel;
import dev.migrationworkbench.ui.instances.ServerRow;
import dev.migrationworkbench.ui.migrations.MigrationsViewModel;
import dev.migrationworkbench.ui.migrations.WatchedMigration;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.ResourceBundle;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** The view models without the toolkit, on the hand-written in-memory backend and a synchronous executor. */
class ViewModelTest {

    private final SynchronousUiExecutor executor = new SynchronousUiExecutor();
    private final List<String> navigation = new ArrayList<>();
    private final Navigator navigator = new Navigator() {
        @Override
        public void diagnose(String serverId) {
            navigation.add("diagnose " + serverId);
        }

        @Override
        public void openMigration(Migration migration) {
            navigation.add("migration " + migration.id());
        }

        @Override
        public void compareHosts(String serverId, String source, String destination) {
            navigation.add("compare " + source + " " + destination);
        }
    };

    @Test
    void instancesLoadEveryPageAndFilter() {
        InMemoryBackend backend = new InMemoryBackend(2500);
        InstancesViewModel vm = new InstancesViewModel(backend, executor, navigator);
        vm.refresh();
        assertThat(vm.rows()).hasSize(2500);
        assertThat(backend.serverCalls).hasValue(3);
        assertThat(vm.loadedProperty().get()).isEqualTo(2500);
        assertThat(vm.state().busyProperty().get()).isFalse();

        vm.filterProperty().set("VM-24");
        assertThat(vm.filteredRows()).extracting(r -> r.server().name())
                .contains("vm-24", "vm-240", "vm-2499").allMatch(n -> n.startsWith("vm-24"));
        vm.filterProperty().set("error");
        assertThat(vm.filteredRows()).hasSize(51)
                .allMatch(r -> r.server().status().equals("ERROR") || r.migrationStatus().equals("error"));
        vm.filterProperty().set("");
        assertThat(vm.filteredRows()).hasSize(2500);

        ServerRow migrating = vm.rows().get(1);
        assertThat(migrating.migrationStatus()).isEqualTo("running");
        assertThat(vm.rows().get(0).pinned()).isTrue();
        vm.openMigration(migrating);
        vm.compareHosts(migrating);
        vm.diagnose(vm.rows().get(7));
        assertThat(navigation).containsExactly("migration 1", "compare compute-1 compute-2", "diagnose " + vm.rows().get(7).server().id());
    }

    @Test
    void failedRefreshKeepsTheOldRowsAsStaleAndRetryRecovers() {
        InMemoryBackend backend = new InMemoryBackend(10);
        InstancesViewModel vm = new InstancesViewModel(backend, executor, navigator);
        vm.refresh();
        backend.failing = true;
        vm.refresh();
        assertThat(vm.rows()).hasSize(10);
        assertThat(vm.state().staleProperty().get()).isTrue();
        Text problem = vm.state().problemProperty().get();
        assertThat(problem.key()).isEqualTo("instances.error");
        assertThat(problem.resolve(ResourceBundle.getBundle("i18n.messages", Locale.ENGLISH))).contains("injected failure");

        backend.failing = false;
        vm.state().retry();
        assertThat(vm.state().problemProperty().get()).isNull();
        assertThat(vm.state().staleProperty().get()).isFalse();
        assertThat(vm.rows()).hasSize(10);
    }

    @Test
    void firstLoadFailureIsAnErrorWithoutStaleData() {
        InMemoryBackend backend = new InMemoryBackend(10);
        backend.failing = true;
        InstancesViewModel vm = new InstancesViewModel(backend, executor, navigator);
        vm.refresh();
        assertThat(vm.rows()).isEmpty();
        assertThat(vm.state().problemProperty().get()).isNotNull();
        assertThat(vm.state().staleProperty().get()).isFalse();
    }

    @Test
    void connectOffersTheDemoCloudAndShowsWhatItFound() {
        InMemoryBackend backend = new InMemoryBackend(1);
        ConnectViewModel vm = new ConnectViewModel(backend, executor);
        assertThat(vm.onlyDemo()).isTrue();
        assertThat(vm.cloudProperty().get()).isEqualTo(ConnectViewModel.DEMO);
        assertThat(vm.scenarios()).containsExactly("demo", "stuck-dirty-rate");
        assertThat(vm.scenarioProperty().get()).isEqualTo("demo");
        vm.connect();
        assertThat(vm.connectedProperty().get().novaMaxVersion()).isEqualTo("2.96");
        assertThat(vm.connectedTargetProperty().get().isDemo()).isTrue();
    }

    @Test
    void watchedMigrationGainsSamplesAndNotifiesOnCompletion() throws Exception {
        InMemoryBackend backend = new InMemoryBackend(5);
        List<String> notified = new ArrayList<>();
        try (MigrationMonitor monitor = new MigrationMonitor(backend::migration, Duration.ofMillis(5), Duration.ofMillis(50), 2)) {
            MigrationsViewModel vm = new MigrationsViewModel(backend, executor, monitor,
                    (subject, change, title, message, problem) -> notified.add(title.key()));
            vm.refresh();
            assertThat(vm.migrations()).hasSize(2);
            WatchedMigration watch = vm.watch(vm.migrations().get(0));
            assertThat(vm.watch(vm.migrations().get(0))).isSameAs(watch);
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            // the monitor thread sets the reading, then the estimate, notifies, and replaces the row last
            while (!"completed".equals(vm.migrations().get(0).status()) && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            assertThat(watch.migrationProperty().get().status()).isEqualTo("completed");
            assertThat(watch.samples()).hasSizeGreaterThanOrEqualTo(9);
            assertThat(watch.estimateProperty().get().verdict()).isEqualTo(ConvergenceEstimate.Verdict.ENDED);
            assertThat(notified).containsExactly("migrations.notify.completed.title");
            assertThat(monitor.isWatching(1)).isFalse();
            assertThat(vm.migrations().get(0).status()).isEqualTo("completed");
            vm.unwatch(watch);
            assertThat(vm.watched()).isEmpty();
        }
    }

    @Test
    void findingsSortWorstFirst() {
        InMemoryBackend backend = new InMemoryBackend(5);
        FindingsViewModel vm = new FindingsViewModel(backend, executor);
        vm.diagnose("vm-3");
        assertThat(vm.evidenceProperty().get().server().name()).isEqualTo("vm-3");
        assertThat(vm.findings()).extracting(FindingItem::severity)
                .containsExactly(FindingItem.Severity.CRITICAL, FindingItem.Severity.LOW);
    }

    @Test
    void aFailedComparisonOfOtherHostsNeverShowsTheDiffOfThePreviousPair() {
        InMemoryBackend backend = new InMemoryBackend(5);
        HostsViewModel vm = new HostsViewModel(backend, executor);
        vm.compare("x", "compute-1", "compute-2");
        assertThat(vm.comparisonProperty().get()).isNotNull();
        backend.failing = true;
        vm.compare("x", "compute-1", "compute-2");
        assertThat(vm.comparisonProperty().get()).as("the same pair again: kept, marked stale").isNotNull();
        assertThat(vm.state().staleProperty().get()).isTrue();
        vm.compare("x", "compute-1", "compute-3");
        // before: compute-1 against compute-2 stayed on screen under the pickers saying compute-3
        assertThat(vm.comparisonProperty().get()).as("another pair that could not be compared").isNull();
        assertThat(vm.state().problemProperty().get()).isNotNull();
        assertThat(vm.state().staleProperty().get()).isFalse();
        backend.failing = false;
        vm.state().retry();
        assertThat(vm.comparisonProperty().get().destination().host()).isEqualTo("compute-3");
    }

    @Test
    void hostsCompareMarksTheProblem() {
        InMemoryBackend backend = new InMemoryBackend(5);
        HostsViewModel vm = new HostsViewModel(backend, executor);
        vm.loadHosts();
        assertThat(vm.sourceProperty().get()).isEqualTo("compute-0");
        assertThat(vm.destinationProperty().get()).isEqualTo("compute-1");
        vm.compare("x", "compute-1", "compute-2");
        assertThat(vm.comparisonProperty().get().rows()).extracting(HostComparison.Row::difference)
                .contains(HostComparison.Difference.PROBLEM);
    }
}
