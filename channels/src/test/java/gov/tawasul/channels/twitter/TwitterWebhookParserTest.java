package gov.tawasul.channels.twitter;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import gov.tawasul.engine.model.Channel;
import gov.tawasul.engine.model.DeliveryStatus;
import gov.tawasul.engine.model.InboundBatch;
import gov.tawasul.engine.model.InboundKind;
import gov.tawasul.engine.model.InboundMessage;
import gov.tawasul.engine.model.WatermarkReceipt;
import jakarta.ws.rs.BadRequestException;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Parsing and normalising every Account Activity fixture and the X Activity API's DM events. */
class TwitterWebhookParserTest {

    static final String US = "1000000000000000001";
    static final String CITIZEN = "1000000000000000002";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

    static AccountActivityPayload parse(byte[] body) throws Exception {
        return TwitterWebhookParser.read(JSON, body);
    }

    private static InboundBatch map(byte[] body) throws Exception {
        return TwitterWebhookParser.map(parse(body), US, NOW);
    }

    private static InboundMessage only(InboundBatch batch) {
        assertThat(batch.messages()).hasSize(1);
        assertThat(batch.watermarks()).isEmpty();
        assertThat(batch.receipts()).isEmpty();
        assertThat(batch.optOuts()).isEmpty();
        return batch.messages().get(0);
    }

    @Test
    void textMessageFromACitizen() throws Exception {
        InboundMessage m = only(map(TwitterFixtures.bytes("twitter-aaa-dm-event.json")));
        assertThat(m.channel()).isEqualTo(Channel.TWITTER);
        assertThat(m.providerMessageId()).isEqualTo("1100000000000000001");
        assertThat(m.kind()).isEqualTo(InboundKind.TEXT);
        assertThat(m.from().value()).isEqualTo(CITIZEN);
        assertThat(m.to().value()).isEqualTo(US);
        assertThat(m.text()).isEqualTo("Briefly, what are your opening hours?");
        assertThat(m.senderName()).isEqualTo("test_sender");
        assertThat(m.payload()).isNull();
        assertThat(m.sentAt()).isEqualTo(Instant.ofEpochMilli(1560853608526L));
        assertThat(m.attributes()).isEmpty();
    }

    @Test
    void arabicAndEmojiFromXsWireEscapes() throws Exception {
        InboundMessage m = only(map(TwitterFixtures.bytes("twitter-aaa-dm-event-unicode.json")));
        assertThat(m.text()).isEqualTo("مرحبا هل أنتم مفتوحون؟ 📷❄️");
        assertThat(m.providerMessageId()).isEqualTo("1100000000000000002");
    }

    @Test
    void quickReplyAnswerCarriesItsMetadataAsPayload() throws Exception {
        InboundMessage m = only(map(TwitterFixtures.bytes("twitter-aaa-dm-quick-reply-response.json")));
        assertThat(m.kind()).isEqualTo(InboundKind.POSTBACK);
        assertThat(m.payload()).isEqualTo("abuse_toomuch");
        assertThat(m.text()).isEqualTo("Too many requests");
    }

    @Test
    void mediaWithoutTextIsAnAttachment() throws Exception {
        InboundMessage m = only(map(TwitterFixtures.bytes("twitter-aaa-dm-media.json")));
        assertThat(m.kind()).isEqualTo(InboundKind.ATTACHMENT);
        assertThat(m.text()).isEmpty();
        assertThat(m.attributes()).containsEntry(TwitterWebhookParser.ATTR_MEDIA_TYPE, "animated_gif")
                .containsEntry(TwitterWebhookParser.ATTR_MEDIA_URL,
                        "https://pbs.twimg.com/dm_gif_preview/1200000000000000001/FAKEFAKEFAKE.jpg");
    }

    @Test
    void mediaWithACaseNumberStaysText() throws Exception {
        ObjectNode root = (ObjectNode) JSON.readTree(TwitterFixtures.bytes("twitter-aaa-dm-media.json"));
        ObjectNode data = (ObjectNode) root.at("/direct_message_events/0/message_create/message_data");
        data.put("text", "case 1446-000123 https://t.co/FAKEmedia1");
        InboundMessage m = only(map(JSON.writeValueAsBytes(root)));
        assertThat(m.kind()).isEqualTo(InboundKind.TEXT);
        assertThat(m.text()).isEqualTo("case 1446-000123");
    }

    @Test
    void nullEventsAreSkippedAndTheOthersKept() throws Exception {
        ObjectNode root = (ObjectNode) JSON.readTree(TwitterFixtures.bytes("twitter-aaa-dm-event.json"));
        ((ArrayNode) root.get("direct_message_events")).insertNull(0);
        root.putArray("direct_message_mark_read_events").addNull();
        InboundMessage m = only(map(JSON.writeValueAsBytes(root)));
        assertThat(m.providerMessageId()).isEqualTo("1100000000000000001");
        assertThat(map(JSON.writeValueAsBytes(root)).watermarks()).isEmpty();
    }

    @Test
    void tcoLinksAreShownExpanded() throws Exception {
        ObjectNode root = (ObjectNode) JSON.readTree(TwitterFixtures.bytes("twitter-aaa-dm-event.json"));
        ObjectNode data = (ObjectNode) root.at("/direct_message_events/0/message_create/message_data");
        data.put("text", "see https://t.co/FAKElink01 please");
        ArrayNode urls = (ArrayNode) data.at("/entities/urls");
        urls.addObject().put("url", "https://t.co/FAKElink01").put("expanded_url", "https://example.gov/case/77")
                .put("display_url", "example.gov/case/77");
        InboundMessage m = only(map(JSON.writeValueAsBytes(root)));
        assertThat(m.text()).isEqualTo("see https://example.gov/case/77 please");
    }

    /** F18: the subscribed account's own DM comes back. */
    private static byte[] echo(String sourceAppId) throws Exception {
        ObjectNode root = (ObjectNode) JSON.readTree(TwitterFixtures.bytes("twitter-aaa-dm-event.json"));
        ObjectNode mc = (ObjectNode) root.at("/direct_message_events/0/message_create");
        mc.put("sender_id", US);
        ((ObjectNode) mc.get("target")).put("recipient_id", CITIZEN);
        if (sourceAppId != null) {
            mc.put("source_app_id", sourceAppId);
        }
        return JSON.writeValueAsBytes(root);
    }

    /** Sent by the bot (our app's source_app_id) or typed by staff in X's app: the same ECHO, no marker. */
    @Test
    void ownDmIsAnEchoToTheCitizenWhoeverTypedIt() throws Exception {
        for (String app : new String[]{"268278", "3033300", null}) {
            InboundMessage m = only(map(echo(app)));
            assertThat(m.kind()).as(app).isEqualTo(InboundKind.ECHO);
            assertThat(m.providerMessageId()).isEqualTo("1100000000000000001");
            assertThat(m.from().value()).isEqualTo(US);
            assertThat(m.to().value()).isEqualTo(CITIZEN);
            assertThat(m.citizen().value()).isEqualTo(CITIZEN);
            assertThat(m.bot().value()).isEqualTo(US);
            assertThat(m.text()).isEqualTo("Briefly, what are your opening hours?");
            assertThat(m.attributes()).as(app).isEmpty();
        }
    }

    @Test
    void markReadIsAReadWatermarkOfTheCitizen() throws Exception {
        InboundBatch a = map(TwitterFixtures.bytes("twitter-aaa-mark-read.json"));
        assertThat(a.messages()).isEmpty();
        assertThat(a.watermarks()).containsExactly(new WatermarkReceipt(
                new gov.tawasul.engine.model.Address(Channel.TWITTER, CITIZEN), DeliveryStatus.READ, null,
                "1100000000000000001", NOW));
    }

    @Test
    void markReadWithABlankSenderIsABadRequest() {
        byte[] body = """
                {"for_user_id":"1000000000000000001","direct_message_mark_read_events":[{"created_timestamp":"1517588749178",
                 "sender_id":" ","target":{"recipient_id":"1000000000000000001"},"last_read_event_id":"1100000000000000001"}]}"""
                .getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> map(body)).isInstanceOf(BadRequestException.class)
                .hasMessage("direct_message_mark_read_events[] item with a blank sender_id");
    }

    @Test
    void typingAndUnknownEventsAreDropped() throws Exception {
        InboundBatch typing = map(TwitterFixtures.bytes("twitter-aaa-typing.json"));
        assertThat(typing.isEmpty()).isTrue();
        InboundBatch follow = map("""
                {"for_user_id":"1000000000000000001","follow_events":[{"type":"follow","created_timestamp":"1517588749178"}],
                 "tweet_create_events":[{"id_str":"1"}]}""".getBytes());
        assertThat(follow.isEmpty()).isTrue();
    }

    @Test
    void xActivityDmReceivedIsTheCitizensMessage() throws Exception {
        byte[] body = TwitterTestData.dmReceived(US, "2080765901528535096", CITIZEN, "حالة القضية ١٢٣٤٥");
        AccountActivityPayload payload = parse(body);
        assertThat(payload.forUserId()).isEqualTo(US);
        InboundMessage m = only(TwitterWebhookParser.map(payload, US, NOW));
        assertThat(m.channel()).isEqualTo(Channel.TWITTER);
        assertThat(m.providerMessageId()).isEqualTo("2080765901528535096");
        assertThat(m.kind()).isEqualTo(InboundKind.TEXT);
        assertThat(m.from().value()).isEqualTo(CITIZEN);
        assertThat(m.to().value()).isEqualTo(US);
        assertThat(m.text()).isEqualTo("حالة القضية ١٢٣٤٥");
        assertThat(m.senderName()).isEqualTo("u1000000000000000002");
        assertThat(m.sentAt()).isEqualTo(Instant.ofEpochMilli(1784928224372L));
    }

    @Test
    void xActivityDmSentIsAnEcho() throws Exception {
        InboundMessage m = only(map(TwitterTestData.dmSent(US, "2080763914820927863", CITIZEN, "Thanks for the update!")));
        assertThat(m.kind()).isEqualTo(InboundKind.ECHO);
        assertThat(m.providerMessageId()).isEqualTo("2080763914820927863");
        assertThat(m.citizen().value()).isEqualTo(CITIZEN);
        assertThat(m.bot().value()).isEqualTo(US);
        assertThat(m.text()).isEqualTo("Thanks for the update!");
    }

    /** Other X Activity events (here profile.update.bio, post.delete, oauth.revoke) keep only their filter. */
    @Test
    void otherXActivityEventsCarryNoDm() throws Exception {
        AccountActivityPayload bio = parse("""
                {"data":{"event_uuid":"-8917909039855612786","filter":{"user_id":"1000000000000000001"},
                 "event_type":"profile.update.bio","tag":"profile-bio",
                 "payload":{"before":"Building with the X API","after":"Building with the X API @XDevelopers"}}}"""
                .getBytes());
        assertThat(bio.forUserId()).isEqualTo(US);
        assertThat(TwitterWebhookParser.map(bio, US, NOW).isEmpty()).isTrue();
        AccountActivityPayload delete = parse("""
                {"data":{"event_uuid":"-2781149976877970683","filter":{"user_id":"1000000000000000001"},
                 "event_type":"post.delete","payload":{"id":"2080761269309813134","author_id":"1000000000000000001"}}}"""
                .getBytes());
        assertThat(TwitterWebhookParser.map(delete, US, NOW).isEmpty()).isTrue();
        AccountActivityPayload revoke = parse("""
                {"data":{"event_uuid":"5934540941047412905","filter":{},"event_type":"oauth.revoke",
                 "payload":{"date_time":"2026-07-23T21:44:05+00:00","user_id":"1000000000000000001","app_id":"29820954"}}}"""
                .getBytes());
        assertThat(revoke.forUserId()).isNull();
    }

    @Test
    void bodiesOfNeitherShapeAreRefused() {
        for (String body : new String[]{"", "[]", "\"dm.received\"", "{\"data\":", "null"}) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> parse(body.getBytes()))
                    .as(body).isInstanceOf(java.io.IOException.class);
        }
    }
}
