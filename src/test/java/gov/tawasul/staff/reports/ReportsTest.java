package gov.tawasul.staff.reports;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import gov.tawasul.engine.testing.TestDb;
import gov.tawasul.staff.StaffSession;
import gov.tawasul.staff.account.StaffRole;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Report figures from {@link ReportFixture}'s week, whose right values are worked out by hand there: counts per
 * channel, the bot's answer-time percentiles, delivery rates, errors, handoffs in office time (a weekend, before
 * and after office hours) with their SLA breaches, case queries; the CSV exports (UTF-8 with BOM, Arabic intact,
 * audited); who may see them.
 */
@QuarkusTest
class ReportsTest {

    private static final String WEEK = "?from=" + ReportFixture.FROM + "&to=" + ReportFixture.TO;

    @BeforeEach
    void seed() {
        ReportFixture.seed();
    }

    private JsonPath summary(String query) {
        return StaffSession.loginAs(StaffRole.SUPERVISOR).given().get("/api/staff/reports/summary" + query)
                .then().statusCode(200).contentType("application/json").extract().jsonPath();
    }

    @Test
    void countsPerChannel() {
        JsonPath s = summary(WEEK);
        assertThat(s.getString("period.from")).isEqualTo("2025-11-02");
        assertThat(s.getString("period.bucket")).isEqualTo("day");
        Map<String, Object> sms = s.getMap("channels.find { it.channel == 'sms' }");
        assertThat(sms).containsEntry("inbound", 7).containsEntry("outbound", 6).containsEntry("citizens", 3)
                // 3 case questions answered by the bot; 3 requests for a person + 1 message while one held it
                .containsEntry("conversationsStarted", 3).containsEntry("answeredByBot", 3)
                .containsEntry("handedToPerson", 4).containsEntry("finalCount", 6).containsEntry("delivered", 5)
                .containsEntry("stuck", 0);
        assertThat(((Number) sms.get("successRate")).doubleValue()).isCloseTo(5.0 / 6, within(1e-6));
        Map<String, Object> fb = s.getMap("channels.find { it.channel == 'facebook' }");
        assertThat(fb).containsEntry("inbound", 3).containsEntry("outbound", 2).containsEntry("optOuts", 1)
                .containsEntry("finalCount", 1).containsEntry("stuck", 1);
        assertThat(s.getList("traffic.findAll { it.bucket == '2025-11-02T00:00' && it.channel == 'sms' }.inbound"))
                .containsExactly(2);
        assertThat(fb).containsEntry("answeredByBot", 1).containsEntry("handedToPerson", 1);
        // a request for a person is handed to one, not answered by the bot (the bot's "connecting you" is no answer)
        assertThat(s.getInt("bot.answered")).isEqualTo(4);
        assertThat(s.getInt("bot.handedToPerson")).isEqualTo(5);
    }

    @Test
    void botAnswerTimePercentiles() {
        JsonPath s = summary(WEEK);
        // 2, 4, 6, 8 s: median 5, p95 6 + 0.85 × 2
        assertThat(s.getInt("bot.replies")).isEqualTo(4);
        assertThat(s.getDouble("bot.answerTimeP50Seconds")).isCloseTo(5.0, within(1e-6));
        assertThat(s.getDouble("bot.answerTimeP95Seconds")).isCloseTo(7.7, within(1e-6));
        // one channel only
        JsonPath sms = summary(WEEK + "&channel=sms");
        assertThat(sms.getInt("bot.replies")).isEqualTo(3);
        assertThat(sms.getDouble("bot.answerTimeP50Seconds")).isCloseTo(4.0, within(1e-6));
        assertThat(sms.getList("channels.channel")).containsExactly("sms");
    }

    @Test
    void providerErrorsWithTheirMeaning() {
        JsonPath s = summary(WEEK);
        assertThat(s.getList("errors.code")).containsExactly("30003");
        assertThat(s.getString("errors[0].meaning")).isNotBlank();
        assertThat(s.getInt("errors[0].count")).isEqualTo(1);
    }

    @Test
    void handoffsInOfficeTimeAcrossTheWeekend() {
        JsonPath s = summary(WEEK);
        assertThat(s.getInt("handoffs.requests")).isEqualTo(4);
        assertThat(s.getInt("handoffs.answered")).isEqualTo(4);
        // office time of the first responses: 300, 840, 1200, 1200 s
        assertThat(s.getDouble("handoffs.firstResponseP50Seconds")).isCloseTo(1020.0, within(1e-6));
        assertThat(s.getDouble("handoffs.firstResponseP90Seconds")).isCloseTo(1200.0, within(1e-6));
        // wall time to the last reply: 1200, 5400, 44040, 234600 s
        assertThat(s.getDouble("handoffs.resolutionP50Seconds")).isCloseTo(24720.0, within(1e-6));
        assertThat(s.getInt("handoffs.slaSeconds")).isEqualTo(900);
        assertThat(s.getInt("handoffs.breaches")).isEqualTo(2);
        assertThat(s.getInt("handoffs.waitingNow")).isEqualTo(1);
        assertThat(s.getDouble("handoffs.oldestWaitSeconds")).isBetween(590.0, 900.0);
        assertThat(s.getList("agents.agent")).containsExactly("omar", "sara");
        assertThat(s.getDouble("agents.find { it.agent == 'sara' }.firstResponseP50Seconds"))
                .isCloseTo(750.0, within(1e-6));
        assertThat(s.getInt("agents.find { it.agent == 'sara' }.breaches")).isEqualTo(1);
        assertThat(s.getInt("agents.find { it.agent == 'omar' }.breaches")).isEqualTo(1);
    }

    @Test
    void caseQueriesPerDepartmentAndStatus() {
        JsonPath s = summary(WEEK);
        assertThat(s.getInt("cases.queries")).isEqualTo(4);
        assertThat(s.getInt("cases.notFound")).isEqualTo(1);
        assertThat(s.getDouble("cases.notFoundRate")).isCloseTo(0.25, within(1e-6));
        // an Arabic-speaking supervisor gets the Arabic labels, an English-speaking one the English labels
        assertThat(s.getList("cases.departments.name")).containsExactly(ReportFixture.LICENSING_AR, ReportFixture.CIVIL);
        assertThat(s.getList("cases.departments.count")).containsExactly(2, 1);
        assertThat(s.getList("cases.statuses.name")).containsExactly("APPROVED", "IN_PROGRESS");
        StaffSession.ensureAccount("test-supervisor-en", StaffRole.SUPERVISOR, "Test supervisor (en)", "en");
        StaffSession.unlock("test-supervisor-en");
        JsonPath en = StaffSession.login("test-supervisor-en", StaffSession.PASSWORD).given()
                .get("/api/staff/reports/summary" + WEEK).then().statusCode(200).extract().jsonPath();
        assertThat(en.getList("cases.departments.name")).containsExactly("Licensing", ReportFixture.CIVIL_EN);
        // a row written before V18 has one label (English, else Arabic), shown in both languages
        TestDb.execute("update case_query set department_ar = null, department_en = null where department = 'Licensing'");
        assertThat(summary(WEEK).getList("cases.departments.name")).containsExactly("Licensing", ReportFixture.CIVIL);
    }

    @Test
    void csvIsUtf8WithBomArabicIntactAndAudited() throws Exception {
        StaffSession supervisor = StaffSession.loginAs(StaffRole.SUPERVISOR);
        long before = ((Number) TestDb.value("select count(*) from audit_event where action = 'REPORT_EXPORTED'"))
                .longValue();
        var response = supervisor.given().get("/console/supervision/reports/export/departments.csv" + WEEK)
                .then().statusCode(200).extract();
        assertThat(response.contentType()).startsWith("text/csv").containsIgnoringCase("charset=UTF-8");
        assertThat(response.header("Content-Disposition")).contains("tawasul-departments-2025-11-02-2025-11-08.csv");
        byte[] bytes = response.asByteArray();
        assertThat(Arrays.copyOf(bytes, 3)).containsExactly(0xEF, 0xBB, 0xBF);
        List<List<String>> rows = parse(new String(bytes, 3, bytes.length - 3, StandardCharsets.UTF_8));
        assertThat(rows.get(0)).containsExactly("department", "count");
        assertThat(rows).contains(List.of(ReportFixture.CIVIL, "1"), List.of(ReportFixture.LICENSING_AR, "2"));

        byte[] conv = supervisor.given().get("/console/supervision/reports/export/conversations.csv" + WEEK)
                .then().statusCode(200).extract().asByteArray();
        assertThat(Arrays.copyOf(conv, 3)).containsExactly(0xEF, 0xBB, 0xBF);
        List<List<String>> lines = parse(new String(conv, 3, conv.length - 3, StandardCharsets.UTF_8));
        assertThat(lines.get(0)).startsWith("conversation_id", "channel", "state");
        assertThat(lines).hasSize(1 + 4); // one row per conversation of the week, not the one waiting today
        assertThat(String.join(",", lines.get(0))).doesNotContain("address", "text");

        long after = ((Number) TestDb.value("select count(*) from audit_event where action = 'REPORT_EXPORTED'"))
                .longValue();
        assertThat(after - before).isEqualTo(2);
        assertThat(TestDb.value("""
                select detail->>'figure' from audit_event where action = 'REPORT_EXPORTED' and actor = 'test-supervisor'
                order by id desc limit 1""")).isEqualTo("conversations");
    }

    @Test
    void everyFigureExports() {
        StaffSession supervisor = StaffSession.loginAs(StaffRole.SUPERVISOR);
        for (String figure : ReportCsv.FIGURES) {
            String text = supervisor.given().get("/console/supervision/reports/export/" + figure + ".csv" + WEEK)
                    .then().statusCode(200).extract().asString();
            assertThat(text).as(figure).startsWith("\uFEFF");
        }
        supervisor.given().get("/console/supervision/reports/export/nothing.csv").then().statusCode(404);
    }

    @Test
    void onlySupervisorsAndAdmins() {
        given().redirects().follow(false).get("/api/staff/reports/summary").then().statusCode(401);
        given().redirects().follow(false).get("/console/supervision/reports").then().statusCode(302);
        StaffSession agent = StaffSession.loginAs(StaffRole.AGENT);
        agent.given().get("/api/staff/reports/summary").then().statusCode(403)
                .contentType("application/problem+json");
        agent.given().get("/console/supervision/reports").then().statusCode(403);
        agent.given().get("/console/supervision/reports/export/traffic.csv").then().statusCode(403);
        StaffSession.loginAs(StaffRole.ADMIN).given().get("/api/staff/reports/summary").then().statusCode(200);
        StaffSession.loginAs(StaffRole.SUPERVISOR).given().get("/console/supervision/reports" + WEEK).then()
                .statusCode(200).contentType("text/html");
    }

    @Test
    void badParametersAreProblems() {
        StaffSession supervisor = StaffSession.loginAs(StaffRole.SUPERVISOR);
        for (String q : List.of("?from=yesterday", "?from=2025-11-08&to=2025-11-02", "?channel=pigeon",
                "?from=2024-01-01&to=2025-11-02")) {
            supervisor.given().get("/api/staff/reports/summary" + q).then().statusCode(400)
                    .contentType("application/problem+json");
        }
    }

    @Test
    void documentedInOpenApi() {
        String doc = given().get("/q/openapi?format=json").then().statusCode(200).extract().asString();
        assertThat(doc).contains("/api/staff/reports/summary", "ReportSummary");
    }

    private static List<List<String>> parse(String csv) throws Exception {
        CsvMapper mapper = new CsvMapper();
        mapper.enable(CsvParser.Feature.WRAP_AS_ARRAY);
        try (MappingIterator<List<String>> it = mapper.readerForListOf(String.class).readValues(csv)) {
            return it.readAll();
        }
    }
}
