package dev.migrationworkbench.democloud;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.StringReader;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Malformed scenarios fail with every problem named by file, line and field. */
class ScenarioValidationTest {

    private static ScenarioException load(String yaml) {
        return catchThrowableOfType(ScenarioException.class,
                () -> ScenarioLoader.load(new StringReader(yaml), "bad.yaml", Instant.EPOCH, 1));
    }

    @Test
    void unknownReferencesAndBadValuesNameTheirLineAndField() {
        ScenarioException e = load("""
                name: bad
                hosts:
                  - name: compute-0
                    migration_bandwidth_mbps: fast
                    numa:
                      - {node: 0, cpus: "0-x"}
                flavors:
                  - {name: m1.small, ram_mb: 2048}
                servers:
                  - {name: vm-1, flavor: m1.big, host: compute-0}
                  - {name: vm-2, flavor: m1.small, host: compute-9, colour: blue}
                timeline:
                  - {at: soon, live_migrate: {server: vm-1}}
                  - {at: 5s, teleport: {server: vm-1}}
                """);
        assertThat(e).isNotNull();
        List<String> problems = e.problems().stream().map(ScenarioException.Problem::toString).toList();
        assertThat(problems).anySatisfy(p -> assertThat(p).startsWith("bad.yaml:4: hosts[0].migration_bandwidth_mbps: "
                + "expected a whole number, found 'fast'"));
        assertThat(problems).anySatisfy(p -> assertThat(p).startsWith("bad.yaml:6: hosts[0].numa[0].cpus: '0-x' is not a CPU list"));
        assertThat(problems).anySatisfy(p -> assertThat(p).isEqualTo(
                "bad.yaml:10: servers[0].flavor: unknown flavor 'm1.big'; expected one of [m1.small]"));
        assertThat(problems).anySatisfy(p -> assertThat(p).isEqualTo(
                "bad.yaml:11: servers[1].host: unknown host 'compute-9'; expected one of [compute-0]"));
        assertThat(problems).anySatisfy(p -> assertThat(p).startsWith("bad.yaml:11: servers[1].colour: unknown field"));
    }

    @Test
    void timelineProblemsAreReportedToo() {
        ScenarioException e = load("""
                name: bad-timeline
                hosts: [{name: compute-0}]
                flavors: [{name: m1.small}]
                servers: [{name: vm-1, flavor: m1.small, host: compute-0}]
                timeline:
                  - {at: soon, live_migrate: {server: vm-1}}
                  - {at: 5s, teleport: {server: vm-1}}
                  - {at: 6s, live_migrate: {server: vm-9, dest: compute-3}}
                """);
        String text = e.getMessage();
        assertThat(text).contains("bad.yaml:6: timeline[0].at: expected a time like 45s");
        assertThat(text).contains("bad.yaml:7: timeline[1]: expected exactly one of");
        assertThat(text).contains("bad.yaml:8: timeline[2].live_migrate.server: unknown server 'vm-9'");
        assertThat(text).contains("bad.yaml:8: timeline[2].live_migrate.dest: unknown host 'compute-3'");
    }

    @Test
    void brokenYamlAndUnknownBuiltInsSayWhatToDo() {
        assertThat(load("name: [unclosed\nhosts: x").getMessage()).startsWith("bad.yaml:").contains("not valid YAML");
        assertThatThrownBy(() -> DemoCloud.start(DemoCloudOptions.defaults().withScenario("no-such-scenario")))
                .isInstanceOf(ScenarioException.class).hasMessageContaining("no built-in scenario of this name");
        assertThat(load("hosts: []\n").getMessage()).contains("name: missing");
    }

    /**
     * A pool of ten million servers (or ten billion, beyond an int) and a CPU list up to two
     * billion are refused by line and field before anything is generated; before, the JVM died of
     * OutOfMemoryError (the test would then fail with it, not hang: the heap of the test JVM).
     */
    @Test
    void anEnormousServerPoolOrCpuListIsRefusedNotAnOutOfMemoryError() {
        for (String count : new String[] {"10000000", "10000000000", "2147483648"}) {
            ScenarioException e = load("""
                    name: huge
                    hosts: [{name: compute-0}]
                    flavors: [{name: m1.small}]
                    servers: [{name: vm-1, flavor: m1.small, host: compute-0}]
                    server_pools:
                      - {name_prefix: web-, count: %s, flavors: [m1.small]}
                    """.formatted(count));
            assertThat(e).as(count).isNotNull();
            assertThat(e.getMessage()).contains("bad.yaml:6: server_pools[0].count: a scenario holds at most 50000 servers")
                    .contains("it would hold " + (1 + Long.parseLong(count)));
        }
        ScenarioException two = load("""
                name: two-pools
                hosts: [{name: compute-0}]
                flavors: [{name: m1.small}]
                server_pools:
                  - {name_prefix: a-, count: 30000, flavors: [m1.small]}
                  - {name_prefix: b-, count: 30000, flavors: [m1.small]}
                """);
        assertThat(two.getMessage()).contains("server_pools[1].count").contains("it would hold 60000")
                .doesNotContain("server_pools[0].count");
        ScenarioException cpus = load("""
                name: cpus
                hosts:
                  - name: compute-0
                    numa: [{node: 0, cpus: "0-2000000000"}]
                flavors: [{name: m1.small}]
                """);
        assertThat(cpus.getMessage()).contains("bad.yaml:4: hosts[0].numa[0].cpus: '0-2000000000' names a CPU above 16383");
    }

    @Test
    void fiftyThousandServersLoad() throws Exception {
        Scenario s = ScenarioLoader.load(new StringReader("""
                name: big
                hosts: [{name: compute-0}, {name: compute-1}]
                flavors: [{name: m1.small}]
                server_pools:
                  - {name_prefix: web-, count: 50000, flavors: [m1.small]}
                """), "big.yaml", Instant.EPOCH, 1);
        assertThat(s.world().servers).hasSize(50_000);
    }
}
