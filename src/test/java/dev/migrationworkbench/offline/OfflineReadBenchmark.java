package dev.migrationworkbench.offline;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Reads big offline inputs as the workbench does and prints the figures for docs/PERFORMANCE.md:
 * wall time, throughput, peak heap, how many progress updates a progress bar got, what was found.
 * Not a test (no timing is asserted anywhere). Run with a bounded heap, e.g.
 * {@code java -Xmx256m -cp target/classes:target/test-classes:target/lib/* dev.migrationworkbench.offline.OfflineReadBenchmark /tmp/big/nova-compute.log}.
 */
public final class OfflineReadBenchmark {

    private OfflineReadBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        List<Path> inputs = java.util.Arrays.stream(args).map(Path::of).toList();
        long bytes = 0;
        for (Path p : inputs) {
            bytes += Files.size(p);
        }
        int[] updates = {0};
        double[] last = {0};
        long start = System.nanoTime();
        OfflineCase c = new OfflineEvidenceReader().read(inputs, (fraction, what) -> {
            updates[0]++;
            if (fraction - last[0] >= 0.1) {
                last[0] = fraction;
                System.out.printf(Locale.ROOT, "  %3.0f%%  %.1f s%n", fraction * 100, (System.nanoTime() - start) / 1e9);
            }
        });
        double seconds = (System.nanoTime() - start) / 1e9;
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        long lines = c.inputs().stream().mapToLong(OfflineCase.Input::logLines).sum();
        System.out.printf(Locale.ROOT, "input %.2f GB, %d lines, read in %.1f s (%.0f MB/s, %.0f k lines/s)%n",
                bytes / 1e9, lines, seconds, bytes / 1e6 / seconds, lines / 1e3 / seconds);
        System.out.printf(Locale.ROOT, "max heap %d MB, peak heap used (sum of pools' peaks) %d MB, progress updates %d%n",
                Runtime.getRuntime().maxMemory() / 1048576, peak / 1048576, updates[0]);
        System.out.printf(Locale.ROOT, "migrations found %d, hosts %d%n", c.migrations().size(), c.hosts().size());
    }
}
