package dev.migrationworkbench.cli;

import dev.migrationworkbench.action.ActionCheck;
import dev.migrationworkbench.action.ActionRefusedException;
import dev.migrationworkbench.action.Blocker;
import dev.migrationworkbench.action.MigrationAction;
import dev.migrationworkbench.diagnosis.convergence.ConvergenceAnalysis;
import dev.migrationworkbench.diagnosis.convergence.ConvergenceAnalysis.ForceCompleteEstimate;
import dev.migrationworkbench.i18n.Messages;
import dev.migrationworkbench.model.Migration;
import dev.migrationworkbench.service.Connector;
import dev.migrationworkbench.service.MigrationActionService;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code migration abort|force-complete}: the wizard for runbooks and jump hosts. Finds the live
 * migration, checks Nova's conditions on fresh state (a refusal prints why and sends nothing),
 * shows the downtime to expect, asks for confirmation unless {@code --yes}, writes the audit log
 * entry, sends the action once and follows the migration to its end.
 */
@Command(name = "migration", mixinStandardHelpOptions = true,
        description = "Abort or force-complete a live migration, with the wizard's checks.",
        subcommands = {MigrationCommand.Abort.class, MigrationCommand.ForceComplete.class})
public final class MigrationCommand implements Runnable {

    static final int DONE = 0;
    /** refused (by the checks or by Nova), declined, or the migration ended otherwise than intended */
    static final int NOT_DONE = 1;

    /** Nova unreachable or failing: 3; our credentials or microversion: 2; Nova refused the action: 1. */
    private static final CloudOptions.Exits EXITS = new CloudOptions.Exits("migration.error.cloud", kind -> switch (kind) {
        case UNREACHABLE, TIMEOUT, TLS, RATE_LIMITED, SERVER_ERROR, BAD_RESPONSE -> DiagnoseCommand.UNREACHABLE;
        case UNAUTHORIZED, UNSUPPORTED_MICROVERSION -> DiagnoseCommand.USAGE;
        default -> NOT_DONE;
    }, NOT_DONE);

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "Name the action: migration abort or migration force-complete");
    }

    @Command(name = "abort", mixinStandardHelpOptions = true,
            description = "Abort a live migration: the instance keeps running on the source, no interruption.%n"
                    + "Exit codes: 0 the migration ended cancelled, 1 refused, declined or ended otherwise, "
                    + "2 usage or configuration error, 3 cloud unreachable.")
    static final class Abort extends Action {
        Abort() {
            super(MigrationAction.ABORT);
        }

        Abort(Connector connector, InputStream answers) {
            super(MigrationAction.ABORT, connector, answers);
        }
    }

    @Command(name = "force-complete", mixinStandardHelpOptions = true,
            description = "Force-complete a live migration: the instance is paused (or switched to post-copy) "
                    + "until the copy finishes. This can cause significant downtime.%n"
                    + "Exit codes: 0 the migration ended completed, 1 refused, declined or ended otherwise, "
                    + "2 usage or configuration error, 3 cloud unreachable.")
    static final class ForceComplete extends Action {
        ForceComplete() {
            super(MigrationAction.FORCE_COMPLETE);
        }

        ForceComplete(Connector connector, InputStream answers) {
            super(MigrationAction.FORCE_COMPLETE, connector, answers);
        }
    }

    abstract static class Action implements Callable<Integer> {

        private final MigrationAction action;


        @Option(names = "--server", required = true, paramLabel = "NAME|ID", description = "The migrating server.")
        String server;

        @Option(names = "--migration", paramLabel = "ID", description = "The migration (ID or UUID); default: the one in progress.")
        String migration;

        @Option(names = "--case", required = true, paramLabel = "REF",
                description = "Support case or change reference, written to the audit log.")
        String caseReference;

        @Option(names = "--yes", description = "Do not ask for confirmation.")
        boolean yes;

        @Option(names = "--follow", paramLabel = "SECONDS", defaultValue = "600",
                description = "Follow the migration to its end for at most this long (default: 600).")
        int followSeconds;




        @Mixin
        CloudOptions options = new CloudOptions();

        @Spec
        CommandSpec spec;

        private final Connector connector;
        private final InputStream answers;

        Action(MigrationAction action) {
            this(action, null, System.in);
        }

        Action(MigrationAction action, Connector connector, InputStream answers) {
            this.action = action;
            this.connector = connector;
            this.answers = answers;
        }

        @Override
        public Integer call() {
            if (caseReference.isBlank()) {
                throw new ParameterException(spec.commandLine(), "--case needs a support case or change reference, e.g. --case 04123456");
            }
            if (followSeconds < 0) {
                throw new ParameterException(spec.commandLine(), "--follow must be 0 or more seconds, not " + followSeconds);
            }
            Messages messages = options.messages();
            PrintWriter out = TerminalText.writer(spec.commandLine().getOut());
            PrintWriter err = TerminalText.writer(spec.commandLine().getErr());
            return options.run(connector, spec, messages, EXITS,
                    connection -> act(new MigrationActionService(connection), messages, out, err));
        }

        private int act(MigrationActionService service, Messages messages, PrintWriter out, PrintWriter err)
                throws IOException, InterruptedException {
            MigrationActionService.Target target = service.target(server, migration);
            Migration m = target.migration();
            out.println(messages.get("wizard.summary", target.server().name() + " (" + target.server().id() + ")",
                    String.valueOf(m.id()), m.status(), String.valueOf(m.sourceCompute()), String.valueOf(m.destCompute()),
                    mib(m.memoryRemainingBytes()), mib(m.memoryTotalBytes())));
            Optional<ConvergenceAnalysis> analysis = action == MigrationAction.FORCE_COMPLETE ? service.analysis(target)
                    : Optional.empty();
            ActionCheck check = service.check(action, target);
            if (!check.allowed()) {
                err.println(messages.get("wizard.check.blocked"));
                check.blockers().forEach(b -> err.println("  - " + text(messages, b)));
                err.println(messages.get("wizard.result.refused"));
                return NOT_DONE;
            }
            out.println(messages.get("wizard.check.ok"));
            check.warnings().forEach(w -> out.println("  ! " + text(messages, w)));
            out.println(consequence(messages, analysis, m));
            out.println(messages.get("wizard.confirm.command") + ": " + action.cliCommand(target.server().id(), m.id()));
            if (!yes && !confirmed(messages, out)) {
                err.println(messages.get("migration.declined"));
                return NOT_DONE;
            }
            ActionCheck sent;
            try {
                sent = service.execute(action, target, caseReference);
            } catch (ActionRefusedException e) {
                err.println(messages.get("wizard.check.blocked"));
                e.check().blockers().forEach(b -> err.println("  - " + text(messages, b)));
                err.println(messages.get("wizard.result.refused"));
                return NOT_DONE;
            }
            out.println(messages.get(action == MigrationAction.ABORT ? "wizard.result.abortAccepted" : "wizard.result.forceAccepted"));
            out.flush();
            Migration end = service.followToEnd(sent, caseReference, Duration.ofSeconds(followSeconds), r -> {
                out.println("  " + messages.get("migration.reading", r.status(), mib(r.memoryRemainingBytes())));
                out.flush();
            });
            if (end.inProgress()) {
                err.println(messages.get("migration.stillRunning", followSeconds, end.status()));
                return NOT_DONE;
            }
            out.println(messages.get("wizard.result.ended", end.status()));
            String intended = action == MigrationAction.ABORT ? "cancelled" : "completed";
            return intended.equals(end.status()) ? DONE : NOT_DONE;
        }

        private boolean confirmed(Messages messages, PrintWriter out) throws IOException {
            out.print(messages.get("migration.confirm", caseReference) + " ");
            out.flush();
            String line = new BufferedReader(new InputStreamReader(answers, StandardCharsets.UTF_8)).readLine();
            if (System.console() == null) {
                out.println(); // the answer came from a pipe, not typed with its newline
            }
            return line != null && line.trim().equalsIgnoreCase(messages.get("migration.confirm.yes"));
        }

        private String consequence(Messages messages, Optional<ConvergenceAnalysis> analysis, Migration m) {
            if (action == MigrationAction.ABORT) {
                return messages.get("wizard.abort.consequence", String.valueOf(m.sourceCompute()));
            }
            if (analysis.isEmpty()) {
                return messages.get("wizard.force.unknown");
            }
            ForceCompleteEstimate fc = analysis.get().forceComplete();
            String text = fc.path() == ForceCompleteEstimate.Path.POST_COPY
                    ? messages.get("wizard.force.postCopy", seconds(fc.degradedSeconds()))
                    : fc.pauseSeconds() == null ? messages.get("wizard.force.pause.unknown")
                    : messages.get("wizard.force.pause", seconds(fc.pauseSeconds()), seconds(fc.pauseUpperSeconds()));
            return fc.pathFromHostConfig() ? text : text + " " + messages.get("wizard.force.assumedPause");
        }

        private static String text(Messages messages, Blocker b) {
            return messages.get(b.key(), b.args().toArray());
        }

        private static String seconds(Double s) {
            return s == null ? "?" : String.format(Locale.ROOT, "%.1f", s);
        }

        private static String mib(Long bytes) {
            return bytes == null ? "?" : String.valueOf(bytes / 1048576);
        }
    }
}
