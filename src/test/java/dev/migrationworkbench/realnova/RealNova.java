package dev.migrationworkbench.realnova;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.migrationworkbench.cloud.CloudProfiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * The real Nova (Zed) of {@code ../shared/real-nova/up.sh} for the real-Nova suite
 * ({@code -Preal-nova -Dreal.nova.run=<RUN folder>}): its clouds.yaml and the real
 * {@code openstack} CLI for setup (booting, live-migrating, deleting servers), which is not
 * what is under test.
 */
public final class RealNova {

    public static final String IMAGE = "c1770500-0000-4000-8000-000000000001";
    public static final String CLOUD = "real-nova";

    private final Path run;

    private RealNova(Path run) {
        this.run = run;
    }

    /** The running cloud named by {@code real.nova.run}; the test is skipped without it. */
    public static RealNova fromSystemProperty() {
        String folder = System.getProperty("real.nova.run", "");
        assumeTrue(!folder.isBlank() && Files.isRegularFile(Path.of(folder, "clouds.yaml")),
                "real.nova.run does not name a running real-nova folder");
        return new RealNova(Path.of(folder));
    }

    public Path cloudsYaml() {
        return run.resolve("clouds.yaml");
    }

    public CloudProfiles profiles() {
        return new CloudProfiles(Map.of("OS_CLIENT_CONFIG_FILE", cloudsYaml().toString()), List.of());
    }

    /**
     * Boots {@code name} (m1.tiny) on compute-a with the simulated guest's properties (e.g.
     * {@code dirty_rate_mbps=2000}) and live-migrates it to compute-b; returns its ID once the
     * migration is running with progress.
     */
    public String bootAndLiveMigrate(String name, String... properties) {
        cli("server", "delete", "--wait", name);
        List<String> create = new ArrayList<>(List.of("server", "create", "--flavor", "m1.tiny", "--image", IMAGE,
                "--nic", "none", "--availability-zone", "nova:compute-a"));
        for (String p : properties) {
            create.addAll(List.of("--property", p));
        }
        create.addAll(List.of("--wait", "-f", "value", "-c", "id", name));
        String id = cli(create.toArray(String[]::new)).strip();
        cli("server", "migrate", "--live-migration", "--host", "compute-b", "--os-compute-api-version", "2.30", id);
        await(() -> cli("server", "migration", "list", "--server", id, "--status", "running", "-f", "value", "-c", "Id",
                "--os-compute-api-version", "2.80").strip().matches("\\d+"), Duration.ofSeconds(60));
        return id;
    }

    /** A {@code [libvirt]} option the computes were started with ({@code REAL_NOVA_LIBVIRT}), if set. */
    public java.util.Optional<String> libvirtOption(String key) {
        try {
            return Files.readAllLines(run.resolve("etc/nova-compute-a.conf")).stream()
                    .map(String::strip).filter(l -> l.startsWith(key + " ") || l.startsWith(key + "="))
                    .map(l -> l.substring(l.indexOf('=') + 1).strip()).findFirst();
        } catch (IOException e) {
            return java.util.Optional.empty();
        }
    }

    public void delete(String name) {
        cli("server", "delete", "--wait", name);
    }

    public static void await(BooleanSupplier condition, Duration timeout) {
        long end = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("condition not met within " + timeout);
            }
            try {
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    /** Runs the real openstack CLI as admin; returns stdout. Failure of a delete is ignored. */
    public String cli(String... args) {
        List<String> cmd = new ArrayList<>(List.of("/usr/bin/openstack", "--os-cloud", CLOUD));
        cmd.addAll(List.of(args));
        try {
            ProcessBuilder pb = new ProcessBuilder(cmd);
            pb.environment().put("OS_CLIENT_CONFIG_FILE", cloudsYaml().toString());
            Process p = pb.start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(180, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("openstack " + String.join(" ", args) + " timed out");
            }
            if (p.exitValue() != 0 && !"delete".equals(args[1])) {
                throw new AssertionError("openstack " + String.join(" ", args) + " failed: " + err);
            }
            return out;
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
