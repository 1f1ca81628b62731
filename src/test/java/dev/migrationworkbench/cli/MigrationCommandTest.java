package dev.migrationworkbench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.migrationworkbench.action.AuditLog;
import dev.migrationworkbench.cloud.CloudProfiles;
import dev.migrationworkbench.config.AppDirs;
import dev.migrationworkbench.service.Connector;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code migration abort|force-complete} on the demo cloud over HTTP: confirmation, refusal, audit log, following. */
class MigrationCommandTest {

    @TempDir
    Path tmp;

    private record Run(int exit, String out, String err) {
    }

    private Run run(String answer, String... args) {
        Connector connector = new Connector(new CloudProfiles(Map.of(), List.of()), AppDirs.under(tmp));
        byte[] typed = answer.getBytes(StandardCharsets.UTF_8);
        CommandLine cli = new CommandLine(new MigrationCommand(), new CommandLine.IFactory() {
            @Override
            @SuppressWarnings("unchecked")
            public <K> K create(Class<K> cls) throws Exception {
                if (cls == MigrationCommand.Abort.class) {
                    return (K) new MigrationCommand.Abort(connector, new ByteArrayInputStream(typed));
                }
                if (cls == MigrationCommand.ForceComplete.class) {
                    return (K) new MigrationCommand.ForceComplete(connector, new ByteArrayInputStream(typed));
                }
                return CommandLine.defaultFactory().create(cls);
            }
        });
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        int exit = cli.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    private List<AuditLog.Entry> audit() {
        return new AuditLog(AppDirs.under(tmp).data()).read();
    }

    @Test
    void abortAfterConfirmationEndsCancelledWithRequestAndOutcomeInTheAuditLog() {
        Run r = run("yes\n", "abort", "--demo", "migration-not-converging", "--server", "db-1", "--case", "C-1", "--lang", "en");
        assertThat(r.exit()).as(r.out() + r.err()).isZero();
        assertThat(r.out()).contains("No interruption", "server migration abort", "Type yes", "ended with status cancelled");
        assertThat(audit()).extracting(AuditLog.Entry::phase).containsExactly("requested", "accepted", "outcome");
        assertThat(audit().get(2).detail()).isEqualTo("cancelled");
        assertThat(audit()).allSatisfy(e -> assertThat(e.ticket()).isEqualTo("C-1"));
    }

    @Test
    void forceCompleteShowsTheExpectedPauseAndEndsCompleted() {
        Run r = run("", "force-complete", "--demo", "migration-not-converging", "--server", "db-1", "--case", "C-2",
                "--yes", "--lang", "en");
        assertThat(r.exit()).as(r.out() + r.err()).isZero();
        assertThat(r.out()).containsPattern("a downtime of about [0-9.]+ s").contains("ended with status completed")
                .doesNotContain("Type yes");
        assertThat(audit()).extracting(AuditLog.Entry::phase).containsExactly("requested", "accepted", "outcome");
    }

    @Test
    void notConfirmedSendsNothing() {
        Run r = run("no\n", "abort", "--demo", "migration-not-converging", "--server", "db-1", "--case", "C-3", "--lang", "en");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains("nothing was sent");
        assertThat(audit()).isEmpty();
    }

    @Test
    void anEndedMigrationIsRefusedWithTheReasonAndNothingIsSent() {
        Run r = run("", "abort", "--demo", "--server", "web-002", "--migration", "5", "--case", "C-4", "--yes", "--lang", "en");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains("no longer in progress", "task_state is", "Nothing was sent");
        assertThat(audit()).isEmpty();
        Run noCase = run("", "abort", "--demo", "--server", "web-002", "--case", " ", "--yes");
        assertThat(noCase.exit()).isEqualTo(2);
        assertThat(noCase.err()).contains("--case needs");
    }

    @Test
    void aHostileServerNameReachesTheTerminalAsCodePoints() throws Exception {
        Path scenario = TriageCommandTest.hostileScenario(tmp);
        Run r = run("no\n", "abort", "--demo", scenario.toString(), "--server", "db\u001b]0;owned\u0007-1", "--case", "C-9",
                "--lang", "en");
        assertThat(r.out()).as(r.err()).contains("db[U+001B]]0;owned[U+0007]-1").doesNotContain("\u001b", "\u0007");
        assertThat(r.err()).doesNotContain("\u001b", "\u0007");
    }
}
