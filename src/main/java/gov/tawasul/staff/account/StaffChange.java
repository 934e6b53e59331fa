package gov.tawasul.staff.account;

/**
 * Changes to a staff account, as {@code POST /api/staff/users/{username}} takes them; a null field stays as it is.
 *
 * @param displayName new display name
 * @param role        new role ({@code AGENT}, {@code SUPERVISOR}, {@code ADMIN})
 * @param enabled     false disables the account (its open sessions end with their next request)
 * @param locale      new console language ({@code ar}, {@code en})
 * @param password    new password (a reset by an administrator; also lifts a login lock on the username)
 */
public record StaffChange(String displayName, String role, Boolean enabled, String locale, String password) {

    @Override
    public String toString() {
        return "StaffChange[" + displayName + ", " + role + ", " + enabled + ", " + locale
                + (password == null ? "" : ", password") + "]";
    }
}
