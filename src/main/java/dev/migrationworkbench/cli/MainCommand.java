package dev.migrationworkbench.cli;

import dev.migrationworkbench.probe.agent.AgentCommand;
import dev.migrationworkbench.ui.WorkbenchApp;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The headless command line; without a subcommand the workbench window opens. */
@Command(name = "migration-workbench",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Diagnostics workbench for OpenStack Nova live migrations.%n"
                + "Without a subcommand, opens the workbench window.",
        subcommands = {CommandLine.HelpCommand.class, AgentCommand.class, ProbeCommand.class, DemoCloudCommand.class,
                DiagnoseCommand.class})
public final class MainCommand implements Runnable {

    @Override
    public void run() {
        WorkbenchApp.launchWorkbench(new String[0]);
    }

    /** Runs the command line and returns the process exit code. */
    public static int run(String... args) {
        return new CommandLine(new MainCommand()).setExecutionExceptionHandler(MainCommand::unexpected).execute(args);
    }

    /** The last resort: a message and exit code 2, the stack trace only in the log, never exit 1 ("findings"). */
    static int unexpected(Exception e, CommandLine cli, CommandLine.ParseResult parsed) {
        org.slf4j.LoggerFactory.getLogger(MainCommand.class).error("{} failed", cli.getCommandName(), e);
        cli.getErr().println(cli.getCommandName() + ": unexpected error (" + e.getClass().getSimpleName()
                + (e.getMessage() == null ? "" : ": " + e.getMessage()) + "); the details are in the log.");
        cli.getErr().flush();
        return 2;
    }
}
