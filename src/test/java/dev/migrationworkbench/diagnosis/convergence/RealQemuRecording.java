package dev.migrationworkbench.diagnosis.convergence;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.migrationworkbench.model.ProgressSample;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * A real live migration recorded by the real-libvirt suite ({@code reallibvirt.RealLibvirtIT}):
 * QEMU 7.2 (TCG) under libvirt 9, guest dirtying {@code dirtyKibps} KiB/s of a {@code wssMib} MiB
 * working set, {@code virsh migrate --live --bandwidth bandwidthMib}, the probe agent's jobinfo every
 * second as samples, and what QEMU reported at the end ({@code virsh domjobinfo --completed}).
 *
 * @param pausedAtSeconds   libvirt job time at which the guest was paused (force-complete), or null
 * @param completionSeconds the completed job's "Time elapsed"
 * @param qemuDowntimeMs    the completed job's "Total downtime"
 */
public record RealQemuRecording(String name, int memoryMib, int wssMib, int dirtyKibps, int bandwidthMib,
        Instant startedAt, Double pausedAtSeconds, double completionSeconds, long qemuDowntimeMs,
        List<ProgressSample> samples) {

    static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(SerializationFeature.INDENT_OUTPUT);

    public void write(Path file) throws IOException {
        JSON.writeValue(file.toFile(), this);
    }

    public static RealQemuRecording read(InputStream in) throws IOException {
        return JSON.readValue(in, RealQemuRecording.class);
    }

    /** Nova's default [libvirt] settings, as the suite applied them. */
    public LiveMigrationSettings settings() {
        return LiveMigrationSettings.defaults();
    }

    /** The analysis the workbench would have made after {@code count} samples. */
    public ConvergenceAnalysis analyzeFirst(int count) {
        List<ProgressSample> seen = samples.subList(0, count);
        return new ConvergenceAnalyzer().analyze(seen, new ConvergenceAnalyzer.MigrationFacts("running", startedAt,
                memoryMib * 1024L * 1024L, 0, settings(), seen.get(count - 1).at()));
    }

    public static double elapsedSeconds(ProgressSample p) {
        return p.jobStats().elapsedMillis() / 1000.0;
    }
}
