package gov.tawasul.channels.email;

import gov.tawasul.engine.intent.CaseNumberRecognizer;
import gov.tawasul.engine.model.InboundMessage;
import gov.tawasul.engine.reply.EmailAddresses;
import gov.tawasul.engine.text.TextNormalizer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import java.io.ByteArrayInputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads one mail of the agency's mailbox into an {@link InboundEmail} — the e-mail counterpart of the other
 * channels' webhook parsers. What it reads:
 * <ul>
 *   <li>the deduplication key: the {@code Message-ID}, or a hash of sender, date, subject and text when there is
 *       none (the engine stores a message once per key);</li>
 *   <li>the sender ({@code From}; never {@code Reply-To}: answers go to the address that wrote, so that a forged
 *       {@code Reply-To} cannot receive a citizen's case), its name, the subject (RFC 2047 encoded words, or raw
 *       8-bit bytes), {@code In-Reply-To} and {@code References};</li>
 *   <li>the text ({@link MailText}): plain or HTML, any charset, quoted history and signature cut; when the text
 *       names no case number and the subject does ({@code Re: Case 4512873}), the subject (without its
 *       {@code Re:}/{@code رد:} prefixes) is put above the text, so that the subject is read for a case number too;</li>
 *   <li>attachments: only their names; the message becomes an {@code ATTACHMENT} (the bot asks for the number as
 *       text when the text has none);</li>
 *   <li>why it must not be answered ({@link LoopGuard}); for a bounce, its {@link DeliveryReport}.</li>
 * </ul>
 * Never throws for a broken mail: what cannot be read is left out. Thread-safe.
 */
@ApplicationScoped
public class EmailMessageParser {

    static {
        // encoded words inside words ("=?utf-8?B?…?=x"), as some clients write them (jakarta.mail.internet.MimeUtility)
        System.setProperty("mail.mime.decodetext.strict", "false");
    }

    private static final Pattern REPLY_PREFIX = Pattern.compile(
            "^(?:\\s*(?:re|fw|fwd|aw|sv|tr|wg|رد|إعادة توجيه|اعادة توجيه|تحويل|توجيه)\\s*(?:\\[\\d+])?\\s*[:：]\\s*)+",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    private static final int MAX_ATTRIBUTE = 1000;
    private static final int MAX_NAME = 200;
    private static final int MAX_REFERENCES_KEPT = 20;
    private static final Session SESSION = Session.getInstance(new Properties());

    private final Set<String> ownAddresses;
    private final CaseNumberRecognizer caseNumbers;

    @Inject
    EmailMessageParser(EmailConfig config, CaseNumberRecognizer caseNumbers) {
        this(ownAddresses(config), caseNumbers);
    }

    /**
     * @param ownAddresses our addresses (any form)
     * @param caseNumbers  the engine's case-number recogniser (for the subject rule)
     */
    EmailMessageParser(Set<String> ownAddresses, CaseNumberRecognizer caseNumbers) {
        Set<String> own = new LinkedHashSet<>();
        ownAddresses.forEach(a -> own.add(EmailAddresses.canonical(a)));
        this.ownAddresses = Set.copyOf(own);
        this.caseNumbers = caseNumbers;
    }

    static Set<String> ownAddresses(EmailConfig config) {
        Set<String> own = new LinkedHashSet<>();
        config.address().ifPresent(own::add);
        config.ownAddresses().ifPresent(own::addAll);
        return own;
    }

    /** @return the mail of these RFC 5322 bytes (an {@code .eml} file) */
    public InboundEmail parse(byte[] rfc822, Instant receivedAt) {
        try {
            return parse(new MimeMessage(SESSION, new ByteArrayInputStream(rfc822)), receivedAt);
        } catch (MessagingException e) {
            throw new IllegalArgumentException("not a mail: " + e.getMessage(), e);
        }
    }

    /**
     * @param message    the mail (parsed from bytes, or an IMAP message whose parts are fetched as needed)
     * @param receivedAt when the mailbox received it (IMAP {@code INTERNALDATE}), for a mail without a date
     */
    public InboundEmail parse(MimeMessage message, Instant receivedAt) {
        String fromHeader = header(message, "From");
        String sender = "";
        String senderName = null;
        InternetAddress from = firstAddress(fromHeader);
        if (from != null && from.getAddress() != null
                && from.getAddress().length() <= EmailAddresses.MAX_LENGTH) {
            sender = EmailAddresses.canonical(from.getAddress());
            senderName = from.getPersonal() == null || from.getPersonal().isBlank() ? null
                    : MailText.header(from.getPersonal()).strip();
            if (senderName != null && senderName.length() > MAX_NAME) {
                senderName = senderName.substring(0, MAX_NAME); // conversation.citizen_name is varchar(256)
            }
        }
        String subject = MailText.header(header(message, "Subject"));
        String dateHeader = header(message, "Date");
        Instant sentAt = sentAt(message, receivedAt);
        String messageId = MessageIds.first(header(message, "Message-ID"));
        List<String> inReplyTo = MessageIds.all(header(message, "In-Reply-To"));
        List<String> references = MessageIds.all(header(message, "References"));

        String noReply = LoopGuard.reason(message, sender, ownAddresses);
        DeliveryReport report = DeliveryReport.parse(message).orElse(null);
        if (report != null && report.originalMessageId() == null) {
            report = fallbackOriginal(report, inReplyTo, references);
        }
        MailText.Body body = MailText.of(message);
        String text = withSubject(body.text(), subject);
        String providerId = messageId != null ? MessageIds.stored(messageId)
                : MessageIds.synthetic(sender, dateHeader, subject, body.text());

        Map<String, String> attributes = new LinkedHashMap<>();
        put(attributes, "Message-ID", messageId);
        put(attributes, "In-Reply-To", String.join(" ", inReplyTo));
        put(attributes, "References", String.join(" ", last(references, MAX_REFERENCES_KEPT)));
        put(attributes, "Subject", subject);
        put(attributes, "Attachments", String.join(", ", body.attachments()));
        put(attributes, InboundMessage.ATTR_NO_REPLY, noReply);
        return new InboundEmail(providerId, messageId, InboundEmail.threadIds(inReplyTo, references), sender,
                senderName, subject, text, body.attachments(), sentAt, noReply, report, Map.copyOf(attributes));
    }

    /** A bounce without returned headers: the report may still name our message in its own thread headers. */
    private static DeliveryReport fallbackOriginal(DeliveryReport report, List<String> inReplyTo,
                                                   List<String> references) {
        List<String> ids = InboundEmail.threadIds(inReplyTo, references);
        return ids.isEmpty() ? report : new DeliveryReport(ids.get(0), report.status(), report.code(),
                report.diagnostic(), report.recipient(), report.occurredAt());
    }

    /**
     * The text the engine reads: the body; when it names no case number but the subject does, the subject without
     * its reply prefixes, a blank line, then the body; an empty body: the subject.
     */
    String withSubject(String body, String subject) {
        String core = subject == null ? "" : stripReplyPrefixes(subject);
        if (core.isBlank()) {
            return body;
        }
        if (body.isBlank()) {
            return core;
        }
        boolean bodyHasNumber = !caseNumbers.find(TextNormalizer.normalize(body)).isEmpty();
        boolean subjectHasNumber = !caseNumbers.find(TextNormalizer.normalize(core)).isEmpty();
        return !bodyHasNumber && subjectHasNumber ? core + "\n\n" + body : body;
    }

    /** {@code "Re: RE: رد: Case 4512873"} → {@code "Case 4512873"}. */
    static String stripReplyPrefixes(String subject) {
        return REPLY_PREFIX.matcher(subject).replaceFirst("").strip();
    }

    private static Instant sentAt(MimeMessage message, Instant receivedAt) {
        try {
            java.util.Date date = message.getSentDate();
            if (date != null) {
                return date.toInstant();
            }
        } catch (MessagingException | RuntimeException e) {
            // unparseable Date: the receive time
        }
        return receivedAt != null ? receivedAt : Instant.now();
    }

    private static InternetAddress firstAddress(String header) {
        if (header == null || header.isBlank()) {
            return null;
        }
        try {
            InternetAddress[] addresses = InternetAddress.parseHeader(MailText.eightBit(header), false);
            return addresses.length == 0 ? null : addresses[0];
        } catch (AddressException e) {
            return null;
        }
    }

    /** @return the first value of a header (unfolded), or null */
    private static String header(MimeMessage message, String name) {
        try {
            String value = message.getHeader(name, null);
            return value == null ? null : value.replaceAll("\\r?\\n(?=[ \\t])", "");
        } catch (MessagingException | RuntimeException e) {
            return null;
        }
    }

    private static void put(Map<String, String> attributes, String name, String value) {
        if (value != null && !value.isBlank()) {
            attributes.put(name, value.length() > MAX_ATTRIBUTE ? value.substring(0, MAX_ATTRIBUTE) : value);
        }
    }

    private static List<String> last(List<String> ids, int n) {
        return ids.size() <= n ? ids : new ArrayList<>(ids.subList(ids.size() - n, ids.size()));
    }
}
