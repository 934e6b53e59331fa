package gov.tawasul.channels.twilio;

import com.github.tomakehurst.wiremock.WireMockServer;
import gov.tawasul.channels.common.ExpectedOutbound;
import gov.tawasul.channels.common.ExpectedResponse;
import gov.tawasul.channels.common.Given;
import gov.tawasul.channels.common.ProviderApi;
import gov.tawasul.channels.common.Signing;
import gov.tawasul.channels.common.WebhookChannel;
import gov.tawasul.channels.common.WebhookRequest;
import gov.tawasul.engine.testing.TestDb;

import java.nio.charset.StandardCharsets;

import static gov.tawasul.channels.common.WebhookRequest.FORM;

/**
 * Twilio's SMS webhooks for the {@link gov.tawasul.channels.common.WebhookHarness}: the channel (Twilio signs the
 * public URL and the sorted form parameters with the auth token: {@link TwilioTestSigner}), requests in Twilio's
 * form format, and the arrangements the rows share.
 */
final class TwilioWebhooks {

    static final String CITIZEN = "+15555550100";
    static final String BOT = "+15555550199";
    /** The inbound path. */
    static final String SMS = "/webhooks/twilio/sms";
    /** Its alias, the path the inbound fixtures were signed for. */
    static final String MESSAGES = "/webhooks/twilio/messages";
    /** The status-callback URL the status fixtures were signed for. */
    static final String STATUS = "/webhooks/twilio/status?ref=fixture-42";

    /** An inbound webhook's answer: empty TwiML, so Twilio sends nothing by itself. */
    static final ExpectedResponse TWIML = ExpectedResponse.status(200).contentType("text/xml")
            .body("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response/>");
    /** A status callback's answer. */
    static final ExpectedResponse NO_CONTENT = ExpectedResponse.status(204);

    private TwilioWebhooks() {
    }

    /** @param twilio the WireMock Twilio API ({@link InjectTwilioApi}); every send gets a fresh SID */
    static WebhookChannel channel(WireMockServer twilio) {
        return new WebhookChannel("SMS", TwilioWireMockResource.PUBLIC_URL,
                "X-Twilio-Signature", TwilioFixtures.FIXTURE_TOKEN,
                (secret, url, body) -> TwilioTestSigner.sign(secret, url, new String(body, StandardCharsets.UTF_8)),
                new ProviderApi(twilio, TwilioApiStubs.MESSAGES_PATH, ProviderApi.formField("To"),
                        server -> TwilioApiStubs.answer(server, TwilioApiStubs.createdFreshSid())));
    }

    /** @return a twilio-* fixture, byte for byte, posted to {@code pathAndQuery} */
    static WebhookRequest fixture(String pathAndQuery, String name) {
        return WebhookRequest.post(pathAndQuery, FORM, TwilioFixtures.bytes(name));
    }

    /** @return the X-Twilio-Signature Twilio gave the fixture (twilio-signature-vectors.json) */
    static Signing recordedSignatureOf(String fixture) {
        return Signing.recorded(TwilioFixtures.signatureOf(fixture));
    }

    /** @return an inbound SMS from {@link #CITIZEN} to {@link #BOT} posted to {@link #SMS}, Body form-encoded */
    static WebhookRequest inboundSms(String sid, String encodedBody) {
        return WebhookRequest.post(SMS, FORM, inboundForm(sid, encodedBody));
    }

    /** @return the form of an inbound SMS in the fields of Twilio's webhook request */
    static String inboundForm(String sid, String encodedBody) {
        return "ToCountry=US&ToState=CA&SmsMessageSid=" + sid + "&NumMedia=0&ToCity=&FromZip=&SmsSid=" + sid
                + "&FromState=CA&SmsStatus=received&FromCity=&Body=" + encodedBody + "&FromCountry=US"
                + "&To=%2B15555550199&ToZip=&NumSegments=1&MessageSid=" + sid
                + "&AccountSid=AC00000000000000000000000000000000&From=%2B15555550100&ApiVersion=2010-04-01";
    }

    /** @return a status callback for the reply {@link TwilioApiStubs#REPLY_SID}, posted to {@link #STATUS} */
    static WebhookRequest statusCallback(String status, String errorCode) {
        return statusCallback(TwilioApiStubs.REPLY_SID, status, errorCode);
    }

    /** @return a status callback for the message {@code sid}, posted to {@link #STATUS} */
    static WebhookRequest statusCallback(String sid, String status, String errorCode) {
        return WebhookRequest.post(STATUS, FORM, (errorCode == null ? "" : "ErrorCode=" + errorCode + "&")
                + "SmsSid=" + sid + "&SmsStatus=" + status + "&MessageStatus=" + status + "&To=%2B15555550100"
                + "&MessageSid=" + sid + "&AccountSid=AC00000000000000000000000000000000&From=%2B15555550199"
                + "&ApiVersion=2010-04-01");
    }

    /** One reply already sent, in {@code status}, with the SID the status fixtures report on. */
    static Given sentReply(String status) {
        return harness -> {
            TestDb.execute("insert into conversation (channel, citizen_address, bot_address) values ('SMS', ?, ?)",
                    CITIZEN, BOT);
            TestDb.execute("""
                    insert into outbound_message (conversation_id, channel, recipient, sender, text, status,
                                                  provider_message_id, attempts, sent_at)
                    select id, 'SMS', ?, ?, 'Case 12345: Under review.', ?, ?, 1, now() from conversation
                    where channel = 'SMS'""", CITIZEN, BOT, status, TwilioApiStubs.REPLY_SID);
        };
    }

    /** @return the expected row of the reply {@link #sentReply} arranged */
    static ExpectedOutbound reply() {
        return ExpectedOutbound.outbound(TwilioApiStubs.REPLY_SID).recipient(CITIZEN).sender(BOT);
    }
}
