package gov.tawasul.engine.model;

/**
 * Who an outbound message comes from. Stored by name in {@code outbound_message.origin}.
 */
public enum Origin {
    /** The bot's answer to one inbound message (linked by {@code inbound_message_id}, at most one per inbound). */
    BOT,
    /** Typed by a person: a staff member in the console, or on the provider's own inbox (a Messenger echo). */
    AGENT,
    /** A proactive case-status update to a follower. */
    NOTIFICATION,
    /** A message the service itself must send: one-time codes, notices. */
    SYSTEM
}
