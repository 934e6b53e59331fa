package gov.tawasul.staff.console;

/**
 * The signed-in staff member as the console shows and checks them.
 *
 * @param username    login name (what {@code conversation.assigned_agent} holds)
 * @param displayName name shown to colleagues
 * @param supervisor  holds the SUPERVISOR role (or ADMIN): sees full addresses, reassigns, manages canned replies
 * @param admin       holds the ADMIN role: manages accounts
 * @param lang        preferred UI language ({@code ar}/{@code en})
 */
public record ConsoleUser(String username, String displayName, boolean supervisor, boolean admin, String lang) {
}
