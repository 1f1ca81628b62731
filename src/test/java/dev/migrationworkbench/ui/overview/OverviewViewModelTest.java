package dev.migrationworkbench.ui.overview;

import static org.assertj.core.api.Assertions.assertThat;

import dev.migrationworkbench.cloud.CloudProfiles;
import dev.migrationworkbench.config.AppDirs;
import dev.migrationworkbench.service.CloudConnection;
import dev.migrationworkbench.service.Connector;
import dev.migrationworkbench.service.SamplingPolicy;
import dev.migrationworkbench.service.TriageService;
import dev.migrationworkbench.triage.Triage;
import dev.migrationworkbench.triage.Verdict;
import dev.migrationworkbench.ui.SynchronousUiExecutor;
import dev.migrationworkbench.ui.backend.Text;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Overview's state on a real triage of the demo cloud: order, selection, live refreshes, back-off, notifications. */
class OverviewViewModelTest {

    @TempDir
    Path home;

    @Test
    void showsTheTriageKeepsTheSelectionAndRefreshesOnlyTheRunningOnes() throws Exception {
        try (CloudConnection c = new Connector(new CloudProfiles(Map.of(), List.of()), AppDirs.under(home))
                .demoOnVirtualClock("demo", Duration.ofMinutes(3))) {
            TriageService service = new TriageService(c);
            AtomicInteger full = new AtomicInteger();
            AtomicInteger refreshes = new AtomicInteger();
            List<Text> notified = new ArrayList<>();
            OverviewViewModel vm = new OverviewViewModel(new TriageSource() {
                @Override
                public Triage triage(Duration since) throws Exception {
                    full.incrementAndGet();
                    return service.triage(since, null, SamplingPolicy.none());
                }

                @Override
                public Triage refresh(Triage previous) throws Exception {
                    refreshes.incrementAndGet();
                    c.pacer().await(SamplingPolicy.INTERVAL);
                    return service.refresh(previous);
                }
            }, new SynchronousUiExecutor(), (subject, change, title, body, problem) -> notified.add(title));

            vm.refresh();
            assertThat(vm.migrations()).hasSize(8);
            assertThat(vm.migrations().get(0).verdict()).isIn(Verdict.NOT_CONVERGING, Verdict.FAILED);
            assertThat(notified).as("a first triage states what is, it does not notify").isEmpty();
            assertThat(vm.drains()).isNotEmpty();
            vm.selectedProperty().set(vm.migrations().get(3));
            long selectedId = vm.selectedProperty().get().migration().id();

            vm.tick();
            assertThat(refreshes).hasValue(1);
            assertThat(full).hasValue(1);
            assertThat(vm.selectedProperty().get().migration().id()).as("the selection survives a refresh").isEqualTo(selectedId);

            vm.liveProperty().set(false);
            vm.tick();
            assertThat(refreshes).hasValue(1);
        }
    }

    @Test
    void aRefreshThatCouldNotReadEverythingSaysWhatAndClearsOnceItCan() {
        String call = "GET /servers/s-1/migrations/7: The cloud answered with an internal error (HTTP 503)";
        List<List<String>> unseen = new ArrayList<>(List.of(List.of(), List.of(call), List.of()));
        OverviewViewModel vm = new OverviewViewModel(new TriageSource() {
            @Override
            public Triage triage(Duration since) {
                return Triage.of(java.time.Instant.now(), since, null, List.of(), Map.of(), unseen.remove(0));
            }

            @Override
            public Triage refresh(Triage previous) {
                return triage(previous.since());
            }
        }, new SynchronousUiExecutor(), (subject, change, title, body, problem) -> { });
        vm.refresh();
        assertThat(vm.state().problemProperty().get()).isNull();
        vm.refresh();
        Text problem = vm.state().problemProperty().get();
        assertThat(problem).as("a triage that could not read a migration says so").isNotNull();
        java.util.ResourceBundle english = java.util.ResourceBundle.getBundle("i18n.messages", java.util.Locale.ENGLISH);
        assertThat(problem.resolve(english)).startsWith("Not everything could be read").contains(call);
        assertThat(problem.resolve(java.util.ResourceBundle.getBundle("i18n.messages", java.util.Locale.JAPANESE)))
                .startsWith("一部を読み取れませんでした").contains(call);
        assertThat(vm.state().staleProperty().get()).as("what was read is fresh").isFalse();
        vm.refresh();
        assertThat(vm.state().problemProperty().get()).as("read again").isNull();
    }

    @Test
    void aFailingRefreshBacksOffAndKeepsTheDataStale() {
        AtomicInteger calls = new AtomicInteger();
        OverviewViewModel vm = new OverviewViewModel(new TriageSource() {
            @Override
            public Triage triage(Duration since) {
                calls.incrementAndGet();
                throw new IllegalStateException("cloud gone");
            }

            @Override
            public Triage refresh(Triage previous) {
                throw new IllegalStateException("cloud gone");
            }
        }, new SynchronousUiExecutor(), (subject, change, title, body, problem) -> { });
        vm.tick();
        assertThat(calls).hasValue(1);
        assertThat(vm.state().problemProperty().get()).isNotNull();
        vm.tick();
        assertThat(calls).as("backs off after a failure").hasValue(1);
        vm.tick();
        vm.tick();
        assertThat(calls.get()).isGreaterThan(1);
    }
}
