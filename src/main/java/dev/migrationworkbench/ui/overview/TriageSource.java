package dev.migrationworkbench.ui.overview;

import dev.migrationworkbench.triage.Triage;
import java.time.Duration;

/** Where the Overview gets its triage: the service layer of the current connection. */
public interface TriageSource {

    /** A full triage: every live migration running or ended within {@code since}, each judged from one reading. */
    Triage triage(Duration since) throws Exception;

    /** The same triage with one new reading of each running migration. */
    Triage refresh(Triage previous) throws Exception;
}
