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
        return new CommandLine(new MainCommand()).execute(args);
    }
}
