package gov.tawasul.staff.account;

import java.time.Instant;

/**
 * A staff account with what only the account store and the sign-in see.
 *
 * @param member       the member
 * @param passwordHash bcrypt hash (Modular Crypt Format), or null for a member who only signs in through single
 *                     sign-on
 * @param createdAt    when the account was created
 * @param updatedAt    when it last changed
 */
public record StaffAccount(StaffMember member, String passwordHash, Instant createdAt, Instant updatedAt) {

    /** @return whether the member can sign in with a password */
    public boolean hasPassword() {
        return passwordHash != null;
    }

    @Override
    public String toString() {
        return "StaffAccount[" + member + ", password " + (hasPassword() ? "set" : "none") + "]";
    }
}
