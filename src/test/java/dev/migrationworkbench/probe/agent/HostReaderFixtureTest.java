package dev.migrationworkbench.probe.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.migrationworkbench.model.HostTopology;
import dev.migrationworkbench.model.HostTopology.HugepagePool;
import dev.migrationworkbench.model.HostTopology.Nic;
import dev.migrationworkbench.model.HostTopology.NumaNode;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HostReaderFixtureTest {

    @TempDir
    Path tmp;

    private HostReader.Reading read(String fixture) throws Exception {
        Path root = ProbeFixtures.materialize(fixture, tmp.resolve(fixture));
        return new HostReader(root, HostReader.kernelHostName(root), new NovaConfig(null)).read(List.of(), List.of());
    }

    private static Nic nic(HostTopology t, String name) {
        return t.nics().stream().filter(n -> n.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void twoNodeServer() throws Exception {
        HostReader.Reading reading = read("two-node");
        HostTopology t = reading.topology();
        assertThat(reading.warnings()).isEmpty();
        assertThat(t.host()).isEqualTo("compute-0");
        assertThat(t.release()).isEqualTo("17.1.3");
        assertThat(t.novaComputeVersion()).isEqualTo("23.2.3.dev12");
        assertThat(t.cpuModel()).isEqualTo("Intel(R) Xeon(R) Gold 6338 CPU @ 2.00GHz");
        assertThat(t.cpuFlags()).contains("avx512f", "pdpe1gb", "vmx").isSorted();
        assertThat(t.onlineCpus()).hasSize(32);
        assertThat(t.memoryTotalMb()).isEqualTo(131588000L / 1024);
        assertThat(t.numaNodes()).extracting(NumaNode::id).containsExactly(0, 1);
        NumaNode n0 = t.numaNodes().get(0);
        assertThat(n0.cpus()).containsExactlyElementsOf(concat(range(0, 8), range(16, 24)));
        assertThat(n0.memoryTotalMb()).isEqualTo(65536000L / 1024);
        assertThat(n0.memoryFreeMb()).isEqualTo(61652000L / 1024);
        assertThat(n0.distances()).containsExactly(10, 21);
        assertThat(n0.hugepages()).containsExactly(new HugepagePool(2048, 0, 0), new HugepagePool(1048576, 16, 12));
        assertThat(t.nics()).extracting(Nic::name).containsExactly("eno1", "ens1f0", "lo");
        Nic ens = nic(t, "ens1f0");
        assertThat(ens.pciAddress()).isEqualTo("0000:3b:00.0");
        assertThat(ens.numaNode()).isZero();
        assertThat(ens.localCpus()).isEqualTo(n0.cpus());
        assertThat(ens.speedMbps()).isEqualTo(25000);
        assertThat(ens.driver()).isEqualTo("ice");
        assertThat(ens.operState()).isEqualTo("up");
        assertThat(ens.sriovTotalVfs()).isNull();
        Nic lo = nic(t, "lo");
        assertThat(lo.pciAddress()).isNull();
        assertThat(lo.localityUnknown()).isTrue();
        assertThat(lo.speedMbps()).isNull();
        // the TripleO container path, and nothing but whitelisted keys
        assertThat(t.novaConfig()).containsEntry("compute.cpu_dedicated_set", "2-15,18-31")
                .containsEntry("neutron_physnet_datacentre.numa_nodes", "0")
                .containsEntry("libvirt.live_migration_permit_post_copy", "true")
                .doesNotContainKeys("libvirt.live_migration_uri", "neutron.password", "DEFAULT.transport_url",
                        "libvirt.rbd_secret_uuid", "api_database.connection");
        assertThat(String.join(" ", t.novaConfig().values())).doesNotContain("Passw0rd", "S3cret", "nova_migration");
    }

    @Test
    void eightNodeServerWithItsNicOnNodeFive() throws Exception {
        HostReader.Reading reading = read("eight-node");
        HostTopology t = reading.topology();
        assertThat(reading.warnings()).isEmpty();
        assertThat(t.numaNodes()).hasSize(8);
        for (NumaNode node : t.numaNodes()) {
            assertThat(node.cpus()).containsExactlyElementsOf(range(8 * node.id(), 8 * node.id() + 8));
            assertThat(node.distances()).hasSize(8).element(node.id()).isEqualTo(10);
        }
        assertThat(t.numaNodes().get(0).distances()).containsExactly(10, 12, 12, 12, 32, 32, 32, 32);
        assertThat(t.numaNodes().get(5).hugepages()).contains(new HugepagePool(2048, 1024, 995));
        Nic nic = nic(t, "ens5f0");
        assertThat(nic.numaNode()).isEqualTo(5);
        assertThat(nic.localCpus()).containsExactlyElementsOf(range(40, 48));
        assertThat(nic.speedMbps()).isEqualTo(100000);
        assertThat(nic.driver()).isEqualTo("mlx5_core");
        assertThat(nic(t, "eno1").numaNode()).isZero();
        // Ubuntu: no rhosp-release, the dpkg version without epoch and revision, nova.conf.d overrides
        assertThat(t.release()).isEqualTo("Ubuntu 22.04.4 LTS");
        assertThat(t.novaComputeVersion()).isEqualTo("25.2.1");
        assertThat(t.novaConfig()).containsEntry("libvirt.live_migration_permit_post_copy", "false")
                .containsEntry("libvirt.live_migration_bandwidth", "0")
                .containsEntry("neutron_tunnel.numa_nodes", "5");
    }

    @Test
    void nicWithUnknownLocality() throws Exception {
        HostReader.Reading reading = read("numa-unknown");
        HostTopology t = reading.topology();
        assertThat(nic(t, "enp4s0f0").numaNode()).isEqualTo(-1);
        assertThat(nic(t, "enp4s0f0").localityUnknown()).isTrue();
        assertThat(nic(t, "enp4s0f0").localCpus()).hasSize(16);
        // a down link reports speed -1: unknown, not a speed
        assertThat(nic(t, "enp4s0f1").speedMbps()).isNull();
        assertThat(nic(t, "enp4s0f1").operState()).isEqualTo("down");
        assertThat(t.release()).isEqualTo("16.2.6");
        assertThat(t.novaComputeVersion()).isEqualTo("20.6.2");
        assertThat(t.numaNodes()).extracting(NumaNode::memoryTotalMb).containsExactly(15625L, 15625L);
    }

    @Test
    void sriovPhysicalFunctionWithItsVirtualFunctions() throws Exception {
        HostTopology t = read("sriov-pf").topology();
        Nic pf = nic(t, "ens2f0");
        assertThat(pf.sriovTotalVfs()).isEqualTo(64);
        assertThat(pf.sriovNumVfs()).isEqualTo(2);
        assertThat(pf.vfs()).containsExactly("0000:5e:01.0", "0000:5e:01.1");
        assertThat(pf.physfn()).isNull();
        assertThat(pf.numaNode()).isEqualTo(1);
        assertThat(pf.physnet()).isEqualTo("sriovnet1");
        Nic vf = nic(t, "ens2f0v0");
        assertThat(vf.physfn()).isEqualTo("0000:5e:00.0");
        assertThat(vf.driver()).isEqualTo("iavf");
        assertThat(vf.vfs()).isEmpty();
        assertThat(vf.sriovTotalVfs()).isNull();
        // the VF bound to vfio-pci has no netdev, so it is listed only as the PF's VF
        assertThat(t.nics()).extracting(Nic::name).containsExactly("eno1", "ens2f0", "ens2f0v0", "lo");
    }

    @Test
    void aMissingTreeGivesWarningsNotInventedValues() throws Exception {
        HostReader.Reading reading = new HostReader(tmp, "empty", new NovaConfig(null)).read(List.of(), List.of());
        assertThat(reading.topology().numaNodes()).isEmpty();
        assertThat(reading.topology().nics()).isEmpty();
        assertThat(reading.topology().memoryTotalMb()).isNull();
        assertThat(reading.topology().release()).isNull();
        assertThat(reading.warnings()).anyMatch(w -> w.contains("no NUMA information"))
                .anyMatch(w -> w.contains("no network interfaces")).anyMatch(w -> w.contains("no nova.conf"));
    }

    @Test
    void symlinksLeadingOutOfTheRootAreIgnored() throws Exception {
        Path root = ProbeFixtures.materialize("two-node", tmp.resolve("escape"));
        Path outside = java.nio.file.Files.createDirectories(tmp.resolve("outside/0000:99:00.0"));
        java.nio.file.Files.writeString(outside.resolve("numa_node"), "7");
        Path net = root.resolve("sys/class/net/evil");
        java.nio.file.Files.createDirectories(net);
        java.nio.file.Files.createSymbolicLink(net.resolve("device"), outside);
        HostTopology t = new HostReader(root, "x", new NovaConfig(null)).read(List.of(), List.of()).topology();
        assertThat(nic(t, "evil").pciAddress()).isNull();
        assertThat(nic(t, "evil").numaNode()).isEqualTo(-1);
    }

    static List<Integer> range(int from, int to) {
        return IntStream.range(from, to).boxed().toList();
    }

    static List<Integer> concat(List<Integer> a, List<Integer> b) {
        return java.util.stream.Stream.concat(a.stream(), b.stream()).sorted().toList();
    }
}
