package gov.tawasul.staff;

import com.github.tomakehurst.wiremock.WireMockServer;
import gov.tawasul.channels.twilio.InjectTwilioApi;
import gov.tawasul.channels.twilio.TwilioApiStubs;
import gov.tawasul.channels.twilio.TwilioWireMockResource;
import gov.tawasul.engine.testing.TestDb;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.net.URL;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** The console in a real headless Chromium. */
@QuarkusTest
@QuarkusTestResource(value = TwilioWireMockResource.class, restrictToAnnotatedClass = true)
class ConsoleBrowserTest {

    @TestHTTPResource("/")
    URL base;
    @InjectTwilioApi
    WireMockServer twilio;

    static Browser browser;

    @BeforeAll
    static void open() {
        browser = new Browser(1366, 768, "ar");
    }

    @AfterAll
    static void quit() {
        browser.close();
    }

    @Test
    void listAndTranscript() {
        TestDb.execute("truncate delivery_receipt, outbound_message, inbound_message, opt_out, conversation cascade");
        twilio.resetAll();
        TwilioApiStubs.answer(twilio, TwilioApiStubs.createdFreshSid());
        new SmsCitizen("+966500000001").says("حالة المعاملة 1446-000123");
        new SmsCitizen("+966500000002").says("help");
        new SmsCitizen("+14155550100").says("status of 4512873 please");

        String cookie = RestAssured.given().redirects().follow(false).contentType("application/x-www-form-urlencoded")
                .formParam("j_username", "agent1").formParam("j_password", "password1")
                .post("/j_security_check").then().extract().cookie("quarkus-credential");
        var d = browser.driver();
        d.get(base + "q/health/live");
        d.manage().addCookie(new Cookie("quarkus-credential", cookie));
        d.get(base + "console");
        new WebDriverWait(d, Duration.ofSeconds(10)).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#rows li[id^=c-]")));
        assertThat(d.findElement(By.tagName("html")).getAttribute("dir")).isEqualTo("rtl");
        browser.screenshot("console-list-ar");
        d.findElements(By.cssSelector("#rows li[id^=c-] a")).get(0).click();
        new WebDriverWait(d, Duration.ofSeconds(10)).until(ExpectedConditions.presenceOfElementLocated(By.id("messages")));
        browser.screenshot("console-transcript-ar");
        new SmsCitizen("+966500000003").says("مرحبا");
        new WebDriverWait(d, Duration.ofSeconds(5)).until(w -> w.findElements(By.cssSelector("#rows li[id^=c-]")).size() == 4);
        browser.screenshot("console-list-live-ar");
    }
}
