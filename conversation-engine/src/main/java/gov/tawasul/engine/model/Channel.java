package gov.tawasul.engine.model;

import java.util.Locale;

/**
 * A messaging channel the bot answers on. Stored by {@link #name()} in the database; {@link #wireName()}
 * is the lower-case name used in the case-management API's {@code contacts[].channel} field
 * ({@code "sms"}, {@code "facebook"}, {@code "twitter"}, {@code "email"}, {@code "whatsapp"}, {@code "webchat"}).
 */
public enum Channel {
    /** SMS through Twilio Programmable Messaging. */
    SMS,
    /** Facebook Messenger through a Page (Messenger Platform). */
    FACEBOOK,
    /** X/Twitter direct messages (Account Activity API or X API v2 polling). */
    TWITTER,
    /** E-mail: the agency's mailbox read over IMAP, answers sent over SMTP. */
    EMAIL,
    /** WhatsApp through Twilio's WhatsApp sender (addresses {@code whatsapp:+E164} on the wire, stored as {@code +E164}). */
    WHATSAPP,
    /** The web chat on the agency's site and its kiosks (anonymous visitor ids over a WebSocket). */
    WEBCHAT;

    /** @return the lower-case name used in case contacts and URLs, e.g. {@code "sms"}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Parses a wire name ({@code "sms"}, {@code "facebook"}, {@code "twitter"}, {@code "email"}), case-insensitive.
     *
     * @throws IllegalArgumentException for an unknown name
     */
    public static Channel fromWireName(String name) {
        return valueOf(name.trim().toUpperCase(Locale.ROOT));
    }
}
