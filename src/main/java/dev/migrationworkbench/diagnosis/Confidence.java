package dev.migrationworkbench.diagnosis;

/**
 * How sure a rule is. HIGH: Nova's own exception or a state field says so. MEDIUM: inferred from
 * state that usually explains it. LOW: a plausible reading of partial evidence.
 */
public enum Confidence {
    HIGH,
    MEDIUM,
    LOW
}
