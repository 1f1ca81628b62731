/**
 * The diagnosis engine: pure functions from an {@link dev.migrationworkbench.model.Evidence}
 * snapshot to {@link dev.migrationworkbench.diagnosis.Finding findings}. Findings carry stable
 * message keys and arguments, never text; the UI, the command line and the report resolve them
 * through the one message bundle. No I/O, no JavaFX, no i18n here.
 */
package dev.migrationworkbench.diagnosis;
