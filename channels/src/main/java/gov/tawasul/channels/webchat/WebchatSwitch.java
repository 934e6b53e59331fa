package gov.tawasul.channels.webchat;

import gov.tawasul.channels.common.ChannelStatus;
import gov.tawasul.channels.common.ChannelSwitch;
import gov.tawasul.engine.model.Channel;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;

/**
 * The web chat needs no provider account: it is always on (its visitor tokens are signed with
 * {@code tawasul.webchat.secret}, or a random per-process key with a warning when that is not set). Listed in the
 * start-up line "Channels on: …" so that operators see it beside the others.
 */
@ApplicationScoped
public class WebchatSwitch implements ChannelSwitch {

    private static final ChannelStatus ON = new ChannelStatus(Channel.WEBCHAT, true, "always on", List.of());

    @Override
    public ChannelStatus status() {
        return ON;
    }
}
