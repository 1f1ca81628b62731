package dev.migrationworkbench.reallibvirt;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The two libvirt daemons {@code src/test/real-libvirt/up.sh} started (its
 * {@code real-libvirt.properties}), driven with the real {@code virsh}: this is the harness, what
 * Nova's libvirt driver would do, not what is under test.
 */
final class LibvirtPair {

    /** A tiny guest: direct kernel boot, an init that keeps {@code dirtyKibps} KiB/s of a {@code wssMib} MiB working set dirty. */
    record Guest(String name, String uuid, int memoryMib, int wssMib, int dirtyKibps, int pinnedCpu, int numaNode) {
    }

    final String sourceUri;
    final String destinationUri;
    private final Path run;
    private final Path kernel;
    private final Path initrd;
    private final String qemu;

    LibvirtPair(Path run) throws IOException {
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(run.resolve("real-libvirt.properties"))) {
            p.load(in);
        }
        this.run = run;
        this.sourceUri = p.getProperty("source.uri");
        this.destinationUri = p.getProperty("destination.uri");
        this.kernel = Path.of(p.getProperty("kernel"));
        this.initrd = Path.of(p.getProperty("initrd"));
        this.qemu = p.getProperty("qemu");
    }

    Path consoleLog(Guest g) {
        return run.resolve("console-" + g.name() + ".log");
    }

    /**
     * The domain XML: one vCPU pinned to one host CPU, memory bound to one host NUMA node (strict),
     * one guest NUMA cell, no disk and no NIC (the guest lives in its initramfs), serial console to a file.
     */
    String domainXml(Guest g) {
        return """
                <domain type='qemu'>
                  <name>%1$s</name>
                  <uuid>%2$s</uuid>
                  <memory unit='MiB'>%3$d</memory>
                  <vcpu placement='static' cpuset='%6$d'>1</vcpu>
                  <cputune>
                    <vcpupin vcpu='0' cpuset='%6$d'/>
                    <emulatorpin cpuset='%6$d'/>
                  </cputune>
                  <numatune>
                    <memory mode='strict' nodeset='%7$d'/>
                  </numatune>
                  <os>
                    <type arch='x86_64' machine='pc'>hvm</type>
                    <kernel>%8$s</kernel>
                    <initrd>%9$s</initrd>
                    <cmdline>console=ttyS0 mw.wss_mib=%4$d mw.dirty_kibps=%5$d</cmdline>
                  </os>
                  <cpu>
                    <numa>
                      <cell id='0' cpus='0' memory='%3$d' unit='MiB'/>
                    </numa>
                  </cpu>
                  <clock offset='utc'/>
                  <on_poweroff>destroy</on_poweroff>
                  <on_reboot>destroy</on_reboot>
                  <on_crash>destroy</on_crash>
                  <devices>
                    <emulator>%10$s</emulator>
                    <serial type='file'>
                      <source path='%11$s' append='on'/>
                      <target port='0'/>
                    </serial>
                    <controller type='usb' model='none'/>
                    <memballoon model='none'/>
                  </devices>
                </domain>
                """.formatted(g.name(), g.uuid(), g.memoryMib(), g.wssMib(), g.dirtyKibps(), g.pinnedCpu(), g.numaNode(),
                kernel, initrd, qemu, consoleLog(g));
    }

    /** Starts the guest on the source (a transient domain, as Nova's are after a migration) and waits until its init runs. */
    void start(Guest g) throws IOException, InterruptedException {
        Files.deleteIfExists(consoleLog(g));
        Path xml = run.resolve(g.name() + ".xml");
        Files.writeString(xml, domainXml(g));
        virsh(sourceUri, "create", xml.toString());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline) {
            if (Files.exists(consoleLog(g)) && Files.readString(consoleLog(g), StandardCharsets.ISO_8859_1).contains("mw-dirtier ready")) {
                return;
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("guest " + g.name() + " did not print 'mw-dirtier ready' within 120 s; console: "
                + consoleLog(g));
    }

    /** Destroys the guest on both daemons, wherever it is. */
    void destroy(Guest g) {
        for (String uri : List.of(sourceUri, destinationUri)) {
            try {
                run(List.of("virsh", "-q", "-c", uri, "destroy", g.uuid()), 30);
            } catch (IOException | InterruptedException e) {
                // not there
            }
        }
    }

    /** {@code virsh -c uri args…}; its standard output, or an exception with what virsh said. */
    static String virsh(String uri, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("virsh", "-q", "-c", uri));
        command.addAll(List.of(args));
        Result r = run(command, 60);
        if (r.exit() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed (exit " + r.exit() + "): " + r.stderr().strip());
        }
        return r.stdout();
    }

    record Result(int exit, String stdout, String stderr) {
    }

    static Result run(List<String> command, int timeoutSeconds) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().put("LC_ALL", "C");
        Process process = builder.start();
        process.getOutputStream().close();
        CompletableFuture<String> out = drain(process.getInputStream());
        CompletableFuture<String> err = drain(process.getErrorStream());
        if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IOException(String.join(" ", command) + " did not end within " + timeoutSeconds + " s");
        }
        return new Result(process.exitValue(), out.join(), err.join());
    }

    static CompletableFuture<String> drain(InputStream in) {
        return CompletableFuture.supplyAsync(() -> {
            try (in) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }
}
