package dev.migrationworkbench.reallibvirt;

import static dev.migrationworkbench.reallibvirt.LibvirtPair.virsh;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.migrationworkbench.config.AppDirs;
import dev.migrationworkbench.diagnosis.convergence.ConvergenceAnalysis.Verdict;
import dev.migrationworkbench.diagnosis.convergence.LiveMigrationSettings;
import dev.migrationworkbench.diagnosis.convergence.NovaSchedule;
import dev.migrationworkbench.model.CpuList;
import dev.migrationworkbench.model.HostTopology;
import dev.migrationworkbench.model.HostTopology.InstancePlacement;
import dev.migrationworkbench.model.LibvirtJob;
import dev.migrationworkbench.probe.agent.DomJobInfo;
import dev.migrationworkbench.probe.client.CertificatePins;
import dev.migrationworkbench.probe.client.ProbeClient;
import dev.migrationworkbench.probe.client.ProbeException;
import dev.migrationworkbench.probe.client.ProbeSettings;
import java.io.StringReader;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

/**
 * The probe agent and the convergence analysis against a real libvirt 9 / QEMU 7.2 (TCG) on this
 * machine: two daemons from {@code src/test/real-libvirt/up.sh}, tiny guests live-migrated between
 * them over loopback with a bandwidth limit while the agent ({@code agent --root /}) samples
 * {@code domjobinfo}. Run with {@code -Preal-libvirt -Dreal.libvirt.run=<RUN folder>} ({@code .ci/run}
 * does); skipped without that property. The comparison of the analysis with what QEMU did is
 * written to {@code target/real-libvirt/comparison.md} (docs/DIAGNOSIS.md quotes it).
 */
@Tag("real-libvirt")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RealLibvirtIT {

    private static final String SOURCE = "source";
    private static final String DESTINATION = "destination";
    private static final Duration SAMPLE_INTERVAL = Duration.ofSeconds(1);
    private static final Path OUT = Path.of("target", "real-libvirt");

    private static LibvirtPair libvirt;
    private static AgentProcess sourceAgent;
    private static AgentProcess destinationAgent;
    private static ProbeClient probes;
    private static int cpu;
    private static int node;
    private static final List<LibvirtPair.Guest> GUESTS = new ArrayList<>();
    private static final Map<String, MigrationRun> RUNS = new LinkedHashMap<>();

    @BeforeAll
    static void start() throws Exception {
        String folder = System.getProperty("real.libvirt.run", "");
        assumeTrue(!folder.isBlank() && Files.isRegularFile(Path.of(folder, "real-libvirt.properties")),
                "real.libvirt.run does not name a folder prepared by src/test/real-libvirt/up.sh");
        libvirt = new LibvirtPair(Path.of(folder));
        Files.createDirectories(OUT);
        sourceAgent = AgentProcess.start(SOURCE, libvirt.sourceUri, OUT.resolve("agent-source"));
        destinationAgent = AgentProcess.start(DESTINATION, libvirt.destinationUri, OUT.resolve("agent-destination"));
        Path home = Files.createDirectories(OUT.resolve("workbench-home"));
        AppDirs dirs = AppDirs.under(home);
        CertificatePins pins = CertificatePins.load(dirs.config());
        ProbeSettings settings = new ProbeSettings(null, Map.of(
                SOURCE, URI.create("https://127.0.0.1:" + sourceAgent.port),
                DESTINATION, URI.create("https://127.0.0.1:" + destinationAgent.port)),
                OUT.resolve("agent-source").resolve("token"), Map.of(), Duration.ofSeconds(5), Duration.ofSeconds(30));
        probes = new ProbeClient(settings, pins);
        probes.trust(SOURCE, sourceAgent.fingerprint);
        probes.trust(DESTINATION, destinationAgent.fingerprint);
        // the guest's vCPU on the last host CPU, its memory on the node that CPU belongs to
        HostTopology host = probes.host(SOURCE).topology();
        cpu = host.onlineCpus().get(host.onlineCpus().size() - 1);
        node = host.numaNodes().stream().filter(n -> n.cpus().contains(cpu)).findFirst().orElseThrow().id();
    }

    @AfterAll
    static void stop() throws Exception {
        if (libvirt == null) {
            return;
        }
        GUESTS.forEach(libvirt::destroy);
        if (sourceAgent != null) {
            sourceAgent.close();
        }
        if (destinationAgent != null) {
            destinationAgent.close();
        }
        StringBuilder report = new StringBuilder(ComparisonTable.markdown(RUNS.values()));
        RUNS.values().forEach(r -> report.append("\n```\n").append(r.trace()).append("```\n"));
        Files.writeString(OUT.resolve("comparison.md"), report);
        System.out.println(report);
    }

    private static LibvirtPair.Guest guest(String name, int wssMib, int dirtyKibps) {
        LibvirtPair.Guest g = new LibvirtPair.Guest("mwlv-" + name, UUID.randomUUID().toString(), 128, wssMib, dirtyKibps, cpu, node);
        GUESTS.add(g);
        return g;
    }

    @Test
    @Order(1)
    void agentReportsWhatVirshPrints() throws Exception {
        LibvirtPair.Guest g = guest("placement", 8, 0);
        libvirt.start(g);
        String uri = libvirt.sourceUri;

        InstancePlacement placement = probes.instance(SOURCE, g.uuid());
        assertThat(placement.instanceUuid()).isEqualTo(g.uuid());
        assertThat(placement.domainName()).isEqualTo(virsh(uri, "domname", g.uuid()).strip());
        // virsh vcpupin of a running domain reads the affinity of QEMU's vCPU thread
        Map<Integer, List<Integer>> vcpupin = new TreeMap<>();
        for (Matcher m : lines(virsh(uri, "vcpupin", g.uuid()), "^\\s*(\\d+)\\s+(\\S+)\\s*$")) {
            vcpupin.put(Integer.parseInt(m.group(1)), CpuList.parse(m.group(2)));
        }
        assertThat(vcpupin).isEqualTo(Map.of(0, List.of(cpu)));
        assertThat(placement.vcpuPins()).isEqualTo(vcpupin);
        assertThat(placement.pinnedCpus()).containsExactly(cpu);
        // "emulator: CPU Affinity / *: 1", or only "1" with virsh -q
        Matcher emulator = lines(virsh(uri, "emulatorpin", g.uuid()), "^\\s*(?:\\*:)?\\s*([0-9][0-9,-]*)\\s*$").get(0);
        assertThat(placement.emulatorCpus()).isEqualTo(CpuList.parse(emulator.group(1)));
        Map<String, String> numatune = new TreeMap<>();
        for (Matcher m : lines(virsh(uri, "numatune", g.uuid()), "^\\s*(\\w+)\\s*:\\s*(\\S*)\\s*$")) {
            numatune.put(m.group(1), m.group(2));
        }
        assertThat(placement.memoryMode()).isEqualTo(numatune.get("numa_mode")).isEqualTo("strict");
        assertThat(placement.memoryNodes()).isEqualTo(CpuList.parse(numatune.get("numa_nodeset"))).containsExactly(node);
        assertThat(placement.hugepageSizeKb()).isNull();
        assertThat(placement.nics()).isEmpty();

        HostTopology host = probes.host(SOURCE).topology();
        assertThat(host.host()).isEqualTo(SOURCE);
        assertThat(host.instances()).containsExactly(placement);
        // the host's NUMA cells as libvirt's capabilities describe them
        Map<Integer, List<Integer>> agentCells = new TreeMap<>();
        host.numaNodes().forEach(n -> agentCells.put(n.id(), n.cpus()));
        assertThat(capabilityCells(virsh(uri, "capabilities"))).isEqualTo(agentCells);
        Matcher cpus = lines(virsh(uri, "nodeinfo"), "^CPU\\(s\\):\\s*(\\d+)\\s*$").get(0);
        assertThat(host.onlineCpus()).hasSize(Integer.parseInt(cpus.group(1)));

        LibvirtJob none = probes.jobInfo(SOURCE, g.uuid());
        assertThat(virsh(uri, "domjobinfo", g.uuid())).containsPattern("Job type:\\s+None");
        assertThat(none.jobType()).isEqualTo("none");
        assertThat(none.stats()).isNull();

        ProbeException unknown = catchThrowableOfType(ProbeException.class,
                () -> probes.instance(DESTINATION, g.uuid()));
        assertThat(unknown.kind()).isEqualTo(ProbeException.Kind.INSTANCE_NOT_FOUND);
        libvirt.destroy(g);
    }

    /** ρ ≈ 0.5: each pass re-sends half of the one before; converges a few passes after the first. */
    @Test
    @Order(2)
    void convergingMigration() throws Exception {
        LibvirtPair.Guest g = guest("converging", 64, 4096);
        MigrationRun run = migrate("converging", g, 8, 0);
        InstancePlacement before = run.beforePlacement;
        assertThat(run.migrateExit).as(run.migrateOutput).isZero();
        InstancePlacement after = probes.instance(DESTINATION, g.uuid());
        assertThat(after.vcpuPins()).isEqualTo(before.vcpuPins());
        assertThat(after.memoryNodes()).isEqualTo(before.memoryNodes());
        assertThat(after.memoryMode()).isEqualTo(before.memoryMode());
        assertThat(catchThrowableOfType(ProbeException.class, () -> probes.instance(SOURCE, g.uuid())).kind())
                .isEqualTo(ProbeException.Kind.INSTANCE_NOT_FOUND);
        assertThat(run.judged()).isNotEmpty().allSatisfy(p -> assertThat(p.analysis().verdict()).isEqualTo(Verdict.CONVERGING));
        libvirt.destroy(g);
    }

    /** ρ ≈ 0.9: each pass re-sends nine tenths of the one before; converges, slowly. */
    @Test
    @Order(3)
    void slowlyConvergingMigration() throws Exception {
        LibvirtPair.Guest g = guest("slow", 48, 7373);
        MigrationRun run = migrate("slow", g, 8, 0);
        assertThat(run.migrateExit).as(run.migrateOutput).isZero();
        assertThat(run.judged()).extracting(p -> p.analysis().verdict()).contains(Verdict.SLOW).doesNotContain(Verdict.NOT_CONVERGING);
        libvirt.destroy(g);
    }

    /** Dirties twice what the bandwidth limit lets through: never converges; force-completed as Nova does without post-copy (pause). */
    @Test
    @Order(4)
    void nonConvergingMigrationForceCompletedByPausing() throws Exception {
        LibvirtPair.Guest g = guest("stuck", 48, 16384);
        MigrationRun run = migrate("stuck", g, 8, 45);
        assertThat(run.migrateExit).as(run.migrateOutput).isZero();
        assertThat(run.pausedAtSeconds).isNotNull();
        assertThat(run.judged()).isNotEmpty().allSatisfy(p -> assertThat(p.analysis().verdict()).isEqualTo(Verdict.NOT_CONVERGING));
        assertThat(run.beforePause.verdict()).isEqualTo(Verdict.NOT_CONVERGING);
        // the workbench's force-complete estimate against the pause the guest really had (±50 %)
        assertThat(run.beforePause.forceComplete().pauseSeconds())
                .isCloseTo(run.pauseToResumeSeconds(), within(0.5 * run.pauseToResumeSeconds()));
        libvirt.destroy(g);
    }

    /**
     * Boots the guest, starts {@code virsh migrate --live --bandwidth} to the destination, applies
     * Nova's downtime steps (nova/virt/libvirt/migration.py update_downtime), samples the agent's
     * jobinfo every second and, after {@code forceCompleteAfterSeconds} (0: never), force-completes
     * as Nova does without post-copy: pauses the guest (migration.py run_tasks 'force-complete').
     */
    private MigrationRun migrate(String name, LibvirtPair.Guest g, int bandwidthMib, int forceCompleteAfterSeconds)
            throws Exception {
        libvirt.start(g);
        Thread.sleep(3000); // the dirtier reaches its rate
        InstancePlacement before = probes.instance(SOURCE, g.uuid());
        // Nova's defaults (max downtime 500 ms reached in 10 steps, 75 s × data_gb apart), as the recording's analysis assumes
        NovaSchedule schedule = NovaSchedule.of(LiveMigrationSettings.defaults(), g.memoryMib() * 1024L * 1024L, 0);
        Process migrate = new ProcessBuilder("virsh", "-q", "-c", libvirt.sourceUri, "migrate", "--live",
                "--bandwidth", String.valueOf(bandwidthMib), g.uuid(), libvirt.destinationUri,
                "--migrateuri", "tcp://127.0.0.1").redirectErrorStream(true).start();
        var output = LibvirtPair.drain(migrate.getInputStream());
        MigrationRun run = new MigrationRun(name, g, bandwidthMib, Instant.now());
        run.beforePlacement = before;
        RUNS.put(name, run);
        Integer downtimeSet = null;
        boolean checkedAgainstVirsh = false;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(300);
        while (migrate.isAlive() && System.nanoTime() < deadline) {
            LibvirtJob job;
            try {
                job = probes.jobInfo(SOURCE, g.uuid());
            } catch (ProbeException e) {
                if (e.kind() == ProbeException.Kind.INSTANCE_NOT_FOUND) {
                    break; // migrated: the transient domain left the source
                }
                throw e;
            }
            if (job.running() && job.stats() != null && job.stats().elapsedMillis() != null) {
                run.add(job);
                double elapsed = job.stats().elapsedMillis() / 1000.0;
                int downtime = schedule.downtimeMsAt(elapsed);
                // in pass 0 "Expected downtime" is QEMU's limit: libvirt may have reset it as the job started
                Long expected = job.stats().expectedDowntimeMillis();
                boolean reset = job.stats().iteration() != null && job.stats().iteration() <= 1 && expected != null
                        && expected != downtime;
                if (!Integer.valueOf(downtime).equals(downtimeSet) || reset) {
                    virsh(libvirt.sourceUri, "migrate-setmaxdowntime", g.uuid(), String.valueOf(downtime));
                    downtimeSet = downtime;
                }
                if (!checkedAgainstVirsh && job.stats().iteration() != null && job.stats().iteration() >= 2) {
                    checkAgainstVirsh(g, job);
                    checkedAgainstVirsh = true;
                }
                if (forceCompleteAfterSeconds > 0 && run.pausedAtSeconds == null && elapsed >= forceCompleteAfterSeconds) {
                    run.beforePause = run.analyzeNow();
                    virsh(libvirt.sourceUri, "suspend", g.uuid());
                    run.pausedAtSeconds = elapsed + Duration.between(job.collectedAt(), Instant.now()).toMillis() / 1000.0;
                }
            }
            Thread.sleep(SAMPLE_INTERVAL.toMillis());
        }
        if (!migrate.waitFor(120, TimeUnit.SECONDS)) {
            virsh(libvirt.sourceUri, "domjobabort", g.uuid());
            migrate.waitFor(60, TimeUnit.SECONDS);
        }
        run.migrateExit = migrate.exitValue();
        run.migrateOutput = output.join();
        if (run.migrateExit == 0) {
            run.completed = DomJobInfo.parse(g.uuid(), virsh(libvirt.destinationUri, "domjobinfo", "--completed", g.uuid()), null);
        }
        run.replay();
        run.recording().write(OUT.resolve(name + ".json"));
        return run;
    }

    /** The agent's jobinfo against virsh's own domjobinfo read right after it. */
    private void checkAgainstVirsh(LibvirtPair.Guest g, LibvirtJob agent) throws Exception {
        String text = virsh(libvirt.sourceUri, "domjobinfo", g.uuid());
        LibvirtJob direct = DomJobInfo.parse(g.uuid(), text, false);
        assertThat(agent.jobType()).isEqualTo(direct.jobType()).isEqualTo("unbounded");
        assertThat(agent.stats().memoryTotalBytes()).isEqualTo(direct.stats().memoryTotalBytes());
        assertThat(agent.stats().memoryProcessedBytes()).isLessThanOrEqualTo(direct.stats().memoryProcessedBytes());
        assertThat(agent.stats().elapsedMillis()).isLessThanOrEqualTo(direct.stats().elapsedMillis());
        assertThat(agent.stats().iteration()).isLessThanOrEqualTo(direct.stats().iteration());
        assertThat(agent.stats().postCopy()).isFalse();
        assertThat(agent.raw().keySet()).isEqualTo(direct.raw().keySet());
        // virsh prints binary units with three decimals: the agent's bytes are those figures
        Matcher total = Pattern.compile("Memory total:\\s+([0-9.]+) MiB").matcher(text);
        assertThat(total.find()).isTrue();
        assertThat(agent.stats().memoryTotalBytes()).isEqualTo(Math.round(Double.parseDouble(total.group(1)) * 1048576));
    }

    private static List<Matcher> lines(String text, String regex) {
        Pattern p = Pattern.compile(regex);
        List<Matcher> out = new ArrayList<>();
        for (String line : text.split("\n")) {
            Matcher m = p.matcher(line);
            if (m.matches()) {
                out.add(m);
            }
        }
        assertThat(out).as("lines matching %s in:%n%s", regex, text).isNotEmpty();
        return out;
    }

    /** cell id → CPU ids of {@code /capabilities/host/topology/cells}. */
    private static Map<Integer, List<Integer>> capabilityCells(String xml) throws Exception {
        var factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        var doc = factory.newDocumentBuilder().parse(new InputSource(new StringReader(xml)));
        Map<Integer, List<Integer>> cells = new TreeMap<>();
        NodeList list = doc.getElementsByTagName("cell");
        for (int i = 0; i < list.getLength(); i++) {
            Element cell = (Element) list.item(i);
            List<Integer> cpus = new ArrayList<>();
            NodeList cpuList = cell.getElementsByTagName("cpu");
            for (int j = 0; j < cpuList.getLength(); j++) {
                cpus.add(Integer.parseInt(((Element) cpuList.item(j)).getAttribute("id")));
            }
            cpus.sort(null);
            cells.put(Integer.parseInt(cell.getAttribute("id")), cpus);
        }
        return cells;
    }
}
