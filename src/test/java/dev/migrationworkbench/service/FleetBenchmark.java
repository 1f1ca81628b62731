package dev.migrationworkbench.service;

import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.migrationworkbench.action.AuditLog;
import dev.migrationworkbench.cloud.CloudProfile;
import dev.migrationworkbench.cloud.NovaGateway;
import dev.migrationworkbench.cloud.OpenStackNovaGateway;
import dev.migrationworkbench.democloud.DemoCloud;
import dev.migrationworkbench.democloud.DemoCloudOptions;
import dev.migrationworkbench.probe.client.CertificatePins;
import dev.migrationworkbench.probe.client.ProbeClient;
import dev.migrationworkbench.probe.client.ProbeSettings;
import dev.migrationworkbench.triage.MigrationVerdict;
import dev.migrationworkbench.triage.Triage;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fleet-scale benchmark of docs/PERFORMANCE.md: the demo cloud scaled to 1,000 hosts, 10,000
 * servers and 200 concurrent live migrations ({@link FleetScenario}), triaged and refreshed over
 * HTTP, an hour of watching on the virtual clock, and the {@code openstack} client doing the same
 * job. Figures are printed, never asserted. Run:
 * {@code ./mvnw test -Dtest=FleetBenchmark -Dfleet.benchmark=true}
 * ({@code -Dfleet.benchmark.hour=false} skips the hour, {@code -Dfleet.benchmark.only=hour} runs only the hour,
 * {@code -Dfleet.benchmark.client=false} skips the client).
 */
@EnabledIfSystemProperty(named = "fleet.benchmark", matches = "true")
class FleetBenchmark {

    private static final Duration SETTLE = Duration.ofSeconds(180);

    @TempDir
    Path tmp;

    /** The same outside Maven (e.g. while the build lock is held): java -cp test-classes:classes:deps ...FleetBenchmark */
    public static void main(String[] args) throws Exception {
        FleetBenchmark benchmark = new FleetBenchmark();
        benchmark.tmp = Files.createTempDirectory("fleet-benchmark");
        benchmark.fleet();
    }

    @Test
    void fleet() throws Exception {
        if ("hour".equals(System.getProperty("fleet.benchmark.only"))) {
            anHourOfWatching();
            return;
        }
        Path scenario = FleetScenario.write(tmp.resolve("fleet.yaml"));
        long startCloud = System.nanoTime();
        try (DemoCloud cloud = DemoCloud.start(DemoCloudOptions.defaults().withScenario(scenario).withSpeed(0))) {
            cloud.clock().advance(SETTLE);
            report("demo cloud started and settled %d s of virtual time in %d ms", SETTLE.toSeconds(), ms(startCloud));
            AtomicInteger calls = new AtomicInteger();
            try (CloudConnection c = connect(cloud, calls)) {
                TriageService service = new TriageService(c);
                warmUp(service);
                jdk.jfr.Recording profile = profileIfAsked();
                for (int i = 1; i <= 3; i++) {
                    calls.set(0);
                    byName.clear();
                    long t = System.nanoTime();
                    long cpu = cpuNanos();
                    Triage triage = service.triage(Duration.ofHours(24), null, SamplingPolicy.none());
                    report("full triage #%d (one reading each): %d ms wall, %d ms CPU (whole JVM, demo cloud included), %d Nova calls, "
                            + "%d migrations (%s), %d drains",
                            i, ms(t), ms(cpu, cpuNanos()), calls.get(), triage.migrations().size(), triage.verdictCountsInOrder(), triage.drains().size());
                    report("  Nova calls by name: %s", callsByName());
                }
                stopProfile(profile, "triage");
                calls.set(0);
                byName.clear();
                long t = System.nanoTime();
                Triage sampled = service.triage(Duration.ofHours(24), null, SamplingPolicy.standard());
                report("full triage sampled until confident (virtual clock, calls only): %d ms, %d Nova calls, %s",
                        ms(t), calls.get(), sampled.verdictCountsInOrder());
                report("  Nova calls by name: %s", callsByName());
                Triage now = sampled;
                jdk.jfr.Recording refreshProfile = profileIfAsked();
                for (int i = 1; i <= 5; i++) {
                    c.pacer().await(SamplingPolicy.INTERVAL);
                    calls.set(0);
                    byName.clear();
                    long r = System.nanoTime();
                    long cpu = cpuNanos();
                    int running = now.running().size();
                    now = service.refresh(now);
                    report("live refresh #%d of %d running migrations: %d ms wall, %d ms CPU, %d Nova calls %s", i, running, ms(r),
                            ms(cpu, cpuNanos()), calls.get(), callsByName());
                }
                stopProfile(refreshProfile, "refresh");
                if (!"false".equals(System.getProperty("fleet.benchmark.client"))) {
                    openstackClient(cloud, now);
                }
            }
        }
        if (!"false".equals(System.getProperty("fleet.benchmark.hour"))) {
            anHourOfWatching();
        }
    }

    /** 720 refreshes (every 5 s of virtual time for an hour) of 200 migrations that never converge. */
    private void anHourOfWatching() throws Exception {
        Path scenario = FleetScenario.writeStuck(tmp.resolve("fleet-stuck.yaml"));
        try (DemoCloud cloud = DemoCloud.start(DemoCloudOptions.defaults().withScenario(scenario).withSpeed(0))) {
            cloud.clock().advance(SETTLE);
            AtomicInteger calls = new AtomicInteger();
            try (CloudConnection c = connect(cloud, calls)) {
                TriageService service = new TriageService(c);
                Triage now = service.triage(Duration.ofHours(24), null, SamplingPolicy.none());
                report("hour of watching: %d running at the start; heap after GC %s", now.running().size(), heap());
                long start = System.nanoTime();
                long cpu = cpuNanos();
                long slowest = 0;
                for (int i = 1; i <= 720; i++) {
                    c.pacer().await(SamplingPolicy.INTERVAL);
                    long r = System.nanoTime();
                    now = service.refresh(now);
                    slowest = Math.max(slowest, ms(r));
                    if (i % 120 == 0) {
                        report("  after %d min of virtual time: %d running, heap after GC %s, slowest refresh so far %d ms",
                                i / 12, now.running().size(), heap(), slowest);
                    }
                }
                report("hour of watching: 720 refreshes in %d s of wall time, %d s CPU (whole JVM)",
                        TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start), TimeUnit.NANOSECONDS.toSeconds(cpuNanos() - cpu));
                assertFalse(now.migrations().isEmpty());
            }
        }
    }

    /**
     * The same job with the openstack client: {@code server migration list}, then {@code server
     * migration show} per running migration and {@code server event list} + {@code server event
     * show} per failed one; a sample of each is timed and the whole job extrapolated.
     */
    private void openstackClient(DemoCloud cloud, Triage triage) throws Exception {
        Path openstack = Path.of("/usr/bin/openstack");
        if (!Files.isExecutable(openstack)) {
            report("openstack client: SKIPPED, /usr/bin/openstack is not installed (apt-get install python3-openstackclient)");
            return;
        }
        Map<String, String> env = new LinkedHashMap<>();
        env.put("OS_AUTH_URL", cloud.authUrl());
        env.put("OS_USERNAME", cloud.username());
        env.put("OS_PASSWORD", cloud.password());
        env.put("OS_PROJECT_NAME", cloud.projectName());
        env.put("OS_USER_DOMAIN_NAME", cloud.userDomainName());
        env.put("OS_PROJECT_DOMAIN_NAME", cloud.projectDomainName());
        env.put("OS_REGION_NAME", cloud.regionName());
        env.put("OS_IDENTITY_API_VERSION", "3");
        env.put("OS_COMPUTE_API_VERSION", "2.80");
        long list = run(env, "server", "migration", "list", "-f", "value");
        List<MigrationVerdict> running = triage.running();
        List<MigrationVerdict> failed = triage.migrations().stream().filter(v -> v.migration().isFailed()).toList();
        int sample = Math.min(5, running.size());
        long shows = 0;
        for (int i = 0; i < sample; i++) {
            MigrationVerdict v = running.get(i * Math.max(1, running.size() / sample));
            shows += run(env, "server", "migration", "show", v.serverId(), String.valueOf(v.migration().id()), "-f", "value");
        }
        int failedSample = Math.min(2, failed.size());
        long events = 0;
        for (int i = 0; i < failedSample; i++) {
            MigrationVerdict v = failed.get(i);
            String out = output(env, "server", "event", "list", v.serverId(), "-f", "value", "-c", "Request ID");
            events += lastMillis;
            String request = out.lines().findFirst().orElse("").strip();
            events += run(env, "server", "event", "show", v.serverId(), request, "-f", "value");
        }
        double perShow = sample == 0 ? 0 : shows / (double) sample;
        double perFailed = failedSample == 0 ? 0 : events / (double) failedSample;
        double total = list + perShow * running.size() + perFailed * failed.size();
        report("openstack client: migration list %d ms; migration show %.0f ms each (mean of %d); event list+show %.0f ms "
                + "per failed migration (mean of %d); the whole job for %d running + %d failed: %.0f s (extrapolated)",
                list, perShow, sample, perFailed, failedSample, running.size(), failed.size(), total / 1000);
    }

    private long lastMillis;
    /** Nova calls by name since the last {@link #callsByName()}. */
    private final Map<String, AtomicInteger> byName = new java.util.concurrent.ConcurrentSkipListMap<>();

    private String callsByName() {
        String out = byName.toString();
        byName.clear();
        return out;
    }

    private long run(Map<String, String> env, String... args) throws IOException, InterruptedException {
        output(env, args);
        return lastMillis;
    }

    private String output(Map<String, String> env, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("/usr/bin/openstack"));
        cmd.addAll(Arrays.asList(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD);
        pb.environment().keySet().removeIf(k -> k.startsWith("OS_"));
        pb.environment().putAll(env);
        long t = System.nanoTime();
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor(300, TimeUnit.SECONDS);
        lastMillis = ms(t);
        if (p.exitValue() != 0) {
            report("  openstack %s exited %d", String.join(" ", args), p.exitValue());
        }
        return out;
    }

    /** With -Dfleet.benchmark.jfr=DIR: CPU samples of the measured part into DIR/<part>.jfr (read with {@code jfr print}). */
    private static jdk.jfr.Recording profileIfAsked() {
        if (System.getProperty("fleet.benchmark.jfr") == null) {
            return null;
        }
        jdk.jfr.Recording r = new jdk.jfr.Recording();
        r.enable("jdk.ExecutionSample").withPeriod(Duration.ofMillis(10));
        r.start();
        return r;
    }

    private static void stopProfile(jdk.jfr.Recording r, String part) throws IOException {
        if (r != null) {
            r.stop();
            Path file = Path.of(System.getProperty("fleet.benchmark.jfr"), part + ".jfr");
            r.dump(file);
            r.close();
            report("CPU samples of the %s in %s", part, file);
        }
    }

    private static void warmUp(TriageService service) throws InterruptedException {
        long t = System.nanoTime();
        service.triage(Duration.ofHours(24), null, SamplingPolicy.none());
        report("first (cold JVM) full triage: %d ms", ms(t));
    }

    /** A demo connection whose gateway counts every Nova call it makes. */
    private CloudConnection connect(DemoCloud cloud, AtomicInteger calls) throws IOException {
        Path token = Files.writeString(tmp.resolve("probe-token-" + System.nanoTime()), cloud.probeToken());
        Map<String, URI> agents = new LinkedHashMap<>();
        cloud.hostNames().forEach(h -> agents.put(h, URI.create(cloud.probeUrl(h))));
        ProbeClient probes = new ProbeClient(new ProbeSettings(null, agents, token, null, null, null), CertificatePins.load(tmp));
        CloudProfile profile = CloudProfile.password("demo", cloud.authUrl(), cloud.username(), cloud.password(),
                cloud.userDomainName(), cloud.projectName(), cloud.projectDomainName(), cloud.regionName());
        NovaGateway gateway = OpenStackNovaGateway.connect(profile).recordingTo(c -> {
            calls.incrementAndGet();
            byName.computeIfAbsent(c.name(), n -> new AtomicInteger()).incrementAndGet();
        });
        return new CloudConnection(gateway, probes, d -> cloud.clock().advance(d), true, new AuditLog(tmp), null);
    }

    private static String heap() {
        System.gc();
        System.gc();
        long used = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        return String.format(Locale.ROOT, "%.1f MB", used / 1e6);
    }

    /** CPU time of this whole JVM (user + system, all threads). */
    private static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static long ms(long fromNanos, long toNanos) {
        return TimeUnit.NANOSECONDS.toMillis(toNanos - fromNanos);
    }

    private static long ms(long nanos) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - nanos);
    }

    private static void report(String format, Object... args) {
        System.out.println("[fleet] " + String.format(Locale.ROOT, format, args));
    }
}
