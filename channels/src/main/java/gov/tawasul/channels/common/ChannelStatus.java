package gov.tawasul.channels.common;

import gov.tawasul.engine.model.Channel;

import java.util.List;

/**
 * Whether a channel may run, from its credentials alone: on (every credential it needs is set) or off (how to turn
 * it on), and the settings that are set but cannot be right (a known placeholder, not the provider's format, one
 * credential of a pair missing). Problems stop start-up in the prod profile ({@link ChannelsOn}); in dev and test
 * they are logged and the channel runs when it is on.
 *
 * @param channel    the channel
 * @param on         every credential the channel needs is set
 * @param howToTurnOn for an off channel: which settings to give (environment variable names), else ""
 * @param problems   each naming its setting, e.g. {@code tawasul.twilio.auth-token (TWILIO_AUTH_TOKEN): not 32
 *                   hexadecimal characters}; empty when none
 */
public record ChannelStatus(Channel channel, boolean on, String howToTurnOn, List<String> problems) {

    public ChannelStatus {
        problems = List.copyOf(problems);
    }
}
