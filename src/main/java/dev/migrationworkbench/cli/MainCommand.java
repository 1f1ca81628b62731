package dev.migrationworkbench.cli;

import dev.migrationworkbench.probe.agent.AgentCommand;
import dev.migrationworkbench.ui.WorkbenchApp;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The headless command line; without a subcommand the workbench window opens. */
@Command(name = "migration-workbench",
        scope = CommandLine.ScopeType.INHERIT, // subcommands share --version (diagnose --version)
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Diagnostics workbench for OpenStack Nova live migrations.%n"
                + "Without a subcommand, opens the workbench window.",
        subcommands = {CommandLine.HelpCommand.class, AgentCommand.class, ProbeCommand.class, DemoCloudCommand.class,
                DiagnoseCommand.class, TriageCommand.class, MigrationCommand.class})
public final class MainCommand implements Runnable {

    /**
     * The subcommands that answer {@code --version} (mixinStandardHelpOptions), by name: reading
     * their annotations instead would load picocli and every command class (MainCommandTest keeps
     * this list equal to the annotations).
     */
    static final Set<String> ANSWERING_VERSION = Set.of("agent", "probe", "demo-cloud", "diagnose", "triage", "migration");

    @Override
    public void run() {
        WorkbenchApp.launchWorkbench(new String[0]);
    }

    /** Runs the command line and returns the process exit code. */
    public static int run(String... args) {
        if (isVersionRequest(args)) {
            // answered without picocli (not even its jar is opened): docs/PERFORMANCE.md, "Start times"
            for (String line : versionLines()) {
                System.out.println(line);
            }
            return 0;
        }
        return new CommandLine(new MainCommand()).setExecutionExceptionHandler(MainCommand::unexpected).execute(args);
    }

    /**
     * The version text. No picocli type and no {@code +} on strings here: {@code --version} runs only
     * this, and the first string concatenation bootstraps the JVM's StringConcatFactory (~30 ms).
     */
    static String[] versionLines() {
        String version = MainCommand.class.getPackage().getImplementationVersion();
        return new String[] {
            "Migration Workbench ".concat(version == null ? "development build" : version),
            String.join("", "Java ", System.getProperty("java.version"), " (", System.getProperty("java.vendor"), ")")
        };
    }

    /** The last resort: a message and exit code 2, the stack trace only in the log, never exit 1 ("findings"). */
    static int unexpected(Exception e, CommandLine cli, CommandLine.ParseResult parsed) {
        org.slf4j.LoggerFactory.getLogger(MainCommand.class).error("{} failed", cli.getCommandName(), e);
        cli.getErr().println(cli.getCommandName() + ": unexpected error (" + e.getClass().getSimpleName()
                + (e.getMessage() == null ? "" : ": " + e.getMessage()) + "); the details are in the log.");
        cli.getErr().flush();
        return 2;
    }

    /** {@code --version} or {@code -V}, alone or after one subcommand's name ({@code diagnose --version}). */
    static boolean isVersionRequest(String[] args) {
        if (args.length == 0 || args.length > 2 || !(args[args.length - 1].equals("--version")
                || args[args.length - 1].equals("-V"))) {
            return false;
        }
        return args.length == 1 || ANSWERING_VERSION.contains(args[0]);
    }
}
