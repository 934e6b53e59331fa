package gov.tawasul.staff;

import gov.tawasul.engine.testing.TestDb;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;

/**
 * Single sign-on through the agency's OpenID Connect provider (a WireMock one from quarkus-test-oidc-server: its
 * code flow signs in {@code alice} with groups {@code user, admin}), beside the form login.
 */
@QuarkusTest
@TestProfile(SsoLoginTest.SsoOn.class)
class SsoLoginTest {

    /** Single sign-on on, against the mock provider. */
    public static class SsoOn implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> config = new HashMap<>();
            config.put("tawasul.staff.oidc.enabled", "true");
            config.put("quarkus.oidc.auth-server-url", "${keycloak.url}/realms/quarkus");
            config.put("quarkus.oidc.client-id", "tawasul-console");
            config.put("quarkus.oidc.credentials.secret", "a-client-secret-of-32-characters-or-more");
            return config;
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(OidcWiremockTestResource.class));
        }
    }

    @Test
    void theLoginPageOffersTheAgencyAccount() {
        given().get("/console/login?lang=en").then().statusCode(200)
                .body(containsString("<a class=\"sso\" href=\"/console/login/sso\">Sign in with the agency account</a>"));
        given().get("/console/login").then().body(containsString("الدخول بحساب الجهة"));
    }

    @Test
    void anAgencyAccountSignsInWithTheRoleOfItsClaimAndGetsAStaffAccount() {
        TestDb.execute("delete from staff_user where username = 'alice'");
        long before = ((Number) TestDb.value("select coalesce(max(id), 0) from audit_event")).longValue();
        Map<String, String> cookies = signInAtTheProvider();

        Response landed = given().redirects().follow(false).cookies(cookies).get("/console/login/sso");
        assertThat(landed.statusCode()).isEqualTo(303);
        assertThat(landed.getHeader("Location")).endsWith("/console");
        Map<String, Object> account = TestDb.rows("select role, password_hash, enabled from staff_user where username = 'alice'").get(0);
        assertThat(account).containsEntry("role", "ADMIN").containsEntry("enabled", true);
        assertThat(account.get("password_hash")).isNull();
        assertThat(TestDb.rows("select action, actor, detail ->> 'via' as via from audit_event where id > ?"
                + " and target_id = 'alice' order by id", before)).extracting(r -> r.get("action") + ":" + r.get("actor")
                + ":" + r.get("via")).containsExactly("USER_CREATED:system:oidc", "LOGIN:alice:oidc");

        // the provider's session works on the API and pages, with the role of the claim
        given().cookies(cookies).get("/api/staff/users").then().statusCode(200).body("username", hasItem("alice"));
        given().cookies(cookies).get("/console/admin/users").then().statusCode(200);
        // and not with a password: the account has none
        assertThat(StaffSession.postLogin("alice", "").getHeader("Location")).contains("error=failed");

        // a disabled account is refused even with the provider's session
        TestDb.execute("update staff_user set enabled = false where username = 'alice'");
        given().redirects().follow(false).cookies(cookies).get("/api/staff/users").then().statusCode(401);
        TestDb.execute("update staff_user set enabled = true where username = 'alice'");
    }

    @Test
    void theFormLoginStillWorksBesideIt() {
        StaffSession admin = StaffSession.loginAs(gov.tawasul.staff.account.StaffRole.ADMIN);
        admin.given().get("/api/staff/users").then().statusCode(200);
        // without a session a page still goes to our login page, not to the provider
        given().redirects().follow(false).get("/console/supervision/audit").then().statusCode(302)
                .header("Location", org.hamcrest.Matchers.endsWith("/console/login"));
        given().redirects().follow(false).get("/api/staff/users").then().statusCode(401);
    }

    @Test
    void logoutEndsTheProviderSessionHere() {
        Map<String, String> cookies = signInAtTheProvider();
        given().redirects().follow(false).cookies(cookies).get("/console/login/sso").then().statusCode(303);
        Response page = given().cookies(cookies).get("/console/login");
        String csrf = page.getCookie(StaffSession.CSRF_COOKIE);
        Response out = given().redirects().follow(false).cookies(cookies).cookie(StaffSession.CSRF_COOKIE, csrf)
                .header(StaffSession.CSRF_HEADER, csrf).post("/console/logout");
        assertThat(out.statusCode()).isEqualTo(303);
        assertThat(out.getDetailedCookie("q_session").getMaxAge()).isZero();
    }

    /** Runs the authorization code flow against the mock provider; @return the cookies of the console session */
    private static Map<String, String> signInAtTheProvider() {
        Response start = given().redirects().follow(false).get("/console/login/sso");
        assertThat(start.statusCode()).isEqualTo(302);
        Map<String, String> cookies = new HashMap<>(start.getCookies());
        URI authorize = URI.create(start.getHeader("Location"));
        Map<String, String> query = query(authorize.getRawQuery());
        // the provider's login form posts to /login, which sends the browser back with a code
        Response back = RestAssured.given().redirects().follow(false).urlEncodingEnabled(false)
                .get(authorize.getScheme() + "://" + authorize.getAuthority() + "/login?state=" + query.get("state")
                        + "&redirect_uri=" + query.get("redirect_uri"));
        assertThat(back.statusCode()).isEqualTo(302);
        Response callback = given().redirects().follow(false).urlEncodingEnabled(false).cookies(cookies)
                .get(URI.create(back.getHeader("Location")).getRawPath() + "?" + URI.create(back.getHeader("Location")).getRawQuery());
        assertThat(callback.statusCode()).as(callback.asString()).isEqualTo(302);
        cookies.putAll(callback.getCookies());
        assertThat(cookies).containsKey("q_session");
        return cookies;
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> params = new HashMap<>();
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            params.put(pair.substring(0, eq), pair.substring(eq + 1));
        }
        return params;
    }
}
