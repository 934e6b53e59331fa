package gov.tawasul.channels.twitter;

import com.fasterxml.jackson.databind.JsonNode;
import gov.tawasul.channels.common.ExpectedInbound;
import gov.tawasul.channels.common.WebhookCase;
import gov.tawasul.channels.common.WebhookRequest;

import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import static gov.tawasul.channels.common.ExpectedInbound.inbound;
import static gov.tawasul.channels.common.ExpectedResponse.problem;
import static gov.tawasul.channels.common.ExpectedResponse.status;
import static gov.tawasul.channels.common.Given.posted;
import static gov.tawasul.channels.common.Signing.now;
import static gov.tawasul.channels.common.Signing.unsigned;
import static gov.tawasul.channels.common.Signing.withSecret;
import static gov.tawasul.channels.common.WebhookCase.row;
import static gov.tawasul.channels.twitter.TwitterWebhooks.CITIZEN;
import static gov.tawasul.channels.twitter.TwitterWebhooks.CITIZEN_DM_ID;
import static gov.tawasul.channels.twitter.TwitterWebhooks.FIXTURE_CITIZEN;
import static gov.tawasul.channels.twitter.TwitterWebhooks.OK;
import static gov.tawasul.channels.twitter.TwitterWebhooks.REPLY_ID;
import static gov.tawasul.channels.twitter.TwitterWebhooks.REPLY_TEXT;
import static gov.tawasul.channels.twitter.TwitterWebhooks.US;
import static gov.tawasul.channels.twitter.TwitterWebhooks.botReplied;
import static gov.tawasul.channels.twitter.TwitterWebhooks.citizenDm;
import static gov.tawasul.channels.twitter.TwitterWebhooks.crc;
import static gov.tawasul.channels.twitter.TwitterWebhooks.delivery;
import static gov.tawasul.channels.twitter.TwitterWebhooks.fixture;
import static gov.tawasul.channels.twitter.TwitterWebhooks.recordedSignatureOf;
import static gov.tawasul.channels.twitter.TwitterWebhooks.reply;
import static gov.tawasul.channels.twitter.TwitterWebhooks.replyEcho;
import static gov.tawasul.channels.twitter.TwitterWebhooks.staffDm;
import static java.nio.charset.StandardCharsets.UTF_8;

/**
 * The X webhook table: the challenge-response check, the twitter-aaa fixtures with their recorded signatures,
 * forged/unsigned/tampered signatures and malformed JSON, deliveries for another account, duplicates, the X Activity
 * API's {@code dm.received} / {@code dm.sent}, and the DMs our own account sent (staff in X's app, the bot's reply
 * coming back). Every row that accepts a delivery checks the sends by recipient: our own account
 * ({@link TwitterWebhooks#US}) is never one of them.
 */
final class TwitterWebhookCases {

    private static final String DM_EVENT = "twitter-aaa-dm-event.json";
    private static final String UNICODE = "twitter-aaa-dm-event-unicode.json";
    private static final String QUICK_REPLY = "twitter-aaa-dm-quick-reply-response.json";
    private static final String MEDIA = "twitter-aaa-dm-media.json";
    private static final String MARK_READ = "twitter-aaa-mark-read.json";
    private static final String TYPING = "twitter-aaa-typing.json";
    /** Every twitter-aaa delivery fixture, each posted by one row with its recorded signature. */
    static final List<String> FIXTURES = List.of(DM_EVENT, UNICODE, QUICK_REPLY, MEDIA, MARK_READ, TYPING);
    /** Another account subscribed by the same app. */
    private static final String THEIRS = "1000000000000000555";
    /** The secret of the usual mistake: the access token secret instead of the consumer secret. */
    private static final String WRONG_SECRET = TestTwitterConfig.ACCESS_TOKEN_SECRET;

    private TwitterWebhookCases() {
    }

    static Stream<WebhookCase> cases() {
        return Stream.of(crcChecks(), fixtures(), refused(), malformed(), notOurs(), duplicates(), xActivity(),
                ourOwnDms()).flatMap(s -> s).map(WebhookCase.Builder::build);
    }

    /** The challenge-response check: X's request in twitter-aaa-crc.txt, the token in the signature vectors. */
    private static Stream<WebhookCase.Builder> crcChecks() {
        String line = TwitterFixtures.text("twitter-aaa-crc.txt").lines()
                .filter(l -> l.startsWith("GET ")).findFirst().orElseThrow();
        String query = line.substring(line.indexOf('?') + 1, line.indexOf(' ', 4));
        JsonNode vector = TwitterFixtures.json("twitter-signature-vectors.json").at("/crc/fixture_fake_secret");
        return Stream.of(
                row("CRC of the fixture (crc_token, nonce) → response_token of the consumer secret, within 3 s")
                        .request(crc(query), unsigned())
                        .expect(status(200).contentType("application/json")
                                .json("response_token", vector.path("response_token").asText())
                                .within(Duration.ofSeconds(3))),
                row("CRC without crc_token → 400")
                        .request(crc(""), unsigned()).expect(problem(400)),
                row("CRC with an empty crc_token → 400")
                        .request(crc("crc_token=&nonce=fixture-nonce"), unsigned()).expect(problem(400)));
    }

    /** The fixtures exactly as signed: DMs stored (and answered), a read and a typing indicator store nothing. */
    private static Stream<WebhookCase.Builder> fixtures() {
        return Stream.of(
                storedFixture(DM_EVENT, fixtureDm("1100000000000000001").kind("TEXT")
                        .text("Briefly, what are your opening hours?").payload(null)),
                storedFixture(UNICODE, fixtureDm("1100000000000000002").kind("TEXT")
                        .text("مرحبا هل أنتم مفتوحون؟ 📷❄️").payload(null)),
                storedFixture(QUICK_REPLY, fixtureDm("1100000000000000004").kind("POSTBACK")
                        .text("Too many requests").payload("abuse_toomuch")),
                storedFixture(MEDIA, fixtureDm("1100000000000000005").kind("ATTACHMENT").text("").payload(null)),
                row(MARK_READ + " with its recorded signature, no reply of ours to mark → 200, nothing stored")
                        .request(fixture(MARK_READ), recordedSignatureOf(MARK_READ)).expect(OK).nothingSent(),
                row(TYPING + " with its recorded signature → 200, dropped")
                        .request(fixture(TYPING), recordedSignatureOf(TYPING)).expect(OK).nothingSent());
    }

    /** Refused before anything is read: the signature is over the exact bytes, with our consumer secret. */
    private static Stream<WebhookCase.Builder> refused() {
        String tampered = TwitterFixtures.text(DM_EVENT).replace("opening hours", "closing hours");
        String reserialised = TwitterFixtures.json(UNICODE).toString(); // Jackson writes the letters, not escapes
        WebhookRequest dmReceived = delivery(TwitterTestData.dmReceived(US, "2080765901528535001",
                "1000000000000000401", "help"));
        return Stream.of(
                row("another fixture's signature (the unicode one's) → 403, nothing stored, nothing sent")
                        .request(fixture(DM_EVENT), recordedSignatureOf(UNICODE)),
                row("signed with the access token secret instead of the consumer secret → 403")
                        .request(fixture(DM_EVENT), withSecret(WRONG_SECRET)),
                row("unsigned → 403")
                        .request(fixture(DM_EVENT), unsigned()),
                row("the fixture's signature on a changed text → 403")
                        .request(delivery(tampered), recordedSignatureOf(DM_EVENT)),
                row("the fixture's signature on the same JSON re-serialised (X's \\u escapes as UTF-8) → 403")
                        .request(delivery(reserialised), recordedSignatureOf(UNICODE)),
                row("X Activity dm.received signed with the access token secret → 403")
                        .request(dmReceived, withSecret(WRONG_SECRET)),
                row("X Activity dm.received with the signature of another body (the dm-event fixture's) → 403")
                        .request(dmReceived, recordedSignatureOf(DM_EVENT)))
                .map(row -> row.expect(problem(403)).nothingSent());
    }

    /** Signed, but not JSON X sends: 400 problem+json, nothing stored. */
    private static Stream<WebhookCase.Builder> malformed() {
        return Stream.of(
                        row("malformed JSON: an Account Activity delivery cut off → 400")
                                .request(delivery("{\"for_user_id\":\"1000000000000000001\","), now()),
                        row("malformed JSON: an array, not an object → 400")
                                .request(delivery("[1,2]"), now()),
                        row("malformed JSON: an X Activity envelope cut off → 400")
                                .request(delivery("{\"data\":{\"event_type\":"), now()))
                .map(row -> row.expect(problem(400)));
    }

    /** Deliveries that are acknowledged and dropped: another account's, no account, an event that is not a DM. */
    private static Stream<WebhookCase.Builder> notOurs() {
        String citizen = "1000000000000000999";
        String theirs = new String(TwitterTestData.dmFromFixture("1100000000000000900", citizen, "help"), UTF_8)
                .replace("\"for_user_id\":\"" + US + "\"", "\"for_user_id\":\"" + THEIRS + "\"");
        String bio = """
                {"data":{"event_uuid":"-8917909039855612786","filter":{"user_id":"%s"},\
                "event_type":"profile.update.bio","tag":"profile-bio",\
                "payload":{"before":"Building with the X API","after":"Building with the X API @XDevelopers"}}}"""
                .formatted(US);
        return Stream.of(
                        row("Account Activity for another subscribed account (for_user_id) → 200, dropped")
                                .request(delivery(theirs), now()),
                        row("X Activity dm.received for another account (filter.user_id) → 200, dropped")
                                .request(delivery(TwitterTestData.dmReceived(THEIRS, "2080765901528535004",
                                        "1000000000000000404", "help")), now()),
                        row("X Activity dm.received without filter.user_id → 200, dropped")
                                .request(delivery(TwitterTestData.dmReceived("", "2080765901528535005",
                                        "1000000000000000404", "help")), now()),
                        row("X Activity event that is not a DM (profile.update.bio) → 200, dropped")
                                .request(delivery(bio), now()))
                .map(row -> row.expect(OK).nothingSent());
    }

    /** X redelivers: the same event id again is the same message. */
    private static Stream<WebhookCase.Builder> duplicates() {
        return Stream.of(
                row("the same event id twice → stored once, answered once")
                        .given(posted(citizenDm(), now(), 200))
                        .request(citizenDm(), now()).expect(OK)
                        .inbound(citizenDmStored())
                        .sentTo(CITIZEN)
                        .outbound(reply()));
    }

    /** The X Activity API's envelopes of the same DM events (X's wire form: TwitterTestData.dmReceived / dmSent). */
    private static Stream<WebhookCase.Builder> xActivity() {
        String citizen = "1000000000000000403";
        WebhookRequest received = delivery(TwitterTestData.dmReceived(US, "2080765901528535002", FIXTURE_CITIZEN,
                "حالة القضية ١٢٣٤٥"));
        WebhookRequest sent = delivery(TwitterTestData.dmSent(US, "2080763914820927803", citizen,
                "Thanks for the update!"));
        return Stream.of(
                row("X Activity dm.received twice → stored once with the sender's username, answered once")
                        .given(posted(received, now(), 200))
                        .request(received, now()).expect(OK)
                        .inbound(inbound("2080765901528535002").kind("TEXT").text("حالة القضية ١٢٣٤٥")
                                .from(FIXTURE_CITIZEN).to(US).citizenName("u" + FIXTURE_CITIZEN))
                        .sentTo(FIXTURE_CITIZEN),
                row("X Activity dm.sent by staff, twice → one staff message (AGENT, from_echo), never answered")
                        .given(posted(sent, now(), 200))
                        .request(sent, now()).expect(OK)
                        .sentTo()
                        .outbound(staffDm("2080763914820927803", citizen, "Thanks for the update!")));
    }

    /** DMs whose sender is our account come back as echoes: recorded once as staff messages, or the bot's own. */
    private static Stream<WebhookCase.Builder> ourOwnDms() {
        String citizen = "1000000000000000301";
        WebhookRequest staff = delivery(TwitterTestData.ownDm("1100000000000000301", citizen, "نحن نراجع طلبك",
                "3033300"));
        WebhookRequest sent = delivery(TwitterTestData.dmSent(US, REPLY_ID, CITIZEN, REPLY_TEXT));
        return Stream.of(
                row("F18 a DM staff typed in X's app, twice → one staff message (AGENT, from_echo), never answered")
                        .given(posted(staff, now(), 200))
                        .request(staff, now()).expect(OK)
                        .sentTo()
                        .outbound(staffDm("1100000000000000301", citizen, "نحن نراجع طلبك")),
                row("the echo of the bot's reply → not recorded again, nothing sent, to us neither")
                        .given(botReplied())
                        .request(replyEcho(), now()).expect(OK)
                        .inbound(citizenDmStored())
                        .sentTo(CITIZEN)
                        .outbound(reply()),
                row("the echo twice, then the dm.sent of the bot's reply → still only the bot's row")
                        .given(botReplied(), posted(replyEcho(), now(), 200), posted(replyEcho(), now(), 200))
                        .request(sent, now()).expect(OK)
                        .inbound(citizenDmStored())
                        .sentTo(CITIZEN)
                        .outbound(reply()));
    }

    private static WebhookCase.Builder storedFixture(String fixture, ExpectedInbound stored) {
        return row(fixture + " with its recorded signature → stored, answered")
                .request(fixture(fixture), recordedSignatureOf(fixture)).expect(OK)
                .inbound(stored)
                .sentTo(FIXTURE_CITIZEN);
    }

    /** @return a fixture's DM from {@link TwitterWebhooks#FIXTURE_CITIZEN} (screen name test_sender) to us */
    private static ExpectedInbound fixtureDm(String eventId) {
        return inbound(eventId).from(FIXTURE_CITIZEN).to(US).citizenName("test_sender");
    }

    /** @return {@link TwitterWebhooks#citizenDm()} as stored; {@link TwitterWebhooks#reply()} answers it */
    private static ExpectedInbound citizenDmStored() {
        return inbound(CITIZEN_DM_ID).kind("TEXT").text("help").from(CITIZEN).to(US);
    }
}
