package gov.tawasul.staff;

import gov.tawasul.staff.account.StaffRole;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * With an https public URL (the bot behind a TLS-terminating proxy: the connection to us is plain HTTP), the
 * console's cookies are {@code Secure} all the same.
 */
@QuarkusTest
@TestProfile(SecureCookiesTest.HttpsPublicUrl.class)
class SecureCookiesTest {

    /** The public URL is https. */
    public static class HttpsPublicUrl implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("tawasul.public-url", "https://console.example.gov");
        }
    }

    @Test
    void sessionReturnToAndCsrfCookiesAreSecure() {
        Response challenge = given().redirects().follow(false).get("/console/supervision/audit");
        assertThat(challenge.getDetailedCookie("tawasul-return-to").isSecured()).isTrue();

        StaffSession.ensureAccount("test-agent", StaffRole.AGENT, "Test agent", "ar");
        StaffSession.unlock("test-agent");
        Response login = StaffSession.postLogin("test-agent", StaffSession.PASSWORD);
        assertThat(login.getDetailedCookie(StaffSession.SESSION_COOKIE).isSecured()).isTrue();
        assertThat(login.getDetailedCookie(StaffSession.SESSION_COOKIE).isHttpOnly()).isTrue();
        assertThat(login.getDetailedCookie(StaffSession.SESSION_COOKIE).getSameSite()).isEqualToIgnoringCase("Strict");

        Response page = given().get("/console/login");
        assertThat(page.getDetailedCookie(StaffSession.CSRF_COOKIE).isSecured()).isTrue();
        // a cookie the browser sent is not sent back
        Response again = given().cookie(StaffSession.CSRF_COOKIE, page.getCookie(StaffSession.CSRF_COOKIE))
                .cookie(StaffSession.SESSION_COOKIE, login.getCookie(StaffSession.SESSION_COOKIE))
                .get("/webhooks/facebook");
        assertThat(again.getHeaders().getValues("Set-Cookie")).isEmpty();
    }
}
