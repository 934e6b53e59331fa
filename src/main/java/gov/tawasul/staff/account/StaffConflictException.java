package gov.tawasul.staff.account;

/** A staff account change that contradicts the stored state (name taken, last admin): answered 409. */
public class StaffConflictException extends RuntimeException {

    /** What conflicts. */
    public enum Kind {
        /** Another account has the username. */
        USERNAME_TAKEN,
        /** The change would leave no enabled ADMIN account. */
        LAST_ADMIN
    }

    private final Kind kind;

    /**
     * @param kind    what conflicts
     * @param message what conflicts (English, shown to the administrator)
     */
    public StaffConflictException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    /** @return what conflicts */
    public Kind kind() {
        return kind;
    }
}
