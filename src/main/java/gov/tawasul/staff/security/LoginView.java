package gov.tawasul.staff.security;

/**
 * What the login page ({@code templates/console/login.html}) shows.
 *
 * @param lang        page language, {@code ar} (default) or {@code en}
 * @param error       {@code failed}, {@code locked}, {@code sso}, or null
 * @param lockMinutes how long a lock lasts, in minutes (for the {@code locked} message)
 * @param sso         whether single sign-on is offered
 * @param signedOut   whether to confirm a logout
 */
public record LoginView(String lang, String error, long lockMinutes, boolean sso, boolean signedOut) {

    /** @return {@code rtl} for Arabic, else {@code ltr} */
    public String dir() {
        return "ar".equals(lang) ? "rtl" : "ltr";
    }
}
