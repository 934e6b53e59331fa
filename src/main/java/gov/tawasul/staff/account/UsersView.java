package gov.tawasul.staff.account;

import gov.tawasul.staff.console.ConsolePage;

import java.util.List;
import java.util.Map;

/**
 * What {@code templates/console/admin/users.html} shows.
 *
 * @param page       the layout's data
 * @param users      the accounts, by username
 * @param roles      the roles to choose from, with their names in the page's language
 * @param minLength  shortest password accepted
 * @param notice     a confirmation or error line, or null
 * @param noticeKind {@code ok} or {@code bad}
 * @param draft      the new-account form as last submitted (with its errors), never its password
 */
public record UsersView(ConsolePage page, List<Row> users, List<Option> roles, int minLength, String notice,
                        String noticeKind, Row draft) {

    /**
     * One account, or the new-account form.
     *
     * @param username    login name
     * @param displayName shown name
     * @param role        role name
     * @param roleLabel   role in the page's language
     * @param enabled     whether it can sign in
     * @param locale      {@code ar} or {@code en}
     * @param passwordSet whether it has a password
     * @param errors      field → message in the page's language, for the fields of the last submission that were
     *                    wrong ({@code username}, {@code displayName}, {@code role}, {@code locale},
     *                    {@code password}, {@code form})
     */
    public record Row(String username, String displayName, String role, String roleLabel, boolean enabled,
                      String locale, boolean passwordSet, Map<String, String> errors) {

        /** @return whether the last submission of this form had errors */
        public boolean invalid() {
            return !errors.isEmpty();
        }
    }

    /**
     * A choice of a select.
     *
     * @param value submitted value
     * @param label shown label
     */
    public record Option(String value, String label) {
    }
}
