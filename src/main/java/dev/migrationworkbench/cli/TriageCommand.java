package dev.migrationworkbench.cli;

import dev.migrationworkbench.i18n.Messages;
import dev.migrationworkbench.service.Connector;
import dev.migrationworkbench.service.SamplingPolicy;
import dev.migrationworkbench.service.TriageService;
import dev.migrationworkbench.triage.Triage;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code triage}: every live migration of the cloud running or ended within a period, each with
 * the verdict {@code diagnose} gives it alone, attention first; counts per cause; each source
 * host's drain. Exit codes as {@code diagnose}: 0 nothing wrong, 1 findings, 2 usage or
 * configuration, 3 cloud unreachable, 4 inconclusive (and nothing found).
 */
@Command(name = "triage", mixinStandardHelpOptions = true,
        description = "Every live migration of the cloud at a glance: those running and those ended within a period, "
                + "each with its verdict (converging with ETA, slow, not converging, failed with its cause, timed out, "
                + "aborted, completed), counts per cause, and how far each source host's drain is.%n"
                + "Exit codes: 0 no problem found, 1 findings, 2 usage or configuration error, 3 cloud unreachable, "
                + "4 inconclusive (a running migration could not be judged, or a call the picture depends on failed).")
public final class TriageCommand implements Callable<Integer> {

    static final int INCONCLUSIVE = 4;

    enum Format { text, json }


    @Option(names = "--since", paramLabel = "DURATION", defaultValue = "24h", converter = DurationOption.class,
            description = "Include migrations ended within this period: 24h, 90m, 7d, 45s or ISO-8601 (default: 24h).")
    Duration since;

    @Option(names = "--host", paramLabel = "HOST", description = "Only migrations off this source host (a drain).")
    String host;

    @Option(names = "--format", paramLabel = "text|json", defaultValue = "text", description = "Output format (default: text).")
    Format format;

    @Option(names = "--watch", paramLabel = "SECONDS",
            description = "Sample the running migrations every 5 s for this long before judging them "
                    + "(default: until each verdict is confident, at most 30 s; as diagnose).")
    Integer watchSeconds;

    @Option(names = "--no-watch", description = "Do not sample running migrations: judge each from one reading.")
    boolean noWatch;




    @Mixin
    CloudOptions options = new CloudOptions();

    @Spec
    CommandSpec spec;

    private final Connector connector;

    public TriageCommand() {
        this(null);
    }

    /** With the clouds and config dirs to use (null: the user's standard ones). */
    TriageCommand(Connector connector) {
        this.connector = connector;
    }

    @Override
    public Integer call() {
        if (since.isNegative() || since.isZero()) {
            throw new ParameterException(spec.commandLine(), "--since must be a positive period such as 24h, not " + since);
        }
        if (watchSeconds != null && watchSeconds < 0) {
            throw new ParameterException(spec.commandLine(), "--watch must be 0 or more seconds, not " + watchSeconds);
        }
        if (watchSeconds != null && noWatch) {
            throw new ParameterException(spec.commandLine(), "--watch and --no-watch exclude each other");
        }
        Messages messages = options.messages();
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        SamplingPolicy policy = noWatch ? SamplingPolicy.none()
                : watchSeconds != null ? SamplingPolicy.watch(Duration.ofSeconds(watchSeconds)) : SamplingPolicy.standard();
        return options.run(connector, spec, messages, CloudOptions.Exits.DIAGNOSIS, connection -> {
            Triage triage = new TriageService(connection).triage(since, host, policy);
            DiagnosisText text = new DiagnosisText(messages);
            out.print(format == Format.json ? new TriageJson(text).render(connection.info(), triage) + "\n"
                    : TerminalText.safe(new TriageText(messages, text).render(connection.info(), triage)));
            return triage.hasFindings() ? DiagnoseCommand.FINDINGS
                    : triage.inconclusive() ? INCONCLUSIVE : DiagnoseCommand.OK;
        });
    }
}
