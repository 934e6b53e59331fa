package gov.tawasul.app;

import gov.tawasul.engine.testing.TestDb;
import gov.tawasul.staff.Browser;
import gov.tawasul.staff.StaffSession;
import gov.tawasul.staff.account.StaffRole;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.net.URL;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The web chat and the kiosk in a real headless Chromium: on a phone, a visitor types a case number in Arabic-Indic
 * digits at {@code /chat} and reads the answer, reloads and sees the conversation again, then an agent in the console
 * (a second Chromium: log in, the list, open, take over, type, send) answers and the visitor sees it live (and it is
 * marked read); a message the visitor writes while the agent holds the conversation shows no "typing…". The
 * kiosk at 1080×1920 portrait: a case asked on the keypad, the answer shown, nothing kept in the browser, and the idle
 * reset ({@code tawasul.kiosk.idle-timeout}, 12 s in tests) back to the welcome screen clears it. Screenshots go to
 * {@code target/screenshots/webchat-*.png}.
 */
@QuarkusTest
class WebchatBrowserTest {

    @TestHTTPResource("/")
    URL base;

    @Test
    void aVisitorAsksReloadsAndAnAgentAnswersLive() {
        try (Browser browser = new Browser(390, 844, "ar")) {
            WebDriver d = browser.driver();
            d.get(base + "chat");
            WebElement input = waitFor(d, w -> w.findElement(By.cssSelector(".tw-input")));
            assertThat(d.findElement(By.tagName("html")).getAttribute("dir")).isEqualTo("rtl");
            assertThat(d.findElement(By.cssSelector(".tw-demo")).getText()).contains("4512873").contains("تجريبية");
            waitFor(d, w -> token(w) != null);
            input.sendKeys("حالة ٤٥١٢٨٧٣", Keys.ENTER);
            waitFor(d, w -> texts(w, ".tw-theirs .tw-text").stream().anyMatch(t -> t.contains("بانتظار المستندات")));
            assertThat(texts(d, ".tw-quick-reply")).isNotEmpty();
            browser.screenshot("webchat-answer-ar-phone");

            // a reload: the same visitor, the conversation from the history
            d.navigate().refresh();
            waitFor(d, w -> texts(w, ".tw-msg .tw-text").size() == 2);
            assertThat(texts(d, ".tw-mine .tw-text")).containsExactly("حالة ٤٥١٢٨٧٣");
            browser.screenshot("webchat-history-ar-phone");

            // an agent, in the console in a second browser: logs in, opens the conversation, takes it over, answers;
            // the visitor sees it without a reload
            String visitor = token(d).split("\\.")[1];
            long conversation = (Long) TestDb.value(
                    "select id from conversation where channel = 'WEBCHAT' and citizen_address = ?", visitor);
            StaffSession.ensureAccount("mona", StaffRole.AGENT, "منى العتيبي", "ar");
            StaffSession.unlock("mona");
            try (Browser console = new Browser(1366, 768, "ar")) {
                WebDriver c = console.driver();
                c.get(base + "console");
                waitFor(c, w -> w.getCurrentUrl().contains("/console/login"));
                c.findElement(By.id("j_username")).sendKeys("mona");
                c.findElement(By.id("j_password")).sendKeys(StaffSession.PASSWORD);
                c.findElement(By.cssSelector("form button[type=submit]")).click();
                waitFor(c, w -> !w.findElements(By.id("rows")).isEmpty());
                c.get(base + "console?channel=webchat");
                WebElement row = waitFor(c, w -> w.findElement(By.id("c-" + conversation)));
                // the visitor is named short, not by its 22-character id
                String last4 = visitor.substring(visitor.length() - 4);
                assertThat(row.findElement(By.cssSelector(".citizen")).getText()).contains("زائر").contains("••" + last4)
                        .doesNotContain(visitor);
                console.screenshot("webchat-console-list-ar");
                row.findElement(By.tagName("a")).click();
                waitFor(c, w -> !w.findElements(By.id("take-over")).isEmpty());
                c.findElement(By.id("take-over")).click();
                waitFor(c, w -> !w.findElements(By.cssSelector("#head .badge.WITH_AGENT")).isEmpty());

                // while the agent holds it, the visitor's message gets no "typing…": the page says staff will answer
                input = d.findElement(By.cssSelector(".tw-input"));
                input.sendKeys("هل يمكنني التحدث مع أحد؟", Keys.ENTER);
                waitFor(d, w -> w.findElement(By.cssSelector(".tw-status")).getText().contains("سيرد عليك أحد موظفينا"));
                assertThat(d.findElement(By.cssSelector(".tw-typing")).isDisplayed()).isFalse();
                waitFor(c, w -> texts(w, "#messages .msg .text").contains("هل يمكنني التحدث مع أحد؟"));

                WebElement box = c.findElement(By.id("reply-text"));
                box.sendKeys("أهلاً، معك منى. سأتابع معاملتك الآن.");
                c.findElement(By.id("send")).click();
                waitFor(c, w -> !w.findElements(By.cssSelector("#notice.ok")).isEmpty());
                waitFor(d, w -> texts(w, ".tw-agent .tw-text").contains("أهلاً، معك منى. سأتابع معاملتك الآن."));
                browser.screenshot("webchat-agent-live-ar-phone");
                waitFor(c, w -> !w.findElements(By.cssSelector("#messages .msg.out.AGENT")).isEmpty());
                console.screenshot("webchat-console-transcript-ar");
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> "READ".equals(TestDb.value(
                    "select status from outbound_message where conversation_id = ? and origin = 'AGENT'",
                    conversation)));
        }
    }

    @Test
    void theEnglishPageAndTheWidgetOnADesktop() {
        try (Browser browser = new Browser(1366, 768, "en")) {
            WebDriver d = browser.driver();
            d.get(base + "chat?lang=en");
            WebElement input = waitFor(d, w -> w.findElement(By.cssSelector(".tw-input")));
            assertThat(d.findElement(By.tagName("html")).getAttribute("dir")).isEqualTo("ltr");
            waitFor(d, w -> token(w) != null);
            d.findElements(By.cssSelector(".tw-chip")).get(1).click();
            waitFor(d, w -> texts(w, ".tw-theirs .tw-text").stream().anyMatch(t -> t.contains("Under review")));
            browser.screenshot("webchat-answer-en-desktop");
            assertThat(input.getAttribute("id")).isNotBlank();

            // the widget as an agency page embeds it: one script tag
            d.get(base + "console/login");
            ((JavascriptExecutor) d).executeScript("var s = document.createElement('script');"
                    + "s.src = '/chat/widget.js'; s.setAttribute('data-lang', 'ar'); document.body.appendChild(s);");
            waitFor(d, w -> w.findElement(By.cssSelector(".tw-launcher"))).click();
            WebElement field = waitFor(d, w -> w.findElement(By.cssSelector(".tw-widget .tw-input")));
            waitFor(d, w -> texts(w, ".tw-widget .tw-msg").size() >= 2);
            int before = d.findElements(By.cssSelector(".tw-widget .tw-theirs")).size();
            field.sendKeys("مساعدة", Keys.ENTER);
            waitFor(d, w -> texts(w, ".tw-widget .tw-theirs .tw-text").size() > before);
            browser.screenshot("webchat-widget-ar-desktop");
            field.sendKeys(Keys.ESCAPE);
            waitFor(d, w -> !w.findElement(By.cssSelector(".tw-widget")).isDisplayed());
        }
    }

    @Test
    void theKioskAnswersFromTheKeypadKeepsNothingAndResetsWhenIdle() {
        try (Browser browser = new Browser(1080, 1920, "ar")) {
            WebDriver d = browser.driver();
            d.get(base + "kiosk?kiosk=mall-3");
            waitFor(d, w -> w.findElement(By.cssSelector(".tw-start"))).click();
            for (String k : List.of("١", "٤", "٤", "٦", "-", "٠", "٠", "٠", "١", "٢", "٣")) {
                d.findElement(By.cssSelector(".tw-key[data-key='" + k + "']")).click();
            }
            assertThat(d.findElement(By.cssSelector(".tw-display")).getText()).isEqualTo("١٤٤٦-٠٠٠١٢٣");
            d.findElement(By.cssSelector(".tw-key[data-key='go']")).click();
            waitFor(d, w -> texts(w, ".tw-theirs .tw-text").stream().anyMatch(t -> t.contains("قيد الدراسة")));
            browser.screenshot("webchat-kiosk-answer-1080x1920");
            assertThat(((JavascriptExecutor) d).executeScript("return window.localStorage.length")).isEqualTo(0L);
            assertThat(d.manage().getCookies()).isEmpty();
            assertThat((String) TestDb.value("select attributes from inbound_message where channel = 'WEBCHAT' "
                    + "order by id desc limit 1")).contains("\"kiosk\":\"mall-3\"");

            // no touch for the idle timeout: back to the welcome screen, the conversation gone
            waitFor(d, w -> w.findElement(By.cssSelector(".tw-welcome")).isDisplayed());
            assertThat(d.findElements(By.cssSelector(".tw-msg"))).isEmpty();
            browser.screenshot("webchat-kiosk-reset-1080x1920");
        }
    }

    private static String token(WebDriver d) {
        return (String) ((JavascriptExecutor) d).executeScript(
                "return window.localStorage.getItem('tawasul-webchat-token')");
    }

    private static List<String> texts(WebDriver d, String css) {
        return d.findElements(By.cssSelector(css)).stream().map(WebElement::getText).toList();
    }

    private static <T> T waitFor(WebDriver d, Function<WebDriver, T> condition) {
        return new WebDriverWait(d, Duration.ofSeconds(20)).ignoring(RuntimeException.class).until(condition);
    }
}
