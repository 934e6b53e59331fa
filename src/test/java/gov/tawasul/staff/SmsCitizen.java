package gov.tawasul.staff;

import gov.tawasul.channels.twilio.TwilioFixtures;
import gov.tawasul.channels.twilio.TwilioTestSigner;
import gov.tawasul.channels.twilio.TwilioWireMockResource;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import static io.restassured.RestAssured.given;

/**
 * A citizen texting the bot's Twilio number: inbound webhooks and status callbacks in Twilio's form format (field
 * names of the fixtures {@code twilio-sms-inbound-basic.form} and {@code twilio-status-callback-delivered.form}),
 * signed as Twilio signs them for {@link TwilioWireMockResource#PUBLIC_URL}.
 */
public final class SmsCitizen {

    /** The bot's number the fixtures use. */
    public static final String BOT = "+15555550199";
    private static final String FORM = "application/x-www-form-urlencoded; charset=utf-8";
    private static final AtomicLong SIDS = new AtomicLong(System.nanoTime() & 0xffffffffL);

    private final String number;

    /** @param number the citizen's E.164 number */
    public SmsCitizen(String number) {
        this.number = number;
    }

    /** Sends {@code text}; asserts Twilio got 200. @return the MessageSid used */
    public String says(String text) {
        String sid = "SM" + String.format("%032x", SIDS.incrementAndGet());
        Map<String, String> p = new LinkedHashMap<>();
        p.put("ToCountry", "SA");
        p.put("SmsMessageSid", sid);
        p.put("NumMedia", "0");
        p.put("SmsSid", sid);
        p.put("SmsStatus", "received");
        p.put("Body", text);
        p.put("To", BOT);
        p.put("NumSegments", "1");
        p.put("MessageSid", sid);
        p.put("AccountSid", "AC00000000000000000000000000000000");
        p.put("From", number);
        p.put("ApiVersion", "2010-04-01");
        post("/webhooks/twilio/sms", p, 200);
        return sid;
    }

    /** Twilio reports {@code status} ({@code sent}, {@code delivered}, {@code undelivered}…) of our message {@code sid}. */
    public void receiptOf(String sid, String status, String errorCode) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("SmsSid", sid);
        p.put("SmsStatus", status);
        p.put("MessageStatus", status);
        p.put("To", number);
        p.put("MessageSid", sid);
        p.put("AccountSid", "AC00000000000000000000000000000000");
        p.put("From", BOT);
        if (errorCode != null) {
            p.put("ErrorCode", errorCode);
        }
        p.put("ApiVersion", "2010-04-01");
        post("/webhooks/twilio/status", p, 204);
    }

    private static void post(String path, Map<String, String> params, int status) {
        StringBuilder body = new StringBuilder();
        params.forEach((k, v) -> body.append(body.length() == 0 ? "" : "&").append(k).append('=')
                .append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
        given().contentType(FORM).body(body.toString())
                .header("X-Twilio-Signature", TwilioTestSigner.sign(TwilioFixtures.FIXTURE_TOKEN,
                        TwilioWireMockResource.PUBLIC_URL + path, body.toString()))
                .when().post(path).then().statusCode(status);
    }
}
