package dev.migrationworkbench.diagnosis;

/** An error text Nova recorded about the migration (event details or traceback, fault), with where it came from. */
public record FailureText(EvidenceItem evidence, String text) {
}
