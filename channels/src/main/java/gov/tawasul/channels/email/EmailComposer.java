package gov.tawasul.channels.email;

import gov.tawasul.engine.model.Origin;
import gov.tawasul.engine.model.OutboundMessage;
import gov.tawasul.engine.reply.EmailAddresses;
import gov.tawasul.engine.store.ReplyThreads;
import gov.tawasul.engine.text.BidiIsolates;
import io.quarkus.mailer.Mail;
import io.quarkus.qute.Engine;
import io.quarkus.qute.Template;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Makes the mail of one outbound message: multipart/alternative, a text part and an HTML part rendered from the Qute
 * templates {@code templates/email/{ar,en}/reply.txt} and {@code reply.html} (the Arabic one {@code dir="rtl"}),
 * which put the reply's text above a short footer (and, when the citizen's mail had attachments, the sentence that
 * they are not read or kept). Headers:
 * <ul>
 *   <li>{@code From: <display name> <address>}, {@code To:} the conversation's address only (never {@code Cc}, never
 *       the {@code Reply-To} of the citizen's mail);</li>
 *   <li>{@code Subject: Re: <theirs>} (theirs as it is when it already starts with {@code Re:}/{@code رد:}); without
 *       a subject of theirs, {@code templates/email/<locale>/subject.txt}: the case number asked about, or the
 *       service's name; a case-status update always {@code templates/email/<locale>/notification-subject.txt}
 *       with its case number (the same subject for every update of a case: citizens file mails by subject);</li>
 *   <li>{@code Message-ID}: ours ({@link MessageIds#ours}), stored as the message's provider id;
 *       {@code In-Reply-To} and {@code References} ({@link MessageIds#references}) naming the citizen's mail, so
 *       that the answer threads in the citizen's client; a case-status update answers our previous update of the
 *       same case to the address when there is one ({@code In-Reply-To} it, {@code References} ending with it), so
 *       the updates of one case form one thread;</li>
 *   <li>{@code Auto-Submitted} as the {@link EmailPolicy} chose it ({@code auto-replied} for the bot), and for every
 *       automatic message {@code X-Auto-Response-Suppress: All} (asks Exchange/Outlook to send no out-of-office
 *       answer back).</li>
 * </ul>
 * Pure apart from reading the templates.
 */
@ApplicationScoped
public class EmailComposer {

    private static final Pattern ALREADY_REPLY = Pattern.compile("^\\s*(re|رد)\\s*:", Pattern.CASE_INSENSITIVE);
    private static final int MAX_SUBJECT = 200;

    private final Engine qute;
    private final String address;
    private final String domain;
    private final String displayName;
    private final Map<String, Template> templates = new ConcurrentHashMap<>();

    @Inject
    EmailComposer(Engine qute, EmailConfig config) {
        this(qute, config.address().orElse("tawasul@localhost"), config.displayName());
    }

    EmailComposer(Engine qute, String address, String displayName) {
        this.qute = qute;
        this.address = EmailAddresses.canonical(address);
        this.domain = EmailAddresses.domain(address).isEmpty() ? "localhost" : EmailAddresses.domain(address);
        this.displayName = displayName == null ? "" : displayName.replaceAll("[<>\",;\\r\\n]", " ").strip();
    }

    /**
     * A mail ready for the mailer.
     *
     * @param messageId our {@code Message-ID}, {@code <…>}
     * @param subject   its subject
     * @param text      the text part
     * @param html      the HTML part
     * @param mail      the quarkus-mailer mail with every header set
     */
    public record Composed(String messageId, String subject, String text, String html, Mail mail) {
    }

    /**
     * @param message  the outbound message (its text and locale are the engine's)
     * @param answered what it answers (the citizen's mail and its case numbers), when the conversation has a mail
     */
    public Composed compose(OutboundMessage message, Optional<ReplyThreads.Answered> answered) {
        return compose(message, answered, Optional.empty());
    }

    /**
     * @param message  the outbound message (its text and locale are the engine's)
     * @param answered what it answers (the citizen's mail and its case numbers), when the conversation has a mail
     * @param notified the case-status update it carries (its case, our previous update of the case), if any
     */
    public Composed compose(OutboundMessage message, Optional<ReplyThreads.Answered> answered,
                            Optional<ReplyThreads.Notified> notified) {
        Map<String, String> parent = answered.map(ReplyThreads.Answered::attributes).orElse(Map.of());
        String locale = "en".equals(message.locale()) ? "en" : "ar";
        String messageId = MessageIds.ours(message.id(), message.to().value(), message.text(), domain);
        String subject = notified.isPresent() ? notificationSubject(notified.get().caseNumber(), locale)
                : subject(parent.get("Subject"), answered.map(ReplyThreads.Answered::caseNumbers).orElse(null),
                locale);
        boolean automatic = message.origin() != Origin.AGENT;
        boolean attachments = parent.containsKey("Attachments");

        Map<String, Object> data = new HashMap<>();
        data.put("text", message.text());
        data.put("paragraphs", paragraphs(message.text()));
        data.put("subject", subject);
        data.put("automatic", automatic);
        data.put("attachments", attachments);
        String text = tidy(render("email/" + locale + "/reply.txt", data));
        String html = render("email/" + locale + "/reply.html", data);

        Mail mail = Mail.withText(message.to().value(), subject, text).setHtml(html)
                .setFrom(displayName.isEmpty() ? address : displayName + " <" + address + ">");
        mail.addHeader("Message-ID", messageId);
        String parentId = parent.get("Message-ID");
        String inReplyTo = null;
        String references = null;
        if (MessageIds.isReal(parentId)) {
            inReplyTo = parentId;
            references = MessageIds.references(parent.get("References"), parent.get("In-Reply-To"), parentId);
        }
        String previous = notified.map(ReplyThreads.Notified::previousMessageId).orElse(null);
        if (MessageIds.isReal(previous)) {
            inReplyTo = previous;
            references = MessageIds.references(references, null, previous);
        }
        if (inReplyTo != null) {
            mail.addHeader("In-Reply-To", inReplyTo);
            mail.addHeader("References", references);
        }
        String autoSubmitted = message.options().get(EmailPolicy.AUTO_SUBMITTED);
        if (autoSubmitted != null) {
            mail.addHeader("Auto-Submitted", autoSubmitted);
        }
        if (automatic) {
            mail.addHeader("X-Auto-Response-Suppress", "All");
        }
        mail.addHeader("Content-Language", locale);
        return new Composed(messageId, subject, text, html, mail);
    }

    /**
     * {@code Re: <theirs>}, else the subject template with the first case number asked about (in Arabic between
     * Unicode isolates, as in the replies: {@link BidiIsolates}).
     */
    String subject(String theirs, String caseNumbers, String locale) {
        if (theirs != null && !theirs.isBlank()) {
            String s = theirs.replaceAll("[\\r\\n\\t]+", " ").strip();
            s = s.length() > MAX_SUBJECT ? s.substring(0, MAX_SUBJECT) : s;
            return ALREADY_REPLY.matcher(s).find() ? s : "Re: " + s;
        }
        String first = caseNumbers == null || caseNumbers.isBlank() ? null : caseNumbers.strip().split("\\s+")[0];
        Map<String, Object> data = new HashMap<>();
        data.put("caseNumber", first);
        String subject = render("email/" + locale + "/subject.txt", data).strip();
        return "en".equals(locale) ? subject : BidiIsolates.isolateLatinValues(subject);
    }

    /**
     * The subject of a case-status update: {@code notification-subject.txt} with the case number (in Arabic between
     * Unicode isolates, {@link BidiIsolates}).
     */
    String notificationSubject(String caseNumber, String locale) {
        String subject = render("email/" + locale + "/notification-subject.txt", Map.of("caseNumber", caseNumber))
                .strip().replaceAll("[\\r\\n\\t]+", " ");
        subject = subject.length() > MAX_SUBJECT ? subject.substring(0, MAX_SUBJECT) : subject;
        return "en".equals(locale) ? subject : BidiIsolates.isolateLatinValues(subject);
    }

    /** The text in paragraphs (blank lines) of lines, for the HTML part. */
    static List<List<String>> paragraphs(String text) {
        List<List<String>> paragraphs = new ArrayList<>();
        for (String block : text.strip().split("\\n\\s*\\n")) {
            List<String> lines = new ArrayList<>();
            for (String line : block.split("\\n")) {
                lines.add(line.strip());
            }
            paragraphs.add(lines);
        }
        return paragraphs;
    }

    /** No more than one blank line in a row, one line end at the end ({@code "-- "} keeps its space). */
    private static String tidy(String text) {
        return text.replace("\r\n", "\n").replaceAll("\\n{3,}", "\n\n").strip() + "\n";
    }

    private String render(String id, Map<String, Object> data) {
        Template template = templates.computeIfAbsent(id, key -> {
            Template t = qute.getTemplate(key);
            if (t == null) {
                throw new IllegalStateException("missing e-mail template " + key);
            }
            return t;
        });
        return template.data(data).render();
    }
}
