package gov.tawasul.staff.security;

/**
 * Where the staff console lives. Everything under {@value #CONSOLE} and {@value #API} needs a signed-in staff member
 * (application.properties, {@code quarkus.http.auth.permission.*}), except the login page and the console's static
 * assets; {@code /webhooks/**} never does (providers sign those requests themselves).
 */
public final class StaffPaths {

    /** Root of the console's pages. */
    public static final String CONSOLE = "/console";
    /** Root of the staff JSON API. */
    public static final String API = "/api/staff";
    /** The login page. */
    public static final String LOGIN = "/console/login";
    /** Where the login form posts (Quarkus form authentication). */
    public static final String LOGIN_POST = "/j_security_check";
    /** Landing page after login. */
    public static final String LANDING = "/console";

    private StaffPaths() {
    }

    /** @return whether {@code path} is the staff API */
    public static boolean isApi(String path) {
        return under(path, API);
    }

    /** @return whether {@code path} is a console page */
    public static boolean isConsole(String path) {
        return under(path, CONSOLE);
    }

    /** @return whether {@code path} is {@code root} or below it */
    static boolean under(String path, String root) {
        return path != null && (path.equals(root) || path.startsWith(root + "/") || path.startsWith(root + ";"));
    }
}
