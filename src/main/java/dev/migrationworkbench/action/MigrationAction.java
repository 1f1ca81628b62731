package dev.migrationworkbench.action;

/** The two remedies of the guide for a stuck live migration. */
public enum MigrationAction {
    /** {@code openstack server migration abort}: the guest keeps running on the source, no interruption. */
    ABORT,
    /** {@code openstack server migration force complete}: the guest is paused (or switched to post-copy) so the copy can finish. */
    FORCE_COMPLETE;

    /** The equivalent command of the real client for a running migration. */
    public String cliCommand(String serverId, long migrationId) {
        return cliCommand(serverId, migrationId, "running");
    }

    /**
     * The equivalent command of the real client, for the audit log and for users who prefer the CLI:
     * aborting a queued or preparing migration needs 2.65 (nova/compute/api.py live_migrate_abort,
     * support_abort_in_queue), a running one 2.24.
     */
    public String cliCommand(String serverId, long migrationId, String status) {
        boolean queued = "queued".equals(status) || "preparing".equals(status);
        return switch (this) {
            case ABORT -> "openstack --os-compute-api-version " + (queued ? "2.65" : "2.24") + " server migration abort "
                    + serverId + " " + migrationId;
            case FORCE_COMPLETE -> "openstack --os-compute-api-version 2.22 server migration force complete " + serverId + " " + migrationId;
        };
    }
}
