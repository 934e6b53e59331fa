package gov.tawasul.bench.data;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Builds signed Twilio inbound-SMS webhooks (the parameters of shared/fixtures/twilio-sms-inbound-basic.form, see
 * https://www.twilio.com/docs/messaging/guides/webhook-request), precomputed before a step so that the generator
 * only sends bytes.
 */
public final class InboundWebhooks {

    /** A ready request: body bytes, its signature, and what the citizen asked. */
    public record Signed(byte[] body, String signature, String from, String expectedCaseNumber) {
    }

    private final String accountSid;
    private final String botNumber;
    private final String signedUrl;
    private final TwilioSignature signer;

    /**
     * @param accountSid the account (AC…)
     * @param botNumber  the bot's number, the {@code To} of inbound messages
     * @param signedUrl  {@code tawasul.public-url} + {@code /webhooks/twilio/sms}
     * @param signer     signs with the account's auth token
     */
    public InboundWebhooks(String accountSid, String botNumber, String signedUrl, TwilioSignature signer) {
        this.accountSid = accountSid;
        this.botNumber = botNumber;
        this.signedUrl = signedUrl;
        this.signer = signer;
    }

    /**
     * @param count  messages
     * @param runTag distinguishes MessageSids between steps and runs (Twilio ids are unique)
     * @param offset sender rotation, see {@link CitizenMessages#message}
     */
    public Signed[] build(int count, long runTag, int offset) {
        Signed[] out = new Signed[count];
        for (int i = 0; i < count; i++) {
            CitizenMessages.Message m = CitizenMessages.message(i, offset);
            String sid = String.format("SM%016x%016x", runTag, (long) i);
            Map<String, String> params = params(sid, Dataset.sender(m.sender()), m.text());
            out[i] = new Signed(FormBody.encode(params).getBytes(StandardCharsets.UTF_8),
                    signer.sign(signedUrl, params), Dataset.sender(m.sender()), m.expectedCaseNumber());
        }
        return out;
    }

    /** @return the inbound parameters in Twilio's wire order */
    public Map<String, String> params(String messageSid, String from, String body) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("ToCountry", "US");
        p.put("ToState", "CA");
        p.put("SmsMessageSid", messageSid);
        p.put("NumMedia", "0");
        p.put("ToCity", "");
        p.put("FromZip", "");
        p.put("SmsSid", messageSid);
        p.put("FromState", "");
        p.put("SmsStatus", "received");
        p.put("FromCity", "");
        p.put("Body", body);
        p.put("FromCountry", "SA");
        p.put("To", botNumber);
        p.put("ToZip", "");
        p.put("NumSegments", "1");
        p.put("MessageSid", messageSid);
        p.put("AccountSid", accountSid);
        p.put("From", from);
        p.put("ApiVersion", "2010-04-01");
        return p;
    }
}
