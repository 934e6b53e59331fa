package gov.tawasul.staff.account;

import java.time.Instant;

/**
 * A staff account in the JSON of {@code /api/staff/users} (never the password or its hash).
 *
 * @param username    login name
 * @param displayName name shown to colleagues
 * @param role        {@code AGENT}, {@code SUPERVISOR} or {@code ADMIN}
 * @param enabled     whether the account can sign in
 * @param locale      console language, {@code ar} or {@code en}
 * @param passwordSet whether the account can sign in with a password (false: single sign-on only)
 * @param createdAt   when it was created (ISO-8601)
 * @param updatedAt   when it last changed (ISO-8601)
 */
public record StaffUserView(String username, String displayName, StaffRole role, boolean enabled, String locale,
                            boolean passwordSet, Instant createdAt, Instant updatedAt) {

    /** @return the view of {@code account} */
    public static StaffUserView of(StaffAccount account) {
        StaffMember m = account.member();
        return new StaffUserView(m.username(), m.displayName(), m.role(), m.enabled(), m.locale(),
                account.hasPassword(), account.createdAt(), account.updatedAt());
    }
}
