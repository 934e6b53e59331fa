package gov.tawasul.channels.email;

import com.icegreen.greenmail.store.MailFolder;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import jakarta.mail.Flags;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

import static gov.tawasul.channels.email.EmailTestData.count;
import static gov.tawasul.channels.email.EmailTestData.plainMail;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The mailbox reader against a real IMAP server (GreenMail behind a TCP proxy that the test cuts): a connection
 * dropped in the middle of an IDLE, two readers on one mailbox, a changed UIDVALIDITY, the first start on a folder
 * with history, and a server read without IDLE.
 */
@QuarkusTest
@TestProfile(EmailTestProfile.class)
class MailboxReaderTest {

    static final Duration WAIT = Duration.ofSeconds(20);
    private static final Session SESSION = Session.getInstance(new Properties());

    @InjectMailServer
    TestMailServer mail;

    @Inject
    MailboxWatcher watcher;

    @BeforeAll
    static void awaitility() {
        // a dropped connection may make GreenMail's session thread fail: the reader reconnects, no test failure
        Awaitility.doNotCatchUncaughtExceptionsByDefault();
    }

    @BeforeEach
    void clean() {
        watcher.startReader();
        EmailTestData.clean(mail);
        await().atMost(WAIT).until(() -> watcher.reader() != null && watcher.reader().idling());
    }

    /** The application's reader runs again, and nothing is left behind for the tests that follow. */
    @AfterEach
    void appReaderRuns() {
        watcher.startReader();
        EmailTestData.clean(mail);
    }

    private void awaitAnswered(String... addresses) {
        for (String address : addresses) {
            await().atMost(WAIT).until(() -> mail.inboxOf(address).size() >= 1);
        }
        for (String address : addresses) {
            assertThat(mail.inboxOf(address)).as("answers to %s", address).hasSize(1);
            assertThat(count("select count(*) from outbound_message where recipient = ?", address)).isEqualTo(1);
        }
    }

    private static MimeMessage mime(byte[] raw) throws Exception {
        return new MimeMessage(SESSION, new ByteArrayInputStream(raw));
    }

    @Test
    void aConnectionDroppedMidIdleReconnectsAndLosesNothing() {
        MailboxReader reader = watcher.reader();
        int connections = reader.connections();
        assertThat(reader.idling()).isTrue();

        mail.imapProxy().dropAll();
        // this one arrives while the reader has no connection
        mail.deliverToBot(plainMail("drop.one@mail.example.com", "<drop-1@mail.example.com>", "Case 4512873",
                "4512873"));
        await().atMost(WAIT).until(() -> reader.connections() > connections);
        awaitAnswered("drop.one@mail.example.com");

        await().atMost(WAIT).until(reader::idling);
        mail.deliverToBot(plainMail("drop.two@mail.example.com", "<drop-2@mail.example.com>", "Case 12345", "12345"));
        awaitAnswered("drop.two@mail.example.com");
        assertThat(count("select count(*) from inbound_message where channel = 'EMAIL'")).isEqualTo(2);
        await().atMost(WAIT).until(() -> mail.botFolder("Processed").size() == 2);
        await().atMost(WAIT).until(() -> mail.botFolder("INBOX").isEmpty());
    }

    @Test
    void twoReadersOnOneMailboxAnswerEachMailOnce() {
        MailboxReader first = watcher.reader();
        MailboxReader second = watcher.newReader("second");
        long firstBefore = first.delivered();
        second.start();
        try {
            List<String> citizens = List.of("two.a@mail.example.com", "two.b@mail.example.com",
                    "two.c@mail.example.com", "two.d@mail.example.com");
            for (int i = 0; i < citizens.size(); i++) {
                mail.deliverToBot(plainMail(citizens.get(i), "<two-" + i + "@mail.example.com>", "Case 12345", "12345"));
            }
            awaitAnswered(citizens.toArray(String[]::new));
            // the lease: one of them read them all
            long byFirst = first.delivered() - firstBefore;
            assertThat(List.of(byFirst, second.delivered())).containsExactlyInAnyOrder(4L, 0L);

            // the instance holding the lease stops: the other one takes over
            MailboxReader holder = byFirst == 4 ? first : second;
            MailboxReader other = holder == first ? second : first;
            long otherBefore = other.delivered();
            if (holder == first) {
                watcher.stopReader();
            } else {
                second.stop();
            }
            await().atMost(WAIT).until(other::idling);
            mail.deliverToBot(plainMail("two.e@mail.example.com", "<two-e@mail.example.com>", "Case 12345", "12345"));
            mail.deliverToBot(plainMail("two.f@mail.example.com", "<two-f@mail.example.com>", "Case 12345", "12345"));
            awaitAnswered("two.e@mail.example.com", "two.f@mail.example.com");
            assertThat(other.delivered() - otherBefore).isEqualTo(2);
            assertThat(count("select count(*) from inbound_message where channel = 'EMAIL'")).isEqualTo(6);
            assertThat(count("select count(*) from outbound_message where channel = 'EMAIL'")).isEqualTo(6);
        } finally {
            second.stop();
        }
    }

    @Test
    void aChangedUidValidityReadsTheUnreadMailAgain() {
        watcher.stopReader();
        // what was stored belongs to another incarnation of the folder: its UID says nothing about this one
        EmailTestData.redisHash(EmailTestData.positionKey(), Map.of("uidvalidity", "1", "uid", "999999"));
        mail.deliverToBot(plainMail("uid.one@mail.example.com", "<uid-1@mail.example.com>", "Case 12345", "12345"));
        watcher.startReader();
        awaitAnswered("uid.one@mail.example.com");
        MailFolder inbox = mail.botMailFolder("INBOX");
        await().atMost(WAIT).until(() -> EmailTestData.redisHash(EmailTestData.positionKey()).get("uidvalidity")
                .equals(Long.toString(inbox.getUidValidity())));
        assertThat(Long.parseLong(EmailTestData.redisHash(EmailTestData.positionKey()).get("uid")))
                .isLessThan(999999).isGreaterThanOrEqualTo(1);
        // and reading goes on from there
        mail.deliverToBot(plainMail("uid.two@mail.example.com", "<uid-2@mail.example.com>", "Case 12345", "12345"));
        awaitAnswered("uid.two@mail.example.com");
    }

    @Test
    void aFirstStartAnswersNewUnreadMailOnlyAndLeavesTheHistory() throws Exception {
        watcher.stopReader();
        EmailTestData.deleteRedisKeys("email:mailbox:*");
        MailFolder inbox = mail.botMailFolder("INBOX");
        inbox.appendMessage(mime(plainMail("read.by.staff@mail.example.com", "<hist-1@mail.example.com>",
                "Case 12345", "12345")), new Flags(Flags.Flag.SEEN), new Date());
        inbox.appendMessage(mime(plainMail("long.ago@mail.example.com", "<hist-2@mail.example.com>",
                "Case 12345", "12345")), new Flags(), Date.from(Instant.now().minus(Duration.ofDays(3))));
        inbox.appendMessage(mime(plainMail("new.unread@mail.example.com", "<hist-3@mail.example.com>",
                "Case 12345", "12345")), new Flags(), new Date());
        watcher.startReader();
        awaitAnswered("new.unread@mail.example.com");
        mail.deliverToBot(plainMail("after.start@mail.example.com", "<hist-4@mail.example.com>", "Case 12345", "12345"));
        awaitAnswered("after.start@mail.example.com");

        assertThat(mail.inboxOf("read.by.staff@mail.example.com")).isEmpty();
        assertThat(mail.inboxOf("long.ago@mail.example.com")).isEmpty();
        // the answer may leave before the mail is moved: the history stays, the new mail goes
        await().atMost(WAIT).until(() -> mail.botFolder("INBOX").size() == 2);
        assertThat(mail.botFolder("INBOX")).extracting(m -> m.getMessageID())
                .containsExactlyInAnyOrder("<hist-1@mail.example.com>", "<hist-2@mail.example.com>");
        assertThat(count("select count(*) from inbound_message where channel = 'EMAIL'")).isEqualTo(2);
    }

    @Test
    void aServerReadWithoutIdleIsPolled() {
        watcher.stopReader();
        EmailConfig.Imap polling = new PollingImap(watcher.newReaderSettings(), Duration.ofMillis(300));
        MailboxReader reader = watcher.newReader("polling", polling);
        reader.start();
        try {
            mail.deliverToBot(plainMail("polled@mail.example.com", "<poll-1@mail.example.com>", "Case 12345", "12345"));
            awaitAnswered("polled@mail.example.com");
            assertThat(reader.idles()).isZero();
            assertThat(reader.delivered()).isEqualTo(1);
        } finally {
            reader.stop();
        }
    }

    /** The configured IMAP settings with IDLE off and another poll interval. */
    private record PollingImap(EmailConfig.Imap delegate, Duration interval) implements EmailConfig.Imap {
        @Override public Optional<String> host() { return delegate.host(); }
        @Override public int port() { return delegate.port(); }
        @Override public EmailConfig.Security security() { return delegate.security(); }
        @Override public Optional<String> username() { return delegate.username(); }
        @Override public Optional<String> password() { return delegate.password(); }
        @Override public String folder() { return delegate.folder(); }
        @Override public Optional<String> processedFolder() { return delegate.processedFolder(); }
        @Override public boolean idle() { return false; }
        @Override public Duration pollInterval() { return interval; }
        @Override public Duration idleRenewal() { return delegate.idleRenewal(); }
        @Override public Duration leaseTtl() { return delegate.leaseTtl(); }
        @Override public Duration initialLookback() { return delegate.initialLookback(); }
        @Override public Duration initialBackoff() { return delegate.initialBackoff(); }
        @Override public Duration maxBackoff() { return delegate.maxBackoff(); }
        @Override public Duration timeout() { return delegate.timeout(); }
        @Override public int batchSize() { return delegate.batchSize(); }
    }
}
