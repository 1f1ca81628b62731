package dev.migrationworkbench.diagnosis.rules;

import dev.migrationworkbench.diagnosis.DiagnosisContext;
import dev.migrationworkbench.diagnosis.FailureText;
import dev.migrationworkbench.diagnosis.FindingCode;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Nova's exceptions and message templates (nova/exception.py and the conductor/compute code, see
 * NOVA-API.md section e), each tied to the cause it reveals. The names match in tracebacks, the
 * templates in event details and faults, whatever the scenario or cloud.
 */
public enum NovaError {
    NO_VALID_HOST(FindingCode.SCHEDULER_NO_VALID_HOST, false,
            "NoValidHost", "No valid host was found"),
    /**
     * A scheduler refusal as a bare traceback, as an event shows it before 2.84 (no details):
     * conductor/tasks/live_migrate.py {@code _find_destination} calls {@code select_destinations}
     * and the scheduler's exception comes back through oslo.messaging's {@code raise result} with no
     * name or message in the trace (a messaging failure would instead end in the conductor's own
     * {@code raise exception.MigrationSchedulerRPCError} or in a timeout).
     */
    SCHEDULER_REFUSAL_TRACE(FindingCode.SCHEDULER_NO_VALID_HOST, false,
            "regex:(?s)in _find_destination\\b.*in select_destinations\\b.*\\n\\s*raise result\\s*$"),
    MAX_RETRIES(FindingCode.SCHEDULER_NO_VALID_HOST, false,
            "MaxRetriesExceeded", "Exceeded maximum number of retries", "Exceeded max scheduling retries"),
    SCHEDULER_RPC(FindingCode.SCHEDULER_NO_VALID_HOST, false,
            "MigrationSchedulerRPCError", "Migration select destinations error"),
    NOT_ENOUGH_CAPACITY(FindingCode.INSUFFICIENT_RESOURCES, false,
            "ComputeResourcesUnavailable", "Insufficient compute resources", "Lack of memory",
            "Disk of instance is too large", "not enough capacity on the host", "no allocation candidates"),
    GROUP_POLICY(FindingCode.SERVER_GROUP_POLICY_VIOLATION, false,
            "GroupAffinityViolation", "instance group policy was violated", "Failed to validate instance group policy"),
    SERVICE_UNAVAILABLE(FindingCode.COMPUTE_SERVICE_DOWN, false,
            "ComputeServiceUnavailable", "regex:Compute service of \\S+ is unavailable", "LiveMigrationNotSubmitted",
            "Instance found in migrating state during startup"),
    HOST_NOT_FOUND(FindingCode.DEST_HOST_UNAVAILABLE, false,
            "ComputeHostNotFound", "regex:Compute host \\S+ could not be found"),
    MIGRATE_TO_SELF(FindingCode.DEST_HOST_UNAVAILABLE, false,
            "UnableToMigrateToSelf", "to current host"),
    HYPERVISOR_INCOMPATIBLE(FindingCode.DEST_HOST_UNAVAILABLE, false,
            "InvalidHypervisorType", "DestinationHypervisorTooOld", "supplied hypervisor type of is invalid",
            "requires a newer hypervisor version", "InvalidCPUInfo", "Unacceptable CPU info",
            "CPU doesn't have compatibility"),
    STORAGE(FindingCode.DEST_HOST_UNAVAILABLE, false,
            "InvalidSharedStorage", "InvalidLocalStorage", "is not on shared storage", "is not on local storage"),
    HYPERVISOR_UNAVAILABLE(FindingCode.DEST_HOST_UNAVAILABLE, false,
            "HypervisorUnavailable", "Connection to the hypervisor is broken"),
    DEST_CHECK_FAILED(FindingCode.DEST_HOST_UNAVAILABLE, false,
            "Timeout while checking if we can live migrate", "Error while check_can_live_migrate",
            "Unable to force live migrate instance", "Unable to determine in which cell destination host"),
    OLD_COMPUTE(FindingCode.MIXED_RELEASES, false,
            "TooOldComputeService", "ServiceTooOld", "VTPMOldCompute", "ExtendedResourceRequestOldCompute",
            "does not support computes older than", "than the minimum", "Upgrade your nova-compute services",
            "Upgrade your compute services", "compute nodes older than",
            "source and destination nodes do not support the operation"),
    TASK_STATE_CONFLICT(FindingCode.CONCURRENT_OPERATION, false,
            "UnexpectedTaskStateError", "InstanceUpdateConflict", "UnknownInstanceUpdateConflict",
            "Conflict updating instance", "regex:in task_state (?!None)\\S+"),
    INSTANCE_GONE(FindingCode.INSTANCE_DELETED_DURING_MIGRATION, false,
            "InstanceNotFound", "UnexpectedDeletingTaskStateError", "regex:Instance \\S+ could not be found",
            "regex:Actual: .?deleting"),
    /** conductor/tasks/live_migrate.py _check_can_migrate_pci / _check_can_migrate_specific_resources, compute/api.py. */
    NOT_LIVE_MIGRATABLE(FindingCode.INSTANCE_NOT_LIVE_MIGRATABLE, false,
            "non-VIF related PCI requests for instance are not allowed for live migration",
            "Cannot live migrate VIF with related PCI", "Cannot live migrate with virtual persistent memory",
            "OperationNotSupportedForVTPM", "OperationNotSupportedForSEV", "OperationNotSupportedForVDPAInterface",
            "not supported for vTPM-enabled instance", "not supported for SEV-enabled instance",
            "not supported for instance with vDPA ports", "with mapped volumes. Selective block device"),
    VM_STATE_ERROR(FindingCode.INSTANCE_IN_ERROR_STATE, false,
            "regex:in vm_state error"),
    /** The generic wrapper: a pre-check refused the destination; only counts when nothing more specific matches. */
    PRE_CHECK(FindingCode.DEST_HOST_UNAVAILABLE, true,
            "MigrationPreCheckError", "Migration pre-check error");

    private final FindingCode code;
    private final boolean generic;
    private final List<Pattern> patterns;

    NovaError(FindingCode code, boolean generic, String... signatures) {
        this.code = code;
        this.generic = generic;
        this.patterns = java.util.Arrays.stream(signatures)
                .map(s -> s.startsWith("regex:") ? Pattern.compile(s.substring(6))
                        : Pattern.compile(Pattern.quote(s), Pattern.CASE_INSENSITIVE))
                .toList();
    }

    public FindingCode code() {
        return code;
    }

    public boolean matches(String text) {
        return text != null && patterns.stream().anyMatch(p -> p.matcher(text).find());
    }

    /** The specific errors in a text; the generic pre-check error only when nothing specific is there. */
    public static List<NovaError> in(String text) {
        List<NovaError> specific = java.util.Arrays.stream(values()).filter(e -> !e.generic && e.matches(text)).toList();
        if (!specific.isEmpty()) {
            return specific;
        }
        return PRE_CHECK.matches(text) ? List.of(PRE_CHECK) : List.of();
    }

    /** The failure texts of the focus migration that reveal one of the given errors. */
    public static List<FailureText> find(DiagnosisContext context, NovaError... errors) {
        List<NovaError> wanted = List.of(errors);
        return context.failureTexts().stream()
                .filter(t -> in(t.text()).stream().anyMatch(wanted::contains))
                .toList();
    }

    /** The failure texts that reveal any error tied to {@code code}. */
    public static List<FailureText> find(DiagnosisContext context, FindingCode code) {
        return context.failureTexts().stream()
                .filter(t -> in(t.text()).stream().anyMatch(e -> e.code == code))
                .toList();
    }
}
