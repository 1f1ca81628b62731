package dev.migrationworkbench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.migrationworkbench.cloud.CloudProfiles;
import dev.migrationworkbench.config.AppDirs;
import dev.migrationworkbench.democloud.DemoCloud;
import dev.migrationworkbench.democloud.DemoCloudOptions;
import dev.migrationworkbench.democloud.Fault;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code diagnose} against a demo cloud that misbehaves, over a clouds.yaml as a user would run it:
 * a failed call is never a finding, and a cloud whose compute calls all fail is "inconclusive"
 * (exit 4), never "no problem found".
 */
class DiagnoseFaultsTest {

    @TempDir
    Path tmp;

    private DemoCloud demo;
    private CloudProfiles profiles;

    private record Run(int exit, String out, String err) {
    }

    @BeforeEach
    void start() throws Exception {
        use("migration-not-converging");
    }

    private void use(String scenario) throws Exception {
        demo = DemoCloud.start(DemoCloudOptions.defaults().withScenario(scenario).withSpeed(0));
        demo.clock().advance(Duration.ofMinutes(3));
        Path clouds = Files.writeString(tmp.resolve("clouds.yaml"), "clouds:\n  demo:\n    auth:\n"
                + "      auth_url: " + demo.authUrl() + "\n      username: " + demo.username() + "\n"
                + "      password: " + demo.password() + "\n      project_name: " + demo.projectName() + "\n"
                + "      user_domain_name: Default\n      project_domain_name: Default\n    region_name: "
                + demo.regionName() + "\n");
        profiles = new CloudProfiles(Map.of("OS_CLIENT_CONFIG_FILE", clouds.toString()), List.of());
    }

    @AfterEach
    void stop() {
        demo.close();
    }

    private Run diagnose(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new DiagnoseCommand(new dev.migrationworkbench.service.Connector(profiles, AppDirs.under(tmp))));
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        // the demo clock is frozen here: judge from what one collection sees, do not sample
        List<String> all = new java.util.ArrayList<>(List.of("--os-cloud", "demo", "--lang", "en", "--no-watch"));
        all.addAll(List.of(args));
        return new Run(cli.execute(all.toArray(String[]::new)), out.toString(), err.toString());
    }

    @Test
    void withoutFaultsOneSampleOfTheRunningMigrationIsNoFindingButNeverNoProblem() {
        Run r = diagnose("--server", demo.serverId("db-1"));
        assertThat(r.exit()).as(r.out() + r.err()).isEqualTo(4);
        assertThat(r.out()).contains("Inconclusive").doesNotContain("No problem found").doesNotContain("[HIGH]");
    }

    @Test
    void anErrorOnTheServerOfARunningMigrationIsNotADeletedInstance() {
        String id = demo.serverId("db-1");
        for (int status : new int[] {500, 503}) {
            demo.faults().clear();
            demo.faults().add(Fault.status(status).onPaths("/compute/v2\\.1/(\\w+/)?servers/" + id));
            Run r = diagnose("--server", id);
            assertThat(r.out()).as("HTTP " + status + "\n" + r.out() + r.err())
                    .doesNotContain("INSTANCE_DELETED_DURING_MIGRATION", "INSTANCE_NOT_FOUND")
                    .contains("could not be checked");
            assertThat(r.exit()).isIn(1, 4);
        }
    }

    @Test
    void aSearchThatFailsIsInconclusiveNotANotFoundInstance() {
        for (Fault fault : List.of(Fault.dropConnection(), Fault.reset(), Fault.malformedBody(), Fault.status(500))) {
            demo.faults().clear();
            demo.faults().add(fault.onPaths("/compute/v2\\.1/(\\w+/)?servers/detail"));
            Run r = diagnose("--server", "db-1");
            assertThat(r.out()).as(fault + "\n" + r.out() + r.err()).doesNotContain("INSTANCE_NOT_FOUND")
                    .contains("Inconclusive");
            assertThat(r.exit()).as(fault.toString()).isEqualTo(4);
        }
    }

    @Test
    void aCloudWhoseComputeCallsAllFailIsInconclusiveNeverHealthy() {
        for (Fault fault : List.of(Fault.status(500), Fault.status(503), Fault.status(403), Fault.status(401),
                Fault.rateLimited(Duration.ofSeconds(1)), Fault.malformedBody(), Fault.dropConnection(), Fault.reset(),
                Fault.endlessBody(), Fault.gzipBomb())) {
            demo.faults().clear();
            demo.faults().add(fault);
            Run r = diagnose("--server", demo.serverId("db-1"));
            assertThat(r.exit()).as(fault + "\n" + r.out() + r.err()).isEqualTo(4);
            assertThat(r.out()).contains("Inconclusive").doesNotContain("No problem found");
        }
    }

    @Test
    void aMigrationThatDoesNotExistIsAClearErrorNotNoProblem() {
        Run r = diagnose("--server", "db-1", "--migration", "12345");
        assertThat(r.exit()).as(r.out() + r.err()).isEqualTo(2);
        assertThat(r.err()).contains("Migration 12345 is not a migration of server");
        assertThat(r.out()).doesNotContain("No problem found");
    }

    /**
     * Recovery: a cloud that fails in each way and then stops failing gives, to the same command,
     * the same verdict as before the fault (instance-in-error-state: a finding, exit 1); during the
     * fault, never a finding that is not there, and exit 3 or 4.
     */
    @Test
    void whenTheFaultEndsTheSameCommandGivesTheRightVerdictAgain() throws Exception {
        demo.close();
        use("instance-in-error-state");
        Run baseline = diagnose("--server", "web-1");
        assertThat(baseline.exit()).as(baseline.out() + baseline.err()).isEqualTo(1);
        java.util.regex.Pattern finding = java.util.regex.Pattern.compile("\\[(HIGH|MEDIUM|LOW)\\][^\\n]*");
        List<String> findings = finding.matcher(baseline.out()).results().map(m -> m.group()).toList();
        assertThat(findings).isNotEmpty();
        Map<String, Runnable> faults = new java.util.LinkedHashMap<>();
        faults.put("500", () -> demo.faults().add(Fault.status(500)));
        faults.put("503", () -> demo.faults().add(Fault.status(503)));
        faults.put("429", () -> demo.faults().add(Fault.rateLimited(Duration.ofSeconds(1))));
        faults.put("closed", () -> demo.faults().add(Fault.dropConnection()));
        faults.put("reset", () -> demo.faults().add(Fault.reset()));
        faults.put("malformed", () -> demo.faults().add(Fault.malformedBody()));
        faults.put("truncated", () -> demo.faults().add(Fault.truncatedBody()));
        faults.put("token expiry, Keystone 503", () -> {
            demo.faults().add(Fault.status(503).onPaths("/identity/.*"));
            demo.faults().expireTokens();
        });
        faults.put("cloud gone", () -> demo.faults().add(Fault.dropConnection().onPaths(".*")));
        for (var fault : faults.entrySet()) {
            fault.getValue().run();
            Run during = diagnose("--server", "web-1");
            assertThat(during.exit()).as(fault.getKey() + "\n" + during.out() + during.err()).isIn(3, 4);
            assertThat(finding.matcher(during.out()).results().map(m -> m.group()).toList())
                    .as(fault.getKey()).isSubsetOf(findings);
            demo.faults().clear();
            Run after = diagnose("--server", "web-1");
            assertThat(after.exit()).as("after " + fault.getKey() + "\n" + after.out() + after.err()).isEqualTo(1);
            assertThat(finding.matcher(after.out()).results().map(m -> m.group()).toList()).isEqualTo(findings);
        }
    }

    /**
     * A failed migration whose cause (here a server-group policy) cannot be read because the calls
     * that show it fail is not "failed for another reason": that would tell the user no known cause
     * applies. It is a note naming the calls, and the diagnosis is inconclusive (exit 4).
     */
    @Test
    void aFailedMigrationWhoseCauseCannotBeReadIsNotFailedForAnotherReason() throws Exception {
        demo.close();
        use("server-group-policy-violation");
        Run baseline = diagnose("--server", "db-1");
        assertThat(baseline.exit()).as(baseline.out() + baseline.err()).isEqualTo(1);
        assertThat(baseline.out()).contains("SERVER_GROUP_POLICY_VIOLATION").doesNotContain("MIGRATION_FAILED_OTHER");
        String id = demo.serverId("db-1");
        Map<String, String> paths = new java.util.LinkedHashMap<>();
        paths.put("server groups", "/compute/v2\\.1/(\\w+/)?os-server-groups");
        paths.put("hypervisors", "/compute/v2\\.1/(\\w+/)?os-hypervisors.*");
        paths.put("instance actions", "/compute/v2\\.1/(\\w+/)?servers/" + id + "/os-instance-actions.*");
        paths.put("every call on the server", "/compute/v2\\.1/(\\w+/)?servers/" + id + ".*");
        for (var path : paths.entrySet()) {
            demo.faults().clear();
            demo.faults().add(Fault.status(500).onPaths(path.getValue()));
            Run r = diagnose("--server", "db-1");
            String what = path.getKey() + "\n" + r.out() + r.err();
            assertThat(r.out()).as(what).doesNotContain("MIGRATION_FAILED_OTHER").doesNotContain("No problem found");
            if (!r.out().contains("SERVER_GROUP_POLICY_VIOLATION")) {
                assertThat(r.exit()).as(what).isEqualTo(4);
                assertThat(r.out()).as(what).contains("but why could not be checked");
            }
        }
    }
}
