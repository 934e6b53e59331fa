package gov.tawasul.channels.twilio;

import gov.tawasul.channels.common.Given;
import gov.tawasul.channels.common.WebhookCase;
import gov.tawasul.channels.common.WebhookRequest;

import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;

import static gov.tawasul.channels.common.ExpectedInbound.inbound;
import static gov.tawasul.channels.common.ExpectedReceipt.receipt;
import static gov.tawasul.channels.common.ExpectedResponse.problem;
import static gov.tawasul.channels.common.Given.posted;
import static gov.tawasul.channels.common.Signing.forTestServerUrl;
import static gov.tawasul.channels.common.Signing.forged;
import static gov.tawasul.channels.common.Signing.now;
import static gov.tawasul.channels.common.Signing.unsigned;
import static gov.tawasul.channels.common.WebhookCase.row;
import static gov.tawasul.channels.twilio.TwilioWebhooks.MESSAGES;
import static gov.tawasul.channels.twilio.TwilioWebhooks.NO_CONTENT;
import static gov.tawasul.channels.twilio.TwilioWebhooks.SMS;
import static gov.tawasul.channels.twilio.TwilioWebhooks.STATUS;
import static gov.tawasul.channels.twilio.TwilioWebhooks.TWIML;
import static gov.tawasul.channels.twilio.TwilioWebhooks.fixture;
import static gov.tawasul.channels.twilio.TwilioWebhooks.recordedSignatureOf;
import static gov.tawasul.channels.twilio.WhatsAppWebhooks.BOT;
import static gov.tawasul.channels.twilio.WhatsAppWebhooks.CITIZEN;
import static gov.tawasul.channels.twilio.WhatsAppWebhooks.CITIZEN_WIRE;
import static gov.tawasul.channels.twilio.WhatsAppWebhooks.PROFILE_NAME;
import static gov.tawasul.channels.twilio.WhatsAppWebhooks.REPLY_SID;
import static gov.tawasul.channels.twilio.WhatsAppWebhooks.inbound;
import static gov.tawasul.channels.twilio.WhatsAppWebhooks.reply;
import static gov.tawasul.channels.twilio.WhatsAppWebhooks.sentReply;
import static gov.tawasul.channels.twilio.WhatsAppWebhooks.statusCallback;

/**
 * The WhatsApp webhook table (WhatsApp on): the three inbound fixtures with their recorded signatures (stored under
 * {@code WHATSAPP} with bare E.164 numbers, answered to {@code whatsapp:+…}), signatures checked exactly as for SMS
 * (F01: the public URL, forged, unsigned, tampered, another path), a duplicate (F05), and status callbacks: the two
 * fixtures, {@code read} (WhatsApp's read receipt), statuses only forward (F06, F07), 63016 "outside the window"
 * (F08: final, kept with its meaning, not resent, no opt-out).
 */
final class WhatsAppWebhookCases {

    private static final String TEXT = "twilio-whatsapp-inbound-text.form";
    private static final String IMAGE = "twilio-whatsapp-inbound-image.form";
    private static final String LOCATION = "twilio-whatsapp-inbound-location.form";
    private static final String SENT = "twilio-whatsapp-status-sent.form";
    private static final String DELIVERED = "twilio-whatsapp-status-delivered.form";

    private WhatsAppWebhookCases() {
    }

    static Stream<WebhookCase> cases() {
        return Stream.of(accepted(), refused(), statusCallbacks()).flatMap(s -> s).map(WebhookCase.Builder::build);
    }

    private static Stream<WebhookCase.Builder> accepted() {
        return Stream.of(
                row(TEXT + " with its recorded signature → TwiML, stored as WHATSAPP +E.164, answered on whatsapp:")
                        .request(fixture(MESSAGES, TEXT), recordedSignatureOf(TEXT)).expect(TWIML)
                        .inbound(inbound("SM00000000000000000000000000000005").kind("TEXT")
                                .text("Hello, I need help with order #1234").from(CITIZEN).to(BOT)
                                .citizenName(PROFILE_NAME))
                        .sentTo(CITIZEN_WIRE),
                row(IMAGE + " (image with a caption) → stored as an attachment, answered")
                        .request(fixture(MESSAGES, IMAGE), recordedSignatureOf(IMAGE)).expect(TWIML)
                        .inbound(inbound("MM00000000000000000000000000000002").kind("ATTACHMENT").text("Hu")
                                .from(CITIZEN).to(BOT).citizenName("Test User"))
                        .sentTo(CITIZEN_WIRE),
                row(LOCATION + " (a location, empty body) → stored as an attachment, answered")
                        .request(fixture(MESSAGES, LOCATION), recordedSignatureOf(LOCATION)).expect(TWIML)
                        .inbound(inbound("SM00000000000000000000000000000006").kind("ATTACHMENT").text("")
                                .from(CITIZEN).to(BOT))
                        .sentTo(CITIZEN_WIRE),
                row("F01 signed for the public https URL behind a TLS-terminating proxy → stored, answered")
                        .request(inbound("SM0000000000000000000000000000b001", "status+12345")
                                .withHeader("X-Forwarded-Proto", "http").withHeader("Host", "10.0.0.5:8080"), now())
                        .expect(TWIML)
                        .inbound(inbound("SM0000000000000000000000000000b001").text("status 12345").from(CITIZEN)
                                .to(BOT))
                        .sentTo(CITIZEN_WIRE),
                row("F05 the same MessageSid again → TwiML, one message, one reply")
                        .given(posted(inbound("SM0000000000000000000000000000b005", "status+12345"), now(), 200))
                        .request(inbound("SM0000000000000000000000000000b005", "status+12345"), now())
                        .expect(TWIML)
                        .inbound(inbound("SM0000000000000000000000000000b005").text("status 12345"))
                        .sentTo(CITIZEN_WIRE));
    }

    private static Stream<WebhookCase.Builder> refused() {
        String tampered = new String(TwilioFixtures.bytes(TEXT), StandardCharsets.UTF_8)
                .replace("order+%231234", "order+%231235");
        return Stream.of(
                row("F01 signed for the URL the test server sees, not the public one → 403")
                        .request(inbound("SM0000000000000000000000000000b002", "status+12345"), forTestServerUrl())
                        .expect(problem(403)).nothingSent(),
                row("unsigned WhatsApp fixture → 403, nothing stored, nothing sent")
                        .request(fixture(MESSAGES, TEXT), unsigned()).expect(problem(403)).nothingSent(),
                row("forged signature → 403")
                        .request(fixture(MESSAGES, TEXT), forged("kFoCU4eoIFuLC4xPC01CyGQx/H5="))
                        .expect(problem(403)).nothingSent(),
                row("the fixture's signature on a changed body → 403")
                        .request(WebhookRequest.post(MESSAGES, WebhookRequest.FORM, tampered), recordedSignatureOf(TEXT))
                        .expect(problem(403)).nothingSent(),
                row("the fixture's signature posted to another path (/sms) → 403")
                        .request(fixture(SMS, TEXT), recordedSignatureOf(TEXT)).expect(problem(403)).nothingSent());
    }

    private static Stream<WebhookCase.Builder> statusCallbacks() {
        return Stream.of(
                row(SENT + " → SENT")
                        .given(sentReply("SENDING"))
                        .request(fixture(STATUS, SENT), recordedSignatureOf(SENT)).expect(NO_CONTENT)
                        .receipts(receipt(REPLY_SID, "SENT").linked(true))
                        .outbound(reply().status("SENT")),
                row(DELIVERED + " after sent → DELIVERED")
                        .given(sentReply("SENDING"), earlier(SENT))
                        .request(fixture(STATUS, DELIVERED), recordedSignatureOf(DELIVERED)).expect(NO_CONTENT)
                        .receipts(receipt(REPLY_SID, "SENT"), receipt(REPLY_SID, "DELIVERED").linked(true))
                        .outbound(reply().status("DELIVERED")),
                row("read after delivered → READ (WhatsApp's read receipt)")
                        .given(sentReply("SENT"), earlier(DELIVERED))
                        .request(statusCallback("read", null), now()).expect(NO_CONTENT)
                        .receipts(receipt(REPLY_SID, "DELIVERED"), receipt(REPLY_SID, "READ").linked(true))
                        .outbound(reply().status("READ")),
                row("F07 a late delivered or sent never overwrites READ")
                        .given(sentReply("SENT"), posted(statusCallback("read", null), now(), 204), earlier(SENT))
                        .request(fixture(STATUS, DELIVERED), recordedSignatureOf(DELIVERED)).expect(NO_CONTENT)
                        .receipts(receipt(REPLY_SID, "READ"), receipt(REPLY_SID, "SENT"),
                                receipt(REPLY_SID, "DELIVERED"))
                        .outbound(reply().status("READ")),
                row("63016 failed → FAILED 'outside the window', final: not resent, nobody opted out")
                        .given(sentReply("SENT"))
                        .request(statusCallback("failed", "63016"), now()).expect(NO_CONTENT)
                        .receipts(receipt(REPLY_SID, "FAILED").errorCode("63016").linked(true))
                        .sentTo()
                        .outbound(reply().status("FAILED").error("63016",
                                "Outside WhatsApp's 24-hour window: only an approved template may be sent")),
                row("F08 an unknown WhatsApp error code (63099) is kept as it came")
                        .given(sentReply("SENT"))
                        .request(statusCallback("undelivered", "63099"), now()).expect(NO_CONTENT)
                        .receipts(receipt(REPLY_SID, "UNDELIVERED").errorCode("63099"))
                        .outbound(reply().status("UNDELIVERED").error("63099",
                                "Twilio error 63099: https://www.twilio.com/docs/api/errors/63099")),
                row("unsigned WhatsApp status callback → 403")
                        .given(sentReply("SENT"))
                        .request(fixture(STATUS, DELIVERED), unsigned())
                        .expect(problem(403)).outbound(reply().status("SENT")));
    }

    private static Given earlier(String fixture) {
        return posted(fixture(STATUS, fixture), recordedSignatureOf(fixture), 204);
    }
}
