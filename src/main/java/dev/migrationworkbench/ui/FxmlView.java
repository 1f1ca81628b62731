package dev.migrationworkbench.ui;

/** Every FXML file of the workbench, in one place. */
public enum FxmlView {
    MAIN("shell/MainView.fxml"),
    CONNECT("connect/ConnectView.fxml"),
    OVERVIEW("overview/OverviewView.fxml"),
    INSTANCES("instances/InstancesView.fxml"),
    MIGRATIONS("migrations/MigrationsView.fxml"),
    HOSTS("hosts/HostsView.fxml"),
    FINDINGS("findings/FindingsView.fxml"),
    MIGRATION_ACTION_WIZARD("wizard/MigrationActionWizardView.fxml"),
    ADD_CLOUD("addcloud/AddCloudView.fxml");

    private final String path;

    FxmlView(String path) {
        this.path = path;
    }

    public String path() {
        return path;
    }
}
