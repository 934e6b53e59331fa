package gov.tawasul.channels.twilio;

import gov.tawasul.engine.model.Channel;
import gov.tawasul.engine.model.DeliveryReceipt;
import gov.tawasul.engine.model.DeliveryStatus;
import gov.tawasul.engine.model.InboundKind;
import gov.tawasul.engine.model.InboundMessage;
import jakarta.ws.rs.BadRequestException;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Inbound and status-callback parameters of the real fixtures mapped to the engine's model. */
class TwilioWebhookParserTest {

    private static final Instant NOW = Instant.parse("2026-01-15T14:32:00Z");

    private static FormParams fixture(String name) {
        return FormParams.parse(TwilioFixtures.bytes(name));
    }

    private static FormParams form(String body) {
        return FormParams.parse(body.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void basicInbound() {
        InboundMessage m = TwilioWebhookParser.toInbound(fixture("twilio-sms-inbound-basic.form"), NOW);
        assertThat(m.channel()).isEqualTo(Channel.SMS);
        assertThat(m.providerMessageId()).isEqualTo("SM00000000000000000000000000000001");
        assertThat(m.from().value()).isEqualTo("+15555550100");
        assertThat(m.to().value()).isEqualTo("+15555550199");
        assertThat(m.text()).isEqualTo("Hello from a test phone!");
        assertThat(m.kind()).isEqualTo(InboundKind.TEXT);
        assertThat(m.sentAt()).isEqualTo(NOW);
        assertThat(m.attributes()).isEmpty();
    }

    @Test
    void unicodeInboundKeepsArabicAndEmoji() {
        InboundMessage m = TwilioWebhookParser.toInbound(fixture("twilio-sms-inbound-unicode.form"), NOW);
        assertThat(m.text()).isEqualTo("مرحبا 👋 أريد حجز موعد");
    }

    @Test
    void aNulCharacterIsDroppedFromTheTextAndRefusedInAnIdentifier() {
        String base = "MessageSid=SM00000000000000000000000000000077&From=%2B15555550100&To=%2B15555550199";
        InboundMessage m = TwilioWebhookParser.toInbound(form(base + "&Body=hi%00there&NumMedia=0"), NOW);
        assertThat(m.text()).isEqualTo("hithere");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> TwilioWebhookParser.toInbound(
                        form(base.replace("%2B15555550100", "%2B1555%00") + "&Body=hi"), NOW))
                .isInstanceOf(jakarta.ws.rs.BadRequestException.class)
                .hasMessage("Twilio parameter From contains a NUL character");
    }

    @Test
    void messagingServiceInbound() {
        InboundMessage m = TwilioWebhookParser.toInbound(fixture("twilio-sms-inbound-messaging-service.form"), NOW);
        assertThat(m.providerMessageId()).isEqualTo("SM00000000000000000000000000000004");
        assertThat(m.text()).isEqualTo("Another test.");
    }

    @Test
    void mmsWithTextIsText_mediaOnlyIsAttachment() {
        InboundMessage mms = TwilioWebhookParser.toInbound(fixture("twilio-mms-inbound-image.form"), NOW);
        assertThat(mms.kind()).isEqualTo(InboundKind.TEXT);
        assertThat(mms.text()).isEqualTo("Test");
        assertThat(mms.attributes()).containsEntry("NumMedia", "1").containsEntry("MediaUrl0",
                "https://api.twilio.com/2010-04-01/Accounts/AC00000000000000000000000000000000/Messages/"
                        + "MM00000000000000000000000000000001/Media/ME00000000000000000000000000000001");
        String mediaOnly = new String(TwilioFixtures.bytes("twilio-mms-inbound-image.form"), StandardCharsets.UTF_8)
                .replace("&Body=Test&", "&Body=&");
        assertThat(TwilioWebhookParser.toInbound(form(mediaOnly), NOW).kind()).isEqualTo(InboundKind.ATTACHMENT);
    }

    @Test
    void f09_optOutTypeKept() {
        InboundMessage stop = TwilioWebhookParser.toInbound(form(
                "MessageSid=SM1&From=%2B15555550100&To=%2B15555550199&Body=STOP&OptOutType=STOP&NumMedia=0"), NOW);
        assertThat(stop.text()).isEqualTo("STOP");
        assertThat(stop.attributes()).containsEntry("OptOutType", "STOP");
    }

    @Test
    void missingIdsAre400() {
        assertThatThrownBy(() -> TwilioWebhookParser.toInbound(form("From=%2B1555&To=%2B1666&Body=x"), NOW))
                .isInstanceOf(BadRequestException.class).hasMessageContaining("MessageSid");
        assertThatThrownBy(() -> TwilioWebhookParser.toInbound(form("MessageSid=SM1&To=%2B1666"), NOW))
                .isInstanceOf(BadRequestException.class).hasMessageContaining("From");
        assertThatThrownBy(() -> TwilioWebhookParser.toInbound(form("MessageSid=SM1&From=%2B1555&To="), NOW))
                .isInstanceOf(BadRequestException.class).hasMessageContaining("To");
    }

    @Test
    void whatsAppIsRecognised() {
        assertThat(TwilioWebhookParser.isWhatsApp(fixture("twilio-whatsapp-inbound-text.form"))).isTrue();
        assertThat(TwilioWebhookParser.isWhatsApp(fixture("twilio-whatsapp-status-delivered.form"))).isTrue();
        assertThat(TwilioWebhookParser.isWhatsApp(fixture("twilio-sms-inbound-basic.form"))).isFalse();
        assertThat(TwilioWebhookParser.isWhatsApp(fixture("twilio-status-callback-sent.form"))).isFalse();
    }

    @Test
    void statusFixtures() {
        assertThat(receipt("twilio-status-callback-queued.form").status()).isEqualTo(DeliveryStatus.QUEUED);
        assertThat(receipt("twilio-status-callback-sent.form").status()).isEqualTo(DeliveryStatus.SENT);
        DeliveryReceipt delivered = receipt("twilio-status-callback-delivered.form");
        assertThat(delivered.status()).isEqualTo(DeliveryStatus.DELIVERED);
        assertThat(delivered.providerMessageId()).isEqualTo("SM00000000000000000000000000000100");
        assertThat(delivered.errorCode()).isNull();
        assertThat(delivered.occurredAt()).isEqualTo(NOW);
        DeliveryReceipt optedOut = receipt("twilio-status-callback-failed-21610.form");
        assertThat(optedOut.status()).isEqualTo(DeliveryStatus.FAILED);
        assertThat(optedOut.errorCode()).isEqualTo("21610");
        assertThat(receipt("twilio-status-callback-undelivered-30003.form").errorMessage())
                .isEqualTo("Unreachable destination handset");
        assertThat(receipt("twilio-status-callback-undelivered-30005.form").errorMessage())
                .isEqualTo("Unknown destination handset");
    }

    @Test
    void f08_undelivered30007_andUnknownCodeKeptAsItCame() {
        DeliveryReceipt filtered = receipt("twilio-status-callback-undelivered-30007.form");
        assertThat(filtered.status()).isEqualTo(DeliveryStatus.UNDELIVERED);
        assertThat(filtered.errorCode()).isEqualTo("30007");
        assertThat(filtered.errorMessage()).isEqualTo("Message filtered by the carrier");
        String body = new String(TwilioFixtures.bytes("twilio-status-callback-undelivered-30007.form"),
                StandardCharsets.UTF_8).replace("ErrorCode=30007", "ErrorCode=30034");
        DeliveryReceipt unknown = TwilioWebhookParser.toReceipt(form(body), NOW);
        assertThat(unknown.errorCode()).isEqualTo("30034");
        assertThat(unknown.errorMessage()).contains("30034");
    }

    @Test
    void whatsAppStatusFixturesParse() {
        assertThat(receipt("twilio-whatsapp-status-sent.form").status()).isEqualTo(DeliveryStatus.SENT);
        assertThat(receipt("twilio-whatsapp-status-delivered.form").status()).isEqualTo(DeliveryStatus.DELIVERED);
    }

    @Test
    void unknownOrMissingStatusIs400() {
        assertThatThrownBy(() -> TwilioWebhookParser.toReceipt(form("MessageSid=SM1&MessageStatus=exploded"), NOW))
                .isInstanceOf(BadRequestException.class).hasMessageContaining("exploded");
        assertThatThrownBy(() -> TwilioWebhookParser.toReceipt(form("MessageSid=SM1"), NOW))
                .isInstanceOf(BadRequestException.class);
    }

    @Test
    void formParamsKeepEmptyValuesAndOrder() {
        FormParams p = fixture("twilio-mms-inbound-image.form");
        assertThat(p.pairs()).hasSize(21);
        assertThat(p.pairs().get(0)).isEqualTo(new FormParams.Pair("ToCountry", "US"));
        assertThat(p.first("ToCity")).isEmpty();
        assertThat(p.hasRepeatedNames()).isFalse();
        assertThatThrownBy(() -> FormParams.parse("Body=%ZZ".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(BadRequestException.class).hasMessage("Malformed form body: invalid percent-encoding");
    }

    private static DeliveryReceipt receipt(String fixture) {
        return TwilioWebhookParser.toReceipt(fixture(fixture), NOW);
    }

    @Test
    void whatsAppTextIsAWhatsAppMessageBetweenBareNumbers_profileNameAndWaIdKept() {
        InboundMessage m = TwilioWebhookParser.toInbound(fixture("twilio-whatsapp-inbound-text.form"), NOW);
        assertThat(m.channel()).isEqualTo(Channel.WHATSAPP);
        assertThat(m.from()).isEqualTo(new gov.tawasul.engine.model.Address(Channel.WHATSAPP, "+15555550100"));
        assertThat(m.to()).isEqualTo(new gov.tawasul.engine.model.Address(Channel.WHATSAPP, "+15555550199"));
        assertThat(m.kind()).isEqualTo(InboundKind.TEXT);
        assertThat(m.text()).isEqualTo("Hello, I need help with order #1234");
        assertThat(m.senderName()).isEqualTo("مستخدم تجريبي");
        assertThat(m.attributes()).containsEntry("ProfileName", "مستخدم تجريبي").containsEntry("WaId", "15555550100")
                .containsEntry("MessageType", "text");
    }

    @Test
    void whatsAppImageWithACaptionAndLocationAreAttachments_coordinatesNotKept() {
        InboundMessage image = TwilioWebhookParser.toInbound(fixture("twilio-whatsapp-inbound-image.form"), NOW);
        assertThat(image.kind()).isEqualTo(InboundKind.ATTACHMENT);
        assertThat(image.text()).isEqualTo("Hu");
        assertThat(image.attributes()).containsEntry("NumMedia", "1").containsKey("MediaUrl0");
        InboundMessage location = TwilioWebhookParser.toInbound(fixture("twilio-whatsapp-inbound-location.form"), NOW);
        assertThat(location.kind()).isEqualTo(InboundKind.ATTACHMENT);
        assertThat(location.attributes()).containsEntry("MessageType", "location")
                .doesNotContainKeys("Latitude", "Longitude", "Address", "Label");
        assertThat(location.senderName()).isNull();
    }

    @Test
    void whatsAppStatusCallbacksAreWhatsAppReceipts_readIsRead_21610OptsNobodyOut() {
        DeliveryReceipt sent = TwilioWebhookParser.toReceipt(fixture("twilio-whatsapp-status-sent.form"), NOW);
        assertThat(sent.channel()).isEqualTo(Channel.WHATSAPP);
        assertThat(sent.status()).isEqualTo(DeliveryStatus.SENT);
        DeliveryReceipt read = TwilioWebhookParser.toReceipt(form("MessageSid=SM1&MessageStatus=read"
                + "&To=whatsapp%3A%2B15555550100&From=whatsapp%3A%2B15555550199"), NOW);
        assertThat(read.status()).isEqualTo(DeliveryStatus.READ);
        var failed = TwilioWebhookParser.toStatusBatch(form("ErrorCode=63016&MessageSid=SM1&MessageStatus=failed"
                + "&To=whatsapp%3A%2B15555550100&From=whatsapp%3A%2B15555550199"), NOW);
        assertThat(failed.receipts().get(0).errorCode()).isEqualTo("63016");
        assertThat(failed.receipts().get(0).errorMessage())
                .isEqualTo("Outside WhatsApp's 24-hour window: only an approved template may be sent");
        var stop = TwilioWebhookParser.toStatusBatch(form("ErrorCode=21610&MessageSid=SM1&MessageStatus=failed"
                + "&To=whatsapp%3A%2B15555550100&From=whatsapp%3A%2B15555550199"), NOW);
        assertThat(stop.optOuts()).isEmpty();
    }
}
