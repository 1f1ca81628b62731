package dev.migrationworkbench.ui;

/** Every FXML file of the workbench, in one place. */
public enum FxmlView {
    MAIN("shell/MainView.fxml"),
    PLACEHOLDER("shell/PlaceholderView.fxml"),
    MIGRATION_ACTION_WIZARD("wizard/MigrationActionWizardView.fxml");

    private final String path;

    FxmlView(String path) {
        this.path = path;
    }

    public String path() {
        return path;
    }
}
