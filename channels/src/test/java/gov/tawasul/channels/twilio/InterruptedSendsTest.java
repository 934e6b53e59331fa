package gov.tawasul.channels.twilio;

import com.github.tomakehurst.wiremock.WireMockServer;
import gov.tawasul.engine.outbox.InterruptedSends;
import gov.tawasul.engine.testing.TestDb;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static gov.tawasul.channels.twilio.TwilioApiStubs.MESSAGES_PATH;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A send that an instance left in flight when it stopped ({@code SENDING}, no SID, untouched for 10 minutes) is
 * settled by asking Twilio's Messages list (WireMock, Twilio's list format): found → the SID and status are stored;
 * not there → sent again, once; Twilio cannot be asked → {@code FAILED SEND_UNCERTAIN}; an SID another message
 * already holds is not taken twice.
 */
@QuarkusTest
@QuarkusTestResource(value = TwilioWireMockResource.class, restrictToAnnotatedClass = true)
class InterruptedSendsTest {

    private static final String BOT = "+15555550199";
    private static final Duration AGE = Duration.ofMinutes(5);
    /** Twilio's date form, e.g. {@code Thu, 15 Jan 2026 14:31:00 +0000}. */
    private static final DateTimeFormatter RFC_2822 = DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss Z",
            Locale.US);

    @InjectTwilioApi
    WireMockServer twilio;
    @Inject
    InterruptedSends interrupted;

    @BeforeEach
    void reset() {
        twilio.resetAll();
        TwilioApiStubs.answer(twilio, TwilioApiStubs.createdFreshSid());
    }

    /** @return the id of a new outbound SMS to {@code citizen}, in flight without SID since 10 minutes ago */
    private static long interruptedSend(String citizen, String text) {
        TestDb.execute("delete from outbound_message where recipient = ?", citizen);
        TestDb.execute("insert into conversation (channel, citizen_address, bot_address) values ('SMS', ?, ?) "
                + "on conflict do nothing", citizen, BOT);
        return (Long) TestDb.value("""
                insert into outbound_message (conversation_id, channel, recipient, sender, text, locale, status, attempts,
                                              created_at, updated_at)
                select id, 'SMS', citizen_address, bot_address, ?, 'en', 'SENDING', 1, now() - interval '10 minutes',
                       now() - interval '10 minutes'
                from conversation where channel = 'SMS' and citizen_address = ? and bot_address = ?
                returning id""", text, citizen, BOT);
    }

    private static String minutesAgo(int minutes) {
        return ZonedDateTime.now(ZoneOffset.UTC).minusMinutes(minutes).format(RFC_2822);
    }

    private void settle() throws Throwable {
        VertxContextSupport.subscribeAndAwait(() -> interrupted.settle(AGE));
    }

    /** @return the messages created at the WireMock Twilio for {@code citizen} (the recovery pass runs meanwhile) */
    private long sendsTo(String citizen) {
        String to = "To=" + java.net.URLEncoder.encode(citizen, java.nio.charset.StandardCharsets.UTF_8) + "&";
        return twilio.findAll(postRequestedFor(urlPathEqualTo(MESSAGES_PATH))).stream()
                .filter(r -> r.getBodyAsString().contains(to)).count();
    }

    private static Map<String, Object> row(long id) {
        return TestDb.rows("select status, provider_message_id, error_code, error_message from outbound_message "
                + "where id = ?", id).get(0);
    }

    @Test
    void foundAtTwilioTheSidAndStatusAreStoredAndNothingIsSentAgain() throws Throwable {
        String citizen = "+15555550141";
        long id = interruptedSend(citizen, "Case 1446-000123: Approved.");
        twilio.stubFor(get(urlPathEqualTo(MESSAGES_PATH)).willReturn(TwilioApiStubs.messageList(
                TwilioApiStubs.message("SM000000000000000000000000000041b1", citizen, BOT, "another text", minutesAgo(9),
                        "delivered"),
                TwilioApiStubs.message("SM000000000000000000000000000041a1", citizen, BOT,
                        "Case 1446-000123: Approved.", minutesAgo(9), "delivered"),
                TwilioApiStubs.message("SM000000000000000000000000000041c1", citizen, BOT,
                        "Case 1446-000123: Approved.", minutesAgo(60 * 24), "delivered"))));
        settle();
        assertThat(row(id)).containsEntry("status", "DELIVERED")
                .containsEntry("provider_message_id", "SM000000000000000000000000000041a1");
        twilio.verify(getRequestedFor(urlPathEqualTo(MESSAGES_PATH)).withQueryParam("To",
                com.github.tomakehurst.wiremock.client.WireMock.equalTo(citizen)));
        assertThat(sendsTo(citizen)).isZero();
    }

    @Test
    void notAtTwilioItIsSentAgainOnce() throws Throwable {
        String citizen = "+15555550142";
        long id = interruptedSend(citizen, "Case 1446-000124: Received.");
        twilio.stubFor(get(urlPathEqualTo(MESSAGES_PATH)).willReturn(TwilioApiStubs.messageList(
                // the same text a day ago is an earlier message, not this one
                TwilioApiStubs.message("SM000000000000000000000000000042c1", citizen, BOT,
                        "Case 1446-000124: Received.", minutesAgo(60 * 24), "delivered"))));
        settle();
        assertThat(row(id)).containsEntry("status", "QUEUED").containsEntry("error_message",
                "send interrupted (instance stopped); the provider does not have it: sent again");
        // the recovery pass (every 5 s in tests as in prod) resends it
        await().atMost(Duration.ofSeconds(20)).until(() -> row(id).get("provider_message_id") != null);
        assertThat(sendsTo(citizen)).isEqualTo(1);
        settle();
        assertThat(sendsTo(citizen)).as("settled once, sent once").isEqualTo(1);
    }

    @Test
    void aSidAnotherMessageHoldsIsNotTakenAndTwilioDownMeansMayHaveBeenSent() throws Throwable {
        String citizen = "+15555550143";
        long first = interruptedSend(citizen, "Case 1446-000125: Approved.");
        TestDb.execute("update outbound_message set status = 'DELIVERED', provider_message_id = "
                + "'SM000000000000000000000000000043a1' where id = ?", first);
        long second = (Long) TestDb.value("""
                insert into outbound_message (conversation_id, channel, recipient, sender, text, locale, status, attempts,
                                              created_at, updated_at)
                select conversation_id, channel, recipient, sender, text, locale, 'SENDING', 1, created_at, updated_at
                from outbound_message where id = ? returning id""", first);
        twilio.stubFor(get(urlPathEqualTo(MESSAGES_PATH)).willReturn(TwilioApiStubs.messageList(
                TwilioApiStubs.message("SM000000000000000000000000000043a1", citizen, BOT,
                        "Case 1446-000125: Approved.", minutesAgo(9), "delivered"))));
        settle();
        assertThat(row(second)).as("the only match is the first message's: this one never arrived")
                .containsEntry("status", "QUEUED").containsEntry("provider_message_id", null);

        String other = "+15555550144";
        long uncertain = interruptedSend(other, "Case 1446-000126: Approved.");
        twilio.stubFor(get(urlPathEqualTo(MESSAGES_PATH))
                .willReturn(TwilioApiStubs.error(500, 20500, "Internal Server Error")));
        settle();
        assertThat(row(uncertain)).containsEntry("status", "FAILED").containsEntry("error_code", "SEND_UNCERTAIN")
                .containsEntry("provider_message_id", null);
        assertThat((String) row(uncertain).get("error_message")).startsWith(
                "send interrupted (instance stopped); it may have been sent: Twilio could not be asked");
    }

    @Test
    void ourTextWithAnUnreadableDateMayBeThisSend_notSentAgain() throws Throwable {
        String citizen = "+15555550145";
        long id = interruptedSend(citizen, "Case 1446-000127: Approved.");
        twilio.stubFor(get(urlPathEqualTo(MESSAGES_PATH)).willReturn(TwilioApiStubs.messageList(
                TwilioApiStubs.message("SM000000000000000000000000000045a1", citizen, BOT,
                        "Case 1446-000127: Approved.", "2026-12-03T10:00:00Z", "sent"))));
        settle();
        assertThat(row(id)).containsEntry("status", "FAILED").containsEntry("error_code", "SEND_UNCERTAIN")
                .containsEntry("provider_message_id", null);
        assertThat((String) row(id).get("error_message")).contains("without a readable date");
        assertThat(sendsTo(citizen)).isZero();
    }
}
