package dev.migrationworkbench.cli;

import dev.migrationworkbench.cloud.CloudException;
import dev.migrationworkbench.cloud.CloudProfileException;
import dev.migrationworkbench.democloud.ScenarioException;
import dev.migrationworkbench.i18n.Messages;
import dev.migrationworkbench.service.CloudConnection;
import dev.migrationworkbench.service.Connector;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;
import java.util.function.ToIntFunction;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * What {@code diagnose}, {@code triage} and {@code migration} share (a picocli mixin): the cloud to
 * use (clouds.yaml or the embedded demo), the language, and how a failure to reach or read the
 * cloud becomes a message and an exit code.
 */
final class CloudOptions {

    @Option(names = "--os-cloud", paramLabel = "NAME", description = "Cloud of clouds.yaml (default: OS_CLOUD, then the OS_* variables).")
    String cloud;

    @Option(names = "--demo", arity = "0..1", fallbackValue = "demo", paramLabel = "SCENARIO",
            description = "Use the embedded demo cloud with this built-in scenario or scenario file (default: demo).")
    String demo;

    @Option(names = "--demo-time", paramLabel = "DURATION", defaultValue = "PT3M",
            description = "Virtual time the demo scenario runs first (ISO-8601, default PT3M).")
    Duration demoTime;

    @Option(names = "--lang", paramLabel = "en|ja", description = "Language of the texts (default: the system's).")
    String language;

    /** What a command does once connected; its result is the exit code. */
    interface Work {
        int run(CloudConnection connection) throws IOException, InterruptedException;
    }

    /**
     * The exit codes of failures: a cloud error by its kind (with the message key that reports it),
     * and an interruption.
     */
    record Exits(String cloudErrorKey, ToIntFunction<CloudException.Kind> cloudError, int interrupted) {

        /** diagnose and triage: a refusal of our request is a usage error, anything else unreachable. */
        static final Exits DIAGNOSIS = new Exits("diagnose.error.cloud", kind -> switch (kind) {
            case UNAUTHORIZED, FORBIDDEN, BAD_REQUEST, UNSUPPORTED_MICROVERSION, NOT_AVAILABLE -> DiagnoseCommand.USAGE;
            default -> DiagnoseCommand.UNREACHABLE;
        }, DiagnoseCommand.INCONCLUSIVE);
    }

    Messages messages() {
        return Messages.forLocale(language == null ? Locale.getDefault() : Locale.forLanguageTag(language));
    }

    /**
     * Connects (the demo when {@code --demo} is given, else the cloud of clouds.yaml), runs the work
     * and closes the connection; a failure to connect or read is printed to the command's error
     * stream (made safe for a terminal) and gives its exit code.
     */
    int run(Connector connector, CommandSpec spec, Messages messages, Exits exits, Work work) {
        if (demoTime.isNegative()) {
            throw new ParameterException(spec.commandLine(), "--demo-time must not be negative: " + demoTime);
        }
        PrintWriter err = spec.commandLine().getErr();
        Connector connect = connector != null ? connector : Connector.standard();
        try (CloudConnection connection = demo != null ? connect.demoOnVirtualClock(demo, demoTime) : connect.cloud(cloud)) {
            return work.run(connection);
        } catch (CloudProfileException e) {
            err.println(TerminalText.safe(messages.get("diagnose.error.config", e.getMessage())));
            return DiagnoseCommand.USAGE;
        } catch (CloudException e) {
            err.println(TerminalText.safe(messages.get(exits.cloudErrorKey(), e.kind().name(), e.getMessage())));
            return exits.cloudError().applyAsInt(e.kind());
        } catch (IOException e) {
            err.println(TerminalText.safe(messages.get("diagnose.error.io", e.getMessage())));
            return DiagnoseCommand.UNREACHABLE;
        } catch (IllegalArgumentException | ScenarioException e) {
            // an unknown scenario, a malformed scenario file or settings file
            err.println(TerminalText.safe(messages.get("diagnose.error.config", e.getMessage())));
            return DiagnoseCommand.USAGE;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println(messages.get("diagnose.error.interrupted"));
            return exits.interrupted();
        } finally {
            spec.commandLine().getOut().flush();
            err.flush();
        }
    }
}
