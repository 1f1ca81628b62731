package dev.migrationworkbench.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.migrationworkbench.config.AppDirs;
import dev.migrationworkbench.i18n.Messages;
import dev.migrationworkbench.probe.client.ProbeException;
import dev.migrationworkbench.service.HostAgents;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code probe HOST}: asks a compute host's probe agent (docs/PROBE-AGENT.md) and prints its answer as JSON. */
@Command(name = "probe", mixinStandardHelpOptions = true,
        description = "Ask the probe agent of a compute host for its NUMA/NIC topology, an instance's placement "
                + "or its libvirt job, and print it as JSON. Agents and token: probe-agents.properties in the config dir.")
public final class ProbeCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", description = "Nova host name of the compute host")
    String host;

    @Option(names = "--instance", description = "Instance UUID: print its placement instead of the whole host")
    String instance;

    @Option(names = "--jobinfo", description = "With --instance: print libvirt's job (live migration statistics)")
    boolean jobInfo;

    @Option(names = "--trust", paramLabel = "FINGERPRINT",
            description = "Pin this SHA-256 fingerprint for the host's agent first (after checking it on the host)")
    String trust;

    @Override
    public Integer call() throws Exception {
        Messages messages = Messages.forLocale(Locale.getDefault());
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (jobInfo && instance == null) {
            err.println(messages.get("probe.cli.jobInfoNeedsInstance"));
            return 2;
        }
        AppDirs dirs = AppDirs.forCurrentUser();
        try {
            HostAgents client = HostAgents.of(dirs);
            if (trust != null) {
                err.println(messages.get("probe.cli.pinned", host, client.trust(host, trust.strip()), trust.strip()));
            }
            Object answer = instance == null ? client.host(host)
                    : jobInfo ? client.jobInfo(host, instance) : client.instance(host, instance);
            ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule())
                    .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).enable(SerializationFeature.INDENT_OUTPUT);
            out.println(json.writeValueAsString(answer));
            return 0;
        } catch (ProbeException e) {
            err.println(messages.get(e.messageKey(), e.messageArgs().toArray()));
            if (e.kind() == ProbeException.Kind.CERTIFICATE_UNKNOWN) {
                err.println(messages.get("probe.cli.trustHint", host, e.presentedFingerprint()));
                return 3;
            }
            return e.kind() == ProbeException.Kind.CERTIFICATE_CHANGED ? 3 : 1;
        } catch (IllegalArgumentException e) {
            err.println(messages.get("probe.cli.badInput", e.getMessage()));
            return 2;
        }
    }
}
