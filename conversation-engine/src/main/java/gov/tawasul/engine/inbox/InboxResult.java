package gov.tawasul.engine.inbox;

/**
 * What became of one inbound message handed to the {@link Inbox}.
 *
 * @param outcome         stored for an answer, a duplicate of one already stored, or recorded only (echo)
 * @param messageId       our id of the stored row ({@code inbound_message.id}, or {@code outbound_message.id} for an
 *                        echo), or 0 for a duplicate
 * @param conversationId  the conversation, or 0 for a duplicate
 */
public record InboxResult(Outcome outcome, long messageId, long conversationId) {

    /** The kinds of outcome. */
    public enum Outcome { ACCEPTED, DUPLICATE, RECORDED }
}
