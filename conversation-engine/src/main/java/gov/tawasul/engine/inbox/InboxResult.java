package gov.tawasul.engine.inbox;

/**
 * What became of one inbound message handed to the {@link Inbox}.
 *
 * @param outcome         stored for an answer, a duplicate of one already stored, recorded only (echo), or refused
 *                        unstored (a value wider than its column: {@link #REJECTED})
 * @param messageId       our id of the stored row ({@code inbound_message.id}, or {@code outbound_message.id} for an
 *                        echo), or 0 for a duplicate or a refused message
 * @param conversationId  the conversation, or 0 for a duplicate or a refused message
 */
public record InboxResult(Outcome outcome, long messageId, long conversationId) {

    /** The kinds of outcome. */
    public enum Outcome { ACCEPTED, DUPLICATE, RECORDED, REJECTED }

    /** A message not stored because a value is wider than its column (see {@link Inbox}). */
    public static final InboxResult REJECTED = new InboxResult(Outcome.REJECTED, 0, 0);
}
