package dev.migrationworkbench.triage;

import java.time.Instant;
import java.util.List;

/**
 * How far the drain of one source host is: its outgoing live migrations of the period by outcome,
 * the instances still on it, and when the drain ends.
 *
 * @param done            completed migrations off the host
 * @param running         migrations off the host in progress
 * @param failed          migrations that ended without moving the guest (failed, timed out, aborted)
 * @param instancesOnHost instances on the host now (null: not known)
 * @param left            instances on the host that are not migrating now (null: not known)
 * @param endsAt          when its last running migration is expected to switch over (null: none running,
 *                        or one that will never end or cannot be judged; see {@code blockedBy})
 * @param blockedBy       servers whose migration will not converge: the drain does not end while they run
 * @param unjudged        servers whose running migration could not be judged
 */
public record HostDrain(String host, int done, int running, int failed, Integer instancesOnHost, Integer left,
        Instant endsAt, List<String> blockedBy, List<String> unjudged) {

    public HostDrain {
        blockedBy = List.copyOf(blockedBy);
        unjudged = List.copyOf(unjudged);
    }

    /** The drain will not end by itself: some guest will not converge. */
    public boolean stuck() {
        return !blockedBy.isEmpty();
    }
}
