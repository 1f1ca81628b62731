package dev.migrationworkbench.cli;

import dev.migrationworkbench.i18n.Messages;
import dev.migrationworkbench.model.Evidence;
import dev.migrationworkbench.model.ProgressSample;
import dev.migrationworkbench.report.PdfReport;
import dev.migrationworkbench.service.Connector;
import dev.migrationworkbench.service.DiagnosisRun;
import dev.migrationworkbench.service.SamplingPolicy;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code diagnose}: collects the evidence of one server, diagnoses it and prints the findings as
 * text or JSON (docs/DIAGNOSIS.md). A running migration is sampled until its convergence verdict
 * is confident (at most 30 s) unless told otherwise. Exit codes: 0 no problem found, 1 findings,
 * 2 usage or configuration error, 3 cloud unreachable, 4 inconclusive (calls the verdict depends on
 * failed, or a running migration could not be judged).
 */
@Command(name = "diagnose", mixinStandardHelpOptions = true,
        description = "Diagnoses the live migration of one server: why it failed, whether it will converge, "
                + "what differs between its hosts.%nExit codes: 0 no problem found, 1 findings, "
                + "2 usage or configuration error, 3 cloud unreachable, 4 inconclusive (calls the verdict "
                + "depends on failed, or a running migration could not be judged).")
public final class DiagnoseCommand implements Callable<Integer> {

    static final int OK = 0;
    static final int FINDINGS = 1;
    static final int USAGE = 2;
    static final int UNREACHABLE = 3;
    static final int INCONCLUSIVE = 4;

    enum Format { text, json }


    @Option(names = "--server", paramLabel = "NAME|ID", description = "The server to diagnose (required, except with --offline: "
            + "without it the migrations found are listed).")
    String server;

    @Option(names = "--migration", paramLabel = "ID", description = "The migration (ID or UUID); default: the one in progress, else the newest.")
    String migration;

    @Option(names = "--watch", paramLabel = "SECONDS",
            description = "Sample the running migration every 5 s for this long before diagnosing "
                    + "(default: until the verdict is confident, at most 30 s).")
    Integer watchSeconds;

    @Option(names = "--no-watch", description = "Do not sample a running migration: judge from one reading.")
    boolean noWatch;

    @Option(names = "--format", paramLabel = "text|json", defaultValue = "text", description = "Output format (default: text).")
    Format format;




    @Option(names = "--offline", arity = "1..*", paramLabel = "PATH",
            description = "Diagnose from files instead of a cloud: sosreports (.tar.xz or extracted folders), Nova log "
                    + "files, or one evidence bundle (docs/OFFLINE.md).")
    List<Path> offline;

    @Option(names = "--save-evidence", paramLabel = "FILE",
            description = "Also save what was collected as an evidence bundle (no tokens or passwords) to attach to the case.")
    Path saveEvidence;

    @Option(names = "--pdf", paramLabel = "FILE", description = "Also write the diagnosis as a PDF report (for the support case) to FILE.")
    Path pdf;

    @Mixin
    CloudOptions options = new CloudOptions();

    @Spec
    CommandSpec spec;

    private final Connector connector;

    public DiagnoseCommand() {
        this(null);
    }

    /** With the clouds and config dirs to use (null: the user's standard ones). */
    DiagnoseCommand(Connector connector) {
        this.connector = connector;
    }

    @Override
    public Integer call() {
        if (watchSeconds != null && watchSeconds < 0) {
            throw new ParameterException(spec.commandLine(), "--watch must be 0 or more seconds, not " + watchSeconds);
        }
        if (watchSeconds != null && noWatch) {
            throw new ParameterException(spec.commandLine(), "--watch and --no-watch exclude each other");
        }
        Messages messages = options.messages();
        DiagnosisText text = new DiagnosisText(messages);
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        SamplingPolicy policy = noWatch ? SamplingPolicy.none()
                : watchSeconds != null ? SamplingPolicy.watch(Duration.ofSeconds(watchSeconds)) : SamplingPolicy.standard();
        if (offline != null) {
            if (options.demo != null || options.cloud != null || watchSeconds != null) {
                throw new ParameterException(spec.commandLine(),
                        "--offline reads files: it cannot be combined with --demo, --os-cloud or --watch");
            }
            return new OfflineRun(messages, text, out, err).run(offline, server, migration, format == Format.json, pdf,
                    saveEvidence);
        }
        if (server == null) {
            throw new ParameterException(spec.commandLine(),
                    "Missing required option: '--server=NAME|ID' (or --offline PATH... to read sosreports and logs)");
        }
        return options.run(connector, spec, messages, CloudOptions.Exits.DIAGNOSIS, connection -> {
            DiagnosisRun run = connection.diagnosis().diagnose(server, migration, policy, s -> progress(err, messages, s),
                    failed -> {
                        err.println(TerminalText.safe(messages.get("diagnose.watch.sampleFailed", failed.round(),
                                failed.rounds(), failed.reason())));
                        err.flush();
                    });
            if (migration != null && run.diagnosis().migration() == null) {
                return migrationNotFound(run.evidence(), messages, err);
            }
            out.print(format == Format.json
                    ? new DiagnosisJson(text, messages.locale().getLanguage()).render(run) + "\n"
                    : TerminalText.safe(text.render(run)));
            out.flush();
            if (pdf != null && !writePdf(run, messages, err, pdf, connection.isDemo() ? options.demo : null)) {
                return USAGE;
            }
            if (saveEvidence != null && !OfflineRun.saveBundle(run.evidence(), migration, saveEvidence, messages, err)) {
                return USAGE;
            }
            return switch (run.outcome()) {
                case FINDINGS -> FINDINGS;
                case INCONCLUSIVE -> INCONCLUSIVE;
                case NO_PROBLEM -> OK;
            };
        });
    }

    /** {@code --migration} names no migration of the server: an error, or inconclusive when the list failed. */
    private int migrationNotFound(Evidence evidence, Messages messages, PrintWriter err) {
        String server = evidence.server() != null ? evidence.server().id() : evidence.serverQuery();
        boolean listFailed = evidence.failedCalls().stream()
                .anyMatch(c -> "os-migrations.list".equals(c.name()) || "server-migrations.list".equals(c.name())
                        || "servers.show".equals(c.name()) || "servers.search".equals(c.name()));
        if (listFailed) {
            err.println(messages.get("diagnose.error.migrationNotChecked", migration, server));
            evidence.failedCalls().forEach(c -> err.println(messages.get("diagnose.text.inconclusiveCall", c.method(),
                    c.url(), (c.httpStatus() == null ? c.errorKind() : "HTTP " + c.httpStatus()) + " " + c.errorMessage())));
            err.flush();
            return INCONCLUSIVE;
        }
        String known = java.util.stream.Stream.concat(evidence.liveMigrations().stream(), evidence.migrations().stream())
                .map(m -> String.valueOf(m.id())).distinct().collect(java.util.stream.Collectors.joining(", "));
        err.println(messages.get("diagnose.error.migrationNotFound", migration, server, known.isEmpty() ? "-" : known));
        err.flush();
        return USAGE;
    }

    /** @param demoScenario the demo cloud's scenario when the run was on it (the report then says DEMO), else null */
    static boolean writePdf(DiagnosisRun run, Messages messages, PrintWriter err, Path pdf, String demoScenario) {
        try {
            new PdfReport(messages.locale(), ZoneId.systemDefault()).markedAsDemo(demoScenario)
                    .write(run.evidence(), run.diagnosis(), pdf);
            err.println(messages.get("diagnose.pdf.written", pdf.toAbsolutePath()));
            return true;
        } catch (IOException | RuntimeException e) {
            err.println(messages.get("diagnose.error.pdf", pdf.toAbsolutePath(), e.getMessage()));
            return false;
        } finally {
            err.flush();
        }
    }

    private static void progress(PrintWriter err, Messages messages, ProgressSample s) {
        err.println(messages.get("diagnose.watch.sample", String.valueOf(s.at()), s.status(),
                s.memoryRemainingBytes() / 1048576, s.memoryProcessedBytes() / 1048576));
        err.flush();
    }
}
