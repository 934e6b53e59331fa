package gov.tawasul.channels.email;

import gov.tawasul.engine.model.Address;
import gov.tawasul.engine.model.Channel;
import gov.tawasul.engine.model.DeliveryReceipt;
import gov.tawasul.engine.model.InboundBatch;
import gov.tawasul.engine.model.InboundKind;
import gov.tawasul.engine.model.InboundMessage;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One mail of the agency's mailbox as {@link EmailMessageParser} read it, before the conversation it belongs to is
 * known: {@link #toBatch} makes the {@link InboundBatch} the {@link gov.tawasul.engine.inbox.Inbox} takes.
 *
 * @param providerId  the deduplication key: the {@code Message-ID} ({@code <…>}), or a hash when it has none
 * @param messageId   the {@code Message-ID}, or null
 * @param threadIds   the ids of {@code In-Reply-To} then {@code References}, newest reference first: the messages it
 *                    answers (one of ours names its conversation)
 * @param sender      the {@code From} address in canonical form, or empty
 * @param senderName  the {@code From} display name, or null
 * @param subject     the decoded subject, or null
 * @param text        what the engine reads: the citizen's text, quotes and signature cut, with the subject above it
 *                    when only the subject names a case number
 * @param attachments names of the attachments (never stored); never null
 * @param sentAt      the {@code Date} header, else the time the mailbox received it
 * @param noReply     why it must not be answered ({@link LoopGuard}), or null
 * @param report      for a bounce: the delivery report, or null
 * @param attributes  the attributes stored with the message (everything above a person may want to see); never null
 */
record InboundEmail(String providerId, String messageId, List<String> threadIds, String sender, String senderName,
                    String subject, String text, List<String> attachments, Instant sentAt, String noReply,
                    DeliveryReport report, Map<String, String> attributes) {

    /**
     * Attribute set (to {@code true}) on a mail in the thread of another citizen's conversation, sent from an address
     * that is not that citizen's: it is kept in its sender's own conversation, never the thread's.
     */
    static final String ATTR_OTHER_THREAD = "InAnotherCitizensThread";

    /**
     * @return whether the mail is a bounce that becomes a delivery receipt only (it names our failed or delivered
     *         message): such a mail is not stored as a message
     */
    boolean isReceipt() {
        return report != null && report.originalMessageId() != null;
    }

    /**
     * @param us      our address
     * @param citizen the citizen of the conversation of the thread the mail answers (found by {@link #threadIds}),
     *                or null; a mail joins that conversation only from that citizen's own address (a mail from
     *                another address stays its sender's, marked {@link #ATTR_OTHER_THREAD})
     * @return a bounce: its receipt (or nothing, when only delayed); any other mail: the message
     */
    InboundBatch toBatch(Address us, Address citizen) {
        if (isReceipt()) {
            if (report.status() == null) {
                return InboundBatch.EMPTY;
            }
            String message = report.diagnostic() != null ? report.diagnostic()
                    : report.recipient() != null ? "returned: " + report.recipient() : null;
            return new InboundBatch(List.of(), List.of(new DeliveryReceipt(Channel.EMAIL, report.originalMessageId(),
                    report.status(), report.code(), message, report.occurredAt() != null ? report.occurredAt() : sentAt)),
                    List.of(), List.of());
        }
        Map<String, String> attrs = new LinkedHashMap<>(attributes);
        String from = sender.isEmpty() ? "unknown@invalid" : sender;
        if (citizen != null && !citizen.value().equals(from)) {
            // anyone who saw one of our Message-IDs could otherwise act in that citizen's conversation (STOP, codes,
            // answers mailed to the citizen): a mail from another address stays in its sender's own conversation
            attrs.put(ATTR_OTHER_THREAD, "true");
        }
        InboundKind kind = attachments.isEmpty() ? InboundKind.TEXT : InboundKind.ATTACHMENT;
        return InboundBatch.of(new InboundMessage(Channel.EMAIL, providerId, new Address(Channel.EMAIL, from), us,
                kind, text, null, sentAt, senderName, attrs));
    }

    /** @return the ids that may name one of our messages, newest first, without repeats */
    static List<String> threadIds(List<String> inReplyTo, List<String> references) {
        List<String> ids = new ArrayList<>(inReplyTo);
        for (int i = references.size() - 1; i >= 0; i--) {
            if (!ids.contains(references.get(i))) {
                ids.add(references.get(i));
            }
        }
        return List.copyOf(ids);
    }
}
