package gov.tawasul.staff;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import gov.tawasul.channels.twilio.InjectTwilioApi;
import gov.tawasul.channels.twilio.TwilioApiStubs;
import gov.tawasul.channels.twilio.TwilioWireMockResource;
import gov.tawasul.engine.testing.TestDb;
import gov.tawasul.staff.account.StaffRole;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.net.URL;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;

import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The console in a real headless Chromium (Debian's, through its ChromeDriver), end to end: an agent logs in on the
 * login page, a citizen's signed Twilio webhook appears in the list without a reload, the agent takes the
 * conversation over and replies, the WireMock Twilio receives the text, a {@code delivered} status callback turns
 * the tick, the agent hands back, and the citizen's next message is answered by the bot. Screenshots of list and
 * transcript in Arabic (RTL) and English, and on a phone, go to {@code target/screenshots/}.
 */
@QuarkusTest
@QuarkusTestResource(value = TwilioWireMockResource.class, restrictToAnnotatedClass = true)
class ConsoleBrowserTest {

    private static final String CITIZEN = "+966500000001";

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
    void anAgentTakesOverRepliesSeesTheDeliveryAndHandsBack() {
        TestDb.execute("truncate delivery_receipt, outbound_message, inbound_message, opt_out, conversation cascade");
        twilio.resetAll();
        TwilioApiStubs.answer(twilio, TwilioApiStubs.createdFreshSid());
        StaffSession.ensureAccount("mona", StaffRole.AGENT, "منى العتيبي", "ar");
        StaffSession.unlock("mona");
        new SmsCitizen("+966500000002").says("help");
        WebDriver d = browser.driver();

        // log in on the login page: the console opens in Arabic, right to left
        d.get(base + "console");
        waitFor(d, w -> w.getCurrentUrl().contains("/console/login"));
        d.findElement(By.id("j_username")).sendKeys("mona");
        d.findElement(By.id("j_password")).sendKeys(StaffSession.PASSWORD);
        d.findElement(By.cssSelector("form button[type=submit]")).click();
        waitFor(d, w -> !w.findElements(By.id("rows")).isEmpty());
        assertThat(d.findElement(By.tagName("html")).getAttribute("dir")).isEqualTo("rtl");
        assertThat(d.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("ar");
        waitFor(d, w -> "open".equals(w.findElement(By.id("live-state")).getAttribute("data-state")));

        // a citizen asks for a person: the conversation appears at the top, waiting, without a reload
        SmsCitizen citizen = new SmsCitizen(CITIZEN);
        citizen.says("ابي موظف");
        WebElement row = waitFor(d, w -> w.findElements(By.cssSelector("#rows li[id^=c-]")).stream()
                .filter(li -> li.getText().contains("+9665••••0001") && !li.findElements(
                        By.cssSelector(".badge.WAITING_FOR_AGENT")).isEmpty()).findFirst().orElse(null));
        assertThat(d.findElements(By.cssSelector("#rows li[id^=c-]")).get(0).getText()).contains("+9665••••0001");
        assertThat(d.getPageSource()).doesNotContain(CITIZEN);
        browser.screenshot("console-list-ar");

        // open it, take it over, reply (the counter shows segments as one types)
        row.findElement(By.tagName("a")).click();
        waitFor(d, w -> !w.findElements(By.id("take-over")).isEmpty());
        d.findElement(By.id("take-over")).click();
        waitFor(d, w -> !w.findElements(By.cssSelector("#head .badge.WITH_AGENT")).isEmpty());
        WebElement box = d.findElement(By.id("reply-text"));
        box.sendKeys("مرحبا، معك منى من خدمة العملاء");
        waitFor(d, w -> w.findElement(By.id("counter")).getText().contains("UCS-2"));
        d.findElement(By.id("send")).click();
        waitFor(d, w -> !w.findElements(By.cssSelector("#notice.ok")).isEmpty());
        assertThat(d.findElement(By.id("reply-text")).getAttribute("value")).isEmpty();
        await().atMost(Duration.ofSeconds(10)).until(() -> bodies().contains("مرحبا، معك منى من خدمة العملاء"));

        // Twilio reports it delivered: the tick turns without a reload
        await().atMost(Duration.ofSeconds(10)).until(() -> TestDb.value(
                "select provider_message_id from outbound_message where origin = 'AGENT'") != null);
        String sid = (String) TestDb.value("select provider_message_id from outbound_message where origin = 'AGENT'");
        citizen.receiptOf(sid, "delivered", null);
        waitFor(d, w -> !w.findElements(By.cssSelector("#messages .msg.out.AGENT .tick[data-status=DELIVERED]")).isEmpty());
        assertThat(d.findElement(By.cssSelector("#messages .msg.out.AGENT .by")).getText()).isEqualTo("منى العتيبي");
        browser.screenshot("console-transcript-ar");

        // hand back: the next message is the bot's again
        d.findElement(By.id("hand-back")).click();
        waitFor(d, w -> !w.findElements(By.cssSelector("#head .badge.BOT")).isEmpty());
        int before = bodies().size();
        citizen.says("حالة المعاملة 1446-000123");
        await().atMost(Duration.ofSeconds(15)).until(() -> bodies().size() > before
                && bodies().get(bodies().size() - 1).contains("قيد الدراسة"));

        // English, left to right
        d.findElement(By.cssSelector("form[action='/console/me/locale'] button")).click();
        waitFor(d, w -> "ltr".equals(w.findElement(By.tagName("html")).getAttribute("dir")));
        String lang = waitFor(d, w -> w.findElement(By.tagName("html")).getAttribute("lang"));
        assertThat(lang).isEqualTo("en");
        browser.screenshot("console-list-en");
        d.findElements(By.cssSelector("#rows li[id^=c-] a")).get(0).click();
        waitFor(d, w -> !w.findElements(By.id("messages")).isEmpty());
        browser.screenshot("console-transcript-en");

        // a phone
        d.manage().window().setSize(new org.openqa.selenium.Dimension(390, 844));
        d.navigate().refresh();
        waitFor(d, w -> !w.findElements(By.id("messages")).isEmpty());
        browser.screenshot("console-phone-en");
        d.manage().window().setSize(new org.openqa.selenium.Dimension(1366, 768));
    }

    private List<String> bodies() {
        return twilio.findAll(postRequestedFor(urlPathEqualTo(TwilioApiStubs.MESSAGES_PATH))).stream()
                .map(LoggedRequest::getBodyAsString).map(ConsoleBrowserTest::bodyOf).toList();
    }

    private static String bodyOf(String form) {
        for (String pair : form.split("&")) {
            String[] kv = pair.split("=", 2);
            if (kv[0].equals("Body")) {
                return URLDecoder.decode(kv[1], StandardCharsets.UTF_8);
            }
        }
        return "";
    }

    private static <T> T waitFor(WebDriver d, Function<WebDriver, T> condition) {
        return new WebDriverWait(d, Duration.ofSeconds(10)).ignoring(StaleElementReferenceException.class).until(w -> {
            T value = condition.apply(w);
            return value instanceof Boolean b && !b ? null : value;
        });
    }
}
