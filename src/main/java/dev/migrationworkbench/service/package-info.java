/**
 * The application service layer: the one path from a connection (a clouds.yaml cloud or the demo
 * cloud) to evidence, progress samples, analyses, host comparisons, actions and reports. The
 * window ({@code ui}) and the command line ({@code cli}) are thin adapters over it; it returns data
 * (model and diagnosis records), never display text.
 */
package dev.migrationworkbench.service;
