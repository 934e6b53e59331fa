package gov.tawasul.channels.facebook;

import gov.tawasul.engine.inbox.Inbox;
import gov.tawasul.engine.model.Address;
import gov.tawasul.engine.model.Channel;
import gov.tawasul.engine.model.DeliveryReceipt;
import gov.tawasul.engine.model.DeliveryStatus;
import gov.tawasul.engine.model.InboundKind;
import gov.tawasul.engine.model.InboundMessage;
import gov.tawasul.engine.model.WatermarkReceipt;
import jakarta.ws.rs.BadRequestException;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import static gov.tawasul.channels.facebook.FbFixtures.PAGE_ID;
import static gov.tawasul.channels.facebook.FbFixtures.PSID_1;
import static gov.tawasul.channels.facebook.FbFixtures.PSID_2;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MessengerWebhookParserTest {

    static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
    final MessengerWebhookParser parser = new MessengerWebhookParser();

    MessengerEvents parse(String fixture) {
        return parser.parse(FbFixtures.bytes(fixture), NOW);
    }

    static Address fb(String id) {
        return new Address(Channel.FACEBOOK, id);
    }

    @Test
    void text() {
        MessengerEvents e = parse("fb-messenger-text.json");
        assertThat(e.messages()).singleElement().satisfies(m -> {
            assertThat(m.kind()).isEqualTo(InboundKind.TEXT);
            assertThat(m.providerMessageId())
                    .isEqualTo("FAKEMIDAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA0001");
            assertThat(m.from()).isEqualTo(fb(PSID_1));
            assertThat(m.to()).isEqualTo(fb(PAGE_ID));
            assertThat(m.text()).isEqualTo("hi");
            assertThat(m.payload()).isNull();
            assertThat(m.sentAt()).isEqualTo(Instant.ofEpochMilli(1559102363925L));
        });
        assertThat(e.deliveries()).isEmpty();
        assertThat(e.watermarks()).isEmpty();
    }

    @Test
    void itemsThatAreNullOrNoObjectAreIgnoredAndTheOthersKept() {
        String good = new String(FbFixtures.bytes("fb-messenger-text.json"), StandardCharsets.UTF_8);
        String body = good.replaceFirst("\"entry\"\\s*:\\s*\\[", "\"entry\":[null,")
                .replaceFirst("\"messaging\"\\s*:\\s*\\[", "\"messaging\":[true,null,");
        assertThat(body).contains("[null,", "[true,null,");
        MessengerEvents e = parser.parse(body.getBytes(StandardCharsets.UTF_8), NOW);
        assertThat(e.messages()).singleElement().extracting(InboundMessage::text).isEqualTo("hi");
    }

    @Test
    void arabicAndEmojiDecoded() {
        assertThat(parse("fb-messenger-text-arabic-emoji.json").messages()).singleElement()
                .extracting(InboundMessage::text).isEqualTo("مرحبا! أريد حجز موعد غداً 👋😊");
    }

    @Test
    void fieldCaseF16() {
        MessengerEvents e = parser.parse(MessengerSignatureVerifierTest.F16_BODY.getBytes(StandardCharsets.UTF_8), NOW);
        assertThat(e.messages()).singleElement().satisfies(m -> {
            assertThat(m.text()).isEqualTo("رقم القضية ١٢٣");
            assertThat(m.providerMessageId()).isEqualTo("m_TEST1");
            assertThat(m.from()).isEqualTo(fb("2222222222222222"));
        });
    }

    @Test
    void quickReplyIsTextWithPayload() {
        assertThat(parse("fb-messenger-quick-reply.json").messages()).singleElement().satisfies(m -> {
            assertThat(m.kind()).isEqualTo(InboundKind.TEXT);
            assertThat(m.text()).isEqualTo("hello, world!");
            assertThat(m.payload()).isEqualTo("QR_PAYLOAD_RED");
            assertThat(m.providerMessageId()).isEqualTo("mid.1457764197618:41d102a3e1ae206a38");
        });
    }

    @Test
    void postbackKeyedOnSenderTimestampPayload() {
        InboundMessage m = parse("fb-messenger-postback.json").messages().get(0);
        assertThat(m.kind()).isEqualTo(InboundKind.POSTBACK);
        assertThat(m.payload()).isEqualTo("GET_STARTED");
        assertThat(m.text()).isEqualTo("Get Started");
        assertThat(m.providerMessageId()).isEqualTo("postback:" + PSID_1 + ":1527459824000:GET_STARTED");
        // the same postback with a referral is the same tap: same key (F15)
        assertThat(parse("fb-messenger-postback-referral.json").messages().get(0).providerMessageId())
                .isEqualTo(m.providerMessageId());
    }

    @Test
    void attachmentsAndStickers() {
        InboundMessage image = parse("fb-messenger-attachment-image.json").messages().get(0);
        assertThat(image.kind()).isEqualTo(InboundKind.ATTACHMENT);
        assertThat(image.text()).isEmpty();
        assertThat(image.providerMessageId()).isEqualTo("mid.$cAAJdkrCd2ORnva8ErFhjGm0X_Q_c");
        assertThat(image.attributes()).containsEntry(MessengerWebhookParser.ATTR_ATTACHMENTS, "image");

        InboundMessage sticker = parse("fb-messenger-attachment-sticker.json").messages().get(0);
        assertThat(sticker.kind()).isEqualTo(InboundKind.ATTACHMENT);
        assertThat(sticker.attributes()).containsEntry(MessengerWebhookParser.ATTR_STICKER, "369239263222822");
    }

    @Test
    void echoOfOurAppIsMarkedSentByBot() {
        InboundMessage echo = parse("fb-messenger-echo.json").messages().get(0);
        assertThat(echo.kind()).isEqualTo(InboundKind.ECHO);
        assertThat(echo.from()).isEqualTo(fb(PAGE_ID));
        assertThat(echo.to()).isEqualTo(fb(PSID_1));
        assertThat(echo.citizen()).isEqualTo(fb(PSID_1));
        assertThat(echo.text()).isEqualTo("Thanks! Your booking is confirmed.");
        assertThat(echo.attributes()).containsEntry(MessengerWebhookParser.ATTR_APP_ID, FbFixtures.APP_ID);

        InboundMessage template = parse("fb-messenger-echo-template.json").messages().get(0);
        assertThat(template.kind()).isEqualTo(InboundKind.ECHO);
        assertThat(template.text()).isEqualTo("[template]");
        assertThat(template.providerMessageId()).isEqualTo("mid.1468152706286:0000000000fake0001");
    }

    @Test
    void aMessageFromThePageItselfIsAnEchoEvenWithoutIsEcho() {
        String noFlag = FbFixtures.text("fb-messenger-echo.json").replace("\"is_echo\":true,", "");
        assertThat(noFlag).doesNotContain("is_echo");
        InboundMessage fromPage = parser.parse(noFlag.getBytes(StandardCharsets.UTF_8), NOW).messages().get(0);
        assertThat(fromPage.kind()).isEqualTo(InboundKind.ECHO);
        assertThat(fromPage.citizen()).isEqualTo(fb(PSID_1));
    }

    @Test
    void everyEchoIsAnEchoWhateverItsAppOrMetadata() {
        // who sent it is decided by the Inbox from the mid (the bot's own rows hold theirs), not by the parser
        String noApp = FbFixtures.text("fb-messenger-echo.json").replace("\"app_id\":100000000000099,", "");
        InboundMessage pageInbox = parser.parse(noApp.getBytes(StandardCharsets.UTF_8), NOW).messages().get(0);
        assertThat(pageInbox.kind()).isEqualTo(InboundKind.ECHO);
        assertThat(pageInbox.attributes()).doesNotContainKey(MessengerWebhookParser.ATTR_APP_ID);
        assertThat(pageInbox.attributes()).doesNotContainKey(InboundMessage.ATTR_OUR_OUTBOUND_ID);
        String ours = noApp.replace("DEVELOPER_DEFINED_METADATA_STRING", SendApiRequest.METADATA_PREFIX + "4217");
        InboundMessage withOurMetadata = parser.parse(ours.getBytes(StandardCharsets.UTF_8), NOW).messages().get(0);
        assertThat(withOurMetadata.kind()).isEqualTo(InboundKind.ECHO);
        assertThat(withOurMetadata.providerMessageId()).isEqualTo(pageInbox.providerMessageId());
        // the echo names the outbound row it is of: the id we sent as metadata
        assertThat(withOurMetadata.attributes()).containsEntry(InboundMessage.ATTR_OUR_OUTBOUND_ID, "4217");
    }

    @Test
    void metadataThatIsNotOursNamesNoRow() {
        for (String metadata : new String[]{"tawasul:out:", "tawasul:out:12a", "tawasul:bot", "x-tawasul:out:5",
                "tawasul:out:1234567890123456789"}) {
            String body = FbFixtures.text("fb-messenger-echo.json").replace("DEVELOPER_DEFINED_METADATA_STRING", metadata);
            InboundMessage echo = parser.parse(body.getBytes(StandardCharsets.UTF_8), NOW).messages().get(0);
            assertThat(echo.attributes()).as(metadata).doesNotContainKey(InboundMessage.ATTR_OUR_OUTBOUND_ID);
        }
    }

    @Test
    void batchedEntriesAllRead() {
        MessengerEvents e = parse("fb-messenger-batched-multi-entry.json");
        assertThat(e.messages()).extracting(InboundMessage::from, InboundMessage::text).containsExactly(
                org.assertj.core.groups.Tuple.tuple(fb(PSID_1), "first message"),
                org.assertj.core.groups.Tuple.tuple(fb(PSID_2), "second user, same page"));
        assertThat(e.watermarks()).containsExactly(new WatermarkReceipt(fb(PSID_1), DeliveryStatus.READ,
                Instant.ofEpochMilli(1736950099000L), null, NOW));
    }

    @Test
    void batchedMessagingItemsAllRead() {
        MessengerEvents e = parse("fb-messenger-batched-multi-messaging.json");
        assertThat(e.messages()).singleElement().satisfies(m -> {
            assertThat(m.text()).isEqualTo("test");
            assertThat(m.providerMessageId()).isEqualTo("mid.1468152703527:0000000000fake0002");
        });
        // "timestamp":0 → the receive time
        assertThat(e.deliveries()).containsExactly(new DeliveryReceipt(Channel.FACEBOOK,
                "mid.1468152706286:0000000000fake0001", DeliveryStatus.DELIVERED, null, null, NOW));
        assertThat(e.watermarks()).containsExactly(
                new WatermarkReceipt(fb(PSID_1), DeliveryStatus.DELIVERED, Instant.ofEpochMilli(1468152706921L), null, NOW),
                new WatermarkReceipt(fb(PSID_1), DeliveryStatus.READ, Instant.ofEpochMilli(1468152706921L), null, NOW));
    }

    @Test
    void deliveryWatermarkOnlyAndRead() {
        MessengerEvents d = parse("fb-messenger-delivery-watermark-only.json");
        assertThat(d.messages()).isEmpty();
        assertThat(d.deliveries()).isEmpty();
        assertThat(d.watermarks()).containsExactly(new WatermarkReceipt(fb(PSID_1), DeliveryStatus.DELIVERED,
                Instant.ofEpochMilli(1458668856253L), null, NOW));
        assertThat(parse("fb-messenger-read.json").watermarks()).containsExactly(new WatermarkReceipt(fb(PSID_1),
                DeliveryStatus.READ, Instant.ofEpochMilli(1468152706921L), null, NOW));
    }

    @Test
    void messagesSortedByTimestamp() {
        // the multi-entry fixture with its two entries swapped: still oldest first
        String body = "{\"object\":\"page\",\"entry\":[{\"id\":\"" + PAGE_ID + "\",\"time\":2,\"messaging\":[{\"sender\":{\"id\":\""
                + PSID_1 + "\"},\"recipient\":{\"id\":\"" + PAGE_ID + "\"},\"timestamp\":1736950100200,\"message\":{\"mid\":\"m_2\",\"text\":\"later\"}}]},"
                + "{\"id\":\"" + PAGE_ID + "\",\"time\":1,\"messaging\":[{\"sender\":{\"id\":\"" + PSID_1 + "\"},\"recipient\":{\"id\":\""
                + PAGE_ID + "\"},\"timestamp\":1736950100001,\"message\":{\"mid\":\"m_1\",\"text\":\"earlier\"}}]}]}";
        assertThat(parser.parse(body.getBytes(StandardCharsets.UTF_8), NOW).messages())
                .extracting(InboundMessage::text).containsExactly("earlier", "later");
    }

    @Test
    void otherObjectsIgnoredAndMalformedRejected() {
        MessengerEvents e = parser.parse("{\"object\":\"instagram\",\"entry\":[]}".getBytes(StandardCharsets.UTF_8), NOW);
        assertThat(e.messages()).isEmpty();
        assertThat(e.watermarks()).isEmpty();
        assertThatThrownBy(() -> parser.parse("{\"object\":\"page\",\"entry\":[{".getBytes(StandardCharsets.UTF_8), NOW))
                .isInstanceOf(BadRequestException.class);
        assertThatThrownBy(() -> parser.parse("[1,2]".getBytes(StandardCharsets.UTF_8), NOW))
                .isInstanceOf(BadRequestException.class);
    }

    @Test
    void blankSenderOrRecipientIdIsABadRequest() {
        String blankSender = "{\"object\":\"page\",\"entry\":[{\"id\":\"" + PAGE_ID + "\",\"time\":1,\"messaging\":[{"
                + "\"sender\":{\"id\":\" \"},\"recipient\":{\"id\":\"" + PAGE_ID + "\"},\"timestamp\":1736950100001,"
                + "\"message\":{\"mid\":\"m_1\",\"text\":\"1446-000123\"}}]}]}";
        assertThatThrownBy(() -> parser.parse(blankSender.getBytes(StandardCharsets.UTF_8), NOW))
                .isInstanceOf(BadRequestException.class).hasMessage("Messenger messaging item with a blank sender.id");
        String blankRecipient = blankSender.replace("{\"id\":\" \"}", "{\"id\":\"" + PSID_1 + "\"}")
                .replace("\"recipient\":{\"id\":\"" + PAGE_ID + "\"}", "\"recipient\":{\"id\":\"\"}");
        assertThatThrownBy(() -> parser.parse(blankRecipient.getBytes(StandardCharsets.UTF_8), NOW))
                .isInstanceOf(BadRequestException.class).hasMessage("Messenger messaging item with a blank recipient.id");
    }
}
