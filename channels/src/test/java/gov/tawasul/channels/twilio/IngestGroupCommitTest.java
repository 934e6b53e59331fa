package gov.tawasul.channels.twilio;

import com.github.tomakehurst.wiremock.WireMockServer;
import gov.tawasul.channels.common.WebhookHarness;
import gov.tawasul.channels.common.WebhookRequest;
import gov.tawasul.engine.testing.TestDb;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static gov.tawasul.channels.common.Signing.now;
import static gov.tawasul.channels.twilio.TwilioWebhooks.BOT;
import static gov.tawasul.channels.twilio.TwilioWebhooks.CITIZEN;
import static gov.tawasul.channels.twilio.TwilioWebhooks.statusCallback;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Group commit on the webhook path, with the whole app. Delivery receipts: 50 status callbacks posted at once —
 * {@code sent} and {@code delivered} of 16 replies, {@code sent} and {@code undelivered} (30003) of 4, in random
 * order, and 10 for messages whose provider id is not stored yet — each answered 204 after its receipt committed,
 * every status as one callback after the other would have left it, and fewer statements than receipts. The window is
 * widened to 50 ms (default 2 ms) so that requests arriving over a loaded machine's scheduling still meet. Inbound
 * SMS: 45 requests at once — 4 messages from each of 10 citizens and 5 of Twilio's retries — store 40 messages, 4 in
 * each citizen's one conversation, in fewer statements than requests.
 */
@QuarkusTest
@TestProfile(IngestGroupCommitTest.WideWindow.class)
@QuarkusTestResource(value = TwilioWireMockResource.class, restrictToAnnotatedClass = true)
class IngestGroupCommitTest {

    /** 50 ms windows. */
    public static class WideWindow implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("tawasul.engine.ingest.receipt-window", "50ms",
                    "tawasul.engine.ingest.inbound-window", "50ms");
        }
    }

    @InjectTwilioApi
    WireMockServer twilio;

    @Inject
    MeterRegistry metrics;

    static String sid(int i) {
        return "SM%032d".formatted(7000 + i);
    }

    double counter(String name) {
        var c = metrics.find(name).counter();
        return c == null ? 0 : c.count();
    }

    /** @return the status of each request, all posted at the same moment from threads of their own */
    static List<Integer> postAtOnce(WebhookHarness harness, List<WebhookRequest> requests) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(requests.size());
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Integer>> answers = new ArrayList<>();
            for (WebhookRequest request : requests) {
                answers.add(pool.submit(() -> {
                    start.await();
                    return harness.post(request, now()).extract().statusCode();
                }));
            }
            start.countDown();
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> answer : answers) {
                statuses.add(answer.get(30, TimeUnit.SECONDS));
            }
            return statuses;
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void concurrentStatusCallbacksAreWrittenTogetherAndLeaveEveryStatusRight() throws Exception {
        WebhookHarness harness = new WebhookHarness(TwilioWebhooks.channel(twilio));
        harness.reset();
        TestDb.execute("insert into conversation (channel, citizen_address, bot_address) values ('SMS', ?, ?)",
                CITIZEN, BOT);
        List<WebhookRequest> callbacks = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            TestDb.execute("""
                    insert into outbound_message (conversation_id, channel, recipient, sender, text, status,
                                                  provider_message_id, attempts, sent_at)
                    select id, 'SMS', ?, ?, 'Case 12345: Under review.', 'SENDING', ?, 1, now() from conversation
                    where channel = 'SMS'""", CITIZEN, BOT, sid(i));
            callbacks.add(statusCallback(sid(i), "sent", null));
            callbacks.add(i < 16 ? statusCallback(sid(i), "delivered", null)
                    : statusCallback(sid(i), "undelivered", "30003"));
        }
        for (int i = 20; i < 30; i++) {
            callbacks.add(statusCallback(sid(i), "delivered", null)); // provider id not stored yet
        }
        Collections.shuffle(callbacks);
        double receiptsBefore = counter("tawasul.ingest.receipts");
        double statementsBefore = counter("tawasul.ingest.receipt.statements");

        assertThat(postAtOnce(harness, callbacks)).containsOnly(204);

        for (int i = 0; i < 20; i++) {
            Map<String, Object> row = TestDb.rows("select status, error_code from outbound_message "
                    + "where provider_message_id = ?", sid(i)).get(0);
            if (i < 16) {
                assertThat(row).as(sid(i)).containsEntry("status", "DELIVERED").containsEntry("error_code", null);
            } else {
                assertThat(row).as(sid(i)).containsEntry("status", "UNDELIVERED").containsEntry("error_code", "30003");
            }
            assertThat(TestDb.rows("select status from delivery_receipt where provider_message_id = ? "
                    + "and outbound_message_id is not null", sid(i))).as(sid(i)).hasSize(2);
        }
        for (int i = 20; i < 30; i++) {
            assertThat(TestDb.rows("select status from delivery_receipt where provider_message_id = ? "
                    + "and outbound_message_id is null", sid(i))).as("kept for later: " + sid(i))
                    .containsExactly(Map.of("status", "DELIVERED"));
        }
        assertThat(((Number) TestDb.value("select count(*) from delivery_receipt where channel = 'SMS'")).longValue())
                .isEqualTo(50);

        double receipts = counter("tawasul.ingest.receipts") - receiptsBefore;
        double statements = counter("tawasul.ingest.receipt.statements") - statementsBefore;
        System.out.printf("receipt group commit: %.0f receipts in %.0f statements%n", receipts, statements);
        assertThat(receipts).isEqualTo(50);
        assertThat(statements).as("statements for 50 receipts").isLessThan(50).isGreaterThanOrEqualTo(2);
    }

    @Test
    void concurrentInboundSmsAreStoredTogetherEachOnceInTheirConversation() throws Exception {
        WebhookHarness harness = new WebhookHarness(TwilioWebhooks.channel(twilio));
        harness.reset();
        List<WebhookRequest> requests = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            String from = "%2B155555502" + "%02d".formatted(i % 10);
            String form = TwilioWebhooks.inboundForm("SM%032d".formatted(8000 + i), "hello")
                    .replace("&From=%2B15555550100", "&From=" + from);
            requests.add(WebhookRequest.post(TwilioWebhooks.SMS, WebhookRequest.FORM, form));
        }
        for (int i = 0; i < 5; i++) {
            requests.add(requests.get(i)); // Twilio's retries, racing the first delivery
        }
        double messagesBefore = counter("tawasul.ingest.inbound");
        double statementsBefore = counter("tawasul.ingest.inbound.statements");

        assertThat(postAtOnce(harness, requests)).containsOnly(200);

        assertThat(((Number) TestDb.value("select count(*) from inbound_message where channel = 'SMS'")).longValue())
                .isEqualTo(40);
        assertThat(TestDb.rows("select c.citizen_address, count(*) as messages from inbound_message i "
                + "join conversation c on c.id = i.conversation_id where i.channel = 'SMS' group by c.citizen_address"))
                .hasSize(10).allSatisfy(r -> assertThat(((Number) r.get("messages")).intValue()).isEqualTo(4));
        double messages = counter("tawasul.ingest.inbound") - messagesBefore;
        double statements = counter("tawasul.ingest.inbound.statements") - statementsBefore;
        System.out.printf("inbound group commit: %.0f messages in %.0f statements%n", messages, statements);
        assertThat(messages).as("messages written (a retry in the group of its first delivery is not)")
                .isBetween(40.0, 45.0);
        assertThat(statements).as("statements for 45 requests").isLessThan(45);
        // answered before this test's app and its Twilio API stop (else the next test class's app would send them)
        await().atMost(Duration.ofSeconds(60)).until(() -> TestDb.rows("""
                select 1 from inbound_message where channel = 'SMS' and state = 'RECEIVED'
                union all
                select 1 from outbound_message where channel = 'SMS'
                  and (status = 'QUEUED' or (status = 'SENDING' and provider_message_id is null))""").isEmpty());
    }
}
