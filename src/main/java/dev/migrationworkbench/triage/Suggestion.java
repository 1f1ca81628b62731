package dev.migrationworkbench.triage;

/** What to do about one migration of a drain, each through the abort / force-complete wizard where it acts. */
public enum Suggestion {
    /** it converges (or is queued): wait */
    WAIT,
    /** it will not converge and force-complete would pause the guest too long: abort, retry in a quieter hour */
    ABORT_AND_RETRY_LATER,
    /** it will not converge and the pause force-complete costs is short (or post-copy): force-complete */
    FORCE_COMPLETE,
    /** it failed: fix its cause, then migrate again */
    FIX_CAUSE_AND_RETRY,
    /** it ended (completed, aborted) or cannot be judged: nothing to suggest */
    NONE;

    public String key() {
        return "triage.suggestion." + name();
    }
}
