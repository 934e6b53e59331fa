package gov.tawasul.bench.chaos;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;

/**
 * Mutated webhook bodies, each signed correctly for what it is (so that it passes the signature check and reaches
 * the parser): truncated, wrong content type, 5 MB, invalid UTF-8, nesting 10,000 deep, wrong types, missing fields,
 * NUL characters, values wider than their columns, flipped bytes. Deterministic (seeded); every body has ids of its
 * own so that deduplication hides nothing.
 */
final class Mutations {

    static final String[] KINDS = {"truncated", "wrong content type", "5 MB", "invalid UTF-8", "nesting 10,000 deep",
            "wrong types", "missing field", "NUL character", "value wider than its column", "flipped bytes"};

    private final ChaosWebhooks webhooks;
    private final Random random;
    private final long runTag;
    private final String accountSid;

    Mutations(ChaosWebhooks webhooks, long seed, long runTag, String accountSid) {
        this.accountSid = accountSid;
        this.webhooks = webhooks;
        this.random = new Random(seed);
        this.runTag = runTag;
    }

    /** @param channel SMS, FACEBOOK or TWITTER; {@code i}: the mutation's number (its kind is {@code i % 10}, 5 MB only for the first 5) */
    Inbound mutate(String channel, int i) {
        int kind = i % KINDS.length;
        if (kind == 2 && i / KINDS.length >= 5) {
            kind = 9;
        }
        String k = KINDS[kind];
        String id = "fz" + runTag + "x" + i;
        switch (channel) {
            case "SMS":
                return sms(kind, k, id, i);
            case "FACEBOOK":
                return json(kind, k, facebookBody(id, i), true);
            default:
                return json(kind, k, xBody(i), false);
        }
    }

    private Inbound sms(int kind, String k, String id, int i) {
        String from = String.format("+96659%07d", i);
        String base = "ToCountry=US&SmsMessageSid=SM" + id + "&NumMedia=0&SmsSid=SM" + id + "&SmsStatus=received&Body="
                + "What+is+the+status+of+case+1446-000123%3F&FromCountry=SA&To=%2B15555550199&NumSegments=1&MessageSid=SM"
                + id + "&AccountSid=" + accountSid + "&From=" + from.replace("+", "%2B") + "&ApiVersion=2010-04-01";
        String type = "application/x-www-form-urlencoded";
        byte[] body;
        switch (kind) {
            case 0 -> body = cut(bytes(base));
            case 1 -> {
                body = bytes(base);
                type = random.nextBoolean() ? "application/json" : "text/plain";
            }
            case 2 -> body = bytes(base.replace("Body=", "Body=" + "a".repeat(5 * 1024 * 1024)));
            case 3 -> body = invalidUtf8(bytes(base.replace("Body=", "Body=%FF%FE%C3")));
            case 4 -> body = bytes(base.replace("Body=", "Body=" + "%5B".repeat(10_000)));
            case 5 -> body = bytes(base.replace("NumMedia=0", "NumMedia=" + (random.nextBoolean() ? "abc" : "-1"))
                    .replace("NumSegments=1", "NumSegments=%7B%7D"));
            case 6 -> body = bytes(dropParam(base));
            case 7 -> body = bytes(base.replace("Body=", "Body=" + (random.nextBoolean() ? "%00" : "x%00y")));
            case 8 -> body = bytes(random.nextBoolean() ? base.replace("MessageSid=SM" + id, "MessageSid=SM" + id + "9".repeat(300))
                    .replace("SmsSid=SM" + id, "SmsSid=SM" + id + "9".repeat(300)) : base.replace(from.replace("+", "%2B"), "%2B9" + "6".repeat(200)));
            default -> body = flip(bytes(base));
        }
        return withKind(webhooks.signedSms(body, type, k), k);
    }

    private String facebookBody(String id, int i) {
        long ts = 1_767_000_000_000L + i;
        return "{\"object\":\"page\",\"entry\":[{\"id\":\"" + ChaosWebhooks.PAGE_ID + "\",\"time\":" + ts + ",\"messaging\":[{"
                + "\"sender\":{\"id\":\"29" + String.format("%014d", i) + "\"},\"recipient\":{\"id\":\"" + ChaosWebhooks.PAGE_ID
                + "\"},\"timestamp\":" + ts + ",\"message\":{\"mid\":\"m_" + id + "\",\"text\":\"status 1446-000123\"}}]}]}";
    }

    private String xBody(int i) {
        String eventId = Long.toString(1_400_000_000_000_000_000L + runTag % 100_000 * 100_000 + i);
        return "{\"for_user_id\":\"" + FakeXApi.BOT_ID + "\",\"direct_message_events\":[{\"type\":\"message_create\",\"id\":\""
                + eventId + "\",\"created_timestamp\":\"1767000000000\",\"message_create\":{\"target\":{\"recipient_id\":\""
                + FakeXApi.BOT_ID + "\"},\"sender_id\":\"39" + String.format("%016d", i)
                + "\",\"message_data\":{\"text\":\"status 1446-000123\"}}}]}";
    }

    private Inbound json(int kind, String k, String base, boolean facebook) {
        String type = "application/json";
        byte[] body;
        switch (kind) {
            case 0 -> body = cut(bytes(base));
            case 1 -> {
                body = bytes(base);
                type = random.nextBoolean() ? "application/x-www-form-urlencoded" : "text/plain";
            }
            case 2 -> body = bytes(base.replace("\"status 1446-000123\"", "\"" + "a".repeat(5 * 1024 * 1024) + "\""));
            case 3 -> body = invalidUtf8(bytes(base));
            case 4 -> body = bytes("[".repeat(10_000) + "]".repeat(10_000));
            case 5 -> body = bytes(wrongTypes(base, facebook));
            case 6 -> body = bytes(dropField(base));
            case 7 -> body = bytes(base.replace("status 1446", random.nextBoolean() ? "status\\u00001446" : "status%001446"));
            case 8 -> body = bytes(random.nextBoolean() ? base.replace("\"m_", "\"m_" + "9".repeat(300))
                    .replace("\"type\":\"message_create\",\"id\":\"", "\"type\":\"message_create\",\"id\":\"" + "9".repeat(300))
                    : base.replace("\"29", "\"29" + "1".repeat(200)).replace("\"39", "\"39" + "1".repeat(200)));
            default -> body = flip(bytes(base));
        }
        Inbound in = facebook ? webhooks.signedFacebook(body, type, null, k) : webhooks.signedX(body, type, null, k);
        return withKind(in, k);
    }

    private String wrongTypes(String base, boolean facebook) {
        String[] variants = facebook
                ? new String[]{base.replaceFirst("\"messaging\":\\[\\{.*}]", "\"messaging\":[true]"),
                base.replace("\"messaging\":[", "\"messaging\":[null,"),
                base.replace("\"text\":\"status 1446-000123\"", "\"text\":{\"a\":1}"),
                base.replace("\"sender\":{\"id\":\"29", "\"sender\":[\"29").replace("\"},\"recipient\"", "\"],\"recipient\""),
                base.replace("\"entry\":[", "\"entry\":[7,"), base.replace("\"timestamp\":", "\"timestamp\":\"soon\",\"x\":")}
                : new String[]{base.replace("\"direct_message_events\":[", "\"direct_message_events\":[null,"),
                base.replaceFirst("\"direct_message_events\":\\[.*]", "\"direct_message_events\":[true]"),
                base.replace("\"message_create\":{", "\"message_create\":7,\"x\":{"),
                base.replace("\"text\":\"status 1446-000123\"", "\"text\":[1,2]"),
                base.replace("\"for_user_id\":\"" + FakeXApi.BOT_ID + "\"", "\"for_user_id\":{}"),
                base.replace("\"created_timestamp\":\"1767000000000\"", "\"created_timestamp\":\"yesterday\"")};
        return variants[random.nextInt(variants.length)];
    }

    private String dropField(String base) {
        String[] fields = {"\"sender\":", "\"recipient\":", "\"mid\":", "\"text\":", "\"message_create\":", "\"sender_id\":",
                "\"id\":", "\"timestamp\":", "\"message_data\":", "\"target\":"};
        String f = fields[random.nextInt(fields.length)];
        return base.replace(f, "\"dropped_" + f.substring(1));
    }

    private String dropParam(String base) {
        String[] params = base.split("&");
        int drop = random.nextInt(params.length);
        StringBuilder out = new StringBuilder();
        for (int j = 0; j < params.length; j++) {
            if (j != drop) {
                out.append(out.isEmpty() ? "" : "&").append(params[j]);
            }
        }
        return out.toString();
    }

    private byte[] cut(byte[] b) {
        return Arrays.copyOf(b, random.nextInt(Math.max(1, b.length - 1)));
    }

    private byte[] invalidUtf8(byte[] b) {
        byte[] out = b.clone();
        int at = out.length / 2 + random.nextInt(Math.max(1, out.length / 3));
        out[Math.min(at, out.length - 1)] = (byte) (0x80 + random.nextInt(0x40));
        out[Math.min(at + 1, out.length - 1)] = (byte) 0xFF;
        return out;
    }

    private byte[] flip(byte[] b) {
        byte[] out = b.clone();
        for (int n = 1 + random.nextInt(4); n > 0; n--) {
            out[random.nextInt(out.length)] = (byte) random.nextInt(256);
        }
        return out;
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static Inbound withKind(Inbound in, String kind) {
        return new Inbound(in.channel(), in.path(), in.headers(), in.body(), in.citizen(), kind);
    }
}
