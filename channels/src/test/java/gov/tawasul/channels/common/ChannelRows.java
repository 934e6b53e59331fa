package gov.tawasul.channels.common;

import gov.tawasul.engine.testing.TestDb;
import org.awaitility.core.ConditionTimeoutException;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.awaitility.Awaitility.await;

/**
 * One channel's rows in the test database (JDBC, real PostgreSQL): cleaning between tests, and the tables as the
 * {@link WebhookHarness} compares them.
 */
public final class ChannelRows {

    /** Longest time the previous test's messages may take to be answered before the channel is cleaned. */
    static final Duration QUIET_WITHIN = Duration.ofSeconds(15);
    /** A retry due within this is the previous test's, still going on; a later one is a leftover's backoff. */
    static final Duration RETRY_SOON = Duration.ofSeconds(5);

    private ChannelRows() {
    }

    /**
     * Waits until the channel is quiet — no inbound message of the last {@link #QUIET_WITHIN} waiting for its answer,
     * no send in flight, no retry due within {@link #RETRY_SOON} — so that nothing of the previous test lands in the
     * next one, then deletes the channel's rows. Older work is what an earlier application (another test class, whose
     * fake provider is gone) left behind: a retry chain against an unreachable API, a send interrupted by that
     * application's shutdown. It is not waited for (it may never settle here); the delete ends it, since the engine
     * claims every retry and resend from its row. Work still going on after {@link #QUIET_WITHIN} is deleted too, and
     * printed: a cleaning that fails would fail every later test of the channel, not only the one that left it.
     *
     * @param channel e.g. {@code SMS}
     */
    public static void clean(String channel) {
        try {
            await("channel " + channel + " quiet").atMost(QUIET_WITHIN).pollDelay(Duration.ZERO)
                    .pollInterval(Duration.ofMillis(100)).until(() -> isQuiet(channel));
        } catch (ConditionTimeoutException e) {
            // a retry chain that keeps failing fast: ended by the delete below, said so for whoever reads the log
            System.err.printf("ChannelRows: channel %s still busy after %s, deleted anyway: %s%n", channel,
                    QUIET_WITHIN, TestDb.rows("select id, status, next_attempt_at, updated_at from outbound_message "
                            + "where channel = ? and status in ('QUEUED', 'SENDING')", channel));
        }
        for (String table : List.of("delivery_receipt", "outbound_message", "inbound_message", "opt_out",
                "conversation")) {
            TestDb.execute("delete from " + table + " where channel = ?", channel);
        }
    }

    private static boolean isQuiet(String channel) {
        return TestDb.rows("""
                select 1 from inbound_message where channel = ? and state = 'RECEIVED'
                  and received_at > now() - make_interval(secs => ?)
                union all
                select 1 from outbound_message where channel = ?
                  and (status = 'QUEUED' and next_attempt_at < now() + make_interval(secs => ?)
                       or status = 'SENDING' and provider_message_id is null
                          and updated_at > now() - make_interval(secs => ?))""",
                channel, QUIET_WITHIN.toSeconds(), channel, RETRY_SOON.toSeconds(), QUIET_WITHIN.toSeconds())
                .isEmpty();
    }

    /** @return the channel's inbound messages by id, each with its conversation's addresses and citizen's name */
    static List<Map<String, Object>> inbound(String channel) {
        return TestDb.rows("""
                select i.*, c.citizen_address, c.bot_address, c.citizen_name from inbound_message i
                join conversation c on c.id = i.conversation_id where i.channel = ? order by i.id""", channel);
    }

    /** @return the channel's outbound messages by recipient, then id (replies to several citizens race) */
    static List<Map<String, Object>> outbound(String channel) {
        return TestDb.rows("select * from outbound_message where channel = ? order by recipient, id", channel);
    }

    /** @return the channel's delivery receipts by id, with {@code linked}: whether a message holds them */
    static List<Map<String, Object>> receipts(String channel) {
        return TestDb.rows("""
                select r.*, r.outbound_message_id is not null as linked from delivery_receipt r
                where r.channel = ? order by r.id""", channel);
    }

    /** @return the channel's opt-outs by citizen */
    static List<Map<String, Object>> optOuts(String channel) {
        return TestDb.rows("select * from opt_out where channel = ? order by citizen_address, bot_address", channel);
    }

    /** @return the channel's conversations that hold no message (a refused request must not leave one) */
    static List<Map<String, Object>> orphanConversations(String channel) {
        return TestDb.rows("""
                select c.* from conversation c where c.channel = ?
                  and not exists (select 1 from inbound_message i where i.conversation_id = c.id)
                  and not exists (select 1 from outbound_message o where o.conversation_id = c.id)""", channel);
    }
}
