package gov.tawasul.engine.model;

/**
 * What became of an inbound message. Stored by name in {@code inbound_message.state}.
 */
public enum InboundState {
    /** Stored, not yet handled. */
    RECEIVED,
    /** The bot's reply was queued (see {@code outbound_message.inbound_message_id}). */
    ANSWERED,
    /** Deliberately not answered; {@code inbound_message.intent} says why (opt-out, own address, …). */
    IGNORED,
    /** Left to the person who holds the conversation. */
    HANDED_OFF,
    /** Handling threw (a bug); kept so that it does not block its conversation. */
    FAILED
}
