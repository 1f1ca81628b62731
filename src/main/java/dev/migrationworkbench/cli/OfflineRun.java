package dev.migrationworkbench.cli;

import dev.migrationworkbench.i18n.Messages;
import dev.migrationworkbench.model.Evidence;
import dev.migrationworkbench.offline.EvidenceBundle;
import dev.migrationworkbench.offline.OfflineCase;
import dev.migrationworkbench.offline.OfflineDiagnosis;
import dev.migrationworkbench.offline.OfflineException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code diagnose --offline PATH...}: reads sosreports, logs or an evidence bundle (showing the
 * progress on stderr), lists the migrations found or diagnoses one server, in the same formats and
 * with the same exit codes as online; an unreadable input is a usage error (2).
 */
final class OfflineRun {

    private final Messages messages;
    private final DiagnosisText text;
    private final PrintWriter out;
    private final PrintWriter err;

    OfflineRun(Messages messages, DiagnosisText text, PrintWriter out, PrintWriter err) {
        this.messages = messages;
        this.text = text;
        this.out = out;
        this.err = err;
    }

    int run(List<Path> inputs, String server, String migration, boolean json, Path pdf, Path saveEvidence) {
        OfflineDiagnosis offline = new OfflineDiagnosis();
        try {
            OfflineDiagnosis.Result result;
            if (OfflineDiagnosis.isBundle(inputs)) {
                result = offline.openBundle(inputs.get(0), migration);
            } else {
                if (saveEvidence != null) {
                    err.println(messages.get("offline.error.saveFromFiles"));
                    err.flush();
                    return DiagnoseCommand.USAGE;
                }
                OfflineCase c = offline.read(inputs, new Progress(err, messages));
                if (server == null) {
                    out.print(json ? new OfflineListing(messages).json(c) + "\n" : new OfflineListing(messages).text(c));
                    out.flush();
                    return DiagnoseCommand.OK;
                }
                result = offline.diagnose(c, server, migration);
            }
            out.print(json ? new DiagnosisJson(text, messages.locale().getLanguage()).render(result.run()) + "\n"
                    : text.render(result.run()));
            out.flush();
            if (pdf != null && !DiagnoseCommand.writePdf(result.run(), messages, err, pdf, null)) {
                return DiagnoseCommand.USAGE;
            }
            if (saveEvidence != null && !saveBundle(result.evidence(), result.migrationId(), saveEvidence, messages, err)) {
                return DiagnoseCommand.USAGE;
            }
            return switch (result.run().outcome()) {
                case FINDINGS -> DiagnoseCommand.FINDINGS;
                case INCONCLUSIVE -> DiagnoseCommand.INCONCLUSIVE;
                case NO_PROBLEM -> DiagnoseCommand.OK;
            };
        } catch (OfflineException e) {
            err.println(messages.get("offline.error", e.getMessage()));
            err.flush();
            return DiagnoseCommand.USAGE;
        } catch (IOException e) {
            err.println(messages.get("diagnose.error.io", e.getMessage()));
            err.flush();
            return DiagnoseCommand.USAGE;
        }
    }

    static boolean saveBundle(Evidence evidence, String migration, Path file, Messages messages, PrintWriter err) {
        try {
            EvidenceBundle.write(evidence, migration, MainCommand.versionLines()[0], file);
            err.println(messages.get("offline.bundle.written", file.toAbsolutePath()));
            return true;
        } catch (IOException | RuntimeException e) {
            err.println(messages.get("offline.error.bundle", file.toAbsolutePath(), e.getMessage()));
            return false;
        } finally {
            err.flush();
        }
    }

    /** A line on stderr at every tenth of the input read. */
    private static final class Progress implements dev.migrationworkbench.offline.OfflineEvidenceReader.Progress {
        private final PrintWriter err;
        private final Messages messages;
        private int lastTenth = -1;

        Progress(PrintWriter err, Messages messages) {
            this.err = err;
            this.messages = messages;
        }

        @Override
        public void update(double fraction, String what) {
            int tenth = (int) Math.floor(fraction * 10);
            if (tenth > lastTenth && tenth < 10) {
                lastTenth = tenth;
                err.println(messages.get("offline.progress", tenth * 10, what));
                err.flush();
            }
        }
    }
}
