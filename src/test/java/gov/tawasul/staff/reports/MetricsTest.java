package gov.tawasul.staff.reports;

import com.github.tomakehurst.wiremock.WireMockServer;
import gov.tawasul.channels.twilio.InjectTwilioApi;
import gov.tawasul.channels.twilio.TwilioApiStubs;
import gov.tawasul.channels.twilio.TwilioWireMockResource;
import gov.tawasul.engine.testing.TestDb;
import gov.tawasul.staff.SmsCitizen;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code /q/metrics} after a scenario: a citizen texts, the bot answers through the WireMock Twilio, Twilio reports
 * the reply undelivered (30003), asks about a known and an unknown case (both recorded in {@code case_query}),
 * asks for a person: the counters, the answer-time histogram and the
 * handoff gauges move as the operators' dashboard (deploy/grafana) reads them.
 */
@QuarkusTest
@QuarkusTestResource(value = TwilioWireMockResource.class, restrictToAnnotatedClass = true)
class MetricsTest {

    @jakarta.inject.Inject
    gov.tawasul.app.metrics.HandoffGauges gauges;

    private static final String CITIZEN = "+966500008801";

    @InjectTwilioApi
    WireMockServer twilio;

    @Test
    void countersHistogramAndGaugesAfterAScenario() {
        TestDb.execute("truncate delivery_receipt, outbound_message, inbound_message, opt_out, conversation cascade");
        twilio.resetAll();
        TwilioApiStubs.answer(twilio, TwilioApiStubs.createdFreshSid());
        double inbound = value(scrape(), "tawasul_inbound_total{channel=\"sms\"");
        double answers = value(scrape(), "tawasul_bot_answer_time_seconds_count{channel=\"sms\"");
        double undelivered = value(scrape(), "tawasul_outbound_total{channel=\"sms\",error_code=\"30003\",status=\"UNDELIVERED\"");

        SmsCitizen citizen = new SmsCitizen(CITIZEN);
        citizen.says("help");
        String sid = await().atMost(Duration.ofSeconds(20)).until(() -> (String) TestDb.rows("""
                select provider_message_id from outbound_message where recipient = ? and provider_message_id is not null""",
                CITIZEN).stream().findFirst().map(r -> r.get("provider_message_id")).orElse(null), s -> s != null);
        citizen.receiptOf(sid, "undelivered", "30003");
        TestDb.execute("""
                insert into cases (case_number, status, status_label_ar, status_label_en, department_ar, department_en,
                                   updated_at, updated_offset, contacts)
                values ('7700881', 'APPROVED', 'مقبولة', 'Approved', 'الأحوال المدنية', null,
                        '2026-11-25T06:30:00Z', '+03:00', '')
                on conflict (case_number) do nothing""");
        citizen.says("status 7700881 and 7700882");
        await().atMost(Duration.ofSeconds(20)).until(() -> TestDb.rows("""
                select q.outcome, q.status, q.department from case_query q join inbound_message i
                on i.id = q.inbound_message_id join conversation c on c.id = i.conversation_id
                where c.citizen_address = ? order by q.position""", CITIZEN).size() == 2);
        var queries = TestDb.rows("""
                select q.outcome, q.status, q.department from case_query q join inbound_message i
                on i.id = q.inbound_message_id join conversation c on c.id = i.conversation_id
                where c.citizen_address = ? order by q.position""", CITIZEN);
        assertThat(queries.get(0)).containsEntry("outcome", "FOUND").containsEntry("status", "APPROVED")
                .containsEntry("department", "الأحوال المدنية");
        assertThat(queries.get(1)).containsEntry("outcome", "NOT_FOUND").containsEntry("department", null);
        citizen.says("agent");
        await().atMost(Duration.ofSeconds(20)).until(() -> "WAITING_FOR_AGENT".equals(
                TestDb.value("select state from conversation where citizen_address = ?", CITIZEN)));

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            // the gauges are read on a schedule; read them now so the assertion does not wait on the scheduler
            gauges.refresh().await().atMost(Duration.ofSeconds(5));
            List<String> lines = scrape();
            assertThat(value(lines, "tawasul_inbound_total{channel=\"sms\"")).isEqualTo(inbound + 3);
            assertThat(value(lines, "tawasul_bot_answer_time_seconds_count{channel=\"sms\"")).isGreaterThanOrEqualTo(answers + 3);
            assertThat(value(lines, "tawasul_outbound_total{channel=\"sms\",error_code=\"30003\",status=\"UNDELIVERED\""))
                    .isEqualTo(undelivered + 1);
            assertThat(value(lines, "tawasul_handoff_waiting")).isEqualTo(1.0);
            assertThat(value(lines, "tawasul_handoff_oldest_wait_seconds")).isGreaterThan(0.0);
        });
        List<String> lines = scrape();
        assertThat(lines).anyMatch(l -> l.startsWith("tawasul_bot_answer_time_seconds_bucket{channel=\"sms\",le="));
        assertThat(lines).anyMatch(l -> l.startsWith("tawasul_staff_live_clients"));
    }

    private static List<String> scrape() {
        return given().get("/q/metrics").then().statusCode(200).extract().asString().lines()
                .filter(l -> !l.startsWith("#")).toList();
    }

    /** @return the value of the first series whose line starts with {@code prefix} (0 when absent) */
    private static double value(List<String> lines, String prefix) {
        return lines.stream().filter(l -> l.startsWith(prefix)).findFirst()
                .map(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).orElse(0.0);
    }
}
