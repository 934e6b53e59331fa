package gov.tawasul.app;

import com.github.tomakehurst.wiremock.WireMockServer;
import gov.tawasul.cases.rest.CaseApiStubs;
import gov.tawasul.cases.rest.InjectCaseApi;
import gov.tawasul.engine.inbox.Inbox;
import gov.tawasul.engine.model.Address;
import gov.tawasul.engine.model.Channel;
import gov.tawasul.engine.model.InboundBatch;
import gov.tawasul.engine.model.InboundKind;
import gov.tawasul.engine.model.InboundMessage;
import gov.tawasul.engine.model.Origin;
import gov.tawasul.engine.processing.CaseFollowUpJob;
import gov.tawasul.engine.testing.RecordingSender;
import gov.tawasul.engine.testing.TestDb;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.vertx.VertxContextSupport;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * After a case-system outage longer than a few messages, one pass of the follow-up job answers every citizen owed an
 * answer, not one page of 50 per {@code tawasul.cases.retry-interval} (a chaos run left 553 of 803 citizens waiting
 * 150 s after the case API was back: five passes of 50). The scheduled pass is hourly here; the test drives one pass.
 */
@QuarkusTest
@TestProfile(CaseApiBacklogTest.Profile.class)
class CaseApiBacklogTest {

    /** {@link CaseApiRecoveryTest}'s profile with an hourly scheduled pass, so only the test's pass runs. */
    public static class Profile extends CaseApiRecoveryTest.Profile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> config = new HashMap<>(super.getConfigOverrides());
            config.put("tawasul.cases.retry-interval", "1h");
            return config;
        }
    }

    private static final int OWED = 130; // more than two pages of 50

    @Inject
    Inbox inbox;
    @Inject
    RecordingSender sender;
    @Inject
    CaseFollowUpJob job;
    @InjectCaseApi
    WireMockServer caseApi;

    @Test
    void onePassAnswersEveryCitizenOwed() throws Throwable {
        caseApi.resetAll();
        TestDb.execute("delete from case_follow_up");
        String run = String.valueOf(100 + (int) (Math.random() * 899));
        List<String> citizens = new ArrayList<>();
        List<String> numbers = new ArrayList<>();
        for (int i = 0; i < OWED; i++) {
            citizens.add("+9665" + run + String.format("%05d", i));
            numbers.add("1446-" + run + String.format("%03d", i));
            CaseApiStubs.answer(caseApi, numbers.get(i), 503, "{\"error\":\"maintenance\"}");
        }
        List<InboundMessage> asks = new ArrayList<>();
        for (int i = 0; i < OWED; i++) {
            asks.add(new InboundMessage(Channel.SMS, "SM" + UUID.randomUUID().toString().replace("-", ""),
                    new Address(Channel.SMS, citizens.get(i)), new Address(Channel.SMS, CaseApiRecoveryTest.BOT),
                    InboundKind.TEXT, "Status of case " + numbers.get(i) + "?", null, Instant.now(), null, Map.of()));
        }
        VertxContextSupport.subscribeAndAwait(() -> inbox.accept(InboundBatch.ofMessages(asks)));
        await().atMost(Duration.ofSeconds(60)).until(() -> ((Number) TestDb.value(
                "select count(*) from case_follow_up where state = 'OWED'")).intValue() == OWED);
        assertThat(TestDb.value("select count(*) from case_follow_up where due_at > now() + interval '50 minutes'"))
                .isEqualTo((long) OWED); // first try after the (hourly) interval: nothing is tried yet

        caseApi.resetAll();
        for (int i = 0; i < OWED; i++) {
            CaseApiStubs.answer(caseApi, numbers.get(i), 200, """
                    {"caseNumber":"%s","status":"UNDER_REVIEW",
                     "statusLabel":{"ar":"قيد الدراسة","en":"Under review"},
                     "department":{"ar":"إدارة التراخيص","en":"Licensing Department"},
                     "updatedAt":"2026-11-20T09:30:00+03:00",
                     "contacts":[{"channel":"sms","address":"%s"}]}
                    """.formatted(numbers.get(i), citizens.get(i)));
        }
        TestDb.execute("update case_follow_up set due_at = now() - interval '1 second'");
        VertxContextSupport.subscribeAndAwait(job::pass);

        // another pass may have claimed a row meanwhile (one CI run ended with 129 SENT and 1 in flight): its answer
        // comes within seconds; one page alone (50) is far from 130
        await().atMost(Duration.ofSeconds(10)).until(() -> ((Number) TestDb.value(
                "select count(*) from case_follow_up where state = 'SENT'")).longValue() == OWED);
        for (int i = 0; i < OWED; i++) {
            List<String> texts = sender.sentTo(citizens.get(i)).stream().filter(m -> m.origin() == Origin.NOTIFICATION)
                    .map(m -> m.text()).toList();
            assertThat(texts).as(citizens.get(i)).hasSize(1);
            assertThat(texts.get(0)).startsWith(CaseApiRecoveryTest.BACK + "Case " + numbers.get(i) + ": Under review.");
        }
    }
}
