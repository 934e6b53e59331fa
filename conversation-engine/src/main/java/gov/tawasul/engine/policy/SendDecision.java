package gov.tawasul.engine.policy;

import java.util.Map;

/**
 * The answer of a {@link ChannelPolicy}: send now (and how), or not at all (and why).
 */
public sealed interface SendDecision {

    /**
     * Send.
     *
     * @param text     the text as it must leave (e.g. folded to GSM-7 for an English SMS), within the channel's limit
     * @param segments SMS segments the text costs, or null on channels that do not count them
     * @param options  channel-specific send options, e.g. {@code messaging_type=MESSAGE_TAG, tag=HUMAN_AGENT} on
     *                 Messenger; never null, stored with the message and handed to its sender
     */
    record Allow(String text, Integer segments, Map<String, String> options) implements SendDecision {
        public Allow {
            options = options == null ? Map.of() : Map.copyOf(options);
        }

        /** @return the text unchanged, no segment count, no options */
        public static Allow as(String text) {
            return new Allow(text, null, Map.of());
        }
    }

    /**
     * Do not send.
     *
     * @param reason machine-readable reason, stored as the refused message's {@code error_code} (e.g.
     *               {@code OPTED_OUT}, {@code HELD_BY_PERSON}, {@code OUTSIDE_WINDOW})
     * @param detail for staff: why, and what would allow it
     */
    record Refuse(Reason reason, String detail) implements SendDecision {
    }

    /** Why a message may not be sent. */
    enum Reason {
        /** The citizen opted out of this sender (SMS STOP, the provider's opt-out). */
        OPTED_OUT,
        /** A person holds the conversation: the bot and notifications stay silent. */
        HELD_BY_PERSON,
        /** The channel allows no message of this origin now (Messenger: 24 h after the citizen's last message). */
        OUTSIDE_WINDOW,
        /** The channel's own rule refuses it (e.g. a template is required); the detail says which. */
        CHANNEL_RULE,
        /** The channel is off: its credentials are not set (or no sender is deployed for it). */
        CHANNEL_OFF
    }
}
