package gov.tawasul.channels.email;

import gov.tawasul.cases.events.CaseEventSignature;
import gov.tawasul.engine.testing.TestDb;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static gov.tawasul.channels.email.EmailTestData.plainMail;
import static gov.tawasul.channels.email.EmailTestData.rows;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Case-status updates by e-mail (GreenMail): a case's registered e-mail contact follows it by default
 * ({@code default-follow=registered-contacts}) and is told of a pushed event by mail, whatever the case of the
 * address the case system gave, under a subject that names the case (Arabic, the number isolated), and the next event
 * of the case comes under the same subject in reply to the first; a citizen who asked by e-mail as a registered contact follows the case and hears of
 * its next event by mail, in the language they asked in.
 */
@QuarkusTest
@TestProfile(CaseEventsEmailTest.Profile.class)
class CaseEventsEmailTest {

    /** The e-mail channel on, case events signed with {@link #SECRET}. */
    public static class Profile extends EmailTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> config = new HashMap<>();
            config.put("tawasul.cases.events.secrets", SECRET);
            config.put("tawasul.service-name.ar", "تواصل — إمارة منطقة الرياض");
            config.put("tawasul.service-name.en", "Tawasul — Riyadh Region");
            config.put("tawasul.notifications.quiet-hours", "none");
            return config;
        }
    }

    static final String SECRET = "case-events-email-secret-2026";
    static final String REGISTERED = "citizen.three@mail.example.com";
    static final String ASKER = "citizen.four@mail.example.com";
    static final String CASE_REGISTERED = "1446-000771";
    static final String CASE_ASKED = "1446-000772";
    static final Duration WAIT = Duration.ofSeconds(20);

    @InjectMailServer
    TestMailServer mail;

    @Inject
    MailboxWatcher watcher;

    @BeforeAll
    static void awaitility() {
        Awaitility.doNotCatchUncaughtExceptionsByDefault();
    }

    @BeforeEach
    void clean() {
        cleanEvents(); // first: notifications refer to outbound rows
        EmailTestData.clean(mail);
        TestDb.execute("""
                insert into cases (case_number, status, status_label_ar, status_label_en, updated_at, updated_offset,
                                   contacts)
                values (?, 'UNDER_REVIEW', 'قيد الدراسة', 'Under review', '2026-11-20T06:30:00Z', '+03:00', ?)
                on conflict (case_number) do update set contacts = excluded.contacts, status = excluded.status,
                    status_label_ar = excluded.status_label_ar, status_label_en = excluded.status_label_en""",
                CASE_ASKED, "email:Citizen.Four@Mail.Example.COM");
        await().atMost(WAIT).until(() -> watcher.reader() != null && watcher.reader().idling());
    }

    @AfterEach
    void restore() {
        await().atMost(WAIT).until(() -> rows("select id from notification where state in ('PENDING', 'SENDING')")
                .isEmpty());
        cleanEvents();
        EmailTestData.clean(mail);
    }

    private static void cleanEvents() {
        TestDb.execute("delete from notification");
        TestDb.execute("delete from case_follower");
        TestDb.execute("delete from case_event");
    }

    @Test
    void aRegisteredEmailContactFollowsByDefaultAndIsToldByMail() throws Exception {
        post(event("evt-mail-771", CASE_REGISTERED, "[{\"channel\":\"email\",\"address\":\" <Citizen.Three@MAIL.example.com> \"}]"));

        await().atMost(WAIT).until(() -> mail.inboxOf(REGISTERED).size() == 1);
        MimeMessage m = mail.inboxOf(REGISTERED).get(0);
        String text = text(m);
        // Arabic texts isolate their left-to-right values (U+2066 … U+2069, text.BidiIsolates)
        assertThat(text).contains("تواصل — إمارة منطقة الرياض: المعاملة \u20661446-000771\u2069 أصبحت: مقبولة.")
                .contains("للإيقاف أرسل \u2066STOP 1446-000771\u2069").doesNotContain("STOP لإيقاف كل الرسائل");
        assertThat(m.getFrom()[0].toString()).contains(TestMailServer.BOT);
        assertThat(m.getHeader("Auto-Submitted", null)).isEqualTo("auto-generated");
        assertThat(rows("select channel, citizen_address, source from case_follower"))
                .containsExactly(Map.of("channel", "EMAIL", "citizen_address", REGISTERED, "source", "REGISTERED"));
        assertThat(rows("select n.state, o.origin, o.status from notification n "
                + "join outbound_message o on o.id = n.outbound_message_id"))
                .containsExactly(Map.of("state", "SENT", "origin", "NOTIFICATION", "status", "SENT"));
        String subject = "تحديث حالة المعاملة رقم \u20661446-000771\u2069";
        assertThat(m.getSubject()).isEqualTo(subject);
        assertThat(m.getHeader("In-Reply-To", null)).isNull();

        // the next change of the case: the same subject, threaded under the first update
        post(event("evt-mail-771b", CASE_REGISTERED, "REJECTED", "مرفوضة", "Rejected",
                "[{\"channel\":\"email\",\"address\":\"citizen.three@mail.example.com\"}]"));
        await().atMost(WAIT).until(() -> mail.inboxOf(REGISTERED).size() == 2);
        MimeMessage next = mail.inboxOf(REGISTERED).get(1);
        assertThat(text(next)).contains("المعاملة \u20661446-000771\u2069 أصبحت: مرفوضة");
        assertThat(next.getSubject()).isEqualTo(subject);
        assertThat(next.getHeader("In-Reply-To", null)).isEqualTo(m.getMessageID());
        assertThat(next.getHeader("References", null)).isEqualTo(m.getMessageID());
    }

    @Test
    void aCitizenWhoAskedByEmailFollowsTheCaseAndHearsOfItsNextEventByMail() throws Exception {
        mail.deliverToBot(plainMail(ASKER, "<ask-772@mail.example.com>", "My case", "Status of case " + CASE_ASKED));
        await().atMost(WAIT).until(() -> mail.inboxOf(ASKER).size() == 1);
        assertThat(text(mail.inboxOf(ASKER).get(0)))
                .contains("Under review")
                .contains("We will tell you here when case 1446-000772 changes; reply STOP 1446-000772 to stop.");
        assertThat(rows("select channel, citizen_address, source, locale from case_follower")).containsExactly(
                Map.of("channel", "EMAIL", "citizen_address", ASKER, "source", "ASKER", "locale", "en"));

        // the event lists the same address in another spelling: one follower, one mail
        post(event("evt-mail-772", CASE_ASKED, "[{\"channel\":\"email\",\"address\":\"CITIZEN.FOUR@mail.example.com\"}]"));
        await().atMost(WAIT).until(() -> mail.inboxOf(ASKER).size() >= 2);
        Thread.sleep(1500); // a second notification would have left by now
        assertThat(mail.inboxOf(ASKER)).hasSize(2);
        MimeMessage update = mail.inboxOf(ASKER).get(1);
        assertThat(text(update)).contains("Case 1446-000772 is now: Approved.")
                .contains("Next step: Collect the document at the branch");
        assertThat(update.getSubject()).as("the case number, not their subject").isEqualTo("Update on case 1446-000772");
        assertThat(update.getHeader("In-Reply-To", null)).isEqualTo("<ask-772@mail.example.com>");
    }

    private static String event(String id, String caseNumber, String contacts) {
        return event(id, caseNumber, "APPROVED", "مقبولة", "Approved", contacts);
    }

    private static String event(String id, String caseNumber, String status, String labelAr, String labelEn,
                                String contacts) {
        return """
                {"eventId":"%s","caseNumber":"%s","status":"%s","statusLabel":{"ar":"%s","en":"%s"},\
                "nextStep":{"ar":"راجع الفرع لاستلام الوثيقة","en":"Collect the document at the branch"},\
                "updatedAt":"2026-12-01T10:00:00+03:00","contacts":%s}"""
                .formatted(id, caseNumber, status, labelAr, labelEn, contacts);
    }

    private static void post(String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        given().contentType("application/json").body(bytes)
                .header(CaseEventSignature.HEADER, CaseEventSignature.header(SECRET, Instant.now().getEpochSecond(), bytes))
                .when().post("/api/case-events").then().statusCode(202);
    }

    private static String text(MimeMessage m) throws Exception {
        Object content = m.getContent();
        if (content instanceof Multipart multipart) {
            return ((String) multipart.getBodyPart(0).getContent()).replace("\r\n", "\n");
        }
        return ((String) content).replace("\r\n", "\n");
    }
}
