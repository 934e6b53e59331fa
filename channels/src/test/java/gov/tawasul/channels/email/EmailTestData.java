package gov.tawasul.channels.email;

import gov.tawasul.engine.testing.SharedFixtures;
import gov.tawasul.engine.testing.TestDb;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import org.eclipse.microprofile.config.ConfigProvider;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.awaitility.Awaitility.await;

/** Arranging and cleaning the e-mail data of the @QuarkusTest classes (real PostgreSQL, Redis and mail server). */
final class EmailTestData {

    /** The seed case the windows-1256 fixture asks about, and its contacts as seeded. */
    static final String CASE_1446 = "1446-000123";
    static final String CASE_1446_CONTACTS = "sms:+966500000001";

    private EmailTestData() {
    }

    /**
     * Waits until no e-mail is still being answered, then deletes every e-mail conversation, message and receipt,
     * the channel's Redis keys except the reader's lease, every mailbox's mail, and restores the seed case's
     * contacts.
     */
    static void clean(TestMailServer mail) {
        await().atMost(Duration.ofSeconds(15)).ignoreExceptions().until(() -> {
            Thread.sleep(200);
            if (count("select count(*) from inbound_message where channel = 'EMAIL' and state = 'RECEIVED'") > 0
                    || count("select count(*) from outbound_message where channel = 'EMAIL' and status = 'SENDING'")
                    > 0) {
                return false;
            }
            TestDb.execute("delete from delivery_receipt where channel = 'EMAIL'");
            TestDb.execute("delete from outbound_message where channel = 'EMAIL'");
            TestDb.execute("delete from inbound_message where channel = 'EMAIL'");
            TestDb.execute("delete from opt_out where channel = 'EMAIL'");
            TestDb.execute("delete from conversation where channel = 'EMAIL'");
            return true;
        });
        TestDb.execute("update cases set contacts = ? where case_number = ?", CASE_1446_CONTACTS, CASE_1446);
        deleteRedisKeys("email:replies:*");
        mail.purge();
    }

    /** Deletes the bot's Redis keys matching {@code pattern} (after the key prefix). */
    static void deleteRedisKeys(String pattern) {
        try (Redis r = new Redis()) {
            var keys = r.connection.sync().keys(r.prefix + pattern);
            if (!keys.isEmpty()) {
                r.connection.sync().del(keys.toArray(String[]::new));
            }
        }
    }

    /** Writes a hash in Redis (after the key prefix). */
    static void redisHash(String key, Map<String, String> fields) {
        try (Redis r = new Redis()) {
            r.connection.sync().hset(r.prefix + key, fields);
        }
    }

    /** @return a hash of Redis (after the key prefix) */
    static Map<String, String> redisHash(String key) {
        try (Redis r = new Redis()) {
            return r.connection.sync().hgetall(r.prefix + key);
        }
    }

    /** The reader's position key for the test mailbox. */
    static String positionKey() {
        return "email:mailbox:" + TestMailServer.BOT + "@127.0.0.1/INBOX";
    }

    static long count(String sql, Object... params) {
        return ((Number) TestDb.value(sql, params)).longValue();
    }

    static List<Map<String, Object>> rows(String sql, Object... params) {
        return TestDb.rows(sql, params);
    }

    /** @return a fixture's bytes with text replaced ({@code from → to} pairs), as ISO-8859-1 so that 8-bit bytes stay */
    static byte[] fixture(String name, String... replacements) {
        String raw = new String(SharedFixtures.bytes(name), StandardCharsets.ISO_8859_1);
        for (int i = 0; i < replacements.length; i += 2) {
            if (!raw.contains(replacements[i])) {
                throw new IllegalStateException(name + " has no " + replacements[i]);
            }
            raw = raw.replace(replacements[i], replacements[i + 1]);
        }
        return raw.getBytes(StandardCharsets.ISO_8859_1);
    }

    /** @return a plain UTF-8 mail from {@code from} to the bot */
    static byte[] plainMail(String from, String messageId, String subject, String body) {
        String raw = "From: " + from + "\r\nTo: " + TestMailServer.BOT + "\r\nSubject: " + subject
                + "\r\nDate: Tue, 01 Dec 2026 12:00:00 +0300\r\nMessage-ID: " + messageId
                + "\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit"
                + "\r\n\r\n" + body.replace("\n", "\r\n") + "\r\n";
        return raw.getBytes(StandardCharsets.UTF_8);
    }

    private static final class Redis implements AutoCloseable {
        final RedisClient client;
        final StatefulRedisConnection<String, String> connection;
        final String prefix;

        Redis() {
            var config = ConfigProvider.getConfig();
            client = RedisClient.create(config.getValue("tawasul.redis.url", String.class));
            connection = client.connect();
            prefix = config.getOptionalValue("tawasul.redis.key-prefix", String.class).orElse("tawasul:");
        }

        @Override
        public void close() {
            connection.close();
            client.shutdown();
        }
    }
}
