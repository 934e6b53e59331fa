package gov.tawasul.channels.email;

import io.lettuce.core.api.StatefulRedisConnection;

import java.util.Map;

/**
 * Where reading resumes: per mailbox folder ({@code <prefix>email:mailbox:<user>@<host>/<folder>}, a Redis hash),
 * the folder's {@code UIDVALIDITY} and the highest UID whose message was stored in the bot, flagged and moved. A UID
 * means something only with its UIDVALIDITY (RFC 3501 §2.3.1.1): when the server reports another one (the folder was
 * re-created or restored), the stored UID is forgotten and the folder is read as on a first start. Blocking: called
 * on the reader's thread.
 */
final class MailboxState {

    /**
     * What is known of a folder.
     *
     * @param uidValidity the folder's UIDVALIDITY
     * @param lastUid     the highest UID handled
     */
    record Position(long uidValidity, long lastUid) {
    }

    private final StatefulRedisConnection<String, String> redis;
    private final String key;

    /** @param key the hash's key, e.g. {@code tawasul:email:mailbox:tawasul@imap.example.gov.sa/INBOX} */
    MailboxState(StatefulRedisConnection<String, String> redis, String key) {
        this.redis = redis;
        this.key = key;
    }

    /** @return the stored position, or null when none is stored */
    Position load() {
        Map<String, String> fields = redis.sync().hgetall(key);
        if (fields == null || !fields.containsKey("uidvalidity") || !fields.containsKey("uid")) {
            return null;
        }
        try {
            return new Position(Long.parseLong(fields.get("uidvalidity")), Long.parseLong(fields.get("uid")));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** Stores the position (both fields at once). */
    void store(Position position) {
        redis.sync().hset(key, Map.of("uidvalidity", Long.toString(position.uidValidity()),
                "uid", Long.toString(position.lastUid())));
    }

    /** @return the Redis key */
    String key() {
        return key;
    }
}
