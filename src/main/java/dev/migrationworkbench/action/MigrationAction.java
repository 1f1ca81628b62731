package dev.migrationworkbench.action;

/** The two remedies of the guide for a stuck live migration. */
public enum MigrationAction {
    /** {@code openstack server migration abort}: the guest keeps running on the source, no interruption. */
    ABORT,
    /** {@code openstack server migration force complete}: the guest is paused (or switched to post-copy) so the copy can finish. */
    FORCE_COMPLETE;

    /** The equivalent command of the real client, for the audit log and for users who prefer the CLI. */
    public String cliCommand(String serverId, long migrationId) {
        return switch (this) {
            case ABORT -> "openstack --os-compute-api-version 2.24 server migration abort " + serverId + " " + migrationId;
            case FORCE_COMPLETE -> "openstack --os-compute-api-version 2.22 server migration force complete " + serverId + " " + migrationId;
        };
    }
}
