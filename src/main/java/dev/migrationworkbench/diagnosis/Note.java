package dev.migrationworkbench.diagnosis;

/**
 * Something the diagnosis could not check, and why (no probe agent, microversion too old, a call
 * refused by policy). {@code code} is the finding the missing evidence would have decided, or null
 * when it concerns several.
 */
public record Note(FindingCode code, TextRef text) {
}
