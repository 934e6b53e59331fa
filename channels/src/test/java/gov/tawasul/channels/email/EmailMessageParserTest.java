package gov.tawasul.channels.email;

import gov.tawasul.engine.intent.CaseNumberRecognizer;
import gov.tawasul.engine.model.Address;
import gov.tawasul.engine.model.Channel;
import gov.tawasul.engine.model.DeliveryReceipt;
import gov.tawasul.engine.model.DeliveryStatus;
import gov.tawasul.engine.model.InboundBatch;
import gov.tawasul.engine.model.InboundKind;
import gov.tawasul.engine.model.InboundMessage;
import gov.tawasul.engine.testing.SharedFixtures;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The real mails of shared/fixtures (SOURCES.md, "E-mail") and mails built here for the cases the fixtures do not
 * show, read by {@link EmailMessageParser} without Quarkus.
 */
class EmailMessageParserTest {

    static final String US = "tawasul@emirate.example.gov.sa";
    static final String DEFAULT_CASE_PATTERN = "(?<![0-9])[0-9]{3,15}(?:[-/][0-9]{1,15}){0,3}(?![0-9])";
    private static final Instant RECEIVED = Instant.parse("2026-12-01T07:30:00Z");

    private final EmailMessageParser parser = new EmailMessageParser(Set.of(US),
            new CaseNumberRecognizer(DEFAULT_CASE_PATTERN));

    private InboundEmail fixture(String name) {
        return parser.parse(SharedFixtures.bytes(name), RECEIVED);
    }

    private InboundEmail mail(String rfc822) {
        return parser.parse(rfc822.replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8), RECEIVED);
    }

    private static InboundMessage only(InboundBatch batch) {
        assertThat(batch.messages()).hasSize(1);
        assertThat(batch.receipts()).isEmpty();
        return batch.messages().get(0);
    }

    @Test
    void arabicWindows1256WithTheCaseNumberInTheSubject() {
        InboundEmail mail = fixture("email-inbound-arabic-windows1256.eml");
        assertThat(mail.providerId()).isEqualTo("<CAK7f1sXq2m@mail.example.com>");
        assertThat(mail.sender()).isEqualTo("citizen.one@mail.example.com");
        assertThat(mail.senderName()).isEqualTo("محمد العتيبي");
        assertThat(mail.subject()).isEqualTo("استفسار عن معاملة 1446-000123");
        assertThat(mail.text()).isEqualTo("""
                السلام عليكم،
                أرجو إفادتي عن حالة المعاملة رقم 1446-000123 المقدمة الشهر الماضي.
                مع الشكر
                محمد""");
        assertThat(mail.noReply()).isNull();
        assertThat(mail.sentAt()).isEqualTo(Instant.parse("2026-12-01T06:14:03Z"));
        InboundMessage m = only(mail.toBatch(new Address(Channel.EMAIL, US), null));
        assertThat(m.channel()).isEqualTo(Channel.EMAIL);
        assertThat(m.kind()).isEqualTo(InboundKind.TEXT);
        assertThat(m.from()).isEqualTo(new Address(Channel.EMAIL, "citizen.one@mail.example.com"));
        assertThat(m.to()).isEqualTo(new Address(Channel.EMAIL, US));
        assertThat(m.senderName()).isEqualTo("محمد العتيبي");
        assertThat(m.attributes()).containsEntry("Message-ID", "<CAK7f1sXq2m@mail.example.com>")
                .containsEntry("Subject", "استفسار عن معاملة 1446-000123")
                .doesNotContainKeys(InboundMessage.ATTR_NO_REPLY, "In-Reply-To", "Attachments");
    }

    @Test
    void replyInThreadTakesThePlainPartCutsTheGmailQuoteAndReadsTheSubject() {
        InboundEmail mail = fixture("email-inbound-reply-in-thread.eml");
        assertThat(mail.providerId()).isEqualTo("<CAGd0z-9Lr4b@mail.example.com>");
        assertThat(mail.threadIds()).containsExactly("<tawasul.out.1842.7f3a@emirate.example.gov.sa>",
                "<CAGd0z-1Aa0a@mail.example.com>");
        // no case number in what she wrote (the quoted "Case 4512873" is cut): the subject's is read
        assertThat(mail.text()).isEqualTo("Case 4512873\n\nThank you. Is there anything I need to bring?");
        assertThat(mail.senderName()).isEqualTo("Sara Ahmed");
        assertThat(mail.noReply()).isNull();
        assertThat(mail.attributes()).containsEntry("In-Reply-To", "<tawasul.out.1842.7f3a@emirate.example.gov.sa>")
                .containsEntry("References",
                        "<CAGd0z-1Aa0a@mail.example.com> <tawasul.out.1842.7f3a@emirate.example.gov.sa>");
    }

    @Test
    void aMailFromAnotherAddressInACitizensThreadStaysInItsSendersOwnConversation() {
        InboundEmail mail = fixture("email-inbound-reply-in-thread.eml");
        Address conversationCitizen = new Address(Channel.EMAIL, "sara.ahmed@work.example.com");
        InboundMessage m = only(mail.toBatch(new Address(Channel.EMAIL, US), conversationCitizen));
        // whoever holds one of our Message-IDs must not act in that citizen's conversation (STOP, codes, answers)
        assertThat(m.from()).isEqualTo(new Address(Channel.EMAIL, "citizen.two@mail.example.com"));
        assertThat(m.attributes()).containsEntry(InboundEmail.ATTR_OTHER_THREAD, "true");

        InboundMessage own = only(mail.toBatch(new Address(Channel.EMAIL, US),
                new Address(Channel.EMAIL, "citizen.two@mail.example.com")));
        assertThat(own.from()).isEqualTo(new Address(Channel.EMAIL, "citizen.two@mail.example.com"));
        assertThat(own.attributes()).doesNotContainKey(InboundEmail.ATTR_OTHER_THREAD);
    }

    @Test
    void theHtmlPartOfTheThreadReplyAloneGivesTheSameText() {
        String html = new String(SharedFixtures.bytes("email-inbound-reply-in-thread.eml"), StandardCharsets.UTF_8);
        // the same mail with its text/plain part's type changed to one that is not a body
        InboundEmail mail = parser.parse(html.replaceFirst("Content-Type: text/plain; charset=\"utf-8\"",
                "Content-Type: text/x-unused; charset=\"utf-8\"").getBytes(StandardCharsets.UTF_8), RECEIVED);
        assertThat(mail.text()).isEqualTo("Case 4512873\n\nThank you. Is there anything I need to bring?");
    }

    @Test
    void outlookHtmlOnlyArabicWithIndicDigitsDropsTheQuotedOlderMessage() {
        InboundEmail mail = fixture("email-inbound-outlook-arabic-html.eml");
        assertThat(mail.subject()).isEqualTo("رد: حالة المعاملة");
        assertThat(mail.senderName()).isEqualTo("خالد");
        assertThat(mail.sender()).isEqualTo("citizen.three@outlook.example.com");
        assertThat(mail.text()).isEqualTo("ما هي حالة المعاملة ٢٠٢٤/١٢٣٤٥ ؟\n\nشكراً");
        assertThat(mail.text()).doesNotContain("5551234").doesNotContain("من:");
        assertThat(mail.noReply()).isNull();
    }

    @Test
    void outOfOfficeAutoReplyIsStoredButMarkedNoReply() {
        InboundEmail mail = fixture("email-auto-reply-out-of-office.eml");
        assertThat(mail.noReply()).isEqualTo("AUTO_SUBMITTED");
        assertThat(mail.threadIds()).containsExactly("<tawasul.out.1842.7f3a@emirate.example.gov.sa>");
        InboundMessage m = only(mail.toBatch(new Address(Channel.EMAIL, US), null));
        assertThat(m.attributes()).containsEntry(InboundMessage.ATTR_NO_REPLY, "AUTO_SUBMITTED");
        assertThat(m.text()).contains("I am out of the office until 10 December").contains("أنا خارج المكتب");
    }

    @Test
    void mailingListIsMarkedNoReply() {
        InboundEmail mail = fixture("email-mailing-list.eml");
        assertThat(mail.noReply()).isEqualTo("MAILING_LIST");
        assertThat(mail.text()).contains("4512873");
        assertThat(only(mail.toBatch(new Address(Channel.EMAIL, US), null)).attributes())
                .containsEntry(InboundMessage.ATTR_NO_REPLY, "MAILING_LIST");
    }

    @Test
    void bounceBecomesAnUndeliveredReceiptOfOurMessageWithItsStatusCode() {
        InboundEmail mail = fixture("email-dsn-bounce-5.1.1.eml");
        assertThat(mail.noReply()).isEqualTo("BOUNCE");
        assertThat(mail.isReceipt()).isTrue();
        assertThat(mail.report().recipient()).isEqualTo("nobody.here@mail.example.com");
        InboundBatch batch = mail.toBatch(new Address(Channel.EMAIL, US), null);
        assertThat(batch.messages()).isEmpty();
        assertThat(batch.receipts()).containsExactly(new DeliveryReceipt(Channel.EMAIL,
                "<tawasul.out.1907.c21e@emirate.example.gov.sa>", DeliveryStatus.UNDELIVERED, "5.1.1",
                "550 5.1.1 <nobody.here@mail.example.com>: Recipient address rejected: User unknown in virtual "
                        + "mailbox table", Instant.parse("2026-12-01T07:02:05Z")));
    }

    @Test
    void delayedOnlyBounceCarriesNothing() {
        String dsn = new String(SharedFixtures.bytes("email-dsn-bounce-5.1.1.eml"), StandardCharsets.US_ASCII)
                .replace("Action: failed", "Action: delayed").replace("Status: 5.1.1", "Status: 4.4.1");
        InboundEmail mail = parser.parse(dsn.getBytes(StandardCharsets.US_ASCII), RECEIVED);
        assertThat(mail.isReceipt()).isTrue();
        assertThat(mail.toBatch(new Address(Channel.EMAIL, US), null).isEmpty()).isTrue();
    }

    @Test
    void bounceWithoutReturnedHeadersIsStoredForStaffAsNoReply() {
        String dsn = new String(SharedFixtures.bytes("email-dsn-bounce-5.1.1.eml"), StandardCharsets.US_ASCII);
        String cut = dsn.substring(0, dsn.indexOf("--4Qd9Ff2xYz.1796144526/mx.emirate.example.gov.sa\r\n"
                + "Content-Description: Undelivered Message Headers")) + "--4Qd9Ff2xYz.1796144526/mx.emirate.example.gov.sa--\r\n";
        InboundEmail mail = parser.parse(cut.getBytes(StandardCharsets.US_ASCII), RECEIVED);
        assertThat(mail.isReceipt()).isFalse();
        InboundMessage m = only(mail.toBatch(new Address(Channel.EMAIL, US), null));
        assertThat(m.attributes()).containsEntry(InboundMessage.ATTR_NO_REPLY, "BOUNCE");
        assertThat(m.from().value()).isEqualTo("mailer-daemon@mx.emirate.example.gov.sa");
        assertThat(m.text()).contains("could not").contains("be delivered");
    }

    @Test
    void missingMessageIdIsAStableHashOfSenderDateSubjectAndText() {
        String raw = """
                From: citizen.four@mail.example.com
                To: tawasul@emirate.example.gov.sa
                Subject: status
                Date: Tue, 01 Dec 2026 09:00:00 +0300
                Content-Type: text/plain; charset=utf-8

                1446-000124
                """;
        InboundEmail first = mail(raw);
        InboundEmail again = mail(raw);
        assertThat(first.providerId()).startsWith("sha256:").hasSize(7 + 64).isEqualTo(again.providerId());
        assertThat(first.messageId()).isNull();
        assertThat(mail(raw.replace("1446-000124", "1446-000125")).providerId()).isNotEqualTo(first.providerId());
        assertThat(first.attributes()).doesNotContainKey("Message-ID");
    }

    @Test
    void iso88596AndEncodedWordSubjectsAndRaw8BitHeaders() {
        byte[] arabic = "حالة المعاملة 4512873".getBytes(java.nio.charset.Charset.forName("ISO-8859-6"));
        StringBuilder qp = new StringBuilder();
        for (byte b : arabic) {
            int v = b & 0xFF;
            qp.append(v < 0x80 && v != '=' && v != ' ' ? String.valueOf((char) v) : String.format("=%02X", v));
        }
        String raw = """
                From: =?ISO-8859-6?Q?=CE=C7=E4=CF?= <Citizen.Five@Mail.Example.COM>
                Subject: =?UTF-8?Q?=D8=A7=D8=B3=D8=AA=D9=81=D8=B3=D8=A7=D8=B1?=
                Message-ID: <iso-1@mail.example.com>
                MIME-Version: 1.0
                Content-Type: text/plain; charset=ISO-8859-6
                Content-Transfer-Encoding: quoted-printable

                """ + qp + "\n";
        InboundEmail mail = mail(raw);
        assertThat(mail.text()).isEqualTo("حالة المعاملة 4512873");
        assertThat(mail.subject()).isEqualTo("استفسار");
        assertThat(mail.senderName()).isEqualTo("خالد");
        assertThat(mail.sender()).isEqualTo("citizen.five@mail.example.com");

        // a client that wrote the subject as raw UTF-8 bytes instead of encoded words
        byte[] rawUtf8 = ("From: citizen.five@mail.example.com\r\nSubject: معاملة 4512873\r\n"
                + "Message-ID: <raw-1@mail.example.com>\r\n\r\n\r\n").getBytes(StandardCharsets.UTF_8);
        InboundEmail subjectOnly = parser.parse(rawUtf8, RECEIVED);
        assertThat(subjectOnly.subject()).isEqualTo("معاملة 4512873");
        assertThat(subjectOnly.text()).isEqualTo("معاملة 4512873");
    }

    @Test
    void unlabelledArabicIsReadAsWindows1256AndWrongLabelsFallBack() {
        assertThat(MailText.decode("رقم".getBytes(java.nio.charset.Charset.forName("windows-1256")), null))
                .isEqualTo("رقم");
        assertThat(MailText.decode("رقم".getBytes(java.nio.charset.Charset.forName("windows-1256")), "us-ascii"))
                .isEqualTo("رقم");
        assertThat(MailText.decode("رقم".getBytes(StandardCharsets.UTF_8), null)).isEqualTo("رقم");
        assertThat(MailText.decode("رقم".getBytes(java.nio.charset.Charset.forName("ISO-8859-6")), "arabic"))
                .isEqualTo("رقم");
        assertThat(MailText.decode("x".getBytes(StandardCharsets.US_ASCII), "x-no-such-charset")).isEqualTo("x");
    }

    @Test
    void attachmentsAreNamedNeverKeptAndMakeTheMessageAnAttachment() {
        String raw = """
                From: citizen.six@mail.example.com
                Subject: documents
                Message-ID: <att-1@mail.example.com>
                MIME-Version: 1.0
                Content-Type: multipart/mixed; boundary="b1"

                --b1
                Content-Type: text/plain; charset=utf-8

                Please find my ID attached.
                --b1
                Content-Type: application/pdf; name="id.pdf"
                Content-Disposition: attachment; filename="id.pdf"
                Content-Transfer-Encoding: base64

                JVBERi0xLjQK
                --b1
                Content-Type: image/jpeg
                Content-Transfer-Encoding: base64

                /9j/4AAQ
                --b1--
                """;
        InboundEmail mail = mail(raw);
        assertThat(mail.attachments()).containsExactly("id.pdf", "image/jpeg");
        assertThat(mail.text()).isEqualTo("Please find my ID attached.");
        InboundMessage m = only(mail.toBatch(new Address(Channel.EMAIL, US), null));
        assertThat(m.kind()).isEqualTo(InboundKind.ATTACHMENT);
        assertThat(m.attributes()).containsEntry("Attachments", "id.pdf, image/jpeg");
    }

    @Test
    void inlineImagesOfAnHtmlBodyAreNoAttachments() {
        String raw = """
                From: citizen.six@mail.example.com
                Message-ID: <rel-1@mail.example.com>
                MIME-Version: 1.0
                Content-Type: multipart/related; boundary="r"

                --r
                Content-Type: text/html; charset=utf-8

                <p>Case 4512873 please</p><div id="Signature"><img src="cid:logo"> Sara</div>
                --r
                Content-Type: image/png
                Content-ID: <logo>
                Content-Disposition: inline

                iVBORw0KGgo=
                --r--
                """;
        InboundEmail mail = mail(raw);
        assertThat(mail.attachments()).isEmpty();
        assertThat(mail.text()).isEqualTo("Case 4512873 please");
    }

    @Test
    void signaturesAndOtherQuoteStylesAreCut() {
        assertThat(QuotedText.cut("Case 4512873\n-- \nSara Ahmed\nTel 0555123456")).isEqualTo("Case 4512873");
        assertThat(QuotedText.cut("حالة 4512873\n\nفي الثلاثاء، ١ ديسمبر ٢٠٢٦ في ١٠:٠٢ ص، Tawasul <tawasul@x.sa> كتب:\n> قديم 1111"))
                .isEqualTo("حالة 4512873");
        assertThat(QuotedText.cut("\u202bحالة 4512873\u202c\n\u202bفي الثلاثاء، 1 ديسمبر 2026 في 10:02 ص تمت كتابة ما يلي"
                + " بواسطة \u202aTawasul\u202c <tawasul@x.sa>:\u202c\n> 1111")).isEqualTo("\u202bحالة 4512873\u202c");
        assertThat(QuotedText.cut("Thanks\n\nOn Tue, 1 Dec 2026 at 10:02, Tawasul <\ntawasul@x.sa> wrote:\n> Case 1"))
                .isEqualTo("Thanks");
        assertThat(QuotedText.cut("What about 2024/12345?\n\nFrom: Tawasul <tawasul@x.sa>\nSent: Monday\nTo: me\n\nold 5551234"))
                .isEqualTo("What about 2024/12345?");
        assertThat(QuotedText.cut("رقم 12345\n\nمن: Tawasul\nتم الإرسال: الاثنين\n\nقديم 5551234")).isEqualTo("رقم 12345");
        assertThat(QuotedText.cut("new 12345\n-----Original Message-----\nold 5551234")).isEqualTo("new 12345");
        assertThat(QuotedText.cut("> quoted 1111\nmy answer 12345\n> more 2222\n\nSent from my iPhone"))
                .isEqualTo("my answer 12345");
    }

    @Test
    void htmlQuotesOfOtherClientsAreDropped() {
        assertThat(HtmlText.toText("<div>12345</div><blockquote type=\"cite\">old 1111</blockquote>"))
                .isEqualTo("12345");
        assertThat(HtmlText.toText("<p>one<br>two</p><div class=\"moz-cite-prefix\">On x wrote:</div>"
                + "<div class=\"gmail_signature\">--<br>Sara</div>")).isEqualTo("one\ntwo");
        assertThat(HtmlText.toText("<div>12345</div><div id=\"appendonsend\"></div><hr><div>From: x</div><div>old 1</div>"))
                .isEqualTo("12345");
        assertThat(HtmlText.toText("<p>a&nbsp; b</p>\n\n<p>c</p>")).isEqualTo("a b\n\nc");
    }

    @Test
    void loopGuardReasons() {
        String base = "From: %s\nMessage-ID: <lg@mail.example.com>\n%s\nhello 12345\n";
        assertThat(mail(base.formatted(US.toUpperCase(), "")).noReply()).isEqualTo("OWN_ADDRESS");
        assertThat(mail(base.formatted("MAILER-DAEMON@mx.example.com", "")).noReply()).isEqualTo("SYSTEM_SENDER");
        assertThat(mail(base.formatted("Postmaster@mx.example.com", "")).noReply()).isEqualTo("SYSTEM_SENDER");
        assertThat(mail(base.formatted("a@mail.example.com", "Return-Path: <>\n")).noReply())
                .isEqualTo("NULL_RETURN_PATH");
        assertThat(mail(base.formatted("a@mail.example.com", "Auto-Submitted: auto-generated\n")).noReply())
                .isEqualTo("AUTO_SUBMITTED");
        assertThat(mail(base.formatted("a@mail.example.com", "Auto-Submitted: no\n")).noReply()).isNull();
        assertThat(mail(base.formatted("a@mail.example.com", "X-Autorespond: yes\n")).noReply()).isEqualTo("AUTO_REPLY");
        assertThat(mail(base.formatted("a@mail.example.com", "Precedence: bulk\n")).noReply()).isEqualTo("PRECEDENCE");
        assertThat(mail(base.formatted("a@mail.example.com", "Precedence: junk\n")).noReply()).isEqualTo("PRECEDENCE");
        assertThat(mail(base.formatted("a@mail.example.com", "List-Id: <x.lists.example.org>\n")).noReply())
                .isEqualTo("MAILING_LIST");
        assertThat(mail(base.formatted("no-reply@bank.example.com", "")).noReply()).isEqualTo("NO_REPLY_SENDER");
        assertThat(mail("Message-ID: <nofrom@x>\n\nhello\n").noReply()).isEqualTo("NO_SENDER");
        assertThat(mail(base.formatted("a@mail.example.com", "")).noReply()).isNull();
        String mdn = "From: a@mail.example.com\nMessage-ID: <mdn@x>\nContent-Type: multipart/report; "
                + "report-type=disposition-notification; boundary=\"m\"\n\n--m\nContent-Type: text/plain\n\nread\n--m--\n";
        assertThat(mail(mdn).noReply()).isEqualTo("REPORT");
    }

    @Test
    void subjectPrefixesAndTheSubjectRule() {
        assertThat(EmailMessageParser.stripReplyPrefixes("Re: RE: Fwd: Case 4512873")).isEqualTo("Case 4512873");
        assertThat(EmailMessageParser.stripReplyPrefixes("رد: رد: حالة المعاملة")).isEqualTo("حالة المعاملة");
        assertThat(EmailMessageParser.stripReplyPrefixes("AW[2]: 12345")).isEqualTo("12345");
        // the body's numbers win; the subject only adds when the body has none
        assertThat(parser.withSubject("and 1446-000124?", "Re: Case 4512873")).isEqualTo("and 1446-000124?");
        assertThat(parser.withSubject("Thanks", "Re: Case 4512873")).isEqualTo("Case 4512873\n\nThanks");
        assertThat(parser.withSubject("Thanks", "Hello")).isEqualTo("Thanks");
        assertThat(parser.withSubject("", "help")).isEqualTo("help");
        assertThat(parser.withSubject("مرحبا", "معاملة ٤٥١٢٨٧٣")).isEqualTo("معاملة ٤٥١٢٨٧٣\n\nمرحبا");
    }

    @Test
    void messageIdsAndReferences() {
        assertThat(MessageIds.all(" <a@x>\r\n\t<b@y> (comment) <a@x>")).containsExactly("<a@x>", "<b@y>");
        assertThat(MessageIds.references("<r1@x> <r2@x>", null, "<p@x>")).isEqualTo("<r1@x> <r2@x> <p@x>");
        assertThat(MessageIds.references(null, "<r2@x>", "<p@x>")).isEqualTo("<r2@x> <p@x>");
        assertThat(MessageIds.references(null, null, "sha256:00")).isNull();
        String many = String.join(" ", java.util.stream.IntStream.range(0, 15).mapToObj(i -> "<m" + i + "@x>").toList());
        assertThat(MessageIds.references(many, null, "<p@x>").split(" ")).hasSize(10)
                .startsWith("<m0@x>").endsWith("<m14@x>", "<p@x>");
        assertThat(MessageIds.ours(42, "a@x", "text", "emirate.example.gov.sa"))
                .matches("<tawasul\\.out\\.42\\.[0-9a-f]{8}@emirate\\.example\\.gov\\.sa>")
                .isEqualTo(MessageIds.ours(42, "a@x", "text", "emirate.example.gov.sa"));
        String longId = "<" + "x".repeat(300) + "@y>";
        assertThat(MessageIds.stored(longId)).startsWith("sha256:").hasSize(71);
        assertThat(List.of(MessageIds.stored("<a@x>"))).containsExactly("<a@x>");
    }
}
