/**
 * Immutable records of everything the workbench reasons about, in its own terms (never a library's
 * types). Fields a cloud may not report (old microversion, policy, no agent) are {@code null};
 * lists are never null.
 */
package dev.migrationworkbench.model;
