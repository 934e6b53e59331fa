package gov.tawasul.channels.twilio;

import gov.tawasul.channels.common.Given;
import gov.tawasul.channels.common.WebhookCase;
import gov.tawasul.channels.common.WebhookRequest;

import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;

import static gov.tawasul.channels.common.ExpectedInbound.inbound;
import static gov.tawasul.channels.common.ExpectedOptOut.optOut;
import static gov.tawasul.channels.common.ExpectedReceipt.receipt;
import static gov.tawasul.channels.common.ExpectedResponse.problem;
import static gov.tawasul.channels.common.Given.posted;
import static gov.tawasul.channels.common.Signing.forTestServerUrl;
import static gov.tawasul.channels.common.Signing.forged;
import static gov.tawasul.channels.common.Signing.now;
import static gov.tawasul.channels.common.Signing.recorded;
import static gov.tawasul.channels.common.Signing.unsigned;
import static gov.tawasul.channels.common.WebhookCase.row;
import static gov.tawasul.channels.twilio.TwilioApiStubs.REPLY_SID;
import static gov.tawasul.channels.twilio.TwilioWebhooks.BOT;
import static gov.tawasul.channels.twilio.TwilioWebhooks.CITIZEN;
import static gov.tawasul.channels.twilio.TwilioWebhooks.MESSAGES;
import static gov.tawasul.channels.twilio.TwilioWebhooks.NO_CONTENT;
import static gov.tawasul.channels.twilio.TwilioWebhooks.SMS;
import static gov.tawasul.channels.twilio.TwilioWebhooks.STATUS;
import static gov.tawasul.channels.twilio.TwilioWebhooks.TWIML;
import static gov.tawasul.channels.twilio.TwilioWebhooks.fixture;
import static gov.tawasul.channels.twilio.TwilioWebhooks.inboundSms;
import static gov.tawasul.channels.twilio.TwilioWebhooks.recordedSignatureOf;
import static gov.tawasul.channels.twilio.TwilioWebhooks.reply;
import static gov.tawasul.channels.twilio.TwilioWebhooks.sentReply;
import static gov.tawasul.channels.twilio.TwilioWebhooks.statusCallback;

/**
 * The Twilio webhook table: signatures (F01), fixtures, forged/unsigned/tampered/wrong-path requests, malformed
 * bodies, WhatsApp, duplicates (F05) and status callbacks with their error codes (F06–F08, F09's 21610).
 * Status rows start from one reply already sent ({@link TwilioWebhooks#sentReply}) with the SID the fixtures report.
 */
final class TwilioWebhookCases {

    private static final String BASIC = "twilio-sms-inbound-basic.form";
    private static final String DELIVERED = "twilio-status-callback-delivered.form";
    private static final String SENT = "twilio-status-callback-sent.form";
    private static final String QUEUED = "twilio-status-callback-queued.form";
    private static final String UNDELIVERED_30007 = "twilio-status-callback-undelivered-30007.form";

    private TwilioWebhookCases() {
    }

    static Stream<WebhookCase> cases() {
        return Stream.of(accepted(), refused(), statusCallbacks()).flatMap(s -> s).map(WebhookCase.Builder::build);
    }

    /** Fixtures as Twilio signed them, the public URL behind a proxy, WhatsApp, a duplicate. */
    private static Stream<WebhookCase.Builder> accepted() {
        return Stream.of(
                // the inbound fixtures were signed for /webhooks/twilio/messages, an alias of /webhooks/twilio/sms
                storedFixture(BASIC, "SM00000000000000000000000000000001", "Hello from a test phone!"),
                storedFixture("twilio-sms-inbound-unicode.form", "SM00000000000000000000000000000003",
                        "مرحبا 👋 أريد حجز موعد"),
                storedFixture("twilio-sms-inbound-messaging-service.form", "SM00000000000000000000000000000004",
                        "Another test."),
                storedFixture("twilio-mms-inbound-image.form", "MM00000000000000000000000000000001", "Test"),
                row("F01 signed for the public https URL, behind a TLS-terminating proxy → stored")
                        .request(inboundSms("SM0000000000000000000000000000a001", "status+12345")
                                .withHeader("X-Forwarded-Proto", "http").withHeader("Host", "10.0.0.5:8080"), now())
                        .expect(TWIML)
                        .inbound(inbound("SM0000000000000000000000000000a001").kind("TEXT").text("status 12345")
                                .from(CITIZEN).to(BOT)),
                whatsAppAcknowledged("twilio-whatsapp-inbound-text.form"),
                whatsAppAcknowledged("twilio-whatsapp-inbound-image.form"),
                whatsAppAcknowledged("twilio-whatsapp-inbound-location.form"),
                row("F05 the same MessageSid again → TwiML, one message, one reply")
                        .given(posted(inboundSms("SM0000000000000000000000000000a005", "status+12345"), now(), 200))
                        .request(inboundSms("SM0000000000000000000000000000a005", "status+12345"), now())
                        .expect(TWIML)
                        .inbound(inbound("SM0000000000000000000000000000a005").text("status 12345"))
                        .sentTo(CITIZEN));
    }

    /** Requests refused before anything is stored: 403 for a signature that does not fit, 400 for a bad body. */
    private static Stream<WebhookCase.Builder> refused() {
        String tampered = new String(TwilioFixtures.bytes(BASIC), StandardCharsets.UTF_8)
                .replace("Hello+from", "Hallo+from");
        return Stream.of(
                row("F01 signed for the URL the test server sees (http://localhost), not the public one → 403")
                        .request(inboundSms("SM0000000000000000000000000000a001", "status+12345"), forTestServerUrl())
                        .expect(problem(403)).nothingSent(),
                row("unsigned fixture → 403, nothing stored, nothing sent")
                        .request(fixture(MESSAGES, BASIC), unsigned()).expect(problem(403)).nothingSent(),
                row("forged signature → 403")
                        .request(fixture(MESSAGES, BASIC), forged("oRqfuqOOHBeOPUaf1IPcFqr+pyX="))
                        .expect(problem(403)).nothingSent(),
                row("the fixture's signature on a changed body → 403")
                        .request(WebhookRequest.post(MESSAGES, WebhookRequest.FORM, tampered),
                                recordedSignatureOf(BASIC))
                        .expect(problem(403)).nothingSent(),
                row("the fixture's signature posted to another path (signed for /messages, posted to /sms) → 403")
                        .request(fixture(SMS, BASIC), recordedSignatureOf(BASIC)).expect(problem(403)).nothingSent(),
                row("no MessageSid → 400 naming it")
                        .request(WebhookRequest.post(SMS, WebhookRequest.FORM,
                                "Body=hi&From=%2B15555550100&To=%2B15555550199"), now())
                        .expect(problem(400).json("detail", "Missing Twilio parameter MessageSid")),
                row("no From → 400")
                        .request(WebhookRequest.post(SMS, WebhookRequest.FORM,
                                "Body=hi&MessageSid=SM1&To=%2B15555550199"), now())
                        .expect(problem(400)),
                row("a MessageSid of 300 characters (no column holds it; a retry would fail alike) → 400, nothing stored")
                        .request(WebhookRequest.post(SMS, WebhookRequest.FORM, "Body=hi&MessageSid=SM" + "a".repeat(298)
                                + "&From=%2B15555550100&To=%2B15555550199"), now())
                        .expect(problem(400).json("detail",
                                "Not stored: message 0: provider message id of 300 characters (at most 256)"))
                        .nothingSent(),
                row("a From of 200 characters → 400, nothing stored")
                        .request(WebhookRequest.post(SMS, WebhookRequest.FORM, "Body=hi&MessageSid=SM1&From=%2B"
                                + "5".repeat(199) + "&To=%2B15555550199"), now())
                        .expect(problem(400).json("detail",
                                "Not stored: message 0: address of 200 characters (at most 128)"))
                        .nothingSent(),
                row("a status callback with an ErrorCode of 40 characters → 400")
                        .request(WebhookRequest.post(STATUS, WebhookRequest.FORM, "MessageSid=SM1&MessageStatus=failed"
                                + "&ErrorCode=" + "3".repeat(40)), now())
                        .expect(problem(400).json("detail",
                                "Not stored: receipt 0: error code of 40 characters (at most 32)")),
                row("a body that cannot be decoded cannot be verified either → 400")
                        .request(WebhookRequest.post(SMS, WebhookRequest.FORM, "Body=%ZZ&MessageSid=SM1"), forged("x="))
                        .expect(problem(400).json("detail", "Malformed form body: invalid percent-encoding")));
    }

    /** Status callbacks on the reply; statuses only move forward; error codes are kept as they came. */
    private static Stream<WebhookCase.Builder> statusCallbacks() {
        WebhookRequest capture = WebhookRequest.fromHttpCapture(
                TwilioFixtures.bytes("twilio-status-callback-delivered.http"));
        return Stream.of(
                row("F06 queued on a reply being sent → 204, receipt kept as QUEUED, the reply still SENDING")
                        .given(sentReply("SENDING"))
                        .request(fixture(STATUS, QUEUED), recordedSignatureOf(QUEUED)).expect(NO_CONTENT)
                        .receipts(receipt(REPLY_SID, "QUEUED").linked(true))
                        .outbound(reply().status("SENDING")),
                row("F06 sent after queued → SENT")
                        .given(sentReply("SENDING"), earlier(QUEUED))
                        .request(fixture(STATUS, SENT), recordedSignatureOf(SENT)).expect(NO_CONTENT)
                        .receipts(receipt(REPLY_SID, "QUEUED"), receipt(REPLY_SID, "SENT"))
                        .outbound(reply().status("SENT")),
                row("F06 delivered after queued and sent → DELIVERED, three receipts")
                        .given(sentReply("SENDING"), earlier(QUEUED), earlier(SENT))
                        .request(fixture(STATUS, DELIVERED), recordedSignatureOf(DELIVERED)).expect(NO_CONTENT)
                        .receipts(receipt(REPLY_SID, "QUEUED"), receipt(REPLY_SID, "SENT"),
                                receipt(REPLY_SID, "DELIVERED").linked(true))
                        .outbound(reply().status("DELIVERED")),
                row("F07 a late sent, queued or sending never overwrites DELIVERED")
                        .given(sentReply("SENDING"), earlier(DELIVERED), earlier(SENT), earlier(QUEUED))
                        .request(statusCallback("sending", null), now()).expect(NO_CONTENT)
                        .receipts(receipt(REPLY_SID, "DELIVERED"), receipt(REPLY_SID, "SENT"),
                                receipt(REPLY_SID, "QUEUED"), receipt(REPLY_SID, "SENDING"))
                        .outbound(reply().status("DELIVERED")),
                row("F08 undelivered 30007 → UNDELIVERED with the carrier's reason, final: not resent")
                        .given(sentReply("SENT"))
                        .request(fixture(STATUS, UNDELIVERED_30007), recordedSignatureOf(UNDELIVERED_30007))
                        .expect(NO_CONTENT)
                        .receipts(receipt(REPLY_SID, "UNDELIVERED").errorCode("30007").linked(true))
                        .sentTo()
                        .outbound(reply().status("UNDELIVERED").error("30007", "Message filtered by the carrier")),
                row("F08 delivered after undelivered 30007 → still UNDELIVERED")
                        .given(sentReply("SENT"), earlier(UNDELIVERED_30007))
                        .request(fixture(STATUS, DELIVERED), recordedSignatureOf(DELIVERED)).expect(NO_CONTENT)
                        .receipts(receipt(REPLY_SID, "UNDELIVERED"), receipt(REPLY_SID, "DELIVERED"))
                        .sentTo()
                        .outbound(reply().status("UNDELIVERED").errorCode("30007")),
                undelivered("30003", "Unreachable destination handset"),
                undelivered("30005", "Unknown destination handset"),
                row("an error code Twilio added later (30034) is kept as it came")
                        .given(sentReply("SENT"))
                        .request(statusCallback("undelivered", "30034"), now()).expect(NO_CONTENT)
                        .receipts(receipt(REPLY_SID, "UNDELIVERED").errorCode("30034"))
                        .outbound(reply().status("UNDELIVERED").error("30034",
                                "Twilio error 30034: https://www.twilio.com/docs/api/errors/30034")),
                row("F09 failed 21610 → FAILED, and the recipient is opted out")
                        .given(sentReply("SENDING"))
                        .request(fixture(STATUS, "twilio-status-callback-failed-21610.form"),
                                recordedSignatureOf("twilio-status-callback-failed-21610.form"))
                        .expect(NO_CONTENT)
                        .receipts(receipt(REPLY_SID, "FAILED").errorCode("21610"))
                        .optOuts(optOut(CITIZEN, BOT, "STATUS_ERROR_21610"))
                        .outbound(reply().status("FAILED").errorCode("21610")),
                row("F09 failed 21610 that overtakes the send response: kept pending, the pair opted out all the same")
                        .request(fixture(STATUS, "twilio-status-callback-failed-21610.form"),
                                recordedSignatureOf("twilio-status-callback-failed-21610.form"))
                        .expect(NO_CONTENT)
                        .receipts(receipt(REPLY_SID, "FAILED").errorCode("21610").linked(false))
                        .optOuts(optOut(CITIZEN, BOT, "STATUS_ERROR_21610")),
                row("the raw HTTP capture from behind the load balancer → DELIVERED")
                        .given(sentReply("SENT"))
                        .request(capture.withoutHeader("X-Twilio-Signature"),
                                recorded(capture.header("X-Twilio-Signature")))
                        .expect(NO_CONTENT)
                        .receipts(receipt(REPLY_SID, "DELIVERED").linked(true))
                        .outbound(reply().status("DELIVERED")),
                row("the signature covers the query string: posted without it → 403")
                        .given(sentReply("SENT"))
                        .request(fixture("/webhooks/twilio/status", DELIVERED), recordedSignatureOf(DELIVERED))
                        .expect(problem(403)).outbound(reply().status("SENT")),
                row("the signature covers the query string: another ref → 403")
                        .given(sentReply("SENT"))
                        .request(fixture("/webhooks/twilio/status?ref=fixture-43", DELIVERED),
                                recordedSignatureOf(DELIVERED))
                        .expect(problem(403)).outbound(reply().status("SENT")),
                row("unsigned status callback → 403")
                        .given(sentReply("SENT"))
                        .request(fixture(STATUS, DELIVERED), unsigned())
                        .expect(problem(403)).outbound(reply().status("SENT")),
                row("an unknown MessageStatus → 400, nothing recorded")
                        .given(sentReply("SENT"))
                        .request(WebhookRequest.post(STATUS, WebhookRequest.FORM,
                                "MessageSid=" + REPLY_SID + "&MessageStatus=exploded"), now())
                        .expect(problem(400)).outbound(reply().status("SENT")),
                row("WhatsApp sent while WhatsApp is off → 204, not recorded")
                        .request(fixture(STATUS, "twilio-whatsapp-status-sent.form"),
                                recordedSignatureOf("twilio-whatsapp-status-sent.form"))
                        .expect(NO_CONTENT),
                row("WhatsApp delivered while WhatsApp is off → 204, not recorded")
                        .request(fixture(STATUS, "twilio-whatsapp-status-delivered.form"),
                                recordedSignatureOf("twilio-whatsapp-status-delivered.form"))
                        .expect(NO_CONTENT));
    }

    private static WebhookCase.Builder storedFixture(String fixture, String sid, String text) {
        return row(fixture + " with its recorded signature → TwiML, stored")
                .request(fixture(MESSAGES, fixture), recordedSignatureOf(fixture))
                .expect(TWIML)
                .inbound(inbound(sid).kind("TEXT").text(text).from(CITIZEN).to(BOT));
    }

    private static WebhookCase.Builder whatsAppAcknowledged(String fixture) {
        return row(fixture + " → TwiML, not stored (WhatsApp off: tawasul.whatsapp.from not set)")
                .request(fixture(MESSAGES, fixture), recordedSignatureOf(fixture))
                .expect(TWIML);
    }

    private static WebhookCase.Builder undelivered(String code, String reason) {
        String fixture = "twilio-status-callback-undelivered-" + code + ".form";
        return row("undelivered " + code + " → UNDELIVERED, " + reason)
                .given(sentReply("SENT"))
                .request(fixture(STATUS, fixture), recordedSignatureOf(fixture)).expect(NO_CONTENT)
                .receipts(receipt(REPLY_SID, "UNDELIVERED").errorCode(code).linked(true))
                .outbound(reply().status("UNDELIVERED").error(code, reason));
    }

    /** An earlier status callback from the fixtures, recorded (204). */
    private static Given earlier(String fixture) {
        return posted(fixture(STATUS, fixture), recordedSignatureOf(fixture), 204);
    }
}
