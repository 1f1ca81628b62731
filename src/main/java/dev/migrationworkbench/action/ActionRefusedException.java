package dev.migrationworkbench.action;

/** The fresh state does not allow the action; nothing was sent to Nova. */
public final class ActionRefusedException extends RuntimeException {

    private static final long serialVersionUID = 1L;
    private final transient ActionCheck check;

    public ActionRefusedException(ActionCheck check) {
        super(check.action() + " refused: " + check.blockers());
        this.check = check;
    }

    public ActionCheck check() {
        return check;
    }
}
