package dev.migrationworkbench.probe.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.migrationworkbench.model.HostTopology;
import dev.migrationworkbench.model.HostTopology.Nic;
import dev.migrationworkbench.model.HostTopology.NumaNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/** The reader on this machine's real /sys and /proc, checked against readings by other tools. */
@EnabledOnOs(OS.LINUX)
class HostReaderRealSystemTest {

    private static HostTopology topology;

    @BeforeAll
    static void readThisHost() {
        topology = new HostReader(Path.of("/"), "this-host", new NovaConfig(null)).read(List.of(), List.of()).topology();
    }

    private static String run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as("%s: %s", String.join(" ", command), out).isZero();
        return out.strip();
    }

    @Test
    void onlineCpusMatchGetconfAndCoverNproc() throws Exception {
        int online = Integer.parseInt(run("getconf", "_NPROCESSORS_ONLN"));
        int usable = Integer.parseInt(run("nproc"));
        assertThat(topology.onlineCpus()).hasSize(online);
        assertThat(topology.onlineCpus().size()).isGreaterThanOrEqualTo(usable);
        // every online CPU belongs to exactly one NUMA node
        assertThat(topology.numaNodes().stream().flatMap(n -> n.cpus().stream()).sorted().toList())
                .containsExactlyElementsOf(topology.onlineCpus());
    }

    @Test
    void memoryMatchesFree() throws Exception {
        // `free -k`: second line "Mem: total used free ..."
        String memLine = run("free", "-k").lines().filter(l -> l.startsWith("Mem:")).findFirst().orElseThrow();
        long totalKb = Long.parseLong(memLine.split("\\s+")[1]);
        assertThat(topology.memoryTotalMb()).isEqualTo(totalKb / 1024);
        // nodes never hold more than the whole host; here (a VM with hot-plugged memory) they may hold less
        long nodesMb = topology.numaNodes().stream().mapToLong(NumaNode::memoryTotalMb).sum();
        assertThat(nodesMb).isPositive().isLessThanOrEqualTo(topology.memoryTotalMb());
    }

    @Test
    void nicsMatchLsOfSysClassNet() throws Exception {
        List<String> ls = Arrays.stream(run("ls", "-1", "/sys/class/net").split("\n")).sorted().toList();
        assertThat(topology.nics()).extracting(Nic::name).containsExactlyElementsOf(ls);
        for (Nic nic : topology.nics()) {
            String state = Files.readString(Path.of("/sys/class/net", nic.name(), "operstate")).strip();
            assertThat(nic.operState()).isEqualTo(state);
        }
    }

    @Test
    void numaNodesMatchLsOfSysDevicesSystemNode() throws Exception {
        long nodes = Arrays.stream(run("ls", "-1", "/sys/devices/system/node").split("\n"))
                .filter(n -> n.matches("node[0-9]+")).count();
        assertThat(topology.numaNodes()).hasSize((int) nodes);
    }

    @Test
    void cpuModelMatchesLscpu() throws Exception {
        assumeThat(Files.isExecutable(Path.of("/usr/bin/lscpu"))).isTrue();
        String model = run("lscpu").lines().filter(l -> l.startsWith("Model name:")).findFirst().orElseThrow()
                .substring("Model name:".length()).strip();
        assertThat(topology.cpuModel()).isEqualTo(model);
    }

    @Test
    void novaVersionMatchesPythonPackageMetadata() throws Exception {
        assumeThat(topology.novaComputeVersion()).as("nova installed on this machine").isNotNull();
        // the system Python, the one the distribution's nova packages belong to
        String version = run("/usr/bin/python3", "-c", "import importlib.metadata as m; print(m.version('nova'))");
        assertThat(topology.novaComputeVersion()).isEqualTo(version);
    }
}
