package gov.tawasul.channels.twitter;

import gov.tawasul.engine.testing.TestDb;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import org.eclipse.microprofile.config.ConfigProvider;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static org.awaitility.Awaitility.await;

/** Arranging and cleaning the X data of @QuarkusTest classes (real PostgreSQL and Redis). */
final class TwitterTestData {

    private TwitterTestData() {
    }

    /**
     * Deletes every X conversation, message and receipt, and the bot's X keys in Redis, once the answers of the
     * previous test are no longer being produced.
     */
    static void clean() {
        await().atMost(Duration.ofSeconds(10)).ignoreExceptions().until(() -> {
            Thread.sleep(200);
            if (((Number) TestDb.value("select count(*) from inbound_message where channel = 'TWITTER'"
                    + " and state = 'RECEIVED'")).longValue() > 0) {
                return false;
            }
            TestDb.execute("delete from delivery_receipt where channel = 'TWITTER'");
            TestDb.execute("delete from outbound_message where channel = 'TWITTER'");
            TestDb.execute("delete from inbound_message where channel = 'TWITTER'");
            TestDb.execute("delete from conversation where channel = 'TWITTER'");
            return true;
        });
        cleanRedisOnly();
    }

    /** Deletes the bot's X keys in Redis (poll cursor and lease). */
    static void cleanRedisOnly() {
        String url = ConfigProvider.getConfig().getValue("tawasul.redis.url", String.class);
        String prefix = ConfigProvider.getConfig().getOptionalValue("tawasul.redis.key-prefix", String.class)
                .orElse("tawasul:");
        RedisClient client = RedisClient.create(url);
        try (StatefulRedisConnection<String, String> c = client.connect()) {
            var keys = c.sync().keys(prefix + "twitter:*");
            if (!keys.isEmpty()) {
                c.sync().del(keys.toArray(String[]::new));
            }
        } finally {
            client.shutdown();
        }
    }

    /** X's wire escaping: every non-ASCII UTF-16 unit as {@code \\uXXXX} (surrogate pairs stay pairs). */
    static String escape(String text) {
        StringBuilder out = new StringBuilder();
        for (char c : text.toCharArray()) {
            if (c < 0x80 && c != '"' && c != '\\') {
                out.append(c);
            } else if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else {
                out.append(String.format("\\u%04x", (int) c));
            }
        }
        return out.toString();
    }

    /** The unicode DM fixture, byte for byte, with another event id, sender and (escaped) text. */
    static byte[] dmFromFixture(String eventId, String senderId, String text) {
        String raw = TwitterFixtures.text("twitter-aaa-dm-event-unicode.json");
        String original = "\\u0645\\u0631\\u062d\\u0628\\u0627 \\u0647\\u0644 \\u0623\\u0646\\u062a\\u0645 "
                + "\\u0645\\u0641\\u062a\\u0648\\u062d\\u0648\\u0646\\u061f \\ud83d\\udcf7\\u2744\\ufe0f";
        if (!raw.contains(original) || !raw.contains("\"id\":\"1100000000000000002\"")) {
            throw new IllegalStateException("fixture changed");
        }
        return raw.replace(original, escape(text))
                .replace("\"id\":\"1100000000000000002\"", "\"id\":\"" + eventId + "\"")
                .replace("\"sender_id\":\"1000000000000000002\"", "\"sender_id\":\"" + senderId + "\"")
                .getBytes(StandardCharsets.UTF_8);
    }

    /**
     * An Account Activity delivery of a DM our account ({@code for_user_id}) sent: the text fixture, byte for byte,
     * with sender and recipient swapped, another event id and text, and {@code source_app_id} when given (X sets
     * it to the app that sent the DM: ours for the bot's replies, X's own for staff typing in the X app).
     */
    static byte[] ownDm(String eventId, String recipientId, String text, String sourceAppId) {
        String raw = TwitterFixtures.text("twitter-aaa-dm-event.json");
        String route = "\"target\":{\"recipient_id\":\"1000000000000000001\"},\"sender_id\":\"1000000000000000002\"";
        if (!raw.contains(route) || !raw.contains("\"id\":\"1100000000000000001\"")
                || !raw.contains("Briefly, what are your opening hours?")) {
            throw new IllegalStateException("fixture changed");
        }
        String swapped = "\"target\":{\"recipient_id\":\"" + recipientId + "\"},\"sender_id\":\"1000000000000000001\""
                + (sourceAppId == null ? "" : ",\"source_app_id\":\"" + sourceAppId + "\"");
        return raw.replace(route, swapped)
                .replace("\"id\":\"1100000000000000001\"", "\"id\":\"" + eventId + "\"")
                .replace("Briefly, what are your opening hours?", escape(text))
                .getBytes(StandardCharsets.UTF_8);
    }

    /**
     * An X Activity API {@code dm.received} delivery (https://docs.x.com/x-api/activity/event-payloads): a
     * citizen's DM to our account, the {@code filter} naming our account, {@code users} in v2 form under
     * {@code data}. Keys in X's order; the text escaped as X does.
     */
    static byte[] dmReceived(String filterUserId, String eventId, String senderId, String text) {
        return xActivityDm("dm.received", "dm-inbound", filterUserId, eventId, senderId, filterUserId, text);
    }

    /** An X Activity API {@code dm.sent} delivery: a DM our account ({@code filter.user_id}) sent to a citizen. */
    static byte[] dmSent(String filterUserId, String eventId, String recipientId, String text) {
        return xActivityDm("dm.sent", "dm-outbound", filterUserId, eventId, filterUserId, recipientId, text);
    }

    private static byte[] xActivityDm(String eventType, String tag, String filterUserId, String eventId,
                                      String senderId, String recipientId, String text) {
        String user = """
                "%1$s":{"data":{"description":"","protected":false,"url":"","is_identity_verified":false,"id":"%1$s",\
                "verified_type":"none","created_at":"2026-04-20T19:55:59.000Z","username":"%2$s","verified":false,\
                "name":"%3$s"}}""";
        return ("""
                {"data":{"event_uuid":"-6850472171600526495","filter":{"user_id":"%s"},"event_type":"%s","tag":"%s",\
                "payload":{"direct_message_events":[{"type":"message_create","id":"%s","created_timestamp":"1784928224372",\
                "message_create":{"target":{"recipient_id":"%s"},"sender_id":"%s","message_data":{"text":"%s",\
                "entities":{"hashtags":[],"symbols":[],"user_mentions":[],"urls":[]}}}}],"users":{%s,%s}}}}""")
                .formatted(filterUserId, eventType, tag, eventId, recipientId, senderId, escape(text),
                        user.formatted(senderId, "u" + senderId, "Sender"),
                        user.formatted(recipientId, "u" + recipientId, "Recipient"))
                .getBytes(StandardCharsets.UTF_8);
    }

    /** @return the header value X would send for {@code body}, signed with the fixtures' consumer secret */
    static String sign(byte[] body) {
        return sign(TwitterFixtures.SECRET, body);
    }

    /**
     * @return {@code x-twitter-webhooks-signature} as X computes it: {@code sha256=} + base64 HMAC-SHA256 of the raw
     *         body with {@code consumerSecret} (the URL is not signed)
     */
    static String sign(String consumerSecret, byte[] body) {
        return gov.tawasul.channels.common.HmacSha256.base64Header(consumerSecret, body);
    }
}
