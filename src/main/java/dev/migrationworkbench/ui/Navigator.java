package dev.migrationworkbench.ui;

import dev.migrationworkbench.model.Migration;

/** Moves between views with a subject: what the Instances view's context actions call. */
public interface Navigator {

    void diagnose(String serverId);

    void openMigration(Migration migration);

    void compareHosts(String serverId, String sourceHost, String destinationHost);
}
