package dev.migrationworkbench.cloud;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** An in-memory stand-in for the OS keyring, for tests of what uses it (the real one: OsKeyringIT, where a Secret Service runs). */
public final class MemoryVault implements PasswordVault {

    public final Map<String, String> entries = new HashMap<>();
    /** Behaves like a machine without a keyring daemon. */
    public boolean refuse;

    @Override
    public Availability availability() {
        return new Availability(!refuse, refuse ? "no D-Bus session bus" : "MEMORY");
    }

    @Override
    public Optional<String> password(String cloud) {
        return Optional.ofNullable(entries.get(cloud));
    }

    @Override
    public void store(String cloud, String password) {
        if (refuse) {
            throw new CloudProfileException("The password of cloud '" + cloud + "' could not be stored in the OS keyring.");
        }
        entries.put(cloud, password);
    }
}
