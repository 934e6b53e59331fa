package gov.tawasul.staff.account;

/**
 * A new staff account, as {@code POST /api/staff/users} takes it.
 *
 * @param username    login name (2–64 of {@code a-z 0-9 . _ @ -}; stored lower case)
 * @param displayName name shown to colleagues (1–128 characters)
 * @param role        {@code AGENT}, {@code SUPERVISOR} or {@code ADMIN}
 * @param password    initial password ({@code tawasul.staff.password.min-length} characters or more, at most 72
 *                    bytes)
 * @param locale      console language {@code ar} or {@code en}; null = {@code ar}
 */
public record NewStaff(String username, String displayName, String role, String password, String locale) {

    @Override
    public String toString() {
        return "NewStaff[" + username + ", " + displayName + ", " + role + ", " + locale + "]";
    }
}
