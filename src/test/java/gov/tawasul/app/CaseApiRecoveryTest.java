package gov.tawasul.app;

import com.github.tomakehurst.wiremock.WireMockServer;
import gov.tawasul.cases.rest.CaseApiStubs;
import gov.tawasul.cases.rest.CaseApiWireMock;
import gov.tawasul.cases.rest.InjectCaseApi;
import gov.tawasul.engine.inbox.Inbox;
import gov.tawasul.engine.model.Address;
import gov.tawasul.engine.model.Channel;
import gov.tawasul.engine.model.InboundBatch;
import gov.tawasul.engine.model.InboundKind;
import gov.tawasul.engine.model.InboundMessage;
import gov.tawasul.engine.model.Origin;
import gov.tawasul.engine.model.OutboundMessage;
import gov.tawasul.engine.testing.EngineTestProfile;
import gov.tawasul.engine.testing.RecordingSender;
import gov.tawasul.engine.testing.TestDb;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.vertx.VertxContextSupport;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The case API is down (503) when citizens ask: they get the apology ("try again in a few minutes"); once it answers
 * again, each is answered once, in the conversation's order — not when the citizen asked again meanwhile, a person
 * holds the conversation, the citizen opted out, or the retry window passed. The engine without any channel
 * ({@link RecordingSender}), the REST connector against WireMock; owed answers are tried every second.
 */
@QuarkusTest
@TestProfile(CaseApiRecoveryTest.Profile.class)
class CaseApiRecoveryTest {

    /** The engine's recording SMS sender, the REST connector (WireMock case API), follow-ups every second. */
    public static class Profile extends EngineTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("tawasul.cases.connector", "rest",
                    "tawasul.cases.rest.circuit.request-volume", "1000",
                    "tawasul.cases.rest.timeout", "5s",
                    "tawasul.notifications.last-known-status", "false");
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(CaseApiWireMock.class));
        }
    }

    static final String BOT = "+15555550199";
    static final String APOLOGY = "Sorry, we cannot check case %s right now. Please try again in a few minutes.";
    static final String BACK = "The case system is back. Here is the answer to your earlier question:\n\n";

    @Inject
    Inbox inbox;
    @Inject
    RecordingSender sender;
    @InjectCaseApi
    WireMockServer caseApi;

    @BeforeEach
    void clean() {
        caseApi.resetAll();
        TestDb.execute("delete from case_follow_up");
    }

    private static String newCitizen() {
        return "+9665" + (10000000 + (int) (Math.random() * 89999999));
    }

    private static String newCase() {
        return "1446-" + (700000 + (int) (Math.random() * 299999));
    }

    private void down(String caseNumber) {
        CaseApiStubs.answer(caseApi, caseNumber, 503, "{\"error\":\"maintenance\"}");
    }

    private void up(String caseNumber, String citizen) {
        CaseApiStubs.answer(caseApi, caseNumber, 200, """
                {"caseNumber":"%s","status":"UNDER_REVIEW",
                 "statusLabel":{"ar":"قيد الدراسة","en":"Under review"},
                 "department":{"ar":"إدارة التراخيص","en":"Licensing Department"},
                 "updatedAt":"2026-11-20T09:30:00+03:00",
                 "contacts":[{"channel":"sms","address":"%s"}]}
                """.formatted(caseNumber, citizen));
    }

    private long ask(String citizen, String text) {
        InboundMessage m = new InboundMessage(Channel.SMS, "SM" + UUID.randomUUID().toString().replace("-", ""),
                new Address(Channel.SMS, citizen), new Address(Channel.SMS, BOT), InboundKind.TEXT, text, null,
                Instant.now(), null, Map.of());
        try {
            VertxContextSupport.subscribeAndAwait(() -> inbox.accept(InboundBatch.of(m)));
        } catch (Throwable e) {
            throw new AssertionError(e);
        }
        return ((Number) TestDb.value("select id from inbound_message where provider_message_id = ?",
                m.providerMessageId())).longValue();
    }

    private List<OutboundMessage> sentTo(String citizen) {
        return sender.sentTo(citizen).stream().filter(m -> m.origin() != Origin.SYSTEM).toList();
    }

    private List<OutboundMessage> awaitSent(String citizen, int count) {
        await().atMost(Duration.ofSeconds(15)).until(() -> sentTo(citizen).size() >= count);
        return sentTo(citizen);
    }

    private static Object followUp(long inboundId, String column) {
        return TestDb.value("select " + column + " from case_follow_up where inbound_message_id = ?", inboundId);
    }

    /** Three passes of the follow-up job (every second) find nothing more to send. */
    private void nothingMoreAfterPasses(String citizen, int count) throws InterruptedException {
        Thread.sleep(3500);
        assertThat(sentTo(citizen)).hasSize(count);
    }

    @Test
    void answeredOnceWhenTheCaseApiIsBack_notWhileItIsDown() throws InterruptedException {
        String citizen = newCitizen();
        String number = newCase();
        down(number);
        long inbound = ask(citizen, "Status of case " + number + "?");
        assertThat(awaitSent(citizen, 1).get(0).text()).isEqualTo(APOLOGY.formatted(number));
        assertThat(followUp(inbound, "state")).isEqualTo("OWED");

        // still down: tried again and again (every second), owed again each time, nothing sent
        await().atMost(Duration.ofSeconds(10)).until(() -> ((Number) followUp(inbound, "attempts")).intValue() >= 2);
        // between two attempts it is OWED again (read during an attempt it is SENDING, the job's claim)
        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(50))
                .until(() -> "OWED".equals(followUp(inbound, "state")));
        assertThat(sentTo(citizen)).hasSize(1);

        up(number, citizen);
        OutboundMessage answer = awaitSent(citizen, 2).get(1);
        assertThat(answer.text()).startsWith(BACK + "Case " + number + ": Under review.").contains("Licensing");
        assertThat(answer.origin()).isEqualTo(Origin.NOTIFICATION);
        await().atMost(Duration.ofSeconds(5)).until(() -> "SENT".equals(followUp(inbound, "state")));
        assertThat(((Number) followUp(inbound, "outbound_message_id")).longValue()).isEqualTo(answer.id());
        // one BOT reply per inbound message still: the apology; the follow-up is not linked as a second reply
        assertThat(TestDb.value("select count(*) from outbound_message where inbound_message_id = ?", inbound))
                .isEqualTo(1L);
        nothingMoreAfterPasses(citizen, 2); // once per message
    }

    @Test
    void inTheConversationsOrder_andOnlyTheNumbersThatWereNotAnswered() {
        String citizen = newCitizen();
        String first = newCase();
        String second = newCase();
        String answered = newCase();
        down(first);
        down(second);
        up(answered, citizen);
        ask(citizen, "Status of case " + first + "?");
        ask(citizen, "Case " + second + " and case " + answered);
        List<OutboundMessage> apologies = awaitSent(citizen, 2);
        assertThat(apologies.get(1).text()).startsWith(APOLOGY.formatted(second)).contains(answered + ": Under review");

        up(second, citizen);
        up(first, citizen);
        List<OutboundMessage> all = awaitSent(citizen, 4);
        assertThat(all.get(2).text()).startsWith(BACK + "Case " + first + ": Under review.");
        assertThat(all.get(3).text()).startsWith(BACK + "Case " + second + ": Under review.")
                .doesNotContain(answered);
    }

    @Test
    void notWhenTheCitizenAskedAgainMeanwhile() throws InterruptedException {
        String citizen = newCitizen();
        String number = newCase();
        down(number);
        long firstAsk = ask(citizen, "Status of case " + number + "?");
        awaitSent(citizen, 1);
        long secondAsk = ask(citizen, "case " + number + " please");
        awaitSent(citizen, 2);

        up(number, citizen);
        List<OutboundMessage> all = awaitSent(citizen, 3);
        assertThat(all.get(2).text()).startsWith(BACK + "Case " + number);
        await().atMost(Duration.ofSeconds(5)).until(() -> "SENT".equals(followUp(secondAsk, "state")));
        assertThat(followUp(firstAsk, "state")).isEqualTo("SKIPPED");
        assertThat(followUp(firstAsk, "reason")).isEqualTo("ASKED_AGAIN");
        nothingMoreAfterPasses(citizen, 3);
    }

    @Test
    void notWhileAPersonHoldsTheConversation_norAfterAnOptOut_norAfterTheRetryWindow() throws InterruptedException {
        String held = newCitizen();
        String optedOut = newCitizen();
        String late = newCitizen();
        String number = newCase();
        down(number);
        long heldAsk = ask(held, "Status of case " + number + "?");
        long optedOutAsk = ask(optedOut, "Status of case " + number + "?");
        long lateAsk = ask(late, "Status of case " + number + "?");
        awaitSent(held, 1);
        awaitSent(optedOut, 1);
        awaitSent(late, 1);
        TestDb.execute("update conversation set state = 'WITH_AGENT', assigned_agent = 'agent1', assigned_at = now() "
                + "where citizen_address = ?", held);
        TestDb.execute("insert into opt_out (channel, citizen_address, bot_address, reason) values ('SMS', ?, ?, 'STOP')",
                optedOut, BOT);
        TestDb.execute("update case_follow_up set asked_at = now() - interval '31 minutes' "
                + "where inbound_message_id = ?", lateAsk);

        up(number, held);
        await().atMost(Duration.ofSeconds(15)).until(() -> "SKIPPED".equals(followUp(heldAsk, "state"))
                && "SKIPPED".equals(followUp(optedOutAsk, "state")) && "SKIPPED".equals(followUp(lateAsk, "state")));
        assertThat(followUp(heldAsk, "reason")).isEqualTo("HELD_BY_PERSON");
        assertThat(followUp(optedOutAsk, "reason")).isEqualTo("OPTED_OUT");
        assertThat(followUp(lateAsk, "reason")).isEqualTo("RETRY_WINDOW");
        nothingMoreAfterPasses(held, 1);
        assertThat(sentTo(optedOut)).hasSize(1);
        assertThat(sentTo(late)).hasSize(1);
    }
}
