package dev.migrationworkbench.ui.findings;

import dev.migrationworkbench.model.Evidence;
import dev.migrationworkbench.ui.LoadState;
import dev.migrationworkbench.ui.UiExecutor;
import dev.migrationworkbench.service.DiagnosisRun;
import dev.migrationworkbench.ui.backend.FindingItem;
import dev.migrationworkbench.ui.backend.Text;
import dev.migrationworkbench.ui.backend.WorkbenchBackend;
import java.util.Comparator;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/** The diagnosis of one server: evidence collected in the background, then the findings, worst first. */
public final class FindingsViewModel {

    private final WorkbenchBackend backend;
    private final LoadState state;
    private final StringProperty query = new SimpleStringProperty("");
    private final ReadOnlyObjectWrapper<Evidence> evidence = new ReadOnlyObjectWrapper<>();
    private final ObservableList<FindingItem> findings = FXCollections.observableArrayList();
    private final ObservableList<Text> notes = FXCollections.observableArrayList();
    private final ReadOnlyObjectWrapper<DiagnosisRun.Outcome> outcome = new ReadOnlyObjectWrapper<>();

    public FindingsViewModel(WorkbenchBackend backend, UiExecutor executor) {
        this.backend = backend;
        this.state = new LoadState(executor);
    }

    /** Diagnoses a server by name or ID. */
    public void diagnose(String serverQuery) {
        query.set(serverQuery);
        diagnose();
    }

    /** Diagnoses the server in the query field (again). */
    public void diagnose() {
        String target = query.get() == null ? "" : query.get().trim();
        if (target.isEmpty()) {
            return;
        }
        state.run("diagnose " + target, /*i18n*/"findings.error", evidence.get() != null, () -> backend.diagnose(target),
                result -> {
                    notes.setAll(result.notes());
                    findings.setAll(result.findings().stream().sorted(Comparator.comparing(FindingItem::severity)).toList());
                    outcome.set(result.outcome());
                    evidence.set(result.evidence());
                });
    }

    /** Writes the PDF report of the current evidence; {@code onWritten} gets the file. */
    public void exportReport(java.nio.file.Path file, java.util.Locale locale, java.util.function.Consumer<java.nio.file.Path> onWritten) {
        Evidence current = evidence.get();
        if (current == null || file == null) {
            return;
        }
        state.run("export report", /*i18n*/"findings.export.error", true, () -> {
            backend.writeReport(current, locale, file);
            return file;
        }, onWritten);
    }

    /** A file name for the report: the server and the collection time. */
    public String suggestedReportName() {
        Evidence current = evidence.get();
        String subject = current == null ? "diagnosis" : current.server() == null ? current.serverQuery() : current.server().name();
        String when = current == null ? "" : "-" + java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd-HHmm")
                .withZone(java.time.ZoneId.systemDefault()).format(current.collectedAt());
        return "migration-diagnosis-" + subject.replaceAll("[^A-Za-z0-9._-]", "_") + when + ".pdf";
    }

    /** Forgets the previous connection's diagnosis. */
    public void clear() {
        state.reset();
        query.set("");
        findings.clear();
        notes.clear();
        outcome.set(null);
        evidence.set(null);
    }

    public StringProperty queryProperty() {
        return query;
    }

    public ReadOnlyObjectProperty<Evidence> evidenceProperty() {
        return evidence.getReadOnlyProperty();
    }

    /** The outcome of the diagnosis shown (null: none yet). */
    public ReadOnlyObjectProperty<DiagnosisRun.Outcome> outcomeProperty() {
        return outcome.getReadOnlyProperty();
    }

    public ObservableList<FindingItem> findings() {
        return findings;
    }

    /** What the diagnosis could not check. */
    public ObservableList<Text> notes() {
        return notes;
    }

    /** No finding, but no verdict either: calls it depends on failed, or a running migration could not be judged (the notes say which). */
    public boolean inconclusive() {
        return outcome.get() == DiagnosisRun.Outcome.INCONCLUSIVE;
    }

    public LoadState state() {
        return state;
    }
}
