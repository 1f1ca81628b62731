package dev.migrationworkbench.diagnosis.rules;

import java.util.regex.Pattern;

/**
 * The exact {@code openstack} commands the remediations give, with IDs filled in. The compute
 * microversion flag is included where the client needs it (it defaults to 2.1 and refuses
 * {@code migration abort} below 2.24 and {@code force complete} below 2.22).
 */
public final class Commands {

    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9_.:@%+=/,-]+");

    private Commands() {
    }

    public static String migrationList(String server) {
        return "openstack server migration list --server " + quote(server);
    }

    public static String migrationShow(String server, String migrationId) {
        return "openstack --os-compute-api-version 2.24 server migration show " + quote(server) + " " + quote(migrationId);
    }

    /**
     * Abort: 2.24 for a running migration; a queued or preparing one needs 2.65
     * (nova/compute/api.py live_migrate_abort, support_abort_in_queue).
     */
    public static String abort(String server, String migrationId, String status) {
        String version = "queued".equals(status) || "preparing".equals(status) ? "2.65" : "2.24";
        return "openstack --os-compute-api-version " + version + " server migration abort " + quote(server) + " "
                + quote(migrationId);
    }

    public static String forceComplete(String server, String migrationId) {
        return "openstack --os-compute-api-version 2.22 server migration force complete " + quote(server) + " "
                + quote(migrationId);
    }

    public static String eventList(String server) {
        return "openstack server event list " + quote(server);
    }

    public static String eventShow(String server, String requestId) {
        return "openstack --os-compute-api-version 2.84 server event show " + quote(server) + " "
                + quote(requestId == null ? "<request-id>" : requestId);
    }

    public static String serverShow(String server) {
        return "openstack server show " + quote(server);
    }

    public static String serverSearch(String nameOrId) {
        return "openstack server list --all-projects --name " + quote(nameOrId);
    }

    public static String resetStateActive(String server) {
        return "openstack server set --state active " + quote(server);
    }

    public static String liveMigrate(String server, String host) {
        return host == null
                ? "openstack server migrate --live-migration " + quote(server)
                : "openstack --os-compute-api-version 2.30 server migrate --live-migration --host " + quote(host) + " "
                        + quote(server);
    }

    public static String serviceList(String host) {
        return "openstack compute service list --service nova-compute --host " + quote(host);
    }

    public static String serviceEnable(String host) {
        return "openstack compute service set --enable " + quote(host) + " nova-compute";
    }

    public static String serviceUp(String host) {
        return "openstack --os-compute-api-version 2.11 compute service set --up " + quote(host) + " nova-compute";
    }

    public static String hypervisorShow(String host) {
        return "openstack hypervisor show " + quote(host);
    }

    public static String hypervisorList() {
        return "openstack hypervisor list --long";
    }

    public static String serverGroupShow(String group) {
        return "openstack server group show " + quote(group);
    }

    public static String flavorShow(String flavor) {
        return "openstack flavor show " + quote(flavor);
    }

    /** Single-quotes a value for a POSIX shell unless it is plainly safe. */
    static String quote(String value) {
        if (value == null || value.isEmpty()) {
            return "''";
        }
        return SAFE.matcher(value).matches() || value.startsWith("<") && value.endsWith(">") ? value
                : "'" + value.replace("'", "'\\''") + "'";
    }
}
