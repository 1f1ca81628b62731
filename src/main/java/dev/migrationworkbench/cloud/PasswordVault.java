package dev.migrationworkbench.cloud;

import java.util.Optional;

/**
 * Where a cloud's password is kept when it is in neither clouds.yaml, secure.yaml nor {@code OS_PASSWORD}:
 * the operating system's keyring ({@link OsKeyring}). One entry per clouds.yaml cloud name.
 */
public interface PasswordVault {

    /** Whether the keyring can be used here, and if not, why (for the add-cloud form). */
    record Availability(boolean available, String detail) {
    }

    Availability availability();

    /** The password stored for {@code cloud}, if any; empty when the vault is unavailable. */
    Optional<String> password(String cloud);

    /** Stores (or replaces) the password of {@code cloud}; a {@link CloudProfileException} says why it could not. */
    void store(String cloud, String password);

    /** No keyring (tests, and profiles that must not reach for one). */
    PasswordVault NONE = new PasswordVault() {
        @Override
        public Availability availability() {
            return new Availability(false, "no keyring in use");
        }

        @Override
        public Optional<String> password(String cloud) {
            return Optional.empty();
        }

        @Override
        public void store(String cloud, String password) {
            throw new CloudProfileException("No keyring is available to store the password of cloud '" + cloud + "'.");
        }
    };
}
