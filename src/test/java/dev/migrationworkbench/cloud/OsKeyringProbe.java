package dev.migrationworkbench.cloud;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Run by {@link OsKeyringTest} in a child JVM inside a private D-Bus session with a Secret Service
 * (gnome-keyring): stores a cloud's password through {@link OsKeyring}, then loads the cloud from a
 * clouds.yaml without a password, as a connect does. Prints what it found.
 */
public final class OsKeyringProbe {

    private OsKeyringProbe() {
    }

    public static void main(String[] args) throws Exception {
        OsKeyring keyring = new OsKeyring();
        System.out.println("available=" + keyring.availability().available() + " detail=" + keyring.availability().detail());
        keyring.store("lab", args[0]);
        System.out.println("read=" + keyring.password("lab").orElse("<none>"));
        Path dir = Files.createTempDirectory("keyring-probe");
        Files.writeString(dir.resolve("clouds.yaml"), "clouds:\n  lab:\n    auth:\n      auth_url: https://keystone.example:5000/v3\n"
                + "      username: support\n      project_name: ops\n");
        CloudProfile profile = new CloudProfiles(Map.of(), List.of(dir), keyring).load("lab");
        System.out.println("profile=" + (args[0].equals(profile.password()) ? "password from the keyring" : "WRONG"));
    }
}
