package dev.migrationworkbench.diagnosis;

import java.time.Instant;

/**
 * One fact a finding rests on, verbatim: where it was read ({@code source}: the API call or the
 * probe endpoint, e.g. {@code GET /os-services}), which field, which value, and when it was
 * recorded when known. Facts are not translated.
 */
public record EvidenceItem(Kind kind, String source, String field, String value, Instant at) {

    public enum Kind {
        /** a field of a Nova API response */
        API_FIELD,
        /** an instance-action event (its result, details or traceback) */
        EVENT,
        /** an error message Nova recorded (fault, event details) */
        MESSAGE,
        /** a value reported by a host probe agent */
        HOST_PROBE,
        /** an API call that failed while the evidence was collected */
        CALL_FAILURE,
        /** a figure derived from several facts (rates, estimates) */
        DERIVED,
        /** a line of a log file read offline, verbatim; the source names the archive, file and line */
        LOG_LINE
    }

    public static EvidenceItem field(String source, String field, Object value) {
        return new EvidenceItem(Kind.API_FIELD, source, field, String.valueOf(value), null);
    }

    public static EvidenceItem probe(String host, String field, Object value) {
        return new EvidenceItem(Kind.HOST_PROBE, "probe agent " + host, field, String.valueOf(value), null);
    }

    public static EvidenceItem derived(String field, Object value) {
        return new EvidenceItem(Kind.DERIVED, "diagnosis", field, String.valueOf(value), null);
    }
}
