package gov.tawasul.channels.twitter;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import gov.tawasul.engine.inbox.Inbox;
import gov.tawasul.engine.model.Channel;
import gov.tawasul.engine.model.DeliveryStatus;
import gov.tawasul.engine.model.InboundKind;
import gov.tawasul.engine.model.InboundMessage;
import gov.tawasul.engine.model.WatermarkReceipt;
import jakarta.ws.rs.BadRequestException;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Parsing and normalising every Account Activity fixture. */
class TwitterWebhookParserTest {

    static final String US = "1000000000000000001";
    static final String CITIZEN = "1000000000000000002";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

    static AccountActivityPayload parse(byte[] body) throws Exception {
        return JSON.readValue(body, AccountActivityPayload.class);
    }

    private static AccountActivity map(byte[] body, Optional<String> appId, Set<String> sent) throws Exception {
        return TwitterWebhookParser.map(parse(body), appId, sent, NOW);
    }

    private static InboundMessage only(AccountActivity activity) {
        assertThat(activity.messages()).hasSize(1);
        assertThat(activity.reads()).isEmpty();
        return activity.messages().get(0);
    }

    @Test
    void textMessageFromACitizen() throws Exception {
        InboundMessage m = only(map(TwitterFixtures.bytes("twitter-aaa-dm-event.json"), Optional.empty(), Set.of()));
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
        InboundMessage m = only(map(TwitterFixtures.bytes("twitter-aaa-dm-event-unicode.json"), Optional.empty(), Set.of()));
        assertThat(m.text()).isEqualTo("مرحبا هل أنتم مفتوحون؟ 📷❄️");
        assertThat(m.providerMessageId()).isEqualTo("1100000000000000002");
    }

    @Test
    void quickReplyAnswerCarriesItsMetadataAsPayload() throws Exception {
        InboundMessage m = only(map(TwitterFixtures.bytes("twitter-aaa-dm-quick-reply-response.json"), Optional.empty(), Set.of()));
        assertThat(m.kind()).isEqualTo(InboundKind.POSTBACK);
        assertThat(m.payload()).isEqualTo("abuse_toomuch");
        assertThat(m.text()).isEqualTo("Too many requests");
    }

    @Test
    void mediaWithoutTextIsAnAttachment() throws Exception {
        InboundMessage m = only(map(TwitterFixtures.bytes("twitter-aaa-dm-media.json"), Optional.empty(), Set.of()));
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
        InboundMessage m = only(map(JSON.writeValueAsBytes(root), Optional.empty(), Set.of()));
        assertThat(m.kind()).isEqualTo(InboundKind.TEXT);
        assertThat(m.text()).isEqualTo("case 1446-000123");
    }

    @Test
    void tcoLinksAreShownExpanded() throws Exception {
        ObjectNode root = (ObjectNode) JSON.readTree(TwitterFixtures.bytes("twitter-aaa-dm-event.json"));
        ObjectNode data = (ObjectNode) root.at("/direct_message_events/0/message_create/message_data");
        data.put("text", "see https://t.co/FAKElink01 please");
        ArrayNode urls = (ArrayNode) data.at("/entities/urls");
        urls.addObject().put("url", "https://t.co/FAKElink01").put("expanded_url", "https://example.gov/case/77")
                .put("display_url", "example.gov/case/77");
        InboundMessage m = only(map(JSON.writeValueAsBytes(root), Optional.empty(), Set.of()));
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

    @Test
    void ownDmFromOurAppIsAnEchoSentByTheBot() throws Exception {
        InboundMessage m = only(map(echo("268278"), Optional.of("268278"), Set.of()));
        assertThat(m.kind()).isEqualTo(InboundKind.ECHO);
        assertThat(m.from().value()).isEqualTo(US);
        assertThat(m.to().value()).isEqualTo(CITIZEN);
        assertThat(m.citizen().value()).isEqualTo(CITIZEN);
        assertThat(m.attributes()).containsEntry(Inbox.ATTR_SENT_BY_BOT, "true");
    }

    @Test
    void ownDmWhoseIdTheBotSentIsAnEchoSentByTheBot() throws Exception {
        InboundMessage m = only(map(echo(null), Optional.of("268278"), Set.of("1100000000000000001")));
        assertThat(m.kind()).isEqualTo(InboundKind.ECHO);
        assertThat(m.attributes()).containsEntry(Inbox.ATTR_SENT_BY_BOT, "true");
    }

    @Test
    void ownDmFromAnotherAppIsAStaffMessage() throws Exception {
        InboundMessage m = only(map(echo("3033300"), Optional.of("268278"), Set.of()));
        assertThat(m.kind()).isEqualTo(InboundKind.ECHO);
        assertThat(m.attributes()).doesNotContainKey(Inbox.ATTR_SENT_BY_BOT);
        assertThat(TwitterWebhookParser.ownEventIds(parse(echo(null)))).containsExactly("1100000000000000001");
    }

    @Test
    void markReadIsAReadWatermarkOfTheCitizen() throws Exception {
        AccountActivity a = map(TwitterFixtures.bytes("twitter-aaa-mark-read.json"), Optional.empty(), Set.of());
        assertThat(a.messages()).isEmpty();
        assertThat(a.reads()).containsExactly(new WatermarkReceipt(
                new gov.tawasul.engine.model.Address(Channel.TWITTER, CITIZEN), DeliveryStatus.READ, null,
                "1100000000000000001", NOW));
    }

    @Test
    void markReadWithABlankSenderIsABadRequest() {
        byte[] body = """
                {"for_user_id":"1000000000000000001","direct_message_mark_read_events":[{"created_timestamp":"1517588749178",
                 "sender_id":" ","target":{"recipient_id":"1000000000000000001"},"last_read_event_id":"1100000000000000001"}]}"""
                .getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> map(body, Optional.empty(), Set.of())).isInstanceOf(BadRequestException.class)
                .hasMessage("direct_message_mark_read_events[] item with a blank sender_id");
    }

    @Test
    void typingAndUnknownEventsAreDropped() throws Exception {
        AccountActivity typing = map(TwitterFixtures.bytes("twitter-aaa-typing.json"), Optional.empty(), Set.of());
        assertThat(typing.messages()).isEmpty();
        assertThat(typing.reads()).isEmpty();
        AccountActivity follow = map("""
                {"for_user_id":"1000000000000000001","follow_events":[{"type":"follow","created_timestamp":"1517588749178"}],
                 "tweet_create_events":[{"id_str":"1"}]}""".getBytes(), Optional.empty(), Set.of());
        assertThat(follow.messages()).isEmpty();
        assertThat(follow.reads()).isEmpty();
    }
}
