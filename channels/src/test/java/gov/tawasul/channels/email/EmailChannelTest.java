package gov.tawasul.channels.email;

import gov.tawasul.engine.model.Address;
import gov.tawasul.engine.model.Channel;
import gov.tawasul.engine.model.Origin;
import gov.tawasul.engine.outbox.OutboundDraft;
import gov.tawasul.engine.outbox.Outbox;
import gov.tawasul.engine.outbox.SendOutcome;
import gov.tawasul.engine.testing.TestDb;
import io.quarkus.vertx.VertxContextSupport;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import jakarta.mail.Flags;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static gov.tawasul.channels.email.EmailTestData.count;
import static gov.tawasul.channels.email.EmailTestData.fixture;
import static gov.tawasul.channels.email.EmailTestData.plainMail;
import static gov.tawasul.channels.email.EmailTestData.rows;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The e-mail channel end to end against a real SMTP + IMAP server (GreenMail): the real mails of shared/fixtures
 * arrive in the agency's mailbox, the application's own mailbox reader hands them to the engine, and the answers
 * leave through the SMTP relay into the citizens' mailboxes, where their headers are read back.
 */
@QuarkusTest
@TestProfile(EmailTestProfile.class)
class EmailChannelTest {

    static final String CITIZEN_ONE = "citizen.one@mail.example.com";
    static final String CITIZEN_TWO = "citizen.two@mail.example.com";
    static final Duration WAIT = Duration.ofSeconds(20);

    @InjectMailServer
    TestMailServer mail;

    @Inject
    MailboxWatcher watcher;

    @Inject
    Outbox outbox;

    @BeforeAll
    static void awaitility() {
        // GreenMail's own threads may fail on a connection the test drops or races (its IMAP session does not
        // support every interleaving): the reader reconnects, and that is no failure of the test
        Awaitility.doNotCatchUncaughtExceptionsByDefault();
    }

    @BeforeEach
    void clean() {
        EmailTestData.clean(mail);
        // the sample cases these tests ask about are public demo data (another class may have made them real)
        TestDb.execute("update cases set demo = true where case_number in ('4512873', '1446-000123')");
        await().atMost(WAIT).until(() -> watcher.reader() != null && watcher.reader().idling());
    }

    /** Leaves nothing behind for the tests that follow (their event streams would see e-mail conversations). */
    @AfterEach
    void restore() {
        EmailTestData.clean(mail);
    }

    private List<MimeMessage> awaitMails(String address, int n) {
        await().atMost(WAIT).until(() -> mail.inboxOf(address).size() >= n);
        List<MimeMessage> mails = mail.inboxOf(address);
        assertThat(mails).hasSize(n);
        return mails;
    }

    private static String header(MimeMessage m, String name) throws MessagingException {
        String value = m.getHeader(name, " ");
        return value == null ? null : MimeUtility.unfold(value);
    }

    /** @return the text and HTML parts of a reply */
    private static String[] parts(MimeMessage m) throws MessagingException, IOException {
        assertThat(m.getContentType()).startsWith("multipart/alternative");
        Multipart alternative = (Multipart) m.getContent();
        assertThat(alternative.getCount()).isEqualTo(2);
        assertThat(alternative.getBodyPart(0).getContentType()).startsWith("text/plain");
        assertThat(alternative.getBodyPart(1).getContentType()).startsWith("text/html");
        return new String[]{((String) alternative.getBodyPart(0).getContent()).replace("\r\n", "\n"),
                ((String) alternative.getBodyPart(1).getContent()).replace("\r\n", "\n")};
    }

    private static Map<String, Object> outboundTo(String address) {
        List<Map<String, Object>> out = rows("select * from outbound_message where channel = 'EMAIL' and recipient = ?"
                + " order by id", address);
        assertThat(out).hasSize(1);
        return out.get(0);
    }

    @Test
    void arabicWindows1256MailWithTheCaseNumberInTheSubjectIsAnsweredInItsThread() throws Exception {
        TestDb.execute("update cases set contacts = ? where case_number = ?",
                "sms:+966500000001;email:Citizen.One@MAIL.Example.com", EmailTestData.CASE_1446);
        mail.deliverToBot(fixture("email-inbound-arabic-windows1256.eml"));

        MimeMessage reply = awaitMails(CITIZEN_ONE, 1).get(0);
        // the relay took it before the bot stored the answer: SENT follows
        await().atMost(WAIT).until(() -> "SENT".equals(outboundTo(CITIZEN_ONE).get("status")));
        Map<String, Object> out = outboundTo(CITIZEN_ONE);
        assertThat(out).containsEntry("status", "SENT").containsEntry("origin", "BOT").containsEntry("locale", "ar");
        String ourId = (String) out.get("provider_message_id");
        assertThat(ourId).matches("<tawasul\\.out\\." + out.get("id") + "\\.[0-9a-f]{8}@emirate\\.example\\.gov\\.sa>");

        assertThat(header(reply, "Message-ID")).isEqualTo(ourId);
        assertThat(header(reply, "In-Reply-To")).isEqualTo("<CAK7f1sXq2m@mail.example.com>");
        assertThat(header(reply, "References")).isEqualTo("<CAK7f1sXq2m@mail.example.com>");
        assertThat(header(reply, "Auto-Submitted")).isEqualTo("auto-replied");
        assertThat(header(reply, "X-Auto-Response-Suppress")).isEqualTo("All");
        assertThat(reply.getSubject()).isEqualTo("Re: استفسار عن معاملة 1446-000123");
        InternetAddress from = (InternetAddress) reply.getFrom()[0];
        assertThat(from.getAddress()).isEqualTo(TestMailServer.BOT);
        assertThat(from.getPersonal()).isEqualTo("تواصل - الإمارة");
        assertThat(reply.getRecipients(Message.RecipientType.TO)).extracting(a -> a.toString())
                .containsExactly(CITIZEN_ONE);
        assertThat(reply.getRecipients(Message.RecipientType.CC)).isNullOrEmpty();
        assertThat(reply.getHeader("Content-Type", null)).startsWith("multipart/alternative");
        Multipart alternative = (Multipart) reply.getContent();
        assertThat(alternative.getBodyPart(0).getContentType()).containsIgnoringCase("charset=utf-8");
        assertThat(alternative.getBodyPart(1).getContentType()).containsIgnoringCase("charset=utf-8");

        String[] parts = parts(reply);
        assertThat(parts[0]).startsWith("القضية رقم \u20661446-000123\u2069: قيد الدراسة.").contains("إدارة التراخيص")
                .contains("\n-- \n").doesNotContain("المرفقات");
        assertThat(parts[1]).contains("<html lang=\"ar\" dir=\"rtl\">").contains("<body dir=\"rtl\"")
                .contains("القضية رقم \u20661446-000123\u2069: قيد الدراسة.<br>");

        Map<String, Object> in = rows("select * from inbound_message where channel = 'EMAIL'").get(0);
        assertThat(in).containsEntry("provider_message_id", "<CAK7f1sXq2m@mail.example.com>")
                .containsEntry("state", "ANSWERED").containsEntry("intent", "CASE_STATUS")
                .containsEntry("case_numbers", "1446-000123").containsEntry("kind", "TEXT");
        assertThat(rows("select citizen_address, bot_address, citizen_name from conversation where channel = 'EMAIL'"))
                .containsExactly(Map.of("citizen_address", CITIZEN_ONE, "bot_address", TestMailServer.BOT,
                        "citizen_name", "محمد العتيبي"));

        // committed, then flagged \Seen and moved out of the INBOX
        await().atMost(WAIT).until(() -> mail.botFolder("Processed").size() == 1);
        await().atMost(WAIT).until(() -> mail.botFolder("INBOX").isEmpty());
        assertThat(mail.botMailFolder("Processed").getMessages().get(0).isSet(Flags.Flag.SEEN)).isTrue();
    }

    @Test
    void aReplyInTheThreadUsesTheConversationAndThreadsTheAnswer() throws Exception {
        mail.deliverToBot(plainMail("Sara Ahmed <" + CITIZEN_TWO + ">", "<CAGd0z-1Aa0a@mail.example.com>",
                "Case 4512873", "Good morning, what is the status of case 4512873?"));
        MimeMessage first = awaitMails(CITIZEN_TWO, 1).get(0);
        String ourId = header(first, "Message-ID");
        long conversation = ((Number) TestDb.value("select id from conversation where channel = 'EMAIL'")).longValue();
        assertThat(first.getSubject()).isEqualTo("Re: Case 4512873");

        // her reply names our Message-ID: the fixture with the id the bot really sent
        mail.deliverToBot(fixture("email-inbound-reply-in-thread.eml",
                "<tawasul.out.1842.7f3a@emirate.example.gov.sa>", ourId));
        MimeMessage second = awaitMails(CITIZEN_TWO, 2).get(1);
        assertThat(header(second, "In-Reply-To")).isEqualTo("<CAGd0z-9Lr4b@mail.example.com>");
        assertThat(header(second, "References"))
                .isEqualTo("<CAGd0z-1Aa0a@mail.example.com> " + ourId + " <CAGd0z-9Lr4b@mail.example.com>");
        assertThat(second.getSubject()).isEqualTo("Re: Case 4512873");
        // 4512873 is a bundled sample case, public demo data: answered to anyone (real cases keep contact-match,
        // EngineFlowTest and WebchatSocketTest)
        assertThat(parts(second)[0]).startsWith("Case 4512873: Awaiting documents");
        Map<String, Object> in = rows("select * from inbound_message where provider_message_id = ?",
                "<CAGd0z-9Lr4b@mail.example.com>").get(0);
        assertThat(((Number) in.get("conversation_id")).longValue()).isEqualTo(conversation);
        assertThat(in).containsEntry("text", "Case 4512873\n\nThank you. Is there anything I need to bring?")
                .containsEntry("case_numbers", "4512873");

        // the same reply written from another address (anyone who saw our Message-ID) does not act in her
        // conversation: it is its sender's own, answered to that sender, and Sara gets nothing more
        mail.deliverToBot(fixture("email-inbound-reply-in-thread.eml",
                "<tawasul.out.1842.7f3a@emirate.example.gov.sa>", ourId,
                "From: Sara Ahmed <citizen.two@mail.example.com>", "From: Sara Ahmed <sara.ahmed@work.example.com>",
                "<CAGd0z-9Lr4b@mail.example.com>", "<CAGd0z-9Lr4c@mail.example.com>"));
        awaitMails("sara.ahmed@work.example.com", 1);
        assertThat(mail.inboxOf(CITIZEN_TWO)).hasSize(2);
        Map<String, Object> office = rows("select * from inbound_message where provider_message_id = ?",
                "<CAGd0z-9Lr4c@mail.example.com>").get(0);
        assertThat(((Number) office.get("conversation_id")).longValue()).isNotEqualTo(conversation);
        assertThat((String) office.get("attributes")).contains("\"InAnotherCitizensThread\":\"true\"");
        assertThat(count("select count(*) from conversation where channel = 'EMAIL'")).isEqualTo(2);
    }

    @Test
    void anOutOfOfficeAutoReplyIsStoredInTheThreadButNotAnswered() throws Exception {
        mail.deliverToBot(plainMail(CITIZEN_TWO, "<first-4512873@mail.example.com>", "Case 4512873", "status please"));
        String ourId = header(awaitMails(CITIZEN_TWO, 1).get(0), "Message-ID");

        mail.deliverToBot(fixture("email-auto-reply-out-of-office.eml",
                "<tawasul.out.1842.7f3a@emirate.example.gov.sa>", ourId));
        await().atMost(WAIT).until(() -> count("select count(*) from inbound_message where provider_message_id = ?"
                + " and state = 'IGNORED'", "<ooo.5521@mail.example.com>") == 1);
        Map<String, Object> in = rows("select * from inbound_message where provider_message_id = ?",
                "<ooo.5521@mail.example.com>").get(0);
        assertThat(in).containsEntry("intent", "AUTO_SUBMITTED");
        assertThat(count("select count(*) from outbound_message where channel = 'EMAIL'")).isEqualTo(1);
        assertThat(count("select count(*) from conversation where channel = 'EMAIL'")).isEqualTo(1);
        await().atMost(WAIT).until(() -> mail.botFolder("Processed").size() == 2);
        assertThat(mail.inboxOf(CITIZEN_TWO)).hasSize(1);
    }

    @Test
    void aStaffMembersAnswerThreadsUnderTheCitizensLastRealMailWithoutAutomaticMarks() throws Throwable {
        mail.deliverToBot(plainMail(CITIZEN_TWO, "<human-1@mail.example.com>", "Case 4512873", "status please"));
        String ourId = header(awaitMails(CITIZEN_TWO, 1).get(0), "Message-ID");
        mail.deliverToBot(fixture("email-auto-reply-out-of-office.eml",
                "<tawasul.out.1842.7f3a@emirate.example.gov.sa>", ourId));
        await().atMost(WAIT).until(() -> count("select count(*) from inbound_message where provider_message_id = ?"
                + " and state = 'IGNORED'", "<ooo.5521@mail.example.com>") == 1);

        Address citizen = new Address(Channel.EMAIL, CITIZEN_TWO);
        Address us = new Address(Channel.EMAIL, TestMailServer.BOT);
        SendOutcome outcome = VertxContextSupport.subscribeAndAwait(() -> outbox.send(
                OutboundDraft.message(Origin.AGENT, citizen, us, "Please bring the original power of attorney.", "en")));
        assertThat(outcome).isInstanceOf(SendOutcome.Queued.class);

        MimeMessage answer = awaitMails(CITIZEN_TWO, 2).get(1);
        assertThat(header(answer, "In-Reply-To")).isEqualTo("<human-1@mail.example.com>");
        assertThat(header(answer, "References")).isEqualTo("<human-1@mail.example.com>");
        assertThat(answer.getSubject()).isEqualTo("Re: Case 4512873");
        assertThat(header(answer, "Auto-Submitted")).isNull();
        assertThat(header(answer, "X-Auto-Response-Suppress")).isNull();
        assertThat(parts(answer)[0]).startsWith("Please bring the original power of attorney.")
                .contains("\n-- \nCase-status service");
        await().atMost(WAIT).until(() -> rows("select origin, status from outbound_message where channel = 'EMAIL'"
                + " order by id").equals(List.of(Map.of("origin", "BOT", "status", "SENT"),
                Map.of("origin", "AGENT", "status", "SENT"))));
    }

    @Test
    void aBounceMarksTheReplyUndeliveredWithItsStatusCodeAndIsNeverAnswered() throws Exception {
        String nobody = "nobody.here@mail.example.com";
        mail.deliverToBot(plainMail(nobody, "<to-bounce@mail.example.com>", "Case 20240777", "20240777"));
        String ourId = header(awaitMails(nobody, 1).get(0), "Message-ID");
        await().atMost(WAIT).until(() -> "SENT".equals(outboundTo(nobody).get("status")));

        mail.deliverToBot(fixture("email-dsn-bounce-5.1.1.eml", "<tawasul.out.1907.c21e@emirate.example.gov.sa>", ourId));
        await().atMost(WAIT).until(() -> "UNDELIVERED".equals(outboundTo(nobody).get("status")));
        Map<String, Object> out = outboundTo(nobody);
        assertThat(out).containsEntry("error_code", "5.1.1");
        assertThat((String) out.get("error_message")).contains("550 5.1.1").contains("User unknown");
        assertThat(rows("select status, error_code from delivery_receipt where channel = 'EMAIL'"))
                .containsExactly(Map.of("status", "UNDELIVERED", "error_code", "5.1.1"));
        // the bounce itself is no message of anyone, and nothing is sent to the mailer daemon
        assertThat(count("select count(*) from inbound_message where channel = 'EMAIL'")).isEqualTo(1);
        await().atMost(WAIT).until(() -> mail.botFolder("Processed").size() == 2);
        assertThat(mail.inboxOf("MAILER-DAEMON@mx.emirate.example.gov.sa")).isEmpty();
        assertThat(mail.inboxOf(nobody)).hasSize(1);
    }

    @Test
    void theSameMessageIdDeliveredTwiceIsOneMessageAndOneAnswer() {
        mail.deliverToBot(fixture("email-inbound-arabic-windows1256.eml"));
        mail.deliverToBot(fixture("email-inbound-arabic-windows1256.eml"));
        awaitMails(CITIZEN_ONE, 1);
        await().atMost(WAIT).until(() -> mail.botFolder("Processed").size() == 2);
        await().atMost(WAIT).until(() -> mail.botFolder("INBOX").isEmpty());
        assertThat(count("select count(*) from inbound_message where channel = 'EMAIL'")).isEqualTo(1);
        assertThat(count("select count(*) from outbound_message where channel = 'EMAIL'")).isEqualTo(1);
        // 1446-000123 is a bundled sample case, public demo data: answered to anyone (real cases keep contact-match)
        assertThat((String) outboundTo(CITIZEN_ONE).get("text")).startsWith("القضية رقم \u20661446-000123\u2069: قيد الدراسة");
        assertThat(mail.inboxOf(CITIZEN_ONE)).hasSize(1);
    }

    @Test
    void outlookHtmlIsAnsweredForTheNewNumberOnlyAndTheMailingListNotAtAll() throws Exception {
        String outlook = "citizen.three@outlook.example.com";
        mail.deliverToBot(fixture("email-mailing-list.eml"));
        mail.deliverToBot(fixture("email-inbound-outlook-arabic-html.eml"));
        MimeMessage reply = awaitMails(outlook, 1).get(0);
        assertThat(reply.getSubject()).isEqualTo("رد: حالة المعاملة");
        assertThat(parts(reply)[0]).startsWith("القضية رقم \u20662024/12345\u2069:").doesNotContain("5551234");
        assertThat(rows("select case_numbers from inbound_message where provider_message_id = ?",
                "<DB9PR01MB7411A2@outlook.example.com>")).containsExactly(Map.of("case_numbers", "2024/12345"));
        await().atMost(WAIT).until(() -> count("select count(*) from inbound_message where provider_message_id = ?"
                + " and state = 'IGNORED' and intent = 'MAILING_LIST'", "<digest-2026-48@lists.example.org>") == 1);
        assertThat(mail.inboxOf("announcements@lists.example.org")).isEmpty();
        assertThat(count("select count(*) from outbound_message where channel = 'EMAIL'")).isEqualTo(1);
    }

    @Test
    void attachmentsAreNotKeptAndTheAnswerSaysSo() throws Exception {
        String raw = """
                From: citizen.six@mail.example.com\r
                To: tawasul@emirate.example.gov.sa\r
                Subject: my documents\r
                Message-ID: <att-2@mail.example.com>\r
                MIME-Version: 1.0\r
                Content-Type: multipart/mixed; boundary="b1"\r
                \r
                --b1\r
                Content-Type: text/plain; charset=utf-8\r
                \r
                Here is my ID for case 1446-000124.\r
                --b1\r
                Content-Type: application/pdf; name="id.pdf"\r
                Content-Disposition: attachment; filename="id.pdf"\r
                Content-Transfer-Encoding: base64\r
                \r
                JVBERi0xLjQK\r
                --b1--\r
                """;
        mail.deliverToBot(raw.getBytes(StandardCharsets.UTF_8));
        MimeMessage reply = awaitMails("citizen.six@mail.example.com", 1).get(0);
        String[] parts = parts(reply);
        assertThat(parts[0]).startsWith("Case 1446-000124:")
                .contains("Attachments are not read or kept: please type the case number in the text of your message.");
        assertThat(parts[1]).contains("<html lang=\"en\" dir=\"ltr\">").contains("Attachments are not read or kept:");
        assertThat(rows("select kind, attributes from inbound_message where channel = 'EMAIL'").get(0))
                .containsEntry("kind", "ATTACHMENT");
    }

    @Test
    void atMostFiveAutomaticRepliesToOneAddressPerHour() {
        String chatty = "chatty@mail.example.com";
        for (int i = 1; i <= 6; i++) {
            mail.deliverToBot(plainMail(chatty, "<chatty-" + i + "@mail.example.com>", "question " + i, "help"));
        }
        await().atMost(WAIT).until(() -> count("select count(*) from outbound_message where channel = 'EMAIL'"
                + " and status in ('SENT', 'FAILED')") == 6);
        assertThat(mail.inboxOf(chatty)).hasSize(5);
        assertThat(rows("select status, error_code from outbound_message where channel = 'EMAIL' and status = 'FAILED'"))
                .containsExactly(Map.of("status", "FAILED", "error_code", "rate-limited"));
    }

    @Test
    void mailFromOurOwnAddressIsNeverAnswered() {
        mail.deliverToBot(plainMail("Tawasul <TAWASUL@emirate.example.gov.sa>", "<own-1@emirate.example.gov.sa>",
                "Case 4512873", "4512873"));
        await().atMost(WAIT).until(() -> count("select count(*) from inbound_message where channel = 'EMAIL'"
                + " and state = 'IGNORED' and intent = 'OWN_ADDRESS'") == 1);
        assertThat(count("select count(*) from outbound_message where channel = 'EMAIL'")).isZero();
        await().atMost(WAIT).until(() -> mail.botFolder("Processed").size() == 1);
    }
}
