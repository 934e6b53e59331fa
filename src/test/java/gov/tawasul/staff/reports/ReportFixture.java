package gov.tawasul.staff.reports;

import gov.tawasul.engine.testing.TestDb;

import java.time.OffsetDateTime;

/**
 * A week of messages whose report figures are known: Sun 2025-11-02 … Sat 2025-11-08 in Asia/Riyadh (+03:00),
 * office hours Sun–Thu 08:00–16:00. Four conversations (A, B, D by SMS, C on Messenger), bot replies answered in
 * 2, 4, 6 and 8 s, four requests for a person (one over the weekend, one before office hours, one in office hours,
 * one in the evening), case lookups of two departments (labels in Arabic and English), one not found; and one conversation waiting now (not in the
 * week). Written with plain SQL: the test arranges the tables as the stores would have left them.
 */
final class ReportFixture {

    static final String FROM = "2025-11-02";
    static final String TO = "2025-11-08";
    static final String CIVIL = "الأحوال المدنية";
    static final String CIVIL_EN = "Civil Affairs";
    static final String LICENSING_AR = "الترخيص";

    private ReportFixture() {
    }

    static void seed() {
        TestDb.execute("truncate delivery_receipt, outbound_message, inbound_message, opt_out, conversation, "
                + "report_daily, report_rolled_day, report_citizen_days, report_handoff cascade");
        long a = conversation("SMS", "+966500009001", "2025-11-02T08:00:00+03:00");
        long b = conversation("SMS", "+966500009002", "2025-11-02T08:00:00+03:00");
        long c = conversation("FACEBOOK", "2000000000009003", "2025-11-02T08:00:00+03:00");
        long d = conversation("SMS", "+966500009004", "2025-11-02T08:00:00+03:00");

        long i1 = inbound(a, "SMS", "2025-11-02T09:00:00+03:00", "ANSWERED", "CASE_STATUS");
        bot(a, i1, "SMS", "2025-11-02T09:00:01+03:00", "2025-11-02T09:00:02+03:00", "DELIVERED", null);
        long i2 = inbound(a, "SMS", "2025-11-02T10:00:00+03:00", "ANSWERED", "CASE_STATUS");
        bot(a, i2, "SMS", "2025-11-02T10:00:01+03:00", "2025-11-02T10:00:04+03:00", "READ", null);
        long i3 = inbound(b, "SMS", "2025-11-03T11:00:00+03:00", "ANSWERED", "CASE_STATUS");
        bot(b, i3, "SMS", "2025-11-03T11:00:01+03:00", "2025-11-03T11:00:06+03:00", "FAILED", "30003");
        inbound(b, "SMS", "2025-11-03T12:00:00+03:00", "HANDED_OFF", null);
        long i5 = inbound(c, "FACEBOOK", "2025-11-04T13:00:00+03:00", "ANSWERED", "CASE_STATUS");
        bot(c, i5, "FACEBOOK", "2025-11-04T13:00:01+03:00", "2025-11-04T13:00:08+03:00", "SENT", null);
        inbound(c, "FACEBOOK", "2025-11-04T14:00:00+03:00", "IGNORED", "OPT_OUT");

        caseQuery(i1, "FOUND", "APPROVED", "Licensing", LICENSING_AR, "Licensing");
        caseQuery(i2, "FOUND", "IN_PROGRESS", "Licensing", LICENSING_AR, "Licensing");
        caseQuery(i3, "NOT_FOUND", null, null, null, null);
        caseQuery(i5, "FOUND", "APPROVED", CIVIL_EN, CIVIL, CIVIL_EN);

        // H1 Thu 15:50 → Sun 08:10 (10 + 10 min office: breach), last reply Sun 09:00
        inbound(a, "SMS", "2025-11-06T15:50:00+03:00", "ANSWERED", "ASK_FOR_PERSON");
        agent(a, "SMS", "sara", "2025-11-09T08:10:00+03:00");
        agent(a, "SMS", "sara", "2025-11-09T09:00:00+03:00");
        // H2 Mon 07:00 → 08:05 (5 min office), last 08:30
        inbound(b, "SMS", "2025-11-03T07:00:00+03:00", "ANSWERED", "ASK_FOR_PERSON");
        agent(b, "SMS", "sara", "2025-11-03T08:05:00+03:00");
        agent(b, "SMS", "sara", "2025-11-03T08:30:00+03:00");
        // H3 Tue 10:00 → 10:20 (20 min: breach)
        inbound(c, "FACEBOOK", "2025-11-04T10:00:00+03:00", "ANSWERED", "ASK_FOR_PERSON");
        agent(c, "FACEBOOK", "omar", "2025-11-04T10:20:00+03:00");
        // H4 Wed 20:00 → Thu 08:14 (14 min office)
        inbound(d, "SMS", "2025-11-05T20:00:00+03:00", "ANSWERED", "ASK_FOR_PERSON");
        agent(d, "SMS", "omar", "2025-11-06T08:14:00+03:00");

        // waiting now, created today: outside the week
        TestDb.execute("""
                insert into conversation (channel, citizen_address, bot_address, state, waiting_since)
                values ('SMS', '+966500009005', '+15555550199', 'WAITING_FOR_AGENT', now() - interval '10 minutes')""");
    }

    private static long conversation(String channel, String citizen, String at) {
        return ((Number) TestDb.value("""
                insert into conversation (channel, citizen_address, bot_address, created_at, last_activity_at)
                values (?, ?, '+15555550199', ?, ?) returning id""", channel, citizen, t(at), t(at))).longValue();
    }

    private static long inbound(long conversation, String channel, String at, String state, String intent) {
        return ((Number) TestDb.value("""
                insert into inbound_message (conversation_id, channel, provider_message_id, kind, text, sent_at,
                                             received_at, state, intent)
                values (?, ?, ?, 'TEXT', 'x', ?, ?, ?, ?) returning id""", conversation, channel,
                "report-" + System.nanoTime(), t(at), t(at), state, intent)).longValue();
    }

    private static void bot(long conversation, long inbound, String channel, String created, String sent,
                            String status, String error) {
        TestDb.execute("""
                insert into outbound_message (conversation_id, inbound_message_id, origin, channel, recipient, sender,
                                              text, status, error_code, created_at, sent_at)
                values (?, ?, 'BOT', ?, 'r', 's', 'reply', ?, ?, ?, ?)""", conversation, inbound, channel, status,
                error, t(created), t(sent));
    }

    private static void agent(long conversation, String channel, String agent, String at) {
        TestDb.execute("""
                insert into outbound_message (conversation_id, origin, channel, recipient, sender, text, status,
                                              created_at, sent_at, sent_by)
                values (?, 'AGENT', ?, 'r', 's', 'agent', 'DELIVERED', ?, ?, ?)""", conversation, channel, t(at),
                t(at), agent);
    }

    private static void caseQuery(long inbound, String outcome, String status, String department, String ar,
                                  String en) {
        TestDb.execute("""
                insert into case_query (inbound_message_id, position, channel, asked_at, outcome, status, department,
                                        department_ar, department_en)
                select id, 0, channel, received_at, ?, ?, ?, ?, ? from inbound_message where id = ?""",
                outcome, status, department, ar, en, inbound);
    }

    private static OffsetDateTime t(String at) {
        return OffsetDateTime.parse(at);
    }
}
