package gov.tawasul.channels.email;

import gov.tawasul.engine.testing.TcpProxy;
import com.icegreen.greenmail.imap.ImapHostManager;
import com.icegreen.greenmail.store.FolderException;
import com.icegreen.greenmail.store.MailFolder;
import com.icegreen.greenmail.store.StoredMessage;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMail;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;

import java.io.ByteArrayInputStream;
import java.util.List;
import java.util.Properties;

/**
 * The agency's mail server in the test JVM: GreenMail (https://greenmail-mail-test.github.io/greenmail/) serving
 * SMTP (the relay replies leave through) and IMAP (the agency's mailbox the bot reads, through a {@link TcpProxy}
 * that a test can cut), with the bot's account {@link #BOT} and every citizen's mailbox created on first delivery.
 */
final class TestMailServer {

    /** The agency's address: login and mailbox of the bot. */
    static final String BOT = "tawasul@emirate.example.gov.sa";
    static final String PASSWORD = "fixture-imap-password";
    private static final Session SESSION = Session.getInstance(new Properties());

    private final GreenMail greenMail;
    private final TcpProxy imapProxy;
    private final GreenMailUser bot;

    TestMailServer(GreenMail greenMail, TcpProxy imapProxy) {
        this.greenMail = greenMail;
        this.imapProxy = imapProxy;
        this.bot = greenMail.setUser(BOT, BOT, PASSWORD);
    }

    /** @return the proxy in front of IMAP */
    TcpProxy imapProxy() {
        return imapProxy;
    }

    /** @return GreenMail itself */
    GreenMail greenMail() {
        return greenMail;
    }

    /** Puts a mail (RFC 5322 bytes, as they are) into the bot's INBOX, as the agency's mail server delivers it. */
    void deliverToBot(byte[] rfc822) {
        try {
            bot.deliver(new MimeMessage(SESSION, new ByteArrayInputStream(rfc822)));
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** @return the mails in {@code address}'s INBOX (a citizen's: what the bot sent there) */
    List<MimeMessage> inboxOf(String address) {
        GreenMailUser user = greenMail.getUserManager().getUserByEmail(address);
        if (user == null) {
            return List.of();
        }
        try {
            return messages(host().getInbox(user));
        } catch (FolderException e) {
            throw new IllegalStateException(e);
        }
    }

    /** @return the mails in one of the bot's folders ({@code INBOX}, {@code Processed}) */
    List<MimeMessage> botFolder(String name) {
        MailFolder folder = host().getFolder(bot, name);
        return folder == null ? List.of() : messages(folder);
    }

    /** @return the bot's folder itself (flags, UIDs), or null */
    MailFolder botMailFolder(String name) {
        return host().getFolder(bot, name);
    }

    /** Empties every mailbox (the bot's folders and every citizen's). */
    void purge() {
        try {
            greenMail.purgeEmailFromAllMailboxes();
        } catch (FolderException e) {
            throw new IllegalStateException(e);
        }
    }

    private ImapHostManager host() {
        return greenMail.getManagers().getImapHostManager();
    }

    private static List<MimeMessage> messages(MailFolder folder) {
        return folder.getMessages().stream().map(StoredMessage::getMimeMessage).toList();
    }
}
