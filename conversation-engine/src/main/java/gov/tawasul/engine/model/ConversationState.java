package gov.tawasul.engine.model;

/**
 * Who answers a conversation. Stored by name in {@code conversation.state}.
 */
public enum ConversationState {
    /** The bot answers. */
    BOT,
    /**
     * The citizen asked for a person; until staff take it or hand it back the bot answers case-status queries
     * only (everything else is staff's).
     */
    WAITING_FOR_AGENT,
    /** A staff member holds the conversation; the bot stays silent. */
    WITH_AGENT,
    /** Closed by staff; the next inbound message reopens it for the bot ({@code BOT}). */
    CLOSED;

    /**
     * @return true when a person holds or is asked to hold the conversation: the bot stays silent, except that it
     *         still answers case-status queries while {@link #WAITING_FOR_AGENT}
     */
    public boolean isHeldByPerson() {
        return this == WAITING_FOR_AGENT || this == WITH_AGENT;
    }
}
