package gov.tawasul.staff;

import gov.tawasul.engine.testing.TestDb;
import gov.tawasul.staff.account.StaffRole;
import gov.tawasul.staff.security.LoginThrottle;
import io.quarkus.arc.Arc;
import io.quarkus.elytron.security.common.BcryptUtil;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

import java.time.Duration;
import java.util.Locale;

/**
 * A signed-in staff member for REST-assured tests against the running test app (real login through
 * {@code POST /j_security_check}, real CSRF cookie). Use from any {@code @QuarkusTest}:
 * <pre>
 * StaffSession agent = StaffSession.loginAs(StaffRole.AGENT);
 * agent.given().body(json).contentType("application/json").post("/api/staff/…")   // session cookie + CSRF header
 * agent.givenWithoutCsrf()…                                                        // session cookie only
 * </pre>
 * {@link #loginAs(StaffRole)} makes sure the account {@code test-agent} / {@code test-supervisor} /
 * {@code test-admin} exists with that role, enabled, password {@link #PASSWORD}, and not locked, then signs in.
 *
 * @param username      the member's username
 * @param sessionCookie value of the session cookie ({@value #SESSION_COOKIE})
 * @param csrfToken     the CSRF token: value of the {@value #CSRF_COOKIE} cookie, sent as {@value #CSRF_HEADER}
 */
public record StaffSession(String username, String sessionCookie, String csrfToken) {

    /** Session cookie of the console (quarkus.http.auth.form.cookie-name). */
    public static final String SESSION_COOKIE = "tawasul-session";
    /** CSRF cookie (quarkus.rest-csrf.cookie-name). */
    public static final String CSRF_COOKIE = "csrf-token";
    /** CSRF header (quarkus.rest-csrf.token-header-name). */
    public static final String CSRF_HEADER = "X-CSRF-TOKEN";
    /** CSRF form field (quarkus.rest-csrf.form-field-name). */
    public static final String CSRF_FIELD = "csrf-token";
    /** Password of the accounts this class creates. */
    public static final String PASSWORD = "test-password-0123";

    private static volatile String passwordHash;

    /** Signs in as {@code test-<role>} (created or reset as needed). */
    public static StaffSession loginAs(StaffRole role) {
        return loginAs("test-" + role.name().toLowerCase(Locale.ROOT), role);
    }

    /** Signs in as {@code username} with {@code role} (created or reset as needed, password {@link #PASSWORD}). */
    public static StaffSession loginAs(String username, StaffRole role) {
        ensureAccount(username, role, "Test " + role.name().toLowerCase(Locale.ROOT), "ar");
        unlock(username);
        return login(username, PASSWORD);
    }

    /**
     * Signs in with a username and password; fails the test when the login is refused.
     *
     * @return the session, with a CSRF token
     */
    public static StaffSession login(String username, String password) {
        Response response = postLogin(username, password);
        String location = response.getHeader("Location");
        String session = response.getCookie(SESSION_COOKIE);
        if (response.statusCode() != 302 || session == null || location == null || location.contains("error")) {
            throw new AssertionError("login of " + username + " refused: " + response.statusCode() + " " + location);
        }
        String csrf = RestAssured.given().redirects().follow(false).cookie(SESSION_COOKIE, session)
                .get("/console/login").then().statusCode(200).extract().cookie(CSRF_COOKIE);
        return new StaffSession(username, session, csrf);
    }

    /** @return the raw answer of {@code POST /j_security_check} (not followed: 302 to the landing or error page) */
    public static Response postLogin(String username, String password) {
        return RestAssured.given().redirects().follow(false)
                .contentType("application/x-www-form-urlencoded; charset=UTF-8")
                .formParam("j_username", username).formParam("j_password", password)
                .post("/j_security_check");
    }

    /** @return a request with the session cookie, the CSRF cookie and the CSRF header */
    public RequestSpecification given() {
        return givenWithoutCsrf().cookie(CSRF_COOKIE, csrfToken).header(CSRF_HEADER, csrfToken);
    }

    /** @return a request with the session cookie only (no CSRF cookie or header), redirects not followed */
    public RequestSpecification givenWithoutCsrf() {
        return RestAssured.given().redirects().follow(false).cookie(SESSION_COOKIE, sessionCookie);
    }

    /** Creates or resets the account (enabled, password {@link #PASSWORD}). */
    public static void ensureAccount(String username, StaffRole role, String displayName, String locale) {
        TestDb.execute("""
                insert into staff_user (username, display_name, role, password_hash, locale) values (?, ?, ?, ?, ?)
                on conflict (username) do update set display_name = excluded.display_name, role = excluded.role,
                    password_hash = excluded.password_hash, locale = excluded.locale, enabled = true""",
                username, displayName, role.name(), hash(), locale);
    }

    /** Lifts a login lock on {@code username} (through the app's throttle, in Redis). */
    public static void unlock(String username) {
        Arc.container().instance(LoginThrottle.class).get().unlock(username).await().atMost(Duration.ofSeconds(5));
    }

    private static String hash() {
        String h = passwordHash;
        if (h == null) {
            h = passwordHash = BcryptUtil.bcryptHash(PASSWORD, 4);
        }
        return h;
    }
}
