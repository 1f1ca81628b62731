package dev.migrationworkbench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;

class MainCommandTest {

    @Test
    void versionAndHelpWorkHeadless() {
        StringWriter out = new StringWriter();
        CommandLine cli = new CommandLine(new MainCommand()).setOut(new PrintWriter(out));
        assertThat(cli.execute("--version")).isZero();
        assertThat(out.toString()).contains("Migration Workbench").contains("Java 17");

        out.getBuffer().setLength(0);
        assertThat(cli.execute("--help")).isZero();
        assertThat(out.toString()).contains("Usage: migration-workbench");
    }

    @Test
    void everySubcommandAnswersVersionLikePicocliWould() {
        for (String sub : new String[] {"diagnose", "agent", "probe", "demo-cloud", "triage", "migration"}) {
            StringWriter out = new StringWriter();
            CommandLine cli = new CommandLine(new MainCommand()).setOut(new PrintWriter(out));
            assertThat(cli.execute(sub, "--version")).as(sub).isZero();
            assertThat(out.toString()).as(sub).contains("Migration Workbench");
            assertThat(MainCommand.isVersionRequest(new String[] {sub, "--version"})).as(sub).isTrue();
        }
        assertThat(MainCommand.isVersionRequest(new String[] {"-V"})).isTrue();
        Set<String> answering = new HashSet<>();
        for (Class<?> sub : MainCommand.class.getAnnotation(Command.class).subcommands()) {
            Command command = sub.getAnnotation(Command.class);
            if (command.mixinStandardHelpOptions()) {
                answering.add(command.name());
            }
        }
        assertThat(MainCommand.ANSWERING_VERSION).isEqualTo(answering);
        assertThat(MainCommand.isVersionRequest(new String[] {"no-such-command", "--version"})).isFalse();
        assertThat(MainCommand.isVersionRequest(new String[] {"diagnose", "--server", "--version"})).isFalse();
        assertThat(MainCommand.isVersionRequest(new String[] {"diagnose"})).isFalse();
    }

    @Test
    void unknownOptionIsAUsageError() {
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new MainCommand()).setErr(new PrintWriter(err));
        assertThat(cli.execute("--no-such-option")).isEqualTo(2);
        assertThat(err.toString()).contains("--no-such-option");
    }
}
