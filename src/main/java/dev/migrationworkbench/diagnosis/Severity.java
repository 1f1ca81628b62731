package dev.migrationworkbench.diagnosis;

/** How bad a finding is, worst first. CRITICAL and HIGH are "high severity". */
public enum Severity {
    CRITICAL,
    HIGH,
    MEDIUM,
    LOW;

    public boolean isHigh() {
        return this == CRITICAL || this == HIGH;
    }
}
