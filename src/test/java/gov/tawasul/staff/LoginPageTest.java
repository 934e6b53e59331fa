package gov.tawasul.staff;

import gov.tawasul.staff.account.StaffRole;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;

/** The login page: Arabic right-to-left by default, English on request, labelled fields, the error of a try. */
@QuarkusTest
class LoginPageTest {

    @Test
    void theLoginPageIsArabicRightToLeftByDefault() {
        given().get("/console/login").then().statusCode(200).contentType(containsString("text/html"))
                .body(containsString("<html lang=\"ar\" dir=\"rtl\">"))
                .body(containsString("<label for=\"j_username\">اسم المستخدم</label>"))
                .body(containsString("<label for=\"j_password\">كلمة المرور</label>"))
                .body(containsString("autocomplete=\"current-password\""))
                .body(containsString("action=\"/j_security_check?lang=ar\""))
                .body(containsString("href=\"/console/login?lang=en\""))
                .body(not(containsString("role=\"alert\"")))
                .body(not(containsString("/console/login/sso")));
    }

    @Test
    void englishOnRequest() {
        given().get("/console/login?lang=en").then().statusCode(200)
                .body(containsString("<html lang=\"en\" dir=\"ltr\">"))
                .body(containsString("<label for=\"j_username\">Username</label>"))
                .body(containsString("action=\"/j_security_check?lang=en\""));
    }

    @Test
    void aFailedTryComesBackWithTheErrorInTheLanguageItWasMadeIn() {
        StaffSession.ensureAccount("test-agent", StaffRole.AGENT, "Test agent", "ar");
        StaffSession.unlock("test-agent");
        Response refused = given().redirects().follow(false).contentType("application/x-www-form-urlencoded")
                .formParam("j_username", "test-agent").formParam("j_password", "not-the-password")
                .post("/j_security_check?lang=en");
        assertThat(refused.statusCode()).isEqualTo(302);
        String location = refused.getHeader("Location");
        assertThat(location).endsWith("/console/login?error=failed&lang=en");
        given().get(location.substring(location.indexOf("/console"))).then().statusCode(200)
                .body(containsString("<p class=\"notice bad\" role=\"alert\" id=\"login-error\">Wrong username or password.</p>"))
                .body(containsString("aria-invalid=\"true\""));
        given().get("/console/login?error=failed").then()
                .body(containsString("اسم المستخدم أو كلمة المرور غير صحيحة."));
        given().get("/console/login?error=<script>").then().statusCode(200).body(not(containsString("<script>")));
        StaffSession.unlock("test-agent");
    }

    @Test
    void afterLogoutThePageConfirmsIt() {
        given().get("/console/login?out=1&lang=en").then().body(containsString("You have signed out."));
    }
}
