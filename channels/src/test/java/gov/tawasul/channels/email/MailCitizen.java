package gov.tawasul.channels.email;

import jakarta.mail.internet.MimeMessage;

import java.util.List;

/**
 * A citizen writing to the agency's mailbox of the {@link GreenMailResource} (for tests outside this package):
 * injected into a field of this type annotated {@link InjectMailServer}.
 */
public final class MailCitizen {

    private final TestMailServer server;

    MailCitizen(TestMailServer server) {
        this.server = server;
    }

    /** Delivers a plain-text mail from {@code from} to the bot's mailbox. */
    public void writes(String from, String messageId, String subject, String text) {
        server.deliverToBot(EmailTestData.plainMail(from, messageId, subject, text));
    }

    /** @return the mails {@code address} received so far */
    public List<MimeMessage> inboxOf(String address) {
        return server.inboxOf(address);
    }
}
