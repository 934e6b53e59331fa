package gov.tawasul.staff.retention;

import gov.tawasul.engine.model.Channel;
import gov.tawasul.engine.testing.TestDb;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The retention job erases exactly what is older than its cut-off (per channel) and nothing else, keeps the rows,
 * statuses and times, hashes addresses without breaking the conversations' unique key, and removes only audit rows
 * older than the audit retention, through the one function the append-only trigger lets delete.
 */
@QuarkusTest
class RetentionJobTest {

    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);

    @Inject
    RetentionJob job;

    @BeforeEach
    void clean() {
        TestDb.execute("truncate delivery_receipt, notification, case_follower, case_event, outbound_message,"
                + " inbound_message, opt_out, conversation cascade");
    }

    @Test
    void messagesOlderThanTheCutAreErasedAndNothingElse() {
        String old = "+9665" + digits(8);
        String recent = "+9665" + digits(8);
        long oldConv = conversation("SMS", old, days(100));
        long recentConv = conversation("SMS", recent, days(1));
        long oldIn = inbound(oldConv, "SMS", "حالة 1446-000123 من فضلك", days(91));
        long keptIn = inbound(oldConv, "SMS", "still here", days(89));
        long recentIn = inbound(recentConv, "SMS", "recent", days(1));
        long oldOut = outbound(oldConv, "SMS", old, "حالة معاملتك: مقبولة", "DELIVERED", days(91));
        long keptOut = outbound(oldConv, "SMS", old, "kept", "DELIVERED", days(89));
        // e-mail keeps 10 days in tests (tawasul.retention.messages-per-channel.email): 20 days is past it
        String mail = "citizen-" + digits(6) + "@example.com";
        long mailConv = conversation("EMAIL", mail, days(20));
        long mailIn = inbound(mailConv, "EMAIL", "my case 4512873", days(20));
        long smsIn20 = inbound(recentConv, "SMS", "twenty days", days(20));

        RetentionRun run = job.apply(NOW).await().atMost(Duration.ofSeconds(30));

        assertThat(job.retentionOf(Channel.EMAIL)).isEqualTo(Duration.ofDays(10));
        assertThat(job.retentionOf(Channel.SMS)).isEqualTo(Duration.ofDays(90));
        Map<String, Object> in = row("select text, payload, attributes, state, received_at, redacted_at"
                + " from inbound_message where id = ?", oldIn);
        assertThat(in.get("text")).isEqualTo("");
        assertThat(in.get("payload")).isNull();
        assertThat(in.get("attributes")).isNull();
        assertThat(in.get("state")).isEqualTo("ANSWERED");
        assertThat(in.get("redacted_at")).isNotNull();
        assertThat(text("inbound_message", keptIn)).isEqualTo("still here");
        assertThat(text("inbound_message", recentIn)).isEqualTo("recent");
        assertThat(text("inbound_message", smsIn20)).isEqualTo("twenty days");
        assertThat(text("inbound_message", mailIn)).isEqualTo("");

        Map<String, Object> out = row("select text, recipient, status, segments, created_at from outbound_message"
                + " where id = ?", oldOut);
        assertThat(out.get("text")).isEqualTo("");
        assertThat((String) out.get("recipient")).matches("h:[0-9a-f]{64}");
        assertThat(out.get("status")).isEqualTo("DELIVERED");
        assertThat(out.get("segments")).isEqualTo(1);
        assertThat(text("outbound_message", keptOut)).isEqualTo("kept");
        assertThat(TestDb.value("select recipient from outbound_message where id = ?", keptOut)).isEqualTo(old);

        // the conversation inactive for 100 days keeps its row, state and times; its address is the same hash as
        // its messages' recipient (reports can still count one citizen)
        Map<String, Object> conv = row("select citizen_address, citizen_name, state, created_at from conversation"
                + " where id = ?", oldConv);
        assertThat(conv.get("citizen_address")).isEqualTo(out.get("recipient"));
        assertThat(conv.get("citizen_name")).isNull();
        assertThat(conv.get("state")).isEqualTo("CLOSED");
        assertThat(TestDb.value("select citizen_address from conversation where id = ?", recentConv)).isEqualTo(recent);
        assertThat((String) TestDb.value("select citizen_address from conversation where id = ?", mailConv))
                .startsWith("h:");
        assertThat(TestDb.value("select count(*) from inbound_message")).isEqualTo(5L);
        assertThat(TestDb.value("select count(*) from outbound_message")).isEqualTo(2L);

        @SuppressWarnings("unchecked")
        Map<String, Object> sms = (Map<String, Object>) run.channels().get("sms");
        assertThat(sms).containsEntry("inbound", 1).containsEntry("outbound", 1).containsEntry("conversations", 1);
        assertThat(TestDb.value("select detail->'channels'->'sms'->>'inbound' from audit_event"
                + " where action = 'RETENTION_APPLIED' order by id desc limit 1")).isEqualTo("1");

        // a second run finds nothing left
        RetentionRun again = job.apply(NOW).await().atMost(Duration.ofSeconds(30));
        assertThat(again.channels().get("sms")).containsEntry("inbound", 0).containsEntry("conversations", 0);
    }

    @Test
    void aCitizenWhoseOldConversationWasHashedKeepsTheUniqueKeyWhenTheNewOneIsHashedToo() {
        String citizen = "+9665" + digits(8);
        long first = conversation("SMS", citizen, days(200));
        job.apply(NOW).await().atMost(Duration.ofSeconds(30));
        String hash = (String) TestDb.value("select citizen_address from conversation where id = ?", first);
        // the citizen wrote again later (a new conversation, the address whole), then fell silent for 100 days
        long second = conversation("SMS", citizen, days(100));

        job.apply(NOW).await().atMost(Duration.ofSeconds(30));

        assertThat(TestDb.value("select citizen_address from conversation where id = ?", second))
                .isEqualTo(hash + "#" + second);
        assertThat(TestDb.value("select count(distinct split_part(citizen_address, '#', 1)) from conversation"
                + " where id in (?, ?)", first, second)).isEqualTo(1L);
    }

    @Test
    void finishedNotificationsAndStoppedFollowersGoPendingOnesStay() {
        String citizen = "+9665" + digits(8);
        long event = ((Number) TestDb.value("insert into case_event (event_id, source, case_number, status)"
                + " values (?, 'PUSH', '1446-000123', 'APPROVED') returning id", "evt-" + UUID.randomUUID())).longValue();
        TestDb.execute("insert into notification (case_event_id, case_number, channel, citizen_address, locale, state,"
                + " due_at, updated_at) values (?, '1446-000123', 'SMS', ?, 'ar', 'SENT', ?, ?)", event, citizen,
                days(95), days(95));
        String pending = "+9665" + digits(8);
        TestDb.execute("insert into notification (case_event_id, case_number, channel, citizen_address, locale, state,"
                + " due_at, updated_at) values (?, '1446-000123', 'SMS', ?, 'ar', 'PENDING', ?, ?)", event, pending,
                // due tomorrow, so that the running NotificationDispatcher leaves it alone (a due one it would send
                // or skip); untouched for 95 days, past the cut
                Timestamp.from(NOW.plus(Duration.ofDays(1))), days(95));
        TestDb.execute("insert into case_follower (case_number, channel, citizen_address, source, stopped_at)"
                + " values ('1446-000123', 'SMS', ?, 'ASKER', ?)", citizen, days(95));
        TestDb.execute("insert into case_follower (case_number, channel, citizen_address, source)"
                + " values ('1446-000124', 'SMS', ?, 'ASKER')", citizen);

        job.apply(NOW).await().atMost(Duration.ofSeconds(30));

        assertThat(TestDb.value("select count(*) from notification where citizen_address = ?", citizen)).isEqualTo(0L);
        assertThat(TestDb.value("select state from notification where citizen_address like 'h:%'")).isEqualTo("SENT");
        assertThat(TestDb.value("select state from notification where citizen_address = ?", pending))
                .isEqualTo("PENDING");
        assertThat(TestDb.value("select string_agg(case_number, ',') from case_follower where citizen_address = ?",
                citizen)).isEqualTo("1446-000124");
    }

    @Test
    void auditRowsOlderThanTheAuditRetentionAreRemovedOnlyThroughThePurge() {
        String actor = "retention-" + digits(6);
        TestDb.execute("insert into audit_event (at, actor, action) values (?, ?, 'LOGIN')", days(800), actor);
        TestDb.execute("insert into audit_event (at, actor, action) values (?, ?, 'LOGOUT')", days(700), actor);
        assertThatThrownBy(() -> TestDb.execute("delete from audit_event where actor = ?", actor))
                .hasMessageContaining("append-only");
        // a session that sets the flag itself to a recent time still cannot remove recent rows
        assertThatThrownBy(() -> TestDb.value("select audit_event_purge(now() - interval '1 day')"))
                .hasMessageContaining("at least 30 days");

        RetentionRun run = job.apply(NOW).await().atMost(Duration.ofSeconds(30));

        assertThat(run.auditRemoved()).isGreaterThanOrEqualTo(1L);
        assertThat(TestDb.value("select string_agg(action, ',') from audit_event where actor = ?", actor))
                .isEqualTo("LOGOUT");
        assertThatThrownBy(() -> TestDb.execute("delete from audit_event where actor = ?", actor))
                .hasMessageContaining("append-only");
    }

    private static long conversation(String channel, String citizen, Timestamp lastActivity) {
        return ((Number) TestDb.value("insert into conversation (channel, citizen_address, bot_address, citizen_name,"
                + " state, created_at, last_activity_at) values (?, ?, ?, 'Citizen Name', 'CLOSED', ?, ?) returning id",
                channel, citizen, "EMAIL".equals(channel) ? "info@agency.example.gov" : "+15555550199", lastActivity,
                lastActivity)).longValue();
    }

    private static long inbound(long conversation, String channel, String text, Timestamp at) {
        return ((Number) TestDb.value("insert into inbound_message (conversation_id, channel, provider_message_id, kind,"
                + " text, payload, attributes, sent_at, received_at, state) values (?, ?, ?, 'TEXT', ?, 'P', '{}', ?, ?,"
                + " 'ANSWERED') returning id", conversation, channel, "SM" + UUID.randomUUID(), text, at, at))
                .longValue();
    }

    private static long outbound(long conversation, String channel, String to, String text, String status,
                                 Timestamp at) {
        return ((Number) TestDb.value("insert into outbound_message (conversation_id, channel, recipient, sender, text,"
                + " status, segments, created_at) values (?, ?, ?, '+15555550199', ?, ?, 1, ?) returning id",
                conversation, channel, to, text, status, at)).longValue();
    }

    private static Timestamp days(int ago) {
        return Timestamp.from(NOW.minus(Duration.ofDays(ago)));
    }

    private static String digits(int n) {
        String s = Long.toString(Math.abs(UUID.randomUUID().getMostSignificantBits()));
        return s.substring(0, n);
    }

    private static String text(String table, long id) {
        return (String) TestDb.value("select text from " + table + " where id = ?", id);
    }

    private static Map<String, Object> row(String sql, Object... params) {
        return TestDb.rows(sql, params).get(0);
    }
}
