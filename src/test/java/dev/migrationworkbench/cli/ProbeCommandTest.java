package dev.migrationworkbench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.migrationworkbench.probe.agent.AgentCertificate;
import dev.migrationworkbench.probe.agent.AgentServer;
import dev.migrationworkbench.probe.agent.AgentService;
import dev.migrationworkbench.probe.agent.HostReader;
import dev.migrationworkbench.probe.agent.NovaConfig;
import dev.migrationworkbench.probe.agent.ProbeFixtures;
import dev.migrationworkbench.probe.agent.Virsh;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code probe HOST}: trust on first use from the command line, then the host's JSON, against a real agent. */
class ProbeCommandTest {

    private static final String TOKEN = "cli-probe-test-token-0123456789abcdef0123";

    private static String[] run(Path home, String... args) {
        String before = System.getProperty("mw.home");
        Locale locale = Locale.getDefault();
        System.setProperty("mw.home", home.toString());
        Locale.setDefault(Locale.ENGLISH);
        try {
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            int code = new CommandLine(new MainCommand()).setOut(new PrintWriter(out)).setErr(new PrintWriter(err)).execute(args);
            return new String[] {String.valueOf(code), out.toString(), err.toString()};
        } finally {
            Locale.setDefault(locale);
            if (before == null) {
                System.clearProperty("mw.home");
            } else {
                System.setProperty("mw.home", before);
            }
        }
    }

    @Test
    void firstContactShowsTheFingerprintThenTrustPinsIt(@TempDir Path tmp) throws Exception {
        Path root = ProbeFixtures.materialize("eight-node", tmp.resolve("root"));
        Path virsh = ProbeFixtures.fakeVirsh(Files.createDirectories(tmp.resolve("bin")), "none", "running");
        AgentCertificate certificate = AgentCertificate.loadOrCreate(tmp.resolve("state"), "compute-8n");
        AgentService service = new AgentService(new HostReader(root, "compute-8n", new NovaConfig(null)), new Virsh(virsh), "compute-8n");
        try (AgentServer agent = AgentServer.start(new AgentServer.Options(
                new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), TOKEN, 100, 100), certificate.sslContext(), service)) {
            Path home = tmp.resolve("home");
            Files.createDirectories(home.resolve("config"));
            Files.writeString(tmp.resolve("token"), TOKEN);
            Files.writeString(home.resolve("config/probe-agents.properties"),
                    "host.compute-8n=https://127.0.0.1:" + agent.port() + "\ntoken.file=" + tmp.resolve("token") + "\n");

            String[] first = run(home, "probe", "compute-8n");
            assertThat(first[0]).isEqualTo("3");
            assertThat(first[2]).contains("First contact", certificate.fingerprint(),
                    "migration-workbench probe compute-8n --trust " + certificate.fingerprint());
            assertThat(first[1]).isEmpty();

            String[] trusted = run(home, "probe", "compute-8n", "--trust", certificate.fingerprint());
            assertThat(trusted[0]).as(trusted[2]).isEqualTo("0");
            assertThat(trusted[1]).contains("\"numaNodes\"", "\"ens5f0\"", "\"numaNode\" : 5");

            String[] job = run(home, "probe", "compute-8n", "--instance", "7f9c0d4e-2a51-4c38-9a57-0c1c3f6f7e21", "--jobinfo");
            assertThat(job[0]).isEqualTo("0");
            assertThat(job[1]).contains("\"jobType\" : \"none\"");

            assertThat(run(home, "probe", "compute-8n", "--jobinfo")[0]).isEqualTo("2");
            String[] badUuid = run(home, "probe", "compute-8n", "--instance", "../../etc/passwd");
            assertThat(badUuid[0]).isEqualTo("2");
            assertThat(badUuid[2]).contains("is not an instance UUID");
        }
    }
}
