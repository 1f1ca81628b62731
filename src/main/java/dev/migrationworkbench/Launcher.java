package dev.migrationworkbench;

import dev.migrationworkbench.cli.MainCommand;
import dev.migrationworkbench.config.AppDirs;
import dev.migrationworkbench.ui.WorkbenchApp;

/**
 * Entry point. Deliberately not the {@code Application} subclass: starting JavaFX from a plain
 * main class is what lets the classpath jar and jpackage images run without the module path.
 */
public final class Launcher {
    private Launcher() {
    }

    public static void main(String[] args) {
        ClassDataArchive.makeAfterExitIfUnused();
        if (System.getProperty("mw.log.dir") == null) {
            // read by LogConfigurator, so it must be set before the first logger is created
            System.setProperty("mw.log.dir", AppDirs.forCurrentUser().logs().toString());
        }
        if (args.length == 0) {
            WorkbenchApp.launchWorkbench(args);
            return;
        }
        System.exit(MainCommand.run(args));
    }
}
