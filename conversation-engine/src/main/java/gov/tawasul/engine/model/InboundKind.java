package gov.tawasul.engine.model;

/** What an inbound message carries, as far as the engine cares. */
public enum InboundKind {
    /** Free text typed by the citizen (Messenger quick-reply taps arrive as text with a payload). */
    TEXT,
    /** A button press whose {@code payload} names an intent (Messenger postback, X quick-reply option). */
    POSTBACK,
    /** A picture, sticker, location or other non-text content: the citizen is asked for the number as text. */
    ATTACHMENT,
    /**
     * A message sent by our own account (Messenger echo, X DM whose sender is the subscribed account):
     * recorded in the conversation as outbound, never answered.
     */
    ECHO
}
