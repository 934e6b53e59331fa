package gov.tawasul.channels.twilio;

import com.github.tomakehurst.wiremock.WireMockServer;
import gov.tawasul.channels.common.ExpectedOutbound;
import gov.tawasul.channels.common.Given;
import gov.tawasul.channels.common.ProviderApi;
import gov.tawasul.channels.common.WebhookChannel;
import gov.tawasul.channels.common.WebhookRequest;
import gov.tawasul.engine.testing.TestDb;

import java.nio.charset.StandardCharsets;

import static gov.tawasul.channels.common.WebhookRequest.FORM;

/**
 * Twilio's webhooks for WhatsApp for the {@link gov.tawasul.channels.common.WebhookHarness}: the same URLs and
 * signature as SMS ({@link TwilioWebhooks}), {@code whatsapp:+E164} addresses on the wire, rows of channel
 * {@code WHATSAPP} stored with bare E.164 numbers.
 */
final class WhatsAppWebhooks {

    static final String CITIZEN = "+15555550100";
    static final String BOT = "+15555550199";
    /** The citizen as Twilio's API and webhooks write it. */
    static final String CITIZEN_WIRE = "whatsapp:" + CITIZEN;
    /** The SID the WhatsApp status fixtures report on. */
    static final String REPLY_SID = "SM00000000000000000000000000000200";
    /** The fixture's ProfileName. */
    static final String PROFILE_NAME = "مستخدم تجريبي";

    private WhatsAppWebhooks() {
    }

    /** @param twilio the WireMock Twilio API; every send gets a fresh SID */
    static WebhookChannel channel(WireMockServer twilio) {
        return new WebhookChannel("WHATSAPP", TwilioWireMockResource.PUBLIC_URL,
                "X-Twilio-Signature", TwilioFixtures.FIXTURE_TOKEN,
                (secret, url, body) -> TwilioTestSigner.sign(secret, url, new String(body, StandardCharsets.UTF_8)),
                new ProviderApi(twilio, TwilioApiStubs.MESSAGES_PATH, ProviderApi.formField("To"),
                        server -> TwilioApiStubs.answer(server, TwilioApiStubs.createdFreshSid())));
    }

    /** @return an inbound WhatsApp text from {@link #CITIZEN} to {@link #BOT}, in the fields of the text fixture */
    static WebhookRequest inbound(String sid, String encodedBody) {
        return WebhookRequest.post(TwilioWebhooks.SMS, FORM, "SmsMessageSid=" + sid + "&NumMedia=0"
                + "&ProfileName=Test+User&MessageType=text&SmsSid=" + sid + "&WaId=15555550100&SmsStatus=received"
                + "&Body=" + encodedBody + "&To=whatsapp%3A%2B15555550199&NumSegments=1&ReferralNumMedia=0"
                + "&MessageSid=" + sid + "&AccountSid=AC00000000000000000000000000000000"
                + "&From=whatsapp%3A%2B15555550100&ApiVersion=2010-04-01");
    }

    /** @return a status callback of {@link #REPLY_SID} in the fields of the WhatsApp status fixtures */
    static WebhookRequest statusCallback(String status, String errorCode) {
        return WebhookRequest.post(TwilioWebhooks.STATUS, FORM, (errorCode == null ? "" : "ErrorCode=" + errorCode
                + "&") + "SmsSid=" + REPLY_SID + "&SmsStatus=" + status + "&MessageStatus=" + status
                + "&ChannelToAddress=%2B15555550100&To=whatsapp%3A%2B15555550100&ChannelPrefix=whatsapp"
                + "&MessageSid=" + REPLY_SID + "&AccountSid=AC00000000000000000000000000000000"
                + "&From=whatsapp%3A%2B15555550199&ApiVersion=2010-04-01"
                + "&ChannelInstallSid=XE00000000000000000000000000000001");
    }

    /** One WhatsApp reply already sent, in {@code status}, with the SID the status fixtures report on. */
    static Given sentReply(String status) {
        return harness -> {
            TestDb.execute("insert into conversation (channel, citizen_address, bot_address, last_inbound_at) "
                    + "values ('WHATSAPP', ?, ?, now())", CITIZEN, BOT);
            TestDb.execute("""
                    insert into outbound_message (conversation_id, channel, recipient, sender, text, status,
                                                  provider_message_id, attempts, sent_at)
                    select id, 'WHATSAPP', ?, ?, 'Case 12345: Under review.', ?, ?, 1, now() from conversation
                    where channel = 'WHATSAPP'""", CITIZEN, BOT, status, REPLY_SID);
        };
    }

    /** @return the expected row of the reply {@link #sentReply} arranged */
    static ExpectedOutbound reply() {
        return ExpectedOutbound.outbound(REPLY_SID).recipient(CITIZEN).sender(BOT);
    }
}
