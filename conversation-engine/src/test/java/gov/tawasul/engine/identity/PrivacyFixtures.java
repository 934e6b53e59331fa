package gov.tawasul.engine.identity;

import gov.tawasul.engine.model.OutboundMessage;
import gov.tawasul.engine.testing.TestDb;
import io.lettuce.core.api.StatefulRedisConnection;
import org.eclipse.microprofile.config.ConfigProvider;

import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Data and helpers the identity tests share: cases of this run, fresh addresses, the code out of a code SMS. */
final class PrivacyFixtures {

    /** Four digits of this run, so that case numbers and addresses never meet those of an earlier run. */
    static final String RUN = Integer.toString(1000 + (int) (Math.random() * 8999));
    private static final Pattern CODE = Pattern.compile("(?<![0-9-])[0-9]{6}(?![0-9-])");

    private PrivacyFixtures() {
    }

    /** Inserts (or replaces) a case of this run with one registered SMS contact. */
    static void insertCase(String number, String smsContact, boolean demo) {
        TestDb.execute("""
                insert into cases (case_number, status, status_label_ar, status_label_en, department_ar, department_en,
                                   updated_at, updated_offset, contacts, demo)
                values (?, 'IN_PROGRESS', 'قيد الإجراء', 'In progress', 'إدارة الخدمات', 'Services',
                        '2026-11-25T06:30:00Z', '+03:00', ?, ?)
                on conflict (case_number) do update set contacts = excluded.contacts, demo = excluded.demo,
                    status_label_en = excluded.status_label_en, status_label_ar = excluded.status_label_ar""",
                number, smsContact == null ? "" : "sms:" + smsContact, demo);
    }

    /** @return a phone number no earlier run used */
    static String newPhone() {
        return "+9665" + RUN + (1000 + (int) (Math.random() * 8999));
    }

    /** @return a Messenger PSID, X id or visitor id no earlier run used */
    static String newId() {
        return "7" + RUN + Math.abs(UUID.randomUUID().getMostSignificantBits() % 1_000_000_000_000L);
    }

    /** @return the six-digit code in a code message */
    static String codeIn(OutboundMessage message) {
        Matcher m = CODE.matcher(message.text());
        if (!m.find()) {
            throw new AssertionError("no code in " + message.text());
        }
        return m.group();
    }

    /** Deletes this run's Redis keys (the limits' counts and pending codes), so that a test starts with none used. */
    static void clearRedis(StatefulRedisConnection<String, String> redis) {
        String prefix = ConfigProvider.getConfig().getValue("tawasul.redis.key-prefix", String.class);
        for (String part : List.of("identity:*", "lookup:*")) {
            List<String> keys = redis.sync().keys(prefix + part);
            if (!keys.isEmpty()) {
                redis.sync().del(keys.toArray(String[]::new));
            }
        }
    }
}
