package gov.tawasul.channels.twilio;

import gov.tawasul.channels.common.ChannelStatus;
import gov.tawasul.channels.common.ChannelSwitch;
import gov.tawasul.engine.model.Channel;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;

/**
 * WhatsApp is on when its sender ({@code tawasul.whatsapp.from}, TWILIO_WHATSAPP_FROM) is set and the Twilio account
 * it goes through is on ({@link TwilioSwitch}: Account SID and Auth Token). The account's own credential problems are
 * reported once, by {@link TwilioSwitch}. Listed in the start-up line "Channels on: …".
 */
@ApplicationScoped
public class WhatsAppSwitch implements ChannelSwitch {

    private final ChannelStatus status;

    WhatsAppSwitch(WhatsAppConfig config, TwilioSwitch twilio) {
        this.status = new ChannelStatus(Channel.WHATSAPP, config.enabled() && twilio.on(),
                "set TWILIO_WHATSAPP_FROM and the Twilio account", List.of());
    }

    @Override
    public ChannelStatus status() {
        return status;
    }
}
