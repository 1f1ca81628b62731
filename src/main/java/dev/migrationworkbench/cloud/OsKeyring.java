package dev.migrationworkbench.cloud;

import com.github.javakeyring.BackendNotSupportedException;
import com.github.javakeyring.Keyring;
import com.github.javakeyring.PasswordAccessException;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The operating system's keyring through java-keyring: the Secret Service (GNOME Keyring, KWallet's
 * bridge, KeePassXC) on Linux, the Credential Manager on Windows, the Keychain on macOS. Entries
 * are "migration-workbench clouds.yaml" / the cloud's name. Every call opens the keyring anew: a
 * desktop session's keyring daemon may start (or be unlocked) after the workbench did.
 */
public final class OsKeyring implements PasswordVault {

    /** The keyring entry's service (domain) name. */
    public static final String SERVICE = "migration-workbench clouds.yaml";
    private static final Logger LOG = LoggerFactory.getLogger(OsKeyring.class);

    @Override
    public Availability availability() {
        try (Keyring keyring = Keyring.create()) {
            return new Availability(true, keyring.getKeyringStorageType().name());
        } catch (BackendNotSupportedException e) {
            return new Availability(false, reason(e));
        } catch (Exception e) {
            return new Availability(false, reason(e));
        }
    }

    @Override
    public Optional<String> password(String cloud) {
        try (Keyring keyring = Keyring.create()) {
            String password = keyring.getPassword(SERVICE, cloud);
            return Optional.ofNullable(password == null || password.isEmpty() ? null : password);
        } catch (PasswordAccessException e) {
            return Optional.empty(); // no entry for this cloud
        } catch (Exception e) {
            LOG.warn("The OS keyring could not be read for cloud '{}': {}", cloud, reason(e));
            return Optional.empty();
        }
    }

    @Override
    public void store(String cloud, String password) {
        try (Keyring keyring = Keyring.create()) {
            keyring.setPassword(SERVICE, cloud, password);
        } catch (Exception e) {
            throw new CloudProfileException("The password of cloud '" + cloud + "' could not be stored in the OS keyring: "
                    + reason(e) + ". Unlock or start the keyring (e.g. GNOME Keyring, KWallet, KeePassXC's Secret Service) "
                    + "and try again, or choose to store it in secure.yaml.");
        }
    }

    /** The innermost message, without the stack: "no D-Bus session bus", "collection is locked", ... */
    private static String reason(Throwable e) {
        Throwable t = e;
        String message = null;
        while (t != null) {
            if (t.getMessage() != null && !t.getMessage().isBlank()) {
                message = t.getMessage();
            }
            t = t.getCause() == t ? null : t.getCause();
        }
        return message == null ? e.getClass().getSimpleName() : message.strip();
    }
}
