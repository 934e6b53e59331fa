package gov.tawasul.channels.common;

import gov.tawasul.engine.model.Channel;
import jakarta.ws.rs.NotFoundException;

/**
 * A channel that is on only when its credentials are set (fail closed: no placeholder secret is shipped). Each
 * provider package has one bean of this type; its webhooks call {@link #requireOn()} (404 problem+json when off)
 * and its sender answers {@code enabled()} from {@link #on()} (the outbox then refuses {@code CHANNEL_OFF}: nothing
 * is sent). {@link ChannelsOn} logs at start-up which channels are on and stops a prod start-up on a wrong secret.
 */
public interface ChannelSwitch {

    /** @return the channel and what its credentials allow (computed once from the configuration) */
    ChannelStatus status();

    /** @return whether the channel is on */
    default boolean on() {
        return status().on();
    }

    /** @throws NotFoundException (404 problem+json) when the channel is off: its webhooks do not exist */
    default void requireOn() {
        ChannelStatus status = status();
        if (!status.on()) {
            throw new NotFoundException("The " + label(status.channel()) + " channel is off: its credentials are not set.");
        }
    }

    /** @return the channel's name for operators ({@code SMS}, {@code Messenger}, {@code X}, {@code e-mail}, …) */
    static String label(Channel channel) {
        return switch (channel) {
            case SMS -> "SMS";
            case FACEBOOK -> "Messenger";
            case TWITTER -> "X";
            case EMAIL -> "e-mail";
            case WHATSAPP -> "WhatsApp";
            case WEBCHAT -> "web chat";
        };
    }
}
