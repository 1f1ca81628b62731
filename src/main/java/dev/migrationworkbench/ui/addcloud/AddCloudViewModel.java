package dev.migrationworkbench.ui.addcloud;

import dev.migrationworkbench.model.CloudInfo;
import dev.migrationworkbench.service.CloudSetup;
import dev.migrationworkbench.ui.LoadState;
import dev.migrationworkbench.ui.UiExecutor;
import dev.migrationworkbench.ui.backend.Text;
import java.util.List;
import java.util.function.Consumer;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableMap;

/**
 * The add-cloud form: the clouds.yaml fields, the password and where it goes (the OS keyring, or
 * secure.yaml only when the user ticks it), a connection test, and saving. Problems are per field.
 */
public final class AddCloudViewModel {

    private final CloudSetup setup;
    private final LoadState state;
    private final Consumer<String> onSaved;
    private final StringProperty name = new SimpleStringProperty("");
    private final StringProperty authUrl = new SimpleStringProperty("");
    private final StringProperty projectName = new SimpleStringProperty("");
    private final StringProperty projectDomain = new SimpleStringProperty(CloudSetup.DEFAULT_DOMAIN);
    private final StringProperty username = new SimpleStringProperty("");
    private final StringProperty userDomain = new SimpleStringProperty(CloudSetup.DEFAULT_DOMAIN);
    private final StringProperty region = new SimpleStringProperty("");
    private final StringProperty endpointInterface = new SimpleStringProperty("public");
    private final StringProperty caCert = new SimpleStringProperty("");
    private final StringProperty password = new SimpleStringProperty("");
    private final BooleanProperty passwordInFile = new SimpleBooleanProperty(false);
    private final ReadOnlyObjectWrapper<CloudSetup.Keyring> keyring = new ReadOnlyObjectWrapper<>();
    private final ObservableMap<String, Text> problems = FXCollections.observableHashMap();
    private final ReadOnlyObjectWrapper<Text> outcome = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<CloudSetup.Saved> saved = new ReadOnlyObjectWrapper<>();

    /** @param onSaved told the name of the cloud once it is in clouds.yaml */
    public AddCloudViewModel(CloudSetup setup, UiExecutor executor, Consumer<String> onSaved) {
        this.setup = setup;
        this.state = new LoadState(executor);
        this.onSaved = onSaved;
    }

    /** Asks (in the background: D-Bus may be slow or absent) whether the OS keyring can be used. */
    public void checkKeyring() {
        state.run("check the OS keyring", /*i18n*/"addCloud.error.failed", false, setup::keyring, found -> {
            keyring.set(found);
            if (!found.available()) {
                passwordInFile.set(false); // the user must choose the file himself
            }
        });
    }

    /** Checks the fields; true when there is nothing to fix. */
    public boolean validate() {
        problems.clear();
        for (CloudSetup.Problem p : setup.check(form(), password.get())) {
            problems.putIfAbsent(p.field(), new Text(p.key(), p.args()));
        }
        return problems.isEmpty();
    }

    /** Authenticates with the form's values and reads Nova's versions; writes nothing. */
    public void test() {
        outcome.set(null);
        if (!validate()) {
            return;
        }
        CloudSetup.NewCloud form = form();
        String secret = password.get();
        state.run("test cloud " + form.name(), /*i18n*/"addCloud.error.test", false, () -> setup.test(form, secret),
                (CloudInfo info) -> outcome.set(Text.of("addCloud.test.ok", info.projectName() == null ? "—" : info.projectName(),
                        info.novaMaxVersion(), info.admin() ? 1 : 0)));
    }

    /** Writes clouds.yaml and stores the password where chosen; then the Connect view offers the cloud. */
    public void save() {
        outcome.set(null);
        if (!validate()) {
            return;
        }
        CloudSetup.PasswordStorage storage = passwordInFile.get() ? CloudSetup.PasswordStorage.SECURE_YAML
                : CloudSetup.PasswordStorage.KEYRING;
        if (storage == CloudSetup.PasswordStorage.KEYRING && !keyringAvailable()) {
            problems.put("password", Text.of("addCloud.error.noKeyring"));
            return;
        }
        CloudSetup.NewCloud form = form();
        String secret = password.get();
        state.run("add cloud " + form.name(), /*i18n*/"addCloud.error.save", false, () -> setup.save(form, secret, storage),
                done -> {
                    saved.set(done);
                    outcome.set(done.storage() == CloudSetup.PasswordStorage.KEYRING
                            ? Text.of("addCloud.saved.keyring", done.cloud(), done.cloudsFile().toString())
                            : Text.of("addCloud.saved.file", done.cloud(), done.cloudsFile().toString(), done.secureFile().toString()));
                    password.set("");
                    onSaved.accept(done.cloud());
                });
    }

    public boolean keyringAvailable() {
        return keyring.get() != null && keyring.get().available();
    }

    /** Saving needs the keyring, or the user's explicit choice of the file. */
    public BooleanBinding canSave() {
        return Bindings.createBooleanBinding(() -> !state.busyProperty().get() && saved.get() == null
                && (passwordInFile.get() || keyringAvailable()), state.busyProperty(), saved, passwordInFile, keyring);
    }

    /** Where the cloud will be written. */
    public String cloudsFile() {
        return setup.cloudsFile().toString();
    }

    public String secureFile() {
        return setup.secureFile().toString();
    }

    public List<String> interfaces() {
        return List.of("public", "internal", "admin");
    }

    private CloudSetup.NewCloud form() {
        return new CloudSetup.NewCloud(name.get(), authUrl.get(), projectName.get(), projectDomain.get(), username.get(),
                userDomain.get(), region.get(), endpointInterface.get(), caCert.get());
    }

    public StringProperty nameProperty() {
        return name;
    }

    public StringProperty authUrlProperty() {
        return authUrl;
    }

    public StringProperty projectNameProperty() {
        return projectName;
    }

    public StringProperty projectDomainProperty() {
        return projectDomain;
    }

    public StringProperty usernameProperty() {
        return username;
    }

    public StringProperty userDomainProperty() {
        return userDomain;
    }

    public StringProperty regionProperty() {
        return region;
    }

    public StringProperty endpointInterfaceProperty() {
        return endpointInterface;
    }

    public StringProperty caCertProperty() {
        return caCert;
    }

    public StringProperty passwordProperty() {
        return password;
    }

    public BooleanProperty passwordInFileProperty() {
        return passwordInFile;
    }

    public ReadOnlyObjectProperty<CloudSetup.Keyring> keyringProperty() {
        return keyring.getReadOnlyProperty();
    }

    public ObservableMap<String, Text> problems() {
        return problems;
    }

    public ReadOnlyObjectProperty<Text> outcomeProperty() {
        return outcome.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<CloudSetup.Saved> savedProperty() {
        return saved.getReadOnlyProperty();
    }

    public LoadState state() {
        return state;
    }
}
