package dev.migrationworkbench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

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
    void unknownOptionIsAUsageError() {
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new MainCommand()).setErr(new PrintWriter(err));
        assertThat(cli.execute("--no-such-option")).isEqualTo(2);
        assertThat(err.toString()).contains("--no-such-option");
    }
}
