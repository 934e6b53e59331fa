package gov.tawasul.staff.account;

/**
 * CDI event fired after an administrator set a new password of an account (the login throttle lifts the
 * username's lock).
 *
 * @param username the account's username
 */
public record PasswordChanged(String username) {
}
