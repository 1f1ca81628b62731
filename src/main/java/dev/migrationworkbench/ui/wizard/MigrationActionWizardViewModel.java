package dev.migrationworkbench.ui.wizard;

import dev.migrationworkbench.action.ActionCheck;
import dev.migrationworkbench.action.ActionRefusedException;
import dev.migrationworkbench.action.Blocker;
import dev.migrationworkbench.action.MigrationAction;
import dev.migrationworkbench.action.MigrationActions;
import dev.migrationworkbench.diagnosis.TextRef;
import dev.migrationworkbench.diagnosis.convergence.ConvergenceAnalysis;
import dev.migrationworkbench.diagnosis.convergence.ConvergenceAnalysis.ForceCompleteEstimate;
import dev.migrationworkbench.i18n.Messages;
import dev.migrationworkbench.model.Migration;
import dev.migrationworkbench.ui.UiExecutor;
import java.util.List;
import java.util.Locale;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The guided abort / force-complete wizard: choose (with the recommendation and the downtime to
 * expect), check Nova's preconditions on fresh state, confirm, then act once and follow the
 * migration to its end.
 */
public final class MigrationActionWizardViewModel {

    public enum Step {
        CHOOSE,
        CHECK,
        CONFIRM,
        RESULT
    }

    private final WizardTarget target;
    private final MigrationActions actions;
    private final UiExecutor executor;
    private final Messages messages;

    private final ReadOnlyObjectWrapper<Step> step = new ReadOnlyObjectWrapper<>(Step.CHOOSE);
    private final ObjectProperty<MigrationAction> action = new SimpleObjectProperty<>();
    private final ReadOnlyObjectWrapper<MigrationAction> recommended = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper();
    private final ReadOnlyObjectWrapper<ActionCheck> check = new ReadOnlyObjectWrapper<>();
    private final ObservableList<String> blockers = FXCollections.observableArrayList();
    private final ObservableList<String> warnings = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper("");
    private final BooleanProperty acknowledged = new SimpleBooleanProperty();
    private final StringProperty ticket = new SimpleStringProperty("");
    private final ReadOnlyStringWrapper outcome = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper finalStatus = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper finished = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper();
    /** The check of the action Nova accepted (set on the FX thread, read by the follow task). */
    private volatile ActionCheck accepted;
    private volatile boolean outcomeRecorded;

    public MigrationActionWizardViewModel(WizardTarget target, MigrationActions actions, UiExecutor executor, Locale locale) {
        this.target = target;
        this.actions = actions;
        this.executor = executor;
        this.messages = Messages.forLocale(locale);
        ConvergenceAnalysis analysis = target.analysis();
        if (analysis != null && analysis.recommendation() != null) {
            switch (analysis.recommendation().action()) {
                case ABORT -> recommended.set(MigrationAction.ABORT);
                case FORCE_COMPLETE -> recommended.set(MigrationAction.FORCE_COMPLETE);
                default -> recommended.set(null);
            }
        }
        action.set(recommended.get() != null ? recommended.get() : MigrationAction.ABORT);
        summary.set(summaryOf(target.serverName(), target.migration()));
        action.addListener((obs, old, now) -> acknowledged.set(false));
    }

    public WizardTarget target() {
        return target;
    }

    public ReadOnlyObjectProperty<Step> stepProperty() {
        return step.getReadOnlyProperty();
    }

    public ObjectProperty<MigrationAction> actionProperty() {
        return action;
    }

    public ReadOnlyObjectProperty<MigrationAction> recommendedProperty() {
        return recommended.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<ActionCheck> checkProperty() {
        return check.getReadOnlyProperty();
    }

    public ObservableList<String> blockers() {
        return blockers;
    }

    public ObservableList<String> warnings() {
        return warnings;
    }

    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    public BooleanProperty acknowledgedProperty() {
        return acknowledged;
    }

    public StringProperty ticketProperty() {
        return ticket;
    }

    public ReadOnlyStringProperty outcomeProperty() {
        return outcome.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty finalStatusProperty() {
        return finalStatus.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty finishedProperty() {
        return finished.getReadOnlyProperty();
    }

    /** Next is possible on CHOOSE, and on CHECK once the check passed. */
    public BooleanBinding canGoNext() {
        return Bindings.createBooleanBinding(() -> !busy.get() && switch (step.get()) {
            case CHOOSE -> action.get() != null;
            case CHECK -> check.get() != null && check.get().allowed();
            default -> false;
        }, step, busy, action, check);
    }

    /** Execute needs the confirmation (for force-complete: that the downtime is understood). */
    public BooleanBinding canExecute() {
        return Bindings.createBooleanBinding(() -> step.get() == Step.CONFIRM && !busy.get()
                && (action.get() != MigrationAction.FORCE_COMPLETE || acknowledged.get()), step, busy, action, acknowledged);
    }

    public BooleanBinding canGoBack() {
        return Bindings.createBooleanBinding(() -> !busy.get() && (step.get() == Step.CHECK || step.get() == Step.CONFIRM),
                step, busy);
    }

    public void next() {
        if (!canGoNext().get()) {
            return;
        }
        if (step.get() == Step.CHOOSE) {
            step.set(Step.CHECK);
            runCheck();
        } else if (step.get() == Step.CHECK) {
            step.set(Step.CONFIRM);
        }
    }

    public void back() {
        if (step.get() == Step.CHECK) {
            step.set(Step.CHOOSE);
        } else if (step.get() == Step.CONFIRM) {
            step.set(Step.CHECK);
            runCheck();
        }
    }

    /** Reads the server and migration again and checks Nova's preconditions. */
    public void runCheck() {
        busy.set(true);
        check.set(null);
        blockers.clear();
        warnings.clear();
        error.set("");
        MigrationAction chosen = action.get();
        executor.submit("check " + chosen, () -> actions.check(chosen, target.serverId(), target.migration().id()),
                result -> {
                    busy.set(false);
                    check.set(result);
                    // the header shows the state just read, not the one the wizard was opened on
                    summary.set(summaryOf(result.server().name(), result.migration().hasProgress()
                            ? result.migration() : target.migration()));
                    blockers.setAll(texts(result.blockers()));
                    warnings.setAll(texts(result.warnings()));
                },
                failure -> {
                    busy.set(false);
                    error.set(messages.get("wizard.error.check", failure.getMessage()));
                });
    }

    /** Sends the action once; on success follows the migration until it ends. */
    public void execute() {
        if (!canExecute().get()) {
            return;
        }
        busy.set(true);
        error.set("");
        MigrationAction chosen = action.get();
        step.set(Step.RESULT);
        outcome.set(messages.get("wizard.result.sending"));
        executor.submit(chosen.name(), () -> actions.execute(chosen, target.serverId(), target.migration().id(), ticket.get()),
                done -> {
                    accepted = done;
                    busy.set(false);
                    outcome.set(messages.get(chosen == MigrationAction.ABORT ? "wizard.result.abortAccepted"
                            : "wizard.result.forceAccepted"));
                    follow();
                },
                failure -> {
                    busy.set(false);
                    finished.set(true);
                    if (failure instanceof ActionRefusedException refused) {
                        blockers.setAll(texts(refused.check().blockers()));
                        outcome.set(messages.get("wizard.result.refused"));
                    } else {
                        outcome.set(messages.get("wizard.result.failed", failure.getMessage()));
                    }
                });
    }

    /** Reads the migration's status once; the view calls it periodically until {@link #finishedProperty()}. */
    public void follow() {
        if (finished.get()) {
            return;
        }
        String caseReference = ticket.get();
        executor.submit("follow migration", () -> {
                    Migration now = actions.follow(target.serverId(), target.migration().id());
                    ActionCheck done = accepted;
                    if (!now.inProgress() && done != null && !outcomeRecorded) {
                        outcomeRecorded = true;
                        actions.recordOutcome(done, now, caseReference);
                    }
                    return now;
                },
                migration -> {
                    finalStatus.set(migration.status());
                    if (!migration.inProgress()) {
                        finished.set(true);
                        outcome.set(messages.get("wizard.result.ended", migration.status()));
                    }
                },
                failure -> finalStatus.set(messages.get("wizard.error.follow", failure.getMessage())));
    }

    /** The summary line of the migration the wizard acts on, as last read. */
    public ReadOnlyStringProperty summaryProperty() {
        return summary.getReadOnlyProperty();
    }

    private String summaryOf(String serverName, Migration m) {
        String instance = serverName == null || serverName.equals(target.serverId())
                ? target.serverId() : serverName + " (" + target.serverId() + ")";
        return messages.get("wizard.summary", instance, m.id(), m.status(),
                String.valueOf(m.sourceCompute()), String.valueOf(m.destCompute()), mib(m.memoryRemainingBytes()),
                mib(m.memoryTotalBytes()));
    }

    /** What aborting costs: nothing for the guest; it stays on the source. */
    public String abortConsequence() {
        return messages.get("wizard.abort.consequence", String.valueOf(target.migration().sourceCompute()));
    }

    /** What force-completing costs now, from the convergence analysis. */
    public String forceCompleteConsequence() {
        ConvergenceAnalysis analysis = target.analysis();
        ForceCompleteEstimate estimate = analysis == null ? null : analysis.forceComplete();
        if (estimate == null) {
            return messages.get("wizard.force.unknown");
        }
        String text = switch (estimate.path()) {
            case PAUSE -> estimate.pauseSeconds() == null ? messages.get("wizard.force.pause.unknown")
                    : messages.get("wizard.force.pause", seconds(estimate.pauseSeconds()),
                    seconds(estimate.pauseUpperSeconds() == null ? estimate.pauseSeconds() : estimate.pauseUpperSeconds()));
            case POST_COPY -> messages.get("wizard.force.postCopy",
                    estimate.degradedSeconds() == null ? "?" : seconds(estimate.degradedSeconds()));
        };
        return estimate.pathFromHostConfig() ? text : text + " " + messages.get("wizard.force.assumedPause");
    }

    /** The recommendation and its reasons, or a note that there is none. */
    public List<String> recommendationReasons() {
        ConvergenceAnalysis analysis = target.analysis();
        if (analysis == null || analysis.recommendation() == null) {
            return List.of(messages.get("wizard.recommendation.none"));
        }
        return analysis.recommendation().reasons().stream().map(this::text).toList();
    }

    public String cliCommand() {
        return action.get() == null ? "" : action.get().cliCommand(target.serverId(), target.migration().id(), target.migration().status());
    }

    private List<String> texts(List<Blocker> items) {
        return items.stream().map(b -> messages.get(b.key(), b.args().toArray())).toList();
    }

    private String text(TextRef ref) {
        return messages.get(ref.key(), ref.argsArray());
    }

    private static String seconds(double value) {
        return value < 10 ? String.format(Locale.ROOT, "%.1f", value) : String.valueOf(Math.round(value));
    }

    private static String mib(Long bytes) {
        return bytes == null ? "?" : String.valueOf(bytes / (1024 * 1024));
    }
}
