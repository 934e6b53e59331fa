package gov.tawasul.channels.facebook;

import com.fasterxml.jackson.databind.ObjectMapper;
import gov.tawasul.channels.common.ExpectedOutbound;
import gov.tawasul.channels.common.WebhookCase;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.stream.Stream;

import static gov.tawasul.channels.common.ExpectedInbound.inbound;
import static gov.tawasul.channels.common.ExpectedOutbound.outbound;
import static gov.tawasul.channels.common.ExpectedReceipt.receipt;
import static gov.tawasul.channels.common.ExpectedResponse.problem;
import static gov.tawasul.channels.common.ExpectedResponse.status;
import static gov.tawasul.channels.common.Given.posted;
import static gov.tawasul.channels.common.Signing.forged;
import static gov.tawasul.channels.common.Signing.now;
import static gov.tawasul.channels.common.Signing.recorded;
import static gov.tawasul.channels.common.Signing.unsigned;
import static gov.tawasul.channels.common.WebhookCase.row;
import static gov.tawasul.channels.facebook.FbFixtures.PAGE_ID;
import static gov.tawasul.channels.facebook.FbFixtures.PSID_1;
import static gov.tawasul.channels.facebook.FbFixtures.PSID_2;
import static gov.tawasul.channels.facebook.FbTestData.fresh;
import static gov.tawasul.channels.facebook.MessengerWebhooks.OK;
import static gov.tawasul.channels.facebook.MessengerWebhooks.event;
import static gov.tawasul.channels.facebook.MessengerWebhooks.fixture;
import static gov.tawasul.channels.facebook.MessengerWebhooks.recordedSignatureOf;
import static gov.tawasul.channels.facebook.MessengerWebhooks.subscriptionCheck;

/**
 * The Messenger webhook table: the subscription check, signatures over the raw bytes, malformed bodies, batching
 * (F13), echoes (F14) and duplicates (F15). Fixtures whose reply is expected are moved to now
 * ({@link FbTestData#fresh}) when the table is built.
 */
final class MessengerWebhookCases {

    private static final String ARABIC = "fb-messenger-text-arabic-emoji.json";
    private static final String ECHO = "fb-messenger-echo.json";
    private static final String ECHO_TEMPLATE = "fb-messenger-echo-template.json";
    private static final String ECHO_MID = "mid.1457764197618:41d102a3e1ae206a38";
    private static final String ECHO_TEXT = "Thanks! Your booking is confirmed.";
    /** The mid of fb-messenger-text.json. */
    private static final String TEXT_MID =
            "FAKEMIDAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA0001";
    /** The mids of fb-messenger-batched-multi-entry.json's two messages. */
    private static final String FIRST_MID =
            "m_FAKEAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA0010";
    private static final String SECOND_MID =
            "m_FAKEAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA0011";

    private MessengerWebhookCases() {
    }

    static Stream<WebhookCase> cases() {
        return Stream.of(subscription(), refused(), events(), echoes()).flatMap(s -> s)
                .map(WebhookCase.Builder::build);
    }

    private static Stream<WebhookCase.Builder> subscription() {
        String line = FbFixtures.text("fb-messenger-verify-request.txt").lines()
                .filter(l -> l.startsWith("GET ")).findFirst().orElseThrow();
        String query = line.substring(line.indexOf('?') + 1, line.indexOf(' ', 4));
        return Stream.of(
                row("subscription check of the fixture → the challenge, as text/plain")
                        .request(subscriptionCheck(query), unsigned())
                        .expect(status(200).contentType("text/plain").body("1158201444")),
                row("subscription check with a wrong verify token → 403")
                        .request(subscriptionCheck(
                                "hub.mode=subscribe&hub.verify_token=wrong&hub.challenge=1158201444"), unsigned())
                        .expect(problem(403)),
                row("subscription check with hub.mode=unsubscribe → 403")
                        .request(subscriptionCheck("hub.mode=unsubscribe&hub.verify_token=" + FbFixtures.VERIFY_TOKEN
                                + "&hub.challenge=1158201444"), unsigned())
                        .expect(problem(403)),
                row("subscription check without parameters → 403")
                        .request(subscriptionCheck(""), unsigned()).expect(problem(403)));
    }

    /** Refused before anything is stored; a signature is over the exact bytes, with our app secret. */
    private static Stream<WebhookCase.Builder> refused() {
        String good = FbFixtures.signature(ARABIC);
        String forged = good.substring(0, good.length() - 2) + (good.endsWith("09") ? "10" : "09");
        return Stream.of(
                row("forged X-Hub-Signature-256 → 403, nothing stored, nothing sent")
                        .request(fixture(ARABIC), forged(forged)).expect(problem(403)).nothingSent(),
                row("unsigned → 403")
                        .request(fixture(ARABIC), unsigned()).expect(problem(403)).nothingSent(),
                row("the fixture's signature on the same JSON re-serialised → 403")
                        .request(fixture(ARABIC).withBody(reserialised(FbFixtures.bytes(ARABIC))), recorded(good))
                        .expect(problem(403)).nothingSent(),
                row("F16 signed with another app secret than ours → 403")
                        .request(event(MessengerSignatureVerifierTest.F16_BODY),
                                recorded(MessengerSignatureVerifierTest.F16_SIGNATURE))
                        .expect(problem(403)).nothingSent(),
                row("malformed JSON, signed → 400")
                        .request(event("{\"object\":\"page\",\"entry\":[{"), now()).expect(problem(400)),
                row("an object other than page, signed → 200, ignored")
                        .request(event("{\"object\":\"instagram\",\"entry\":[{\"id\":\"1\",\"time\":1,"
                                + "\"messaging\":[]}]}"), now())
                        .expect(OK));
    }

    /** Batches and duplicates, all sent now so that they are answered. */
    private static Stream<WebhookCase.Builder> events() {
        Instant now = Instant.now();
        String text = fresh("fb-messenger-text.json", now);
        return Stream.of(
                row("F13 two entries → both stored before the 200, each citizen answered")
                        .request(event(fresh("fb-messenger-batched-multi-entry.json", now)), now())
                        .expect(OK)
                        .inbound(inbound(FIRST_MID).kind("TEXT").text("first message").from(PSID_1).to(PAGE_ID),
                                inbound(SECOND_MID).kind("TEXT").text("second user, same page")
                                        .from(PSID_2).to(PAGE_ID))
                        .sentTo(PSID_1, PSID_2),
                row("a message, a delivery of a mid we do not know (kept pending) and a read in one entry")
                        .request(event(fresh("fb-messenger-batched-multi-messaging.json", now)), now())
                        .expect(OK)
                        .inbound(inbound("mid.1468152703527:0000000000fake0002").kind("TEXT").text("test")
                                .from(PSID_1).to(PAGE_ID))
                        .receipts(receipt("mid.1468152706286:0000000000fake0001", "DELIVERED").linked(false))
                        .sentTo(PSID_1),
                row("F15 the same mid twice → stored once, answered once")
                        .given(posted(event(text), now(), 200))
                        .request(event(text), now())
                        .expect(OK)
                        .inbound(inbound(TEXT_MID).kind("TEXT").text("hi").from(PSID_1).to(PAGE_ID))
                        .sentTo(PSID_1),
                row("F15 the same postback again with a referral → stored once, answered once")
                        .given(posted(event(fresh("fb-messenger-postback.json", now)), now(), 200))
                        .request(event(fresh("fb-messenger-postback-referral.json", now)), now())
                        .expect(OK)
                        .inbound(inbound("postback:" + PSID_1 + ":" + (now.toEpochMilli() - 100) + ":GET_STARTED")
                                .kind("POSTBACK").payload("GET_STARTED"))
                        .sentTo(PSID_1));
    }

    /** F14: what the Page sent comes back as an echo; none of these mids is the bot's, so a person sent them. */
    private static Stream<WebhookCase.Builder> echoes() {
        return Stream.of(
                row("F14 echo → recorded as an AGENT message, not answered")
                        .request(fixture(ECHO), recordedSignatureOf(ECHO)).expect(OK)
                        .sentTo()
                        .outbound(agentEcho(ECHO_MID).text(ECHO_TEXT)),
                row("F14 echo of a template → recorded, not answered")
                        .request(fixture(ECHO_TEMPLATE), recordedSignatureOf(ECHO_TEMPLATE)).expect(OK)
                        .sentTo()
                        .outbound(agentEcho("mid.1468152706286:0000000000fake0001")),
                row("F14 the same echo again → recorded once")
                        .given(posted(fixture(ECHO), recordedSignatureOf(ECHO), 200),
                                posted(fixture(ECHO_TEMPLATE), recordedSignatureOf(ECHO_TEMPLATE), 200))
                        .request(fixture(ECHO), recordedSignatureOf(ECHO)).expect(OK)
                        .sentTo()
                        .outbound(agentEcho(ECHO_MID), agentEcho("mid.1468152706286:0000000000fake0001")),
                row("F14 echo without app_id (sent from the Page inbox) → recorded as AGENT, not answered")
                        .request(event(FbFixtures.text(ECHO).replace("\"app_id\":100000000000099,", "")), now())
                        .expect(OK)
                        .sentTo()
                        .outbound(agentEcho(ECHO_MID).text(ECHO_TEXT)));
    }

    private static ExpectedOutbound agentEcho(String mid) {
        return outbound(mid).origin("AGENT").fromEcho(true).status("SENT").recipient(PSID_1).sender(PAGE_ID);
    }

    private static byte[] reserialised(byte[] json) {
        ObjectMapper mapper = new ObjectMapper();
        try {
            return mapper.writeValueAsBytes(mapper.readTree(json));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
