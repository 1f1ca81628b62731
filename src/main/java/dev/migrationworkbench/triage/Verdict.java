package dev.migrationworkbench.triage;

/**
 * What a live migration of the triage amounts to, in the order an incident needs them: the
 * declaration order is the attention order (stuck and failed first, finished last).
 */
public enum Verdict {
    /** running, but the guest dirties memory faster than it is copied: it ends only by timeout, abort or force-complete */
    NOT_CONVERGING,
    /** ended in {@code error} / {@code failed}; the cause is the diagnosis' first failure code */
    FAILED,
    /** cancelled by Nova's completion timeout ({@code live_migration_timeout_action = abort}): the rules' MIGRATION_TIMED_OUT */
    TIMED_OUT,
    /** running, but no verdict could be reached (too few samples, no progress reported) */
    INCONCLUSIVE,
    /** running and converging, slowly (a later downtime step, a long ETA) */
    SLOW,
    /** accepted, queued or preparing: no memory copied yet */
    QUEUED,
    /** running and converging (or in post-copy, which always completes) */
    CONVERGING,
    /** cancelled by an abort (the rules' MIGRATION_ABORTED, or cancelled without a timeout finding) */
    ABORTED,
    /** completed: the guest runs on the destination */
    COMPLETED;

    /** A verdict someone must look at now. */
    public boolean needsAttention() {
        return this == NOT_CONVERGING || this == FAILED || this == TIMED_OUT || this == INCONCLUSIVE || this == SLOW;
    }

    public boolean inProgress() {
        return this == NOT_CONVERGING || this == INCONCLUSIVE || this == SLOW || this == QUEUED || this == CONVERGING;
    }

    /** Ended without moving the guest. */
    public boolean endedWithoutMoving() {
        return this == FAILED || this == TIMED_OUT || this == ABORTED;
    }

    /** The message key of its name. */
    public String key() {
        return "triage.verdict." + name();
    }
}
