package gov.tawasul.staff.account;

/**
 * A staff account as the rest of the application sees it (never its password).
 *
 * @param id          row id
 * @param username    login name, lower case (what {@code conversation.assigned_agent} and audit actors hold)
 * @param displayName name shown to colleagues
 * @param role        role (which includes the rights of the roles below it)
 * @param enabled     false: cannot sign in, open sessions end with their next request
 * @param locale      console language of this member: {@code ar} or {@code en}
 */
public record StaffMember(long id, String username, String displayName, StaffRole role, boolean enabled,
                          String locale) {

    /** @return whether this member has the rights of {@code needed} (an ADMIN has SUPERVISOR's and AGENT's) */
    public boolean has(StaffRole needed) {
        return role.includes(needed);
    }
}
