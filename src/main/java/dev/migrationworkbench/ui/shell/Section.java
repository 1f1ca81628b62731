package dev.migrationworkbench.ui.shell;

/** The views the main window navigates between, in the order of the navigation bar. */
public enum Section {
    CONNECT,
    OVERVIEW,
    INSTANCES,
    MIGRATIONS,
    HOSTS,
    FINDINGS
}
