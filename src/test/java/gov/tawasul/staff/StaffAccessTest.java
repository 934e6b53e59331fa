package gov.tawasul.staff;

import gov.tawasul.engine.testing.TestDb;
import gov.tawasul.staff.account.StaffRole;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.Cookie;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

/** Who reaches what, CSRF on every state-changing request, the session cookie, on the running app. */
@QuarkusTest
class StaffAccessTest {

    @Test
    void anAgentIsRefusedAdminPagesAndApiWith403() {
        StaffSession agent = StaffSession.loginAs(StaffRole.AGENT);
        agent.given().get("/api/staff/users").then().statusCode(403)
                .contentType("application/problem+json").body("status", equalTo(403)).body("title", equalTo("Forbidden"));
        agent.given().contentType("application/json")
                .body("{\"username\":\"sneaky\",\"displayName\":\"S\",\"role\":\"ADMIN\",\"password\":\"0123456789ab\"}")
                .post("/api/staff/users").then().statusCode(403).contentType("application/problem+json");
        agent.given().get("/console/admin/users").then().statusCode(403).contentType(containsString("text/html"))
                .body(containsString("Your role does not allow this page."));
        agent.given().get("/console/supervision/audit").then().statusCode(403);
        assertThat(TestDb.rows("select 1 from staff_user where username = 'sneaky'")).isEmpty();
    }

    @Test
    void eachRoleReachesItsOwnPages() {
        StaffSession supervisor = StaffSession.loginAs(StaffRole.SUPERVISOR);
        supervisor.given().get("/console/supervision/audit").then().statusCode(200);
        supervisor.given().get("/console/admin/users").then().statusCode(403);
        StaffSession admin = StaffSession.loginAs(StaffRole.ADMIN);
        admin.given().get("/console/supervision/audit").then().statusCode(200);
        admin.given().get("/console/admin/users").then().statusCode(200);
        admin.given().get("/api/staff/users").then().statusCode(200).body("username", hasItem("test-admin"));
    }

    @Test
    void aStateChangingRequestWithoutTheCsrfTokenIs403() {
        StaffSession admin = StaffSession.loginAs(StaffRole.ADMIN);
        String body = "{\"username\":\"csrf-victim\",\"displayName\":\"V\",\"role\":\"AGENT\",\"password\":\"0123456789ab\"}";
        // JSON without the header (cookie present): refused, although JSON is not a form
        admin.givenWithoutCsrf().cookie(StaffSession.CSRF_COOKIE, admin.csrfToken()).contentType("application/json")
                .body(body).post("/api/staff/users").then().statusCode(403).contentType("application/problem+json")
                .body("detail", containsString("CSRF"));
        // no cookie, no header
        admin.givenWithoutCsrf().contentType("application/json").body(body).post("/api/staff/users")
                .then().statusCode(403);
        // a header that is not the cookie's token
        admin.givenWithoutCsrf().cookie(StaffSession.CSRF_COOKIE, admin.csrfToken())
                .header(StaffSession.CSRF_HEADER, "AAAAAAAAAAAAAAAAAAAAAA").contentType("application/json")
                .body(body).post("/api/staff/users").then().statusCode(403);
        // a plain form without the field; then with a wrong field
        admin.givenWithoutCsrf().cookie(StaffSession.CSRF_COOKIE, admin.csrfToken())
                .contentType("application/x-www-form-urlencoded").formParam("locale", "en")
                .post("/console/me/locale").then().statusCode(403);
        admin.givenWithoutCsrf().cookie(StaffSession.CSRF_COOKIE, admin.csrfToken())
                .contentType("application/x-www-form-urlencoded").formParam("locale", "en")
                .formParam(StaffSession.CSRF_FIELD, "BBBBBBBBBBBBBBBBBBBBBB").post("/console/me/locale")
                .then().statusCode(403);
        // logout without a token: refused, and the session still works
        admin.givenWithoutCsrf().post("/console/logout").then().statusCode(403);
        admin.given().get("/api/staff/users").then().statusCode(200);
        assertThat(TestDb.rows("select 1 from staff_user where username = 'csrf-victim'")).isEmpty();
        assertThat(TestDb.value("select locale from staff_user where username = 'test-admin'")).isEqualTo("ar");

        // with the token in the header (JSON) or the form field (plain form) it goes through
        admin.given().contentType("application/json").body(body).post("/api/staff/users").then().statusCode(201);
        admin.givenWithoutCsrf().cookie(StaffSession.CSRF_COOKIE, admin.csrfToken())
                .contentType("application/x-www-form-urlencoded").formParam("locale", "ar")
                .formParam(StaffSession.CSRF_FIELD, admin.csrfToken()).post("/console/me/locale")
                .then().statusCode(303);
        TestDb.execute("delete from staff_user where username = 'csrf-victim'");
    }

    @Test
    void webhooksStayOutsideCsrfAndLogin() {
        // unsigned: refused by the Twilio signature check (403 naming the signature), not by CSRF or the login
        given().redirects().follow(false).contentType("application/x-www-form-urlencoded")
                .formParam("MessageSid", "SMx").formParam("From", "+966500000001").formParam("Body", "hi")
                .post("/webhooks/twilio/sms").then().statusCode(403).body("detail", containsString("X-Twilio-Signature"));
        // a webhook answer sets no CSRF or session cookie
        Response verify = given().redirects().follow(false).get("/webhooks/facebook?hub.mode=subscribe");
        assertThat(verify.getDetailedCookies().hasCookieWithName(StaffSession.CSRF_COOKIE)).isFalse();
        assertThat(verify.getDetailedCookies().hasCookieWithName(StaffSession.SESSION_COOKIE)).isFalse();
    }

    @Test
    void theSessionCookieIsHttpOnlyStrictAndNotSecureOverPlainHttp() {
        StaffSession.ensureAccount("test-agent", StaffRole.AGENT, "Test agent", "ar");
        StaffSession.unlock("test-agent");
        Response login = StaffSession.postLogin("test-agent", StaffSession.PASSWORD);
        assertThat(login.statusCode()).isEqualTo(302);
        assertThat(login.getHeader("Location")).endsWith("/console");
        Cookie session = login.getDetailedCookie(StaffSession.SESSION_COOKIE);
        assertThat(session.isHttpOnly()).isTrue();
        assertThat(session.getSameSite()).isEqualToIgnoringCase("Strict");
        assertThat(session.getPath()).isEqualTo("/");
        assertThat(session.isSecured()).isFalse();   // tawasul.public-url is http here; SecureCookiesTest: https
        String setCookie = login.getHeaders().getValues("Set-Cookie").stream()
                .filter(h -> h.startsWith(StaffSession.SESSION_COOKIE + "=")).findFirst().orElseThrow();
        assertThat(setCookie).containsIgnoringCase("HttpOnly").containsIgnoringCase("SameSite=Strict");

        Response page = given().redirects().follow(false).cookie(StaffSession.SESSION_COOKIE, session.getValue())
                .get("/console/login");
        Cookie csrf = page.getDetailedCookie(StaffSession.CSRF_COOKIE);
        assertThat(csrf.isHttpOnly()).isTrue();
        assertThat(csrf.getPath()).isEqualTo("/");
        assertThat(Duration.ofSeconds(csrf.getMaxAge())).isEqualTo(Duration.ofHours(8));
    }

    @Test
    void consoleAndApiAnswersAreNotFramedCachedOrSniffed() {
        StaffSession agent = StaffSession.loginAs(StaffRole.AGENT);
        for (Response r : new Response[]{agent.given().get("/console/supervision/audit"),
                given().get("/console/login"), given().get("/api/staff/users")}) {
            assertThat(r.getHeader("X-Frame-Options")).isEqualTo("DENY");
            assertThat(r.getHeader("Content-Security-Policy")).isEqualTo("frame-ancestors 'none'");
            assertThat(r.getHeader("X-Content-Type-Options")).isEqualTo("nosniff");
            assertThat(r.getHeader("Cache-Control")).isEqualTo("no-store");
        }
    }

    @Test
    void anHtmxRequestWithoutASessionIsSentToTheLoginPageWhole() {
        given().redirects().follow(false).header("HX-Request", "true").get("/console/supervision/audit")
                .then().statusCode(401).header("HX-Redirect", "/console/login");
    }

    @Test
    void theLoginSendsBackToThePageFirstAskedFor() {
        Response first = given().redirects().follow(false).get("/console/supervision/audit?before=5");
        assertThat(first.statusCode()).isEqualTo(302);
        Cookie returnTo = first.getDetailedCookie("tawasul-return-to");
        assertThat(returnTo.getValue()).endsWith("/console/supervision/audit?before=5");
        StaffSession.ensureAccount("test-supervisor", StaffRole.SUPERVISOR, "Test supervisor", "ar");
        StaffSession.unlock("test-supervisor");
        given().redirects().follow(false).cookie("tawasul-return-to", returnTo.getValue())
                .contentType("application/x-www-form-urlencoded")
                .formParam("j_username", "test-supervisor").formParam("j_password", StaffSession.PASSWORD)
                .post("/j_security_check").then().statusCode(302)
                .header("Location", endsWith("/console/supervision/audit?before=5"));
    }

    @Test
    void disablingAnAccountOrChangingItsRoleAppliesToItsOpenSessionAtOnce() {
        StaffSession.ensureAccount("test-demoted", StaffRole.SUPERVISOR, "Demoted", "ar");
        StaffSession member = StaffSession.loginAs("test-demoted", StaffRole.SUPERVISOR);
        member.given().get("/console/supervision/audit").then().statusCode(200);
        TestDb.execute("update staff_user set role = 'AGENT' where username = 'test-demoted'");
        member.given().get("/console/supervision/audit").then().statusCode(403);
        TestDb.execute("update staff_user set enabled = false where username = 'test-demoted'");
        member.given().get("/console/supervision/audit").then().statusCode(302)
                .header("Location", endsWith("/console/login"));
        member.given().get("/api/staff/users").then().statusCode(401).contentType("application/problem+json");
        // its cookie is cleared
        Response stale = member.given().get("/console/supervision/audit");
        assertThat(stale.getDetailedCookie(StaffSession.SESSION_COOKIE).getMaxAge()).isZero();
        // and the password no longer signs in
        Response refused = StaffSession.postLogin("test-demoted", StaffSession.PASSWORD);
        assertThat(refused.getHeader("Location")).contains("/console/login?error=failed");
    }

    @Test
    void logoutClearsTheCookieAndIsAudited() {
        StaffSession agent = StaffSession.loginAs(StaffRole.AGENT);
        long before = ((Number) TestDb.value("select coalesce(max(id), 0) from audit_event")).longValue();
        Response out = agent.given().post("/console/logout");
        assertThat(out.statusCode()).isEqualTo(303);
        assertThat(out.getHeader("Location")).endsWith("/console/login?out=1&lang=ar");
        Cookie cleared = out.getDetailedCookie(StaffSession.SESSION_COOKIE);
        assertThat(cleared.getValue()).isEmpty();
        assertThat(cleared.getMaxAge()).isZero();
        assertThat(TestDb.rows("select actor, target_id, detail::text as detail from audit_event where id > ? and action = 'LOGOUT'",
                before)).singleElement().satisfies(row -> {
                    assertThat(row.get("actor")).isEqualTo("test-agent");
                    assertThat(row.get("detail").toString()).contains("\"via\": \"form\"");
                });
        // htmx: 204 with a whole-page redirect
        StaffSession again = StaffSession.loginAs(StaffRole.AGENT);
        again.given().header("HX-Request", "true").post("/console/logout").then().statusCode(204)
                .header("HX-Redirect", "/console/login?out=1&lang=ar");
    }
}
