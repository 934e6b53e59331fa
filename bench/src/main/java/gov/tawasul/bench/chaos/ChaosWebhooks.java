package gov.tawasul.bench.chaos;

import gov.tawasul.bench.data.CitizenMessages;
import gov.tawasul.bench.data.Dataset;
import gov.tawasul.bench.data.FormBody;
import gov.tawasul.bench.data.InboundWebhooks;
import gov.tawasul.bench.data.TwilioSignature;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Signed inbound webhooks of the three providers, each from a citizen of its own (so that replies per inbound are
 * replies per address): Twilio SMS ({@code X-Twilio-Signature}, via {@link InboundWebhooks}), Messenger
 * ({@code X-Hub-Signature-256: sha256=<hex HMAC-SHA256(app secret, body)>},
 * https://developers.facebook.com/docs/messenger-platform/webhooks#validate-payloads) and X Account Activity
 * ({@code x-twitter-webhooks-signature: sha256=<base64 HMAC-SHA256(consumer secret, body)>},
 * https://docs.x.com/x-api/webhooks/introduction). Message {@code n} of a run: 60 % SMS, 20 % Messenger, 20 % X.
 * SMS citizens ask about their own case (details, no code offer to anyone else), Messenger and X citizens ask about a
 * number no case has or for help (no one-time code goes out to a registered contact, whose SMS would be counted as
 * a reply to someone else).
 */
final class ChaosWebhooks {

    static final String SMS_PATH = "/webhooks/twilio/sms";
    static final String FB_PATH = "/webhooks/facebook";
    static final String X_PATH = "/webhooks/twitter";
    static final String PAGE_ID = "100000000000001";

    private final String publicUrl;
    private final InboundWebhooks twilio;
    private final TwilioSignature twilioSigner;
    private final String appSecret;
    private final String consumerSecret;
    private final long runTag;

    ChaosWebhooks(String publicUrl, InboundWebhooks twilio, TwilioSignature twilioSigner, String appSecret,
                  String consumerSecret, long runTag) {
        this.publicUrl = publicUrl;
        this.twilio = twilio;
        this.twilioSigner = twilioSigner;
        this.appSecret = appSecret;
        this.consumerSecret = consumerSecret;
        this.runTag = runTag;
    }

    /**
     * @param n the message's number in the whole run: SMS citizens are numbered among the SMS messages (3 of every 5),
     *          so they stay distinct up to {@code n} = 5/3 × {@link Dataset#SENDERS} (33,333; a run sends about
     *          21,000): a citizen reused by a later scenario would count that scenario's reply as a second one
     */
    Inbound message(int n) {
        CitizenMessages.Message m = CitizenMessages.message(n, 0);
        switch (n % 5) {
            case 0, 1, 2: {
                int s = (n / 5 * 3 + n % 5) % Dataset.SENDERS;
                String text = (n % 20 == 19) ? "help"
                        : "What is the status of case " + Dataset.caseNumber(Dataset.caseOf(s)) + "?";
                if (n % 2 == 0 && n % 20 != 19) {
                    text = "ما حالة القضية رقم " + Dataset.caseNumber(Dataset.caseOf(s)) + "؟";
                }
                return sms(String.format("SM%016x%016x", runTag, (long) n), Dataset.sender(s), text, "sms");
            }
            case 3:
                return messenger(psid(n), "m_chaos_" + runTag + "_" + n, otherText(n, m), "messenger");
            default:
                return x(xUser(n), Long.toString(1_200_000_000_000_000_000L + runTag % 1_000_000 * 1_000_000 + n),
                        otherText(n, m), "x");
        }
    }

    private static String otherText(int n, CitizenMessages.Message m) {
        return n % 3 == 0 ? "help" : "حالة المعاملة " + Dataset.unknownCaseNumber(n);
    }

    static String psid(int n) {
        return String.format("27%014d", n);
    }

    static String xUser(int n) {
        return String.format("37%016d", n);
    }

    Inbound sms(String sid, String from, String text, String kind) {
        Map<String, String> params = twilio.params(sid, from, text);
        byte[] body = FormBody.encode(params).getBytes(StandardCharsets.UTF_8);
        return new Inbound("SMS", SMS_PATH, Map.of("Content-Type", "application/x-www-form-urlencoded",
                "X-Twilio-Signature", twilioSigner.sign(publicUrl + SMS_PATH, params),
                "User-Agent", "TwilioProxy/1.1"), body, from, kind);
    }

    Inbound messenger(String psid, String mid, String text, String kind) {
        long ts = System.currentTimeMillis();
        String body = "{\"object\":\"page\",\"entry\":[{\"id\":\"" + PAGE_ID + "\",\"time\":" + ts + ",\"messaging\":[{"
                + "\"sender\":{\"id\":\"" + psid + "\"},\"recipient\":{\"id\":\"" + PAGE_ID + "\"},\"timestamp\":" + ts
                + ",\"message\":{\"mid\":\"" + mid + "\",\"text\":" + quote(text) + "}}]}]}";
        return signedFacebook(body.getBytes(StandardCharsets.UTF_8), "application/json", psid, kind);
    }

    Inbound signedFacebook(byte[] body, String contentType, String citizen, String kind) {
        return new Inbound("FACEBOOK", FB_PATH, Map.of("Content-Type", contentType,
                "X-Hub-Signature-256", "sha256=" + HexFormat.of().formatHex(hmac(appSecret, body))), body, citizen, kind);
    }

    Inbound x(String user, String eventId, String text, String kind) {
        String body = "{\"for_user_id\":\"" + FakeXApi.BOT_ID + "\",\"direct_message_events\":[{\"type\":\"message_create\","
                + "\"id\":\"" + eventId + "\",\"created_timestamp\":\"" + System.currentTimeMillis() + "\",\"message_create\":{"
                + "\"target\":{\"recipient_id\":\"" + FakeXApi.BOT_ID + "\"},\"sender_id\":\"" + user + "\",\"message_data\":{"
                + "\"text\":" + quote(text) + ",\"entities\":{\"hashtags\":[],\"symbols\":[],\"user_mentions\":[],\"urls\":[]}}}}]}";
        return signedX(body.getBytes(StandardCharsets.UTF_8), "application/json", user, kind);
    }

    Inbound signedX(byte[] body, String contentType, String citizen, String kind) {
        return new Inbound("TWITTER", X_PATH, Map.of("Content-Type", contentType,
                "x-twitter-webhooks-signature", "sha256=" + Base64.getEncoder().encodeToString(hmac(consumerSecret, body))),
                body, citizen, kind);
    }

    /** A form body signed over its own decoded parameters (what the app checks), or with a dummy when undecodable. */
    Inbound signedSms(byte[] body, String contentType, String kind) {
        String signature;
        try {
            Map<String, String> params = new LinkedHashMap<>(FormBody.decode(new String(body, StandardCharsets.UTF_8)));
            signature = twilioSigner.sign(publicUrl + SMS_PATH, params);
        } catch (RuntimeException e) {
            signature = "undecodable";
        }
        return new Inbound("SMS", SMS_PATH, Map.of("Content-Type", contentType, "X-Twilio-Signature", signature),
                body, null, kind);
    }

    static byte[] hmac(String key, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal(body);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static String quote(String s) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.append('"').toString();
    }
}
