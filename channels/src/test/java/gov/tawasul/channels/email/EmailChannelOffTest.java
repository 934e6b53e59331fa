package gov.tawasul.channels.email;

import gov.tawasul.engine.model.Address;
import gov.tawasul.engine.model.Channel;
import gov.tawasul.engine.model.Origin;
import gov.tawasul.engine.model.OutboundMessage;
import gov.tawasul.engine.model.SendResult;
import gov.tawasul.engine.store.ReplyThreads;
import io.lettuce.core.api.StatefulRedisConnection;
import io.quarkus.mailer.MockMailbox;
import io.quarkus.qute.Engine;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The application without e-mail settings (the default test profile, like a deployment that never set them): the
 * channel is off — no reader, no IMAP connection, nothing sent — and everything else starts. Also the parts of the
 * channel that need the application but no mail server: the composed mails and the reply limit in Redis.
 */
@QuarkusTest
class EmailChannelOffTest {

    @Inject
    MailboxWatcher watcher;
    @Inject
    EmailSender sender;
    @Inject
    EmailConfig config;
    @Inject
    Engine qute;
    @Inject
    StatefulRedisConnection<String, String> redis;
    @Inject
    MockMailbox mockMailbox;

    private static OutboundMessage message(Origin origin, String locale, String text) {
        return new OutboundMessage(42, origin, Channel.EMAIL, new Address(Channel.EMAIL, "citizen.one@mail.example.com"),
                new Address(Channel.EMAIL, TestMailServer.BOT), text, locale, List.of(),
                origin == Origin.BOT ? Map.of(EmailPolicy.AUTO_SUBMITTED, "auto-replied") : Map.of(), 1);
    }

    @Test
    void withoutSettingsTheChannelIsOffAndTheApplicationRuns() {
        assertThat(config.enabled()).isFalse();
        assertThat(watcher.reader()).isNull();
        assertThat(Thread.getAllStackTraces().keySet()).noneMatch(t -> t.getName().startsWith("tawasul-email"));
        SendResult result = sender.send(message(Origin.BOT, "ar", "نص"));
        assertThat(result.outcome()).isEqualTo(SendResult.Outcome.FINAL_FAILURE);
        assertThat(result.errorCode()).isEqualTo("not-configured");
        assertThat(mockMailbox.getTotalMessagesSent()).isZero();
        io.restassured.RestAssured.given().get("/q/health/ready").then().statusCode(200);
    }

    @Test
    void aReplyToAMailThreadsUnderItWithAReSubject() {
        EmailComposer composer = new EmailComposer(qute, TestMailServer.BOT, "تواصل");
        Map<String, String> parent = Map.of("Message-ID", "<CAGd0z-9Lr4b@mail.example.com>",
                "References", "<CAGd0z-1Aa0a@mail.example.com> <tawasul.out.1842.7f3a@emirate.example.gov.sa>",
                "Subject", "Case 4512873");
        EmailComposer.Composed mail = composer.compose(message(Origin.BOT, "en", "Case 4512873: Awaiting documents."),
                Optional.of(new ReplyThreads.Answered(parent, "4512873")));
        assertThat(mail.subject()).isEqualTo("Re: Case 4512873");
        assertThat(mail.messageId()).matches("<tawasul\\.out\\.42\\.[0-9a-f]{8}@emirate\\.example\\.gov\\.sa>");
        assertThat(mail.mail().getHeaders()).containsEntry("In-Reply-To", List.of("<CAGd0z-9Lr4b@mail.example.com>"))
                .containsEntry("References", List.of("<CAGd0z-1Aa0a@mail.example.com> "
                        + "<tawasul.out.1842.7f3a@emirate.example.gov.sa> <CAGd0z-9Lr4b@mail.example.com>"))
                .containsEntry("Auto-Submitted", List.of("auto-replied"))
                .containsEntry("X-Auto-Response-Suppress", List.of("All"))
                .containsEntry("Message-ID", List.of(mail.messageId()));
        assertThat(mail.mail().getFrom()).isEqualTo("تواصل <" + TestMailServer.BOT + ">");
        assertThat(mail.mail().getTo()).containsExactly("citizen.one@mail.example.com");
        assertThat(mail.text()).isEqualTo("""
                Case 4512873: Awaiting documents.

                --\s
                This is an automatic answer of the case-status service. To ask about a case, write its number in \
                the text of a message to this address.
                """);
        assertThat(mail.html()).contains("<html lang=\"en\" dir=\"ltr\">")
                .contains("<p style=\"margin:0 0 1em 0;\">Case 4512873: Awaiting documents.</p>");
    }

    @Test
    void withoutASubjectOfTheirsTheCaseNumberIsTheSubjectAndAPersonsMessageIsNotAutomatic() {
        EmailComposer composer = new EmailComposer(qute, TestMailServer.BOT, "Tawasul");
        assertThat(composer.subject(null, "1446-000123 4512873", "ar")).isEqualTo("المعاملة رقم \u20661446-000123\u2069");
        assertThat(composer.subject(null, null, "ar")).isEqualTo("تواصل: الاستعلام عن المعاملات");
        assertThat(composer.subject("", "4512873", "en")).isEqualTo("Case 4512873");
        assertThat(composer.subject("رد: حالة المعاملة", null, "ar")).isEqualTo("رد: حالة المعاملة");
        assertThat(composer.subject("RE: x", null, "en")).isEqualTo("RE: x");

        EmailComposer.Composed agent = composer.compose(message(Origin.AGENT, "ar", "تفضل بزيارة الفرع <غداً> & شكراً"),
                Optional.of(new ReplyThreads.Answered(Map.of("Attachments", "id.pdf"), null)));
        assertThat(agent.subject()).isEqualTo("تواصل: الاستعلام عن المعاملات");
        assertThat(agent.mail().getHeaders()).doesNotContainKeys("Auto-Submitted", "X-Auto-Response-Suppress",
                "In-Reply-To", "References");
        assertThat(agent.text()).startsWith("تفضل بزيارة الفرع <غداً> & شكراً\n\nالمرفقات لا تُقرأ ولا تُحفظ")
                .endsWith("-- \nخدمة الاستعلام عن المعاملات\n");
        assertThat(agent.html()).contains("<html lang=\"ar\" dir=\"rtl\">")
                .contains("تفضل بزيارة الفرع &lt;غداً&gt; &amp; شكراً").contains("المرفقات لا تُقرأ ولا تُحفظ");
        // a citizen who never wrote: no thread, the service's subject
        EmailComposer.Composed notification = composer.compose(message(Origin.NOTIFICATION, "en", "x"),
                Optional.empty());
        assertThat(notification.subject()).isEqualTo("Tawasul: case status");
        assertThat(notification.mail().getHeaders()).doesNotContainKey("In-Reply-To");
    }

    @Test
    void aCaseStatusUpdateNamesItsCaseInTheSubjectAndThreadsUnderTheCasesPreviousUpdate() {
        EmailComposer composer = new EmailComposer(qute, TestMailServer.BOT, "Tawasul");
        // the first update of a case to a registered contact who never wrote: its own subject, no thread yet
        EmailComposer.Composed first = composer.compose(message(Origin.NOTIFICATION, "ar", "x"), Optional.empty(),
                Optional.of(new ReplyThreads.Notified("1446-000123", null)));
        assertThat(first.subject()).isEqualTo("تحديث حالة المعاملة رقم \u20661446-000123\u2069");
        assertThat(first.mail().getHeaders()).doesNotContainKeys("In-Reply-To", "References");
        assertThat(composer.compose(message(Origin.NOTIFICATION, "en", "x"), Optional.empty(),
                Optional.of(new ReplyThreads.Notified("1446-000123", null))).subject())
                .isEqualTo("Update on case 1446-000123");

        // a later one to a citizen who asked by mail under another subject: the same subject, in reply to the
        // previous update, the citizen's mail still in the references
        String previous = "<tawasul.out.41.0a1b2c3d@emirate.example.gov.sa>";
        Map<String, String> asked = Map.of("Message-ID", "<CAGd0z-9Lr4b@mail.example.com>", "Subject", "my papers");
        EmailComposer.Composed later = composer.compose(message(Origin.NOTIFICATION, "ar", "x"),
                Optional.of(new ReplyThreads.Answered(asked, "1446-000123")),
                Optional.of(new ReplyThreads.Notified("1446-000123", previous)));
        assertThat(later.subject()).isEqualTo(first.subject());
        assertThat(later.mail().getHeaders()).containsEntry("In-Reply-To", List.of(previous))
                .containsEntry("References", List.of("<CAGd0z-9Lr4b@mail.example.com> " + previous));
    }

    @Test
    void theReplyLimitCountsEachMessageOncePerSlidingHour() {
        String prefix = "tawasul-test-" + System.nanoTime() + ":";
        MutableClock clock = new MutableClock(Instant.parse("2026-12-01T09:00:00Z"));
        ReplyRateLimit limit = new ReplyRateLimit(redis, prefix, 2, clock);
        try {
            assertThat(limit.take("Chatty@Mail.example.com", 1)).isTrue();
            assertThat(limit.take("chatty@mail.example.com", 1)).isTrue(); // a retry of the same message
            assertThat(limit.take("chatty@mail.example.com", 2)).isTrue();
            assertThat(limit.take("chatty@mail.example.com", 3)).isFalse();
            assertThat(limit.take("other@mail.example.com", 4)).isTrue();
            clock.now = clock.now.plus(Duration.ofMinutes(61));
            assertThat(limit.take("chatty@mail.example.com", 5)).isTrue();
        } finally {
            var keys = redis.sync().keys(prefix + "*");
            if (!keys.isEmpty()) {
                redis.sync().del(keys.toArray(String[]::new));
            }
        }
    }

    private static final class MutableClock extends Clock {
        Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
