package gov.tawasul.staff.reports;

import gov.tawasul.staff.Browser;
import gov.tawasul.staff.StaffSession;
import gov.tawasul.staff.account.StaffRole;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.net.URL;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The reports page in a real headless Chromium, in Arabic (right to left): a supervisor signs in on the login page,
 * opens Reports from the navigation with {@link ReportFixture}'s week, and every chart is drawn (a canvas in each
 * chart box) without a console error or a failed resource (ECharts comes from the app's own jar). Screenshot:
 * {@code target/screenshots/reports-ar.png}.
 */
@QuarkusTest
class ReportsBrowserTest {

    private static final String ERRORS = """
            window.__errors = [];
            window.addEventListener('error', function (e) {
              window.__errors.push(e.message || ('failed to load ' + (e.target && (e.target.src || e.target.href))));
            }, true);
            window.addEventListener('unhandledrejection', function (e) { window.__errors.push(String(e.reason)); });
            var original = console.error;
            console.error = function () { window.__errors.push(Array.from(arguments).join(' ')); original.apply(console, arguments); };
            """;

    @TestHTTPResource("/")
    URL base;

    static Browser browser;

    @BeforeAll
    static void open() {
        browser = new Browser(1366, 900, "ar");
    }

    @AfterAll
    static void quit() {
        browser.close();
    }

    @Test
    void aSupervisorSeesEveryChartInArabic() {
        ReportFixture.seed();
        StaffSession.ensureAccount("huda", StaffRole.SUPERVISOR, "هدى الشمري", "ar");
        StaffSession.unlock("huda");
        WebDriver d = browser.driver();
        ((ChromeDriver) d).executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source", ERRORS));

        d.get(base + "console");
        new WebDriverWait(d, Duration.ofSeconds(20)).until(w -> w.getCurrentUrl().contains("/console/login"));
        d.findElement(By.id("j_username")).sendKeys("huda");
        d.findElement(By.id("j_password")).sendKeys(StaffSession.PASSWORD);
        d.findElement(By.cssSelector("form button[type=submit]")).click();
        new WebDriverWait(d, Duration.ofSeconds(20)).until(w -> !w.findElements(By.id("rows")).isEmpty());
        WebElement nav = d.findElement(By.cssSelector("a[href='/console/supervision/reports']"));
        assertThat(nav.getText()).isEqualTo("التقارير");

        d.get(base + "console/supervision/reports?from=" + ReportFixture.FROM + "&to=" + ReportFixture.TO);
        assertThat(d.findElement(By.tagName("html")).getAttribute("dir")).isEqualTo("rtl");
        List<WebElement> charts = d.findElements(By.cssSelector(".chart[data-chart]"));
        assertThat(charts).hasSize(8);
        new WebDriverWait(d, Duration.ofSeconds(20)).until(w ->
                w.findElements(By.cssSelector(".chart[data-rendered=true] canvas")).size() >= charts.size());
        for (WebElement chart : charts) {
            assertThat(chart.findElements(By.tagName("canvas"))).as(chart.getAttribute("id")).isNotEmpty();
        }
        assertThat(d.findElement(By.id("sla-breaches")).getText()).isEqualTo("2");
        assertThat(d.getPageSource()).contains(ReportFixture.CIVIL);
        Object errors = ((JavascriptExecutor) d).executeScript("return window.__errors || ['no error hook'];");
        assertThat((List<?>) errors).isEmpty();
        browser.screenshot("reports-ar");
    }
}
